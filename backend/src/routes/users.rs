//! User administration, for directors.

use actix_web::{get, patch, post, web, HttpResponse};
use tertib_domain::auth::{
    check_client_company, check_name, check_new_user, check_password, CreateUserRequest, UpdateUserRequest, UserView,
};
use tertib_domain::{ApiErrorBody, Finding, Role};

use crate::accounts;
use crate::auth::roles::DirectorOnly;
use crate::auth::{password, session, Auth};
use crate::db::audit::{self, Change};
use crate::db::users::{self, User};
use crate::db::{now, DbConn};
use crate::error::ApiError;
use crate::state::AppState;

/// All users
#[utoipa::path(
    tag = "users",
    security(("bearer" = ["director"])),
    responses(
        (status = 200, body = Vec<UserView>),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director", body = ApiErrorBody),
    )
)]
#[get("/users")]
pub async fn list_users(
    state: web::Data<AppState>,
    _auth: Auth<DirectorOnly>,
) -> Result<web::Json<Vec<UserView>>, ApiError> {
    let list = state.db.run(|conn| Ok(users::list(conn)?)).await?;
    Ok(web::Json(list.iter().map(User::view).collect()))
}

/// One user
#[utoipa::path(
    tag = "users",
    security(("bearer" = ["director"])),
    params(("id" = String, Path, description = "User id")),
    responses(
        (status = 200, body = UserView),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director", body = ApiErrorBody),
        (status = 404, description = "No such user", body = ApiErrorBody),
    )
)]
#[get("/users/{id}")]
pub async fn get_user(
    state: web::Data<AppState>,
    _auth: Auth<DirectorOnly>,
    id: web::Path<String>,
) -> Result<web::Json<UserView>, ApiError> {
    let id = id.into_inner();
    let user = state.db.run(move |conn| users::find(conn, &id)?.ok_or(ApiError::NotFound)).await?;
    Ok(web::Json(user.view()))
}

/// Create a user
///
/// A `client` user needs the `client_company_id` of the company they belong to; staff roles must
/// not have one. Passwords need at least 10 characters.
#[utoipa::path(
    tag = "users",
    security(("bearer" = ["director"])),
    request_body = CreateUserRequest,
    responses(
        (status = 201, body = UserView),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director", body = ApiErrorBody),
        (status = 409, description = "The email is taken (`email_taken`)", body = ApiErrorBody),
        (status = 422, description = "Every rule the data breaks", body = ApiErrorBody),
    )
)]
#[post("/users")]
pub async fn create_user(
    state: web::Data<AppState>,
    auth: Auth<DirectorOnly>,
    body: web::Json<CreateUserRequest>,
) -> Result<HttpResponse, ApiError> {
    let req = body.into_inner();
    let email = check_new_user(&req).map_err(ApiError::Validation)?;
    let password_hash = password::hash_off_executor(req.password.clone()).await?;
    let actor = auth.caller.actor();
    let user = state.db.transaction(move |conn| accounts::create(conn, &actor, &req, &email, password_hash)).await?;
    Ok(HttpResponse::Created().json(user.view()))
}

/// Change a user
///
/// Changes role, client company, name, language, disables or re-enables the user, or resets the
/// password. Disabling, a role change and a password reset end the user's sessions at once. The
/// last active director cannot be disabled or demoted.
#[utoipa::path(
    tag = "users",
    security(("bearer" = ["director"])),
    params(("id" = String, Path, description = "User id")),
    request_body = UpdateUserRequest,
    responses(
        (status = 200, body = UserView),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director", body = ApiErrorBody),
        (status = 404, description = "No such user", body = ApiErrorBody),
        (status = 422, description = "Every rule the change breaks", body = ApiErrorBody),
    )
)]
#[patch("/users/{id}")]
pub async fn update_user(
    state: web::Data<AppState>,
    auth: Auth<DirectorOnly>,
    id: web::Path<String>,
    body: web::Json<UpdateUserRequest>,
) -> Result<web::Json<UserView>, ApiError> {
    let req = body.into_inner();
    let mut findings: Vec<Finding> = Vec::new();
    findings.extend(req.name.as_deref().and_then(check_name));
    findings.extend(req.password.as_deref().and_then(|p| check_password("password", p)));
    if !findings.is_empty() {
        return Err(ApiError::Validation(findings));
    }
    let new_hash = match &req.password {
        Some(p) => Some(password::hash_off_executor(p.clone()).await?),
        None => None,
    };
    let id = id.into_inner();
    let actor = auth.caller.actor();
    let user = state
        .db
        .run(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                let mut user = users::find(conn, &id)?.ok_or(ApiError::NotFound)?;
                let before = user.view();
                let role = req.role.unwrap_or(user.role());
                let company = match &req.client_company_id {
                    Some(c) => Some(c.trim().to_string()),
                    None if role.is_internal() => None,
                    None => user.client_company_id.clone(),
                };
                if let Some(f) = check_client_company(role, company.as_deref()) {
                    return Err(ApiError::invalid(f));
                }
                accounts::company_must_exist(conn, company.as_deref())?;
                let disabled = req.disabled.unwrap_or(user.disabled);
                let stays_director = role == Role::Director && !disabled;
                if user.role() == Role::Director && !user.disabled && !stays_director && active_directors(conn)? <= 1 {
                    return Err(ApiError::invalid(Finding::error(
                        "role",
                        "last_director",
                        "Direktur aktif terakhir tidak dapat dinonaktifkan atau diubah perannya.",
                        "The last active director cannot be disabled or given another role.",
                    )));
                }
                let ends_sessions = role != user.role()
                    || company != user.client_company_id
                    || (disabled && !user.disabled)
                    || new_hash.is_some();
                user.role = role.as_str().to_string();
                user.client_company_id = company;
                user.disabled = disabled;
                if let Some(name) = req.name {
                    user.name = name.trim().to_string();
                }
                if let Some(lang) = req.language {
                    user.language = lang.code().to_string();
                }
                if let Some(hash) = new_hash {
                    user.password_hash = hash;
                }
                let at = now();
                if ends_sessions {
                    session::end_all(conn, &mut user, at)?;
                } else {
                    user.updated_at = at;
                    users::update(conn, &user)?;
                }
                let action = if req.password.is_some() { "user.reset_password" } else { "user.update" };
                audit::record(
                    conn,
                    &actor,
                    Change::new(action, "user", Some(&user.id)).before(&before).after(&user.view()),
                )?;
                Ok(user)
            })
        })
        .await?;
    Ok(web::Json(user.view()))
}

fn active_directors(conn: &mut DbConn) -> Result<usize, ApiError> {
    Ok(users::list(conn)?.iter().filter(|u| u.role() == Role::Director && !u.disabled).count())
}
