//! Lists as spreadsheets: the worker list with its filters (here) and the portal's list (in
//! `portal`), as CSV for Excel or XLSX. Every text cell is neutralised (see
//! [`crate::sheets::neutralise`]): names and addresses are typed by people outside the office.

use actix_web::http::header;
use actix_web::{get, web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use serde_json::json;
use tertib_domain::export::{ExportFormat, ExportQuery};
use tertib_domain::registry::{WorkerListQuery, WorkerView};
use tertib_domain::{ApiErrorBody, Lang};

use super::answer_lang;
use super::workers::{filter_of, list_views};
use crate::auth::roles::Internal;
use crate::auth::Auth;
use crate::db::audit::{self, Change};
use crate::error::ApiError;
use crate::registry::today;
use crate::sheets::{self, Cells, XLSX_MEDIA};
use crate::state::AppState;

/// Every matching row: an export has no pages.
pub(crate) const EVERY_ROW: i64 = u32::MAX as i64;

/// `25-11-2026`, as the app shows a day.
pub(crate) fn day(date: Option<NaiveDate>) -> String {
    date.map(|d| d.format("%d-%m-%Y").to_string()).unwrap_or_default()
}

/// A table as the file asked for (`{stem}-{today}.csv` or `.xlsx`), to download.
pub(crate) fn download(
    format: ExportFormat,
    stem: &str,
    header: &[&str],
    rows: &[Vec<String>],
) -> Result<HttpResponse, ApiError> {
    let (bytes, media) = match format {
        ExportFormat::Csv => (sheets::write_csv(header, rows).into_bytes(), "text/csv; charset=utf-8"),
        ExportFormat::Xlsx => {
            (sheets::write_xlsx(stem, header, rows, Cells::Neutralised).map_err(ApiError::internal)?, XLSX_MEDIA)
        }
    };
    let name = format!("{stem}-{}.{}", today().format("%Y-%m-%d"), format.extension());
    Ok(HttpResponse::Ok()
        .content_type(media)
        .insert_header((header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(bytes))
}

/// The worker export's columns: the header in each language, and the cell of a worker.
type Column = (&'static str, &'static str, fn(&WorkerView, Lang) -> String);

fn worker_columns() -> [Column; 22] {
    [
        ("Nama", "Name", |w, _| w.full_name.clone()),
        ("NIK", "NIK", |w, _| w.nik.clone()),
        ("No. KK", "Family card (KK)", |w, _| w.kk_number.clone().unwrap_or_default()),
        ("NIP", "Employee number", |w, _| w.employee_number.clone()),
        ("Tempat lahir", "Birth place", |w, _| w.birth_place.clone()),
        ("Tanggal lahir", "Birth date", |w, _| day(Some(w.birth_date))),
        ("Jenis kelamin", "Gender", |w, l| w.gender.label(l).to_string()),
        ("Status kawin", "Marital status", |w, l| w.marital_status.map(|m| m.label(l).to_string()).unwrap_or_default()),
        ("Jabatan", "Position", |w, _| w.position.clone()),
        ("Status kerja", "Employment", |w, l| w.employment_status.map(|e| e.label(l).to_string()).unwrap_or_default()),
        ("TMT kerja", "Hire date", |w, _| day(Some(w.hire_date))),
        ("Tanggal berhenti", "Termination date", |w, _| day(w.termination_date)),
        ("Alasan berhenti", "Termination reason", |w, l| {
            w.termination_reason.map(|r| r.label(l).to_string()).unwrap_or_default()
        }),
        ("Perusahaan klien", "Client company", |w, _| {
            w.client_company.as_ref().map(|c| c.name.clone()).unwrap_or_default()
        }),
        ("Status kepesertaan", "Membership", |w, l| w.membership_status.label(l).to_string()),
        ("Status sejak", "Status since", |w, _| day(w.membership_since)),
        ("No. kartu BPJS", "BPJS card number", |w, _| w.noka.clone().unwrap_or_default()),
        ("Kode faskes", "Clinic (faskes)", |w, _| w.faskes_code.clone()),
        ("Gaji", "Wage", |w, _| w.wage_base.to_string()),
        ("Telepon", "Phone", |w, _| w.phone.clone()),
        ("Email", "Email", |w, _| w.email.clone()),
        ("Alamat", "Address", |w, _| w.address.clone()),
    ]
}

/// Workers as a spreadsheet
///
/// Every worker the list (`GET /workers`) finds with the same search and filters, in its order,
/// without pages (`page` and `per_page` are ignored): `format=csv` (default; UTF-8 with BOM,
/// semicolons, as Excel opens it in the Indonesian locale) or `format=xlsx`. NIK and KK are masked
/// for every role, as in the list; headers and labels follow the caller's language. Every text
/// cell that a spreadsheet would take for a formula starts with an apostrophe. Each export is
/// recorded in the audit log.
#[utoipa::path(
    tag = "workers",
    security(("bearer" = ["director", "hr", "admin_ops"])),
    params(WorkerListQuery, ExportQuery),
    responses(
        (status = 200, description = "The workers, as CSV or XLSX", content(
            ("text/csv"),
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )),
        (status = 400, description = "A parameter cannot be read", body = ApiErrorBody),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not internal staff", body = ApiErrorBody),
    )
)]
#[get("/workers/export")]
pub async fn export_workers(
    state: web::Data<AppState>,
    auth: Auth<Internal>,
    req: HttpRequest,
    query: web::Query<WorkerListQuery>,
    export: web::Query<ExportQuery>,
) -> Result<HttpResponse, ApiError> {
    let lang = answer_lang(&req, &auth.caller);
    let (query, format) = (query.into_inner(), export.format.unwrap_or_default());
    let filter = filter_of(&query);
    let (sort, order) = (query.sort.unwrap_or_default(), query.order.unwrap_or_default());
    let (views, _) = state.db.run(move |conn| list_views(conn, &filter, sort, order, 0, EVERY_ROW, lang)).await?;
    let columns = worker_columns();
    let rows: Vec<Vec<String>> = views.iter().map(|w| columns.iter().map(|c| (c.2)(w, lang)).collect()).collect();
    // Recorded before the file is answered, as any reading of personal data in bulk.
    let (actor, count) = (auth.caller.actor(), rows.len());
    state
        .db
        .transaction(move |conn| {
            let filters = json!({
                "q": query.q,
                "client_company_id": query.client_company_id,
                "membership_status": query.membership_status,
                "employment_status": query.employment_status,
            });
            let after = json!({ "format": format, "filters": filters, "rows": count });
            Ok(audit::record(conn, &actor, Change::new("workers.export", "worker", None).after(&after))?)
        })
        .await?;
    let header: Vec<&str> = columns.iter().map(|c| lang.pick(c.0, c.1)).collect();
    download(format, lang.pick("pekerja", "workers"), &header, &rows)
}
