//! Structured logs. `RUST_LOG` filters (default `info`); `TERTIB_LOG_JSON=true` prints JSON lines.
//! Request bodies and headers are never logged, so passwords, tokens and NIKs stay out of logs.

use tracing_subscriber::EnvFilter;

pub fn init(json: bool) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    // A second init (tests start many apps in one process) is harmless: the first one stays.
    let _ = if json { builder.json().try_init() } else { builder.try_init() };
}
