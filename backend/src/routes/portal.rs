//! The client-company portal: the workers placed with the caller's company (now, or until at most
//! six months ago), one of them, and the totals by status. A record of another company answers
//! 404 exactly as one that does not exist. Answers carry an `ETag`; `If-None-Match` with it
//! answers 304.

use actix_web::http::header;
use actix_web::{get, web, HttpRequest, HttpResponse};
use serde_json::json;
use tertib_domain::export::ExportQuery;
use tertib_domain::lifecycle::api::paging;
use tertib_domain::portal::{PortalPage, PortalQuery, PortalStatus, PortalSummary, PortalWorker, StatusCount};
use tertib_domain::registry::search_key;
use tertib_domain::{ApiErrorBody, Lang};

use super::exports::{day, download, EVERY_ROW};
use crate::auth::portal::PortalAuth;
use crate::db::audit::{self, Change};
use crate::db::memo::{self, Answer};
use crate::db::portal::{self as portal_db, Filter, Row};
use crate::db::{client_companies, from_code};
use crate::error::ApiError;
use crate::registry::today;
use crate::state::AppState;

/// The answer with its `ETag`, or 304 when the client already has it.
fn tagged(req: &HttpRequest, answer: &Answer) -> HttpResponse {
    let matches = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim().trim_start_matches("W/") == answer.etag || t.trim() == "*"));
    let mut res = if matches { HttpResponse::NotModified() } else { HttpResponse::Ok() };
    res.insert_header((header::ETAG, answer.etag.clone())).insert_header((header::CACHE_CONTROL, "private, no-cache"));
    if matches {
        res.finish()
    } else {
        res.content_type("application/json").body(answer.json.clone())
    }
}

/// The list's filters as its query names them (the list and its export read the same).
fn filter_of(q: &PortalQuery) -> Filter {
    Filter {
        status: q.status,
        updated_since: q.updated_since.map(|t| t.naive_utc()),
        q: q.q.as_deref().map(search_key).filter(|s| !s.is_empty()),
        worker_id: None,
    }
}

/// The workers placed with your company
///
/// Those placed now and those whose placement ended in the last six months, by name, each with
/// its BPJS status and masked NIK and card number. Filter by `status`; sync incrementally with
/// `updated_since` (the `updated_at` of the last worker you read). Send the `ETag` back in
/// `If-None-Match`: an unchanged page answers 304.
#[utoipa::path(
    tag = "portal",
    security(("bearer" = ["client"])),
    params(PortalQuery),
    responses(
        (status = 200, body = PortalPage, headers(("ETag" = String, description = "Send back in If-None-Match"))),
        (status = 304, description = "Unchanged since the ETag sent"),
        (status = 400, description = "A parameter cannot be read", body = ApiErrorBody),
        (status = 401, description = "No valid access token, or a revoked API client", body = ApiErrorBody),
        (status = 403, description = "Not a client company's user or API client", body = ApiErrorBody),
        (status = 429, description = "Too many requests this minute; see Retry-After", body = ApiErrorBody),
    )
)]
#[get("/portal/workers")]
pub async fn list_portal_workers(
    state: web::Data<AppState>,
    auth: PortalAuth,
    req: HttpRequest,
    query: web::Query<PortalQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let (page, per_page) = paging(q.page, q.per_page);
    let (filter, left_after) = (filter_of(&q), portal_db::left_after(today()));
    let caller = auth.caller;
    let company = caller.company_id;
    let key = format!("portal page {company} {left_after} {filter:?} {page} {per_page}");
    let answer = memo::answer(&state.db, caller.db_version.as_ref(), key, move |conn| {
        let offset = i64::from(page - 1) * i64::from(per_page);
        let (rows, total) = portal_db::list(conn, &company, left_after, &filter, offset, i64::from(per_page))?;
        Ok(PortalPage { items: rows.into_iter().map(Row::view).collect(), total, page, per_page })
    })
    .await?;
    Ok(tagged(&req, &answer))
}

/// One worker placed with your company
///
/// 404 for a worker not placed with your company (or gone for more than six months), exactly as
/// for one that does not exist. Each reading is recorded.
#[utoipa::path(
    tag = "portal",
    security(("bearer" = ["client"])),
    params(("id" = String, Path, description = "Worker id")),
    responses(
        (status = 200, body = PortalWorker, headers(("ETag" = String, description = "Send back in If-None-Match"))),
        (status = 304, description = "Unchanged since the ETag sent"),
        (status = 401, description = "No valid access token, or a revoked API client", body = ApiErrorBody),
        (status = 403, description = "Not a client company's user or API client", body = ApiErrorBody),
        (status = 404, description = "Not a worker placed with your company", body = ApiErrorBody),
        (status = 429, description = "Too many requests this minute; see Retry-After", body = ApiErrorBody),
    )
)]
#[get("/portal/workers/{id}")]
pub async fn get_portal_worker(
    state: web::Data<AppState>,
    auth: PortalAuth,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let (id, caller) = (id.into_inner(), auth.caller);
    let body = state
        .db
        .transaction(move |conn| {
            let filter = Filter { worker_id: Some(id.clone()), ..Filter::default() };
            let (mut rows, _) =
                portal_db::list(conn, &caller.company_id, portal_db::left_after(today()), &filter, 0, 1)?;
            let row = rows.pop().ok_or(ApiError::NotFound)?;
            audit::record(
                conn,
                &caller.actor,
                Change::new("portal.view_worker", "worker", Some(&id))
                    .after(&json!({ "client_company_id": caller.company_id })),
            )?;
            Ok(row.view())
        })
        .await?;
    Ok(tagged(&req, &Answer::of(&body).map_err(ApiError::internal)?))
}

/// Totals by status
#[utoipa::path(
    tag = "portal",
    security(("bearer" = ["client"])),
    responses(
        (status = 200, body = PortalSummary, headers(("ETag" = String, description = "Send back in If-None-Match"))),
        (status = 304, description = "Unchanged since the ETag sent"),
        (status = 401, description = "No valid access token, or a revoked API client", body = ApiErrorBody),
        (status = 403, description = "Not a client company's user or API client", body = ApiErrorBody),
        (status = 429, description = "Too many requests this minute; see Retry-After", body = ApiErrorBody),
    )
)]
#[get("/portal/summary")]
pub async fn portal_summary(
    state: web::Data<AppState>,
    auth: PortalAuth,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let (caller, left_after) = (auth.caller, portal_db::left_after(today()));
    let company = caller.company_id;
    let key = format!("portal summary {company} {left_after}");
    let answer = memo::answer(&state.db, caller.db_version.as_ref(), key, move |conn| {
        let name = client_companies::find(conn, &company)?.map(|c| c.name).unwrap_or_default();
        let statuses = portal_db::statuses(conn, &company, left_after)?;
        let count = |s: PortalStatus| -> i64 {
            statuses
                .iter()
                .filter(|((m, t), _)| PortalStatus::of(from_code(m).unwrap_or_default(), *t) == s)
                .map(|(_, n)| n)
                .sum()
        };
        let by_status: Vec<StatusCount> =
            PortalStatus::ALL.into_iter().map(|s| StatusCount { status: s, count: count(s) }).collect();
        let total = by_status.iter().map(|c| c.count).sum();
        Ok(PortalSummary { client_company: name, total, by_status })
    })
    .await?;
    Ok(tagged(&req, &answer))
}

/// The export's columns: the header in each language, and the cell of a worker.
type Column = (&'static str, &'static str, fn(&PortalWorker, Lang) -> String);

fn export_columns() -> [Column; 9] {
    [
        ("Nama", "Name", |w, _| w.full_name.clone()),
        ("NIK", "NIK", |w, _| w.nik.clone()),
        ("Nomor kartu BPJS (noka)", "BPJS card number (noka)", |w, _| w.noka.clone().unwrap_or_default()),
        ("NIP", "Employee number (NIP)", |w, _| w.employee_number.clone()),
        ("Status", "Status", |w, l| w.status.label(l).to_string()),
        ("Status sejak", "Status since", |w, _| day(w.status_since)),
        ("Ditempatkan sejak", "Placed from", |w, _| day(Some(w.placed_from))),
        ("Ditempatkan sampai", "Placed until", |w, _| day(w.placed_until)),
        ("Perubahan terakhir", "Last change", |w, _| {
            // In the office's zone (WIB), as the rest of the product shows days.
            let wib = chrono::FixedOffset::east_opt(7 * 3600).map(|z| w.updated_at.with_timezone(&z));
            wib.map(|t| t.format("%d-%m-%Y %H:%M").to_string()).unwrap_or_default()
        }),
    ]
}

/// Your placed workers as a spreadsheet
///
/// Every worker the list (`GET /portal/workers`) finds with the same `q`, `status` and
/// `updated_since`, without pages (`page` and `per_page` are ignored): `format=csv` (default;
/// UTF-8 with BOM, semicolons, as Excel opens it in the Indonesian locale) or `format=xlsx`, with
/// the columns the portal shows (NIK and card number masked), headers and labels in the
/// `Accept-Language`. Every text cell that a spreadsheet would take for a formula starts with an
/// apostrophe. Each export is recorded.
#[utoipa::path(
    tag = "portal",
    security(("bearer" = ["client"])),
    params(PortalQuery, ExportQuery),
    responses(
        (status = 200, description = "The workers, as CSV or XLSX", content(
            ("text/csv"),
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )),
        (status = 400, description = "A parameter cannot be read", body = ApiErrorBody),
        (status = 401, description = "No valid access token, or a revoked API client", body = ApiErrorBody),
        (status = 403, description = "Not a client company's user or API client", body = ApiErrorBody),
        (status = 429, description = "Too many requests this minute; see Retry-After", body = ApiErrorBody),
    )
)]
#[get("/portal/workers/export")]
pub async fn export_portal_workers(
    state: web::Data<AppState>,
    auth: PortalAuth,
    req: HttpRequest,
    query: web::Query<PortalQuery>,
    export: web::Query<ExportQuery>,
) -> Result<HttpResponse, ApiError> {
    let lang = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::from_accept_language)
        .unwrap_or_default();
    let (filter, format) = (filter_of(&query), export.format.unwrap_or_default());
    let caller = auth.caller;
    let company = caller.company_id.clone();
    let workers = state
        .db
        .run(move |conn| {
            let (rows, _) = portal_db::list(conn, &company, portal_db::left_after(today()), &filter, 0, EVERY_ROW)?;
            Ok(rows.into_iter().map(Row::view).collect::<Vec<_>>())
        })
        .await?;
    let count = workers.len();
    state
        .db
        .transaction(move |conn| {
            let after = json!({ "format": format, "rows": count });
            let change = Change::new("portal.export", "client_company", Some(&caller.company_id)).after(&after);
            Ok(audit::record(conn, &caller.actor, change)?)
        })
        .await?;
    let columns = export_columns();
    let rows: Vec<Vec<String>> = workers.iter().map(|w| columns.iter().map(|c| (c.2)(w, lang)).collect()).collect();
    let header: Vec<&str> = columns.iter().map(|c| lang.pick(c.0, c.1)).collect();
    download(format, lang.pick("pekerja", "workers"), &header, &rows)
}
