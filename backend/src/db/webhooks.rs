//! The `webhooks` table: at most one per client company. Its deliveries are in the outbox
//! (`db::outbox`, channel `webhook`).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::webhooks;
use super::DbConn;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = webhooks)]
pub struct Webhook {
    pub id: String,
    pub client_company_id: String,
    pub url: String,
    /// The signing key, as it is: HMAC needs the key itself (see the migration).
    pub secret: String,
    pub enabled: bool,
    pub secret_rotated_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub updated_by: String,
}

pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<Webhook>> {
    webhooks::table.find(id).select(Webhook::as_select()).first(conn).optional()
}

pub fn of_company(conn: &mut DbConn, company_id: &str) -> QueryResult<Option<Webhook>> {
    webhooks::table
        .filter(webhooks::client_company_id.eq(company_id))
        .select(Webhook::as_select())
        .first(conn)
        .optional()
}

/// The enabled webhooks of any of these companies.
pub fn enabled_of(conn: &mut DbConn, company_ids: &[String]) -> QueryResult<Vec<Webhook>> {
    if company_ids.is_empty() {
        return Ok(Vec::new());
    }
    webhooks::table
        .filter(webhooks::client_company_id.eq_any(company_ids))
        .filter(webhooks::enabled.eq(true))
        .select(Webhook::as_select())
        .load(conn)
}

pub fn insert(conn: &mut DbConn, webhook: &Webhook) -> QueryResult<()> {
    diesel::insert_into(webhooks::table).values(webhook).execute(conn).map(drop)
}

pub fn update(conn: &mut DbConn, webhook: &Webhook) -> QueryResult<()> {
    diesel::update(webhooks::table.find(&webhook.id)).set(webhook).execute(conn).map(drop)
}

pub fn delete(conn: &mut DbConn, id: &str) -> QueryResult<()> {
    diesel::delete(webhooks::table.find(id)).execute(conn).map(drop)
}
