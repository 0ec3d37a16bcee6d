//! New records written many rows per statement. A new worker is a handful of rows in seven tables
//! (the worker, the words of the name, the KK history, the placement, the family, the opened case,
//! the audit entries); [`NewRows`] collects them in memory and writes them table by table, so one
//! worker from the form and 40,000 from a roster take the same path, and a roster costs a few
//! hundred statements instead of a few hundred thousand.

use diesel::prelude::*;

use super::audit::Entry;
use super::cases::Case;
use super::family::FamilyMember;
use super::placements::Placement;
use super::schema::{audit_log, cases, family_members, placements, worker_kk_history, worker_name_words, workers};
use super::workers::{KkHistory, Worker};
use super::DbConn;

/// Rows per multi-row insert: with the widest table (32 columns) 16,000 bound parameters, under
/// SQLite's 32,766 per statement (PostgreSQL allows 65,535).
pub const ROWS_PER_STATEMENT: usize = 500;

/// Inserts `rows` into `table`, [`ROWS_PER_STATEMENT`] per statement. Multi-row inserts go to each
/// backend's own connection: diesel's multi-backend connection does not build them.
macro_rules! insert_many {
    ($conn:expr, $table:expr, $rows:expr) => {
        for chunk in $rows.chunks(ROWS_PER_STATEMENT) {
            let insert = diesel::insert_into($table).values(chunk);
            match &mut *$conn {
                DbConn::Sqlite(c) => insert.execute(c)?,
                DbConn::Postgres(c) => insert.execute(c)?,
            };
        }
    };
}
pub(crate) use insert_many;

/// Records to create, in the order their foreign keys need.
#[derive(Debug, Default)]
pub struct NewRows {
    pub workers: Vec<Worker>,
    /// `(word, worker_id)`: the name search's index.
    pub name_words: Vec<(String, String)>,
    pub kk_history: Vec<KkHistory>,
    pub placements: Vec<Placement>,
    pub members: Vec<FamilyMember>,
    pub cases: Vec<Case>,
    pub audit: Vec<Entry>,
}

impl NewRows {
    pub fn is_empty(&self) -> bool {
        self.workers.is_empty() && self.members.is_empty() && self.cases.is_empty() && self.audit.is_empty()
    }

    /// Writes everything collected, in the caller's transaction, and empties the collection.
    pub fn write(&mut self, conn: &mut DbConn) -> QueryResult<()> {
        insert_many!(conn, workers::table, &self.workers);
        let words: Vec<_> = self
            .name_words
            .iter()
            .map(|(word, worker)| (worker_name_words::word.eq(word), worker_name_words::worker_id.eq(worker)))
            .collect();
        insert_many!(conn, worker_name_words::table, &words);
        insert_many!(conn, worker_kk_history::table, &self.kk_history);
        insert_many!(conn, placements::table, &self.placements);
        insert_many!(conn, family_members::table, &self.members);
        insert_many!(conn, cases::table, &self.cases);
        insert_many!(conn, audit_log::table, &self.audit);
        *self = NewRows::default();
        Ok(())
    }
}
