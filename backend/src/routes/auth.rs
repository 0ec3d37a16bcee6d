//! Sign-in, session renewal and sign-out. These are the only routes besides health and the
//! OpenAPI document that take no access token.

use actix_web::{post, web, HttpRequest, HttpResponse};
use tertib_domain::auth::{LoginRequest, TokenResponse};
use tertib_domain::ApiErrorBody;

use crate::auth::request_origin;
use crate::auth::session::{self, LoginOutcome, REFRESH_COOKIE};
use crate::db::audit::Actor;
use crate::error::ApiError;
use crate::state::AppState;

fn anonymous(req: &HttpRequest) -> Actor {
    let (ip, request_id) = request_origin(req);
    Actor { id: None, label: "anonymous".into(), ip, request_id }
}

/// Sign in
///
/// Checks email and password and answers a short-lived access token; the refresh token is set as
/// an HttpOnly, SameSite=Strict cookie scoped to `/api/v1/auth`. An unknown email and a wrong
/// password get the same answer. Each failure slows the next answer down; after repeated failures
/// the email is locked for a while (429 with `Retry-After`), whether or not the account exists.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in; refresh cookie set", body = TokenResponse),
        (status = 401, description = "Wrong email or password (`invalid_credentials`)", body = ApiErrorBody),
        (status = 429, description = "Too many failures: locked for a while (`account_locked`)", body = ApiErrorBody),
    )
)]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let LoginRequest { email, password } = body.into_inner();
    let email = email.trim().to_lowercase();
    let actor = anonymous(&req);
    let config = state.config.clone();
    let outcome = state.db.run(move |conn| session::login(conn, &config, &email, &password, &actor)).await?;
    match outcome {
        LoginOutcome::SignedIn { user, refresh_token } => {
            let body = session::token_response(&state, &user)?;
            Ok(HttpResponse::Ok().cookie(session::refresh_cookie(&state.config, &refresh_token)).json(body))
        }
        LoginOutcome::Failed { delay, locked } => {
            actix_web::rt::time::sleep(delay).await;
            Err(match locked {
                Some(retry_after_secs) => ApiError::AccountLocked { retry_after_secs },
                None => ApiError::InvalidCredentials,
            })
        }
        LoginOutcome::Locked { retry_after_secs } => Err(ApiError::AccountLocked { retry_after_secs }),
    }
}

/// Renew the access token
///
/// Uses the refresh cookie, which is rotated: the presented token is spent and a new one is set.
/// Presenting a spent token again ends the whole session (it must have been copied).
#[utoipa::path(
    tag = "auth",
    responses(
        (status = 200, description = "A new access token; the refresh cookie is replaced", body = TokenResponse),
        (status = 401, description = "No valid refresh cookie (`invalid_refresh_token`)", body = ApiErrorBody),
    )
)]
#[post("/auth/refresh")]
pub async fn refresh(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    let presented = req.cookie(REFRESH_COOKIE).map(|c| c.value().to_string()).ok_or(ApiError::InvalidRefreshToken)?;
    let actor = anonymous(&req);
    let config = state.config.clone();
    let result = state.db.run(move |conn| session::rotate(conn, &config, &presented, &actor)).await;
    match result {
        Ok((user, next)) => {
            let body = session::token_response(&state, &user)?;
            Ok(HttpResponse::Ok().cookie(session::refresh_cookie(&state.config, &next)).json(body))
        }
        Err(e) => {
            // Clear the dead cookie so the browser stops presenting it.
            let mut res = HttpResponse::from_error(e);
            let _ = res.add_removal_cookie(&session::expired_refresh_cookie(&state.config));
            Ok(res)
        }
    }
}

/// Sign out
///
/// Revokes the session of the refresh cookie and clears the cookie. Always answers 204.
#[utoipa::path(tag = "auth", responses((status = 204, description = "Signed out")))]
#[post("/auth/logout")]
pub async fn logout(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    if let Some(presented) = req.cookie(REFRESH_COOKIE).map(|c| c.value().to_string()) {
        let actor = anonymous(&req);
        state.db.run(move |conn| session::logout(conn, &presented, &actor)).await?;
    }
    let mut res = HttpResponse::NoContent().finish();
    let _ = res.add_removal_cookie(&session::expired_refresh_cookie(&state.config));
    Ok(res)
}
