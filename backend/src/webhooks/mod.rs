//! Webhooks of client companies. When a worker the portal lists for a company (placed there now,
//! or until six months ago) changes portal status, one delivery per enabled webhook of those
//! companies is queued in the outbox, in the transaction of the change and under a key of its
//! own, so a change is delivered once whatever retries the transaction or the sender make. The
//! sender ([`deliver`]) posts them, signed, through the outbox's lease and retries.
//!
//! Every status change passes through one of two places: a membership status
//! ([`crate::lifecycle::membership`], which the cases, e-Dabu's results and the daily check all
//! go through) or a termination ([`crate::lifecycle::termination`]). Each calls
//! [`worker_changed`] after writing, which works out the portal status before and after.

pub mod deliver;

use chrono::{TimeZone, Utc};
use tertib_domain::lifecycle::MembershipStatus;
use tertib_domain::portal::PortalStatus;
use tertib_domain::webhooks::{WebhookEvent, STATUS_CHANGED};

use crate::db::outbox::{self as outbox_db, Message};
use crate::db::portal::{self as portal_db, Filter};
use crate::db::{new_id, now, placements, webhooks as webhooks_db, workers as workers_db, DbConn};
use crate::error::ApiError;

/// What was just written on a worker, with what it replaced.
#[derive(Debug, Clone, Copy)]
pub enum WorkerChange<'a> {
    /// The membership status was `before`; `event_id` is the new entry of its history.
    Membership { before: MembershipStatus, event_id: &'a str },
    /// A termination was recorded (there is one per worker).
    Terminated,
}

/// Queues a delivery to every enabled webhook of the companies the portal lists the worker for,
/// when `change` changed the worker's portal status. Answers how many were queued.
pub fn worker_changed(conn: &mut DbConn, worker_id: &str, change: WorkerChange<'_>) -> Result<usize, ApiError> {
    let Some(worker) = workers_db::find(conn, worker_id)? else { return Ok(0) };
    let terminated = worker.termination_date.is_some();
    let (before, key) = match change {
        WorkerChange::Membership { before, event_id } => (PortalStatus::of(before, terminated), event_id),
        WorkerChange::Terminated => (PortalStatus::of(worker.membership(), false), "terminated"),
    };
    if PortalStatus::of(worker.membership(), terminated) == before {
        return Ok(0);
    }
    let mut companies: Vec<String> =
        placements::history(conn, worker_id)?.into_iter().map(|(p, _)| p.client_company_id).collect();
    companies.sort();
    companies.dedup();
    let mut queued = 0;
    for hook in webhooks_db::enabled_of(conn, &companies)? {
        // The portal's own reading decides whether the company sees the worker, and what it sees.
        let filter = Filter { worker_id: Some(worker_id.to_string()), ..Filter::default() };
        let left_after = portal_db::left_after(crate::registry::today());
        let (mut rows, _) = portal_db::list(conn, &hook.client_company_id, left_after, &filter, 0, 1)?;
        let Some(row) = rows.pop() else { continue };
        let at = now();
        let event = WebhookEvent {
            id: new_id(),
            event_type: STATUS_CHANGED.into(),
            occurred_at: Utc.from_utc_datetime(&at),
            client_company_id: hook.client_company_id.clone(),
            previous_status: before,
            worker: row.view(),
        };
        let message = Message {
            id: event.id.clone(),
            idempotency_key: format!("webhook:{}:{worker_id}:{key}", hook.id),
            kind: STATUS_CHANGED.into(),
            user_id: None,
            recipient: hook.url.clone(),
            subject: String::new(),
            body_text: serde_json::to_string(&event).map_err(ApiError::internal)?,
            body_html: String::new(),
            status: "queued".into(),
            attempts: 0,
            next_attempt_at: at,
            lease_until: None,
            leased_by: None,
            last_error: String::new(),
            created_at: at,
            sent_at: None,
            channel: outbox_db::WEBHOOK.into(),
            webhook_id: Some(hook.id.clone()),
        };
        if outbox_db::enqueue(conn, &message)? {
            queued += 1;
        }
    }
    Ok(queued)
}
