//! Where a worker is placed: one current placement, with its history.

use actix_web::{get, post, web, HttpResponse};
use tertib_domain::registry::{NewPlacement, PlacementView};
use tertib_domain::ApiErrorBody;

use crate::auth::roles::{Internal, Staff};
use crate::auth::Auth;
use crate::db::{placements as placements_db, workers as workers_db};
use crate::error::ApiError;
use crate::registry::{self, today};
use crate::state::AppState;

/// The worker's placements
///
/// Newest first; the current one has no `end_date`.
#[utoipa::path(
    tag = "placements",
    security(("bearer" = ["director", "hr", "admin_ops"])),
    params(("id" = String, Path, description = "Worker id")),
    responses(
        (status = 200, body = Vec<PlacementView>),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not internal staff", body = ApiErrorBody),
        (status = 404, description = "No such worker", body = ApiErrorBody),
    )
)]
#[get("/workers/{id}/placements")]
pub async fn list_placements(
    state: web::Data<AppState>,
    _auth: Auth<Internal>,
    id: web::Path<String>,
) -> Result<web::Json<Vec<PlacementView>>, ApiError> {
    let id = id.into_inner();
    let list = state
        .db
        .run(move |conn| {
            let worker = workers_db::find(conn, &id)?.ok_or(ApiError::NotFound)?;
            Ok(placements_db::history(conn, &worker.id)?.iter().map(|(p, c)| p.view(c)).collect())
        })
        .await?;
    Ok(web::Json(list))
}

/// Place the worker with a client company
///
/// The current placement, if any, ends the day before `start_date`, which must lie after the
/// current placement's start, not before the hire date and not after a termination. The company
/// must be active. The worker's wage is checked again against the new company's UMK.
#[utoipa::path(
    tag = "placements",
    security(("bearer" = ["director", "hr"])),
    params(("id" = String, Path, description = "Worker id")),
    request_body = NewPlacement,
    responses(
        (status = 201, body = PlacementView),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director or HR", body = ApiErrorBody),
        (status = 404, description = "No such worker", body = ApiErrorBody),
        (status = 409, description = "Another placement was made at the same time (`conflict`)", body = ApiErrorBody),
        (status = 422, description = "Every rule the placement breaks", body = ApiErrorBody),
    )
)]
#[post("/workers/{id}/placements")]
pub async fn add_placement(
    state: web::Data<AppState>,
    auth: Auth<Staff>,
    id: web::Path<String>,
    body: web::Json<NewPlacement>,
) -> Result<HttpResponse, ApiError> {
    let (id, req) = (id.into_inner(), body.into_inner());
    let actor = auth.caller.actor();
    let (placement, company) =
        state.db.transaction(move |conn| registry::placements::add(conn, &actor, today(), &id, &req)).await?;
    Ok(HttpResponse::Created().json(placement.view(&company)))
}
