//! Scheduled work. The daily check ([`crate::lifecycle::daily`]) runs once at start-up and every
//! night at 01:00 West Indonesian Time; each run is its own transaction.

use chrono::FixedOffset;
use tokio_cron_scheduler::{Job, JobScheduler};

use crate::db::{write_transaction, Db};
use crate::error::ApiError;
use crate::lifecycle::{self, daily};
use crate::registry::today;

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

/// Starts the scheduler; the caller keeps it for as long as the server runs.
pub async fn start(db: Db) -> anyhow::Result<JobScheduler> {
    let scheduler = JobScheduler::new().await?;
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
