//! `Auth<R>`: the extractor that makes a route protected. It checks the bearer token, reloads the
//! user (so disabling a user or changing their role takes effect at once, not when the token
//! expires), and admits only the roles of `R`: 401 without a valid token, 403 for another role.

use std::marker::PhantomData;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use futures_util::future::LocalBoxFuture;
use tertib_domain::auth::UserView;
use tertib_domain::{Lang, Role};
use tracing_actix_web::RequestId;

use super::roles::RoleSet;
use crate::db::audit::Actor;
use crate::db::memo::{self, Version};
use crate::db::users;
use crate::error::ApiError;
use crate::state::AppState;

/// The signed-in user making this request.
#[derive(Debug, Clone)]
pub struct Caller {
    pub id: String,
    pub email: String,
    pub role: Role,
    pub client_company_id: Option<String>,
    pub language: Lang,
    pub ip: Option<String>,
    pub request_id: Option<String>,
    /// The caller's account as just read, for answering `/me` without reading it again.
    pub profile: UserView,
    /// The database's version when the account was checked: answers remembered at it are as
    /// fresh as that check (see [`crate::db::memo`]).
    pub db_version: Option<Version>,
}

impl Caller {
    /// The caller as the author of audited changes.
    pub fn actor(&self) -> Actor {
        Actor {
            id: Some(self.id.clone()),
            label: self.email.clone(),
            ip: self.ip.clone(),
            request_id: self.request_id.clone(),
        }
    }
}

pub struct Auth<R: RoleSet> {
    pub caller: Caller,
    roles: PhantomData<R>,
}

/// Where the request came from and its id, for the audit log. The peer address, not a
/// forwarded-for header, which any client could forge.
pub fn request_origin(req: &HttpRequest) -> (Option<String>, Option<String>) {
    let ip = req.peer_addr().map(|a| a.ip().to_string());
    let request_id = req.extensions().get::<RequestId>().map(|r| r.to_string());
    (ip, request_id)
}

fn bearer_token(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim().to_string())
}

impl<R: RoleSet> FromRequest for Auth<R> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = bearer_token(req);
        let (ip, request_id) = request_origin(req);
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::internal(anyhow::anyhow!("application state missing")))?;
            let claims = state.jwt.verify(&token.ok_or(ApiError::Unauthenticated)?)?;
            // Decided before the first await: extractors run concurrently, and a wrong role must
            // be refused before a body extractor gets to complain about the payload.
            if !R::ROLES.contains(&claims.role) {
                return Err(ApiError::Forbidden);
            }
            // A client company's system reads the portal only (see `auth::portal`).
            if claims.typ.is_some() {
                return Err(ApiError::Forbidden);
            }
            let (user_id, epoch) = (claims.sub, claims.ep);
            let id = user_id.clone();
            let (user, db_version) = memo::at_present(
                &state.db,
                |version| users::remembered(version, &id).map(Some),
                move |conn, version| Ok(users::find_at(conn, version, &user_id)?),
            )
            .await?;
            let user = user.filter(|u| !u.disabled && u.session_epoch == epoch).ok_or(ApiError::Unauthenticated)?;
            let role = user.role();
            if !R::ROLES.contains(&role) {
                return Err(ApiError::Forbidden);
            }
            Ok(Auth {
                caller: Caller {
                    profile: user.view(),
                    language: user.language(),
                    id: user.id.clone(),
                    email: user.email.clone(),
                    role,
                    client_company_id: user.client_company_id.clone(),
                    ip,
                    request_id,
                    db_version,
                },
                roles: PhantomData,
            })
        })
    }
}
