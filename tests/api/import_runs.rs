//! Imports as recorded runs: progress and outcome by id, an import in the background followed to
//! its end, the audit entries naming the import, and a server killed (`kill -9`) in the middle
//! of a commit, after which nothing of the file is stored and the import shows as interrupted.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use tertib::demo::{plan, roster_csv, DemoOptions};
use tertib_domain::Role;
use tertib_tests::{db_tests, TestApp, JWT_SECRET};

/// A roster of `rows` rows of the demo's people, after creating the client companies it names.
async fn roster(app: &TestApp, rows: usize) -> String {
    let plan = plan(&DemoOptions { workers: rows, seed: 7, as_of: tertib::registry::today() }).unwrap();
    for company in &plan.companies {
        app.insert_client_company(&company.code).await;
    }
    roster_csv(&plan, rows)
}

async fn post_roster(address: &str, token: &str, query: &str, csv: &str) -> reqwest::Response {
    TestApp::new_client()
        .post(format!("{address}/api/v1/imports/workers{query}"))
        .bearer_auth(token)
        .header("Content-Type", "text/csv")
        .body(csv.to_string())
        .send()
        .await
        .unwrap()
}

async fn status(address: &str, token: &str, id: &str) -> Value {
    let res =
        TestApp::new_client().get(format!("{address}/api/v1/imports/{id}")).bearer_auth(token).send().await.unwrap();
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

async fn a_background_import_shows_its_progress_and_its_report(app: TestApp) {
    let director = app.director_token().await;
    let csv = roster(&app, 300).await;
    let workers = csv.lines().filter(|l| l.contains(";peserta;")).count() as i64;

    let res = post_roster(&app.address, &director, "?background=true", &csv).await;
    assert_eq!(res.status(), 202);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    let started: Value = res.json().await.unwrap();
    let id = started["id"].as_str().unwrap().to_string();
    assert_eq!(location, format!("/api/v1/imports/{id}"));
    assert_eq!((started["rows_total"].as_u64(), started["dry_run"].as_bool()), (Some(300), Some(false)));

    let deadline = Instant::now() + Duration::from_secs(120);
    let done = loop {
        let now = status(&app.address, &director, &id).await;
        assert!(now["rows_done"].as_u64() <= now["rows_total"].as_u64(), "{now}");
        if now["state"] != "running" {
            break now;
        }
        assert!(Instant::now() < deadline, "the import did not end: {now}");
        actix_rt::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!((done["state"].as_str(), done["rows_done"].as_u64()), (Some("done"), Some(300)), "{done}");
    assert_eq!(done["report"]["created"], 300);
    assert!(done["finished_at"].is_string());
    assert_eq!(app.count_rows("SELECT COUNT(*) AS n FROM workers").await, workers);
    // Every entry of the import names it, as its request.
    assert_eq!(
        app.count_rows(&format!(
            "SELECT COUNT(*) AS n FROM audit_log WHERE request_id = 'import:{id}' AND action = 'worker.create'"
        ))
        .await,
        workers
    );

    // A waited-for import is recorded too: its answer's Location shows the same report.
    let res = post_roster(&app.address, &director, "?dry_run=true", &csv).await;
    assert_eq!(res.status(), 200);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    let report: Value = res.json().await.unwrap();
    assert_eq!(report["unchanged"], 300);
    let again: Value = app.get(&location, &director).await.json().await.unwrap();
    assert_eq!((&again["state"], &again["dry_run"], &again["report"]), (&"done".into(), &true.into(), &report));

    assert_eq!(app.get(&location, &app.token_for(Role::Hr).await).await.status(), 200);
    assert_eq!(app.get(&location, &app.token_for(Role::AdminOps).await).await.status(), 403);
    assert_eq!(app.get("/api/v1/imports/no-such-import", &director).await.status(), 404);
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

async fn a_server_killed_during_a_commit_leaves_nothing_of_the_file(app: TestApp) {
    let director = app.director_token().await;
    let csv = roster(&app, 12_000).await;
    // A second server on the same database, as a process of its own to kill.
    let port = free_port();
    let data_dir = std::env::temp_dir().join(format!("tertib-kill-{}", uuid::Uuid::new_v4()));
    let mut server = Command::new(env!("CARGO_BIN_EXE_tertib-test-server"))
        .env("TERTIB_DATABASE_URL", &app.db.url)
        .env("TERTIB_BIND", format!("127.0.0.1:{port}"))
        .env("TERTIB_DATA_DIR", &data_dir)
        .env("TERTIB_JWT_SECRET", JWT_SECRET)
        .env("TERTIB_REMINDER_SCHEDULE", "0 0 0 1 1 *")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let address = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(60);
    while reqwest::get(format!("{address}/api/v1/health")).await.map(|r| r.status().as_u16()).unwrap_or(0) != 200 {
        assert!(Instant::now() < deadline, "the second server did not start");
        actix_rt::time::sleep(Duration::from_millis(50)).await;
    }

    let res = post_roster(&address, &director, "?background=true", &csv).await;
    assert_eq!(res.status(), 202);
    let id = res.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_string();
    // Killed once the first families are written in the import's open transaction.
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        let now = status(&address, &director, &id).await;
        assert_eq!(now["state"], "running", "the import ended before it could be killed: {now}");
        if now["rows_done"].as_u64() > Some(0) {
            break;
        }
        assert!(Instant::now() < deadline, "the import made no progress");
        actix_rt::time::sleep(Duration::from_millis(10)).await;
    }
    server.kill().unwrap();
    server.wait().unwrap();

    // The database took nothing of that file, and says so about the import.
    let deadline = Instant::now() + Duration::from_secs(30);
    let after = loop {
        let now = status(&app.address, &director, &id).await;
        if now["state"] != "running" {
            break now;
        }
        assert!(Instant::now() < deadline, "the import still shows as running: {now}");
        actix_rt::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(after["state"], "interrupted", "{after}");
    assert!(after["error"].as_str().unwrap().contains("tidak ada data"), "{after}");
    for table in ["workers", "family_members", "cases", "worker_name_words", "placements"] {
        assert_eq!(app.count_rows(&format!("SELECT COUNT(*) AS n FROM {table}")).await, 0, "{table}");
    }
    assert_eq!(
        app.count_rows(&format!("SELECT COUNT(*) AS n FROM audit_log WHERE request_id = 'import:{id}'")).await,
        0
    );
    // The same file imports whole afterwards.
    let res = post_roster(&app.address, &director, "", &csv).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<Value>().await.unwrap()["created"], 12_000);
    let _ = std::fs::remove_dir_all(data_dir);
}

db_tests!(
    a_background_import_shows_its_progress_and_its_report,
    a_server_killed_during_a_commit_leaves_nothing_of_the_file
);
