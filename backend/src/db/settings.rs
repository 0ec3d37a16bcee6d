//! The `settings` table: one JSON value per key, changed by a director without a restart.

use diesel::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::schema::settings;
use super::{now, DbConn};

/// The stored value of `key`, or `None` when never set (or unreadable after a change of shape,
/// in which case the defaults apply again).
pub fn get<T: DeserializeOwned>(conn: &mut DbConn, key: &str) -> QueryResult<Option<T>> {
    let json: Option<String> = settings::table.find(key).select(settings::value_json).first(conn).optional()?;
    Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
}

pub fn put<T: Serialize>(conn: &mut DbConn, key: &str, value: &T, by: &str) -> QueryResult<()> {
    let json = serde_json::to_string(value).map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
    let at = now();
    let n = diesel::update(settings::table.find(key))
        .set((settings::value_json.eq(&json), settings::updated_at.eq(at), settings::updated_by.eq(by)))
        .execute(conn)?;
    if n == 0 {
        diesel::insert_into(settings::table)
            .values((
                settings::key.eq(key),
                settings::value_json.eq(&json),
                settings::updated_at.eq(at),
                settings::updated_by.eq(by),
            ))
            .execute(conn)?;
    }
    Ok(())
}
