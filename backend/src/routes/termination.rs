//! Recording a termination, which opens the deactivation.

use actix_web::{post, web, HttpRequest, HttpResponse};
use tertib_domain::lifecycle::api::{TerminationOutcome, TerminationRequest};
use tertib_domain::ApiErrorBody;

use super::answer_lang;
use crate::auth::roles::Staff;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::lifecycle::{self, cases, termination};
use crate::registry::today;
use crate::reminders;
use crate::state::AppState;

/// Record a termination
///
/// Ends the current placement on the termination date and, for a worker registered through the
/// company, opens the deactivation case (201) with its checklist by reason (dismissal: PHK proof;
/// otherwise SPTJM, list of leavers, proof) and its due date from the monthly cut-off (a
/// termination after the cut-off day is due at next month's). A worker who was never registered
/// needs no deactivation: the open registration or transfer is cancelled instead (200). A
/// termination whose report is due within the alert window (3 days by default) queues an email
/// alert to the directors in the same transaction.
#[utoipa::path(
    tag = "cases",
    security(("bearer" = ["director", "hr"])),
    params(("id" = String, Path, description = "Worker id")),
    request_body = TerminationRequest,
    responses(
        (status = 201, description = "Deactivation case opened", body = TerminationOutcome),
        (status = 200, description = "No deactivation needed; the open registration was cancelled", body = TerminationOutcome),
        (status = 400, description = "The body cannot be read (e.g. an unknown reason)", body = ApiErrorBody),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director or HR", body = ApiErrorBody),
        (status = 404, description = "No such worker", body = ApiErrorBody),
        (status = 422, description = "Invalid or future date, before the hire date, or already terminated", body = ApiErrorBody),
    )
)]
#[post("/workers/{id}/termination")]
pub async fn record_termination(
    state: web::Data<AppState>,
    auth: Auth<Staff>,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<TerminationRequest>,
) -> Result<HttpResponse, ApiError> {
    let lang = answer_lang(&req, &auth.caller);
    let (id, body) = (id.into_inner(), body.into_inner());
    let (caller, public_url) = (auth.caller, state.config.public_url.clone());
    let outcome = state
        .db
        .transaction(move |conn| {
            let settings = lifecycle::settings(conn)?;
            let day = today();
            let done = termination::record(conn, &caller.actor(), &id, &body, day, &settings)?;
            let deactivation_case = match done.deactivation {
                Some(case) => {
                    reminders::alert_for_termination(conn, &case, chrono::Utc::now(), &public_url)?;
                    Some(cases::view(conn, &case, caller.role, day, lang)?)
                }
                None => None,
            };
            Ok(TerminationOutcome { deactivation_case, cancelled_case_id: done.cancelled_case_id })
        })
        .await?;
    Ok(if outcome.deactivation_case.is_some() { HttpResponse::Created() } else { HttpResponse::Ok() }.json(outcome))
}
