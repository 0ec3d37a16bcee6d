//! `cargo xtask bench foundation`: loads an authenticated read (`GET /api/v1/me`) of the release
//! server on SQLite with 32 connections for 10 s (wrk, from 127.0.0.1), next to a bare actix-web +
//! JWT + SQLite server (`backend/examples/bare_server.rs`) measured the same way in the same run,
//! and prints requests/s, p50, p99 and the server's resident memory.
//!
//! `cargo xtask bench registry`: the worker list and its searches over 100,000 workers with their
//! families, on SQLite and on PostgreSQL (see `bench/registry.rs`).
//!
//! `cargo xtask bench portal`: the client-company portal for a company with 5,000 placed workers of
//! 100,000 (see `bench/portal.rs`).
//!
//! `cargo xtask bench import`: a 100,000-row roster's dry run and commit on SQLite and PostgreSQL
//! beside plain inserts of the same rows (see `bench/import.rs`).

mod import;
mod portal;
mod registry;

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context};

use crate::{cargo, setup, sh};

const CONNECTIONS: &str = "32";
const DURATION: &str = "10s";
const WARM_UP: &str = "2s";

pub fn run(root: &Path, args: &[String]) -> anyhow::Result<()> {
    match args.first().map(String::as_str) {
        Some("foundation") => foundation(root),
        Some("registry") => registry::run(root, &args[1..]),
        Some("portal") => portal::run(root, &args[1..]),
        Some("import") => import::run(root, &args[1..]),
        _ => bail!("usage: cargo xtask bench foundation|registry|portal|import"),
    }
}

struct Load {
    requests_per_sec: f64,
    p50_ms: f64,
    p99_ms: f64,
    non_2xx: u64,
    /// The first reading of the URL, alone, before the load.
    first_ms: f64,
}

struct Server {
    child: Child,
}

impl Server {
    fn rss_kb(&self, field: &str) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap_or_default();
        status
            .lines()
            .find(|l| l.starts_with(field))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> anyhow::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

fn wait_until_up(url: &str) -> anyhow::Result<()> {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        // Any HTTP answer will do: the server is listening.
        let ok = Command::new("curl").args(["-s", "-o", "/dev/null", url]).status().is_ok_and(|s| s.success());
        if ok {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    bail!("{url} did not come up")
}

fn to_ms(v: &str) -> Option<f64> {
    let (num, unit) = v.split_at(v.find(|c: char| c.is_ascii_alphabetic())?);
    let n: f64 = num.parse().ok()?;
    Some(match unit {
        "us" => n / 1000.0,
        "ms" => n,
        "s" => n * 1000.0,
        "m" => n * 60_000.0,
        _ => return None,
    })
}

/// Loads `url` for [`DURATION`] after a warm-up: the first reading alone (timed: nothing is
/// remembered yet), then [`WARM_UP`] of load that is not counted. What is counted is the steady
/// state; the first reading is answered beside it.
fn wrk(url: &str, token: &str) -> anyhow::Result<Load> {
    let auth = format!("Authorization: Bearer {token}");
    let first =
        Command::new("curl").args(["-s", "-o", "/dev/null", "-w", "%{time_total}", "-H", &auth, url]).output()?;
    let first_ms = String::from_utf8_lossy(&first.stdout).trim().parse::<f64>().unwrap_or(f64::NAN) * 1000.0;
    Command::new("wrk")
        .args(["-t2", "-c", CONNECTIONS, "-d", WARM_UP, "-H", &auth, url])
        .output()
        .context("running wrk")?;
    let out = Command::new("wrk")
        .args(["-t2", "-c", CONNECTIONS, "-d", DURATION, "--latency", "-H", &auth, url])
        .output()
        .context("running wrk")?;
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let field = |prefix: &str| -> Option<String> {
        text.lines()
            .map(str::trim)
            .find(|l| l.starts_with(prefix))
            .and_then(|l| l.split_whitespace().nth(1))
            .map(str::to_string)
    };
    let non_2xx = text
        .lines()
        .find(|l| l.trim().starts_with("Non-2xx"))
        .and_then(|l| l.split_whitespace().last())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    Ok(Load {
        requests_per_sec: field("Requests/sec:")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| anyhow!("wrk output: {text}"))?,
        p50_ms: field("50%").and_then(|v| to_ms(&v)).ok_or_else(|| anyhow!("no p50 in {text}"))?,
        p99_ms: field("99%").and_then(|v| to_ms(&v)).ok_or_else(|| anyhow!("no p99 in {text}"))?,
        non_2xx,
        first_ms,
    })
}

const BENCH_EMAIL: &str = "bench@tertib.local";
const BENCH_PASSWORD: &str = "bench-password-1";

/// The release server, as the first director `BENCH_EMAIL` on a fresh database; `database_url`
/// `None` is the default SQLite file in `dir`.
fn start_tertib(root: &Path, dir: &Path, database_url: Option<&str>) -> anyhow::Result<(Server, String)> {
    start_tertib_with(root, dir, database_url, &[])
}

/// As [`start_tertib`], with more environment for the server.
fn start_tertib_with(
    root: &Path,
    dir: &Path,
    database_url: Option<&str>,
    env: &[(&str, &str)],
) -> anyhow::Result<(Server, String)> {
    let port = free_port()?;
    let mut cmd = Command::new(root.join("target/release/tertib"));
    cmd.current_dir(dir)
        .env("TERTIB_BIND", format!("127.0.0.1:{port}"))
        .env("TERTIB_DATA_DIR", dir)
        .env("TERTIB_ADMIN_EMAIL", BENCH_EMAIL)
        .env("TERTIB_ADMIN_PASSWORD", BENCH_PASSWORD)
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(dir.join("tertib.log"))?);
    if let Some(url) = database_url {
        cmd.env("TERTIB_DATABASE_URL", url);
    }
    cmd.envs(env.iter().copied());
    let server = Server { child: cmd.spawn()? };
    let base = format!("http://127.0.0.1:{port}");
    wait_until_up(&format!("{base}/api/v1/health"))?;
    // The daily check runs at start-up; on a database not checked today it writes for a while,
    // and each write is a new version of the database, so everything remembered is read again.
    // An office meets it at night: the load starts once it is done.
    wait_for_daily_check(&dir.join("tertib.log"))?;
    Ok((server, base))
}

fn wait_for_daily_check(log: &Path) -> anyhow::Result<()> {
    let deadline = Instant::now() + Duration::from_secs(300);
    while Instant::now() < deadline {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        if text.contains("daily check done") || text.contains("daily check failed") {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    bail!("the start-up daily check did not finish in 5 minutes (see {})", log.display())
}

/// Signs in as the bench director; returns the access token.
fn login(base: &str) -> anyhow::Result<String> {
    let login = Command::new("curl")
        .args([
            "-fs",
            "-H",
            "content-type: application/json",
            "-d",
            &format!(r#"{{"email":"{BENCH_EMAIL}","password":"{BENCH_PASSWORD}"}}"#),
        ])
        .arg(format!("{base}/api/v1/auth/login"))
        .output()?;
    let body = String::from_utf8_lossy(&login.stdout);
    let token = body
        .split("\"access_token\":\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .ok_or_else(|| anyhow!("login failed: {body}"))?;
    Ok(token.to_string())
}

fn ensure_wrk() -> anyhow::Result<()> {
    if Command::new("wrk").arg("--version").output().is_err() {
        setup::apt_install(&["wrk"])?;
    }
    Ok(())
}

fn report(name: &str, load: &Load, idle_kb: u64, peak_kb: u64) {
    println!(
        "{name:<28} {:>10.0} req/s   p50 {:>6.2} ms   p99 {:>6.2} ms   RSS idle {:>5.1} MB, peak {:>5.1} MB   non-2xx {}",
        load.requests_per_sec,
        load.p50_ms,
        load.p99_ms,
        idle_kb as f64 / 1024.0,
        peak_kb as f64 / 1024.0,
        load.non_2xx
    );
}

fn foundation(root: &Path) -> anyhow::Result<()> {
    ensure_wrk()?;
    sh(root, &cargo(), &["build", "--release", "-p", "tertib-backend", "--bin", "tertib", "--examples"])?;
    let dir = std::env::temp_dir().join(format!("tertib-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;

    // Tertib, on SQLite, with its default settings (log level info, one worker per core).
    let (tertib, base) = start_tertib(root, &dir, None)?;
    let token = login(&base)?;
    std::thread::sleep(Duration::from_millis(500));
    let tertib_idle = tertib.rss_kb("VmRSS:");
    let tertib_load = wrk(&format!("{base}/api/v1/me"), &token)?;
    let tertib_peak = tertib.rss_kb("VmHWM:");
    drop(tertib);

    // The bare yardstick, same load, same machine, same run.
    let port = free_port()?;
    let mut child = Command::new(root.join("target/release/examples/bare_server"))
        .arg(dir.join("bare.sqlite3"))
        .arg(port.to_string())
        .stdout(Stdio::piped())
        .spawn()?;
    let mut token = String::new();
    BufReader::new(child.stdout.take().ok_or_else(|| anyhow!("no stdout"))?).read_line(&mut token)?;
    let bare = Server { child };
    let url = format!("http://127.0.0.1:{port}/me");
    wait_until_up(&url)?;
    std::thread::sleep(Duration::from_millis(500));
    let bare_idle = bare.rss_kb("VmRSS:");
    let bare_load = wrk(&url, token.trim())?;
    let bare_peak = bare.rss_kb("VmHWM:");
    drop(bare);
    let _ = std::fs::remove_dir_all(&dir);

    println!("\nGET /api/v1/me, {CONNECTIONS} connections, {DURATION}, wrk -t2 on 127.0.0.1, SQLite, release build");
    report("tertib", &tertib_load, tertib_idle, tertib_peak);
    report("bare actix+jwt+sqlite", &bare_load, bare_idle, bare_peak);
    println!(
        "tertib / bare throughput: {:.0}%   (goals: p99 < 10 ms, idle RSS < 30 MB, >= 60% of bare)",
        100.0 * tertib_load.requests_per_sec / bare_load.requests_per_sec
    );
    if tertib_load.non_2xx > 0 {
        bail!("tertib answered {} non-2xx responses under load", tertib_load.non_2xx);
    }
    Ok(())
}
