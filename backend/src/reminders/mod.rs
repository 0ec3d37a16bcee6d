//! Reminders by email through a durable outbox. Each run (every minute, see [`crate::jobs`])
//! queues what is due at the time it is given - the daily digest, the monthly contribution
//! reminder - and sends what the outbox holds. The time is a parameter, never read inside, so a
//! test can run a month of schedule in seconds. Messages are queued in the same transaction as
//! what caused them, under an idempotency key, so the same message is never queued twice; the
//! sender leases what it sends, so two instances on one database send each message once.

pub mod digest;

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use tertib_domain::lifecycle::LifecycleSettings;
use tertib_domain::money::{contribution, ContributionSettings, Rupiah};
use tertib_domain::registry::mask_number;
use tertib_domain::reminders::{
    contribution_reminder, retry_delay_secs, termination_alert, DigestItem, Mail, ReminderSettings,
};
use tertib_domain::Role;

use crate::db::cases::Case;
use crate::db::outbox::{self as outbox_db, Message};
use crate::db::users::{self as users_db, User};
use crate::db::{
    client_companies, membership as membership_db, new_id, settings as settings_db, workers as workers_db,
};
use crate::db::{write_transaction, Db, DbConn};
use crate::error::ApiError;
use crate::lifecycle;
use crate::mail::Mailer;

/// The key of the reminder settings in the `settings` table.
pub const SETTINGS_KEY: &str = "reminders";

/// How long a claimed message is someone's to send before another instance may take it over.
const LEASE_SECONDS: i64 = 300;

pub fn settings(conn: &mut DbConn) -> Result<ReminderSettings, ApiError> {
    Ok(settings_db::get(conn, SETTINGS_KEY)?.unwrap_or_default())
}

/// Who gets the digest: every active director, and HR when the settings say so.
fn recipients(conn: &mut DbConn, settings: &ReminderSettings) -> Result<Vec<User>, ApiError> {
    Ok(users_db::list(conn)?
        .into_iter()
        .filter(|u| !u.disabled && (u.role() == Role::Director || (settings.include_hr && u.role() == Role::Hr)))
        .collect())
}

fn message(kind: &str, key: String, user: &User, mail: Mail, now: DateTime<Utc>) -> Message {
    let at = now.naive_utc();
    Message {
        id: new_id(),
        idempotency_key: key,
        kind: kind.to_string(),
        user_id: Some(user.id.clone()),
        recipient: user.email.clone(),
        subject: mail.subject,
        body_text: mail.text,
        body_html: mail.html,
        status: "queued".into(),
        attempts: 0,
        next_attempt_at: at,
        lease_until: None,
        leased_by: None,
        last_error: String::new(),
        created_at: at,
        sent_at: None,
        channel: outbox_db::MAIL.into(),
        webhook_id: None,
    }
}

/// The digest `user` gets for `day`, as a mail.
pub fn digest_mail(
    conn: &mut DbConn,
    user: &User,
    day: NaiveDate,
    public_url: &str,
) -> Result<(tertib_domain::reminders::Digest, Mail), ApiError> {
    let lang = user.language();
    let lifecycle_settings: LifecycleSettings = lifecycle::settings(conn)?;
    let digest = digest::collect(conn, day, lang, &lifecycle_settings)?;
    let mail = Mail {
        subject: digest.subject(lang),
        text: digest.text(lang, public_url),
        html: digest.html(lang, public_url),
    };
    Ok((digest, mail))
}

/// Queues the day's digests once the digest time has passed (once per day). Answers how many.
pub fn queue_digests(conn: &mut DbConn, now: DateTime<Utc>, public_url: &str) -> Result<usize, ApiError> {
    let rs = settings(conn)?;
    let Some(day) = rs.digest_due(now) else { return Ok(0) };
    let run = format!("digest:{day}");
    if outbox_db::run_done(conn, &run)? {
        return Ok(0);
    }
    let mut queued = 0;
    for user in recipients(conn, &rs)? {
        let (digest, mail) = digest_mail(conn, &user, day, public_url)?;
        if digest.is_empty() && rs.skip_empty {
            continue;
        }
        if outbox_db::enqueue(conn, &message("digest", format!("digest:{}:{day}", user.id), &user, mail, now))? {
            queued += 1;
        }
    }
    outbox_db::mark_run(conn, &run, now.naive_utc())?;
    Ok(queued)
}

/// Queues the digest for `user` now, whatever the time (a director's "send now").
pub fn queue_digest_now(
    conn: &mut DbConn,
    user: &User,
    now: DateTime<Utc>,
    public_url: &str,
) -> Result<String, ApiError> {
    let day = crate::registry::today();
    let (_, mail) = digest_mail(conn, user, day, public_url)?;
    let key = format!("digest:{}:{day}:now:{}", user.id, new_id());
    let msg = message("digest", key, user, mail, now);
    outbox_db::enqueue(conn, &msg)?;
    Ok(msg.id)
}

/// Queues the monthly contribution reminder (once per month, between its day and the 10th).
pub fn queue_monthly(conn: &mut DbConn, now: DateTime<Utc>, public_url: &str) -> Result<usize, ApiError> {
    let rs = settings(conn)?;
    let Some(month) = rs.monthly_due(now) else { return Ok(0) };
    let run = format!("monthly:{}", month.format("%Y-%m"));
    if outbox_db::run_done(conn, &run)? {
        return Ok(0);
    }
    let wages = membership_db::covered_wages(conn)?;
    let mut floors: HashMap<String, Option<Rupiah>> = HashMap::new();
    let mut total = Rupiah::ZERO;
    for (wage, company) in &wages {
        let floor = match company {
            Some(id) => match floors.get(id) {
                Some(f) => *f,
                None => {
                    let f = client_companies::find(conn, id)?.and_then(|c| c.minimum_wage).and_then(Rupiah::new);
                    floors.insert(id.clone(), f);
                    f
                }
            },
            None => None,
        };
        let wage = Rupiah::new(*wage).unwrap_or(Rupiah::ZERO);
        total = total.saturating_add(contribution(wage, 0, floor, &ContributionSettings::default()).total);
    }
    let mut queued = 0;
    if !wages.is_empty() {
        for user in recipients(conn, &rs)? {
            let mail = contribution_reminder(month, wages.len(), total, user.language(), public_url);
            let key = format!("monthly:{}:{}", user.id, month.format("%Y-%m"));
            if outbox_db::enqueue(conn, &message("contribution_reminder", key, &user, mail, now))? {
                queued += 1;
            }
        }
    }
    outbox_db::mark_run(conn, &run, now.naive_utc())?;
    Ok(queued)
}

/// Queues the directors' alert for a termination recorded close to its cut-off, in the
/// termination's own transaction. Answers how many were queued.
pub fn alert_for_termination(
    conn: &mut DbConn,
    case: &Case,
    now: DateTime<Utc>,
    public_url: &str,
) -> Result<usize, ApiError> {
    let rs = settings(conn)?;
    let days_left = (case.due_date - crate::registry::today()).num_days();
    if days_left < 0 || days_left >= i64::from(rs.alert_days_before_cutoff) {
        return Ok(0);
    }
    let Some(worker) = workers_db::find(conn, &case.worker_id)? else { return Ok(0) };
    let item = DigestItem {
        case_id: Some(case.id.clone()),
        worker_id: worker.id.clone(),
        worker_name: worker.full_name.clone(),
        nik_masked: mask_number(&worker.nik),
        client_company: None,
        date: Some(case.due_date),
        note: String::new(),
        at_stake: None,
    };
    let mut queued = 0;
    let directors = ReminderSettings { include_hr: false, ..rs };
    for user in recipients(conn, &directors)? {
        let mail = termination_alert(&item, days_left, user.language(), public_url);
        let key = format!("alert:{}:{}", case.id, user.id);
        if outbox_db::enqueue(conn, &message("termination_alert", key, &user, mail, now))? {
            queued += 1;
        }
    }
    Ok(queued)
}

/// What one sending pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SendReport {
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
}

/// What one attempt at sending a message came to.
pub enum Attempt {
    Sent,
    /// Tried again later, until the attempts run out.
    Failed(String),
    /// Failed for good, whatever the attempts left (e.g. the webhook was turned off meanwhile).
    GaveUp(String),
}

/// Sends what is due on `channel` at `now`, claiming messages for `instance`, each through `send`.
/// A message that fails is tried again [`retry_delay_secs`] later, until `max_attempts`.
pub fn send_channel(
    db: &Db,
    channel: &str,
    instance: &str,
    now: DateTime<Utc>,
    max_attempts: u32,
    mut send: impl FnMut(&mut DbConn, &Message) -> Attempt,
) -> anyhow::Result<SendReport> {
    let mut report = SendReport::default();
    let mut conn = db.conn()?;
    let lease_until = (now + Duration::seconds(LEASE_SECONDS)).naive_utc();
    loop {
        let claimed =
            write_transaction(&mut conn, |c| outbox_db::claim(c, channel, instance, now.naive_utc(), lease_until, 20))?;
        if claimed.is_empty() {
            return Ok(report);
        }
        for id in claimed {
            let Some(m) = outbox_db::find(&mut conn, &id)? else { continue };
            let attempt = u32::try_from(m.attempts).unwrap_or(0) + 1;
            let (error, retry_at) = match send(&mut conn, &m) {
                Attempt::Sent => {
                    outbox_db::mark_sent(&mut conn, &id, instance, Utc::now().naive_utc())?;
                    report.sent += 1;
                    continue;
                }
                Attempt::Failed(error) => {
                    let retry_at = (attempt < max_attempts)
                        .then(|| (now + Duration::seconds(retry_delay_secs(attempt))).naive_utc());
                    (error, retry_at)
                }
                Attempt::GaveUp(error) => (error, None),
            };
            tracing::warn!(message = %id, channel, attempt, error = %error, "not sent");
            outbox_db::mark_failed(&mut conn, &id, instance, &error, retry_at)?;
            if retry_at.is_some() {
                report.retried += 1;
            } else {
                report.failed += 1;
            }
        }
    }
}

/// Sends the mails due in the outbox at `now`, claiming them for `instance`.
pub fn send_due(db: &Db, mailer: &Mailer, instance: &str, now: DateTime<Utc>) -> anyhow::Result<SendReport> {
    let max_attempts = settings(&mut *db.conn()?).map_err(|e| anyhow::anyhow!("{e}"))?.max_attempts;
    send_channel(db, outbox_db::MAIL, instance, now, max_attempts, |_, m| {
        match mailer.send(&m.recipient, &m.subject, &m.body_text, &m.body_html) {
            Ok(()) => Attempt::Sent,
            Err(error) => Attempt::Failed(error),
        }
    })
}

/// One run: queue what is due at `now`, then send (when SMTP is configured).
pub fn run(
    db: &Db,
    mailer: Option<&Mailer>,
    public_url: &str,
    instance: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<SendReport> {
    let mut conn = db.conn()?;
    write_transaction(&mut conn, |c| -> Result<(), ApiError> {
        queue_digests(c, now, public_url)?;
        queue_monthly(c, now, public_url)?;
        Ok(())
    })
    .map_err(|e| anyhow::anyhow!("queueing reminders: {e}"))?;
    drop(conn);
    match mailer {
        Some(m) => send_due(db, m, instance, now),
        None => Ok(SendReport::default()),
    }
}
