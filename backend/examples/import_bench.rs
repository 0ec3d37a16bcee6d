//! The database side of `cargo xtask bench import`.
//!
//! - `import_bench ceiling <from-url> <to-url>`: reads the workers and family members an import
//!   wrote into `<from-url>` and inserts the same rows into the empty, migrated `<to-url>` (its
//!   client companies first, untimed) one prepared `INSERT` per row, all in one transaction
//!   (diesel caches the prepared statement; SQLite with the import's page cache), and prints
//!   `rows=N seconds=S`: the ceiling the import's commit is measured against. Only the inserts are
//!   timed.
//! - `import_bench edabu <rows>`: writes an e-Dabu registration batch of that many of the demo's
//!   people with the default layout, as `POST /api/v1/edabu/batches` does, and prints
//!   `rows=N seconds=S bytes=B`.

use std::time::Instant;

use anyhow::bail;
use diesel::prelude::*;
use tertib::db::client_companies::ClientCompany;
use tertib::db::family::FamilyMember;
use tertib::db::schema::{client_companies, family_members, workers};
use tertib::db::workers::Worker;
use tertib::db::{Db, DbConn};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["ceiling", from, to] => ceiling(from, to),
        ["edabu", rows] => edabu(rows.parse()?),
        _ => bail!("usage: import_bench ceiling <from-url> <to-url> | edabu <rows>"),
    }
}

fn ceiling(from: &str, to: &str) -> anyhow::Result<()> {
    let source = Db::connect(from, 1)?;
    let mut conn = source.conn()?;
    let all_workers: Vec<Worker> = workers::table.select(Worker::as_select()).load(&mut *conn)?;
    let members: Vec<FamilyMember> = family_members::table.select(FamilyMember::as_select()).load(&mut *conn)?;
    let companies: Vec<ClientCompany> = client_companies::table.select(ClientCompany::as_select()).load(&mut *conn)?;
    drop(conn);
    let target = Db::connect(to, 1)?;
    let mut conn = target.conn()?;
    // The companies the workers are placed with, before the clock starts.
    for c in &companies {
        diesel::insert_into(client_companies::table).values(c).execute(&mut *conn)?;
    }
    let started = Instant::now();
    let conn: &mut DbConn = &mut conn;
    // The page cache the import gives itself (see `imports::set_sqlite_cache_kib`), so both write
    // under the same conditions.
    if let DbConn::Sqlite(sqlite) = conn {
        let pragma = format!("PRAGMA cache_size = -{}", tertib::imports::SQLITE_CACHE_KIB);
        diesel::connection::SimpleConnection::batch_execute(sqlite, &pragma)?;
    }
    conn.transaction::<_, diesel::result::Error, _>(|conn| {
        for w in &all_workers {
            diesel::insert_into(workers::table).values(w).execute(conn)?;
        }
        for m in &members {
            diesel::insert_into(family_members::table).values(m).execute(conn)?;
        }
        Ok(())
    })
    .map_err(|e| anyhow::anyhow!("inserting: {e}"))?;
    let seconds = started.elapsed().as_secs_f64();
    println!("rows={} seconds={seconds:.3}", all_workers.len() + members.len());
    Ok(())
}

fn edabu(rows: usize) -> anyhow::Result<()> {
    use tertib_domain::edabu::{EdabuSettings, Person};
    use tertib_domain::person::parse_date;
    let options = tertib::demo::DemoOptions { workers: rows, seed: 2026, as_of: tertib::registry::today() };
    let plan = tertib::demo::plan(&options)?;
    let people: Vec<Person> = plan
        .workers
        .iter()
        .map(|p| {
            let w = &p.input.worker;
            Person {
                noka: w.noka.clone(),
                kk_number: w.kk_number.clone(),
                nik: w.nik.clone(),
                full_name: w.full_name.clone(),
                birth_place: w.birth_place.clone(),
                birth_date: parse_date(&w.birth_date),
                gender: w.gender,
                marital_status: w.marital_status,
                address: w.address.clone(),
                faskes_code: w.faskes_code.clone(),
                phone: w.phone.clone(),
                email: w.email.clone(),
                hire_date: parse_date(&w.hire_date),
                wage: w.wage_base,
                ..Person::default()
            }
        })
        .collect();
    let settings = EdabuSettings::default();
    let started = Instant::now();
    let file = tertib::edabu::file::write_batch_xlsx(&settings.registration, &settings.codes, &people)?;
    println!("rows={} seconds={:.3} bytes={}", people.len(), started.elapsed().as_secs_f64(), file.len());
    Ok(())
}
