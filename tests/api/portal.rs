//! The client-company portal: each client company sees only its own placed workers, through the
//! portal routes only, masked; API clients sign in with client credentials and can be revoked;
//! answers carry ETags and rate limits; every answer matches the published contract.

use std::io::Write;

use serde_json::{json, Value};
use tertib_domain::Role;
use tertib_tests::registry::worker;
use tertib_tests::{db_tests, TestApp, USER_PASSWORD};

/// Answers recorded for the contract check: `(path, method, status, body)`.
#[derive(Default)]
struct Recorded(Vec<Value>);

impl Recorded {
    async fn get(&mut self, app: &TestApp, path: &str, token: &str) -> (u16, Value) {
        let (status, body) = app.json(app.get(path, token).await).await;
        let bare = path.split('?').next().unwrap().to_string();
        self.0.push(json!({"path": bare, "method": "GET", "status": status, "body": body}));
        (status, body)
    }

    /// Validates the published contract and every recorded answer against it.
    fn check(&self) {
        let root = tertib_tests::workspace_root();
        let file = std::env::temp_dir().join(format!("portal-answers-{}.jsonl", uuid::Uuid::new_v4().simple()));
        let mut out = std::fs::File::create(&file).unwrap();
        for a in &self.0 {
            writeln!(out, "{a}").unwrap();
        }
        let result = std::process::Command::new(root.join("target/test-venv/bin/python"))
            .arg(root.join("tests/support/check_contract.py"))
            .arg(root.join("openapi/portal.json"))
            .arg(&file)
            .output()
            .expect("target/test-venv is installed by `cargo xtask test`");
        let _ = std::fs::remove_file(&file);
        let text = String::from_utf8_lossy(&result.stdout);
        assert!(result.status.success(), "{text}{}", String::from_utf8_lossy(&result.stderr));
        assert!(
            text.starts_with(&format!("{} answers checked", self.0.iter().filter(|a| a["status"] != 304).count())),
            "{text}"
        );
    }
}

struct Tenant {
    company_id: String,
    user_token: String,
    workers: Vec<Value>,
}

/// A client company with a client user and `n` workers placed there.
async fn tenant(app: &TestApp, staff: &str, code: &str, first_serial: u16, n: u16) -> Tenant {
    let company = app.create_company(staff, code, None).await;
    let company_id = company["id"].as_str().unwrap().to_string();
    let email = format!("klien-{}@{}.co.id", code.to_lowercase(), code.to_lowercase());
    let director = app.director_token().await;
    let res = app
        .post(
            "/api/v1/users",
            &director,
            &json!({"email": email, "password": USER_PASSWORD, "role": "client", "client_company_id": company_id}),
        )
        .await;
    assert_eq!(res.status(), 201);
    let user_token = app.token(&email, USER_PASSWORD).await;
    let mut workers = Vec::new();
    for i in 0..n {
        let mut body =
            worker(&format!("Pekerja {code} {}", char::from(b'A' + u8::try_from(i).unwrap())), first_serial + i);
        body["client_company_id"] = json!(company_id);
        body["noka"] = json!(format!("000{:010}", u32::from(first_serial + i)));
        workers.push(app.create_worker(staff, &body).await);
    }
    Tenant { company_id, user_token, workers }
}

async fn api_client(app: &TestApp, staff: &str, company_id: &str, rate: i32) -> (String, String) {
    let res = app
        .post(
            &format!("/api/v1/client-companies/{company_id}/api-clients"),
            staff,
            &json!({"name": "Sistem HRIS", "rate_limit_per_minute": rate}),
        )
        .await;
    let (status, created) = app.json(res).await;
    assert_eq!(status, 201, "{created}");
    (created["client"]["id"].as_str().unwrap().to_string(), created["client_secret"].as_str().unwrap().to_string())
}

async fn client_token(app: &TestApp, id: &str, secret: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/auth/token"))
        .form(&[("grant_type", "client_credentials"), ("client_id", id), ("client_secret", secret)])
        .send()
        .await
        .unwrap()
}

async fn two_client_companies_each_see_only_their_own_workers_masked(app: TestApp) {
    let hr = app.token_for(Role::Hr).await;
    let a = tenant(&app, &hr, "ALFA", 100, 3).await;
    let b = tenant(&app, &hr, "BETA", 200, 2).await;
    let (id, secret) = api_client(&app, &hr, &a.company_id, 120).await;
    let (status, token) = app.json(client_token(&app, &id, &secret).await).await;
    assert_eq!((status, token["token_type"].as_str()), (200, Some("Bearer")), "{token}");
    let a_system = token["access_token"].as_str().unwrap().to_string();
    let mut rec = Recorded::default();
    rec.0.push(json!({"path": "/api/v1/auth/token", "method": "POST", "status": 200, "body": token}));

    for reader in [&a.user_token, &a_system] {
        let (status, page) = rec.get(&app, "/api/v1/portal/workers", reader).await;
        assert_eq!((status, page["total"].as_i64()), (200, Some(3)), "{page}");
        let ids: Vec<&str> = page["items"].as_array().unwrap().iter().map(|w| w["id"].as_str().unwrap()).collect();
        for w in &a.workers {
            assert!(ids.contains(&w["id"].as_str().unwrap()));
        }
        // Masked on the wire; no wage, family or anything internal.
        let text = page.to_string();
        for w in &a.workers {
            assert!(!text.contains(w["nik"].as_str().unwrap()), "full NIK in {text}");
            assert!(!text.contains(w["noka"].as_str().unwrap()), "full card number in {text}");
        }
        for field in ["wage_base", "family", "kk_number", "warnings", "phone", "address", "birth_date"] {
            assert!(!text.contains(&format!("\"{field}\"")), "{field} in {text}");
        }
        assert_eq!(page["items"][0]["status"], "registration_in_progress");

        // Every portal route with another company's worker: 404, as for a worker that does not exist.
        for other in &b.workers {
            let path = format!("/api/v1/portal/workers/{}", other["id"].as_str().unwrap());
            let (status, body) = rec.get(&app, &path, reader).await;
            assert_eq!((status, body["code"].as_str()), (404, Some("not_found")));
        }
        let (status, missing) = rec.get(&app, "/api/v1/portal/workers/no-such-worker", reader).await;
        assert_eq!(status, 404);
        let (_, other) =
            rec.get(&app, &format!("/api/v1/portal/workers/{}", b.workers[0]["id"].as_str().unwrap()), reader).await;
        assert_eq!(other, missing, "another company's worker is indistinguishable from none");
        let (status, one) =
            rec.get(&app, &format!("/api/v1/portal/workers/{}", a.workers[0]["id"].as_str().unwrap()), reader).await;
        assert_eq!((status, one["full_name"].as_str()), (200, a.workers[0]["full_name"].as_str()));
        let (status, summary) = rec.get(&app, "/api/v1/portal/summary", reader).await;
        assert_eq!(
            (status, summary["total"].as_i64(), summary["client_company"].as_str()),
            (200, Some(3), Some("PT ALFA"))
        );
    }

    // A worker who left is listed for six months after, with the end of the placement; one who
    // left longer ago is not.
    let path = |w: &Value| format!("/api/v1/workers/{}/termination", w["id"].as_str().unwrap());
    let recent = tertib::registry::today().format("%Y-%m-%d").to_string();
    let res = app.post(&path(&a.workers[0]), &hr, &json!({"termination_date": recent, "reason": "resignation"})).await;
    assert_eq!(res.status(), 200);
    let res = app
        .post(&path(&a.workers[1]), &hr, &json!({"termination_date": "2025-01-01", "reason": "end_of_contract"}))
        .await;
    assert_eq!(res.status(), 200);
    let (_, page) = rec.get(&app, "/api/v1/portal/workers", &a.user_token).await;
    assert_eq!(page["total"], 2, "{page}");
    let left = page["items"].as_array().unwrap().iter().find(|w| w["id"] == a.workers[0]["id"]).unwrap();
    assert_eq!((left["placed_until"].as_str(), left["status"].as_str()), (Some(recent.as_str()), Some("inactive")));
    let (_, summary) = rec.get(&app, "/api/v1/portal/summary", &a.user_token).await;
    assert_eq!(summary["total"], 2);

    // The other company's user sees its own two.
    let (_, page) = rec.get(&app, "/api/v1/portal/workers", &b.user_token).await;
    assert_eq!(page["total"], 2);

    // The client role on the internal API: 403, for users and API clients alike.
    for path in [
        "/api/v1/workers",
        &format!("/api/v1/workers/{}", a.workers[0]["id"].as_str().unwrap()),
        "/api/v1/cases",
        "/api/v1/me",
    ] {
        let status = app.get(path, &a_system).await.status();
        assert_eq!(status, 403, "{path}");
    }
    assert_eq!(app.get("/api/v1/workers", &a.user_token).await.status(), 403);
    // Internal staff are not portal callers.
    assert_eq!(app.get("/api/v1/portal/workers", &hr).await.status(), 403);

    // Revoked: its token stops at once, and no new one is issued.
    let res = app.post(&format!("/api/v1/api-clients/{id}/revoke"), &hr, &json!({})).await;
    assert_eq!(res.status(), 200);
    assert_eq!(app.get("/api/v1/portal/workers", &a_system).await.status(), 401);
    assert_eq!(client_token(&app, &id, &secret).await.status(), 401);
    assert_eq!(client_token(&app, &id, "wrong").await.status(), 401);
    rec.check();
}

async fn an_unchanged_answer_is_304_and_incremental_sync_sees_changes(app: TestApp) {
    let hr = app.token_for(Role::Hr).await;
    let a = tenant(&app, &hr, "GAMA", 300, 2).await;
    let res = app.get("/api/v1/portal/workers", &a.user_token).await;
    let etag = res.headers()["etag"].to_str().unwrap().to_string();
    let first: Value = res.json().await.unwrap();
    let again = app
        .client
        .get(app.url("/api/v1/portal/workers"))
        .bearer_auth(&a.user_token)
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    assert!(again.bytes().await.unwrap().is_empty());

    // A status change: the page changes (200 with a new ETag), and `updated_since` finds only it.
    let since =
        first["items"].as_array().unwrap().iter().map(|w| w["updated_at"].as_str().unwrap().to_string()).max().unwrap();
    actix_rt::time::sleep(std::time::Duration::from_millis(20)).await;
    let wid = a.workers[1]["id"].as_str().unwrap();
    let case = app.case_of(&hr, wid, "transfer").await;
    let previous = json!({"segment": "other_employer", "status": "active", "employer_name": "PT Lama"});
    let res = app
        .patch(
            &format!("/api/v1/cases/{}", case["id"].as_str().unwrap()),
            &hr,
            &json!({"version": case["version"], "previous": previous}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let changed = app
        .client
        .get(app.url("/api/v1/portal/workers"))
        .bearer_auth(&a.user_token)
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), 200);
    let since = since.replace('+', "%2B");
    let (status, delta) =
        app.json(app.get(&format!("/api/v1/portal/workers?updated_since={since}"), &a.user_token).await).await;
    assert_eq!(status, 200, "{delta}");
    let items = delta["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{delta}");
    assert_eq!((items[0]["id"].as_str(), items[0]["status"].as_str()), (Some(wid), Some("blocked")));
    let (_, blocked) = app.json(app.get("/api/v1/portal/workers?status=blocked", &a.user_token).await).await;
    assert_eq!(blocked["total"], 1);
}

async fn an_api_client_over_its_rate_limit_is_told_when_to_retry(app: TestApp) {
    let hr = app.token_for(Role::Hr).await;
    let a = tenant(&app, &hr, "DELTA", 400, 1).await;
    let (id, secret) = api_client(&app, &hr, &a.company_id, 3).await;
    let token: Value = client_token(&app, &id, &secret).await.json().await.unwrap();
    let token = token["access_token"].as_str().unwrap();
    for _ in 0..3 {
        assert_eq!(app.get("/api/v1/portal/summary", token).await.status(), 200);
    }
    let res = app.get("/api/v1/portal/summary", token).await;
    assert_eq!(res.status(), 429);
    let wait: u64 = res.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait));
    // The company's users have their own allowance.
    assert_eq!(app.get("/api/v1/portal/summary", &a.user_token).await.status(), 200);
    // Last use is shown to HR.
    let list: Value =
        app.get(&format!("/api/v1/client-companies/{}/api-clients", a.company_id), &hr).await.json().await.unwrap();
    assert!(list[0]["last_used_at"].is_string());
    assert!(!list.to_string().contains(&secret), "the secret is never shown again");
}

db_tests!(
    two_client_companies_each_see_only_their_own_workers_masked,
    an_unchanged_answer_is_304_and_incremental_sync_sees_changes,
    an_api_client_over_its_rate_limit_is_told_when_to_retry,
);
