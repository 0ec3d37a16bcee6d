//! Totals, sorted matches, counts, records and whole answers already read (the worker list's, the
//! portal's, the signed-in account), each kept with the version of the database it was read at
//! and used only while the database is at that version: a committed change anywhere in it, by
//! this server or any other, is a new version. So what is answered is exact, as if read again.
//!
//! - PostgreSQL: the database (name, port, server start) and its snapshot
//!   (`pg_current_snapshot()`): a transaction that writes takes an id, which changes the snapshot
//!   while it runs and after it ends. Every connection shares the entries, and requests that
//!   arrive together share one reading of the version ([`SharedReads`]).
//! - SQLite: the connection (an id in a temporary table of its own), with `PRAGMA data_version`
//!   (which changes when another connection commits) and `total_changes()` (this connection's
//!   own writes). Each connection has its entries.
//!
//! Inside a transaction nothing is remembered: its own uncommitted writes would be counted. The
//! version is read before what it versions, so a change committed in between only makes an entry
//! that no later reading matches.

use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

use diesel::connection::{Connection, SimpleConnection, TransactionManager};
use diesel::prelude::*;
use diesel::sql_types::Text;

use crate::db::{Db, DbConn};
use crate::error::ApiError;

/// Counts of `(membership status, terminated)`.
pub type Counts = Vec<((String, bool), i64)>;

#[derive(Debug, Clone)]
pub enum Memo {
    Total(i64),
    /// The ids of every match, in the order asked for.
    Matches(Arc<Vec<String>>),
    /// Counts by a key, e.g. the portal's totals by membership status.
    Counts(Arc<Counts>),
    /// One record as stored (e.g. the account every signed-in request reads).
    Row(Arc<dyn Any + Send + Sync>),
    /// A whole answer as sent (a list's page).
    Answer(Arc<Answer>),
}

/// A read's answer as sent: its JSON and a tag of it (for `ETag`).
#[derive(Debug)]
pub struct Answer {
    pub json: String,
    pub etag: String,
}

impl Answer {
    pub fn of<T: serde::Serialize>(body: &T) -> serde_json::Result<Answer> {
        use sha2::{Digest, Sha256};
        let json = serde_json::to_string(body)?;
        let digest = Sha256::digest(json.as_bytes());
        let tag: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
        Ok(Answer { json, etag: format!("\"{tag}\"") })
    }
}

/// Which database (or SQLite connection) and its state.
#[derive(Debug, Clone, PartialEq, Eq, QueryableByName)]
pub struct Version {
    #[diesel(sql_type = Text)]
    database: String,
    #[diesel(sql_type = Text)]
    state: String,
}

/// Enough for the lists in use, in some MB; when full it starts again (what it held is cheap
/// to read again). An entry weighs its ids, or its answer's bytes by 64 (an id is about 64
/// bytes). On SQLite every pooled connection keeps its own entries: the matches of one letter
/// among 100,000 workers (about 28,000 ids) on 8 connections must fit, or each would push out
/// the others' and be read again all the time.
const MAX_ENTRIES: usize = 1024;
const MAX_WEIGHT: usize = 400_000;

#[derive(Default)]
struct Entries {
    by_key: HashMap<(String, String), (String, Memo)>,
    weight: usize,
}

static MEMO: LazyLock<Mutex<Entries>> = LazyLock::new(Mutex::default);

fn weight(memo: &Memo) -> usize {
    match memo {
        Memo::Total(_) | Memo::Row(_) => 1,
        Memo::Matches(ids) => ids.len(),
        Memo::Counts(counts) => counts.len(),
        Memo::Answer(answer) => answer.json.len() / 64,
    }
}

const POSTGRES_VERSION: &str = "SELECT current_database() || ':' || COALESCE(inet_server_port(), 0) || ':' || \
     pg_postmaster_start_time() AS database, pg_current_snapshot()::text AS state";
const SQLITE_VERSION: &str = "SELECT id AS database, \
     (SELECT data_version FROM pragma_data_version) || ':' || total_changes() AS state \
     FROM temp.tertib_connection";
const SQLITE_CONNECTION_ID: &str = "CREATE TEMP TABLE IF NOT EXISTS tertib_connection (id TEXT NOT NULL); \
     INSERT INTO temp.tertib_connection (id) SELECT lower(hex(randomblob(16))) \
     WHERE NOT EXISTS (SELECT 1 FROM temp.tertib_connection);";

/// The database's present version, or `None` inside a transaction.
pub fn version(conn: &mut DbConn) -> QueryResult<Option<Version>> {
    type Manager = <DbConn as Connection>::TransactionManager;
    if Manager::transaction_manager_status_mut(conn).transaction_depth()?.is_some() {
        return Ok(None);
    }
    let version = match conn {
        DbConn::Postgres(pg) => diesel::sql_query(POSTGRES_VERSION).get_result(pg)?,
        DbConn::Sqlite(sqlite) => match diesel::sql_query(SQLITE_VERSION).get_result(sqlite) {
            Ok(v) => v,
            // The connection's first time: give it its id.
            Err(_) => {
                sqlite.batch_execute(SQLITE_CONNECTION_ID)?;
                diesel::sql_query(SQLITE_VERSION).get_result(sqlite)?
            }
        },
    };
    Ok(Some(version))
}

pub fn get(version: &Version, key: &str) -> Option<Memo> {
    let memo = MEMO.lock().unwrap_or_else(PoisonError::into_inner);
    let (state, value) = memo.by_key.get(&(version.database.clone(), key.to_string()))?;
    (*state == version.state).then(|| value.clone())
}

pub fn put(version: &Version, key: &str, value: Memo) {
    let mut memo = MEMO.lock().unwrap_or_else(PoisonError::into_inner);
    let key = (version.database.clone(), key.to_string());
    if let Some((_, old)) = memo.by_key.remove(&key) {
        memo.weight = memo.weight.saturating_sub(weight(&old));
    }
    if memo.by_key.len() >= MAX_ENTRIES || memo.weight + weight(&value) > MAX_WEIGHT {
        memo.by_key.clear();
        memo.weight = 0;
    }
    memo.weight += weight(&value);
    memo.by_key.insert(key, (version.state.clone(), value));
}

/// The record remembered under `key` at `version`, if any.
pub fn remembered_row<T: Any + Send + Sync>(version: &Version, key: &str) -> Option<Arc<T>> {
    match get(version, key) {
        Some(Memo::Row(row)) => row.downcast::<T>().ok(),
        _ => None,
    }
}

/// PostgreSQL's version read once for every request waiting at the time: a request needs a
/// version read after it arrived (else a change committed just before could be missed), so it
/// takes the result of a reading started after it came, starting one when none is under way.
/// Under load one statement serves dozens of requests, which otherwise each took a connection
/// and a trip to the database before anything remembered could be answered.
#[derive(Default)]
pub struct SharedReads {
    state: Mutex<Reads>,
    done: tokio::sync::Notify,
}

#[derive(Default)]
struct Reads {
    /// Readings started so far; each is numbered by the count when it started.
    started: u64,
    under_way: bool,
    /// The newest reading done: its number and what it read (`None`: it failed).
    last: Option<(u64, Option<Version>)>,
}

impl SharedReads {
    fn lock(&self) -> std::sync::MutexGuard<'_, Reads> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// PostgreSQL's present version, shared (see [`SharedReads`]); `None` on SQLite, whose version
/// belongs to a connection.
async fn shared_version(db: &Db) -> Result<Option<Version>, ApiError> {
    if db.backend() != crate::db::Backend::Postgres {
        return Ok(None);
    }
    let reads = db.versions.clone();
    // Readings numbered up to this one started before this request came.
    let arrived = reads.lock().started;
    loop {
        let done = reads.done.notified();
        tokio::pin!(done);
        // Registered before the state is looked at, so a reading ending meanwhile still wakes it.
        done.as_mut().enable();
        {
            let mut state = reads.lock();
            if let Some((number, version)) = &state.last {
                if *number > arrived {
                    return version.clone().map(Some).ok_or(ApiError::DatabaseUnavailable);
                }
            }
            if !state.under_way {
                state.started += 1;
                state.under_way = true;
                let number = state.started;
                // On its own task: a request given up by its client must not leave the reading
                // unfinished and every later request waiting for it.
                actix_web::rt::spawn(read_shared(db.clone(), number));
            }
        }
        done.await;
    }
}

async fn read_shared(db: Db, number: u64) {
    let version = db.run(|conn| Ok(version(conn)?)).await.ok().flatten();
    let reads = db.versions.clone();
    {
        let mut state = reads.lock();
        state.under_way = false;
        state.last = Some((number, version));
    }
    reads.done.notify_waiters();
}

/// A request's first reads (its caller's account) at the database's present version, which is
/// answered with them for what the request reads later. When `remembered` finds at that version
/// what `read` would read, no connection is taken: on PostgreSQL the version is shared
/// ([`SharedReads`]), so a request answered from memory does not reach the database at all.
pub async fn at_present<T, F>(
    db: &Db,
    remembered: impl FnOnce(&Version) -> Option<T>,
    read: F,
) -> Result<(T, Option<Version>), ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConn, Option<&Version>) -> Result<T, ApiError> + Send + 'static,
{
    if let Some(version) = shared_version(db).await? {
        if let Some(found) = remembered(&version) {
            return Ok((found, Some(version)));
        }
        return db.run(move |conn| Ok((read(conn, Some(&version))?, Some(version)))).await;
    }
    db.run(move |conn| {
        let version = version(conn)?;
        Ok((read(conn, version.as_ref())?, version))
    })
    .await
}

/// The record `read` finds, remembered under `key` while the database stays at `version`.
pub fn row<T: Any + Send + Sync>(
    version: Option<&Version>,
    key: &str,
    read: impl FnOnce() -> QueryResult<Option<T>>,
) -> QueryResult<Option<Arc<T>>> {
    if let Some(row) = version.and_then(|v| remembered_row(v, key)) {
        return Ok(Some(row));
    }
    let row = read()?.map(Arc::new);
    if let (Some(v), Some(found)) = (version, &row) {
        put(v, key, Memo::Row(found.clone()));
    }
    Ok(row)
}

/// The answer of a read: the one remembered under `key` at version `at` (the version the
/// request's caller was checked at: no statement is needed, nor a trip to the blocking pool),
/// else made by `make` and remembered at the version it was made at.
pub async fn answer<T, F>(db: &Db, at: Option<&Version>, key: String, make: F) -> Result<Arc<Answer>, ApiError>
where
    T: serde::Serialize,
    F: FnOnce(&mut DbConn) -> Result<T, ApiError> + Send + 'static,
{
    if let Some(Memo::Answer(answer)) = at.and_then(|v| get(v, &key)) {
        return Ok(answer);
    }
    db.run(move |conn| {
        let version = version(conn)?;
        let answer = Arc::new(Answer::of(&make(conn)?).map_err(ApiError::internal)?);
        if let Some(v) = &version {
            put(v, &key, Memo::Answer(answer.clone()));
        }
        Ok(answer)
    })
    .await
}
