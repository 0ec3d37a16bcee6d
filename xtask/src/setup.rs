//! What the tests need from the machine, installed by the project itself: Debian's Chromium and
//! ChromeDriver, the SMTP server the mail tests talk to and the OpenAPI validator (PyPI), OpenSSL's headers for
//! the SMTP client's TLS, and a reachable PostgreSQL.

use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use anyhow::bail;

pub fn ensure_browser() -> anyhow::Result<()> {
    if Path::new("/usr/bin/chromium").exists() && Path::new("/usr/bin/chromedriver").exists() {
        return Ok(());
    }
    eprintln!("installing chromium and chromium-driver from Debian");
    apt_install(&["chromium", "chromium-driver"])
}

/// The headers `openssl-sys` builds against (lettre's TLS for SMTP servers that need it).
pub fn ensure_openssl_headers() -> anyhow::Result<()> {
    if Path::new("/usr/include/openssl/ssl.h").exists() && Path::new("/usr/bin/pkg-config").exists() {
        return Ok(());
    }
    eprintln!("installing libssl-dev and pkg-config from Debian");
    apt_install(&["libssl-dev", "pkg-config"])
}

/// A Python environment in `target/test-venv` with aiosmtpd, which `tests/support/smtp_sink.py`
/// runs as the real SMTP server of the mail tests, and openapi-spec-validator (with jsonschema),
/// which `tests/support/check_contract.py` checks the portal contract and answers with.
pub fn ensure_test_python(root: &Path) -> anyhow::Result<()> {
    let venv = root.join("target/test-venv");
    let python = venv.join("bin/python");
    let ready = Command::new(&python)
        .args(["-c", "import aiosmtpd, openapi_spec_validator, jsonschema"])
        .status()
        .is_ok_and(|s| s.success());
    if ready {
        return Ok(());
    }
    eprintln!("installing aiosmtpd and openapi-spec-validator (PyPI) into {}", venv.display());
    let venv_text = venv.to_string_lossy();
    crate::sh(root, "python3", &["-m", "venv", &venv_text])?;
    crate::sh(
        root,
        &python.to_string_lossy(),
        &["-m", "pip", "install", "--quiet", "aiosmtpd==1.4.6", "openapi-spec-validator==0.7.1"],
    )
}

pub fn apt_install(packages: &[&str]) -> anyhow::Result<()> {
    let as_root = Command::new("id").arg("-u").output().map(|o| o.stdout.starts_with(b"0")).unwrap_or(false);
    let prefix: &[&str] = if as_root { &[] } else { &["sudo"] };
    let run = |args: &[&str]| -> anyhow::Result<()> {
        let all: Vec<&str> = prefix.iter().chain(args).copied().collect();
        let status = Command::new(all[0]).args(&all[1..]).env("DEBIAN_FRONTEND", "noninteractive").status()?;
        if !status.success() {
            bail!("`{}` failed", all.join(" "));
        }
        Ok(())
    };
    run(&["apt-get", "update", "-qq"])?;
    let mut install = vec!["apt-get", "install", "-y", "-qq"];
    install.extend(packages);
    run(&install)
}

fn postgres_address() -> String {
    std::env::var("TERTIB_TEST_POSTGRES_URL")
        .ok()
        .and_then(|u| u.split('@').nth(1).and_then(|h| h.split('/').next()).map(str::to_string))
        .unwrap_or_else(|| "127.0.0.1:5432".into())
}

/// The API tests run on PostgreSQL as well as SQLite: an unreachable server is a failure, never a
/// reason to skip them.
pub fn check_postgres() -> anyhow::Result<()> {
    let address = postgres_address();
    let reachable =
        address.parse::<SocketAddr>().is_ok_and(|a| TcpStream::connect_timeout(&a, Duration::from_secs(3)).is_ok());
    if !reachable {
        bail!("PostgreSQL is not reachable at {address}: the tests need it (set TERTIB_TEST_POSTGRES_URL)");
    }
    Ok(())
}

/// Test databases of runs that were killed before they could clean up.
pub fn drop_stale_test_databases() {
    let list = Command::new("psql")
        .args([
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-Atc",
            "SELECT datname FROM pg_database WHERE datname LIKE 'tertib\\_t\\_%'",
        ])
        .output();
    let Ok(out) = list else { return };
    for name in String::from_utf8_lossy(&out.stdout).lines().filter(|l| !l.is_empty()) {
        let _ = Command::new("psql")
            .args([
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
                "-qc",
                &format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"),
            ])
            .output();
    }
}
