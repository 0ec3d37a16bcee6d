//! Checking a draft without saving it: for forms and integrators.

use actix_web::{post, web, HttpRequest};
use tertib_domain::family::validate_family;
use tertib_domain::nik::Nik;
use tertib_domain::registry::{NewWorker, ValidationReport};
use tertib_domain::worker::{validate_worker, ValidationSettings};
use tertib_domain::ApiErrorBody;

use super::answer_lang;
use crate::auth::roles::Internal;
use crate::auth::Auth;
use crate::db::client_companies;
use crate::error::ApiError;
use crate::registry::today;
use crate::state::AppState;

/// Check a worker without saving
///
/// Answers every finding about the draft (errors and warnings, family members included), what
/// its NIK encodes when it can be read, and the coverage of each family member. With a
/// `client_company_id`, the wage is checked against that company's UMK. Nothing is stored; a
/// duplicate NIK is found only when saving.
#[utoipa::path(
    tag = "validation",
    security(("bearer" = ["director", "hr", "admin_ops"])),
    request_body = NewWorker,
    responses(
        (status = 200, body = ValidationReport),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not internal staff", body = ApiErrorBody),
    )
)]
#[post("/validate/worker")]
pub async fn validate_worker_draft(
    state: web::Data<AppState>,
    auth: Auth<Internal>,
    req: HttpRequest,
    body: web::Json<NewWorker>,
) -> Result<web::Json<ValidationReport>, ApiError> {
    let lang = answer_lang(&req, &auth.caller);
    let input = body.into_inner();
    let company_id = input.client_company_id.clone().filter(|c| !c.trim().is_empty());
    let settings = match company_id {
        Some(id) => state
            .db
            .run(move |conn| Ok(client_companies::find(conn, id.trim())?))
            .await?
            .map(|c| c.validation_settings())
            .unwrap_or_default(),
        None => ValidationSettings::default(),
    };
    let today = today();
    let draft = input.worker;
    let findings = validate_worker(&draft, today, &settings);
    let coverage = validate_family(&draft, &draft.family, today, &settings).coverage;
    Ok(web::Json(ValidationReport {
        findings: findings.iter().map(|f| f.to_detail(lang)).collect(),
        nik: Nik::parse(&draft.nik).ok().map(|n| n.decode(today)),
        family_coverage: coverage,
    }))
}
