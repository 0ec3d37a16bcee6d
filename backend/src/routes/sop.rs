//! The written SOP and the settings it prints.

use actix_web::{get, put, web, HttpRequest, HttpResponse};
use tertib_domain::lifecycle::api::{SopFormat, SopQuery};
use tertib_domain::lifecycle::sop;
use tertib_domain::lifecycle::LifecycleSettings;
use tertib_domain::ApiErrorBody;

use super::answer_lang;
use crate::auth::roles::{DirectorOnly, Internal};
use crate::auth::Auth;
use crate::db::settings as settings_db;
use crate::error::ApiError;
use crate::lifecycle::{self, SETTINGS_KEY};
use crate::state::AppState;

/// The SOP
///
/// Printed from the rules the server enforces (steps, who may take them, checklists, deadlines)
/// with the settings in force: Markdown (default) or an HTML fragment (`format=html`), in Bahasa
/// Indonesia (default) or English (`lang=en`, or `Accept-Language`).
#[utoipa::path(
    tag = "sop",
    security(("bearer" = ["director", "hr", "admin_ops"])),
    params(SopQuery),
    responses(
        (status = 200, description = "The SOP", content_type = "text/markdown"),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not internal staff", body = ApiErrorBody),
    )
)]
#[get("/sop")]
pub async fn get_sop(
    state: web::Data<AppState>,
    auth: Auth<Internal>,
    req: HttpRequest,
    query: web::Query<SopQuery>,
) -> Result<HttpResponse, ApiError> {
    let lang = query.lang.unwrap_or_else(|| answer_lang(&req, &auth.caller));
    let settings = state.db.run(lifecycle::settings).await?;
    let blocks = sop::document(lang, &settings);
    Ok(match query.format.unwrap_or_default() {
        SopFormat::Markdown => {
            HttpResponse::Ok().content_type("text/markdown; charset=utf-8").body(sop::to_markdown(&blocks))
        }
        SopFormat::Html => HttpResponse::Ok().content_type("text/html; charset=utf-8").body(sop::to_html(&blocks)),
    })
}

/// The procedure settings
#[utoipa::path(
    tag = "sop",
    security(("bearer" = ["director", "hr", "admin_ops"])),
    responses(
        (status = 200, body = LifecycleSettings),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not internal staff", body = ApiErrorBody),
    )
)]
#[get("/settings/lifecycle")]
pub async fn get_lifecycle_settings(
    state: web::Data<AppState>,
    _auth: Auth<Internal>,
) -> Result<web::Json<LifecycleSettings>, ApiError> {
    Ok(web::Json(state.db.run(lifecycle::settings).await?))
}

/// Change the procedure settings
///
/// The cut-off day (1-31), the months of cover after a dismissal, the days of notice before a
/// child's age limit, the largest document accepted. Applies to cases opened from now on; the SOP
/// prints the new values at once.
#[utoipa::path(
    tag = "sop",
    security(("bearer" = ["director"])),
    request_body = LifecycleSettings,
    responses(
        (status = 200, body = LifecycleSettings),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director", body = ApiErrorBody),
        (status = 422, description = "A value out of range, named", body = ApiErrorBody),
    )
)]
#[put("/settings/lifecycle")]
pub async fn put_lifecycle_settings(
    state: web::Data<AppState>,
    auth: Auth<DirectorOnly>,
    body: web::Json<LifecycleSettings>,
) -> Result<web::Json<LifecycleSettings>, ApiError> {
    let new = body.into_inner();
    settings_db::refuse_out_of_range(new.problems())?;
    let actor = auth.caller.actor();
    let saved = state
        .db
        .transaction(move |conn| {
            let before = lifecycle::settings(conn)?;
            settings_db::replace(conn, &actor, SETTINGS_KEY, &before, &new)?;
            Ok(new)
        })
        .await?;
    Ok(web::Json(saved))
}
