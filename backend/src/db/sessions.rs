//! Refresh tokens. Each sign-in starts a family; every refresh marks the presented token used and
//! issues its successor in the same family. A used token presented again means it was copied:
//! the whole family is revoked (OAuth 2.0 Security BCP, refresh token rotation).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::refresh_tokens;
use super::DbConn;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = refresh_tokens)]
pub struct RefreshToken {
    pub id: String,
    pub user_id: String,
    pub family_id: String,
    pub token_hash: String,
    pub issued_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

pub fn insert(conn: &mut DbConn, token: &RefreshToken) -> QueryResult<()> {
    diesel::insert_into(refresh_tokens::table).values(token).execute(conn).map(drop)
}

pub fn find_by_hash(conn: &mut DbConn, hash: &str) -> QueryResult<Option<RefreshToken>> {
    refresh_tokens::table
        .filter(refresh_tokens::token_hash.eq(hash))
        .select(RefreshToken::as_select())
        .first(conn)
        .optional()
}

/// Marks the token used, unless another request used it first; returns whether this call won.
pub fn mark_used(conn: &mut DbConn, id: &str, at: NaiveDateTime) -> QueryResult<bool> {
    let n = diesel::update(refresh_tokens::table.find(id).filter(refresh_tokens::used_at.is_null()))
        .set(refresh_tokens::used_at.eq(at))
        .execute(conn)?;
    Ok(n == 1)
}

pub fn revoke_family(conn: &mut DbConn, family_id: &str, at: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        refresh_tokens::table
            .filter(refresh_tokens::family_id.eq(family_id))
            .filter(refresh_tokens::revoked_at.is_null()),
    )
    .set(refresh_tokens::revoked_at.eq(at))
    .execute(conn)
}

pub fn revoke_user(conn: &mut DbConn, user_id: &str, at: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        refresh_tokens::table.filter(refresh_tokens::user_id.eq(user_id)).filter(refresh_tokens::revoked_at.is_null()),
    )
    .set(refresh_tokens::revoked_at.eq(at))
    .execute(conn)
}
