//! Importing rosters.

use actix_web::http::header;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use futures_util::StreamExt;
use tertib_domain::import::{read_csv, template_csv, ImportQuery, ImportReport};
use tertib_domain::ApiErrorBody;

use super::answer_lang;
use crate::auth::roles::{Internal, Staff};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::imports;
use crate::registry::today;
use crate::state::AppState;

/// Largest roster accepted (about 100,000 rows of the template).
const MAX_FILE_BYTES: usize = 32 << 20;

/// Import workers and families from a roster
///
/// The CSV file is the body (`text/csv`: UTF-8 with or without BOM, comma or semicolon, CRLF or
/// LF, quoted fields), with the template's columns in any order (header names case-insensitive):
/// `nik, no_kk, nama, tempat_lahir, tanggal_lahir, jenis_kelamin, status_kawin, hubungan,
/// nik_peserta, tmt_kerja, gaji, no_kartu, kode_faskes, perusahaan_klien, email, no_hp`. One row per
/// person: a worker row has `hubungan` = `peserta`; a family row names its worker in `nik_peserta`.
/// Every row goes through the same rules as the forms. `dry_run=true` checks and counts, writing
/// nothing; by default the file is written all or nothing, `mode=valid_rows` writes the valid
/// rows (each family whole or not at all). Rows are matched by NIK: importing the same file again
/// changes nothing. Findings name the spreadsheet row (the header is row 1) and the column. A file
/// without a required column answers 422 listing them.
#[utoipa::path(
    tag = "imports",
    security(("bearer" = ["director", "hr"])),
    params(ImportQuery),
    request_body(content = String, content_type = "text/csv"),
    responses(
        (status = 200, body = ImportReport),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director or HR", body = ApiErrorBody),
        (status = 413, description = "Larger than 32 MB", body = ApiErrorBody),
        (status = 415, description = "Not a CSV file (Excel files: save as CSV for now)", body = ApiErrorBody),
        (status = 422, description = "Required columns missing, or the file cannot be read (e.g. not UTF-8)", body = ApiErrorBody),
    )
)]
#[post("/imports/workers")]
pub async fn import_workers(
    state: web::Data<AppState>,
    auth: Auth<Staff>,
    req: HttpRequest,
    query: web::Query<ImportQuery>,
    mut payload: web::Payload,
) -> Result<web::Json<ImportReport>, ApiError> {
    let lang = answer_lang(&req, &auth.caller);
    let media = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("text/csv");
    let media = media.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if !matches!(media.as_str(), "text/csv" | "text/plain" | "application/csv" | "application/octet-stream") {
        return Err(ApiError::UnsupportedMediaType);
    }
    let mut bytes = Vec::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| ApiError::BadRequest(e.to_string()))?;
        if bytes.len() + chunk.len() > MAX_FILE_BYTES {
            return Err(ApiError::PayloadTooLarge);
        }
        bytes.extend_from_slice(&chunk);
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        ApiError::invalid(tertib_domain::Finding::error(
            "file",
            "not_utf8",
            "Berkas bukan teks UTF-8: simpan sebagai \u{201c}CSV UTF-8\u{201d}.",
            "The file is not UTF-8 text: save it as \u{201c}CSV UTF-8\u{201d}.",
        ))
    })?;
    let table = read_csv(&text).map_err(ApiError::invalid)?;
    let q = query.into_inner();
    let mut actor = auth.caller.actor();
    actor.request_id = Some(imports::import_id());
    let report = state
        .db
        .run(move |conn| {
            imports::import(conn, &actor, today(), &table, q.mode.unwrap_or_default(), q.dry_run.unwrap_or(false), lang)
        })
        .await?;
    Ok(web::Json(report))
}

/// The import template (CSV)
///
/// The header row and an example worker with his wife, semicolon-separated as Excel writes it in
/// the Indonesian locale.
#[utoipa::path(
    tag = "imports",
    security(("bearer" = ["director", "hr", "admin_ops"])),
    responses(
        (status = 200, description = "The template", content_type = "text/csv"),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not internal staff", body = ApiErrorBody),
    )
)]
#[get("/imports/workers/template")]
pub async fn import_template(_auth: Auth<Internal>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((header::CONTENT_DISPOSITION, "attachment; filename=\"template-pekerja.csv\""))
        .body(format!("\u{feff}{}", template_csv()))
}
