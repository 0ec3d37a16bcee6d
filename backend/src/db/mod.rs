//! The database: one connection type that is either SQLite (the embedded default) or PostgreSQL
//! (production), a pool, embedded migrations for each, and the one way handlers reach it.
//!
//! Error policy: functions in `db::*` return `QueryResult`; handlers turn those into `ApiError`.
//! Diesel is blocking, so every call goes through [`Db::run`], which moves it off the async
//! executor onto actix's blocking thread pool.

pub mod api_clients;
pub mod arrears;
pub mod audit;
pub mod bulk;
pub mod cases;
pub mod client_companies;
pub mod documents;
pub mod edabu;
pub mod family;
pub mod imports;
pub mod membership;
pub mod memo;
pub mod outbox;
pub mod placements;
pub mod pool;
pub mod portal;
pub mod schema;
pub mod sessions;
pub mod settings;
pub mod throttle;
pub mod users;
pub mod warnings;
pub mod webhooks;
pub mod workers;

use std::path::Path;
use std::time::Duration;

use anyhow::Context;
use diesel::connection::SimpleConnection;
use diesel::r2d2::{CustomizeConnection, Pool};
use diesel::{Connection, MultiConnection, PgConnection, SqliteConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use crate::error::ApiError;
use pool::Pooled;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/postgres");

#[derive(MultiConnection)]
pub enum DbConn {
    Postgres(PgConnection),
    Sqlite(SqliteConnection),
}

pub type DbPool = Pool<pool::Manager>;

/// The backend type of [`DbConn`], for boxed queries.
pub type DbBackend = <DbConn as Connection>::Backend;

/// Which database a URL names: `postgres://` or `postgresql://` is PostgreSQL, anything else is
/// a SQLite file path (or `sqlite://path`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> Backend {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }
}

/// Per-connection settings for SQLite: write-ahead logging so readers never wait for the writer,
/// a busy timeout so concurrent writers queue instead of failing, and foreign keys (off by
/// default in SQLite).
#[derive(Debug)]
struct SqlitePragmas;

impl CustomizeConnection<Pooled, diesel::r2d2::Error> for SqlitePragmas {
    fn on_acquire(&self, conn: &mut Pooled) -> Result<(), diesel::r2d2::Error> {
        if let DbConn::Sqlite(c) = &mut **conn {
            c.batch_execute(
                "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
            )
            .map_err(diesel::r2d2::Error::QueryError)?;
        }
        Ok(())
    }
}

/// Many values as a table `j` of one column `value`, to join with: bound once, as a JSON array
/// (the first bind of the statement), so the statement's text is the same whatever their number
/// and a connection prepares it once. A roster's chunk asks about thousands of NIKs: diesel's
/// `eq_any` writes SQLite's `IN (?, ?, ...)`, parsed anew each time, and an `IN` list is first
/// copied into a temporary index; joining reads each value once.
pub fn values_table(conn: &DbConn) -> &'static str {
    match conn {
        DbConn::Sqlite(_) => "json_each(?) AS j",
        DbConn::Postgres(_) => "jsonb_array_elements_text(CAST($1 AS jsonb)) AS j(value)",
    }
}

/// The pool plus the knowledge of which backend it talks to.
#[derive(Clone)]
pub struct Db {
    pool: DbPool,
    backend: Backend,
    /// PostgreSQL's version, read once for the requests that wait for it together.
    pub(crate) versions: std::sync::Arc<memo::SharedReads>,
}

impl Db {
    /// Opens the pool (creating the SQLite file's directory when needed) and applies pending
    /// migrations.
    pub fn connect(url: &str, max_connections: u32) -> anyhow::Result<Db> {
        let backend = Backend::of_url(url);
        let url = match backend {
            Backend::Postgres => url.to_string(),
            Backend::Sqlite => {
                let path = url.strip_prefix("sqlite://").unwrap_or(url);
                if let Some(dir) = Path::new(path).parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
                }
                path.to_string()
            }
        };
        let pool = Pool::builder()
            .max_size(max_connections)
            .connection_timeout(Duration::from_secs(10))
            .connection_customizer(Box::new(SqlitePragmas))
            .build(pool::Manager::new(url))
            .context("opening the database")?;
        let db = Db { pool, backend, versions: Default::default() };
        db.migrate()?;
        Ok(db)
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Applies the migrations that have not run yet; returns their names.
    pub fn migrate(&self) -> anyhow::Result<Vec<String>> {
        let mut conn = self.conn()?;
        let applied = match &mut *conn {
            DbConn::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS),
            DbConn::Postgres(c) => c.run_pending_migrations(POSTGRES_MIGRATIONS),
        }
        .map_err(|e| anyhow::anyhow!("applying migrations: {e}"))?;
        Ok(applied.iter().map(|m| m.to_string()).collect())
    }

    /// A connection for blocking code (command line, jobs, start-up).
    pub fn conn(&self) -> anyhow::Result<pool::Conn> {
        self.pool.get().map(pool::Conn).context("connecting to the database")
    }

    /// Runs blocking database work on the blocking thread pool and maps failures to API errors.
    pub async fn run<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConn) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        actix_web::web::block(move || {
            let mut conn = pool.get().map_err(|e| {
                tracing::error!(error = %e, "no database connection");
                ApiError::DatabaseUnavailable
            })?;
            f(&mut conn)
        })
        .await
        .map_err(|e| ApiError::internal(anyhow::anyhow!("blocking task failed: {e}")))?
    }

    /// Like [`Db::run`], inside one transaction: everything `f` writes lands together or not at all.
    pub async fn transaction<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConn) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        self.run(move |conn| write_transaction(conn, f)).await
    }
}

/// A fresh random identifier. Version 7 UUIDs sort by creation time, which keeps primary-key
/// indexes compact and makes the audit log ordered by its key.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The current time as stored: UTC without offset, to the microsecond (what both databases keep,
/// so a value read back equals the value written).
pub fn now() -> chrono::NaiveDateTime {
    use chrono::SubsecRound;
    chrono::Utc::now().naive_utc().trunc_subsecs(6)
}

/// The JSON name of a unit enum variant (`"part_time"`): how enums are kept in text columns, so
/// the database holds the same words the API speaks.
pub fn code_of<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// Reads back what [`code_of`] stored; `None` for a word the enum does not know.
pub fn from_code<T: serde::de::DeserializeOwned>(code: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(code.to_string())).ok()
}

/// Runs `f` in a transaction that may write. On SQLite it starts with `BEGIN IMMEDIATE`, taking
/// the write lock up front: a deferred transaction that reads and then writes fails with
/// `SQLITE_BUSY_SNAPSHOT` (which no busy timeout retries) when another writer commits in between.
/// PostgreSQL's ordinary `BEGIN` has no such problem.
pub fn write_transaction<T, E, F>(conn: &mut DbConn, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConn) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    let DbConn::Sqlite(sqlite) = conn else { return conn.transaction(f) };
    AnsiTransactionManager::begin_transaction_sql(sqlite, "BEGIN IMMEDIATE")?;
    // From here on as diesel's own `transaction`: the multi-connection's manager delegates to the
    // SQLite connection's, which now knows it is inside a transaction.
    type Manager = <DbConn as Connection>::TransactionManager;
    match f(conn) {
        Ok(value) => match Manager::commit_transaction(conn) {
            Ok(()) => Ok(value),
            Err(e) => {
                let _ = Manager::rollback_transaction(conn);
                Err(e.into())
            }
        },
        Err(e) => {
            Manager::rollback_transaction(conn)?;
            Err(e)
        }
    }
}
