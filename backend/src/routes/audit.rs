//! The audit log: the whole log with filters (director and HR), and the history ("Riwayat") of one
//! worker. Entries can hold identity numbers in their before/after states: operational admins get
//! them masked, and a full reading is itself recorded as an access.

use actix_web::{get, web};
use chrono::{Days, TimeZone, Utc};
use serde_json::{json, Value};
use tertib_domain::lifecycle::api::{paging, AuditEntryView, AuditPage, AuditQuery};
use tertib_domain::registry::{mask_number, sees_full_identity};
use tertib_domain::ApiErrorBody;

use super::workers::record_personal_view;
use crate::auth::roles::{Internal, Staff};
use crate::auth::Auth;
use crate::db::audit::{self as audit_db, Change, Entry, Filter};
use crate::db::workers as workers_db;
use crate::error::ApiError;
use crate::state::AppState;

/// Keys whose values are identity numbers.
const IDENTITY_KEYS: [&str; 3] = ["nik", "kk_number", "noka"];

fn mask_identities(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match v {
                    Value::String(s) if IDENTITY_KEYS.contains(&key.as_str()) => *s = mask_number(s),
                    _ => mask_identities(v),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(mask_identities),
        _ => {}
    }
}

/// Entries as answered: identity numbers masked unless `full`.
pub fn entry_views(entries: Vec<Entry>, full: bool) -> Vec<AuditEntryView> {
    let parse = |json: Option<String>| {
        json.and_then(|j| serde_json::from_str::<Value>(&j).ok()).map(|mut v| {
            if !full {
                mask_identities(&mut v);
            }
            v
        })
    };
    entries
        .into_iter()
        .map(|e| AuditEntryView {
            id: e.id,
            at: Utc.from_utc_datetime(&e.at),
            actor_id: e.actor_id,
            actor: e.actor_label,
            ip: e.ip,
            request_id: e.request_id,
            action: e.action,
            entity_type: e.entity_type,
            entity_id: e.entity_id,
            subject_id: e.subject_id,
            before: parse(e.before_json),
            after: parse(e.after_json),
        })
        .collect()
}

/// The audit log, newest first
///
/// Filter by record (`entity_type`, `entity_id`), by worker (`subject_id`: everything about a
/// worker, family, placements and cases included), by user (`actor_id`), by `action` (a trailing
/// `*` matches a prefix, e.g. `case.*`) and by day (`from`, `to`, inclusive, UTC). Reading the log
/// is itself recorded.
#[utoipa::path(
    tag = "audit",
    security(("bearer" = ["director", "hr"])),
    params(AuditQuery),
    responses(
        (status = 200, body = AuditPage),
        (status = 400, description = "A parameter cannot be read", body = ApiErrorBody),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director or HR", body = ApiErrorBody),
    )
)]
#[get("/audit")]
pub async fn list_audit(
    state: web::Data<AppState>,
    auth: Auth<Staff>,
    query: web::Query<AuditQuery>,
) -> Result<web::Json<AuditPage>, ApiError> {
    let q = query.into_inner();
    let (page, per_page) = paging(q.page, q.per_page);
    let filter = Filter {
        entity_type: q.entity_type.clone(),
        entity_id: q.entity_id.clone(),
        subject_id: q.subject_id.clone(),
        actor_id: q.actor_id.clone(),
        action: q.action.clone(),
        from: q.from.and_then(|d| d.and_hms_opt(0, 0, 0)),
        until: q.to.and_then(|d| d.checked_add_days(Days::new(1))).and_then(|d| d.and_hms_opt(0, 0, 0)),
    };
    let actor = auth.caller.actor();
    let out = state
        .db
        .transaction(move |conn| {
            let offset = i64::from(page - 1) * i64::from(per_page);
            let (rows, total) = audit_db::list(conn, &filter, offset, i64::from(per_page))?;
            audit_db::record(
                conn,
                &actor,
                Change::new("audit.view", "audit_log", None).after(&json!({ "filter": q })),
            )?;
            Ok(AuditPage { items: entry_views(rows, true), total, page, per_page })
        })
        .await?;
    Ok(web::Json(out))
}

/// A worker's history ("Riwayat")
///
/// Every audited change about the worker, the family, placements, membership and cases, oldest
/// first. Identity numbers are masked for operational admins; a director's or HR's reading is
/// recorded as a view of personal data.
#[utoipa::path(
    tag = "audit",
    security(("bearer" = ["director", "hr", "admin_ops"])),
    params(("id" = String, Path, description = "Worker id")),
    responses(
        (status = 200, body = Vec<AuditEntryView>),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not internal staff", body = ApiErrorBody),
        (status = 404, description = "No such worker", body = ApiErrorBody),
    )
)]
#[get("/workers/{id}/history")]
pub async fn worker_history(
    state: web::Data<AppState>,
    auth: Auth<Internal>,
    id: web::Path<String>,
) -> Result<web::Json<Vec<AuditEntryView>>, ApiError> {
    let id = id.into_inner();
    let caller = auth.caller;
    let full = sees_full_identity(caller.role);
    let list = state
        .db
        .transaction(move |conn| {
            workers_db::find(conn, &id)?.ok_or(ApiError::NotFound)?;
            let rows = audit_db::for_subject(conn, &id)?;
            if full {
                record_personal_view(conn, &caller, &id, &["history"])?;
            }
            Ok(entry_views(rows, full))
        })
        .await?;
    Ok(web::Json(list))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_numbers_are_masked_at_any_depth() {
        let mut v = json!({"nik": "3174011501900001", "family": [{"nik": "3174015501920002", "name": "Siti"}], "noka": "0001234567890", "note": "3174011501900001"});
        mask_identities(&mut v);
        assert_eq!(v["nik"], "3174********0001");
        assert_eq!(v["family"][0]["nik"], "3174********0002");
        assert_eq!(v["family"][0]["name"], "Siti");
        assert_eq!(v["noka"], "0001*****7890");
        // Only identity fields are masked; free text is kept as written.
        assert_eq!(v["note"], "3174011501900001");
    }
}
