//! The `outbox` table: mails and webhook deliveries waiting to be sent, being sent (leased), sent
//! or failed. Each channel has its own sender; they share the claim, the lease and the retries.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text, Timestamp};

use super::schema::{outbox, reminder_runs};
use super::{DbBackend, DbConn};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = outbox)]
pub struct Message {
    pub id: String,
    pub idempotency_key: String,
    pub kind: String,
    pub user_id: Option<String>,
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub lease_until: Option<NaiveDateTime>,
    pub leased_by: Option<String>,
    pub last_error: String,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
    /// [`MAIL`] or [`WEBHOOK`].
    pub channel: String,
    /// The webhook a delivery is for (none for a mail).
    pub webhook_id: Option<String>,
}

/// The channel of mails: `recipient` is an address, the body text and HTML.
pub const MAIL: &str = "mail";
/// The channel of webhook deliveries: `recipient` is the URL, `body_text` the JSON body.
pub const WEBHOOK: &str = "webhook";

/// Queues `message` unless one with its idempotency key exists; `true` when queued. Checked
/// before inserting (a unique violation would abort a PostgreSQL transaction); the unique index
/// still refuses a concurrent twin, which then fails its whole transaction and is retried.
pub fn enqueue(conn: &mut DbConn, message: &Message) -> QueryResult<bool> {
    let exists: bool =
        diesel::select(diesel::dsl::exists(outbox::table.filter(outbox::idempotency_key.eq(&message.idempotency_key))))
            .get_result(conn)?;
    if exists {
        return Ok(false);
    }
    diesel::insert_into(outbox::table).values(message).execute(conn)?;
    Ok(true)
}

#[derive(QueryableByName)]
struct Claimed {
    #[diesel(sql_type = Text)]
    id: String,
}

/// Leases up to `limit` messages of `channel` due at `now` (queued and due, or sending with an
/// expired lease) to `instance` until `lease_until`, and answers their ids. On PostgreSQL rows another instance is
/// claiming are skipped (`FOR UPDATE SKIP LOCKED`); on SQLite the caller's write transaction holds
/// the database's write lock, which makes the claim atomic.
pub fn claim(
    conn: &mut DbConn,
    channel: &str,
    instance: &str,
    now: NaiveDateTime,
    lease_until: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<String>> {
    const PG: &str = "UPDATE outbox SET status = 'sending', lease_until = $1, leased_by = $2 \
        WHERE id IN (SELECT id FROM outbox WHERE channel = $5 AND ((status = 'queued' AND next_attempt_at <= $3) \
        OR (status = 'sending' AND lease_until < $3)) ORDER BY next_attempt_at, id LIMIT $4 FOR UPDATE SKIP LOCKED) \
        RETURNING id";
    const SQLITE: &str = "UPDATE outbox SET status = 'sending', lease_until = ?1, leased_by = ?2 \
        WHERE id IN (SELECT id FROM outbox WHERE channel = ?5 AND ((status = 'queued' AND next_attempt_at <= ?3) \
        OR (status = 'sending' AND lease_until < ?3)) ORDER BY next_attempt_at, id LIMIT ?4) RETURNING id";
    let rows: Vec<Claimed> = match conn {
        DbConn::Postgres(c) => diesel::sql_query(PG)
            .bind::<Timestamp, _>(lease_until)
            .bind::<Text, _>(instance)
            .bind::<Timestamp, _>(now)
            .bind::<BigInt, _>(limit)
            .bind::<Text, _>(channel)
            .load(c)?,
        DbConn::Sqlite(c) => diesel::sql_query(SQLITE)
            .bind::<Timestamp, _>(lease_until)
            .bind::<Text, _>(instance)
            .bind::<Timestamp, _>(now)
            .bind::<BigInt, _>(limit)
            .bind::<Text, _>(channel)
            .load(c)?,
    };
    Ok(rows.into_iter().map(|r| r.id).collect())
}

pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<Message>> {
    outbox::table.find(id).select(Message::as_select()).first(conn).optional()
}

/// Marks a leased message sent, if the lease is still `instance`'s.
pub fn mark_sent(conn: &mut DbConn, id: &str, instance: &str, at: NaiveDateTime) -> QueryResult<bool> {
    let n = diesel::update(outbox::table.find(id).filter(outbox::leased_by.eq(instance)))
        .set((
            outbox::status.eq("sent"),
            outbox::sent_at.eq(at),
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::lease_until.eq(None::<NaiveDateTime>),
            outbox::last_error.eq(""),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// Records a failed attempt: queued again at `retry_at`, or `failed` when `retry_at` is `None`.
pub fn mark_failed(
    conn: &mut DbConn,
    id: &str,
    instance: &str,
    error: &str,
    retry_at: Option<NaiveDateTime>,
) -> QueryResult<()> {
    let status = if retry_at.is_some() { "queued" } else { "failed" };
    let n = diesel::update(outbox::table.find(id).filter(outbox::leased_by.eq(instance)))
        .set((
            outbox::status.eq(status),
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::lease_until.eq(None::<NaiveDateTime>),
            outbox::last_error.eq(error),
        ))
        .execute(conn)?;
    if let (1, Some(at)) = (n, retry_at) {
        diesel::update(outbox::table.find(id)).set(outbox::next_attempt_at.eq(at)).execute(conn)?;
    }
    Ok(())
}

/// Puts a failed message back in the queue, due at `at`, with a fresh count of attempts.
pub fn requeue(conn: &mut DbConn, id: &str, at: NaiveDateTime) -> QueryResult<bool> {
    let n = diesel::update(outbox::table.find(id).filter(outbox::status.eq("failed")))
        .set((outbox::status.eq("queued"), outbox::attempts.eq(0), outbox::next_attempt_at.eq(at)))
        .execute(conn)?;
    Ok(n == 1)
}

/// A page of mails, newest first, optionally of one status; and the total.
pub fn list(conn: &mut DbConn, status: Option<&str>, offset: i64, limit: i64) -> QueryResult<(Vec<Message>, i64)> {
    let filtered = || {
        let mut q = outbox::table.filter(outbox::channel.eq(MAIL)).into_boxed::<DbBackend>();
        if let Some(s) = status {
            q = q.filter(outbox::status.eq(s.to_string()));
        }
        q
    };
    let total = filtered().count().get_result(conn)?;
    let items =
        filtered().order(outbox::id.desc()).offset(offset).limit(limit).select(Message::as_select()).load(conn)?;
    Ok((items, total))
}

/// The latest `limit` deliveries of a webhook, newest first.
pub fn for_webhook(conn: &mut DbConn, webhook_id: &str, limit: i64) -> QueryResult<Vec<Message>> {
    outbox::table
        .filter(outbox::webhook_id.eq(webhook_id))
        .order((outbox::created_at.desc(), outbox::id.desc()))
        .limit(limit)
        .select(Message::as_select())
        .load(conn)
}

/// Sends a webhook's deliveries not yet sent to its new URL.
pub fn redirect_queued(conn: &mut DbConn, webhook_id: &str, url: &str) -> QueryResult<()> {
    diesel::update(
        outbox::table.filter(outbox::webhook_id.eq(webhook_id)).filter(outbox::status.eq_any(["queued", "sending"])),
    )
    .set(outbox::recipient.eq(url))
    .execute(conn)
    .map(drop)
}

/// Removes a webhook's deliveries (with the webhook).
pub fn delete_for_webhook(conn: &mut DbConn, webhook_id: &str) -> QueryResult<usize> {
    diesel::delete(outbox::table.filter(outbox::webhook_id.eq(webhook_id))).execute(conn)
}

/// Records that the run `key` is done; `false` when it already was.
pub fn mark_run(conn: &mut DbConn, key: &str, at: NaiveDateTime) -> QueryResult<bool> {
    let done: bool = diesel::select(diesel::dsl::exists(reminder_runs::table.find(key))).get_result(conn)?;
    if done {
        return Ok(false);
    }
    diesel::insert_into(reminder_runs::table)
        .values((reminder_runs::key.eq(key), reminder_runs::ran_at.eq(at)))
        .execute(conn)?;
    Ok(true)
}

pub fn run_done(conn: &mut DbConn, key: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(reminder_runs::table.find(key))).get_result(conn)
}
