//! The `users` table.

use std::sync::Arc;

use chrono::{NaiveDateTime, TimeZone, Utc};
use diesel::prelude::*;
use tertib_domain::auth::UserView;
use tertib_domain::{Lang, Role};

use super::memo::{self, Version};
use super::schema::users;
use super::DbConn;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Insertable, AsChangeset)]
#[diesel(table_name = users)]
pub struct User {
    pub id: String,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub role: String,
    pub client_company_id: Option<String>,
    pub language: String,
    pub disabled: bool,
    pub session_epoch: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub last_login_at: Option<NaiveDateTime>,
}

impl User {
    /// The role as stored; the table's CHECK constraint admits only known roles.
    pub fn role(&self) -> Role {
        Role::parse(&self.role).unwrap_or(Role::Client)
    }

    pub fn language(&self) -> Lang {
        Lang::from_code(&self.language).unwrap_or_default()
    }

    pub fn view(&self) -> UserView {
        UserView {
            id: self.id.clone(),
            email: self.email.clone(),
            name: self.name.clone(),
            role: self.role(),
            client_company_id: self.client_company_id.clone(),
            language: self.language(),
            disabled: self.disabled,
            created_at: Utc.from_utc_datetime(&self.created_at),
            last_login_at: self.last_login_at.map(|t| Utc.from_utc_datetime(&t)),
        }
    }
}

pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<User>> {
    users::table.find(id).select(User::as_select()).first(conn).optional()
}

/// [`find`], remembered while the database stays at `version`: every signed-in request reads its
/// account, and a change to it (or to anything) is a new version.
pub fn find_at(conn: &mut DbConn, version: Option<&Version>, id: &str) -> QueryResult<Option<Arc<User>>> {
    memo::row(version, &memo_key(id), || find(conn, id))
}

/// The account as [`find_at`] remembered it at `version`.
pub fn remembered(version: &Version, id: &str) -> Option<Arc<User>> {
    memo::remembered_row(version, &memo_key(id))
}

fn memo_key(id: &str) -> String {
    format!("user {id}")
}

pub fn find_by_email(conn: &mut DbConn, email: &str) -> QueryResult<Option<User>> {
    users::table.filter(users::email.eq(email)).select(User::as_select()).first(conn).optional()
}

pub fn list(conn: &mut DbConn) -> QueryResult<Vec<User>> {
    users::table.order((users::disabled.asc(), users::email.asc())).select(User::as_select()).load(conn)
}

pub fn count(conn: &mut DbConn) -> QueryResult<i64> {
    users::table.count().get_result(conn)
}

pub fn insert(conn: &mut DbConn, user: &User) -> QueryResult<()> {
    diesel::insert_into(users::table).values(user).execute(conn).map(drop)
}

pub fn update(conn: &mut DbConn, user: &User) -> QueryResult<()> {
    diesel::update(users::table.find(&user.id)).set(user).execute(conn).map(drop)
}

pub fn touch_login(conn: &mut DbConn, id: &str, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(users::table.find(id)).set(users::last_login_at.eq(at)).execute(conn).map(drop)
}
