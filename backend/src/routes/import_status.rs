//! How a roster import stands.

use actix_web::{get, web, HttpRequest};
use tertib_domain::import::ImportStatus;
use tertib_domain::ApiErrorBody;

use super::answer_lang;
use crate::auth::roles::Staff;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::imports::run;
use crate::state::AppState;

/// An import's progress and outcome
///
/// While it runs: the rows checked (and, in a commit, written in its still open transaction) out
/// of the file's rows, for a progress bar. When done: the same report the import answered. An
/// import cut short by the server stopping is `interrupted`: nothing of its file was kept.
#[utoipa::path(
    tag = "imports",
    security(("bearer" = ["director", "hr"])),
    params(("id" = String, Path, description = "The import's id (the `Location` of its answer)")),
    responses(
        (status = 200, body = ImportStatus),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director or HR", body = ApiErrorBody),
        (status = 404, description = "No such import", body = ApiErrorBody),
    )
)]
#[get("/imports/{id}")]
pub async fn get_import(
    state: web::Data<AppState>,
    auth: Auth<Staff>,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<web::Json<ImportStatus>, ApiError> {
    let lang = answer_lang(&req, &auth.caller);
    Ok(web::Json(run::status(&state.db, &state.imports, id.into_inner(), lang).await?))
}
