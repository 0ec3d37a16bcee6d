//! Sign-in and the refresh-token session that keeps a user signed in.

use std::time::Duration;

use actix_web::cookie::{time, Cookie, SameSite};
use chrono::NaiveDateTime;
use tertib_domain::auth::TokenResponse;

use super::{hash_token, password, random_token};
use crate::config::{Config, LoginPolicy};
use crate::db::audit::{self, Actor, Change};
use crate::db::sessions::{self, RefreshToken};
use crate::db::users::{self, User};
use crate::db::{new_id, now, throttle, DbConn};
use crate::error::ApiError;
use crate::state::AppState;

pub const REFRESH_COOKIE: &str = "tertib_refresh";
/// The refresh cookie goes only to the auth routes, never to the rest of the API.
const REFRESH_COOKIE_PATH: &str = "/api/v1/auth";

fn chrono_duration(d: Duration) -> chrono::Duration {
    chrono::Duration::from_std(d).unwrap_or(chrono::Duration::MAX)
}

/// What a sign-in attempt came to.
pub enum LoginOutcome {
    SignedIn {
        user: Box<User>,
        refresh_token: String,
    },
    /// Wrong email or password; the caller waits `delay` before answering.
    Failed {
        delay: Duration,
        locked: Option<i64>,
    },
    Locked {
        retry_after_secs: i64,
    },
}

fn seconds_until(until: NaiveDateTime, from: NaiveDateTime) -> i64 {
    (until - from).num_seconds().max(1)
}

/// Checks a password against the throttle and the user table, and records the outcome (failure
/// count, lock, session, audit) in one transaction. Blocking: call it inside `Db::run`.
pub fn login(
    conn: &mut DbConn,
    config: &Config,
    email: &str,
    password: &str,
    actor: &Actor,
) -> Result<LoginOutcome, ApiError> {
    let policy: &LoginPolicy = &config.login;
    let at = now();
    let throttle = throttle::get(conn, email)?;
    if let Some(until) = throttle.as_ref().and_then(|t| t.locked_until).filter(|u| *u > at) {
        return Ok(LoginOutcome::Locked { retry_after_secs: seconds_until(until, at) });
    }
    let user = users::find_by_email(conn, email)?;
    let verified = match &user {
        Some(u) => password::verify(password, &u.password_hash) && !u.disabled,
        None => {
            password::verify_against_nothing(password);
            false
        }
    };
    crate::db::write_transaction(conn, |conn| {
        if !verified {
            // A lock that has run out starts the count afresh.
            let previous = throttle.filter(|t| t.locked_until.is_none()).map_or(0, |t| t.failures);
            let failures = previous + 1;
            let locked_until = (failures >= policy.max_failures).then(|| at + chrono_duration(policy.lock_for));
            throttle::save(
                conn,
                &throttle::Throttle { email: email.to_string(), failures, last_failure_at: at, locked_until },
            )?;
            let change = Change::new("auth.login_failed", "user", user.as_ref().map(|u| u.id.as_str()));
            audit::record(conn, &Actor { label: email.to_string(), ..actor.clone() }, change)?;
            let delay = policy.delay_per_failure * u32::try_from(failures).unwrap_or(u32::MAX).min(8);
            return Ok(LoginOutcome::Failed { delay, locked: locked_until.map(|u| seconds_until(u, at)) });
        }
        let Some(mut user) = user else {
            return Err(ApiError::InvalidCredentials);
        };
        throttle::clear(conn, email)?;
        users::touch_login(conn, &user.id, at)?;
        user.last_login_at = Some(at);
        let refresh_token = start_family(conn, &user.id, &new_id(), config, at)?;
        let actor = Actor { id: Some(user.id.clone()), label: user.email.clone(), ..actor.clone() };
        audit::record(conn, &actor, Change::new("auth.login", "user", Some(&user.id)))?;
        Ok(LoginOutcome::SignedIn { user: Box::new(user), refresh_token })
    })
}

/// Issues a refresh token in `family_id` and returns it in plain (only its hash is stored).
fn start_family(
    conn: &mut DbConn,
    user_id: &str,
    family_id: &str,
    config: &Config,
    at: NaiveDateTime,
) -> Result<String, ApiError> {
    let token = random_token(32);
    sessions::insert(
        conn,
        &RefreshToken {
            id: new_id(),
            user_id: user_id.to_string(),
            family_id: family_id.to_string(),
            token_hash: hash_token(&token),
            issued_at: at,
            expires_at: at + chrono_duration(config.refresh_token_ttl),
            used_at: None,
            revoked_at: None,
        },
    )?;
    Ok(token)
}

/// Ends every session of `user` (their access tokens too, through the epoch), saves the user as
/// changed by the caller, and opens a new session for the browser that asked. Call it inside a
/// transaction.
pub fn restart(conn: &mut DbConn, config: &Config, user: &mut User) -> Result<String, ApiError> {
    let at = now();
    end_all(conn, user, at)?;
    start_family(conn, &user.id, &new_id(), config, at)
}

/// Ends every session of `user` and saves the user: their refresh tokens are revoked and the
/// epoch bump invalidates the access tokens already issued.
pub fn end_all(conn: &mut DbConn, user: &mut User, at: NaiveDateTime) -> Result<(), ApiError> {
    sessions::revoke_user(conn, &user.id, at)?;
    user.session_epoch += 1;
    user.updated_at = at;
    users::update(conn, user)?;
    Ok(())
}

/// Exchanges a refresh token for its successor. A token presented a second time was copied:
/// its whole family is revoked and the caller must sign in again.
pub fn rotate(conn: &mut DbConn, config: &Config, presented: &str, actor: &Actor) -> Result<(User, String), ApiError> {
    let at = now();
    crate::db::write_transaction(conn, |conn| {
        let token = sessions::find_by_hash(conn, &hash_token(presented))?.ok_or(ApiError::InvalidRefreshToken)?;
        if token.revoked_at.is_some() || token.expires_at <= at {
            return Err(ApiError::InvalidRefreshToken);
        }
        if token.used_at.is_some() || !sessions::mark_used(conn, &token.id, at)? {
            sessions::revoke_family(conn, &token.family_id, at)?;
            audit::record(conn, actor, Change::new("auth.refresh_reuse", "user", Some(&token.user_id)))?;
            return Ok(None);
        }
        let user = users::find(conn, &token.user_id)?.filter(|u| !u.disabled).ok_or(ApiError::InvalidRefreshToken)?;
        let next = start_family(conn, &user.id, &token.family_id, config, at)?;
        Ok(Some((user, next)))
    })?
    // The reuse is recorded (committed) before the caller is turned away.
    .ok_or(ApiError::InvalidRefreshToken)
}

/// Ends the session the refresh token belongs to.
pub fn logout(conn: &mut DbConn, presented: &str, actor: &Actor) -> Result<(), ApiError> {
    crate::db::write_transaction(conn, |conn| {
        if let Some(token) = sessions::find_by_hash(conn, &hash_token(presented))? {
            sessions::revoke_family(conn, &token.family_id, now())?;
            let actor = Actor { id: Some(token.user_id.clone()), ..actor.clone() };
            audit::record(conn, &actor, Change::new("auth.logout", "user", Some(&token.user_id)))?;
        }
        Ok(())
    })
}

/// The answer to a successful sign-in or refresh: a new access token and the user.
pub fn token_response(state: &AppState, user: &User) -> Result<TokenResponse, ApiError> {
    let ttl = state.config.access_token_ttl;
    let access_token =
        state.jwt.issue(&user.id, user.role(), user.client_company_id.clone(), user.session_epoch, ttl)?;
    Ok(TokenResponse {
        access_token,
        token_type: "Bearer".into(),
        expires_in: i64::try_from(ttl.as_secs()).unwrap_or(i64::MAX),
        user: user.view(),
    })
}

pub fn refresh_cookie(config: &Config, token: &str) -> Cookie<'static> {
    Cookie::build(REFRESH_COOKIE, token.to_string())
        .path(REFRESH_COOKIE_PATH)
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(config.cookie_secure)
        .max_age(time::Duration::seconds(i64::try_from(config.refresh_token_ttl.as_secs()).unwrap_or(i64::MAX)))
        .finish()
}

pub fn expired_refresh_cookie(config: &Config) -> Cookie<'static> {
    let mut cookie = refresh_cookie(config, "");
    cookie.make_removal();
    cookie
}
