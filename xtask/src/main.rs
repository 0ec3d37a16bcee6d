//! `cargo xtask <command>`: the project's own set-up, build, run, test and benchmark steps, so that
//! a fresh machine needs nothing but Rust and the commands in the README.
//!
//! - `run`: install what the build needs, build the SPA and the server (release), serve on SQLite.
//! - `test`: every check CI runs: format, lints, the wasm build of `domain`, unit, API (SQLite and
//!   PostgreSQL) and browser tests, the stale-OpenAPI check.
//! - `build`: the SPA and the release server, without running.
//! - `generate` (or `openapi`): regenerate the committed files made from code:
//!   `openapi/openapi.json`, the portal's `openapi/portal.json`, and the written SOP `docs/SOP.md`,
//!   `docs/SOP.en.md`.
//! - `bench foundation`: the HTTP benchmark of the foundation issue.

mod bench;
mod frontend;
mod setup;

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = workspace_root();
    match args.first().map(String::as_str) {
        Some("run") => run(&root),
        Some("test") => test(&root),
        Some("build") => build(&root).map(drop),
        Some("generate" | "openapi") => generate(&root),
        Some("bench") => bench::run(&root, &args[1..]),
        _ => {
            eprintln!("usage: cargo xtask <run|test|build|generate|bench foundation|bench registry>");
            std::process::exit(2)
        }
    }
}

fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(Path::to_path_buf).unwrap_or(manifest)
}

/// Runs a command in the workspace, echoing it, and fails if it fails.
pub fn sh(root: &Path, program: &str, args: &[&str]) -> anyhow::Result<()> {
    eprintln!("\n$ {program} {}", args.join(" "));
    let status =
        Command::new(program).args(args).current_dir(root).status().with_context(|| format!("running {program}"))?;
    if !status.success() {
        bail!("`{program} {}` failed ({status})", args.join(" "));
    }
    Ok(())
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// The SPA (optimised) and the release server.
fn build(root: &Path) -> anyhow::Result<PathBuf> {
    frontend::ensure_wasm_target()?;
    setup::ensure_openssl_headers()?;
    frontend::build(root, true)?;
    sh(root, &cargo(), &["build", "--release", "-p", "tertib-backend", "--bin", "tertib"])?;
    Ok(root.join("target/release/tertib"))
}

fn run(root: &Path) -> anyhow::Result<()> {
    let server = build(root)?;
    let mut cmd = Command::new(server);
    cmd.current_dir(root).arg("serve");
    if std::env::var_os("TERTIB_SITE_DIR").is_none() {
        cmd.env("TERTIB_SITE_DIR", root.join("frontend/dist"));
    }
    eprintln!("\nTertib: http://{}/", std::env::var("TERTIB_BIND").unwrap_or_else(|_| "127.0.0.1:8080".into()));
    let status = cmd.status().context("starting tertib")?;
    if !status.success() {
        bail!("tertib stopped: {status}");
    }
    Ok(())
}

/// The files generated from code that are committed (tests fail when they are stale).
fn generate(root: &Path) -> anyhow::Result<()> {
    for (lang, path) in tertib_domain::lifecycle::sop::COMMITTED {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap_or(root))?;
        std::fs::write(&path, tertib_domain::lifecycle::sop::committed_markdown(lang))?;
        eprintln!("wrote {}", path.display());
    }
    openapi(root)
}

fn openapi(root: &Path) -> anyhow::Result<()> {
    for (flags, file) in [(&[][..], "openapi/openapi.json"), (&["--portal"][..], "openapi/portal.json")] {
        let mut args = vec!["run", "--quiet", "-p", "tertib-backend", "--bin", "tertib", "--", "openapi"];
        args.extend(flags);
        let out = Command::new(cargo()).args(&args).current_dir(root).output().context("running tertib openapi")?;
        if !out.status.success() {
            bail!("tertib openapi failed: {}", String::from_utf8_lossy(&out.stderr));
        }
        let path = root.join(file);
        std::fs::write(&path, &out.stdout)?;
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}

fn test(root: &Path) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    frontend::ensure_wasm_target()?;
    setup::ensure_browser()?;
    setup::ensure_openssl_headers()?;
    setup::ensure_test_python(root)?;
    setup::check_postgres()?;
    setup::drop_stale_test_databases();
    let c = cargo();
    sh(root, &c, &["fmt", "--all", "--", "--check"])?;
    sh(root, &c, &["clippy", "--all-targets", "--", "-D", "warnings"])?;
    sh(root, &c, &["clippy", "-p", "tertib-frontend", "--target", "wasm32-unknown-unknown", "--", "-D", "warnings"])?;
    sh(root, &c, &["build", "-p", "tertib-domain", "--target", "wasm32-unknown-unknown"])?;
    frontend::build(root, true)?;
    sh(root, &c, &["test", "--", "--color", "never"])?;
    // The SPA's pure logic (redirect guard, error placement), compiled for the host.
    sh(root, &c, &["test", "-p", "tertib-frontend", "--", "--color", "never"])?;
    eprintln!("\nall checks passed in {:.0} s", started.elapsed().as_secs_f64());
    Ok(())
}
