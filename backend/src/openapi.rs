//! The OpenAPI document, collected from the handlers' `#[utoipa::path]` attributes as they are
//! registered. Roles are listed as the scopes of the `bearer` security requirement (OpenAPI 3.1
//! allows role names there for non-OAuth schemes); an operation without security is public.

use actix_web::App;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::AppExt;

use crate::routes;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Tertib API",
        description = "Kepesertaan BPJS Kesehatan pekerja perusahaan alih daya: pendaftaran, pengalihan, penonaktifan.\n\nBPJS Kesehatan membership of an outsourcing company's workers: registration, transfer, deactivation.\n\nErrors always answer `{\"code\",\"message\",\"details\"}`; `message` follows `Accept-Language` (Bahasa Indonesia by default, English). Access tokens come from `POST /api/v1/auth/login` and go in `Authorization: Bearer …`. Each operation's `security` lists the roles it admits.",
        license(name = "AGPL-3.0-or-later"),
    ),
    modifiers(&BearerScheme),
    components(schemas(
        tertib_domain::ApiErrorBody,
        tertib_domain::ErrorCode,
        tertib_domain::ErrorDetail,
        tertib_domain::registry::MembershipStatus,
        tertib_domain::registry::WorkerSort,
        tertib_domain::registry::SortOrder,
        tertib_domain::worker::EmploymentStatus,
    )),
    tags(
        (name = "system", description = "Health"),
        (name = "auth", description = "Sign-in and sessions"),
        (name = "account", description = "The signed-in user's own account"),
        (name = "users", description = "User administration (directors)"),
        (name = "client-companies", description = "The companies workers are placed with"),
        (name = "workers", description = "The worker registry. NIK and KK in full only for directors and HR reading one record (each reading is audited); masked otherwise"),
        (name = "family", description = "A worker's family members and who of them the contribution covers"),
        (name = "placements", description = "Which client company a worker works at, and since when"),
        (name = "validation", description = "The registry's rules, applied to a draft without saving"),
    )
)]
pub struct ApiDoc;

struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some("Access token from `POST /api/v1/auth/login`; the scopes of an operation's requirement are the roles it admits."))
                    .build(),
            ),
        );
    }
}

/// The document the server serves, built from the same registrations.
pub fn spec() -> utoipa::openapi::OpenApi {
    let (_, api) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .service(utoipa_actix_web::scope(routes::API_PREFIX).configure(routes::configure))
        .split_for_parts();
    api
}

/// The document as committed in `openapi/openapi.json`: pretty JSON with a final newline.
pub fn spec_json() -> anyhow::Result<String> {
    Ok(spec().to_pretty_json()? + "\n")
}
