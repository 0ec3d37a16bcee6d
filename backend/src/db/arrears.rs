//! The `arrears` table.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::arrears;
use super::DbConn;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Insertable)]
#[diesel(table_name = arrears, treat_none_as_null = true)]
pub struct Arrears {
    pub id: String,
    pub worker_id: String,
    pub family_member_id: Option<String>,
    pub source: String,
    pub months: i32,
    pub amount: i64,
    pub status: String,
    pub evidence: String,
    pub note: String,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub settled_at: Option<NaiveDateTime>,
}

pub fn insert(conn: &mut DbConn, row: &Arrears) -> QueryResult<()> {
    diesel::insert_into(arrears::table).values(row).execute(conn).map(drop)
}

pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<Arrears>> {
    arrears::table.find(id).select(Arrears::as_select()).first(conn).optional()
}

pub fn for_worker(conn: &mut DbConn, worker_id: &str) -> QueryResult<Vec<Arrears>> {
    arrears::table
        .filter(arrears::worker_id.eq(worker_id))
        .order(arrears::id.asc())
        .select(Arrears::as_select())
        .load(conn)
}

/// Writes a settled (or reopened) row if its version is still `read_version`.
pub fn update(conn: &mut DbConn, row: &Arrears, read_version: i64) -> QueryResult<bool> {
    let n = diesel::update(arrears::table.find(&row.id).filter(arrears::version.eq(read_version)))
        .set((
            arrears::status.eq(&row.status),
            arrears::evidence.eq(&row.evidence),
            arrears::note.eq(&row.note),
            arrears::version.eq(row.version),
            arrears::updated_at.eq(row.updated_at),
            arrears::settled_at.eq(row.settled_at),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// Every open arrears record, oldest first.
pub fn open(conn: &mut DbConn) -> QueryResult<Vec<Arrears>> {
    arrears::table.filter(arrears::status.eq("open")).order(arrears::id.asc()).select(Arrears::as_select()).load(conn)
}
