//! The `api_clients` table.

use std::sync::Arc;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::memo::{self, Version};
use super::schema::api_clients;
use super::DbConn;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = api_clients)]
pub struct ApiClient {
    pub id: String,
    pub client_company_id: String,
    pub name: String,
    pub secret_hash: String,
    pub rate_limit_per_minute: i32,
    pub created_at: NaiveDateTime,
    pub created_by: String,
    pub last_used_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

pub fn insert(conn: &mut DbConn, client: &ApiClient) -> QueryResult<()> {
    diesel::insert_into(api_clients::table).values(client).execute(conn).map(drop)
}

pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<ApiClient>> {
    api_clients::table.find(id).select(ApiClient::as_select()).first(conn).optional()
}

/// [`find`], remembered while the database stays at `version` (each of its requests reads it).
pub fn find_at(conn: &mut DbConn, version: Option<&Version>, id: &str) -> QueryResult<Option<Arc<ApiClient>>> {
    memo::row(version, &memo_key(id), || find(conn, id))
}

/// The client as [`find_at`] remembered it at `version`.
pub fn remembered(version: &Version, id: &str) -> Option<Arc<ApiClient>> {
    memo::remembered_row(version, &memo_key(id))
}

fn memo_key(id: &str) -> String {
    format!("api_client {id}")
}

pub fn for_company(conn: &mut DbConn, company_id: &str) -> QueryResult<Vec<ApiClient>> {
    api_clients::table
        .filter(api_clients::client_company_id.eq(company_id))
        .order(api_clients::id.asc())
        .select(ApiClient::as_select())
        .load(conn)
}

pub fn revoke(conn: &mut DbConn, id: &str, at: NaiveDateTime) -> QueryResult<bool> {
    let n = diesel::update(api_clients::table.find(id).filter(api_clients::revoked_at.is_null()))
        .set(api_clients::revoked_at.eq(at))
        .execute(conn)?;
    Ok(n == 1)
}

pub fn touch(conn: &mut DbConn, id: &str, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(api_clients::table.find(id)).set(api_clients::last_used_at.eq(at)).execute(conn).map(drop)
}
