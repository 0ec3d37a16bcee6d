//! A worker's family members. Removing one keeps its record (`removed_at`).

use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
use serde_json::{Map, Value};
use tertib_domain::family::FamilyMemberDraft;
use tertib_domain::registry::{sees_full_identity, FamilyListQuery, FamilyMemberPatch, FamilyMemberView};
use tertib_domain::ApiErrorBody;

use super::answer_lang;
use super::workers::record_personal_view;
use crate::auth::roles::{Internal, Staff};
use crate::auth::Auth;
use crate::db::{family as family_db, workers as workers_db};
use crate::error::ApiError;
use crate::registry::{self, today};
use crate::state::AppState;

/// Views with each member's membership status, which lives beside the editable record (a full
/// update of the record must never write a stale status back).
fn with_membership(
    conn: &mut crate::db::DbConn,
    worker_id: &str,
    mut views: Vec<FamilyMemberView>,
) -> Result<Vec<FamilyMemberView>, ApiError> {
    let current: std::collections::HashMap<String, _> =
        crate::db::membership::of_family(conn, worker_id)?.into_iter().collect();
    for v in &mut views {
        if let Some((status, since, _, _)) = current.get(&v.id) {
            v.membership_status = crate::db::from_code(status).unwrap_or_default();
            v.membership_since = *since;
        }
    }
    Ok(views)
}

/// The worker's family
///
/// In the order they were added, each with its coverage: `covered` by the worker's contribution
/// (spouse and three children), `extra` (+1% of the wage) or `not_covered`. NIK and KK are masked
/// for operational admins; a director's or HR's reading is recorded in the audit log.
#[utoipa::path(
    tag = "family",
    security(("bearer" = ["director", "hr", "admin_ops"])),
    params(("id" = String, Path, description = "Worker id"), FamilyListQuery),
    responses(
        (status = 200, body = Vec<FamilyMemberView>),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not internal staff", body = ApiErrorBody),
        (status = 404, description = "No such worker", body = ApiErrorBody),
    )
)]
#[get("/workers/{id}/family")]
pub async fn list_family(
    state: web::Data<AppState>,
    auth: Auth<Internal>,
    req: HttpRequest,
    id: web::Path<String>,
    query: web::Query<FamilyListQuery>,
) -> Result<web::Json<Vec<FamilyMemberView>>, ApiError> {
    let lang = answer_lang(&req, &auth.caller);
    let caller = auth.caller;
    let full = sees_full_identity(caller.role);
    let (id, include_removed) = (id.into_inner(), query.include_removed);
    let list = state
        .db
        .transaction(move |conn| {
            // The access is recorded before reading (see `workers::get_worker`).
            if full {
                record_personal_view(conn, &caller, &id, &["family.nik", "family.kk_number"])?;
            }
            let worker = workers_db::find(conn, &id)?.ok_or(ApiError::NotFound)?;
            let members = family_db::list(conn, &worker.id, include_removed)?;
            with_membership(conn, &worker.id, members.iter().map(|m| m.view(full, lang)).collect())
        })
        .await?;
    Ok(web::Json(list))
}

/// Add a family member
///
/// Checked with the whole family: errors answer 422 with every finding (the new member's fields
/// by name, e.g. `nik`; other members' as `family[i].field`). The coverage of every member is
/// worked out again: a fourth child becomes an extra member.
#[utoipa::path(
    tag = "family",
    security(("bearer" = ["director", "hr"])),
    params(("id" = String, Path, description = "Worker id")),
    request_body = FamilyMemberDraft,
    responses(
        (status = 201, body = FamilyMemberView),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director or HR", body = ApiErrorBody),
        (status = 404, description = "No such worker", body = ApiErrorBody),
        (status = 409, description = "The NIK is another worker's or an active member of another family (`nik_taken`); the details name them", body = ApiErrorBody),
        (status = 422, description = "Every finding about the member in its family", body = ApiErrorBody),
    )
)]
#[post("/workers/{id}/family")]
pub async fn add_family_member(
    state: web::Data<AppState>,
    auth: Auth<Staff>,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<FamilyMemberDraft>,
) -> Result<HttpResponse, ApiError> {
    let lang = answer_lang(&req, &auth.caller);
    let (id, draft) = (id.into_inner(), body.into_inner());
    let actor = auth.caller.actor();
    let member = state.db.transaction(move |conn| registry::family::add(conn, &actor, today(), &id, draft)).await?;
    Ok(HttpResponse::Created().json(member.view(true, lang)))
}

/// Change or remove a family member
///
/// Send the `version` read and the fields to change, or `"removed": true` to remove the member
/// from the family (the record is kept, and the others' coverage is worked out again).
#[utoipa::path(
    tag = "family",
    security(("bearer" = ["director", "hr"])),
    params(
        ("id" = String, Path, description = "Worker id"),
        ("member_id" = String, Path, description = "Family member id"),
    ),
    request_body = FamilyMemberPatch,
    responses(
        (status = 200, body = FamilyMemberView),
        (status = 400, description = "A field that does not exist", body = ApiErrorBody),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director or HR", body = ApiErrorBody),
        (status = 404, description = "No such worker or member", body = ApiErrorBody),
        (status = 409, description = "Changed by someone else since read (`version_conflict`), or the new NIK is another worker's or an active member of another family (`nik_taken`)", body = ApiErrorBody),
        (status = 422, description = "Every finding about the changed member, or the member was removed", body = ApiErrorBody),
    )
)]
#[patch("/workers/{id}/family/{member_id}")]
pub async fn update_family_member(
    state: web::Data<AppState>,
    auth: Auth<Staff>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    body: web::Json<Map<String, Value>>,
) -> Result<web::Json<FamilyMemberView>, ApiError> {
    let lang = answer_lang(&req, &auth.caller);
    let ((worker_id, member_id), changes) = (path.into_inner(), body.into_inner());
    let actor = auth.caller.actor();
    let member = state
        .db
        .transaction(move |conn| registry::family::update(conn, &actor, today(), &worker_id, &member_id, changes))
        .await?;
    Ok(web::Json(member.view(true, lang)))
}
