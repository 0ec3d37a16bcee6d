//! `cargo xtask bench import`: a roster of 100,000 rows (workers with their families, made by
//! `tertib roster` from the demo's people) imported over HTTP into the release server, on SQLite
//! and on PostgreSQL: the dry run, the commit, and the same file again (every row `unchanged`),
//! each timed as one request from 127.0.0.1 to a freshly started server, with each server's peak
//! resident memory. In the same
//! run, for each database, the same worker and family rows inserted one prepared `INSERT` per row
//! in one transaction (`backend/examples/import_bench.rs`): the ceiling the commit is compared
//! with. Goals (issue 6): dry run >= 150,000 rows/s, commit >= 30% of the ceiling on SQLite, peak
//! RSS < 200 MB. Last, the e-Dabu upload form for 10,000 people is written and timed (goal: < 1 s).

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use anyhow::{anyhow, bail, Context};
use tertib_domain::import::ImportReport;

use super::registry::PgDatabase;
use super::{login, start_tertib};
use crate::{cargo, setup, sh};

const DEFAULT_ROWS: usize = 100_000;

/// Posts the roster; answers the report and the seconds the request took.
fn post(base: &str, token: &str, file: &Path, query: &str) -> anyhow::Result<(ImportReport, f64)> {
    let started = Instant::now();
    let out = Command::new("curl")
        .args(["-fsS", "-H", &format!("Authorization: Bearer {token}"), "-H", "Content-Type: text/csv"])
        .arg("--data-binary")
        .arg(format!("@{}", file.display()))
        .arg(format!("{base}/api/v1/imports/workers?{query}"))
        .output()
        .context("running curl")?;
    let seconds = started.elapsed().as_secs_f64();
    if !out.status.success() {
        bail!("import {query}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let report: ImportReport = serde_json::from_slice(&out.stdout).context("reading the import report")?;
    Ok((report, seconds))
}

struct Figures {
    database: &'static str,
    rows: usize,
    dry_run_s: f64,
    commit_s: f64,
    again_s: f64,
    ceiling_rows: usize,
    ceiling_s: f64,
    /// Of the dry run, the commit, the same file again.
    peaks_mb: [f64; 3],
}

fn measure(
    root: &Path,
    dir: &Path,
    database: &'static str,
    url: &str,
    ceiling_url: &str,
    roster: &Path,
) -> anyhow::Result<Figures> {
    let tertib = root.join("target/release/tertib");
    // The client companies the roster names (the demo's four), and the migrations.
    let status = Command::new(&tertib)
        .args(["demo", "--workers", "0"])
        .env("TERTIB_DATABASE_URL", url)
        .env("TERTIB_DATA_DIR", dir)
        .status()?;
    if !status.success() {
        bail!("tertib demo --workers 0 failed");
    }
    // Each import on a freshly started server, so each peak is that import's own.
    let phase = |query: &str| -> anyhow::Result<(ImportReport, f64, f64)> {
        let (server, base) = start_tertib(root, dir, Some(url))?;
        let token = login(&base)?;
        let (report, seconds) = post(&base, &token, roster, query)?;
        Ok((report, seconds, server.rss_kb("VmHWM:") as f64 / 1024.0))
    };
    let (dry, dry_run_s, dry_peak) = phase("dry_run=true")?;
    if !dry.errors.is_empty() || dry.rows_valid != dry.rows_total || dry.created != dry.rows_total {
        bail!("the dry run found {} errors, e.g. {:?}", dry.errors.len(), dry.errors.first());
    }
    let (commit, commit_s, commit_peak) = phase("")?;
    if commit.created != commit.rows_total {
        bail!("the commit created {} of {} rows", commit.created, commit.rows_total);
    }
    let (again, again_s, again_peak) = phase("")?;
    if again.unchanged != again.rows_total {
        bail!("importing the file again left {} of {} rows unchanged", again.unchanged, again.rows_total);
    }
    let out = Command::new(root.join("target/release/examples/import_bench"))
        .args(["ceiling", url, ceiling_url])
        .env("TERTIB_DATA_DIR", dir)
        .output()
        .context("running import_bench ceiling")?;
    if !out.status.success() {
        bail!("import_bench ceiling: {}", String::from_utf8_lossy(&out.stderr));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let value = |key: &str| -> anyhow::Result<f64> {
        text.split_whitespace()
            .find_map(|kv| kv.strip_prefix(key).and_then(|v| v.strip_prefix('=')))
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| anyhow!("import_bench printed no {key}: {text}"))
    };
    Ok(Figures {
        database,
        rows: commit.rows_total,
        dry_run_s,
        commit_s,
        again_s,
        ceiling_rows: value("rows")? as usize,
        ceiling_s: value("seconds")?,
        peaks_mb: [dry_peak, commit_peak, again_peak],
    })
}

pub fn run(root: &Path, args: &[String]) -> anyhow::Result<()> {
    let rows = match args {
        [] => DEFAULT_ROWS,
        [flag, n] if flag == "--rows" => n.parse().context("--rows: a number")?,
        _ => bail!("usage: cargo xtask bench import [--rows N]"),
    };
    setup::check_postgres()?;
    sh(root, &cargo(), &["build", "--release", "-p", "tertib-backend", "--bin", "tertib", "--examples"])?;
    let dir = std::env::temp_dir().join(format!("tertib-bench-import-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    let roster = dir.join("roster.csv");
    let out = Command::new(root.join("target/release/tertib"))
        .args(["roster", "--rows", &rows.to_string()])
        .output()
        .context("running tertib roster")?;
    if !out.status.success() {
        bail!("tertib roster: {}", String::from_utf8_lossy(&out.stderr));
    }
    std::fs::write(&roster, &out.stdout)?;
    println!("roster: {} rows, {:.1} MB", rows, out.stdout.len() as f64 / 1e6);

    let sqlite = dir.join("import.sqlite3").display().to_string();
    let sqlite_ceiling = dir.join("ceiling.sqlite3").display().to_string();
    let mut figures = vec![measure(root, &dir, "SQLite", &sqlite, &sqlite_ceiling, &roster)?];
    let pg = PgDatabase::create("import")?;
    let pg_ceiling = PgDatabase::create("ceiling")?;
    figures.push(measure(root, &dir, "PostgreSQL", &pg.url(), &pg_ceiling.url(), &roster)?);

    println!(
        "\n| database | rows | dry run rows/s | commit rows/s | same file again rows/s | ceiling rows/s (plain inserts) | commit / ceiling | peak RSS MB: dry run / commit / again |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    for f in &figures {
        let ceiling = f.ceiling_rows as f64 / f.ceiling_s;
        let commit = f.rows as f64 / f.commit_s;
        println!(
            "| {} | {} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0}% | {:.1} / {:.1} / {:.1} |",
            f.database,
            f.rows,
            f.rows as f64 / f.dry_run_s,
            commit,
            f.rows as f64 / f.again_s,
            ceiling,
            100.0 * commit / ceiling,
            f.peaks_mb[0],
            f.peaks_mb[1],
            f.peaks_mb[2]
        );
    }
    // The e-Dabu upload form for 10,000 people (goal: under 1 s).
    let out = Command::new(root.join("target/release/examples/import_bench"))
        .args(["edabu", "10000"])
        .output()
        .context("running import_bench edabu")?;
    if !out.status.success() {
        bail!("import_bench edabu: {}", String::from_utf8_lossy(&out.stderr));
    }
    println!("\ne-Dabu batch file (XLSX, registration layout): {}", String::from_utf8_lossy(&out.stdout).trim());
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
