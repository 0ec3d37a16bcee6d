//! `PortalAuth`: the extractor of the client-company portal. It admits a client company's users
//! (role `client`) and its API clients (client-credentials tokens), binds every request to that one
//! company, and limits each of them to a number of requests a minute (429 with `Retry-After`).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;
use tertib_domain::Role;

use super::extract::request_origin;
use super::jwt::API_CLIENT;
use crate::db::api_clients::ApiClient;
use crate::db::audit::Actor;
use crate::db::memo::{self, Version};
use crate::db::users::User;
use crate::db::{api_clients, now, users};
use crate::error::ApiError;
use crate::state::AppState;

/// Who is reading the portal, for which company.
#[derive(Debug, Clone)]
pub struct PortalCaller {
    pub company_id: String,
    pub actor: Actor,
    /// The database's version when the caller was checked (see [`crate::auth::Caller::db_version`]).
    pub db_version: Option<Version>,
}

pub struct PortalAuth {
    pub caller: PortalCaller,
}

/// Counts requests per caller in fixed one-minute windows (per server instance).
#[derive(Default)]
pub struct RateLimiter {
    windows: Mutex<HashMap<String, (Instant, i32)>>,
}

impl RateLimiter {
    /// Counts one request of `key`; the seconds to wait when over `per_minute`.
    pub fn check(&self, key: &str, per_minute: i32) -> Result<(), i64> {
        const WINDOW: Duration = Duration::from_secs(60);
        let now = Instant::now();
        let mut windows = self.windows.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if windows.len() > 10_000 {
            windows.retain(|_, (start, _)| now.duration_since(*start) < WINDOW);
        }
        let entry = windows.entry(key.to_string()).or_insert((now, 0));
        if now.duration_since(entry.0) >= WINDOW {
            *entry = (now, 0);
        }
        if entry.1 >= per_minute {
            let wait = WINDOW.saturating_sub(now.duration_since(entry.0)).as_secs_f64().ceil();
            return Err((wait as i64).max(1));
        }
        entry.1 += 1;
        Ok(())
    }
}

fn bearer(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim().to_string())
}

impl FromRequest for PortalAuth {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = bearer(req);
        let (ip, request_id) = request_origin(req);
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::internal(anyhow::anyhow!("application state missing")))?;
            let claims = state.jwt.verify(&token.ok_or(ApiError::Unauthenticated)?)?;
            if claims.role != Role::Client {
                return Err(ApiError::Forbidden);
            }
            let (sub, epoch, api_client) = (claims.sub, claims.ep, claims.typ.as_deref() == Some(API_CLIENT));
            let user_rate = state.config.portal_user_rate_per_minute;
            // "Last used" to the minute is enough, and spares a write per request.
            let stale = |c: &ApiClient| c.last_used_at.is_none_or(|t| now() - t > chrono::TimeDelta::minutes(1));
            let id = sub.clone();
            let (found, db_version) = memo::at_present(
                &state.db,
                // Remembered, and needing no write: then no connection is taken.
                |version| {
                    if api_client {
                        api_clients::remembered(version, &id).filter(|c| !stale(c)).map(|c| portal_client(&c))
                    } else {
                        users::remembered(version, &id).map(|user| portal_user(&user, epoch, user_rate))
                    }
                },
                move |conn, version| {
                    if api_client {
                        let client = api_clients::find_at(conn, version, &sub)?.ok_or(ApiError::Unauthenticated)?;
                        if client.revoked_at.is_none() && stale(&client) {
                            api_clients::touch(conn, &client.id, now())?;
                        }
                        Ok(portal_client(&client))
                    } else {
                        let user = users::find_at(conn, version, &sub)?.ok_or(ApiError::Unauthenticated)?;
                        Ok(portal_user(&user, epoch, user_rate))
                    }
                },
            )
            .await?;
            let (company_id, label, limit) = found?;
            state
                .portal_limits
                .check(&label, limit)
                .map_err(|retry_after_secs| ApiError::RateLimited { retry_after_secs })?;
            let actor = Actor { id: None, label, ip, request_id };
            Ok(PortalAuth { caller: PortalCaller { company_id, actor, db_version } })
        })
    }
}

/// An API client's company, label and limit, if it is not revoked.
fn portal_client(client: &ApiClient) -> Result<(String, String, i32), ApiError> {
    if client.revoked_at.is_some() {
        return Err(ApiError::Unauthenticated);
    }
    Ok((client.client_company_id.clone(), format!("api:{}", client.id), client.rate_limit_per_minute))
}

/// A client company's user's company, label and limit, if the account and session still hold.
fn portal_user(user: &User, epoch: i64, rate: i32) -> Result<(String, String, i32), ApiError> {
    if user.disabled || user.session_epoch != epoch || user.role() != Role::Client {
        return Err(ApiError::Unauthenticated);
    }
    let company = user.client_company_id.clone().ok_or(ApiError::Forbidden)?;
    Ok((company, user.email.clone(), rate))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caller_over_its_limit_waits_for_the_window() {
        let limiter = RateLimiter::default();
        for _ in 0..3 {
            assert_eq!(limiter.check("a", 3), Ok(()));
        }
        let wait = limiter.check("a", 3).unwrap_err();
        assert!((1..=60).contains(&wait), "{wait}");
        assert_eq!(limiter.check("b", 3), Ok(()), "each caller has its own count");
    }
}
