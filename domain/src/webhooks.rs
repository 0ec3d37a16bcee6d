//! Webhooks of client companies: the company's system is told, by a signed POST to its URL, when
//! a worker placed with it changes status, instead of polling the portal. The shapes on the wire
//! and the rule for the URL (the form in the browser checks the same).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::portal::{PortalStatus, PortalWorker};
use crate::Finding;

/// The event sent when a placed worker's portal status changes.
pub const STATUS_CHANGED: &str = "worker.status_changed";

/// Attempts before a delivery stays failed: the first, then retries 30 s later doubling up to an
/// hour between two (as the outbox retries mails), about eight hours in all.
pub const MAX_ATTEMPTS: u32 = 15;

/// Seconds a delivery waits for the receiver's answer.
pub const TIMEOUT_SECS: u64 = 10;

const MAX_URL_CHARS: usize = 2000;

/// The body of a delivery (`POST` to the webhook's URL, `Content-Type: application/json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct WebhookEvent {
    /// The delivery's id, also in the `Tertib-Delivery` header. A retry sends the same id: ignore
    /// one you have already processed.
    pub id: String,
    /// `worker.status_changed`.
    #[serde(rename = "type")]
    #[cfg_attr(feature = "server", schema(example = "worker.status_changed"))]
    pub event_type: String,
    /// When the status changed.
    pub occurred_at: DateTime<Utc>,
    /// Your company.
    pub client_company_id: String,
    /// The status before the change; the new one is `worker.status`.
    pub previous_status: PortalStatus,
    /// The worker as `GET /api/v1/portal/workers/{id}` answers (identity numbers masked).
    pub worker: PortalWorker,
}

/// `PUT /api/v1/client-companies/{id}/webhook`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct WebhookSettings {
    /// `http://` or `https://`, without a user name or password.
    #[cfg_attr(feature = "server", schema(example = "https://hris.example.co.id/tertib/webhook"))]
    pub url: String,
    /// Off: nothing is sent (changes meanwhile are not sent later either).
    pub enabled: bool,
}

/// A client company's webhook (never its secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct WebhookView {
    pub client_company_id: String,
    pub url: String,
    pub enabled: bool,
    /// When the signing secret was made (the secret itself is shown once, then never again).
    pub secret_rotated_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub updated_by: String,
}

/// The answer to saving a webhook or rotating its secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct WebhookSaved {
    pub webhook: WebhookView,
    /// The signing secret, when this request made it (the webhook was created, or its secret
    /// rotated): shown this once. Give it to the receiving system.
    pub secret: Option<String>,
}

/// Where a delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// Waiting for its (next) attempt at `next_attempt_at`.
    Queued,
    /// Being sent.
    Sending,
    /// The receiver answered 2xx.
    Sent,
    /// Every attempt failed (see `last_error`), or the webhook was turned off.
    Failed,
}

/// One delivery of a webhook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct WebhookDelivery {
    /// The `id` of the event and its `Tertib-Delivery` header.
    pub id: String,
    #[serde(rename = "type")]
    pub event_type: String,
    pub url: String,
    pub status: DeliveryStatus,
    pub attempts: i32,
    /// Why the last attempt failed: the receiver's HTTP status and the start of its answer, or
    /// the connection's error.
    pub last_error: String,
    pub created_at: DateTime<Utc>,
    /// When it is tried (again), while queued.
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub sent_at: Option<DateTime<Utc>>,
    /// The body as sent.
    #[cfg_attr(feature = "server", schema(value_type = WebhookEvent))]
    pub payload: serde_json::Value,
}

/// The URL as it is kept (trimmed), or why it cannot be a webhook's: only `http` and `https`,
/// a host, no user name or password (they would end up in logs), no spaces.
pub fn parse_url(text: &str) -> Result<String, Finding> {
    let url = text.trim();
    let invalid = || {
        Finding::error(
            "url",
            "webhook_url_invalid",
            "Alamat webhook harus URL http:// atau https:// lengkap dengan nama host, tanpa nama pengguna atau sandi.",
            "The webhook address must be an http:// or https:// URL with a host name, without a user name or password.",
        )
    };
    if url.is_empty() {
        return Err(crate::person::required("url"));
    }
    if url.chars().count() > MAX_URL_CHARS || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(invalid());
    }
    let lower = url.to_ascii_lowercase();
    let rest = ["http://", "https://"].iter().find_map(|s| lower.starts_with(s).then(|| &url[s.len()..]));
    let Some(rest) = rest else { return Err(invalid()) };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        return Err(invalid());
    }
    // A port, when given, after the last colon outside an IPv6 address's brackets.
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) if !port.contains(']') => (host, Some(port)),
        _ => (authority, None),
    };
    let port_ok = port.is_none_or(|p| p.parse::<u16>().is_ok_and(|n| n > 0));
    if host.is_empty() || host == "[]" || !port_ok {
        return Err(invalid());
    }
    Ok(url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_urls_with_a_host_are_webhook_addresses() {
        for good in [
            "https://hris.example.co.id/tertib/webhook",
            "  http://127.0.0.1:8080/hook?token=a  ",
            "HTTPS://Example.com",
            "https://[::1]:8443/x",
            "https://[::1]/x",
        ] {
            assert_eq!(parse_url(good), Ok(good.trim().to_string()), "{good}");
        }
        for bad in [
            "ftp://example.com/x",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "example.com/hook",
            "https://",
            "https:///path",
            "https://user:pass@example.com/",
            "https://example.com:99999/",
            "https://example.com:0/",
            "https://example.com:port/",
            "https://exa mple.com/",
            "https://example.com/\nx",
            "gopher://example.com",
        ] {
            assert_eq!(parse_url(bad).map_err(|f| f.code), Err("webhook_url_invalid"), "{bad}");
        }
        assert_eq!(parse_url("  ").map_err(|f| f.code), Err("required"));
    }

    #[test]
    fn an_event_names_its_type_as_type_on_the_wire() {
        let status = PortalStatus::Active;
        let text = r#"{"id":"d","type":"worker.status_changed","occurred_at":"2026-11-26T01:02:03Z","client_company_id":"c","previous_status":"registration_in_progress","worker":{"id":"w","full_name":"Budi","nik":"3174********0001","noka":null,"employee_number":"E1","status":"active","status_since":null,"placed_from":"2026-01-01","placed_until":null,"updated_at":"2026-11-26T01:02:03Z"}}"#;
        let event: WebhookEvent = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(event.event_type, STATUS_CHANGED);
        assert_eq!(event.worker.status, status);
        assert_eq!(serde_json::to_string(&event).ok().as_deref(), Some(text));
    }
}
