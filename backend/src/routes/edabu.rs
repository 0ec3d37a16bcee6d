//! e-Dabu batches: creating one from the pending cases, listing and reading them, downloading the
//! file as sent, uploading e-Dabu's answer; and the layout of the form (director).

use actix_web::http::header;
use actix_web::{get, post, put, web, HttpRequest, HttpResponse};
use futures_util::StreamExt;
use tertib_domain::edabu::{BatchListQuery, BatchPage, BatchPlan, BatchView, EdabuSettings, NewBatch, ResultsReport};
use tertib_domain::lifecycle::api::paging;
use tertib_domain::ApiErrorBody;

use super::answer_lang;
use crate::auth::roles::{DirectorOnly, Staff};
use crate::auth::Auth;
use crate::db::audit::{self, Change};
use crate::db::edabu as edabu_db;
use crate::db::settings as settings_db;
use crate::edabu::{self, results, SETTINGS_KEY};
use crate::error::ApiError;
use crate::sheets::XLSX_MEDIA;
use crate::state::AppState;

/// Largest result file accepted.
const MAX_RESULT_BYTES: usize = 32 << 20;

/// Create an e-Dabu batch
///
/// Picks the pending cases of `kind` (open, with the checklist of the submit step complete),
/// narrowed by the client company the worker is placed with, the month of the due date and
/// `case_ids` (a case BPJS rejected goes again only when named there), writes the upload form
/// (the layout of `GET /settings/edabu`: one row per person, the worker and the family the
/// submission moves), and submits every picked case through the case machine naming the batch,
/// all in one transaction. Cases that cannot go are listed in `left_out` with the reason.
/// `dry_run: true` answers the same lists (200) and writes nothing. Nothing to submit answers
/// 422 `nothing_to_submit`.
#[utoipa::path(
    tag = "edabu",
    security(("bearer" = ["director", "hr"])),
    request_body = NewBatch,
    responses(
        (status = 200, description = "Dry run: what would go and what not", body = BatchPlan),
        (status = 201, description = "The batch, its cases and the cases left out", body = BatchPlan),
        (status = 400, description = "The body cannot be read", body = ApiErrorBody),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director or HR", body = ApiErrorBody),
        (status = 409, description = "A case changed while the batch was made (`version_conflict`)", body = ApiErrorBody),
        (status = 422, description = "`month_invalid`, or `nothing_to_submit`", body = ApiErrorBody),
    )
)]
#[post("/edabu/batches")]
pub async fn create_batch(
    state: web::Data<AppState>,
    auth: Auth<Staff>,
    req: HttpRequest,
    body: web::Json<NewBatch>,
) -> Result<HttpResponse, ApiError> {
    let lang = answer_lang(&req, &auth.caller);
    let (body, caller) = (body.into_inner(), auth.caller);
    let dry_run = body.dry_run;
    let plan = state.db.transaction(move |conn| edabu::create(conn, &caller.actor(), caller.role, &body, lang)).await?;
    Ok(if dry_run { HttpResponse::Ok().json(plan) } else { HttpResponse::Created().json(plan) })
}

/// e-Dabu batches, newest first
#[utoipa::path(
    tag = "edabu",
    security(("bearer" = ["director", "hr"])),
    params(BatchListQuery),
    responses(
        (status = 200, body = BatchPage),
        (status = 400, description = "A parameter cannot be read", body = ApiErrorBody),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director or HR", body = ApiErrorBody),
    )
)]
#[get("/edabu/batches")]
pub async fn list_batches(
    state: web::Data<AppState>,
    _auth: Auth<Staff>,
    query: web::Query<BatchListQuery>,
) -> Result<web::Json<BatchPage>, ApiError> {
    let query = query.into_inner();
    let (page, per_page) = paging(query.page, query.per_page);
    let out = state
        .db
        .run(move |conn| {
            let offset = i64::from(page - 1) * i64::from(per_page);
            let (batches, total) = edabu_db::list(conn, &query, offset, i64::from(per_page))?;
            Ok(BatchPage { items: edabu::summaries(conn, &batches)?, total, page, per_page })
        })
        .await?;
    Ok(web::Json(out))
}

/// One e-Dabu batch
///
/// Every row of the file: the case (as it stands now), the worker, the person (NIK masked) and
/// e-Dabu's answer.
#[utoipa::path(
    tag = "edabu",
    security(("bearer" = ["director", "hr"])),
    params(("id" = String, Path, description = "Batch id")),
    responses(
        (status = 200, body = BatchView),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director or HR", body = ApiErrorBody),
        (status = 404, description = "No such batch", body = ApiErrorBody),
    )
)]
#[get("/edabu/batches/{id}")]
pub async fn get_batch(
    state: web::Data<AppState>,
    _auth: Auth<Staff>,
    id: web::Path<String>,
) -> Result<web::Json<BatchView>, ApiError> {
    let id = id.into_inner();
    let view = state
        .db
        .run(move |conn| {
            let batch = edabu_db::find(conn, &id)?.ok_or(ApiError::NotFound)?;
            edabu::view(conn, &batch)
        })
        .await?;
    Ok(web::Json(view))
}

/// The batch's file, as sent
///
/// The XLSX upload form exactly as it was made (identity numbers in full: each download is
/// recorded in the audit log).
#[utoipa::path(
    tag = "edabu",
    security(("bearer" = ["director", "hr"])),
    params(("id" = String, Path, description = "Batch id")),
    responses(
        (status = 200, description = "The upload form", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director or HR", body = ApiErrorBody),
        (status = 404, description = "No such batch", body = ApiErrorBody),
    )
)]
#[get("/edabu/batches/{id}/file")]
pub async fn download_batch_file(
    state: web::Data<AppState>,
    auth: Auth<Staff>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let (id, actor) = (id.into_inner(), auth.caller.actor());
    let (name, bytes) = state
        .db
        .transaction(move |conn| {
            // Written first (see `routes::workers::get_worker`); no batch, and it is rolled back.
            audit::record(conn, &actor, Change::new("edabu.file_download", "edabu_batch", Some(&id)))?;
            edabu_db::file(conn, &id)?.ok_or(ApiError::NotFound)
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type(XLSX_MEDIA)
        .insert_header((header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(bytes))
}

/// Record e-Dabu's answer to a batch
///
/// The body is e-Dabu's validation result or a member list, as XLSX (its first sheet) or CSV
/// (UTF-8, comma or semicolon). Columns are found by their headers, in any order and spelling:
/// NIK (`NIK`, `NIK/KITAS/KITAP`…), card number (`No Kartu`, `Nomor Kartu Peserta`, `NOKA`…),
/// status (`Status`, `Hasil Validasi`…: berhasil/sukses/diterima/aktif or gagal/ditolak/tidak
/// valid; for deactivations non aktif) and remark (`Keterangan`, `Alasan`, `Pesan`…); title rows
/// above the header are skipped. Rows are matched to the batch's people by NIK, else by card
/// number. An accepted row records the card number (13 digits) and, once every row of its case
/// is accepted, accepts the case; a rejected row returns its case to HR with e-Dabu's reason.
/// Findings name the file's row and column. A file with any error changes nothing (`applied:
/// false`); rows matching nobody of the batch are skipped with a warning; the same file again
/// changes nothing.
#[utoipa::path(
    tag = "edabu",
    security(("bearer" = ["director", "hr"])),
    params(("id" = String, Path, description = "Batch id")),
    request_body(content = Vec<u8>, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    responses(
        (status = 200, body = ResultsReport),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director or HR", body = ApiErrorBody),
        (status = 404, description = "No such batch", body = ApiErrorBody),
        (status = 409, description = "A case changed meanwhile (`version_conflict`)", body = ApiErrorBody),
        (status = 413, description = "Larger than 32 MB", body = ApiErrorBody),
        (status = 415, description = "Neither XLSX nor CSV", body = ApiErrorBody),
        (status = 422, description = "The file cannot be read, or has no NIK or card number column", body = ApiErrorBody),
    )
)]
#[post("/edabu/batches/{id}/results")]
pub async fn upload_results(
    state: web::Data<AppState>,
    auth: Auth<Staff>,
    req: HttpRequest,
    id: web::Path<String>,
    mut payload: web::Payload,
) -> Result<web::Json<ResultsReport>, ApiError> {
    let lang = answer_lang(&req, &auth.caller);
    let media = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or(XLSX_MEDIA);
    let media = media.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let known = [XLSX_MEDIA, "text/csv", "text/plain", "application/csv", "application/octet-stream"];
    if !known.contains(&media.as_str()) {
        return Err(ApiError::UnsupportedMediaType);
    }
    let mut bytes = Vec::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| ApiError::BadRequest(e.to_string()))?;
        if bytes.len() + chunk.len() > MAX_RESULT_BYTES {
            return Err(ApiError::PayloadTooLarge);
        }
        bytes.extend_from_slice(&chunk);
    }
    let lines = results::read_rows(&bytes).map_err(ApiError::invalid)?;
    let (id, caller) = (id.into_inner(), auth.caller);
    let report = state
        .db
        .transaction(move |conn| {
            let batch = edabu_db::find(conn, &id)?.ok_or(ApiError::NotFound)?;
            results::apply(conn, &caller.actor(), caller.role, &batch, &lines, lang)
        })
        .await?;
    Ok(web::Json(report))
}

/// The e-Dabu form's layout
///
/// Per kind of batch the sheet's name and its columns in order (header, and the field each holds
/// or `blank`), and the code tables (gender, relation, marital and employment status,
/// citizenship, mutation). Unless changed, the form as BPJS publishes it.
#[utoipa::path(
    tag = "edabu",
    security(("bearer" = ["director"])),
    responses(
        (status = 200, body = EdabuSettings),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director", body = ApiErrorBody),
    )
)]
#[get("/settings/edabu")]
pub async fn get_edabu_settings(
    state: web::Data<AppState>,
    _auth: Auth<DirectorOnly>,
) -> Result<web::Json<EdabuSettings>, ApiError> {
    Ok(web::Json(state.db.run(edabu::settings).await?))
}

/// Change the e-Dabu form's layout
///
/// Applies to batches made from now on; a batch already made keeps its file.
#[utoipa::path(
    tag = "edabu",
    security(("bearer" = ["director"])),
    request_body = EdabuSettings,
    responses(
        (status = 200, body = EdabuSettings),
        (status = 400, description = "The body cannot be read (e.g. an unknown field name)", body = ApiErrorBody),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director", body = ApiErrorBody),
        (status = 422, description = "A value out of range, named", body = ApiErrorBody),
    )
)]
#[put("/settings/edabu")]
pub async fn put_edabu_settings(
    state: web::Data<AppState>,
    auth: Auth<DirectorOnly>,
    body: web::Json<EdabuSettings>,
) -> Result<web::Json<EdabuSettings>, ApiError> {
    let new = body.into_inner();
    settings_db::refuse_out_of_range(new.problems())?;
    let actor = auth.caller.actor();
    let saved = state
        .db
        .transaction(move |conn| {
            let before = edabu::settings(conn)?;
            settings_db::replace(conn, &actor, SETTINGS_KEY, &before, &new)?;
            Ok(new)
        })
        .await?;
    Ok(web::Json(saved))
}
