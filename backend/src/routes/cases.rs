//! Cases: the board, one case, its steps, and the work on it (assign, reschedule, tick, note,
//! attach documents). Every internal role may call these; the steps themselves are allowed per
//! role by the domain's machine (a step a role may not take answers 403).

use actix_web::{get, patch, post, put, web, HttpRequest, HttpResponse};
use futures_util::StreamExt;
use tertib_domain::lifecycle::api::{
    paging, AuditEntryView, CaseListQuery, CasePage, CasePatch, CaseView, ChecklistTick, DocumentView, NewNote,
    TransitionRequest, UploadQuery,
};
use tertib_domain::lifecycle::DocumentKind;
use tertib_domain::ApiErrorBody;

use super::answer_lang;
use super::audit::entry_views;
use crate::auth::roles::Internal;
use crate::auth::{Auth, Caller};
use crate::db::cases::{self as cases_db, Case};
use crate::db::{audit as audit_db, DbConn};
use crate::error::ApiError;
use crate::lifecycle::{self, cases, documents};
use crate::registry::today;
use crate::state::AppState;

fn view(conn: &mut DbConn, case: &Case, caller: &Caller, lang: tertib_domain::Lang) -> Result<CaseView, ApiError> {
    cases::view(conn, case, caller.role, today(), lang)
}

/// Cases, the most urgent first
///
/// Filters: kind, state, `open=true` (not completed or cancelled), `overdue=true` (open and past
/// the due date in Asia/Jakarta), a worker, an assignee (`me` for the caller's tasks). Sorted by
/// due date.
#[utoipa::path(
    tag = "cases",
    security(("bearer" = ["director", "hr", "admin_ops"])),
    params(CaseListQuery),
    responses(
        (status = 200, body = CasePage),
        (status = 400, description = "A parameter cannot be read", body = ApiErrorBody),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not internal staff", body = ApiErrorBody),
    )
)]
#[get("/cases")]
pub async fn list_cases(
    state: web::Data<AppState>,
    auth: Auth<Internal>,
    query: web::Query<CaseListQuery>,
) -> Result<web::Json<CasePage>, ApiError> {
    let query = query.into_inner();
    let (page, per_page) = paging(query.page, query.per_page);
    let assignee = match query.assignee.as_deref() {
        Some("me") => Some(auth.caller.id.clone()),
        other => other.map(str::to_string),
    };
    let page_out = state
        .db
        .run(move |conn| {
            let day = today();
            let offset = i64::from(page - 1) * i64::from(per_page);
            let (rows, total) = cases_db::list(conn, &query, assignee.as_deref(), day, offset, i64::from(per_page))?;
            let items = cases::summaries(conn, &rows, day)?;
            Ok(CasePage { items, total, page, per_page })
        })
        .await?;
    Ok(web::Json(page_out))
}

/// Who cases can be assigned to
///
/// Every active director, HR and operational admin (never client users).
#[utoipa::path(
    tag = "cases",
    security(("bearer" = ["director", "hr", "admin_ops"])),
    responses(
        (status = 200, body = Vec<tertib_domain::lifecycle::api::StaffMember>),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not internal staff", body = ApiErrorBody),
    )
)]
#[get("/cases/assignees")]
pub async fn list_assignees(
    state: web::Data<AppState>,
    _auth: Auth<Internal>,
) -> Result<web::Json<Vec<tertib_domain::lifecycle::api::StaffMember>>, ApiError> {
    use tertib_domain::lifecycle::case::CASE_WORK_ROLES;
    let list = state
        .db
        .run(|conn| {
            Ok(crate::db::users::list(conn)?
                .into_iter()
                .filter(|u| !u.disabled && CASE_WORK_ROLES.contains(&u.role()))
                .map(|u| tertib_domain::lifecycle::api::StaffMember {
                    role: u.role(),
                    id: u.id,
                    name: u.name,
                    email: u.email,
                })
                .collect())
        })
        .await?;
    Ok(web::Json(list))
}

/// A worker's cases, newest first
#[utoipa::path(
    tag = "cases",
    security(("bearer" = ["director", "hr", "admin_ops"])),
    params(("id" = String, Path, description = "Worker id")),
    responses(
        (status = 200, body = Vec<tertib_domain::lifecycle::api::CaseSummary>),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not internal staff", body = ApiErrorBody),
        (status = 404, description = "No such worker", body = ApiErrorBody),
    )
)]
#[get("/workers/{id}/cases")]
pub async fn list_worker_cases(
    state: web::Data<AppState>,
    _auth: Auth<Internal>,
    id: web::Path<String>,
) -> Result<web::Json<Vec<tertib_domain::lifecycle::api::CaseSummary>>, ApiError> {
    let id = id.into_inner();
    let list = state
        .db
        .run(move |conn| {
            crate::db::workers::find(conn, &id)?.ok_or(ApiError::NotFound)?;
            let rows = cases_db::for_worker(conn, &id)?;
            cases::summaries(conn, &rows, today())
        })
        .await?;
    Ok(web::Json(list))
}

/// One case
///
/// With its checklist (what is done, what each step still needs), blocking reasons, documents,
/// notes, and the steps the caller may take now.
#[utoipa::path(
    tag = "cases",
    security(("bearer" = ["director", "hr", "admin_ops"])),
    params(("id" = String, Path, description = "Case id")),
    responses(
        (status = 200, body = CaseView),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not internal staff", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
    )
)]
#[get("/cases/{id}")]
pub async fn get_case(
    state: web::Data<AppState>,
    auth: Auth<Internal>,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<web::Json<CaseView>, ApiError> {
    let lang = answer_lang(&req, &auth.caller);
    let id = id.into_inner();
    let caller = auth.caller;
    let v = state
        .db
        .run(move |conn| {
            let case = cases_db::find(conn, &id)?.ok_or(ApiError::NotFound)?;
            view(conn, &case, &caller, lang)
        })
        .await?;
    Ok(web::Json(v))
}

/// Take a step
///
/// `submit`, `accept` (with `noka` for a registration or transfer when the worker has none yet),
/// `reject`, `block`, `unblock`, `cancel` (`block`, `reject` and `cancel` need a `reason`). A step
/// the case's state does not have answers 409 `illegal_transition` listing the allowed ones
/// (`details[].code`); a step whose checklist is incomplete answers 422 `checklist_incomplete`
/// naming each missing item; a step the caller's role may not take answers 403. The step's effect
/// on membership status (worker and family, or the one member) lands with it.
#[utoipa::path(
    tag = "cases",
    security(("bearer" = ["director", "hr", "admin_ops"])),
    params(("id" = String, Path, description = "Case id")),
    request_body = TransitionRequest,
    responses(
        (status = 200, body = CaseView),
        (status = 400, description = "The body cannot be read", body = ApiErrorBody),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "The caller's role may not take this step", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
        (status = 409, description = "`illegal_transition` (with the allowed steps) or `version_conflict`", body = ApiErrorBody),
        (status = 422, description = "`checklist_incomplete` (with the missing items), or a reason or card number missing or wrong", body = ApiErrorBody),
    )
)]
#[post("/cases/{id}/transitions")]
pub async fn transition_case(
    state: web::Data<AppState>,
    auth: Auth<Internal>,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<TransitionRequest>,
) -> Result<web::Json<CaseView>, ApiError> {
    let lang = answer_lang(&req, &auth.caller);
    let (id, body) = (id.into_inner(), body.into_inner());
    let caller = auth.caller;
    let v = state
        .db
        .transaction(move |conn| {
            let settings = lifecycle::settings(conn)?;
            let case = cases::take_step(conn, &caller.actor(), caller.role, &id, &body, &settings)?;
            view(conn, &case, &caller, lang)
        })
        .await?;
    Ok(web::Json(v))
}

/// Assign, reschedule, or record the previous membership
///
/// Send the `version` read. `previous` (transfers only) records where the worker was a member
/// before: still active at another employer blocks the transfer until that employer deactivates;
/// self-paying with open arrears blocks it until they are paid.
#[utoipa::path(
    tag = "cases",
    security(("bearer" = ["director", "hr", "admin_ops"])),
    params(("id" = String, Path, description = "Case id")),
    request_body = CasePatch,
    responses(
        (status = 200, body = CaseView),
        (status = 400, description = "The body cannot be read", body = ApiErrorBody),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not internal staff", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
        (status = 409, description = "Changed by someone else since read (`version_conflict`)", body = ApiErrorBody),
        (status = 422, description = "Unknown assignee, closed case, or `previous` on a case that is not a transfer", body = ApiErrorBody),
    )
)]
#[patch("/cases/{id}")]
pub async fn update_case(
    state: web::Data<AppState>,
    auth: Auth<Internal>,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<CasePatch>,
) -> Result<web::Json<CaseView>, ApiError> {
    let lang = answer_lang(&req, &auth.caller);
    let (id, body) = (id.into_inner(), body.into_inner());
    let caller = auth.caller;
    let v = state
        .db
        .transaction(move |conn| {
            let settings = lifecycle::settings(conn)?;
            let case = cases::patch(conn, &caller.actor(), &id, &body, &settings)?;
            view(conn, &case, &caller, lang)
        })
        .await?;
    Ok(web::Json(v))
}

/// Tick or untick a checklist item
///
/// Only items staff confirm (`how: confirmation`, e.g. `family_complete`,
/// `previous_employer_asked`); the others follow from the data and the documents.
#[utoipa::path(
    tag = "cases",
    security(("bearer" = ["director", "hr", "admin_ops"])),
    params(
        ("id" = String, Path, description = "Case id"),
        ("key" = String, Path, description = "Checklist item code"),
    ),
    request_body = ChecklistTick,
    responses(
        (status = 200, body = CaseView),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not internal staff", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
        (status = 409, description = "The case is closed", body = ApiErrorBody),
        (status = 422, description = "Not an item staff tick on this case", body = ApiErrorBody),
    )
)]
#[put("/cases/{id}/checklist/{key}")]
pub async fn tick_checklist(
    state: web::Data<AppState>,
    auth: Auth<Internal>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    body: web::Json<ChecklistTick>,
) -> Result<web::Json<CaseView>, ApiError> {
    let lang = answer_lang(&req, &auth.caller);
    let ((id, key), done) = (path.into_inner(), body.done);
    let caller = auth.caller;
    let v = state
        .db
        .transaction(move |conn| {
            let settings = lifecycle::settings(conn)?;
            let case = cases::tick(conn, &caller.actor(), &id, &key, done, &settings)?;
            view(conn, &case, &caller, lang)
        })
        .await?;
    Ok(web::Json(v))
}

/// Add a note to a case
#[utoipa::path(
    tag = "cases",
    security(("bearer" = ["director", "hr", "admin_ops"])),
    params(("id" = String, Path, description = "Case id")),
    request_body = NewNote,
    responses(
        (status = 201, body = CaseView),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not internal staff", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
        (status = 422, description = "Empty or longer than 4000 characters", body = ApiErrorBody),
    )
)]
#[post("/cases/{id}/notes")]
pub async fn add_case_note(
    state: web::Data<AppState>,
    auth: Auth<Internal>,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<NewNote>,
) -> Result<HttpResponse, ApiError> {
    let lang = answer_lang(&req, &auth.caller);
    let (id, body) = (id.into_inner(), body.into_inner());
    let caller = auth.caller;
    let v = state
        .db
        .transaction(move |conn| {
            cases::add_note(conn, &caller.actor(), &id, &body.body)?;
            let case = cases_db::find(conn, &id)?.ok_or(ApiError::NotFound)?;
            view(conn, &case, &caller, lang)
        })
        .await?;
    Ok(HttpResponse::Created().json(v))
}

/// Attach a document to a case
///
/// The file is the request body (PDF, JPEG or PNG, judged by its content; at most the configured
/// size, 5 MB by default), with `kind` and `file_name` as query parameters. Documents are kept in
/// the database and answered only to internal staff.
#[utoipa::path(
    tag = "cases",
    security(("bearer" = ["director", "hr", "admin_ops"])),
    params(("id" = String, Path, description = "Case id"), UploadQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses(
        (status = 201, body = DocumentView),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not internal staff", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
        (status = 413, description = "Larger than allowed", body = ApiErrorBody),
        (status = 415, description = "Not a PDF, JPEG or PNG file", body = ApiErrorBody),
        (status = 422, description = "Empty file or no `kind`", body = ApiErrorBody),
    )
)]
#[post("/cases/{id}/documents")]
pub async fn upload_document(
    state: web::Data<AppState>,
    auth: Auth<Internal>,
    id: web::Path<String>,
    query: web::Query<UploadQuery>,
    mut payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let kind: DocumentKind = query.kind.ok_or_else(|| ApiError::invalid(tertib_domain::person::required("kind")))?;
    let settings = state.db.run(lifecycle::settings).await?;
    // Read at most one byte more than allowed: a larger file is refused without holding it all.
    let limit = usize::try_from(settings.max_document_bytes).unwrap_or(usize::MAX);
    let mut bytes = Vec::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| ApiError::BadRequest(e.to_string()))?;
        if bytes.len() + chunk.len() > limit {
            return Err(ApiError::PayloadTooLarge);
        }
        bytes.extend_from_slice(&chunk);
    }
    let (id, actor) = (id.into_inner(), auth.caller.actor());
    let doc = state
        .db
        .transaction(move |conn| {
            let meta = documents::upload(conn, &actor, &id, kind, query.file_name.as_deref(), &bytes, &settings)?;
            Ok(documents::view(meta))
        })
        .await?;
    Ok(HttpResponse::Created().json(doc))
}

/// A case's history
///
/// Every audited change to the case: opening, steps (Tertib's own included), checklist ticks,
/// documents, notes, assignment — oldest first.
#[utoipa::path(
    tag = "cases",
    security(("bearer" = ["director", "hr", "admin_ops"])),
    params(("id" = String, Path, description = "Case id")),
    responses(
        (status = 200, body = Vec<AuditEntryView>),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not internal staff", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
    )
)]
#[get("/cases/{id}/history")]
pub async fn case_history(
    state: web::Data<AppState>,
    auth: Auth<Internal>,
    id: web::Path<String>,
) -> Result<web::Json<Vec<AuditEntryView>>, ApiError> {
    let id = id.into_inner();
    let full = tertib_domain::registry::sees_full_identity(auth.caller.role);
    let list = state
        .db
        .run(move |conn| {
            cases_db::find(conn, &id)?.ok_or(ApiError::NotFound)?;
            Ok(entry_views(audit_db::for_entity(conn, "case", &id)?, full))
        })
        .await?;
    Ok(web::Json(list))
}
