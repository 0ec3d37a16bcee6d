//! What the client-company portal reads: the company's placements (current, or ended at most six
//! months ago), each worker once with its latest placement there.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::dsl::{exists, not};
use diesel::prelude::*;
use tertib_domain::portal::PortalStatus;

use super::schema::{placements, workers};
use super::{code_of, DbBackend, DbConn};

/// One placed worker as the portal shows it.
#[derive(Debug, Clone, Queryable)]
pub struct Row {
    pub id: String,
    pub full_name: String,
    pub nik: String,
    pub noka: Option<String>,
    pub employee_number: String,
    pub membership_status: String,
    pub membership_since: Option<NaiveDate>,
    pub termination_date: Option<NaiveDate>,
    pub updated_at: NaiveDateTime,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub status: Option<PortalStatus>,
    pub updated_since: Option<NaiveDateTime>,
    /// Lower-case name prefix (of the whole name or a word), or an employee number.
    pub q: Option<String>,
    pub worker_id: Option<String>,
}

diesel::alias!(placements as later: Later);

type Boxed<'a> = diesel::internal::table_macro::BoxedSelectStatement<
    'a,
    diesel::helper_types::SqlTypeOf<(
        workers::id,
        workers::full_name,
        workers::nik,
        workers::noka,
        workers::employee_number,
        workers::membership_status,
        workers::membership_since,
        workers::termination_date,
        workers::updated_at,
        placements::start_date,
        placements::end_date,
    )>,
    diesel::internal::table_macro::FromClause<
        diesel::helper_types::InnerJoinQuerySource<placements::table, workers::table>,
    >,
    DbBackend,
>;

fn query<'a>(company_id: &'a str, left_after: NaiveDate, f: &'a Filter) -> Boxed<'a> {
    let mut q = placements::table
        .inner_join(workers::table)
        .select((
            workers::id,
            workers::full_name,
            workers::nik,
            workers::noka,
            workers::employee_number,
            workers::membership_status,
            workers::membership_since,
            workers::termination_date,
            workers::updated_at,
            placements::start_date,
            placements::end_date,
        ))
        .filter(placements::client_company_id.eq(company_id))
        .filter(placements::end_date.is_null().or(placements::end_date.ge(left_after)))
        // The worker's latest placement with this company only.
        .filter(not(exists(
            later
                .filter(later.field(placements::worker_id).eq(placements::worker_id))
                .filter(later.field(placements::client_company_id).eq(placements::client_company_id))
                .filter(later.field(placements::start_date).gt(placements::start_date)),
        )))
        .into_boxed::<DbBackend>();
    if let Some(status) = f.status {
        let (mut employed, mut left) = (Vec::new(), Vec::new());
        for (m, terminated) in status.sources() {
            if terminated { &mut left } else { &mut employed }.push(code_of(&m));
        }
        q = q.filter(
            (workers::termination_date.is_null().and(workers::membership_status.eq_any(employed)))
                .or(workers::termination_date.is_not_null().and(workers::membership_status.eq_any(left))),
        );
    }
    if let Some(since) = f.updated_since {
        q = q.filter(workers::updated_at.ge(since));
    }
    if let Some(text) = &f.q {
        let pattern = format!("{}%", text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
        let word = format!("% {pattern}");
        q = q.filter(
            workers::name_search
                .like(pattern)
                .escape('\\')
                .or(workers::name_search.like(word).escape('\\'))
                .or(workers::employee_number.eq(text.clone())),
        );
    }
    if let Some(id) = &f.worker_id {
        q = q.filter(workers::id.eq(id.clone()));
    }
    q
}

/// A page of the company's placed workers by name, and how many there are.
pub fn list(
    conn: &mut DbConn,
    company_id: &str,
    left_after: NaiveDate,
    f: &Filter,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<Row>, i64)> {
    let total = query(company_id, left_after, f).count().get_result(conn)?;
    let rows = query(company_id, left_after, f)
        .order((workers::name_search.asc(), workers::id.asc()))
        .offset(offset)
        .limit(limit)
        .load(conn)?;
    Ok((rows, total))
}

/// Every listed worker's `(membership status, terminated)`, for the totals.
pub fn statuses(conn: &mut DbConn, company_id: &str, left_after: NaiveDate) -> QueryResult<Vec<(String, bool)>> {
    let f = Filter::default();
    let rows: Vec<Row> = query(company_id, left_after, &f).load(conn)?;
    Ok(rows.into_iter().map(|r| (r.membership_status, r.termination_date.is_some())).collect())
}
