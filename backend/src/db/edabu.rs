//! The `edabu_batches` table (each batch with its file as sent) and `edabu_batch_rows` (one row
//! per person of the file, with e-Dabu's answer).

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use tertib_domain::edabu::{BatchKind, BatchListQuery};
use tertib_domain::lifecycle::CaseState;

use super::bulk::ROWS_PER_STATEMENT;
use super::cases::Case;
use super::schema::{cases, edabu_batch_rows, edabu_batches, workers};
use super::{code_of, DbBackend, DbConn};

/// A batch without its file (lists never read the file).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = edabu_batches)]
pub struct Batch {
    pub id: String,
    pub kind: String,
    pub client_company_id: Option<String>,
    pub month: Option<String>,
    pub file_name: String,
    pub case_count: i64,
    pub row_count: i64,
    pub created_by_id: Option<String>,
    pub created_by: String,
    pub created_at: NaiveDateTime,
}

/// A batch as written, with its file.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = edabu_batches)]
pub struct NewBatch<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub client_company_id: Option<&'a str>,
    pub month: Option<&'a str>,
    pub file_name: &'a str,
    pub file_content: &'a [u8],
    pub case_count: i64,
    pub row_count: i64,
    pub created_by_id: Option<&'a str>,
    pub created_by: &'a str,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = edabu_batch_rows, treat_none_as_default_value = false)]
pub struct BatchRow {
    pub id: String,
    pub batch_id: String,
    pub number: i64,
    pub case_id: String,
    pub worker_id: String,
    pub family_member_id: Option<String>,
    /// The family member's relation; `None` for the worker.
    pub relation: Option<String>,
    pub full_name: String,
    pub nik: String,
    pub noka: Option<String>,
    pub result: Option<String>,
    pub result_noka: Option<String>,
    pub result_reason: String,
    pub result_at: Option<NaiveDateTime>,
}

pub fn insert(conn: &mut DbConn, batch: &NewBatch<'_>, rows: &[BatchRow]) -> QueryResult<()> {
    diesel::insert_into(edabu_batches::table).values(batch).execute(conn)?;
    super::bulk::insert_many!(conn, edabu_batch_rows::table, rows);
    Ok(())
}

pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<Batch>> {
    edabu_batches::table.find(id).select(Batch::as_select()).first(conn).optional()
}

/// The file as sent: `(file name, content)`.
pub fn file(conn: &mut DbConn, id: &str) -> QueryResult<Option<(String, Vec<u8>)>> {
    edabu_batches::table.find(id).select((edabu_batches::file_name, edabu_batches::file_content)).first(conn).optional()
}

/// A page of batches, newest first, and how many match.
pub fn list(conn: &mut DbConn, q: &BatchListQuery, offset: i64, limit: i64) -> QueryResult<(Vec<Batch>, i64)> {
    let filtered = || {
        let mut query = edabu_batches::table.into_boxed::<DbBackend>();
        if let Some(kind) = q.kind {
            query = query.filter(edabu_batches::kind.eq(kind.as_str()));
        }
        if let Some(company) = q.client_company_id.as_deref().filter(|c| !c.is_empty()) {
            query = query.filter(edabu_batches::client_company_id.eq(company.to_string()));
        }
        query
    };
    let total = filtered().count().get_result(conn)?;
    let items =
        filtered().order(edabu_batches::id.desc()).offset(offset).limit(limit).select(Batch::as_select()).load(conn)?;
    Ok((items, total))
}

/// Per batch, how many rows e-Dabu answered each way: `(accepted, rejected)`.
pub fn answered(conn: &mut DbConn, batch_ids: &[&str]) -> QueryResult<HashMap<String, (i64, i64)>> {
    let counts: Vec<(String, Option<String>, i64)> = edabu_batch_rows::table
        .filter(edabu_batch_rows::batch_id.eq_any(batch_ids))
        .filter(edabu_batch_rows::result.is_not_null())
        .group_by((edabu_batch_rows::batch_id, edabu_batch_rows::result))
        .select((edabu_batch_rows::batch_id, edabu_batch_rows::result, diesel::dsl::count_star()))
        .load(conn)?;
    let mut out: HashMap<String, (i64, i64)> = HashMap::new();
    for (batch, result, n) in counts {
        let entry = out.entry(batch).or_default();
        match result.as_deref() {
            Some("accepted") => entry.0 += n,
            _ => entry.1 += n,
        }
    }
    Ok(out)
}

/// The batch's rows in the file's order.
pub fn rows(conn: &mut DbConn, batch_id: &str) -> QueryResult<Vec<BatchRow>> {
    edabu_batch_rows::table
        .filter(edabu_batch_rows::batch_id.eq(batch_id))
        .order(edabu_batch_rows::number.asc())
        .select(BatchRow::as_select())
        .load(conn)
}

/// The state of each of the batch's cases now.
pub fn case_states(conn: &mut DbConn, batch_id: &str) -> QueryResult<HashMap<String, String>> {
    let cases_of_batch =
        edabu_batch_rows::table.filter(edabu_batch_rows::batch_id.eq(batch_id)).select(edabu_batch_rows::case_id);
    cases::table
        .filter(cases::id.eq_any(cases_of_batch))
        .select((cases::id, cases::state))
        .load::<(String, String)>(conn)
        .map(|rows| rows.into_iter().collect())
}

/// Records e-Dabu's answer on a row.
pub fn set_result(conn: &mut DbConn, row: &BatchRow) -> QueryResult<()> {
    diesel::update(edabu_batch_rows::table.find(&row.id))
        .set((
            edabu_batch_rows::result.eq(&row.result),
            edabu_batch_rows::result_noka.eq(&row.result_noka),
            edabu_batch_rows::result_reason.eq(&row.result_reason),
            edabu_batch_rows::result_at.eq(row.result_at),
        ))
        .execute(conn)
        .map(drop)
}

/// What a batch is picked from.
#[derive(Debug, Clone)]
pub struct Pick<'a> {
    pub kind: BatchKind,
    pub client_company_id: Option<&'a str>,
    /// Due dates from and to (inclusive).
    pub due: Option<(NaiveDate, NaiveDate)>,
    pub case_ids: Option<&'a [String]>,
}

/// The cases of the kind that could go (open, held up, or rejected and waiting for HR) within the
/// filters, and any case named, whatever it is; the most urgent first.
pub fn candidates(conn: &mut DbConn, pick: &Pick<'_>) -> QueryResult<Vec<Case>> {
    let states = [CaseState::Open, CaseState::Blocked, CaseState::Rejected].map(|s| code_of(&s));
    let mut query = cases::table.into_boxed::<DbBackend>();
    match pick.case_ids {
        Some(ids) => query = query.filter(cases::id.eq_any(ids)),
        None => {
            query = query.filter(cases::kind.eq(pick.kind.as_str())).filter(cases::state.eq_any(states));
            if let Some(company) = pick.client_company_id {
                let placed =
                    workers::table.filter(workers::client_company_id.eq(company.to_string())).select(workers::id);
                query = query.filter(cases::worker_id.eq_any(placed));
            }
            if let Some((from, to)) = pick.due {
                query = query.filter(cases::due_date.between(from, to));
            }
        }
    }
    query.order((cases::due_date.asc(), cases::id.asc())).select(Case::as_select()).load(conn)
}
