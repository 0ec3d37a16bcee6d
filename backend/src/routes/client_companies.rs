//! Client companies: the companies workers are placed with. Read by all internal staff, changed
//! by directors and HR; never deleted (`active: false` deactivates).

use actix_web::{get, patch, post, web, HttpResponse};
use tertib_domain::registry::{ClientCompanyDraft, ClientCompanyView, UpdateClientCompanyRequest};
use tertib_domain::ApiErrorBody;

use crate::auth::roles::{Internal, Staff};
use crate::auth::Auth;
use crate::db::client_companies;
use crate::error::ApiError;
use crate::registry::companies;
use crate::state::AppState;

/// All client companies
///
/// Active companies first, then by name.
#[utoipa::path(
    tag = "client-companies",
    security(("bearer" = ["director", "hr", "admin_ops"])),
    responses(
        (status = 200, body = Vec<ClientCompanyView>),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not internal staff", body = ApiErrorBody),
    )
)]
#[get("/client-companies")]
pub async fn list_client_companies(
    state: web::Data<AppState>,
    _auth: Auth<Internal>,
) -> Result<web::Json<Vec<ClientCompanyView>>, ApiError> {
    let list = state.db.run(|conn| Ok(client_companies::list(conn)?)).await?;
    Ok(web::Json(list.iter().map(|c| c.view()).collect()))
}

/// One client company
#[utoipa::path(
    tag = "client-companies",
    security(("bearer" = ["director", "hr", "admin_ops"])),
    params(("id" = String, Path, description = "Client company id")),
    responses(
        (status = 200, body = ClientCompanyView),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not internal staff", body = ApiErrorBody),
        (status = 404, description = "No such client company", body = ApiErrorBody),
    )
)]
#[get("/client-companies/{id}")]
pub async fn get_client_company(
    state: web::Data<AppState>,
    _auth: Auth<Internal>,
    id: web::Path<String>,
) -> Result<web::Json<ClientCompanyView>, ApiError> {
    let id = id.into_inner();
    let company = state.db.run(move |conn| client_companies::find(conn, &id)?.ok_or(ApiError::NotFound)).await?;
    Ok(web::Json(company.view()))
}

/// Create a client company
///
/// Needs at least `code` (unique, used by imports) and `name`. `minimum_wage` is the UMK of the
/// workplace: wages of workers placed here are checked against it.
#[utoipa::path(
    tag = "client-companies",
    security(("bearer" = ["director", "hr"])),
    request_body = ClientCompanyDraft,
    responses(
        (status = 201, body = ClientCompanyView),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director or HR", body = ApiErrorBody),
        (status = 409, description = "The code is taken (`code_taken`)", body = ApiErrorBody),
        (status = 422, description = "Every rule the data breaks", body = ApiErrorBody),
    )
)]
#[post("/client-companies")]
pub async fn create_client_company(
    state: web::Data<AppState>,
    auth: Auth<Staff>,
    body: web::Json<ClientCompanyDraft>,
) -> Result<HttpResponse, ApiError> {
    let draft = body.into_inner();
    let actor = auth.caller.actor();
    let company = state.db.transaction(move |conn| companies::create(conn, &actor, &draft)).await?;
    Ok(HttpResponse::Created().json(company.view()))
}

/// Change or deactivate a client company
///
/// Send the `version` read and the fields to change. `active: false` deactivates the company: its
/// history stays, and no worker can be placed there any more.
#[utoipa::path(
    tag = "client-companies",
    security(("bearer" = ["director", "hr"])),
    params(("id" = String, Path, description = "Client company id")),
    request_body = UpdateClientCompanyRequest,
    responses(
        (status = 200, body = ClientCompanyView),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director or HR", body = ApiErrorBody),
        (status = 404, description = "No such client company", body = ApiErrorBody),
        (status = 409, description = "Changed by someone else since read (`version_conflict`), or the code is taken (`code_taken`)", body = ApiErrorBody),
        (status = 422, description = "Every rule the change breaks", body = ApiErrorBody),
    )
)]
#[patch("/client-companies/{id}")]
pub async fn update_client_company(
    state: web::Data<AppState>,
    auth: Auth<Staff>,
    id: web::Path<String>,
    body: web::Json<UpdateClientCompanyRequest>,
) -> Result<web::Json<ClientCompanyView>, ApiError> {
    let (id, change) = (id.into_inner(), body.into_inner());
    let actor = auth.caller.actor();
    let company = state.db.transaction(move |conn| companies::update(conn, &actor, &id, &change)).await?;
    Ok(web::Json(company.view()))
}
