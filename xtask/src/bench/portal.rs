//! `cargo xtask bench portal`: the client-company portal over a registry of 100,000 workers (made
//! by `tertib demo`) in which one client company has 5,000 placed, on SQLite: its workers' list
//! (page 1, and filtered by status) and its totals, loaded by that company's user with 32
//! connections for 10 s each (wrk from 127.0.0.1), and a page asked again with its ETag, which
//! must answer 304.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context};

use super::{ensure_wrk, start_tertib_with, wrk, Load, CONNECTIONS, DURATION, WARM_UP};
use crate::{cargo, sh};

const DEFAULT_WORKERS: usize = 100_000;
const PLACED: usize = 5_000;
const CLIENT_EMAIL: &str = "klien@bench.local";
const CLIENT_PASSWORD: &str = "klien-bench-password-1";
const P99_GOAL_MS: f64 = 20.0;

/// Runs SQL on the SQLite file with Python's `sqlite3` module (no sqlite3 command needed) and
/// answers what the last statement selects.
fn sqlite(file: &Path, sql: &str) -> anyhow::Result<String> {
    let script = "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\nrows = []\nfor s in sys.argv[2].split(';'):\n    if s.strip():\n        rows = c.execute(s).fetchall()\nc.commit()\nprint('\\n'.join('|'.join(str(v) for v in r) for r in rows))";
    let out = Command::new("python3").args(["-c", script]).arg(file).arg(sql).output().context("running python3")?;
    if !out.status.success() {
        bail!("sqlite: {}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn login(base: &str) -> anyhow::Result<String> {
    let out = Command::new("curl")
        .args(["-fs", "-H", "content-type: application/json", "-d"])
        .arg(format!(r#"{{"email":"{CLIENT_EMAIL}","password":"{CLIENT_PASSWORD}"}}"#))
        .arg(format!("{base}/api/v1/auth/login"))
        .output()?;
    let body = String::from_utf8_lossy(&out.stdout);
    body.split("\"access_token\":\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .map(str::to_string)
        .ok_or_else(|| anyhow!("client login failed: {body}"))
}

/// The status code and ETag of a GET, optionally sending `If-None-Match`.
fn head(url: &str, token: &str, etag: Option<&str>) -> anyhow::Result<(String, String)> {
    let mut cmd = Command::new("curl");
    cmd.args(["-s", "-o", "/dev/null", "-D", "-", "-H", &format!("Authorization: Bearer {token}")]);
    if let Some(tag) = etag {
        cmd.args(["-H", &format!("If-None-Match: {tag}")]);
    }
    let out = cmd.arg(url).output()?;
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let status = text.lines().next().and_then(|l| l.split_whitespace().nth(1)).unwrap_or("?").to_string();
    let tag = text
        .lines()
        .find_map(|l| l.to_ascii_lowercase().starts_with("etag:").then(|| l[5..].trim().to_string()))
        .unwrap_or_default();
    Ok((status, tag))
}

pub fn run(root: &Path, args: &[String]) -> anyhow::Result<()> {
    let workers = match args {
        [] => DEFAULT_WORKERS,
        [flag, n] if flag == "--workers" => n.parse().context("--workers: a number")?,
        _ => bail!("usage: cargo xtask bench portal [--workers N]"),
    };
    ensure_wrk()?;
    sh(root, &cargo(), &["build", "--release", "-p", "tertib-backend", "--bin", "tertib", "--examples"])?;
    let dir = std::env::temp_dir().join(format!("tertib-bench-portal-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    let file = dir.join("portal.sqlite3");
    let tertib = root.join("target/release/tertib");

    let started = Instant::now();
    // The registry `bench registry` fills (and keeps) serves here too.
    super::registry::fill_sqlite(root, &dir, workers, &file)?;
    let fill_secs = started.elapsed().as_secs_f64();
    // One client company keeps 5,000 current placements; its others go to the next company.
    let company = sqlite(&file, "SELECT id FROM client_companies ORDER BY code LIMIT 1")?;
    let other = sqlite(&file, "SELECT id FROM client_companies ORDER BY code LIMIT 1 OFFSET 1")?;
    sqlite(
        &file,
        &format!(
            "UPDATE placements SET client_company_id = '{other}' WHERE client_company_id = '{company}' AND end_date IS NULL \
             AND id NOT IN (SELECT id FROM placements WHERE client_company_id = '{company}' AND end_date IS NULL ORDER BY id LIMIT {PLACED}); \
             UPDATE workers SET client_company_id = (SELECT p.client_company_id FROM placements p WHERE p.worker_id = workers.id AND p.end_date IS NULL) \
             WHERE client_company_id IS NOT NULL; ANALYZE"
        ),
    )?;
    let placed = sqlite(
        &file,
        &format!("SELECT COUNT(*) FROM placements WHERE client_company_id = '{company}' AND end_date IS NULL"),
    )?;
    let total = sqlite(&file, "SELECT COUNT(*) FROM workers")?;
    let status = Command::new(&tertib)
        .args(["user", "create", "--role", "client", "--email", CLIENT_EMAIL, "--client-company-id", &company])
        .current_dir(&dir)
        .env("TERTIB_DATABASE_URL", &file)
        .env("TERTIB_DATA_DIR", &dir)
        .env("TERTIB_NEW_PASSWORD", CLIENT_PASSWORD)
        .status()?;
    if !status.success() {
        bail!("creating the client user failed");
    }

    // The per-user rate limit would answer 429 to a load test: lifted for the bench.
    let (server, base) = start_tertib_with(
        root,
        &dir,
        Some(&file.display().to_string()),
        &[("TERTIB_PORTAL_USER_RATE_PER_MINUTE", "1000000000")],
    )?;
    let token = login(&base)?;
    let list = format!("{base}/api/v1/portal/workers");
    let endpoints: [(&str, String); 3] = [
        ("workers, page 1", list.clone()),
        ("workers, status=active", format!("{list}?status=active")),
        ("summary", format!("{base}/api/v1/portal/summary")),
    ];
    let (first_status, etag) = head(&list, &token, None)?;
    let (again_status, _) = head(&list, &token, Some(&etag))?;
    let mut rows: Vec<(&str, Load)> = Vec::new();
    for (name, url) in endpoints {
        eprintln!("{name}: wrk -t2 -c{CONNECTIONS} -d{DURATION} {url}");
        std::thread::sleep(Duration::from_millis(300));
        rows.push((name, wrk(&url, &token)?));
    }
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);

    println!("\n{total} workers (tertib demo, or its kept filling: {fill_secs:.0} s), {placed} placed with the client company; SQLite, release build");
    println!("GET {list}: {first_status} with ETag {etag}; again with If-None-Match: {again_status}");
    println!("{CONNECTIONS} connections, {DURATION} each after a {WARM_UP} warm-up (first ms: the first reading alone), wrk -t2 on 127.0.0.1, as the company's user\n");
    println!("| endpoint               | first ms |    req/s | p50 ms | p99 ms | non-2xx | p99 < {P99_GOAL_MS} ms |");
    println!("|------------------------|---------:|---------:|-------:|-------:|--------:|:-----------:|");
    for (name, l) in &rows {
        println!(
            "| {:<22} | {:>8.1} | {:>8.0} | {:>6.2} | {:>6.2} | {:>7} | {:^11} |",
            name,
            l.first_ms,
            l.requests_per_sec,
            l.p50_ms,
            l.p99_ms,
            l.non_2xx,
            if l.p99_ms < P99_GOAL_MS { "yes" } else { "NO" }
        );
    }
    if again_status != "304" {
        bail!("an unchanged page answered {again_status}, not 304");
    }
    let failed: u64 = rows.iter().map(|(_, l)| l.non_2xx).sum();
    if failed > 0 {
        bail!("{failed} non-2xx responses under load");
    }
    Ok(())
}
