//! The `cases` table and their notes.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use tertib_domain::lifecycle::api::CaseListQuery;
use tertib_domain::lifecycle::{CaseDetail, CaseState};

use super::schema::{case_notes, cases};
use super::{code_of, DbBackend, DbConn};

#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Insertable)]
#[diesel(table_name = cases, treat_none_as_default_value = false)]
pub struct Case {
    pub id: String,
    pub kind: String,
    pub state: String,
    pub worker_id: String,
    pub family_member_id: Option<String>,
    pub detail_json: String,
    pub subject_key: String,
    pub confirmed_json: String,
    pub assignee_id: Option<String>,
    pub due_date: NaiveDate,
    pub state_reason: String,
    pub version: i64,
    pub opened_at: NaiveDateTime,
    pub opened_by: String,
    pub updated_at: NaiveDateTime,
    pub closed_at: Option<NaiveDateTime>,
}

/// The columns a change to a case writes (never its identity or opening).
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = cases, treat_none_as_null = true)]
pub struct CaseChanges<'a> {
    pub state: &'a str,
    pub detail_json: &'a str,
    pub confirmed_json: &'a str,
    pub assignee_id: Option<&'a str>,
    pub due_date: NaiveDate,
    pub state_reason: &'a str,
    pub version: i64,
    pub updated_at: NaiveDateTime,
    pub closed_at: Option<NaiveDateTime>,
}

impl Case {
    pub fn changes(&self) -> CaseChanges<'_> {
        CaseChanges {
            state: &self.state,
            detail_json: &self.detail_json,
            confirmed_json: &self.confirmed_json,
            assignee_id: self.assignee_id.as_deref(),
            due_date: self.due_date,
            state_reason: &self.state_reason,
            version: self.version,
            updated_at: self.updated_at,
            closed_at: self.closed_at,
        }
    }
}

pub fn insert(conn: &mut DbConn, case: &Case) -> QueryResult<()> {
    diesel::insert_into(cases::table).values(case).execute(conn).map(drop)
}

pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<Case>> {
    cases::table.find(id).select(Case::as_select()).first(conn).optional()
}

/// Writes `case` (whose version the caller has already raised) if the stored version is still
/// `read_version`; `false` when someone else changed it in between.
pub fn update(conn: &mut DbConn, case: &Case, read_version: i64) -> QueryResult<bool> {
    let n = diesel::update(cases::table.find(&case.id).filter(cases::version.eq(read_version)))
        .set(case.changes())
        .execute(conn)?;
    Ok(n == 1)
}

/// The worker's cases, newest first.
pub fn for_worker(conn: &mut DbConn, worker_id: &str) -> QueryResult<Vec<Case>> {
    cases::table.filter(cases::worker_id.eq(worker_id)).order(cases::id.desc()).select(Case::as_select()).load(conn)
}

/// Whether the worker has ever had a case about `subject_key` (in any state).
pub fn exists_for_subject(conn: &mut DbConn, worker_id: &str, subject_key: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        cases::table.filter(cases::worker_id.eq(worker_id)).filter(cases::subject_key.eq(subject_key)),
    ))
    .get_result(conn)
}

/// The worker's case about `subject_key` that is still open, if any.
pub fn open_for_subject(conn: &mut DbConn, worker_id: &str, subject_key: &str) -> QueryResult<Option<Case>> {
    cases::table
        .filter(cases::worker_id.eq(worker_id))
        .filter(cases::subject_key.eq(subject_key))
        .filter(cases::state.ne_all(closed_states()))
        .select(Case::as_select())
        .first(conn)
        .optional()
}

fn closed_states() -> [String; 2] {
    [code_of(&CaseState::Completed), code_of(&CaseState::Cancelled)]
}

/// A page of cases by the list's filters, the most urgent (earliest due) first; and the total.
pub fn list(
    conn: &mut DbConn,
    q: &CaseListQuery,
    assignee: Option<&str>,
    today: NaiveDate,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<Case>, i64)> {
    let filtered = || {
        let mut query = cases::table.into_boxed::<DbBackend>();
        if let Some(kind) = q.kind {
            query = query.filter(cases::kind.eq(code_of(&kind)));
        }
        if let Some(state) = q.state {
            query = query.filter(cases::state.eq(code_of(&state)));
        }
        if q.open == Some(true) || q.overdue == Some(true) {
            query = query.filter(cases::state.ne_all(closed_states()));
        }
        if q.overdue == Some(true) {
            query = query.filter(cases::due_date.lt(today));
        }
        if let Some(worker) = &q.worker_id {
            query = query.filter(cases::worker_id.eq(worker.clone()));
        }
        if let Some(user) = assignee {
            query = query.filter(cases::assignee_id.eq(user.to_string()));
        }
        query
    };
    let total = filtered().count().get_result(conn)?;
    let items = filtered()
        .order((cases::due_date.asc(), cases::id.asc()))
        .offset(offset)
        .limit(limit)
        .select(Case::as_select())
        .load(conn)?;
    Ok((items, total))
}

/// Every case not yet finished (for the daily check).
pub fn open_cases(conn: &mut DbConn) -> QueryResult<Vec<Case>> {
    cases::table.filter(cases::state.ne_all(closed_states())).select(Case::as_select()).load(conn)
}

impl Case {
    pub fn detail(&self) -> QueryResult<CaseDetail> {
        serde_json::from_str(&self.detail_json).map_err(|e| diesel::result::Error::DeserializationError(Box::new(e)))
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = case_notes)]
pub struct Note {
    pub id: String,
    pub case_id: String,
    pub author_id: Option<String>,
    pub author_label: String,
    pub body: String,
    pub created_at: NaiveDateTime,
}

pub fn add_note(conn: &mut DbConn, note: &Note) -> QueryResult<()> {
    diesel::insert_into(case_notes::table).values(note).execute(conn).map(drop)
}

pub fn notes(conn: &mut DbConn, case_id: &str) -> QueryResult<Vec<Note>> {
    case_notes::table
        .filter(case_notes::case_id.eq(case_id))
        .order(case_notes::id.asc())
        .select(Note::as_select())
        .load(conn)
}

/// Names by id.
pub type Names = HashMap<String, String>;

/// The names a list of cases shows, read in three statements for the whole page: workers' and
/// family members' names by id, and assignees' emails by id.
pub fn names(conn: &mut DbConn, cases: &[Case]) -> QueryResult<(Names, Names, Names)> {
    use super::schema::{family_members, users, workers};
    let worker_ids: Vec<&String> = cases.iter().map(|c| &c.worker_id).collect();
    let member_ids: Vec<&String> = cases.iter().filter_map(|c| c.family_member_id.as_ref()).collect();
    let user_ids: Vec<&String> = cases.iter().filter_map(|c| c.assignee_id.as_ref()).collect();
    let workers = workers::table
        .filter(workers::id.eq_any(worker_ids))
        .select((workers::id, workers::full_name))
        .load::<(String, String)>(conn)?;
    let members = if member_ids.is_empty() {
        Vec::new()
    } else {
        family_members::table
            .filter(family_members::id.eq_any(member_ids))
            .select((family_members::id, family_members::full_name))
            .load::<(String, String)>(conn)?
    };
    let users = if user_ids.is_empty() {
        Vec::new()
    } else {
        users::table
            .filter(users::id.eq_any(user_ids))
            .select((users::id, users::email))
            .load::<(String, String)>(conn)?
    };
    Ok((workers.into_iter().collect(), members.into_iter().collect(), users.into_iter().collect()))
}
