//! The `client_companies` table (as far as the foundation needs it: client users belong to one).

use diesel::prelude::*;

use super::schema::client_companies;
use super::DbConn;

pub fn exists(conn: &mut DbConn, id: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(client_companies::table.find(id))).get_result(conn)
}
