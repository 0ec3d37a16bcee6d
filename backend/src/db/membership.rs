//! Membership status: the current one on the worker and each family member, and its history in
//! `membership_events`.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::{family_members, membership_events, workers};
use super::DbConn;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = membership_events)]
pub struct Event {
    pub id: String,
    pub worker_id: String,
    pub family_member_id: Option<String>,
    pub status: String,
    pub since: NaiveDate,
    pub until: Option<NaiveDate>,
    pub reason: String,
    pub case_id: Option<String>,
    pub recorded_at: NaiveDateTime,
    pub recorded_by: String,
}

/// Records `event` and makes it the person's current status.
pub fn apply(conn: &mut DbConn, event: &Event) -> QueryResult<()> {
    diesel::insert_into(membership_events::table).values(event).execute(conn)?;
    match &event.family_member_id {
        None => diesel::update(workers::table.find(&event.worker_id))
            .set((
                workers::membership_status.eq(&event.status),
                workers::membership_since.eq(event.since),
                // What client companies sync by (`updated_since`); not a new version of the record.
                workers::updated_at.eq(event.recorded_at),
            ))
            .execute(conn)?,
        Some(member) => diesel::update(family_members::table.find(member))
            .set((
                family_members::membership_status.eq(&event.status),
                family_members::membership_since.eq(event.since),
                family_members::membership_until.eq(event.until),
                family_members::membership_reason.eq(&event.reason),
            ))
            .execute(conn)?,
    };
    Ok(())
}

pub fn history(conn: &mut DbConn, worker_id: &str) -> QueryResult<Vec<Event>> {
    membership_events::table
        .filter(membership_events::worker_id.eq(worker_id))
        .order(membership_events::id.asc())
        .select(Event::as_select())
        .load(conn)
}

/// A current status: `(status, since, until, reason)`.
pub type Current = (String, Option<NaiveDate>, Option<NaiveDate>, String);

/// The worker's current status; its end and reason are the latest event's.
pub fn of_worker(conn: &mut DbConn, worker_id: &str) -> QueryResult<Option<Current>> {
    let Some((status, since)) = workers::table
        .find(worker_id)
        .select((workers::membership_status, workers::membership_since))
        .first::<(String, Option<NaiveDate>)>(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let latest: Option<(Option<NaiveDate>, String)> = membership_events::table
        .filter(membership_events::worker_id.eq(worker_id))
        .filter(membership_events::family_member_id.is_null())
        .order(membership_events::id.desc())
        .select((membership_events::until, membership_events::reason))
        .first(conn)
        .optional()?;
    let (until, reason) = latest.unwrap_or_default();
    Ok(Some((status, since, until, reason)))
}

/// Current status of each of the worker's members: `(member id, status, since, until, reason)`.
pub fn of_family(conn: &mut DbConn, worker_id: &str) -> QueryResult<Vec<(String, Current)>> {
    type Row = (String, String, Option<NaiveDate>, Option<NaiveDate>, String);
    let rows: Vec<Row> = family_members::table
        .filter(family_members::worker_id.eq(worker_id))
        .select((
            family_members::id,
            family_members::membership_status,
            family_members::membership_since,
            family_members::membership_until,
            family_members::membership_reason,
        ))
        .load(conn)?;
    Ok(rows.into_iter().map(|(id, s, since, until, r)| (id, (s, since, until, r))).collect())
}

/// Workers in PHK cover whose cover ended before `today`, and their members in it.
pub fn phk_cover_ended(conn: &mut DbConn, today: NaiveDate) -> QueryResult<Vec<(String, Option<String>)>> {
    let mut workers_ended = Vec::new();
    let in_cover: Vec<String> =
        workers::table.filter(workers::membership_status.eq("phk_cover")).select(workers::id).load(conn)?;
    for id in in_cover {
        if of_worker(conn, &id)?.is_some_and(|(_, _, until, _)| until.is_some_and(|u| u < today)) {
            workers_ended.push(id);
        }
    }
    let members_ended: Vec<(String, String)> = family_members::table
        .filter(family_members::membership_status.eq("phk_cover"))
        .filter(family_members::membership_until.lt(today))
        .select((family_members::worker_id, family_members::id))
        .load(conn)?;
    Ok(workers_ended
        .into_iter()
        .map(|w| (w, None))
        .chain(members_ended.into_iter().map(|(w, m)| (w, Some(m))))
        .collect())
}

/// Records the card number BPJS issued (with the acceptance of a registration or transfer).
pub fn set_noka(conn: &mut DbConn, worker_id: &str, noka: &str) -> QueryResult<()> {
    diesel::update(workers::table.find(worker_id))
        .set((workers::noka.eq(noka), workers::version.eq(workers::version + 1)))
        .execute(conn)
        .map(drop)
}

/// Records the card number BPJS issued a family member (with e-Dabu's answer to a batch).
pub fn set_member_noka(conn: &mut DbConn, member_id: &str, noka: &str) -> QueryResult<()> {
    diesel::update(family_members::table.find(member_id))
        .set((family_members::noka.eq(noka), family_members::version.eq(family_members::version + 1)))
        .execute(conn)
        .map(drop)
}

/// Records a termination on the worker (a new version of the record).
pub fn set_termination(
    conn: &mut DbConn,
    worker_id: &str,
    date: NaiveDate,
    reason: &str,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(workers::table.find(worker_id))
        .set((
            workers::termination_date.eq(date),
            workers::termination_reason.eq(reason),
            workers::version.eq(workers::version + 1),
            workers::updated_at.eq(at),
        ))
        .execute(conn)
        .map(drop)
}

/// Wage and current company of every worker covered through the company now (active or
/// suspended): what the month's contributions are worked out from.
pub fn covered_wages(conn: &mut DbConn) -> QueryResult<Vec<(i64, Option<String>)>> {
    workers::table
        .filter(workers::membership_status.eq_any(["active", "suspended"]))
        .select((workers::wage_base, workers::client_company_id))
        .load(conn)
}
