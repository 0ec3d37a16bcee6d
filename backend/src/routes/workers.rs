//! Workers: the registry's core. Everyone internal reads; directors and HR create and change.
//! NIK and KK numbers are answered in full only to directors and HR reading one record, and each
//! such reading is written to the audit log (`worker.view_personal`, UU PDP 27/2022); lists
//! always mask them.

use std::collections::HashMap;

use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
use serde_json::{json, Map, Value};
use tertib_domain::registry::{
    sees_full_identity, KkHistoryEntry, NewWorker, SortOrder, WorkerListQuery, WorkerPage, WorkerPatch, WorkerSort,
    WorkerView,
};
use tertib_domain::ApiErrorBody;

use super::answer_lang;
use crate::auth::roles::{Internal, Staff};
use crate::auth::{Auth, Caller};
use crate::db::audit::{self, Change};
use crate::db::memo;
use crate::db::workers::{self as workers_db, Filter, Search, Worker};
use crate::db::{client_companies, DbConn};
use crate::error::ApiError;
use crate::registry::{self, today};
use crate::state::AppState;

/// Records that the caller saw a worker's identity numbers in full.
pub(crate) fn record_personal_view(
    conn: &mut DbConn,
    caller: &Caller,
    worker_id: &str,
    what: &[&str],
) -> Result<(), ApiError> {
    audit::record(
        conn,
        &caller.actor(),
        Change::new("worker.view_personal", "worker", Some(worker_id)).after(&json!({ "fields": what })),
    )?;
    Ok(())
}

fn view_of(conn: &mut DbConn, worker: &Worker, full: bool, lang: tertib_domain::Lang) -> Result<WorkerView, ApiError> {
    let company = match &worker.client_company_id {
        Some(id) => client_companies::find(conn, id)?.map(|c| c.reference()),
        None => None,
    };
    Ok(worker.view(company, full, lang))
}

/// The list's filters as its query names them (the list and its export read the same).
pub(crate) fn filter_of(query: &WorkerListQuery) -> Filter {
    Filter {
        search: query.q.as_deref().and_then(Search::parse),
        client_company_id: query.client_company_id.clone().filter(|c| !c.trim().is_empty()),
        membership_status: query.membership_status,
        employment_status: query.employment_status.map(workers_db::employment_code),
    }
}

/// The matching workers from `offset` as the list answers them (NIK and KK masked for every
/// role), with their companies read at once; and how many match in all.
pub(crate) fn list_views(
    conn: &mut DbConn,
    filter: &Filter,
    sort: WorkerSort,
    order: SortOrder,
    offset: i64,
    limit: i64,
    lang: tertib_domain::Lang,
) -> Result<(Vec<WorkerView>, i64), ApiError> {
    let (rows, total) = workers_db::list(conn, filter, sort, order, offset, limit)?;
    let mut ids: Vec<String> = rows.iter().filter_map(|w| w.client_company_id.clone()).collect();
    ids.sort();
    ids.dedup();
    let companies: HashMap<String, _> =
        client_companies::by_ids(conn, &ids)?.into_iter().map(|c| (c.id.clone(), c.reference())).collect();
    let items = rows
        .iter()
        .map(|w| w.view(w.client_company_id.as_ref().and_then(|c| companies.get(c)).cloned(), false, lang))
        .collect();
    Ok((items, total))
}

/// Workers, searched, filtered, sorted and paged
///
/// `q` matches a full NIK exactly (16 digits), a BPJS card number exactly (13 digits), an
/// employee number exactly (anything else with a digit), or names: case-insensitively, names
/// containing `q` from the start of one of their words (`budi` finds `Andi Budiman`, `aini` finds
/// `Siti Nur'aini`). NIK and KK are masked in the list for every role.
#[utoipa::path(
    tag = "workers",
    security(("bearer" = ["director", "hr", "admin_ops"])),
    params(WorkerListQuery),
    responses(
        (status = 200, body = WorkerPage),
        (status = 400, description = "A parameter cannot be read", body = ApiErrorBody),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not internal staff", body = ApiErrorBody),
    )
)]
#[get("/workers")]
pub async fn list_workers(
    state: web::Data<AppState>,
    auth: Auth<Internal>,
    req: HttpRequest,
    query: web::Query<WorkerListQuery>,
) -> Result<HttpResponse, ApiError> {
    let lang = answer_lang(&req, &auth.caller);
    let query = query.into_inner();
    let (page, per_page) = query.paging();
    let filter = filter_of(&query);
    let (sort, order) = (query.sort.unwrap_or_default(), query.order.unwrap_or_default());
    let offset = i64::from(page - 1) * i64::from(per_page);
    // Views show labels in the answer's language (and nothing that changes with the day).
    let key = format!("workers page {filter:?} {sort:?} {order:?} {offset} {per_page} {lang:?}");
    let answer = memo::answer(&state.db, auth.caller.db_version.as_ref(), key, move |conn| {
        let (items, total) = list_views(conn, &filter, sort, order, offset, i64::from(per_page), lang)?;
        Ok(WorkerPage { items, total, page, per_page })
    })
    .await?;
    Ok(HttpResponse::Ok().content_type("application/json").body(answer.json.clone()))
}

/// Register a worker
///
/// The worker with their family members (`family`), checked by every rule at once: errors answer
/// 422 with every finding; warnings are saved with the record and answered in `warnings` (the
/// members' in their own records). With `client_company_id` the worker is placed there from the
/// hire date, and the wage is checked against that company's UMK.
#[utoipa::path(
    tag = "workers",
    security(("bearer" = ["director", "hr"])),
    request_body = NewWorker,
    responses(
        (status = 201, body = WorkerView),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director or HR", body = ApiErrorBody),
        (status = 409, description = "The NIK is another worker's, or an active member of another worker's family (`nik_taken`); the details name them", body = ApiErrorBody),
        (status = 422, description = "Every finding about the worker and the family", body = ApiErrorBody),
    )
)]
#[post("/workers")]
pub async fn create_worker(
    state: web::Data<AppState>,
    auth: Auth<Staff>,
    req: HttpRequest,
    body: web::Json<NewWorker>,
) -> Result<HttpResponse, ApiError> {
    let lang = answer_lang(&req, &auth.caller);
    let input = body.into_inner();
    let actor = auth.caller.actor();
    let view = state
        .db
        .transaction(move |conn| {
            let (worker, _) = registry::workers::create(conn, &actor, today(), input)?;
            view_of(conn, &worker, true, lang)
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// One worker
///
/// Directors and HR get NIK and KK in full, and the reading is recorded in the audit log;
/// operational admins get them masked.
#[utoipa::path(
    tag = "workers",
    security(("bearer" = ["director", "hr", "admin_ops"])),
    params(("id" = String, Path, description = "Worker id")),
    responses(
        (status = 200, body = WorkerView),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not internal staff", body = ApiErrorBody),
        (status = 404, description = "No such worker", body = ApiErrorBody),
    )
)]
#[get("/workers/{id}")]
pub async fn get_worker(
    state: web::Data<AppState>,
    auth: Auth<Internal>,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<web::Json<WorkerView>, ApiError> {
    let lang = answer_lang(&req, &auth.caller);
    let caller = auth.caller;
    let full = sees_full_identity(caller.role);
    let id = id.into_inner();
    let view = state
        .db
        .transaction(move |conn| {
            // Written first: on SQLite a transaction that writes after reading can meet a newer
            // snapshot and fail; one that starts with its write waits for the lock instead. Should
            // the worker not exist, the answer is an error and the entry is rolled back.
            if full {
                record_personal_view(conn, &caller, &id, &["nik", "kk_number"])?;
            }
            let worker = workers_db::find(conn, &id)?.ok_or(ApiError::NotFound)?;
            view_of(conn, &worker, full, lang)
        })
        .await?;
    Ok(web::Json(view))
}

/// Change a worker
///
/// Send the `version` read and the fields to change (others keep their value, `null` empties
/// one). The whole record is checked again, with its family: errors answer 422 with every
/// finding. A new KK number is added to the worker's KK history; a termination date ends the
/// current placement.
#[utoipa::path(
    tag = "workers",
    security(("bearer" = ["director", "hr"])),
    params(("id" = String, Path, description = "Worker id")),
    request_body = WorkerPatch,
    responses(
        (status = 200, body = WorkerView),
        (status = 400, description = "A field that does not exist or cannot be changed here", body = ApiErrorBody),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director or HR", body = ApiErrorBody),
        (status = 404, description = "No such worker", body = ApiErrorBody),
        (status = 409, description = "Changed by someone else since read (`version_conflict`), or the new NIK is another worker's or an active member of another family (`nik_taken`)", body = ApiErrorBody),
        (status = 422, description = "Every finding about the changed worker", body = ApiErrorBody),
    )
)]
#[patch("/workers/{id}")]
pub async fn update_worker(
    state: web::Data<AppState>,
    auth: Auth<Staff>,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<Map<String, Value>>,
) -> Result<web::Json<WorkerView>, ApiError> {
    let lang = answer_lang(&req, &auth.caller);
    let (id, changes) = (id.into_inner(), body.into_inner());
    let actor = auth.caller.actor();
    let view = state
        .db
        .transaction(move |conn| {
            let worker = registry::workers::update(conn, &actor, today(), &id, changes)?;
            view_of(conn, &worker, true, lang)
        })
        .await?;
    Ok(web::Json(view))
}

/// The worker's family card numbers
///
/// Every KK number the worker has had, newest first. Masked for operational admins; a director's
/// or HR's reading is recorded in the audit log.
#[utoipa::path(
    tag = "workers",
    security(("bearer" = ["director", "hr", "admin_ops"])),
    params(("id" = String, Path, description = "Worker id")),
    responses(
        (status = 200, body = Vec<KkHistoryEntry>),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not internal staff", body = ApiErrorBody),
        (status = 404, description = "No such worker", body = ApiErrorBody),
    )
)]
#[get("/workers/{id}/kk-history")]
pub async fn get_kk_history(
    state: web::Data<AppState>,
    auth: Auth<Internal>,
    id: web::Path<String>,
) -> Result<web::Json<Vec<KkHistoryEntry>>, ApiError> {
    let caller = auth.caller;
    let full = sees_full_identity(caller.role);
    let id = id.into_inner();
    let list = state
        .db
        .transaction(move |conn| {
            // The access is recorded before reading (see `get_worker`).
            if full {
                record_personal_view(conn, &caller, &id, &["kk_history"])?;
            }
            let worker = workers_db::find(conn, &id)?.ok_or(ApiError::NotFound)?;
            let history = workers_db::kk_history(conn, &worker.id)?;
            Ok(history.iter().map(|h| h.view(full)).collect())
        })
        .await?;
    Ok(web::Json(list))
}
