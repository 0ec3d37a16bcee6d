//! The signed-in user's own account.

use actix_web::{get, patch, post, web, HttpResponse};
use tertib_domain::auth::{
    check_name, check_password, ChangePasswordRequest, TokenResponse, UpdateMeRequest, UserView,
};
use tertib_domain::{ApiErrorBody, Finding};

use crate::auth::roles::AnyUser;
use crate::auth::{password, session, Auth};
use crate::db::audit::{self, Change};
use crate::db::{now, users};
use crate::error::ApiError;
use crate::state::AppState;

/// The signed-in user
#[utoipa::path(
    tag = "account",
    security(("bearer" = ["director", "hr", "admin_ops", "client"])),
    responses(
        (status = 200, body = UserView),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
    )
)]
#[get("/me")]
pub async fn get_me(auth: Auth<AnyUser>) -> web::Json<UserView> {
    web::Json(auth.caller.profile)
}

/// Change own name or language
#[utoipa::path(
    tag = "account",
    security(("bearer" = ["director", "hr", "admin_ops", "client"])),
    request_body = UpdateMeRequest,
    responses(
        (status = 200, body = UserView),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 422, description = "A field breaks a rule", body = ApiErrorBody),
    )
)]
#[patch("/me")]
pub async fn update_me(
    state: web::Data<AppState>,
    auth: Auth<AnyUser>,
    body: web::Json<UpdateMeRequest>,
) -> Result<web::Json<UserView>, ApiError> {
    let req = body.into_inner();
    if let Some(f) = req.name.as_deref().and_then(check_name) {
        return Err(ApiError::invalid(f));
    }
    let caller = auth.caller;
    let user = state
        .db
        .transaction(move |conn| {
            let mut user = users::find(conn, &caller.id)?.ok_or(ApiError::NotFound)?;
            let before = user.view();
            if let Some(name) = req.name {
                user.name = name.trim().to_string();
            }
            if let Some(lang) = req.language {
                user.language = lang.code().to_string();
            }
            user.updated_at = now();
            users::update(conn, &user)?;
            audit::record(
                conn,
                &caller.actor(),
                Change::new("user.update_self", "user", Some(&user.id)).before(&before).after(&user.view()),
            )?;
            Ok(user)
        })
        .await?;
    Ok(web::Json(user.view()))
}

/// Change own password
///
/// Needs the current password. Every session of the user ends; the answer carries a fresh access
/// token and sets a new refresh cookie for this browser.
#[utoipa::path(
    tag = "account",
    security(("bearer" = ["director", "hr", "admin_ops", "client"])),
    request_body = ChangePasswordRequest,
    responses(
        (status = 200, body = TokenResponse),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 422, description = "Current password wrong or new password too weak", body = ApiErrorBody),
    )
)]
#[post("/me/password")]
pub async fn change_password(
    state: web::Data<AppState>,
    auth: Auth<AnyUser>,
    body: web::Json<ChangePasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    let req = body.into_inner();
    if let Some(f) = check_password("new_password", &req.new_password) {
        return Err(ApiError::invalid(f));
    }
    let caller = auth.caller;
    let config = state.config.clone();
    let (user, refresh_token) = state
        .db
        .run(move |conn| {
            let mut user = users::find(conn, &caller.id)?.ok_or(ApiError::NotFound)?;
            if !password::verify(&req.current_password, &user.password_hash) {
                return Err(ApiError::invalid(Finding::error(
                    "current_password",
                    "current_password_wrong",
                    "Kata sandi saat ini salah.",
                    "The current password is wrong.",
                )));
            }
            user.password_hash = password::hash(&req.new_password).map_err(ApiError::Internal)?;
            crate::db::write_transaction(conn, |conn| {
                let refresh = session::restart(conn, &config, &mut user)?;
                audit::record(conn, &caller.actor(), Change::new("user.change_password", "user", Some(&user.id)))?;
                Ok((user, refresh))
            })
        })
        .await?;
    let body = session::token_response(&state, &user)?;
    Ok(HttpResponse::Ok().cookie(session::refresh_cookie(&state.config, &refresh_token)).json(body))
}
