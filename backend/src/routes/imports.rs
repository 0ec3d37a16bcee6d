//! Importing rosters. A roster comes as a CSV or XLSX file, either as the request body or as the
//! one file of a `multipart/form-data` form (a browser's or curl's upload), and is read into the
//! domain's [`Table`] before the importer sees it, so every format goes through the same rules.

use actix_multipart::Multipart;
use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use futures_util::{Stream, StreamExt};
use tertib_domain::import::{
    empty_file, read_csv, template_csv, FileRows, ImportQuery, ImportReport, ImportStatus, SheetQuery, Table,
    TemplateFormat, TemplateQuery,
};
use tertib_domain::{ApiErrorBody, Finding};

use super::answer_lang;
use crate::auth::roles::{Internal, Staff};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::imports;
use crate::registry::today;
use crate::sheets::{read_xlsx, XLSX_MEDIA};
use crate::state::AppState;

/// Largest roster accepted (about 100,000 rows of the template).
const MAX_FILE_BYTES: usize = 32 << 20;

/// How a roster is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv,
    Xlsx,
}

/// The format a media type (and a form's file name) declare: `None` when they leave it open
/// (`application/octet-stream`, no type), and the file's first bytes decide. A type that is
/// neither yields to a `.csv` or `.xlsx` name, because browsers label files by what the machine
/// has installed (Windows with Excel sends `application/vnd.ms-excel` for a `.csv` file).
fn declared(media: &str, file_name: Option<&str>) -> Result<Option<Format>, ApiError> {
    let media = media.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    let by_name = file_name.map(str::to_ascii_lowercase).and_then(|name| {
        let name = name.trim();
        if name.ends_with(".xlsx") {
            Some(Format::Xlsx)
        } else if name.ends_with(".csv") {
            Some(Format::Csv)
        } else {
            None
        }
    });
    match media.as_str() {
        "text/csv" | "text/plain" | "application/csv" => Ok(Some(Format::Csv)),
        XLSX_MEDIA => Ok(Some(Format::Xlsx)),
        "" | "application/octet-stream" => Ok(by_name),
        _ => by_name.map(Some).ok_or(ApiError::UnsupportedMediaType),
    }
}

/// An XLSX file is a ZIP archive; anything else is taken for CSV text.
fn sniffed(bytes: &[u8]) -> Format {
    if bytes.starts_with(b"PK\x03\x04") {
        Format::Xlsx
    } else {
        Format::Csv
    }
}

/// Reads a body or a form's part whole, refusing it as soon as it passes the size limit.
async fn read_all<E: std::fmt::Display>(
    mut stream: impl Stream<Item = Result<Bytes, E>> + Unpin,
) -> Result<Vec<u8>, ApiError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| ApiError::BadRequest(e.to_string()))?;
        if bytes.len() + chunk.len() > MAX_FILE_BYTES {
            return Err(ApiError::PayloadTooLarge);
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

/// The uploaded file and its format: the body, or the first part of a `multipart/form-data` form
/// (whatever its field name), judged by the part's own type and file name.
async fn upload(req: &HttpRequest, payload: web::Payload) -> Result<(Format, Vec<u8>), ApiError> {
    let media = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let (format, bytes) = if media.trim().to_ascii_lowercase().starts_with("multipart/form-data") {
        let mut form = Multipart::new(req.headers(), payload);
        let part = form
            .next()
            .await
            .ok_or_else(|| {
                ApiError::invalid(Finding::error(
                    "file",
                    "file_missing",
                    "Formulir tidak berisi berkas.",
                    "The form holds no file.",
                ))
            })?
            .map_err(|e| ApiError::BadRequest(e.to_string()))?;
        let format = declared(
            part.content_type().map(|m| m.essence_str()).unwrap_or_default(),
            part.content_disposition().and_then(|d| d.get_filename()),
        )?;
        (format, read_all(part).await?)
    } else {
        (declared(media, None)?, read_all(payload).await?)
    };
    Ok((format.unwrap_or_else(|| sniffed(&bytes)), bytes))
}

/// The file's cells. Reading a large workbook takes a while, so it runs on the blocking pool.
async fn read_table(format: Format, bytes: Vec<u8>, sheet: Option<String>) -> Result<Table, ApiError> {
    web::block(move || match format {
        Format::Csv => {
            let text = std::str::from_utf8(&bytes).map_err(|_| {
                ApiError::invalid(Finding::error(
                    "file",
                    "not_utf8",
                    "Berkas bukan teks UTF-8: simpan sebagai \u{201c}CSV UTF-8\u{201d}.",
                    "The file is not UTF-8 text: save it as \u{201c}CSV UTF-8\u{201d}.",
                ))
            })?;
            read_csv(text).map_err(ApiError::invalid)
        }
        Format::Xlsx => {
            // The first row with a value is the header.
            let mut table: Option<Table> = None;
            read_xlsx(&bytes, sheet.as_deref(), |row| match table.as_mut() {
                None => table = Some(Table::new(row.cells)),
                Some(t) => {
                    t.long_numbers.extend(row.long_numbers.iter().map(|cell| (row.row, *cell)));
                    t.push_row(row.row, row.cells);
                }
            })
            .map_err(ApiError::invalid)?;
            table.ok_or_else(|| ApiError::invalid(empty_file()))
        }
    })
    .await
    .map_err(ApiError::internal)?
}

/// Import workers and families from a roster
///
/// The roster is the body, as `text/csv` (UTF-8 with or without BOM, comma or semicolon, CRLF or
/// LF, quoted fields) or as an Excel workbook (XLSX; `sheet` picks the sheet, the first by
/// default; `application/octet-stream` is judged by its first bytes), or it is the one file of a
/// `multipart/form-data` form (any field name; its own type or its `.csv`/`.xlsx` name decides).
/// The first row is the header: the template's columns in any order (header names
/// case-insensitive) `nik, no_kk, nama, tempat_lahir, tanggal_lahir, jenis_kelamin, status_kawin,
/// hubungan, nik_peserta, tmt_kerja, gaji, no_kartu, kode_faskes, perusahaan_klien, email, no_hp`,
/// or the headers of BPJS's e-Dabu upload form (`NIK/KITAS/KITAP`, `Kode HubKel`, `Tgl Lahir`...,
/// with its codes; its columns Tertib does not keep are ignored). One row per person: a worker row
/// has `hubungan` = `peserta`; a family row names its worker in `nik_peserta`, or follows its
/// worker's row with the same `no_kk` (as e-Dabu lists families). Every row goes through the same
/// rules as the forms; a NIK or KK number that Excel held as a number has lost its last digit and
/// is an error. `dry_run=true` checks and counts, writing nothing; by default the file is written
/// all or nothing, `mode=valid_rows` writes the valid rows (each family whole or not at all). Rows
/// are matched by NIK: importing the same file again changes nothing. Findings name the
/// spreadsheet row (the header is row 1) and the column. A file without a required column answers
/// 422 listing them.
#[utoipa::path(
    tag = "imports",
    security(("bearer" = ["director", "hr"])),
    params(ImportQuery, SheetQuery),
    request_body(
        description = "The roster: CSV, XLSX, or a form with the file",
        content(
            (String = "text/csv"),
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (RosterForm = "multipart/form-data"),
        )
    ),
    responses(
        (status = 200, body = ImportReport, headers(("Location" = String, description = "The import's record: `GET` it for the same report"))),
        (status = 202, description = "`background=true`: started; its progress and report are at `Location`", body = ImportStatus, headers(("Location" = String))),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director or HR", body = ApiErrorBody),
        (status = 413, description = "Larger than 32 MB", body = ApiErrorBody),
        (status = 415, description = "Neither a CSV nor an XLSX file", body = ApiErrorBody),
        (status = 422, description = "Required columns missing, no such sheet (the sheets are named), or the file cannot be read (e.g. not UTF-8)", body = ApiErrorBody),
    )
)]
#[post("/imports/workers")]
pub async fn import_workers(
    state: web::Data<AppState>,
    auth: Auth<Staff>,
    req: HttpRequest,
    query: web::Query<ImportQuery>,
    sheet: web::Query<SheetQuery>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let lang = answer_lang(&req, &auth.caller);
    let (format, bytes) = upload(&req, payload).await?;
    let reading = std::time::Instant::now();
    let mut table = read_table(format, bytes, sheet.into_inner().sheet).await?;
    table.link_families();
    tracing::info!(rows = table.len(), reading_ms = reading.elapsed().as_millis(), "roster read");
    let q = query.into_inner();
    let job = imports::Job {
        table,
        file_name: String::new(),
        mode: q.mode.unwrap_or_default(),
        dry_run: q.dry_run.unwrap_or(false),
        lang,
        today: today(),
    };
    let actor = auth.caller.actor();
    let id = imports::run::record_start(&state.db, &state.imports, &actor, &job).await?;
    let location = format!("/api/v1/imports/{id}");
    let run = imports::run::run(state.db.clone(), state.imports.clone(), actor, id.clone(), job);
    if q.background.unwrap_or(false) {
        // The answer does not wait; the import's outcome is recorded for `Location`.
        actix_web::rt::spawn(run);
        let status = imports::run::status(&state.db, &state.imports, id, lang).await?;
        return Ok(HttpResponse::Accepted().insert_header((header::LOCATION, location)).json(status));
    }
    let report = run.await?;
    Ok(HttpResponse::Ok().insert_header((header::LOCATION, location)).json(report))
}

/// A roster sent as a form: its one part is the file.
#[derive(utoipa::ToSchema)]
#[expect(dead_code, reason = "describes the request body to the OpenAPI document only")]
struct RosterForm {
    /// The CSV or XLSX file (any field name).
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// Read a roster's rows
///
/// The file's rows as the import reads them, without checking or writing anything: the header
/// and each data row with its spreadsheet row number, every cell as text (whole numbers without
/// decimals, dates as `YYYY-MM-DD`). The same bodies and `sheet` as the import; the browser app
/// shows an Excel file's preview from it.
#[utoipa::path(
    tag = "imports",
    security(("bearer" = ["director", "hr"])),
    params(SheetQuery),
    request_body(
        description = "The roster: CSV, XLSX, or a form with the file",
        content(
            (String = "text/csv"),
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (RosterForm = "multipart/form-data"),
        )
    ),
    responses(
        (status = 200, body = FileRows),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director or HR", body = ApiErrorBody),
        (status = 413, description = "Larger than 32 MB", body = ApiErrorBody),
        (status = 415, description = "Neither a CSV nor an XLSX file", body = ApiErrorBody),
        (status = 422, description = "No such sheet (the sheets are named), or the file cannot be read", body = ApiErrorBody),
    )
)]
#[post("/imports/workers/rows")]
pub async fn import_rows(
    _auth: Auth<Staff>,
    req: HttpRequest,
    sheet: web::Query<SheetQuery>,
    payload: web::Payload,
) -> Result<web::Json<FileRows>, ApiError> {
    let (format, bytes) = upload(&req, payload).await?;
    let table = read_table(format, bytes, sheet.into_inner().sheet).await?;
    Ok(web::Json(table.into()))
}

/// The import template
///
/// `format=csv` (the default): the header row and an example worker with his wife,
/// semicolon-separated as Excel writes it in the Indonesian locale. `format=xlsx`: the same in a
/// `Data` sheet (identifier and date columns formatted as text so Excel keeps every digit, lists
/// for the coded columns), with a `Petunjuk` sheet describing every column.
#[utoipa::path(
    tag = "imports",
    security(("bearer" = ["director", "hr", "admin_ops"])),
    params(TemplateQuery),
    responses(
        (status = 200, description = "The template", content(
            ("text/csv"),
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not internal staff", body = ApiErrorBody),
    )
)]
#[get("/imports/workers/template")]
pub async fn import_template(
    _auth: Auth<Internal>,
    query: web::Query<TemplateQuery>,
) -> Result<HttpResponse, ApiError> {
    Ok(match query.format.unwrap_or_default() {
        TemplateFormat::Csv => HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header((header::CONTENT_DISPOSITION, "attachment; filename=\"template-pekerja.csv\""))
            .body(format!("\u{feff}{}", template_csv())),
        TemplateFormat::Xlsx => HttpResponse::Ok()
            .content_type(XLSX_MEDIA)
            .insert_header((header::CONTENT_DISPOSITION, "attachment; filename=\"template-pekerja.xlsx\""))
            .body(imports::template::workbook().map_err(ApiError::internal)?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_files_format_comes_from_its_type_then_its_name_then_its_first_bytes() {
        let f = |media: &str, name: Option<&str>| declared(media, name).ok().flatten();
        assert_eq!(f("text/csv; charset=utf-8", None), Some(Format::Csv));
        assert_eq!(f(XLSX_MEDIA, Some("daftar.csv")), Some(Format::Xlsx));
        assert_eq!(f("application/octet-stream", Some("Daftar.XLSX")), Some(Format::Xlsx));
        assert_eq!(f("application/vnd.ms-excel", Some("daftar.csv")), Some(Format::Csv));
        assert_eq!(f("", None), None);
        assert!(matches!(declared("image/png", Some("foto.png")), Err(ApiError::UnsupportedMediaType)));
        assert!(matches!(declared("application/vnd.ms-excel", Some("lama.xls")), Err(ApiError::UnsupportedMediaType)));
        assert_eq!(sniffed(b"PK\x03\x04rest"), Format::Xlsx);
        assert_eq!(sniffed(b"nik;nama"), Format::Csv);
    }
}
