//! Reminders: the digest preview, sending it now, the outbox, and the reminder settings.

use actix_web::{get, post, put, web, HttpResponse};
use chrono::{TimeZone, Utc};
use tertib_domain::lifecycle::api::paging;
use tertib_domain::reminders::{DigestPreview, OutboxPage, OutboxQuery, OutboxView, Queued, ReminderSettings};
use tertib_domain::ApiErrorBody;

use crate::auth::roles::{DirectorOnly, Staff};
use crate::auth::Auth;
use crate::db::audit::{self, Change};
use crate::db::outbox::{self as outbox_db, Message};
use crate::db::{settings as settings_db, users as users_db};
use crate::error::ApiError;
use crate::reminders::{self, SETTINGS_KEY};
use crate::state::AppState;

fn view(m: Message) -> OutboxView {
    OutboxView {
        id: m.id,
        kind: m.kind,
        recipient: m.recipient,
        subject: m.subject,
        status: m.status,
        attempts: m.attempts,
        next_attempt_at: Utc.from_utc_datetime(&m.next_attempt_at),
        last_error: m.last_error,
        created_at: Utc.from_utc_datetime(&m.created_at),
        sent_at: m.sent_at.map(|t| Utc.from_utc_datetime(&t)),
    }
}

/// Preview today's digest
///
/// The digest the caller would get today, in their language: pending deactivations (overdue,
/// due before this month's cut-off, later) with the contribution at stake, blocked transfers,
/// open arrears, children reaching an age limit, rejected registrations. Nothing is sent.
#[utoipa::path(
    tag = "reminders",
    security(("bearer" = ["director", "hr"])),
    responses(
        (status = 200, body = DigestPreview),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director or HR", body = ApiErrorBody),
    )
)]
#[post("/reminders/digest/preview")]
pub async fn preview_digest(
    state: web::Data<AppState>,
    auth: Auth<Staff>,
) -> Result<web::Json<DigestPreview>, ApiError> {
    let (caller, public_url) = (auth.caller, state.config.public_url.clone());
    let preview = state
        .db
        .run(move |conn| {
            let user = users_db::find(conn, &caller.id)?.ok_or(ApiError::NotFound)?;
            let skip_empty = reminders::settings(conn)?.skip_empty;
            let (digest, mail) = reminders::digest_mail(conn, &user, crate::registry::today(), &public_url)?;
            Ok(DigestPreview {
                would_send: !(digest.is_empty() && skip_empty),
                subject: mail.subject,
                text: mail.text,
                html: mail.html,
                digest,
            })
        })
        .await?;
    Ok(web::Json(preview))
}

/// Send the digest now
///
/// Queues today's digest for the caller at once (it goes out with the next run of the sender,
/// within a minute when SMTP is configured).
#[utoipa::path(
    tag = "reminders",
    security(("bearer" = ["director"])),
    responses(
        (status = 202, body = Queued),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director", body = ApiErrorBody),
    )
)]
#[post("/reminders/digest/send")]
pub async fn send_digest(state: web::Data<AppState>, auth: Auth<DirectorOnly>) -> Result<HttpResponse, ApiError> {
    let (caller, public_url) = (auth.caller, state.config.public_url.clone());
    let id = state
        .db
        .transaction(move |conn| {
            let user = users_db::find(conn, &caller.id)?.ok_or(ApiError::NotFound)?;
            let id = reminders::queue_digest_now(conn, &user, Utc::now(), &public_url)?;
            audit::record(conn, &caller.actor(), Change::new("reminder.digest_queued", "outbox", Some(&id)))?;
            Ok(id)
        })
        .await?;
    Ok(HttpResponse::Accepted().json(Queued { outbox_id: id }))
}

/// The outbox
///
/// Every mail, newest first, with its status (`queued`, `sending`, `sent`, `failed`), attempts
/// and last error; `smtp_configured: false` says why nothing leaves.
#[utoipa::path(
    tag = "reminders",
    security(("bearer" = ["director"])),
    params(OutboxQuery),
    responses(
        (status = 200, body = OutboxPage),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director", body = ApiErrorBody),
    )
)]
#[get("/outbox")]
pub async fn list_outbox(
    state: web::Data<AppState>,
    _auth: Auth<DirectorOnly>,
    query: web::Query<OutboxQuery>,
) -> Result<web::Json<OutboxPage>, ApiError> {
    let q = query.into_inner();
    let (page, per_page) = paging(q.page, q.per_page);
    let smtp_configured = state.config.smtp_url.is_some();
    let out = state
        .db
        .run(move |conn| {
            let offset = i64::from(page - 1) * i64::from(per_page);
            let (rows, total) = outbox_db::list(conn, q.status.as_deref(), offset, i64::from(per_page))?;
            Ok(OutboxPage { items: rows.into_iter().map(view).collect(), total, page, per_page, smtp_configured })
        })
        .await?;
    Ok(web::Json(out))
}

/// Send a failed mail again
#[utoipa::path(
    tag = "reminders",
    security(("bearer" = ["director"])),
    params(("id" = String, Path, description = "Outbox message id")),
    responses(
        (status = 200, body = OutboxView),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director", body = ApiErrorBody),
        (status = 404, description = "No such message", body = ApiErrorBody),
        (status = 409, description = "The message has not failed", body = ApiErrorBody),
    )
)]
#[post("/outbox/{id}/resend")]
pub async fn resend(
    state: web::Data<AppState>,
    auth: Auth<DirectorOnly>,
    id: web::Path<String>,
) -> Result<web::Json<OutboxView>, ApiError> {
    let (id, actor) = (id.into_inner(), auth.caller.actor());
    let m = state
        .db
        .transaction(move |conn| {
            outbox_db::find(conn, &id)?.ok_or(ApiError::NotFound)?;
            if !outbox_db::requeue(conn, &id, Utc::now().naive_utc())? {
                return Err(ApiError::Conflict);
            }
            audit::record(conn, &actor, Change::new("outbox.resend", "outbox", Some(&id)))?;
            outbox_db::find(conn, &id)?.ok_or(ApiError::NotFound)
        })
        .await?;
    Ok(web::Json(view(m)))
}

/// The reminder settings
#[utoipa::path(
    tag = "reminders",
    security(("bearer" = ["director"])),
    responses(
        (status = 200, body = ReminderSettings),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director", body = ApiErrorBody),
    )
)]
#[get("/settings/reminders")]
pub async fn get_reminder_settings(
    state: web::Data<AppState>,
    _auth: Auth<DirectorOnly>,
) -> Result<web::Json<ReminderSettings>, ApiError> {
    Ok(web::Json(state.db.run(reminders::settings).await?))
}

/// Change the reminder settings
///
/// The digest time (`HH:MM`) and time zone (`Asia/Jakarta`, `Asia/Makassar`, `Asia/Jayapura`),
/// whether HR gets it and whether an empty digest is skipped, the alert window before the
/// cut-off, the day of the monthly contribution reminder, the attempts before a mail fails. The
/// next run uses them; no restart.
#[utoipa::path(
    tag = "reminders",
    security(("bearer" = ["director"])),
    request_body = ReminderSettings,
    responses(
        (status = 200, body = ReminderSettings),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not a director", body = ApiErrorBody),
        (status = 422, description = "A value out of range, named", body = ApiErrorBody),
    )
)]
#[put("/settings/reminders")]
pub async fn put_reminder_settings(
    state: web::Data<AppState>,
    auth: Auth<DirectorOnly>,
    body: web::Json<ReminderSettings>,
) -> Result<web::Json<ReminderSettings>, ApiError> {
    let new = body.into_inner();
    settings_db::refuse_out_of_range(new.problems())?;
    let actor = auth.caller.actor();
    let saved = state
        .db
        .transaction(move |conn| {
            let before = reminders::settings(conn)?;
            settings_db::replace(conn, &actor, SETTINGS_KEY, &before, &new)?;
            Ok(new)
        })
        .await?;
    Ok(web::Json(saved))
}
