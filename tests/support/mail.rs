//! A real SMTP server for the tests: `tests/support/smtp_sink.py` (aiosmtpd, installed by
//! `cargo xtask test` into `target/test-venv`), started on a free port. It writes each message it
//! receives as JSON; [`SmtpSink::messages`] reads them back.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::Value;

use crate::workspace_root;

pub struct SmtpSink {
    pub port: u16,
    dir: PathBuf,
    child: Option<Child>,
}

fn python() -> PathBuf {
    let python = workspace_root().join("target/test-venv/bin/python");
    assert!(python.exists(), "{} is missing: `cargo xtask test` installs aiosmtpd there", python.display());
    python
}

impl SmtpSink {
    /// Starts a sink on a free port with an empty mailbox.
    pub fn start() -> SmtpSink {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let dir = std::env::temp_dir().join(format!("tertib-mail-{}", uuid::Uuid::new_v4().simple()));
        let mut sink = SmtpSink { port, dir, child: None };
        sink.resume();
        sink
    }

    /// `smtp://127.0.0.1:<port>` (no TLS: a local sink).
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Starts the server again on the same port and mailbox (after [`SmtpSink::stop`]).
    pub fn resume(&mut self) {
        let script = workspace_root().join("tests/support/smtp_sink.py");
        let mut child = Command::new(python())
            .arg(script)
            .args(["--port", &self.port.to_string(), "--dir", &self.dir.to_string_lossy()])
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        // It prints `ready` once listening.
        let mut out = child.stdout.take().unwrap();
        let mut buf = [0u8; 6];
        std::io::Read::read_exact(&mut out, &mut buf).unwrap();
        assert_eq!(&buf, b"ready\n");
        self.child = Some(child);
    }

    /// Stops the server: connections are refused until [`SmtpSink::resume`].
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = Command::new("kill").arg(child.id().to_string()).status();
            let _ = child.wait();
        }
    }

    /// Every message received so far, oldest first.
    pub fn messages(&self) -> Vec<Value> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        names.retain(|p| p.extension().is_some_and(|e| e == "json"));
        names.sort();
        names.iter().map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()).collect()
    }

    /// Waits up to `timeout` for at least `n` messages.
    pub async fn wait_for(&self, n: usize, timeout: Duration) -> Vec<Value> {
        let start = std::time::Instant::now();
        loop {
            let got = self.messages();
            if got.len() >= n || start.elapsed() > timeout {
                return got;
            }
            actix_rt::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl crate::TestApp {
    /// One reminder run as the scheduler does it, at `now` (the injected clock), sending through
    /// `smtp_url` when given.
    pub async fn run_reminders(
        &self,
        smtp_url: Option<String>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> tertib::reminders::SendReport {
        let url = self.db.url.clone();
        actix_rt::task::spawn_blocking(move || {
            let db = tertib::db::Db::connect(&url, 1).unwrap();
            let mailer = smtp_url.map(|u| tertib::mail::Mailer::new(&u, "Tertib Uji <tertib@uji.co.id>").unwrap());
            tertib::reminders::run(&db, mailer.as_ref(), "http://tertib.test", "test-run", now).unwrap()
        })
        .await
        .unwrap()
    }

    /// Starts another instance of the application on this app's database (as a second server
    /// would run in production) and answers its address.
    pub async fn second_instance(&self, adjust: impl FnOnce(&mut tertib::config::Config)) -> String {
        let mut config = crate::test_config(&self.db);
        adjust(&mut config);
        let app = tertib::startup::Application::build(config).await.expect("the second instance starts");
        let address = format!("http://127.0.0.1:{}", app.port());
        actix_rt::spawn(app.run_until_stopped());
        address
    }
}
