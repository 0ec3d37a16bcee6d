//! Failed sign-ins per email address (known or not, so the lock says nothing about which
//! accounts exist).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::login_throttle;
use super::DbConn;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = login_throttle, treat_none_as_null = true)]
pub struct Throttle {
    pub email: String,
    pub failures: i64,
    pub last_failure_at: NaiveDateTime,
    pub locked_until: Option<NaiveDateTime>,
}

pub fn get(conn: &mut DbConn, email: &str) -> QueryResult<Option<Throttle>> {
    login_throttle::table.find(email).select(Throttle::as_select()).first(conn).optional()
}

pub fn save(conn: &mut DbConn, t: &Throttle) -> QueryResult<()> {
    let updated = diesel::update(login_throttle::table.find(&t.email)).set(t).execute(conn)?;
    if updated == 0 {
        diesel::insert_into(login_throttle::table).values(t).execute(conn)?;
    }
    Ok(())
}

pub fn clear(conn: &mut DbConn, email: &str) -> QueryResult<()> {
    diesel::delete(login_throttle::table.find(email)).execute(conn).map(drop)
}
