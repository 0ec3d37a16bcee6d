//! The HTTP API, one module per resource. Every handler is registered here and nowhere else, so
//! the OpenAPI document (collected from these registrations) lists exactly what is served.

pub mod api_clients;
pub mod arrears;
pub mod audit;
pub mod auth;
pub mod cases;
pub mod client_companies;
pub mod documents;
pub mod edabu;
pub mod exports;
pub mod family;
pub mod health;
pub mod import_status;
pub mod imports;
pub mod me;
pub mod membership;
pub mod placements;
pub mod portal;
pub mod reminders;
pub mod sop;
pub mod termination;
pub mod users;
pub mod validate;
pub mod webhooks;
pub mod workers;

use actix_web::http::header;
use actix_web::HttpRequest;
use tertib_domain::Lang;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::Caller;

/// Where the API lives; everything under it answers JSON, never the SPA.
pub const API_PREFIX: &str = "/api/v1";

/// Registers every handler on `$cfg`: the one list behind both the served routes and the
/// OpenAPI document.
macro_rules! register_api {
    ($cfg:expr) => {
        $cfg.service(health::health)
            .service(auth::login)
            .service(auth::refresh)
            .service(auth::logout)
            .service(me::get_me)
            .service(me::update_me)
            .service(me::change_password)
            .service(users::list_users)
            .service(users::create_user)
            .service(users::get_user)
            .service(users::update_user)
            .service(client_companies::list_client_companies)
            .service(client_companies::create_client_company)
            .service(client_companies::get_client_company)
            .service(client_companies::update_client_company)
            .service(workers::list_workers)
            .service(workers::create_worker)
            // Before `/workers/{id}`, which would take `export` for an id.
            .service(exports::export_workers)
            .service(workers::get_worker)
            .service(workers::update_worker)
            .service(workers::get_kk_history)
            .service(family::list_family)
            .service(family::add_family_member)
            .service(family::update_family_member)
            .service(placements::list_placements)
            .service(placements::add_placement)
            .service(validate::validate_worker_draft)
            .service(termination::record_termination)
            .service(membership::membership_history)
            .service(cases::list_cases)
            .service(cases::list_assignees)
            .service(cases::list_worker_cases)
            .service(cases::get_case)
            .service(cases::update_case)
            .service(cases::transition_case)
            .service(cases::tick_checklist)
            .service(cases::add_case_note)
            .service(cases::upload_document)
            .service(cases::case_history)
            .service(documents::download_document)
            .service(arrears::list_arrears)
            .service(arrears::add_arrears)
            .service(arrears::update_arrears)
            .service(audit::list_audit)
            .service(audit::worker_history)
            .service(sop::get_sop)
            .service(sop::get_lifecycle_settings)
            .service(sop::put_lifecycle_settings)
            .service(reminders::preview_digest)
            .service(reminders::send_digest)
            .service(reminders::list_outbox)
            .service(reminders::resend)
            .service(reminders::get_reminder_settings)
            .service(reminders::put_reminder_settings)
            .service(api_clients::token)
            .service(api_clients::list_api_clients)
            .service(api_clients::create_api_client)
            .service(api_clients::revoke_api_client)
            .service(webhooks::get_webhook)
            .service(webhooks::put_webhook)
            .service(webhooks::delete_webhook)
            .service(webhooks::rotate_webhook_secret)
            .service(webhooks::list_webhook_deliveries)
            .service(portal::list_portal_workers)
            // Before `/portal/workers/{id}`, which would take `export` for an id.
            .service(portal::export_portal_workers)
            .service(portal::get_portal_worker)
            .service(portal::portal_summary)
            .service(edabu::create_batch)
            .service(edabu::list_batches)
            .service(edabu::get_batch)
            .service(edabu::download_batch_file)
            .service(edabu::upload_results)
            .service(edabu::get_edabu_settings)
            .service(edabu::put_edabu_settings)
            .service(imports::import_workers)
            .service(imports::import_rows)
            .service(imports::import_template)
            .service(import_status::get_import);
    };
}

/// The API as the OpenAPI document sees it (collecting each handler's description).
pub fn configure(cfg: &mut ServiceConfig) {
    register_api!(cfg);
}

/// The API as the server serves it. Each worker thread builds its own routes; registering them
/// through `configure` would also build a copy of the whole OpenAPI document per worker (about
/// 3 MB each), which the server serves once from [`crate::openapi::spec_json`] instead.
pub fn configure_served(cfg: &mut actix_web::web::ServiceConfig) {
    register_api!(cfg);
}

/// The language of an answer's words (warnings, findings): the request's `Accept-Language` when
/// it has one, otherwise the caller's own setting.
pub(crate) fn answer_lang(req: &HttpRequest, caller: &Caller) -> Lang {
    req.headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::from_accept_language)
        .unwrap_or(caller.language)
}
