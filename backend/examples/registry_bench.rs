//! The database side of `cargo xtask bench registry`.
//!
//! - `registry_bench copy <sqlite-file> <postgres-url>`: copies the registry filled by `tertib demo`
//!   on SQLite (client companies, workers, their name words, KK history, placements, family members;
//!   not the audit log) into a migrated, empty PostgreSQL database in batches, then `VACUUM
//!   ANALYZE`s it as autovacuum would: the same data on both, in seconds instead of the demo's
//!   minutes of one round trip per statement.
//! - `registry_bench plans <database-url> <name>...`: prints `key=value` lines (the numbers of
//!   workers and family members; a client company, an NIK and a card number that exist), a line
//!   `---`, then the plans (`EXPLAIN` on PostgreSQL, `EXPLAIN QUERY PLAN` on SQLite) of the
//!   statements `GET /api/v1/workers` issues for page 1, for that company, and with `q=` that NIK,
//!   that card number and each name: the backend's own query code, with the same SQL and binds.

use anyhow::{bail, Context};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use tertib::db::client_companies::ClientCompany;
use tertib::db::family::FamilyMember;
use tertib::db::placements::Placement;
use tertib::db::schema::{client_companies, family_members, placements, worker_kk_history, worker_name_words, workers};
use tertib::db::workers::{explain_list, Filter, KkHistory, Search, Worker};
use tertib::db::{Db, DbConn};
use tertib_domain::registry::{SortOrder, WorkerSort};

const USAGE: &str = "usage: registry_bench copy <sqlite-file> <postgres-url> | plans <database-url> <name>...";

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["copy", from, to] => copy(from, to),
        ["plans", url, names @ ..] => plans(url, names),
        _ => bail!(USAGE),
    }
}

/// PostgreSQL takes at most 65,535 bind parameters per statement.
fn rows_per_insert(columns: usize) -> usize {
    60_000 / columns
}

fn copy(from: &str, to: &str) -> anyhow::Result<()> {
    let source = Db::connect(from, 1)?;
    let target = Db::connect(to, 1)?;
    let mut source = source.conn()?;
    let mut target = target.conn()?;
    let (DbConn::Sqlite(src), DbConn::Postgres(pg)) = (&mut *source, &mut *target) else {
        bail!("copy: from an SQLite file to a PostgreSQL database");
    };
    let started = std::time::Instant::now();
    pg.transaction(|pg| -> anyhow::Result<()> {
        let rows: Vec<ClientCompany> = client_companies::table.select(ClientCompany::as_select()).load(src)?;
        for chunk in rows.chunks(rows_per_insert(11)) {
            diesel::insert_into(client_companies::table).values(chunk).execute(pg)?;
        }
        let rows: Vec<Worker> = workers::table.select(Worker::as_select()).load(src)?;
        for chunk in rows.chunks(rows_per_insert(31)) {
            diesel::insert_into(workers::table).values(chunk).execute(pg)?;
        }
        let rows: Vec<(String, String)> =
            worker_name_words::table.select((worker_name_words::word, worker_name_words::worker_id)).load(src)?;
        for chunk in rows.chunks(rows_per_insert(2)) {
            let values: Vec<_> = chunk
                .iter()
                .map(|(w, id)| (worker_name_words::word.eq(w), worker_name_words::worker_id.eq(id)))
                .collect();
            diesel::insert_into(worker_name_words::table).values(values).execute(pg)?;
        }
        let rows: Vec<KkHistory> = worker_kk_history::table.select(KkHistory::as_select()).load(src)?;
        for chunk in rows.chunks(rows_per_insert(6)) {
            diesel::insert_into(worker_kk_history::table).values(chunk).execute(pg)?;
        }
        let rows: Vec<Placement> = placements::table.select(Placement::as_select()).load(src)?;
        for chunk in rows.chunks(rows_per_insert(7)) {
            diesel::insert_into(placements::table).values(chunk).execute(pg)?;
        }
        let rows: Vec<FamilyMember> = family_members::table.select(FamilyMember::as_select()).load(src)?;
        for chunk in rows.chunks(rows_per_insert(21)) {
            diesel::insert_into(family_members::table).values(chunk).execute(pg)?;
        }
        Ok(())
    })?;
    pg.batch_execute("VACUUM ANALYZE").context("VACUUM ANALYZE")?;
    eprintln!("copied to PostgreSQL in {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

fn plans(url: &str, names: &[&str]) -> anyhow::Result<()> {
    let db = Db::connect(url, 1)?;
    let mut conn = db.conn()?;
    let worker_count: i64 = workers::table.count().get_result(&mut *conn)?;
    let member_count: i64 = family_members::table.count().get_result(&mut *conn)?;
    // A worker from the middle of the registry, with a card and a current client company.
    let (nik, noka, company): (String, Option<String>, Option<String>) = workers::table
        .filter(workers::noka.is_not_null())
        .filter(workers::client_company_id.is_not_null())
        .order(workers::id.asc())
        .offset(worker_count / 2)
        .select((workers::nik, workers::noka, workers::client_company_id))
        .first(&mut *conn)
        .context("no worker with a card and a company: fill the registry first (tertib demo)")?;
    let noka = noka.unwrap_or_default();
    println!("workers={worker_count}");
    println!("family_members={member_count}");
    println!("company={}", company.as_deref().unwrap_or_default());
    println!("nik={nik}");
    println!("noka={noka}");
    println!("---");
    let company = company.unwrap_or_default();
    let mut cases = vec![
        ("page 1".to_string(), Filter::default()),
        (format!("client_company_id={company}"), Filter { client_company_id: Some(company), ..Filter::default() }),
        (format!("q={nik} (NIK)"), Filter { search: Search::parse(&nik), ..Filter::default() }),
        (format!("q={noka} (card number, noka)"), Filter { search: Search::parse(&noka), ..Filter::default() }),
    ];
    for name in names {
        cases.push((format!("q={name} (name)"), Filter { search: Search::parse(name), ..Filter::default() }));
    }
    for (label, filter) in cases {
        println!("{label}:");
        for (statement, lines) in explain_list(&mut conn, &filter, WorkerSort::Name, SortOrder::Asc, 0, 25)? {
            println!("  {statement}:");
            for line in lines {
                // PostgreSQL prints a bound list of ids in full.
                match line.char_indices().nth(150) {
                    Some((cut, _)) => println!("    {}...", &line[..cut]),
                    None => println!("    {line}"),
                }
            }
        }
    }
    Ok(())
}
