//! `cargo xtask bench registry [--workers N]`: the worker registry's benchmark. Fills an SQLite file
//! with `tertib demo --workers 100000` (workers with their families; kept for later runs in
//! `target/bench-registry/`), then copies the same data into a fresh PostgreSQL database (dropped
//! afterwards). On each, starts the release server, signs in and
//! loads the list and its searches with wrk (32 connections, 2 threads, 10 s each, from
//! 127.0.0.1). Prints requests/s, p50 and p99 per endpoint and database (goal: p99 under 20 ms)
//! with the machine's load average as each run started (other work on a 2-core machine shows in
//! p99), and the database's plans of the list, NIK, card number and name searches as the backend
//! issues them (`backend/examples/registry_bench.rs`).

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context};

use super::{ensure_wrk, login, start_tertib, wrk, Load, CONNECTIONS, DURATION, WARM_UP};
use crate::{cargo, setup, sh};

const DEFAULT_WORKERS: usize = 100_000;
/// A name with few matches (the demo's first names include Budi: about 1.5% of workers) and a
/// first letter typed into the search box, with many (about a quarter).
const NAME_FEW: &str = "budi";
const NAME_MANY: &str = "s";
const P99_GOAL_MS: f64 = 20.0;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Database {
    Sqlite,
    Postgres,
}

impl Database {
    fn name(self) -> &'static str {
        match self {
            Database::Sqlite => "SQLite",
            Database::Postgres => "PostgreSQL",
        }
    }
}

/// A PostgreSQL database for one run, dropped when done (also after a failure).
pub(super) struct PgDatabase {
    name: String,
}

fn psql(sql: &str) -> anyhow::Result<()> {
    let out = Command::new("psql").args(["-h", "127.0.0.1", "-U", "postgres", "-qc", sql]).output()?;
    if !out.status.success() {
        bail!("psql `{sql}`: {}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(())
}

impl PgDatabase {
    pub(super) fn create(purpose: &str) -> anyhow::Result<PgDatabase> {
        let name = format!("tertib_bench_{purpose}_{}", std::process::id());
        psql(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))?;
        psql(&format!("CREATE DATABASE \"{name}\""))?;
        Ok(PgDatabase { name })
    }

    pub(super) fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:5432/{}", self.name)
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let _ = psql(&format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name));
    }
}

/// What `registry_bench` found in the filled database.
struct Sample {
    workers: String,
    family_members: String,
    company: String,
    nik: String,
    noka: String,
    plans: String,
}

fn sample(root: &Path, url: &str) -> anyhow::Result<Sample> {
    let out = Command::new(root.join("target/release/examples/registry_bench"))
        .args(["plans", url, NAME_FEW, NAME_MANY])
        .output()
        .context("running registry_bench plans")?;
    if !out.status.success() {
        bail!("registry_bench failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let (head, plans) = text.split_once("---\n").ok_or_else(|| anyhow!("registry_bench: {text}"))?;
    let value = |key: &str| -> anyhow::Result<String> {
        head.lines()
            .find_map(|l| l.strip_prefix(key).and_then(|r| r.strip_prefix('=')))
            .map(str::to_string)
            .ok_or_else(|| anyhow!("registry_bench printed no {key}: {head}"))
    };
    Ok(Sample {
        workers: value("workers")?,
        family_members: value("family_members")?,
        company: value("company")?,
        nik: value("nik")?,
        noka: value("noka")?,
        plans: plans.to_string(),
    })
}

struct Row {
    database: Database,
    endpoint: &'static str,
    load: Load,
    /// The machine's 1-minute load average as wrk started: other work on the machine shows in p99.
    machine_load: String,
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}

struct Measured {
    database: Database,
    fill_secs: f64,
    sample: Sample,
}

/// Fills `file` with `tertib demo --workers N`, which takes minutes for 100,000 workers (each goes
/// through the registry's checks and the procedures one by one). The filled file is kept in
/// `target/bench-registry/` under a name that changes with `demo.rs` and the migrations, and
/// copied from there by later runs; delete the directory to fill it again.
pub(super) fn fill_sqlite(root: &Path, dir: &Path, workers: usize, file: &Path) -> anyhow::Result<()> {
    let mut hasher = DefaultHasher::new();
    workers.hash(&mut hasher);
    std::fs::read(root.join("backend/src/demo.rs"))?.hash(&mut hasher);
    let mut migrations: Vec<PathBuf> = std::fs::read_dir(root.join("migrations/sqlite"))?
        .filter_map(|e| e.ok().map(|e| e.path().join("up.sql")))
        .collect();
    migrations.sort();
    for m in migrations {
        std::fs::read(m).unwrap_or_default().hash(&mut hasher);
    }
    let kept = root.join("target/bench-registry").join(format!("registry-{workers}-{:016x}.sqlite3", hasher.finish()));
    if kept.exists() {
        eprintln!("\nSQLite: the registry tertib demo filled before, {}", kept.display());
    } else {
        eprintln!("\nSQLite: tertib demo --workers {workers} (kept in {} for later runs)", kept.display());
        let filling = dir.join("filling.sqlite3");
        let status = Command::new(root.join("target/release/tertib"))
            .args(["demo", "--workers", &workers.to_string()])
            .current_dir(dir)
            .env("TERTIB_DATABASE_URL", &filling)
            .env("TERTIB_DATA_DIR", dir)
            .status()
            .context("running tertib demo")?;
        if !status.success() {
            bail!("tertib demo failed");
        }
        if let Some(parent) = kept.parent() {
            std::fs::create_dir_all(parent)?;
        }
        // The demo has ended, so its write-ahead log is checkpointed into the file.
        std::fs::rename(&filling, &kept).or_else(|_| std::fs::copy(&filling, &kept).map(drop))?;
    }
    std::fs::copy(&kept, file)?;
    Ok(())
}

pub fn run(root: &Path, args: &[String]) -> anyhow::Result<()> {
    let workers = match args {
        [] => DEFAULT_WORKERS,
        [flag, n] if flag == "--workers" => n.parse().context("--workers: a number")?,
        _ => bail!("usage: cargo xtask bench registry [--workers N]"),
    };
    ensure_wrk()?;
    setup::check_postgres()?;
    sh(root, &cargo(), &["build", "--release", "-p", "tertib-backend", "--bin", "tertib", "--examples"])?;
    let dir = std::env::temp_dir().join(format!("tertib-bench-registry-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;

    let mut rows = Vec::new();
    let mut measured = Vec::new();
    let sqlite_file = dir.join("registry.sqlite3").display().to_string();
    for database in [Database::Sqlite, Database::Postgres] {
        let started = Instant::now();
        let pg = match database {
            Database::Sqlite => {
                fill_sqlite(root, &dir, workers, Path::new(&sqlite_file))?;
                None
            }
            Database::Postgres => {
                // The same data, copied in batches: the demo's one round trip per statement takes
                // many minutes for 100,000 workers on PostgreSQL.
                eprintln!("\nPostgreSQL: copying the SQLite registry");
                let pg = PgDatabase::create("registry")?;
                let status = Command::new(root.join("target/release/examples/registry_bench"))
                    .args(["copy", &sqlite_file, &pg.url()])
                    .status()
                    .context("running registry_bench copy")?;
                if !status.success() {
                    bail!("registry_bench copy failed");
                }
                Some(pg)
            }
        };
        let fill_secs = started.elapsed().as_secs_f64();
        let url = pg.as_ref().map(PgDatabase::url).unwrap_or_else(|| sqlite_file.clone());
        let sample = sample(root, &url)?;

        let (server, base) = start_tertib(root, &dir, Some(&url))?;
        let token = login(&base)?;
        let list = format!("{base}/api/v1/workers");
        let endpoints: [(&'static str, String); 6] = [
            ("list, page 1", list.clone()),
            ("list, one client company", format!("{list}?client_company_id={}", sample.company)),
            ("search, name (few)", format!("{list}?q={NAME_FEW}")),
            ("search, name (many)", format!("{list}?q={NAME_MANY}")),
            ("search, NIK (exact)", format!("{list}?q={}", sample.nik)),
            ("search, noka (exact)", format!("{list}?q={}", sample.noka)),
        ];
        for (endpoint, url) in endpoints {
            eprintln!("{}: {endpoint}: wrk -t2 -c{CONNECTIONS} -d{DURATION} {url}", database.name());
            std::thread::sleep(Duration::from_millis(300));
            let machine_load = load_average();
            rows.push(Row { database, endpoint, load: wrk(&url, &token)?, machine_load });
        }
        drop(server);
        drop(pg);
        measured.push(Measured { database, fill_secs, sample });
    }
    let _ = std::fs::remove_dir_all(&dir);

    println!();
    for m in &measured {
        println!(
            "{}: {} workers, {} family members ({} in {:.0} s)",
            m.database.name(),
            m.sample.workers,
            m.sample.family_members,
            match m.database {
                Database::Sqlite => "filled by tertib demo, or copied from its last filling,",
                Database::Postgres => "copied from SQLite",
            },
            m.fill_secs
        );
    }
    println!("GET /api/v1/workers, {CONNECTIONS} connections, {DURATION} each after a {WARM_UP} warm-up (first ms: the first reading alone), wrk -t2 on 127.0.0.1, release build\n");
    println!(
        "| database   | endpoint                  | first ms |    req/s | p50 ms | p99 ms | non-2xx | p99 < {P99_GOAL_MS} ms | load avg |"
    );
    println!(
        "|------------|---------------------------|---------:|---------:|-------:|-------:|--------:|:-----------:|---------:|"
    );
    for r in &rows {
        println!(
            "| {:<10} | {:<25} | {:>8.1} | {:>8.0} | {:>6.2} | {:>6.2} | {:>7} | {:^11} | {:>8} |",
            r.database.name(),
            r.endpoint,
            r.load.first_ms,
            r.load.requests_per_sec,
            r.load.p50_ms,
            r.load.p99_ms,
            r.load.non_2xx,
            if r.load.p99_ms < P99_GOAL_MS { "yes" } else { "NO" },
            r.machine_load
        );
    }
    for m in &measured {
        println!("\nQuery plans on {} (`GET /api/v1/workers`, sorted by name, page 1):", m.database.name());
        print!("{}", m.sample.plans);
    }
    let failed: u64 = rows.iter().map(|r| r.load.non_2xx).sum();
    if failed > 0 {
        bail!("{failed} non-2xx responses under load");
    }
    Ok(())
}
