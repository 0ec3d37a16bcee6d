//! A worker's membership history: every status change of the worker and of each family member.

use actix_web::{get, web};
use chrono::{TimeZone, Utc};
use std::collections::HashMap;
use tertib_domain::lifecycle::api::MembershipEventView;
use tertib_domain::ApiErrorBody;

use crate::auth::roles::Internal;
use crate::auth::Auth;
use crate::db::{family as family_db, from_code, membership as membership_db, workers as workers_db};
use crate::error::ApiError;
use crate::state::AppState;

/// Membership history, oldest first
#[utoipa::path(
    tag = "workers",
    security(("bearer" = ["director", "hr", "admin_ops"])),
    params(("id" = String, Path, description = "Worker id")),
    responses(
        (status = 200, body = Vec<MembershipEventView>),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not internal staff", body = ApiErrorBody),
        (status = 404, description = "No such worker", body = ApiErrorBody),
    )
)]
#[get("/workers/{id}/membership")]
pub async fn membership_history(
    state: web::Data<AppState>,
    _auth: Auth<Internal>,
    id: web::Path<String>,
) -> Result<web::Json<Vec<MembershipEventView>>, ApiError> {
    let id = id.into_inner();
    let list = state
        .db
        .run(move |conn| {
            let worker = workers_db::find(conn, &id)?.ok_or(ApiError::NotFound)?;
            let names: HashMap<String, String> =
                family_db::list(conn, &id, true)?.into_iter().map(|m| (m.id, m.full_name)).collect();
            Ok(membership_db::history(conn, &id)?
                .into_iter()
                .map(|e| MembershipEventView {
                    person_name: match &e.family_member_id {
                        Some(m) => names.get(m).cloned().unwrap_or_default(),
                        None => worker.full_name.clone(),
                    },
                    family_member_id: e.family_member_id,
                    status: from_code(&e.status).unwrap_or_default(),
                    since: e.since,
                    until: e.until,
                    reason: e.reason,
                    case_id: e.case_id,
                    recorded_at: Utc.from_utc_datetime(&e.recorded_at),
                    recorded_by: e.recorded_by,
                })
                .collect())
        })
        .await?;
    Ok(web::Json(list))
}
