//! Sending webhook deliveries: a POST of the event, signed Stripe-style so the receiver can tell
//! it comes from here and is fresh: `Tertib-Signature: t=<unix seconds>,v1=<hex>`, where the hex
//! is HMAC-SHA256, keyed with the webhook's secret, of `<t>.<body>`. A 2xx answer is delivered;
//! anything else (a redirect included: the signature is for the URL configured) is tried again
//! later, as the outbox retries mails, up to [`MAX_ATTEMPTS`].

use std::io::Read;
use std::time::Duration;

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use reqwest::blocking::Client;
use reqwest::header::CONTENT_TYPE;
use sha2::Sha256;
use tertib_domain::webhooks::{MAX_ATTEMPTS, TIMEOUT_SECS};

use crate::db::outbox::{Message, WEBHOOK};
use crate::db::{webhooks as webhooks_db, Db, DbConn};
use crate::reminders::{send_channel, Attempt, SendReport};

/// How much of a refusing receiver's answer is kept as the delivery's error.
const ANSWER_CHARS: usize = 200;

/// A new signing secret: 256 random bits.
pub fn new_secret() -> String {
    format!("whsec_{}", crate::auth::random_token(32))
}

/// The `Tertib-Signature` header of `body` sent at `t` (unix seconds), signed with `secret` (its
/// UTF-8 bytes are the HMAC key).
pub fn signature(secret: &str, t: i64, body: &str) -> String {
    // HMAC takes a key of any length: `new_from_slice` cannot fail for it.
    let mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes()).map(|mut mac| {
        mac.update(format!("{t}.{body}").as_bytes());
        mac.finalize().into_bytes()
    });
    let hex: String = mac.map(|bytes| bytes.iter().map(|b| format!("{b:02x}")).collect()).unwrap_or_default();
    format!("t={t},v1={hex}")
}

/// Sends the deliveries due at `now`, claiming them for `instance`.
pub fn send_due(db: &Db, instance: &str, now: DateTime<Utc>) -> anyhow::Result<SendReport> {
    // Made on the first delivery: its connection pool runs a thread of its own.
    let mut client: Option<Client> = None;
    send_channel(db, WEBHOOK, instance, now, MAX_ATTEMPTS, |conn, m| attempt(conn, &mut client, m))
}

fn attempt(conn: &mut DbConn, client: &mut Option<Client>, m: &Message) -> Attempt {
    let hook = match m.webhook_id.as_deref().map(|id| webhooks_db::find(conn, id)) {
        Some(Ok(Some(hook))) if hook.enabled => hook,
        Some(Err(e)) => return Attempt::Failed(format!("database: {e}")),
        _ => return Attempt::GaveUp("webhook turned off".into()),
    };
    let client = match client {
        Some(c) => c,
        None => {
            let built = Client::builder()
                .timeout(Duration::from_secs(TIMEOUT_SECS))
                .redirect(reqwest::redirect::Policy::none())
                .user_agent(concat!("Tertib-Webhooks/", env!("CARGO_PKG_VERSION")))
                .build();
            match built {
                Ok(c) => client.insert(c),
                Err(e) => return Attempt::Failed(error_text(&e)),
            }
        }
    };
    let t = Utc::now().timestamp();
    let sent = client
        .post(&m.recipient)
        .header(CONTENT_TYPE, "application/json")
        .header("Tertib-Event", &m.kind)
        .header("Tertib-Delivery", &m.id)
        .header("Tertib-Signature", signature(&hook.secret, t, &m.body_text))
        .body(m.body_text.clone())
        .send();
    match sent {
        Ok(answer) if answer.status().is_success() => Attempt::Sent,
        Ok(answer) => {
            let status = answer.status();
            let mut start = Vec::new();
            // What the receiver said, if it says it quickly; the status alone otherwise.
            let _ = answer.take(ANSWER_CHARS as u64).read_to_end(&mut start);
            let said: String = String::from_utf8_lossy(&start).chars().take(ANSWER_CHARS).collect();
            Attempt::Failed(format!("HTTP {status}: {}", said.trim()).trim_end_matches([':', ' ']).to_string())
        }
        Err(e) => Attempt::Failed(error_text(&e)),
    }
}

/// The error with its causes (reqwest's own text names only the URL).
fn error_text(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_is_hmac_sha256_of_the_timestamp_a_dot_and_the_body() {
        // Worked out apart, with Python's `hmac.new(b"Jefe", b'1700000000.{"id":"d1"}', sha256)`.
        assert_eq!(
            signature("Jefe", 1_700_000_000, r#"{"id":"d1"}"#),
            "t=1700000000,v1=a94434a7331758209972daa9aebaf2a7f4ae38e8f0eaff59f850648bae3baba3"
        );
    }

    #[test]
    fn a_new_secret_is_long_and_different_each_time() {
        let (a, b) = (new_secret(), new_secret());
        assert!(a.starts_with("whsec_") && a.len() >= 40, "{a}");
        assert_ne!(a, b);
    }
}
