//! Settings from the environment (`TERTIB_*`), with defaults that run out of the box on SQLite.
//! One struct passed down explicitly: tests build their own, so nothing global stands in the way
//! of running many apps side by side.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{bail, Context};

/// A secret that never prints itself: `Debug` and `Display` show a placeholder.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Secret {
        Secret(s.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: String,
    pub database_pool_size: u32,
    pub bind: String,
    /// HTTP worker threads; by default one per core.
    pub workers: Option<usize>,
    pub data_dir: PathBuf,
    pub jwt_secret: Secret,
    pub access_token_ttl: Duration,
    pub refresh_token_ttl: Duration,
    /// Mark the refresh cookie `Secure` (on whenever the app is served over HTTPS).
    pub cookie_secure: bool,
    pub admin_email: Option<String>,
    pub admin_password: Option<Secret>,
    /// Where the built SPA lives (`index.html`, wasm, js).
    pub site_dir: PathBuf,
    pub login: LoginPolicy,
    pub log_json: bool,
    /// Where the app is reached by its users (links in emails), e.g. `https://tertib.example`.
    pub public_url: String,
    /// `smtps://user:pass@host:465`, `smtp://host:587?tls=required`, `smtp://127.0.0.1:1025`; none:
    /// mails wait in the outbox.
    pub smtp_url: Option<Secret>,
    /// The sender of every mail, e.g. `Tertib <tertib@example.co.id>`.
    pub mail_from: String,
    /// The cron schedule (with seconds) of the reminder run: queue what is due, send the outbox.
    pub reminder_schedule: String,
    /// Portal requests a minute allowed to each client company user (API clients have their own).
    pub portal_user_rate_per_minute: i32,
}

/// How repeated sign-in failures are slowed down and then locked out.
#[derive(Debug, Clone)]
pub struct LoginPolicy {
    /// Failures (per email) before the lock.
    pub max_failures: i64,
    pub lock_for: Duration,
    /// Extra delay added to each failed answer, multiplied by the number of failures so far.
    pub delay_per_failure: Duration,
}

impl Default for LoginPolicy {
    fn default() -> LoginPolicy {
        LoginPolicy {
            max_failures: 5,
            lock_for: Duration::from_secs(15 * 60),
            delay_per_failure: Duration::from_millis(250),
        }
    }
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

fn parse_var<T: std::str::FromStr>(name: &str, default: T) -> anyhow::Result<T>
where
    T::Err: fmt::Display,
{
    match var(name) {
        None => Ok(default),
        Some(v) => v.parse().map_err(|e| anyhow::anyhow!("{name}={v:?}: {e}")),
    }
}

impl Config {
    /// Reads the environment. The JWT secret, when not given, is made once and kept in the data
    /// directory (mode 0600), so sessions survive a restart.
    pub fn from_env() -> anyhow::Result<Config> {
        let data_dir = PathBuf::from(var("TERTIB_DATA_DIR").unwrap_or_else(|| "data".into()));
        let database_url = var("TERTIB_DATABASE_URL")
            .unwrap_or_else(|| data_dir.join("tertib.sqlite3").to_string_lossy().into_owned());
        let jwt_secret = match var("TERTIB_JWT_SECRET") {
            Some(s) if s.len() < 32 => bail!("TERTIB_JWT_SECRET must be at least 32 characters"),
            Some(s) => Secret::new(s),
            None => load_or_create_secret(&data_dir)?,
        };
        let access_minutes: u64 = parse_var("TERTIB_ACCESS_TOKEN_MINUTES", 15)?;
        let refresh_days: u64 = parse_var("TERTIB_REFRESH_TOKEN_DAYS", 7)?;
        let public_url = var("TERTIB_PUBLIC_URL").unwrap_or_default().trim_end_matches('/').to_string();
        Ok(Config {
            database_url,
            database_pool_size: parse_var("TERTIB_DATABASE_POOL_SIZE", 8)?,
            bind: var("TERTIB_BIND").unwrap_or_else(|| "127.0.0.1:8080".into()),
            workers: var("TERTIB_WORKERS")
                .map(|w| w.parse())
                .transpose()
                .map_err(|e| anyhow::anyhow!("TERTIB_WORKERS: {e}"))?,
            jwt_secret,
            access_token_ttl: Duration::from_secs(access_minutes * 60),
            refresh_token_ttl: Duration::from_secs(refresh_days * 24 * 3600),
            cookie_secure: parse_var("TERTIB_COOKIE_SECURE", public_url.starts_with("https://"))?,
            admin_email: var("TERTIB_ADMIN_EMAIL"),
            admin_password: var("TERTIB_ADMIN_PASSWORD").map(Secret::new),
            site_dir: PathBuf::from(var("TERTIB_SITE_DIR").unwrap_or_else(|| "frontend/dist".into())),
            login: LoginPolicy {
                max_failures: parse_var("TERTIB_LOGIN_MAX_FAILURES", 5)?,
                lock_for: Duration::from_secs(parse_var("TERTIB_LOGIN_LOCK_MINUTES", 15u64)? * 60),
                ..LoginPolicy::default()
            },
            log_json: parse_var("TERTIB_LOG_JSON", false)?,
            data_dir,
            public_url: if public_url.is_empty() { "http://127.0.0.1:8080".into() } else { public_url },
            smtp_url: var("TERTIB_SMTP_URL").map(Secret::new),
            mail_from: var("TERTIB_MAIL_FROM").unwrap_or_else(|| "Tertib <tertib@localhost>".into()),
            reminder_schedule: var("TERTIB_REMINDER_SCHEDULE").unwrap_or_else(|| "0 * * * * *".into()),
            portal_user_rate_per_minute: parse_var("TERTIB_PORTAL_USER_RATE_PER_MINUTE", 120)?,
        })
    }
}

fn load_or_create_secret(data_dir: &Path) -> anyhow::Result<Secret> {
    let path = data_dir.join("jwt-secret");
    if let Ok(existing) = std::fs::read_to_string(&path) {
        let existing = existing.trim();
        if existing.len() >= 32 {
            return Ok(Secret::new(existing));
        }
    }
    std::fs::create_dir_all(data_dir).with_context(|| format!("creating {}", data_dir.display()))?;
    let secret = crate::auth::random_token(48);
    write_private(&path, &secret).with_context(|| format!("writing {}", path.display()))?;
    tracing::warn!(path = %path.display(), "TERTIB_JWT_SECRET is not set: generated a signing key and stored it (mode 0600)");
    Ok(Secret::new(secret))
}

fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?.write_all(contents.as_bytes())
}
