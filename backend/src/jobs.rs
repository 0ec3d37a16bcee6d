//! Scheduled work. The daily check ([`crate::lifecycle::daily`]) runs once at start-up and every
//! night at 01:00 West Indonesian Time; the outbox run (the reminders, [`crate::reminders::run`],
//! then the webhook deliveries, [`crate::webhooks::deliver::send_due`]) every minute
//! (`TERTIB_REMINDER_SCHEDULE`). Each run is its own transaction.

use chrono::FixedOffset;
use tokio_cron_scheduler::{Job, JobScheduler};

use crate::config::Config;
use crate::db::{write_transaction, Db};
use crate::error::ApiError;
use crate::lifecycle::{self, daily};
use crate::mail::Mailer;
use crate::registry::today;
use crate::reminders::SendReport;

/// WIB, UTC+7 (no daylight saving).
fn wib() -> anyhow::Result<FixedOffset> {
    FixedOffset::east_opt(7 * 3600).ok_or_else(|| anyhow::anyhow!("UTC+7 is not a valid offset"))
}

/// Runs the daily check for `day` and logs what it did.
pub fn run_daily_check(db: &Db, day: chrono::NaiveDate) -> anyhow::Result<daily::DailyReport> {
    let mut conn = db.conn()?;
    let report = write_transaction(&mut conn, |conn| -> Result<_, ApiError> {
        let settings = lifecycle::settings(conn)?;
        daily::run(conn, day, &settings)
    })
    .map_err(|e| anyhow::anyhow!("daily check: {e}"))?;
    tracing::info!(%day, cases_opened = report.cases_opened.len(), covers_ended = report.covers_ended, "daily check done");
    Ok(report)
}

async fn daily_in_background(db: Db) {
    let result = actix_web::rt::task::spawn_blocking(move || run_daily_check(&db, today())).await;
    match result {
        Ok(Ok(_)) => {}
        Ok(Err(e)) => tracing::error!(error = format!("{e:#}"), "daily check failed"),
        Err(e) => tracing::error!(error = %e, "daily check task failed"),
    }
}

/// One outbox run now: queue the reminders due and send the mails, then the webhook deliveries
/// (each on its own: mail failing does not hold back the webhooks).
async fn outbox_in_background(db: Db, mailer: Option<Mailer>, public_url: String, instance: String) {
    let result = actix_web::rt::task::spawn_blocking(move || {
        let now = chrono::Utc::now();
        [
            ("mail", crate::reminders::run(&db, mailer.as_ref(), &public_url, &instance, now)),
            ("webhook", crate::webhooks::deliver::send_due(&db, &instance, now)),
        ]
    })
    .await;
    let reports = match result {
        Ok(reports) => reports,
        Err(e) => {
            tracing::error!(error = %e, "outbox task failed");
            return;
        }
    };
    for (channel, report) in reports {
        match report {
            Ok(r) if r != SendReport::default() => {
                tracing::info!(channel, sent = r.sent, retried = r.retried, failed = r.failed, "outbox run")
            }
            Ok(_) => {}
            Err(e) => tracing::error!(channel, error = format!("{e:#}"), "outbox run failed"),
        }
    }
}

/// Starts the scheduler; the caller keeps it for as long as the server runs.
pub async fn start(db: Db, config: &Config) -> anyhow::Result<JobScheduler> {
    let scheduler = JobScheduler::new().await?;
    let mailer = match &config.smtp_url {
        Some(url) => Some(Mailer::new(url.expose(), &config.mail_from)?),
        None => {
            tracing::warn!("TERTIB_SMTP_URL is not set: mails wait in the outbox");
            None
        }
    };
    // Tells this instance's leases apart from another's on the same database.
    let instance = crate::db::new_id();
    let (reminder_db, public_url) = (db.clone(), config.public_url.clone());
    scheduler
        .add(Job::new_async(config.reminder_schedule.as_str(), move |_, _| {
            Box::pin(outbox_in_background(reminder_db.clone(), mailer.clone(), public_url.clone(), instance.clone()))
        })?)
        .await?;
    let nightly = db.clone();
    scheduler
        .add(Job::new_async_tz("0 0 1 * * *", wib()?, move |_, _| {
            let db = nightly.clone();
            Box::pin(daily_in_background(db))
        })?)
        .await?;
    scheduler.start().await?;
    actix_web::rt::spawn(daily_in_background(db));
    Ok(scheduler)
}
