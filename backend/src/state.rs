//! What every handler can reach: the database, the settings and the token keys.

use std::sync::Arc;

use crate::auth::jwt::JwtKeys;
use crate::config::Config;
use crate::db::Db;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub jwt: JwtKeys,
    /// Requests a minute per portal caller.
    pub portal_limits: Arc<crate::auth::portal::RateLimiter>,
    /// Roster imports running in this process, for their progress.
    pub imports: crate::imports::Running,
}
