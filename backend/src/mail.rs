//! Sending mail over SMTP (lettre). Every message has a plain-text and an HTML part.

use std::time::Duration;

use lettre::message::{Mailbox, MultiPart};
use lettre::{Message, SmtpTransport, Transport};

/// An SMTP connection setting, from `TERTIB_SMTP_URL`.
#[derive(Clone)]
pub struct Mailer {
    transport: SmtpTransport,
    from: Mailbox,
}

impl Mailer {
    /// `smtps://user:pass@host:465`, `smtp://host:587?tls=required`, or plain `smtp://host:1025`.
    pub fn new(url: &str, from: &str) -> anyhow::Result<Mailer> {
        let transport = SmtpTransport::from_url(url)
            .map_err(|e| anyhow::anyhow!("TERTIB_SMTP_URL cannot be used: {e}"))?
            .timeout(Some(Duration::from_secs(15)))
            .build();
        let from = from.parse().map_err(|e| anyhow::anyhow!("TERTIB_MAIL_FROM {from:?}: {e}"))?;
        Ok(Mailer { transport, from })
    }

    /// Sends one message; the error says why, in words fit for the outbox view (never the
    /// password, which lettre's errors do not contain).
    pub fn send(&self, to: &str, subject: &str, text: &str, html: &str) -> Result<(), String> {
        let to: Mailbox = to.parse().map_err(|e| format!("recipient {to:?}: {e}"))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .multipart(MultiPart::alternative_plain_html(text.to_string(), html.to_string()))
            .map_err(|e| format!("building the message: {e}"))?;
        self.transport.send(&message).map(drop).map_err(|e| format!("SMTP: {e}"))
    }
}
