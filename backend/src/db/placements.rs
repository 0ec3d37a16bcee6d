//! The `placements` table: which client company a worker works at, when. At most one open
//! (current) placement per worker, enforced by a partial unique index.

use chrono::{NaiveDate, NaiveDateTime, TimeZone, Utc};
use diesel::prelude::*;
use tertib_domain::registry::PlacementView;

use super::client_companies::ClientCompany;
use super::schema::{client_companies, placements};
use super::DbConn;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Insertable)]
#[diesel(table_name = placements, treat_none_as_default_value = false)]
pub struct Placement {
    pub id: String,
    pub worker_id: String,
    pub client_company_id: String,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Placement {
    pub fn view(&self, company: &ClientCompany) -> PlacementView {
        PlacementView {
            id: self.id.clone(),
            worker_id: self.worker_id.clone(),
            client_company: company.reference(),
            start_date: self.start_date,
            end_date: self.end_date,
            current: self.end_date.is_none(),
            created_at: Utc.from_utc_datetime(&self.created_at),
        }
    }
}

pub fn current(conn: &mut DbConn, worker_id: &str) -> QueryResult<Option<Placement>> {
    placements::table
        .filter(placements::worker_id.eq(worker_id))
        .filter(placements::end_date.is_null())
        .select(Placement::as_select())
        .first(conn)
        .optional()
}

/// The worker's placements with their companies, newest first.
pub fn history(conn: &mut DbConn, worker_id: &str) -> QueryResult<Vec<(Placement, ClientCompany)>> {
    placements::table
        .inner_join(client_companies::table)
        .filter(placements::worker_id.eq(worker_id))
        .order((placements::start_date.desc(), placements::id.desc()))
        .select((Placement::as_select(), ClientCompany::as_select()))
        .load(conn)
}

pub fn insert(conn: &mut DbConn, placement: &Placement) -> QueryResult<()> {
    diesel::insert_into(placements::table).values(placement).execute(conn).map(drop)
}

pub fn end(conn: &mut DbConn, id: &str, end_date: NaiveDate, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(placements::table.find(id))
        .set((placements::end_date.eq(end_date), placements::updated_at.eq(at)))
        .execute(conn)
        .map(drop)
}
