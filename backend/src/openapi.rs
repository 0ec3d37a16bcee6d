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
        tertib_domain::import::ImportMode,
        tertib_domain::import::TemplateFormat,
        tertib_domain::export::ExportFormat,
        tertib_domain::webhooks::WebhookEvent,
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
        (name = "cases", description = "The procedures (registration, transfer, deactivation, family change) as cases with steps, checklists, documents and notes"),
        (name = "arrears", description = "Contributions in arrears per worker"),
        (name = "audit", description = "The append-only audit log and the histories built from it"),
        (name = "sop", description = "The written SOP, printed from the rules the server enforces, and its settings"),
        (name = "reminders", description = "Email reminders and the outbox"),
        (name = "edabu", description = "Batches for BPJS's e-Dabu: the pending cases written as its upload form and submitted, its answers read back; the form's layout"),
        (name = "imports", description = "Rosters imported from CSV or Excel (the template or BPJS's e-Dabu upload form), every row through the form's rules"),
        (name = "portal", description = "The client-company portal (published on its own at /api/portal/openapi.json), its API clients and webhooks"),
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

/// What a client company's integrator is given: only the portal's operations and the token
/// endpoint, with the schemas they use (and nothing else of the internal API).
pub fn portal_spec() -> anyhow::Result<serde_json::Value> {
    use serde_json::Value;
    let mut doc = serde_json::to_value(spec())?;
    let is_portal = |path: &str| path.starts_with("/api/v1/portal/") || path == "/api/v1/auth/token";
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        paths.retain(|path, _| is_portal(path));
    }
    doc["info"] = serde_json::json!({
        "title": "Tertib client portal API",
        "version": env!("CARGO_PKG_VERSION"),
        "license": { "name": "AGPL-3.0-or-later" },
        "description": "The BPJS Kesehatan status of the workers an outsourcing company places with your company.\n\n1. Ask the outsourcing company for an API client: you get a `client_id` and a `client_secret` (shown once).\n2. `POST /api/v1/auth/token` with `grant_type=client_credentials`, `client_id`, `client_secret` (form-encoded): a Bearer token valid for `expires_in` seconds.\n3. `GET /api/v1/portal/workers` (with `updated_since` for incremental sync, `status`, paging), `GET /api/v1/portal/workers/{id}`, `GET /api/v1/portal/summary` with `Authorization: Bearer <token>`; `GET /api/v1/portal/workers/export?format=csv|xlsx` for the whole list as a spreadsheet.\n4. Or be told: the outsourcing company can set a webhook for your company, a signed POST to your URL when a worker's status changes (see `webhooks`).\n\nOnly workers placed with your company (now, or until six months ago) exist for you: any other id answers 404. Identity numbers are always masked. Answers carry an `ETag`; send it in `If-None-Match` and an unchanged answer is a bodyless 304. Each API client has a rate limit per minute: over it, 429 with `Retry-After`. Errors answer `{\"code\",\"message\",\"details\"}`; `message` follows `Accept-Language` (Bahasa Indonesia by default, English)."
    });
    doc["tags"] = serde_json::json!([{ "name": "portal", "description": "The client-company portal" }]);
    doc["webhooks"] = webhooks();
    // Keep the schemas the kept operations and webhooks reach, following references.
    let mut keep: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    let mut frontier = vec![doc["paths"].clone(), doc["webhooks"].clone()];
    while let Some(value) = frontier.pop() {
        let text = value.to_string();
        for part in text.split("#/components/schemas/").skip(1) {
            let name: String = part.chars().take_while(|c| *c != '"').collect();
            if keep.insert(name.clone()) {
                frontier.push(doc["components"]["schemas"][&name].clone());
            }
        }
    }
    if let Some(schemas) = doc["components"]["schemas"].as_object_mut() {
        schemas.retain(|name, _| keep.contains(name));
    }
    doc["components"]["securitySchemes"]["bearer"]["description"] = Value::from(
        "Token from `POST /api/v1/auth/token` (client credentials), or a client user's sign-in. The scope `client` is the only role the portal admits.",
    );
    Ok(doc)
}

/// What a client company's webhook receives (OpenAPI 3.1 `webhooks`; utoipa has no way to say it,
/// so it is written here, around the schema of the event).
fn webhooks() -> serde_json::Value {
    use tertib_domain::webhooks::{MAX_ATTEMPTS, STATUS_CHANGED, TIMEOUT_SECS};
    let description = format!(
        "Sent to your webhook's URL when a worker placed with your company (now, or until six months ago) changes `status`; `previous_status` is the status before.\n\n\
         **Check the signature before trusting the body.** `Tertib-Signature` is `t=<unix seconds>,v1=<hex>`: compute HMAC-SHA256 keyed with your webhook secret (the text as shown, its UTF-8 bytes) over `<t>.<raw body>` (the bytes as received, before any JSON parsing), and compare it with `v1` in constant time. Refuse a `t` more than 5 minutes away from your clock: that is a replay.\n\n\
         Answer 2xx within {TIMEOUT_SECS} s (queue the work, do it afterwards). Any other answer, a redirect (not followed) or no answer is retried: 30 s later, then doubling up to an hour between two, {MAX_ATTEMPTS} attempts in all (about eight hours). A retry keeps the event's `id` (also in `Tertib-Delivery`): ignore an `id` you have processed already. Deliveries can arrive out of order: keep the latest `worker.updated_at`, or read `GET /api/v1/portal/workers/{{id}}`."
    );
    let header = |name: &str, text: &str, example: &str| serde_json::json!({ "name": name, "in": "header", "required": true, "description": text, "schema": { "type": "string" }, "example": example });
    serde_json::json!({
        STATUS_CHANGED: { "post": {
            "tags": ["portal"],
            "summary": "A placed worker's status changed",
            "description": description,
            "operationId": "worker_status_changed",
            "parameters": [
                header("Tertib-Event", "The event's type.", STATUS_CHANGED),
                header("Tertib-Delivery", "The event's `id`, the same on every retry.", "01936f0e-6a5c-7c2e-9b1a-4f0d2c3b5a61"),
                header("Tertib-Signature", "`t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<raw body>\">`.", "t=1764123456,v1=8f1d3b0c9e2a4f6b7d5c1e3a9b8d7c6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b"),
            ],
            "requestBody": { "required": true, "content": { "application/json": {
                "schema": { "$ref": "#/components/schemas/WebhookEvent" }
            } } },
            "responses": {
                "2XX": { "description": "Received: not sent again." },
                "default": { "description": "Anything else: sent again later, until the attempts run out." }
            }
        } }
    })
}

/// The portal document as committed in `openapi/portal.json`.
pub fn portal_spec_json() -> anyhow::Result<String> {
    Ok(serde_json::to_string_pretty(&portal_spec()?)? + "\n")
}
