//! The pool's connection manager: diesel's, except that a connection used a moment ago is handed
//! out without a `SELECT 1` first. Testing every connection on checkout costs PostgreSQL a round
//! trip per request, as much as a whole remembered answer costs (see [`super::memo`]). One idle
//! for longer than [`TRUSTED_FOR`] is still tested, so a connection that a restarted server
//! dropped while it sat idle is replaced before anyone uses it; one that breaks while in use
//! fails that request and is discarded when it comes back.

use std::ops::{Deref, DerefMut};
use std::time::{Duration, Instant};

use diesel::r2d2::{ConnectionManager, ManageConnection, PooledConnection};

use super::DbConn;

const TRUSTED_FOR: Duration = Duration::from_secs(2);

pub struct Manager {
    inner: ConnectionManager<DbConn>,
}

impl Manager {
    pub fn new(url: String) -> Manager {
        Manager { inner: ConnectionManager::new(url) }
    }
}

/// A pooled connection and when it last came back to the pool.
pub struct Pooled {
    conn: DbConn,
    returned: Instant,
}

impl Deref for Pooled {
    type Target = DbConn;

    fn deref(&self) -> &DbConn {
        &self.conn
    }
}

impl DerefMut for Pooled {
    fn deref_mut(&mut self) -> &mut DbConn {
        &mut self.conn
    }
}

impl ManageConnection for Manager {
    type Connection = Pooled;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<Pooled, Self::Error> {
        Ok(Pooled { conn: self.inner.connect()?, returned: Instant::now() })
    }

    fn is_valid(&self, pooled: &mut Pooled) -> Result<(), Self::Error> {
        if pooled.returned.elapsed() < TRUSTED_FOR {
            return Ok(());
        }
        self.inner.is_valid(&mut pooled.conn)
    }

    /// Asked by r2d2 of every connection given back.
    fn has_broken(&self, pooled: &mut Pooled) -> bool {
        pooled.returned = Instant::now();
        self.inner.has_broken(&mut pooled.conn)
    }
}

/// A connection for blocking code (command line, jobs, start-up), given back when dropped.
pub struct Conn(pub(super) PooledConnection<Manager>);

impl Deref for Conn {
    type Target = DbConn;

    fn deref(&self) -> &DbConn {
        &self.0
    }
}

impl DerefMut for Conn {
    fn deref_mut(&mut self) -> &mut DbConn {
        &mut self.0
    }
}
