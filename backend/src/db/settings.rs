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

/// Replaces the settings under `key` with `new`, recording `before` and `new` in the audit log,
/// after the domain's check (`problems`: the fields out of range, each answered as a finding).
pub fn replace<T: Serialize>(
    conn: &mut DbConn,
    actor: &super::audit::Actor,
    key: &'static str,
    before: &T,
    new: &T,
) -> Result<(), crate::error::ApiError> {
    put(conn, key, new, &actor.label)?;
    super::audit::record(
        conn,
        actor,
        super::audit::Change::new("settings.update", "settings", Some(key)).before(before).after(new),
    )?;
    Ok(())
}

/// The answer for settings with fields out of range.
pub fn refuse_out_of_range(problems: Vec<&'static str>) -> Result<(), crate::error::ApiError> {
    if problems.is_empty() {
        return Ok(());
    }
    Err(crate::error::ApiError::Validation(
        problems
            .into_iter()
            .map(|field| {
                tertib_domain::Finding::error(field, "out_of_range", "Nilai di luar batas.", "Value out of range.")
            })
            .collect(),
    ))
}
