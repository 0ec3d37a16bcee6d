//! Short-lived access tokens: HS256 JWTs naming the user, their role and their session epoch.
//! Only HS256 is accepted, so `alg: none` and algorithm-confusion tokens fail verification.

use std::time::Duration;

use jsonwebtoken::{decode, encode, errors::ErrorKind, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use tertib_domain::Role;

use crate::error::ApiError;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    /// User id.
    pub sub: String,
    pub role: Role,
    /// Client company of a client user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cid: Option<String>,
    /// The user's session epoch when issued; bumping it (disable, role change, password reset)
    /// invalidates every token issued before.
    pub ep: i64,
    pub iat: i64,
    pub exp: i64,
    /// `api_client` for a token issued to a client company's system (`sub` is the API client's
    /// id); absent for a user's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typ: Option<String>,
}

/// The `typ` of an API client's token.
pub const API_CLIENT: &str = "api_client";

#[derive(Clone)]
pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

impl JwtKeys {
    pub fn new(secret: &str) -> JwtKeys {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 5;
        validation.set_required_spec_claims(&["exp", "sub", "iat"]);
        JwtKeys {
            encoding: EncodingKey::from_secret(secret.as_bytes()),
            decoding: DecodingKey::from_secret(secret.as_bytes()),
            validation,
        }
    }

    pub fn issue(
        &self,
        sub: &str,
        role: Role,
        cid: Option<String>,
        ep: i64,
        ttl: Duration,
    ) -> Result<String, ApiError> {
        let iat = chrono::Utc::now().timestamp();
        let exp = iat + i64::try_from(ttl.as_secs()).unwrap_or(i64::MAX / 2);
        let claims = Claims { sub: sub.to_string(), role, cid, ep, iat, exp, typ: None };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding).map_err(ApiError::internal)
    }

    /// A token for a client company's API client: role `client`, the company in `cid`.
    pub fn issue_api_client(&self, client_id: &str, company_id: &str, ttl: Duration) -> Result<String, ApiError> {
        let iat = chrono::Utc::now().timestamp();
        let exp = iat + i64::try_from(ttl.as_secs()).unwrap_or(i64::MAX / 2);
        let claims = Claims {
            sub: client_id.to_string(),
            role: Role::Client,
            cid: Some(company_id.to_string()),
            ep: 0,
            iat,
            exp,
            typ: Some(API_CLIENT.into()),
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding).map_err(ApiError::internal)
    }

    pub fn verify(&self, token: &str) -> Result<Claims, ApiError> {
        decode::<Claims>(token, &self.decoding, &self.validation).map(|d| d.claims).map_err(|e| match e.kind() {
            ErrorKind::ExpiredSignature => ApiError::TokenExpired,
            _ => ApiError::Unauthenticated,
        })
    }
}
