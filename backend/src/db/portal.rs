//! What the client-company portal reads: the workers placed with the company now, and those whose
//! last placement there ended at most six months ago.
//!
//! The two are read apart, because that is what makes a page cheap: the current ones come in name
//! order straight from the workers' index on their current company (`workers_client`), the
//! leavers are a small set; a page is the two merged by name. Sorting every placement of a large
//! client on each request is what this avoids.

use chrono::{Months, NaiveDate, NaiveDateTime, TimeZone, Utc};
use diesel::dsl::{count_star, exists, not};
use diesel::prelude::*;
use tertib_domain::portal::{PortalStatus, PortalWorker};
use tertib_domain::registry::mask_number;

use super::schema::{placements, workers};
use std::sync::Arc;

use super::memo::{self, Counts, Memo};
use super::{code_of, from_code, DbBackend, DbConn};

/// One placed worker as the portal shows it.
#[derive(Debug, Clone, Queryable)]
pub struct Row {
    pub id: String,
    pub name_search: String,
    pub full_name: String,
    pub nik: String,
    pub noka: Option<String>,
    pub employee_number: String,
    pub membership_status: String,
    pub membership_since: Option<NaiveDate>,
    pub termination_date: Option<NaiveDate>,
    pub updated_at: NaiveDateTime,
    pub hire_date: NaiveDate,
    /// The placement with the company (always there; read as a subquery for current workers).
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
}

impl Row {
    pub fn placed_from(&self) -> NaiveDate {
        self.start_date.unwrap_or(self.hire_date)
    }

    /// The worker as the portal shows it: status, masked identity numbers, the placement.
    pub fn view(self) -> PortalWorker {
        let placed_from = self.placed_from();
        PortalWorker {
            status: PortalStatus::of(
                from_code(&self.membership_status).unwrap_or_default(),
                self.termination_date.is_some(),
            ),
            status_since: self.membership_since,
            id: self.id,
            full_name: self.full_name,
            nik: mask_number(&self.nik),
            noka: self.noka.as_deref().map(mask_number),
            employee_number: self.employee_number,
            placed_from,
            placed_until: self.end_date,
            updated_at: Utc.from_utc_datetime(&self.updated_at),
        }
    }
}

/// The first day of the portal's window on `today`: a worker whose placement with a company
/// ended on or after it is still listed for that company (six months).
pub fn left_after(today: NaiveDate) -> NaiveDate {
    today.checked_sub_months(Months::new(6)).unwrap_or(today)
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

/// The worker's columns a row shows, then `$placement` (start and end of the placement).
macro_rules! row_columns {
    ($start:expr, $end:expr) => {
        (
            workers::id,
            workers::name_search,
            workers::full_name,
            workers::nik,
            workers::noka,
            workers::employee_number,
            workers::membership_status,
            workers::membership_since,
            workers::termination_date,
            workers::updated_at,
            workers::hire_date,
            $start,
            $end,
        )
    };
}

/// `$query` boxed, with the list's filters.
macro_rules! filtered {
    ($query:expr, $f:expr) => {{
        let f: &Filter = $f;
        let mut q = $query.into_boxed::<DbBackend>();
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
    }};
}

/// Workers placed with the company now: their current company is kept on the worker (with the
/// placements), so no join is needed, and none is offered to the planner (with statistics, SQLite
/// would otherwise read every current placement of every company).
macro_rules! current_all {
    ($company:expr) => {
        workers::table.filter(workers::client_company_id.eq($company))
    };
}

macro_rules! current {
    ($company:expr, $f:expr) => {
        filtered!(current_all!($company), $f)
    };
}

/// Workers whose last placement with the company ended on or after `left_after` and who are not
/// placed there now.
macro_rules! leavers_all {
    ($company:expr, $left_after:expr) => {
        workers::table
            .inner_join(placements::table.on(placements::worker_id.eq(workers::id)))
            .filter(placements::client_company_id.eq($company))
            .filter(placements::end_date.ge($left_after))
            .filter(workers::client_company_id.is_null().or(workers::client_company_id.ne($company)))
            .filter(not(exists(
                later
                    .filter(later.field(placements::worker_id).eq(placements::worker_id))
                    .filter(later.field(placements::client_company_id).eq(placements::client_company_id))
                    .filter(later.field(placements::start_date).gt(placements::start_date)),
            )))
    };
}

macro_rules! leavers {
    ($company:expr, $left_after:expr, $f:expr) => {
        filtered!(leavers_all!($company, $left_after), $f)
    };
}

/// A page of the company's placed workers by name, and how many there are. The total and the
/// leavers' ids in name order are remembered per database version (see [`memo`]), so a page is
/// the current workers' first rows from their index plus the leavers' by id.
pub fn list(
    conn: &mut DbConn,
    company_id: &str,
    left_after: NaiveDate,
    f: &Filter,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<Row>, i64)> {
    let version = memo::version(conn)?;
    let key = format!("portal {company_id} {left_after} {f:?}");
    let remembered = |k: &str| version.as_ref().and_then(|v| memo::get(v, &format!("{key} {k}")));
    let remember = |k: &str, value: Memo| {
        if let Some(v) = &version {
            memo::put(v, &format!("{key} {k}"), value);
        }
    };
    let leaver_ids: Arc<Vec<String>> = match remembered("leavers") {
        Some(Memo::Matches(ids)) => ids,
        _ => {
            let ids: Vec<String> = leavers!(company_id, left_after, f)
                .order((workers::name_search.asc(), workers::id.asc()))
                .select(workers::id)
                .load(conn)?;
            let ids = Arc::new(ids);
            remember("leavers", Memo::Matches(ids.clone()));
            ids
        }
    };
    let total = match remembered("total") {
        Some(Memo::Total(total)) => total,
        _ => {
            let current: i64 = current!(company_id, f).count().get_result(conn)?;
            let total = current + leaver_ids.len() as i64;
            remember("total", Memo::Total(total));
            total
        }
    };
    // The page's rows are among the first offset + limit of each part.
    let upto = offset + limit;
    let current_placement =
        || placements::table.filter(placements::worker_id.eq(workers::id)).filter(placements::end_date.is_null());
    let mut rows: Vec<Row> = current!(company_id, f)
        .order((workers::name_search.asc(), workers::id.asc()))
        .limit(upto)
        .select(row_columns!(
            current_placement().select(placements::start_date).single_value(),
            current_placement().select(placements::end_date).single_value()
        ))
        .load(conn)?;
    let first_leavers: Vec<&String> = leaver_ids.iter().take(usize::try_from(upto).unwrap_or(0)).collect();
    if !first_leavers.is_empty() {
        rows.extend(
            leavers_all!(company_id, left_after)
                .filter(workers::id.eq_any(first_leavers))
                .select(row_columns!(placements::start_date.nullable(), placements::end_date))
                .load::<Row>(conn)?,
        );
        rows.sort_by(|a, b| (&a.name_search, &a.id).cmp(&(&b.name_search, &b.id)));
    }
    let page = rows.into_iter().skip(usize::try_from(offset).unwrap_or(0)).take(usize::try_from(limit).unwrap_or(0));
    Ok((page.collect(), total))
}

/// How many listed workers are in each `(membership status, terminated)`, remembered per database
/// version.
pub fn statuses(conn: &mut DbConn, company_id: &str, left_after: NaiveDate) -> QueryResult<Arc<Counts>> {
    let version = memo::version(conn)?;
    let key = format!("portal {company_id} {left_after} statuses");
    if let Some(Memo::Counts(counts)) = version.as_ref().and_then(|v| memo::get(v, &key)) {
        return Ok(counts);
    }
    let mut counts: std::collections::HashMap<(String, bool), i64> = std::collections::HashMap::new();
    let now: Vec<(String, Option<NaiveDate>, i64)> = current_all!(company_id)
        .group_by((workers::membership_status, workers::termination_date))
        .select((workers::membership_status, workers::termination_date, count_star()))
        .load(conn)?;
    let gone: Vec<(String, Option<NaiveDate>, i64)> = leavers_all!(company_id, left_after)
        .group_by((workers::membership_status, workers::termination_date))
        .select((workers::membership_status, workers::termination_date, count_star()))
        .load(conn)?;
    for (status, ended, n) in now.into_iter().chain(gone) {
        *counts.entry((status, ended.is_some())).or_default() += n;
    }
    let counts = Arc::new(counts.into_iter().collect::<Vec<_>>());
    if let Some(v) = &version {
        memo::put(v, &key, Memo::Counts(counts.clone()));
    }
    Ok(counts)
}
