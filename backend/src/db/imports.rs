//! The record of each roster import (see the `imports` migration): written before the import's
//! own transaction starts and after it ends, never inside it.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::imports;
use super::DbConn;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = imports)]
pub struct ImportRecord {
    pub id: String,
    pub kind: String,
    pub file_name: String,
    pub dry_run: bool,
    pub mode: String,
    pub state: String,
    pub rows_total: i64,
    pub report_json: Option<String>,
    pub error: String,
    pub started_by: Option<String>,
    pub started_by_label: String,
    pub started_at: NaiveDateTime,
    pub finished_at: Option<NaiveDateTime>,
}

pub fn insert(conn: &mut DbConn, record: &ImportRecord) -> QueryResult<()> {
    diesel::insert_into(imports::table).values(record).execute(conn).map(drop)
}

pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<ImportRecord>> {
    imports::table.find(id).select(ImportRecord::as_select()).first(conn).optional()
}

/// Records how a running import ended.
pub fn finish(
    conn: &mut DbConn,
    id: &str,
    state: &str,
    report_json: Option<&str>,
    error: &str,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(imports::table.find(id).filter(imports::state.eq("running")))
        .set((
            imports::state.eq(state),
            imports::report_json.eq(report_json),
            imports::error.eq(error),
            imports::finished_at.eq(at),
        ))
        .execute(conn)
        .map(drop)
}

/// The PostgreSQL advisory lock an import's transaction holds, named by the import (the first 8
/// bytes of the SHA-256 of its id).
fn lock_key(id: &str) -> i64 {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(id.as_bytes());
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&digest[..8]);
    i64::from_be_bytes(bytes)
}

/// Taken by the import's own transaction, so that another server can tell it is still running.
pub fn hold_while_running(conn: &mut DbConn, id: &str) -> QueryResult<()> {
    if let DbConn::Postgres(pg) = conn {
        diesel::sql_query("SELECT pg_advisory_xact_lock($1)")
            .bind::<diesel::sql_types::BigInt, _>(lock_key(id))
            .execute(pg)?;
    }
    Ok(())
}

/// Whether an import recorded as `running`, which this process is not running, was cut short
/// (its server stopped; the database rolled its transaction back). On PostgreSQL another server
/// may be running it: then its lock is held. A SQLite file is served by one server.
pub fn abandoned(conn: &mut DbConn, id: &str) -> QueryResult<bool> {
    match conn {
        DbConn::Postgres(pg) => pg.transaction(|pg| {
            diesel::select(
                diesel::dsl::sql::<diesel::sql_types::Bool>("pg_try_advisory_xact_lock(")
                    .bind::<diesel::sql_types::BigInt, _>(lock_key(id))
                    .sql(")"),
            )
            .get_result(pg)
        }),
        DbConn::Sqlite(_) => Ok(true),
    }
}
