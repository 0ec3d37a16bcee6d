//! API clients of client companies, and the OAuth 2.0 client-credentials token they sign in with.

use actix_web::http::header;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use base64::Engine;
use chrono::{TimeZone, Utc};
use tertib_domain::portal::{ApiClientCreated, ApiClientView, NewApiClient, TokenRequest, TokenResponse};
use tertib_domain::{ApiErrorBody, Finding};

use crate::auth::roles::Staff;
use crate::auth::{hash_token, random_token, Auth};
use crate::db::api_clients::{self as api_clients_db, ApiClient};
use crate::db::audit::{self, Change};
use crate::db::{client_companies, new_id, now};
use crate::error::ApiError;
use crate::state::AppState;

fn view(c: &ApiClient) -> ApiClientView {
    ApiClientView {
        id: c.id.clone(),
        client_company_id: c.client_company_id.clone(),
        name: c.name.clone(),
        rate_limit_per_minute: c.rate_limit_per_minute,
        created_at: Utc.from_utc_datetime(&c.created_at),
        created_by: c.created_by.clone(),
        last_used_at: c.last_used_at.map(|t| Utc.from_utc_datetime(&t)),
        revoked_at: c.revoked_at.map(|t| Utc.from_utc_datetime(&t)),
    }
}

/// A company's API clients
#[utoipa::path(
    tag = "portal",
    security(("bearer" = ["director", "hr"])),
    params(("id" = String, Path, description = "Client company id")),
    responses(
        (status = 200, body = Vec<ApiClientView>),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director or HR", body = ApiErrorBody),
        (status = 404, description = "No such client company", body = ApiErrorBody),
    )
)]
#[get("/client-companies/{id}/api-clients")]
pub async fn list_api_clients(
    state: web::Data<AppState>,
    _auth: Auth<Staff>,
    id: web::Path<String>,
) -> Result<web::Json<Vec<ApiClientView>>, ApiError> {
    let id = id.into_inner();
    let list = state
        .db
        .run(move |conn| {
            client_companies::find(conn, &id)?.ok_or(ApiError::NotFound)?;
            Ok(api_clients_db::for_company(conn, &id)?.iter().map(view).collect())
        })
        .await?;
    Ok(web::Json(list))
}

/// Create an API client
///
/// For a client company's own systems. The answer holds the `client_secret`, shown this once
/// (only its hash is kept). The system exchanges `client_id` and `client_secret` for a
/// short-lived token at `POST /api/v1/auth/token`.
#[utoipa::path(
    tag = "portal",
    security(("bearer" = ["director", "hr"])),
    params(("id" = String, Path, description = "Client company id")),
    request_body = NewApiClient,
    responses(
        (status = 201, body = ApiClientCreated),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director or HR", body = ApiErrorBody),
        (status = 404, description = "No such client company", body = ApiErrorBody),
        (status = 422, description = "No name, or a rate limit out of 1-6000", body = ApiErrorBody),
    )
)]
#[post("/client-companies/{id}/api-clients")]
pub async fn create_api_client(
    state: web::Data<AppState>,
    auth: Auth<Staff>,
    id: web::Path<String>,
    body: web::Json<NewApiClient>,
) -> Result<HttpResponse, ApiError> {
    let (id, body, actor) = (id.into_inner(), body.into_inner(), auth.caller.actor());
    let name = body.name.trim().to_string();
    if name.is_empty() {
        return Err(ApiError::invalid(tertib_domain::person::required("name")));
    }
    let rate = body.rate_limit_per_minute.unwrap_or(120);
    if !(1..=6000).contains(&rate) {
        return Err(ApiError::invalid(Finding::error(
            "rate_limit_per_minute",
            "out_of_range",
            "Batas permintaan per menit 1 sampai 6000.",
            "Requests per minute must be 1 to 6000.",
        )));
    }
    let secret = random_token(32);
    let created = state
        .db
        .transaction(move |conn| {
            client_companies::find(conn, &id)?.ok_or(ApiError::NotFound)?;
            let client = ApiClient {
                id: new_id(),
                client_company_id: id,
                name,
                secret_hash: hash_token(&secret),
                rate_limit_per_minute: rate,
                created_at: now(),
                created_by: actor.label.clone(),
                last_used_at: None,
                revoked_at: None,
            };
            api_clients_db::insert(conn, &client)?;
            audit::record(
                conn,
                &actor,
                Change::new("api_client.create", "api_client", Some(&client.id)).after(&view(&client)),
            )?;
            Ok(ApiClientCreated { client: view(&client), client_secret: secret })
        })
        .await?;
    Ok(HttpResponse::Created().json(created))
}

/// Revoke an API client
///
/// Its tokens stop working at once (401).
#[utoipa::path(
    tag = "portal",
    security(("bearer" = ["director", "hr"])),
    params(("id" = String, Path, description = "API client id")),
    responses(
        (status = 200, body = ApiClientView),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director or HR", body = ApiErrorBody),
        (status = 404, description = "No such API client", body = ApiErrorBody),
        (status = 409, description = "Already revoked", body = ApiErrorBody),
    )
)]
#[post("/api-clients/{id}/revoke")]
pub async fn revoke_api_client(
    state: web::Data<AppState>,
    auth: Auth<Staff>,
    id: web::Path<String>,
) -> Result<web::Json<ApiClientView>, ApiError> {
    let (id, actor) = (id.into_inner(), auth.caller.actor());
    let client = state
        .db
        .transaction(move |conn| {
            api_clients_db::find(conn, &id)?.ok_or(ApiError::NotFound)?;
            if !api_clients_db::revoke(conn, &id, now())? {
                return Err(ApiError::Conflict);
            }
            let client = api_clients_db::find(conn, &id)?.ok_or(ApiError::NotFound)?;
            audit::record(
                conn,
                &actor,
                Change::new("api_client.revoke", "api_client", Some(&id)).after(&view(&client)),
            )?;
            Ok(client)
        })
        .await?;
    Ok(web::Json(view(&client)))
}

/// `client_id:client_secret` from HTTP Basic authentication.
fn basic_credentials(req: &HttpRequest) -> Option<(String, String)> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD.decode(encoded.trim()).ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (id, secret) = text.split_once(':')?;
    Some((id.to_string(), secret.to_string()))
}

/// Get an access token (client credentials)
///
/// OAuth 2.0 client credentials (RFC 6749 §4.4): `grant_type=client_credentials` with
/// `client_id` and `client_secret`, form-encoded (or the credentials in HTTP Basic). The token is
/// valid for 15 minutes and reads only the portal, for the API client's company.
#[utoipa::path(
    tag = "portal",
    request_body(content = TokenRequest, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, body = TokenResponse),
        (status = 400, description = "Not `grant_type=client_credentials`", body = ApiErrorBody),
        (status = 401, description = "Unknown or revoked client, or a wrong secret", body = ApiErrorBody),
    )
)]
#[post("/auth/token")]
pub async fn token(
    state: web::Data<AppState>,
    req: HttpRequest,
    form: web::Form<TokenRequest>,
) -> Result<web::Json<TokenResponse>, ApiError> {
    let form = form.into_inner();
    if form.grant_type != "client_credentials" {
        return Err(ApiError::BadRequest("grant_type: only client_credentials is supported".into()));
    }
    let (id, secret) = match (form.client_id, form.client_secret) {
        (Some(id), Some(secret)) => (id, secret),
        _ => basic_credentials(&req).ok_or(ApiError::InvalidCredentials)?,
    };
    let client = state.db.run(move |conn| Ok(api_clients_db::find(conn, &id)?)).await?;
    let client = client
        .filter(|c| c.revoked_at.is_none() && c.secret_hash == hash_token(&secret))
        .ok_or(ApiError::InvalidCredentials)?;
    let ttl = state.config.access_token_ttl;
    let access_token = state.jwt.issue_api_client(&client.id, &client.client_company_id, ttl)?;
    Ok(web::Json(TokenResponse {
        access_token,
        token_type: "Bearer".into(),
        expires_in: i64::try_from(ttl.as_secs()).unwrap_or(900),
    }))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_audit_view_of_a_client_never_holds_its_secret_hash() {
        let c = ApiClient {
            id: "id".into(),
            client_company_id: "c".into(),
            name: "SAP".into(),
            secret_hash: "hash-value".into(),
            rate_limit_per_minute: 120,
            created_at: now(),
            created_by: "hr@x".into(),
            last_used_at: None,
            revoked_at: None,
        };
        assert!(!json!(view(&c)).to_string().contains("hash-value"));
    }
}
