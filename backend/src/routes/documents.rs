//! Reading a case document. Internal staff only; each reading is recorded as an access.

use actix_web::http::header::{self, ContentDisposition, DispositionParam, DispositionType};
use actix_web::{get, web, HttpResponse};
use tertib_domain::ApiErrorBody;

use crate::auth::roles::Internal;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::lifecycle::documents;
use crate::state::AppState;

/// Download a document
///
/// Answered as an attachment with its checked media type; the reading is recorded in the audit
/// log (`document.view`).
#[utoipa::path(
    tag = "cases",
    security(("bearer" = ["director", "hr", "admin_ops"])),
    params(("id" = String, Path, description = "Document id")),
    responses(
        (status = 200, description = "The file", content_type = "application/octet-stream"),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not internal staff", body = ApiErrorBody),
        (status = 404, description = "No such document", body = ApiErrorBody),
    )
)]
#[get("/documents/{id}")]
pub async fn download_document(
    state: web::Data<AppState>,
    auth: Auth<Internal>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let (id, actor) = (id.into_inner(), auth.caller.actor());
    let (meta, content) = state.db.transaction(move |conn| documents::read(conn, &actor, &id)).await?;
    Ok(HttpResponse::Ok()
        .content_type(meta.media_type)
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(meta.file_name)],
        })
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(content))
}
