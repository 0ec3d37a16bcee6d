//! Totals, sorted matches, counts, records and whole answers already read (the worker list's, the
//! portal's, the signed-in account), each kept with the version of the database it was read at
//! and used only while the database is at that version: a committed change anywhere in it, by
//! this server or any other, is a new version. So what is answered is exact, as if read again.
//!
//! - PostgreSQL: the database (name, port, server start) and its snapshot
//!   (`pg_current_snapshot()`): a transaction that writes takes an id, which changes the snapshot
//!   while it runs and after it ends.
//! - SQLite: the file, and `PRAGMA data_version` as read by a connection of its own that only
//!   ever reads it ([`sqlite_version`]): it changes whenever any other connection (the pool's,
//!   another process's) has committed since it last asked.
//!
//! On both, every connection shares the entries, requests that arrive together share one reading
//! of the version ([`SharedReads`]), and a missing answer is made once while the others asking
//! for it wait ([`Making`]).
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

/// Which database and its state.
#[derive(Debug, Clone, PartialEq, Eq, QueryableByName)]
pub struct Version {
    #[diesel(sql_type = Text)]
    database: String,
    #[diesel(sql_type = Text)]
    state: String,
}

/// Enough for the lists in use, in some MB; when full it starts again (what it held is cheap
/// to read again). An entry weighs its ids, or its answer's bytes by 64 (an id is about 64
/// bytes): the matches of one letter among 100,000 workers are about 28,000 ids.
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
/// A number read by a statement.
#[derive(QueryableByName)]
struct Number {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct File {
    #[diesel(sql_type = Text)]
    file: String,
}

type Watcher = Arc<Mutex<diesel::SqliteConnection>>;

/// For each SQLite file this process reads, a connection that only ever reads its
/// `data_version`, kept for the life of the process.
static WATCHERS: LazyLock<Mutex<HashMap<String, Watcher>>> = LazyLock::new(Mutex::default);

fn watcher(file: &str) -> QueryResult<Watcher> {
    let mut watchers = WATCHERS.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(w) = watchers.get(file) {
        return Ok(w.clone());
    }
    let mut conn =
        diesel::SqliteConnection::establish(file).map_err(|e| diesel::result::Error::QueryBuilderError(Box::new(e)))?;
    conn.batch_execute("PRAGMA busy_timeout = 10000")?;
    let w = Arc::new(Mutex::new(conn));
    watchers.insert(file.to_string(), w.clone());
    Ok(w)
}

/// SQLite's version: `PRAGMA data_version` differs between two readings on one connection when
/// any other connection committed in between, so read on a connection that never writes it
/// covers every writer, and one version holds for every connection of the pool. An in-memory
/// database is its connection's own: nothing is remembered for it.
fn sqlite_version(sqlite: &mut diesel::SqliteConnection) -> QueryResult<Option<Version>> {
    let file =
        diesel::sql_query("SELECT file FROM pragma_database_list WHERE name = 'main'").get_result::<File>(sqlite)?.file;
    if file.is_empty() {
        return Ok(None);
    }
    let watcher = watcher(&file)?;
    let mut watcher = watcher.lock().unwrap_or_else(PoisonError::into_inner);
    let state =
        diesel::sql_query("SELECT data_version AS n FROM pragma_data_version").get_result::<Number>(&mut *watcher)?.n;
    Ok(Some(Version { database: file, state: state.to_string() }))
}

/// The database's present version, or `None` inside a transaction.
pub fn version(conn: &mut DbConn) -> QueryResult<Option<Version>> {
    type Manager = <DbConn as Connection>::TransactionManager;
    if Manager::transaction_manager_status_mut(conn).transaction_depth()?.is_some() {
        return Ok(None);
    }
    match conn {
        DbConn::Postgres(pg) => Ok(Some(diesel::sql_query(POSTGRES_VERSION).get_result(pg)?)),
        DbConn::Sqlite(sqlite) => sqlite_version(sqlite),
    }
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

/// The version read once for every request waiting at the time: a request needs a
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
    last: Option<(u64, Option<Option<Version>>)>,
}

impl SharedReads {
    fn lock(&self) -> std::sync::MutexGuard<'_, Reads> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The present version, shared (see [`SharedReads`]); `None` where nothing is remembered.
async fn shared_version(db: &Db) -> Result<Option<Version>, ApiError> {
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
                    return version.clone().ok_or(ApiError::DatabaseUnavailable);
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
    let version = db.run(|conn| Ok(version(conn)?)).await.ok();
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
/// what `read` would read, no connection is taken: the version is shared ([`SharedReads`]), so a
/// request answered from memory takes no connection of its own.
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
    // Nothing is remembered for this database.
    db.run(move |conn| Ok((read(conn, None)?, None))).await
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

type MakingId = (String, String, String);

/// The answers being made, by database, key and version. Without it, a change to
/// the database sent every request waiting for a page to make it at once: 32 requests each
/// making a letter's search (45 ms alone) on two cores held up everything behind them.
static MAKING: LazyLock<Mutex<HashMap<MakingId, Arc<tokio::sync::Notify>>>> = LazyLock::new(Mutex::default);

fn lock_making() -> std::sync::MutexGuard<'static, HashMap<MakingId, Arc<tokio::sync::Notify>>> {
    MAKING.lock().unwrap_or_else(PoisonError::into_inner)
}

fn making_id(v: &Version, key: &str) -> MakingId {
    (v.database.clone(), key.to_string(), v.state.clone())
}

/// An answer this request makes; when it ends, however it ends (the request may be given up), the
/// others waiting for it are woken.
struct Making {
    id: MakingId,
    done: Arc<tokio::sync::Notify>,
}

impl Making {
    /// This request makes it, or `Err` with the end of the one already making it.
    fn start(v: &Version, key: &str) -> Result<Making, Arc<tokio::sync::Notify>> {
        let id = making_id(v, key);
        let mut making = lock_making();
        if let Some(done) = making.get(&id) {
            return Err(done.clone());
        }
        let done = Arc::new(tokio::sync::Notify::new());
        making.insert(id.clone(), done.clone());
        Ok(Making { id, done })
    }
}

impl Drop for Making {
    fn drop(&mut self) {
        lock_making().remove(&self.id);
        self.done.notify_waiters();
    }
}

/// The answer of a read: the one remembered under `key` at version `at` (the version the
/// request's caller was checked at: no statement is needed, nor a trip to the blocking pool),
/// else made by `make` and remembered at the version it was made at.
pub async fn answer<T, F>(db: &Db, at: Option<&Version>, key: String, make: F) -> Result<Arc<Answer>, ApiError>
where
    T: serde::Serialize,
    F: FnOnce(&mut DbConn) -> Result<T, ApiError> + Send + 'static,
{
    let remembered = |v: &Version| match get(v, &key) {
        Some(Memo::Answer(answer)) => Some(answer),
        _ => None,
    };
    if let Some(answer) = at.and_then(remembered) {
        return Ok(answer);
    }
    // One request makes a missing answer; the others asking for it at the same version wait.
    let mut _making = None;
    if let Some(v) = at {
        match Making::start(v, &key) {
            Ok(making) => _making = Some(making),
            Err(done) => {
                let id = making_id(v, &key);
                let notified = done.notified();
                tokio::pin!(notified);
                notified.as_mut().enable();
                // Still being made (its end, which comes after this, wakes this request)?
                let under_way = lock_making().get(&id).is_some_and(|d| Arc::ptr_eq(d, &done));
                if under_way {
                    notified.await;
                }
                if let Some(answer) = remembered(v) {
                    return Ok(answer);
                }
                // It failed, or was remembered at a newer version: made here after all.
            }
        }
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
