//! Webhooks of client companies, delivered to a real HTTP receiver on a free local port: a placed
//! worker's status change arrives once, signed with the secret shown, masked; a failing receiver
//! gets it again until it answers 2xx, and the attempts show; a webhook turned off sends nothing;
//! a company never hears of another's workers; only directors and HR set webhooks, and no answer
//! shows the secret again.

use std::collections::{HashMap, VecDeque};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;
use tertib_domain::Role;
use tertib_tests::registry::worker;
use tertib_tests::{db_tests, TestApp};

/// One request the receiver got.
#[derive(Debug, Clone)]
struct Received {
    method: String,
    path: String,
    /// Lower-case names.
    headers: HashMap<String, String>,
    body: String,
}

/// A small HTTP/1.1 server on 127.0.0.1 that records every request and answers each with the
/// next status of its script (200 once the script is done).
struct Receiver {
    addr: SocketAddr,
    got: Arc<Mutex<Vec<Received>>>,
    stop: Arc<AtomicBool>,
}

impl Receiver {
    fn start(script: &[u16]) -> Receiver {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let got = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let mut answers: VecDeque<u16> = script.iter().copied().collect();
        let (seen, stopped) = (got.clone(), stop.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stopped.load(Ordering::SeqCst) {
                    return;
                }
                let Ok(stream) = stream else { continue };
                let status = answers.pop_front().unwrap_or(200);
                if let Some(request) = serve(stream, status) {
                    seen.lock().unwrap().push(request);
                }
            }
        });
        Receiver { addr, got, stop }
    }

    fn url(&self) -> String {
        format!("http://{}/hooks/tertib", self.addr)
    }

    fn received(&self) -> Vec<Received> {
        self.got.lock().unwrap().clone()
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accepting thread so that it sees the flag.
        let _ = TcpStream::connect(self.addr);
    }
}

fn serve(stream: TcpStream, status: u16) -> Option<Received> {
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let (method, path) = (parts.next()?.to_string(), parts.next()?.to_string());
    let mut headers = HashMap::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        headers.insert(name.trim().to_lowercase(), value.trim().to_string());
    }
    let length: usize = headers.get("content-length").and_then(|l| l.parse().ok()).unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    let text = if status < 300 { "ok" } else { "receiver broke" };
    let answer = format!("HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}", text.len());
    let mut stream = stream;
    stream.write_all(answer.as_bytes()).ok()?;
    Some(Received { method, path, headers, body: String::from_utf8(body).ok()? })
}

/// Whether `header` (`t=<secs>,v1=<hex>`) signs `body` with `secret`, as the portal guide says to
/// check it: HMAC-SHA256 over `<t>.<body>`.
fn signed_by(header: &str, body: &str, secret: &str) -> bool {
    let parts: HashMap<&str, &str> = header.split(',').filter_map(|p| p.split_once('=')).collect();
    let (Some(t), Some(v1)) = (parts.get("t"), parts.get("v1")) else { return false };
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{t}.{body}").as_bytes());
    let hex: String = mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect();
    hex == *v1
}

fn signed_at(header: &str) -> i64 {
    header.split(',').find_map(|p| p.strip_prefix("t=")).unwrap().parse().unwrap()
}

/// One webhook run as the scheduler does it, at `now`.
async fn deliver(app: &TestApp, now: DateTime<Utc>) -> tertib::reminders::SendReport {
    let url = app.db.url.clone();
    actix_rt::task::spawn_blocking(move || {
        let db = tertib::db::Db::connect(&url, 1).unwrap();
        tertib::webhooks::deliver::send_due(&db, "test-run", now).unwrap()
    })
    .await
    .unwrap()
}

async fn set_webhook(app: &TestApp, token: &str, company_id: &str, url: &str, enabled: bool) -> (u16, Value) {
    let path = format!("/api/v1/client-companies/{company_id}/webhook");
    app.json(app.put(&path, token, &json!({"url": url, "enabled": enabled})).await).await
}

/// A new webhook for the company; answers its secret.
async fn webhook(app: &TestApp, token: &str, company_id: &str, url: &str, enabled: bool) -> String {
    let (status, body) = set_webhook(app, token, company_id, url, enabled).await;
    assert_eq!(status, 201, "{body}");
    body["secret"].as_str().unwrap().to_string()
}

async fn deliveries(app: &TestApp, token: &str, company_id: &str) -> Vec<Value> {
    let path = format!("/api/v1/client-companies/{company_id}/webhook/deliveries");
    let (status, body) = app.json(app.get(&path, token).await).await;
    assert_eq!(status, 200, "{body}");
    body.as_array().unwrap().clone()
}

async fn company(app: &TestApp, token: &str, code: &str) -> String {
    app.create_company(token, code, None).await["id"].as_str().unwrap().to_string()
}

/// A worker placed with the company, not registered yet: answers the worker as created.
async fn placed(app: &TestApp, token: &str, company_id: &str, name: &str, serial: u16) -> Value {
    let mut body = worker(name, serial);
    body["client_company_id"] = json!(company_id);
    body["faskes_code"] = json!("0901R001");
    app.create_worker(token, &body).await
}

async fn terminate(app: &TestApp, token: &str, worker_id: &str) {
    let today = tertib::registry::today().format("%Y-%m-%d").to_string();
    let res = app
        .post(
            &format!("/api/v1/workers/{worker_id}/termination"),
            token,
            &json!({"termination_date": today, "reason": "end_of_contract"}),
        )
        .await;
    let (status, body) = app.json(res).await;
    assert_eq!(status, 201, "{body}");
}

fn mask(nik: &str) -> String {
    format!("{}********{}", &nik[..4], &nik[12..])
}

async fn a_placed_workers_status_change_is_posted_once_signed_and_masked(app: TestApp) {
    let hr = app.token_for(Role::Hr).await;
    let receiver = Receiver::start(&[]);
    let company_id = company(&app, &hr, "HOOK").await;
    let secret = webhook(&app, &hr, &company_id, &receiver.url(), true).await;
    let w = placed(&app, &hr, &company_id, "Bambang Sutrisno", 301).await;
    let wid = w["id"].as_str().unwrap();
    let full_nik = w["nik"].as_str().unwrap().to_string();
    assert_eq!(full_nik.len(), 16);

    // Submitting the registration leaves the portal status as it was (registration in progress);
    // BPJS's acceptance makes it active: one change, one delivery.
    app.activate(&hr, wid, "0001234567890").await;
    let report = deliver(&app, Utc::now()).await;
    assert_eq!((report.sent, report.retried, report.failed), (1, 0, 0));
    let got = receiver.received();
    assert_eq!(got.len(), 1, "{got:?}");
    let post = &got[0];
    assert_eq!((post.method.as_str(), post.path.as_str()), ("POST", "/hooks/tertib"));
    assert_eq!(post.headers["content-type"], "application/json");
    assert_eq!(post.headers["tertib-event"], "worker.status_changed");
    let signature = &post.headers["tertib-signature"];
    assert!(signed_by(signature, &post.body, &secret), "{signature} does not verify with the secret shown");
    assert!(!signed_by(signature, &post.body, "whsec_another"), "a signature any secret verifies proves nothing");
    assert!(!signed_by(signature, &post.body.replace("active", "inactive"), &secret));
    assert!((Utc::now().timestamp() - signed_at(signature)).abs() < 300);

    let event: Value = serde_json::from_str(&post.body).unwrap();
    assert_eq!(event["id"], post.headers["tertib-delivery"].as_str());
    assert_eq!(event["type"], "worker.status_changed");
    assert_eq!(event["client_company_id"], company_id.as_str());
    assert_eq!(event["previous_status"], "registration_in_progress");
    assert_eq!(event["worker"]["id"], wid);
    assert_eq!(event["worker"]["status"], "active");
    assert_eq!(event["worker"]["nik"], mask(&full_nik).as_str());
    assert_eq!(event["worker"]["noka"], "0001*****7890");
    assert_eq!(event["worker"]["placed_until"], Value::Null);
    assert!(!post.body.contains(&full_nik), "the full NIK left: {}", post.body);
    assert!(!post.body.contains("0001234567890"), "the full card number left");
    for private in ["wage", "6000000", "family", "kk_number", "3174050101100003", "birth"] {
        assert!(!post.body.contains(private), "{private} in {}", post.body);
    }

    // Sent is sent: another run sends nothing.
    assert_eq!(deliver(&app, Utc::now() + TimeDelta::hours(2)).await.sent, 0);
    assert_eq!(receiver.received().len(), 1);

    // A rotated secret signs what follows; the old one no longer verifies. The termination ends
    // the placement: the worker is a leaver the portal still lists, so the company hears of it.
    let (status, rotated) = app
        .json(app.post(&format!("/api/v1/client-companies/{company_id}/webhook/secret"), &hr, &json!({})).await)
        .await;
    assert_eq!(status, 200, "{rotated}");
    let new_secret = rotated["secret"].as_str().unwrap();
    assert_ne!(new_secret, secret);
    terminate(&app, &hr, wid).await;
    assert_eq!(deliver(&app, Utc::now()).await.sent, 1);
    let got = receiver.received();
    assert_eq!(got.len(), 2);
    let leave: Value = serde_json::from_str(&got[1].body).unwrap();
    assert_eq!(leave["previous_status"], "active");
    assert_eq!(leave["worker"]["status"], "deactivation_in_progress");
    assert_eq!(leave["worker"]["placed_until"], tertib::registry::today().format("%Y-%m-%d").to_string());
    assert_ne!(leave["id"], event["id"]);
    let signature = &got[1].headers["tertib-signature"];
    assert!(signed_by(signature, &got[1].body, new_secret));
    assert!(!signed_by(signature, &got[1].body, &secret));

    // Both in the list, newest first, each sent at the first attempt.
    let list = deliveries(&app, &hr, &company_id).await;
    let summary: Vec<(&str, &str, i64)> = list
        .iter()
        .map(|d| (d["id"].as_str().unwrap(), d["status"].as_str().unwrap(), d["attempts"].as_i64().unwrap()))
        .collect();
    assert_eq!(summary, [(leave["id"].as_str().unwrap(), "sent", 1), (event["id"].as_str().unwrap(), "sent", 1)]);
    assert_eq!(list[1]["payload"], event);
    assert_eq!(list[1]["url"], receiver.url());
}

async fn a_failing_receiver_gets_the_delivery_again_until_it_answers_2xx(app: TestApp) {
    let hr = app.token_for(Role::Hr).await;
    let receiver = Receiver::start(&[500, 200]);
    let company_id = company(&app, &hr, "RETRY").await;
    let secret = webhook(&app, &hr, &company_id, &receiver.url(), true).await;
    let w = placed(&app, &hr, &company_id, "Sri Wahyuni", 311).await;
    app.activate(&hr, w["id"].as_str().unwrap(), "0001234500011").await;

    let start = Utc::now();
    let report = deliver(&app, start).await;
    assert_eq!((report.sent, report.retried, report.failed), (0, 1, 0));
    let list = deliveries(&app, &hr, &company_id).await;
    assert_eq!(list.len(), 1);
    assert_eq!((list[0]["status"].as_str(), list[0]["attempts"].as_i64()), (Some("queued"), Some(1)));
    let error = list[0]["last_error"].as_str().unwrap();
    assert!(error.contains("500") && error.contains("receiver broke"), "{error}");
    assert!(list[0]["next_attempt_at"].is_string());

    // Not due again yet (30 s later): nothing is sent.
    assert_eq!(deliver(&app, start + TimeDelta::seconds(10)).await, Default::default());
    assert_eq!(receiver.received().len(), 1);
    let report = deliver(&app, start + TimeDelta::seconds(31)).await;
    assert_eq!((report.sent, report.retried, report.failed), (1, 0, 0));
    let got = receiver.received();
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].body, got[1].body, "a retry sends the same event");
    assert_eq!(got[0].headers["tertib-delivery"], got[1].headers["tertib-delivery"]);
    assert!(signed_by(&got[1].headers["tertib-signature"], &got[1].body, &secret));
    let list = deliveries(&app, &hr, &company_id).await;
    assert_eq!(
        (list[0]["status"].as_str(), list[0]["attempts"].as_i64(), list[0]["last_error"].as_str()),
        (Some("sent"), Some(2), Some(""))
    );
    assert!(list[0]["sent_at"].is_string() && list[0]["next_attempt_at"].is_null());
}

async fn a_delivery_nobody_answers_fails_for_good_after_its_last_attempt(app: TestApp) {
    let hr = app.token_for(Role::Hr).await;
    // A port nothing listens on: every attempt is refused.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let company_id = company(&app, &hr, "GONE").await;
    webhook(&app, &hr, &company_id, &format!("http://{closed}/hook"), true).await;
    let w = placed(&app, &hr, &company_id, "Agus Salim", 321).await;
    app.activate(&hr, w["id"].as_str().unwrap(), "0001234500021").await;
    let mut at = Utc::now();
    let max = tertib_domain::webhooks::MAX_ATTEMPTS;
    for attempt in 1..=max {
        let report = deliver(&app, at).await;
        let expected = if attempt < max { (0, 1, 0) } else { (0, 0, 1) };
        assert_eq!((report.sent, report.retried, report.failed), expected, "attempt {attempt}");
        at += TimeDelta::hours(1) + TimeDelta::seconds(1);
    }
    assert_eq!(deliver(&app, at + TimeDelta::days(1)).await, Default::default());
    let list = deliveries(&app, &hr, &company_id).await;
    assert_eq!((list[0]["status"].as_str(), list[0]["attempts"].as_i64()), (Some("failed"), Some(i64::from(max))));
    assert!(list[0]["last_error"].as_str().unwrap().contains("error sending request"), "{}", list[0]["last_error"]);
}

async fn a_webhook_turned_off_sends_nothing_and_no_company_hears_of_anothers_workers(app: TestApp) {
    let hr = app.token_for(Role::Hr).await;
    let (off, other) = (Receiver::start(&[]), Receiver::start(&[]));
    let quiet = company(&app, &hr, "QUIET").await;
    let elsewhere = company(&app, &hr, "ELSE").await;
    webhook(&app, &hr, &quiet, &off.url(), false).await;
    webhook(&app, &hr, &elsewhere, &other.url(), true).await;

    // Off when the change happens: nothing is queued, nothing sent, to anyone.
    let w = placed(&app, &hr, &quiet, "Rina Marlina", 331).await;
    let wid = w["id"].as_str().unwrap();
    app.activate(&hr, wid, "0001234500031").await;
    assert_eq!(deliver(&app, Utc::now()).await, Default::default());
    assert!(deliveries(&app, &hr, &quiet).await.is_empty());
    assert!(deliveries(&app, &hr, &elsewhere).await.is_empty());

    // On when it happens, then turned off before it is sent: it is dropped, not sent.
    let (status, body) = set_webhook(&app, &hr, &quiet, &off.url(), true).await;
    assert_eq!((status, body["secret"].clone()), (200, Value::Null), "{body}");
    terminate(&app, &hr, wid).await;
    assert_eq!(deliveries(&app, &hr, &quiet).await.len(), 1);
    assert_eq!(set_webhook(&app, &hr, &quiet, &off.url(), false).await.0, 200);
    let report = deliver(&app, Utc::now()).await;
    assert_eq!((report.sent, report.failed), (0, 1));
    let list = deliveries(&app, &hr, &quiet).await;
    assert_eq!(
        (list[0]["status"].as_str(), list[0]["last_error"].as_str()),
        (Some("failed"), Some("webhook turned off"))
    );
    assert!(off.received().is_empty() && other.received().is_empty());

    // The other company hears of its own worker only.
    let mine = placed(&app, &hr, &elsewhere, "Dedi Kurniawan", 341).await;
    app.activate(&hr, mine["id"].as_str().unwrap(), "0001234500041").await;
    assert_eq!(deliver(&app, Utc::now()).await.sent, 1);
    let got = other.received();
    assert_eq!(got.len(), 1);
    assert!(got[0].body.contains(mine["id"].as_str().unwrap()) && !got[0].body.contains(wid));
    assert!(off.received().is_empty());
}

async fn only_directors_and_hr_set_webhooks_and_no_answer_shows_the_secret_again(app: TestApp) {
    let hr = app.token_for(Role::Hr).await;
    let director = app.director_token().await;
    let company_id = company(&app, &hr, "SECRET").await;
    let base = format!("/api/v1/client-companies/{company_id}/webhook");
    assert_eq!(app.get(&base, &hr).await.status(), 404, "no webhook yet");
    assert_eq!(set_webhook(&app, &hr, "no-such-company", "https://example.com/h", true).await.0, 404);
    for bad in ["ftp://example.com/h", "example.com/h", "https://user:pw@example.com/h", "javascript:alert(1)"] {
        let (status, body) = set_webhook(&app, &hr, &company_id, bad, true).await;
        assert_eq!((status, body["details"][0]["code"].as_str()), (422, Some("webhook_url_invalid")), "{bad}: {body}");
    }
    let secret = webhook(&app, &hr, &company_id, "https://hris.example.co.id/tertib", true).await;
    assert!(secret.len() >= 40, "{secret}");

    for role in [Role::Client, Role::AdminOps] {
        let token = app.token_for(role).await;
        let calls = [
            app.get(&base, &token).await,
            app.put(&base, &token, &json!({"url": "https://evil.example/h", "enabled": true})).await,
            app.client.delete(app.url(&base)).bearer_auth(&token).send().await.unwrap(),
            app.post(&format!("{base}/secret"), &token, &json!({})).await,
            app.get(&format!("{base}/deliveries"), &token).await,
        ];
        for res in calls {
            let (status, body) = app.json(res).await;
            assert_eq!((status, body["code"].as_str()), (403, Some("forbidden")), "{role:?}");
        }
    }

    let (status, changed) = set_webhook(&app, &director, &company_id, "https://hris.example.co.id/v2", true).await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["webhook"]["url"], "https://hris.example.co.id/v2");
    let (status, rotated) = app.json(app.post(&format!("{base}/secret"), &hr, &json!({})).await).await;
    assert_eq!(status, 200);
    let new_secret = rotated["secret"].as_str().unwrap().to_string();
    assert_ne!(new_secret, secret);

    let mut answers = vec![changed.to_string()];
    answers.push(app.get(&base, &hr).await.text().await.unwrap());
    answers.push(app.get(&format!("{base}/deliveries"), &hr).await.text().await.unwrap());
    answers.push(app.get("/api/v1/audit?entity_type=webhook&per_page=100", &director).await.text().await.unwrap());
    let audit: Value = serde_json::from_str(answers.last().unwrap()).unwrap();
    let actions: Vec<&str> = audit["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    for action in ["webhook.create", "webhook.update", "webhook.rotate_secret"] {
        assert!(actions.contains(&action), "{action} not audited: {actions:?}");
    }
    for answer in &answers {
        assert!(!answer.contains(&secret) && !answer.contains(&new_secret), "a secret in {answer}");
    }
    let view: Value = serde_json::from_str(&answers[1]).unwrap();
    assert_eq!((view["url"].as_str(), view["enabled"].as_bool()), (Some("https://hris.example.co.id/v2"), Some(true)));

    let res = app.client.delete(app.url(&base)).bearer_auth(&hr).send().await.unwrap();
    assert_eq!(res.status(), 204);
    assert_eq!(app.get(&base, &hr).await.status(), 404);
    let audit: Value =
        app.get("/api/v1/audit?entity_type=webhook&action=webhook.delete", &director).await.json().await.unwrap();
    assert_eq!(audit["total"], 1, "{audit}");
}

db_tests!(
    a_placed_workers_status_change_is_posted_once_signed_and_masked,
    a_failing_receiver_gets_the_delivery_again_until_it_answers_2xx,
    a_delivery_nobody_answers_fails_for_good_after_its_last_attempt,
    a_webhook_turned_off_sends_nothing_and_no_company_hears_of_anothers_workers,
    only_directors_and_hr_set_webhooks_and_no_answer_shows_the_secret_again,
);
