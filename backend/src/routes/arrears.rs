//! Arrears per worker (and family member).

use actix_web::{get, patch, post, web, HttpResponse};
use tertib_domain::lifecycle::api::{ArrearsPatch, ArrearsView, NewArrears};
use tertib_domain::ApiErrorBody;

use crate::auth::roles::{Internal, Staff};
use crate::auth::Auth;
use crate::db::{arrears as arrears_db, workers as workers_db};
use crate::error::ApiError;
use crate::lifecycle::{self, arrears};
use crate::state::AppState;

/// A worker's arrears
///
/// Each with the months BPJS counts (at most 24) and the service fine that inpatient care within
/// 45 days of reactivation would cost (`fine_percent` of the care cost, at most `fine_cap`).
#[utoipa::path(
    tag = "arrears",
    security(("bearer" = ["director", "hr", "admin_ops"])),
    params(("id" = String, Path, description = "Worker id")),
    responses(
        (status = 200, body = Vec<ArrearsView>),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not internal staff", body = ApiErrorBody),
        (status = 404, description = "No such worker", body = ApiErrorBody),
    )
)]
#[get("/workers/{id}/arrears")]
pub async fn list_arrears(
    state: web::Data<AppState>,
    _auth: Auth<Internal>,
    id: web::Path<String>,
) -> Result<web::Json<Vec<ArrearsView>>, ApiError> {
    let id = id.into_inner();
    let list = state
        .db
        .run(move |conn| {
            workers_db::find(conn, &id)?.ok_or(ApiError::NotFound)?;
            Ok(arrears_db::for_worker(conn, &id)?.iter().map(arrears::view).collect())
        })
        .await?;
    Ok(web::Json(list))
}

/// Record arrears
///
/// `this_company` arrears suspend an active membership until paid; `self_paying` arrears block an
/// open transfer until paid.
#[utoipa::path(
    tag = "arrears",
    security(("bearer" = ["director", "hr"])),
    params(("id" = String, Path, description = "Worker id")),
    request_body = NewArrears,
    responses(
        (status = 201, body = ArrearsView),
        (status = 400, description = "The body cannot be read", body = ApiErrorBody),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director or HR", body = ApiErrorBody),
        (status = 404, description = "No such worker", body = ApiErrorBody),
        (status = 422, description = "Months out of range or a member of another family", body = ApiErrorBody),
    )
)]
#[post("/workers/{id}/arrears")]
pub async fn add_arrears(
    state: web::Data<AppState>,
    auth: Auth<Staff>,
    id: web::Path<String>,
    body: web::Json<NewArrears>,
) -> Result<HttpResponse, ApiError> {
    let (id, body, actor) = (id.into_inner(), body.into_inner(), auth.caller.actor());
    let row = state
        .db
        .transaction(move |conn| {
            let settings = lifecycle::settings(conn)?;
            arrears::add(conn, &actor, &id, &body, &settings)
        })
        .await?;
    Ok(HttpResponse::Created().json(arrears::view(&row)))
}

/// Settle (or reopen) arrears
///
/// `paid` or `waived` with the `evidence` (receipt number, letter); the `version` read.
#[utoipa::path(
    tag = "arrears",
    security(("bearer" = ["director", "hr"])),
    params(("id" = String, Path, description = "Arrears id")),
    request_body = ArrearsPatch,
    responses(
        (status = 200, body = ArrearsView),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director or HR", body = ApiErrorBody),
        (status = 404, description = "No such arrears", body = ApiErrorBody),
        (status = 409, description = "Changed by someone else since read (`version_conflict`)", body = ApiErrorBody),
        (status = 422, description = "Settled without evidence", body = ApiErrorBody),
    )
)]
#[patch("/arrears/{id}")]
pub async fn update_arrears(
    state: web::Data<AppState>,
    auth: Auth<Staff>,
    id: web::Path<String>,
    body: web::Json<ArrearsPatch>,
) -> Result<web::Json<ArrearsView>, ApiError> {
    let (id, body, actor) = (id.into_inner(), body.into_inner(), auth.caller.actor());
    let row = state
        .db
        .transaction(move |conn| {
            let settings = lifecycle::settings(conn)?;
            arrears::settle(conn, &actor, &id, &body, &settings)
        })
        .await?;
    Ok(web::Json(arrears::view(&row)))
}
