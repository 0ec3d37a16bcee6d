//! Both migration directories build the same tables and columns (the one `schema.rs` serves both).

use std::collections::BTreeSet;

use diesel::sql_types::Text;
use diesel::RunQueryDsl;
use tertib_tests::{DbKind, TestDb};

#[derive(diesel::QueryableByName, PartialEq, Eq, PartialOrd, Ord, Debug)]
struct Column {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
}

fn columns(kind: DbKind) -> BTreeSet<(String, String)> {
    let test_db = TestDb::create(kind);
    let db = tertib::db::Db::connect(&test_db.url, 1).unwrap();
    let mut conn = db.conn().unwrap();
    let sql = match kind {
        DbKind::Sqlite => {
            "SELECT m.name AS table_name, p.name AS column_name FROM sqlite_master m, pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '__diesel%'"
        }
        DbKind::Postgres => {
            "SELECT table_name::text AS table_name, column_name::text AS column_name FROM information_schema.columns \
             WHERE table_schema = 'public' AND table_name NOT LIKE '__diesel%'"
        }
    };
    let rows: Vec<Column> = diesel::sql_query(sql).load(&mut *conn).unwrap();
    rows.into_iter().map(|c| (c.table_name, c.column_name)).collect()
}

#[test]
fn sqlite_and_postgres_migrations_build_the_same_columns() {
    let sqlite = columns(DbKind::Sqlite);
    let postgres = columns(DbKind::Postgres);
    assert!(sqlite.len() > 20, "{sqlite:?}");
    let only_sqlite: Vec<_> = sqlite.difference(&postgres).collect();
    let only_postgres: Vec<_> = postgres.difference(&sqlite).collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "only in SQLite: {only_sqlite:?}; only in PostgreSQL: {only_postgres:?}"
    );
}
