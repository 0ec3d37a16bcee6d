//! The `documents` table: files attached to cases, kept in the database (never under the web
//! root). Listing reads everything but the content.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::documents;
use super::DbConn;

/// A document without its content.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = documents)]
pub struct DocumentMeta {
    pub id: String,
    pub case_id: String,
    pub kind: String,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub uploaded_at: NaiveDateTime,
    pub uploaded_by: String,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = documents)]
pub struct NewDocument<'a> {
    pub id: &'a str,
    pub case_id: &'a str,
    pub kind: &'a str,
    pub file_name: &'a str,
    pub media_type: &'a str,
    pub size_bytes: i64,
    pub sha256: &'a str,
    pub content: &'a [u8],
    pub uploaded_at: NaiveDateTime,
    pub uploaded_by: &'a str,
}

pub fn insert(conn: &mut DbConn, doc: &NewDocument<'_>) -> QueryResult<()> {
    diesel::insert_into(documents::table).values(doc).execute(conn).map(drop)
}

pub fn for_case(conn: &mut DbConn, case_id: &str) -> QueryResult<Vec<DocumentMeta>> {
    documents::table
        .filter(documents::case_id.eq(case_id))
        .filter(documents::removed_at.is_null())
        .order(documents::id.asc())
        .select(DocumentMeta::as_select())
        .load(conn)
}

pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<DocumentMeta>> {
    documents::table
        .find(id)
        .filter(documents::removed_at.is_null())
        .select(DocumentMeta::as_select())
        .first(conn)
        .optional()
}

pub fn content(conn: &mut DbConn, id: &str) -> QueryResult<Vec<u8>> {
    documents::table.find(id).select(documents::content).first(conn)
}
