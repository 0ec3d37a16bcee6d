//! A client company's webhook: its URL, on or off, its signing secret (shown once when made or
//! rotated) and its latest deliveries. Set by directors and HR; what is sent is described in the
//! portal's document (`webhooks`) and the README's portal guide.

use actix_web::{delete, get, post, put, web, HttpResponse};
use chrono::{TimeZone, Utc};
use serde_json::json;
use tertib_domain::webhooks::{parse_url, DeliveryStatus, WebhookDelivery, WebhookSaved, WebhookSettings, WebhookView};
use tertib_domain::ApiErrorBody;

use crate::auth::roles::Staff;
use crate::auth::Auth;
use crate::db::audit::{self, Change};
use crate::db::outbox::{self as outbox_db, Message};
use crate::db::webhooks::{self as webhooks_db, Webhook};
use crate::db::{client_companies, from_code, new_id, now, DbConn};
use crate::error::ApiError;
use crate::state::AppState;
use crate::webhooks::deliver::new_secret;

/// How many deliveries the list answers.
const LATEST_DELIVERIES: i64 = 50;

fn view(w: &Webhook) -> WebhookView {
    WebhookView {
        client_company_id: w.client_company_id.clone(),
        url: w.url.clone(),
        enabled: w.enabled,
        secret_rotated_at: Utc.from_utc_datetime(&w.secret_rotated_at),
        created_at: Utc.from_utc_datetime(&w.created_at),
        updated_at: Utc.from_utc_datetime(&w.updated_at),
        updated_by: w.updated_by.clone(),
    }
}

fn delivery(m: Message) -> WebhookDelivery {
    let status = from_code(&m.status).unwrap_or(DeliveryStatus::Queued);
    WebhookDelivery {
        payload: serde_json::from_str(&m.body_text).unwrap_or_default(),
        id: m.id,
        event_type: m.kind,
        url: m.recipient,
        status,
        attempts: m.attempts,
        last_error: m.last_error,
        created_at: Utc.from_utc_datetime(&m.created_at),
        next_attempt_at: (status == DeliveryStatus::Queued).then(|| Utc.from_utc_datetime(&m.next_attempt_at)),
        sent_at: m.sent_at.map(|t| Utc.from_utc_datetime(&t)),
    }
}

/// The company's webhook; 404 when the company does not exist or has none.
fn webhook_of(conn: &mut DbConn, company_id: &str) -> Result<Webhook, ApiError> {
    client_companies::find(conn, company_id)?.ok_or(ApiError::NotFound)?;
    webhooks_db::of_company(conn, company_id)?.ok_or(ApiError::NotFound)
}

/// A company's webhook
///
/// Never its secret.
#[utoipa::path(
    tag = "portal",
    security(("bearer" = ["director", "hr"])),
    params(("id" = String, Path, description = "Client company id")),
    responses(
        (status = 200, body = WebhookView),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director or HR", body = ApiErrorBody),
        (status = 404, description = "No such client company, or it has no webhook", body = ApiErrorBody),
    )
)]
#[get("/client-companies/{id}/webhook")]
pub async fn get_webhook(
    state: web::Data<AppState>,
    _auth: Auth<Staff>,
    id: web::Path<String>,
) -> Result<web::Json<WebhookView>, ApiError> {
    let id = id.into_inner();
    let hook = state.db.run(move |conn| webhook_of(conn, &id)).await?;
    Ok(web::Json(view(&hook)))
}

/// Set a company's webhook
///
/// Creates it (201, with its signing `secret`, shown this once) or changes its URL and whether it
/// is on (200, no secret). Deliveries still waiting go to the new URL. When a worker placed with
/// the company (now, or until six months ago) changes portal status, a signed POST is sent to
/// the URL: see `webhooks` in the portal's document.
#[utoipa::path(
    tag = "portal",
    security(("bearer" = ["director", "hr"])),
    params(("id" = String, Path, description = "Client company id")),
    request_body = WebhookSettings,
    responses(
        (status = 200, description = "Changed", body = WebhookSaved),
        (status = 201, description = "Created, with its secret", body = WebhookSaved),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director or HR", body = ApiErrorBody),
        (status = 404, description = "No such client company", body = ApiErrorBody),
        (status = 422, description = "Not an http(s) URL (`webhook_url_invalid`)", body = ApiErrorBody),
    )
)]
#[put("/client-companies/{id}/webhook")]
pub async fn put_webhook(
    state: web::Data<AppState>,
    auth: Auth<Staff>,
    id: web::Path<String>,
    body: web::Json<WebhookSettings>,
) -> Result<HttpResponse, ApiError> {
    let (id, body, actor) = (id.into_inner(), body.into_inner(), auth.caller.actor());
    let url = parse_url(&body.url).map_err(ApiError::invalid)?;
    let (saved, created) = state
        .db
        .transaction(move |conn| {
            client_companies::find(conn, &id)?.ok_or(ApiError::NotFound)?;
            let at = now();
            match webhooks_db::of_company(conn, &id)? {
                Some(old) => {
                    let hook = Webhook {
                        url,
                        enabled: body.enabled,
                        updated_at: at,
                        updated_by: actor.label.clone(),
                        ..old.clone()
                    };
                    webhooks_db::update(conn, &hook)?;
                    if hook.url != old.url {
                        outbox_db::redirect_queued(conn, &hook.id, &hook.url)?;
                    }
                    let change = Change::new("webhook.update", "webhook", Some(&hook.id));
                    audit::record(conn, &actor, change.before(&view(&old)).after(&view(&hook)))?;
                    Ok((WebhookSaved { webhook: view(&hook), secret: None }, false))
                }
                None => {
                    let hook = Webhook {
                        id: new_id(),
                        client_company_id: id,
                        url,
                        secret: new_secret(),
                        enabled: body.enabled,
                        secret_rotated_at: at,
                        created_at: at,
                        updated_at: at,
                        updated_by: actor.label.clone(),
                    };
                    webhooks_db::insert(conn, &hook)?;
                    let change = Change::new("webhook.create", "webhook", Some(&hook.id));
                    audit::record(conn, &actor, change.after(&view(&hook)))?;
                    Ok((WebhookSaved { webhook: view(&hook), secret: Some(hook.secret) }, true))
                }
            }
        })
        .await?;
    Ok(if created { HttpResponse::Created() } else { HttpResponse::Ok() }.json(saved))
}

/// Remove a company's webhook
///
/// With its deliveries, sent or waiting: nothing more is sent.
#[utoipa::path(
    tag = "portal",
    security(("bearer" = ["director", "hr"])),
    params(("id" = String, Path, description = "Client company id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director or HR", body = ApiErrorBody),
        (status = 404, description = "No such client company, or it has no webhook", body = ApiErrorBody),
    )
)]
#[delete("/client-companies/{id}/webhook")]
pub async fn delete_webhook(
    state: web::Data<AppState>,
    auth: Auth<Staff>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let (id, actor) = (id.into_inner(), auth.caller.actor());
    state
        .db
        .transaction(move |conn| {
            let hook = webhook_of(conn, &id)?;
            let deliveries = outbox_db::delete_for_webhook(conn, &hook.id)?;
            webhooks_db::delete(conn, &hook.id)?;
            let change = Change::new("webhook.delete", "webhook", Some(&hook.id));
            audit::record(
                conn,
                &actor,
                change.before(&view(&hook)).after(&json!({ "deliveries_removed": deliveries })),
            )?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Rotate a webhook's signing secret
///
/// A new secret, shown this once in the answer; the old one stops at once: deliveries from now on
/// (retries included) are signed with the new one.
#[utoipa::path(
    tag = "portal",
    security(("bearer" = ["director", "hr"])),
    params(("id" = String, Path, description = "Client company id")),
    responses(
        (status = 200, body = WebhookSaved),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director or HR", body = ApiErrorBody),
        (status = 404, description = "No such client company, or it has no webhook", body = ApiErrorBody),
    )
)]
#[post("/client-companies/{id}/webhook/secret")]
pub async fn rotate_webhook_secret(
    state: web::Data<AppState>,
    auth: Auth<Staff>,
    id: web::Path<String>,
) -> Result<web::Json<WebhookSaved>, ApiError> {
    let (id, actor) = (id.into_inner(), auth.caller.actor());
    let saved = state
        .db
        .transaction(move |conn| {
            let old = webhook_of(conn, &id)?;
            let at = now();
            let hook = Webhook {
                secret: new_secret(),
                secret_rotated_at: at,
                updated_at: at,
                updated_by: actor.label.clone(),
                ..old.clone()
            };
            webhooks_db::update(conn, &hook)?;
            // The views hold no secret: the entry says when, not what.
            let change = Change::new("webhook.rotate_secret", "webhook", Some(&hook.id));
            audit::record(conn, &actor, change.before(&view(&old)).after(&view(&hook)))?;
            Ok(WebhookSaved { webhook: view(&hook), secret: Some(hook.secret) })
        })
        .await?;
    Ok(web::Json(saved))
}

/// A webhook's latest deliveries
///
/// The latest 50, newest first: each with its status, attempts, last error and body.
#[utoipa::path(
    tag = "portal",
    security(("bearer" = ["director", "hr"])),
    params(("id" = String, Path, description = "Client company id")),
    responses(
        (status = 200, body = Vec<WebhookDelivery>),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director or HR", body = ApiErrorBody),
        (status = 404, description = "No such client company, or it has no webhook", body = ApiErrorBody),
    )
)]
#[get("/client-companies/{id}/webhook/deliveries")]
pub async fn list_webhook_deliveries(
    state: web::Data<AppState>,
    _auth: Auth<Staff>,
    id: web::Path<String>,
) -> Result<web::Json<Vec<WebhookDelivery>>, ApiError> {
    let id = id.into_inner();
    let list = state
        .db
        .run(move |conn| {
            let hook = webhook_of(conn, &id)?;
            Ok(outbox_db::for_webhook(conn, &hook.id, LATEST_DELIVERIES)?.into_iter().map(delivery).collect())
        })
        .await?;
    Ok(web::Json(list))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_audit_view_of_a_webhook_never_holds_its_secret() {
        let at = now();
        let hook = Webhook {
            id: "w".into(),
            client_company_id: "c".into(),
            url: "https://example.com/hook".into(),
            secret: "whsec_the-secret-value".into(),
            enabled: true,
            secret_rotated_at: at,
            created_at: at,
            updated_at: at,
            updated_by: "hr@x".into(),
        };
        assert!(!json!(view(&hook)).to_string().contains("the-secret-value"));
    }
}
