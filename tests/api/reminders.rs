//! Email reminders through the outbox and a real SMTP server: the alert for a termination close to
//! the cut-off, the digest as the director reads it, SMTP down and back, two instances on one
//! database, and a month of schedule driven by the clock.

use std::time::Duration;

use chrono::{DateTime, Datelike, TimeDelta, Utc};
use serde_json::{json, Value};
use tertib_domain::Role;
use tertib_tests::mail::SmtpSink;
use tertib_tests::registry::{wife, worker};
use tertib_tests::{db_tests, DbKind, TestApp, DIRECTOR_EMAIL};

fn hire(name: &str, serial: u16) -> Value {
    let mut body = worker(name, serial);
    body["faskes_code"] = json!("0901R001");
    body["family"] = json!([wife(serial + 1)]);
    body
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// A registered worker terminated on `date` (`YYYY-MM-DD`): answers the worker and the case.
async fn terminated(
    app: &TestApp,
    token: &str,
    name: &str,
    serial: u16,
    date: &str,
    company: Option<&Value>,
) -> (Value, Value) {
    let mut body = hire(name, serial);
    if let Some(c) = company {
        body["client_company_id"] = c["id"].clone();
    }
    let w = app.create_worker(token, &body).await;
    let wid = w["id"].as_str().unwrap();
    app.activate(token, wid, &format!("000{serial:010}")).await;
    let res = app
        .post(
            &format!("/api/v1/workers/{wid}/termination"),
            token,
            &json!({"termination_date": date, "reason": "end_of_contract"}),
        )
        .await;
    let (status, outcome) = app.json(res).await;
    assert_eq!(status, 201, "{outcome}");
    (w, outcome["deactivation_case"].clone())
}

fn assert_masked(message: &Value, full_nik: &str) {
    for part in ["text", "html"] {
        let body = message[part].as_str().unwrap_or_else(|| panic!("no {part} part: {message}"));
        assert!(!body.contains(full_nik), "a full NIK in the {part} part");
        assert!(body.contains(&format!("{}********{}", &full_nik[..4], &full_nik[12..])), "{part}: {body}");
    }
}

async fn a_late_termination_alerts_the_director_and_the_digest_arrives_by_smtp(app: TestApp) {
    let sink = SmtpSink::start();
    let director = app.director_token().await;
    let hr = app.token_for(Role::Hr).await;
    // Today is the cut-off day: a termination today is due today, inside the 3-day alert window.
    let today = tertib::registry::today();
    let settings = json!({"cutoff_day": today.day(), "phk_cover_months": 6, "ageing_notice_days": 60, "max_document_bytes": 5000000});
    assert_eq!(app.put("/api/v1/settings/lifecycle", &director, &settings).await.status(), 200);
    // The scheduled digest at the day's last minute, so that only "send now" sends one whatever
    // the hour the test runs at.
    let mut reminders: Value = app.get("/api/v1/settings/reminders", &director).await.json().await.unwrap();
    reminders["digest_time"] = json!("23:59");
    assert_eq!(app.put("/api/v1/settings/reminders", &director, &reminders).await.status(), 200);
    // Placed where the minimum wage (7,000,000) is above his wage (6,000,000): the floor counts.
    let company = app.create_company(&hr, "UMK", Some(7_000_000)).await;
    let (w, case) =
        terminated(&app, &hr, "Mulyono Hadi", 10, &today.format("%Y-%m-%d").to_string(), Some(&company)).await;
    let full_nik = w["nik"].as_str().unwrap();

    // Queued in the termination's transaction; nothing leaves without SMTP configured.
    let outbox: Value = app.get("/api/v1/outbox", &director).await.json().await.unwrap();
    assert_eq!((outbox["total"].as_i64(), outbox["smtp_configured"].as_bool()), (Some(1), Some(false)));
    assert_eq!(outbox["items"][0]["kind"], "termination_alert");
    assert_eq!(app.get("/api/v1/outbox", &hr).await.status(), 403);

    // The digest preview, then "send now"; one run sends both through the SMTP server.
    let preview: Value = app.post("/api/v1/reminders/digest/preview", &hr, &json!({})).await.json().await.unwrap();
    assert_eq!(preview["digest"]["deactivations_before_cutoff"][0]["worker_name"], "Mulyono Hadi");
    // 5% of the floored wage, though the placement ended with the termination.
    assert_eq!(preview["digest"]["deactivations_before_cutoff"][0]["at_stake"], 350_000);
    assert_eq!(app.post("/api/v1/reminders/digest/send", &director, &json!({})).await.status(), 202);
    let report = app.run_reminders(Some(sink.url()), Utc::now()).await;
    assert_eq!((report.sent, report.retried), (2, 0));

    let mails = sink.wait_for(2, Duration::from_secs(10)).await;
    assert_eq!(mails.len(), 2);
    for m in &mails {
        assert_eq!(m["to"], json!([DIRECTOR_EMAIL]));
        assert_masked(m, full_nik);
    }
    let alert = mails.iter().find(|m| m["subject"].as_str().unwrap().contains("segera laporkan")).unwrap();
    assert!(alert["subject"].as_str().unwrap().contains("Mulyono Hadi"));
    let link = format!("http://tertib.test/kasus/{}", case["id"].as_str().unwrap());
    assert!(alert["text"].as_str().unwrap().contains(&link) && alert["html"].as_str().unwrap().contains(&link));
    let digest = mails.iter().find(|m| m["subject"].as_str().unwrap().contains("ringkasan")).unwrap();
    let text = digest["text"].as_str().unwrap();
    assert!(text.contains("Penonaktifan yang harus dilaporkan sebelum cut-off bulan ini (1)"), "{text}");
    assert!(text.contains("Mulyono Hadi") && text.contains("kontrak berakhir") && text.contains("PT UMK"), "{text}");
    assert!(digest["html"].as_str().unwrap().contains("<li><a href=\"http://tertib.test/kasus/"));
    let outbox: Value = app.get("/api/v1/outbox?status=sent", &director).await.json().await.unwrap();
    assert_eq!(outbox["total"], 2);
}

async fn mails_wait_while_smtp_is_down_and_arrive_once_when_it_is_back(app: TestApp) {
    let mut sink = SmtpSink::start();
    let director = app.director_token().await;
    sink.stop();
    assert_eq!(app.post("/api/v1/reminders/digest/send", &director, &json!({})).await.status(), 202);
    let t0 = Utc::now();
    let report = app.run_reminders(Some(sink.url()), t0).await;
    assert_eq!((report.sent, report.retried), (0, 1));
    let outbox: Value = app.get("/api/v1/outbox", &director).await.json().await.unwrap();
    let m = &outbox["items"][0];
    assert_eq!((m["status"].as_str(), m["attempts"].as_i64()), (Some("queued"), Some(1)));
    assert!(!m["last_error"].as_str().unwrap().is_empty());
    // Not due again before the back-off (30 s).
    assert_eq!(app.run_reminders(Some(sink.url()), t0 + TimeDelta::seconds(10)).await.sent, 0);
    let second = app.run_reminders(Some(sink.url()), t0 + TimeDelta::seconds(31)).await;
    assert_eq!(second.retried, 1, "still down");

    sink.resume();
    // 30 s, then 60 s: due again 91 s after the first try.
    let back = app.run_reminders(Some(sink.url()), t0 + TimeDelta::seconds(92)).await;
    assert_eq!(back.sent, 1);
    assert_eq!(app.run_reminders(Some(sink.url()), t0 + TimeDelta::hours(2)).await.sent, 0);
    assert_eq!(sink.wait_for(2, Duration::from_secs(2)).await.len(), 1, "exactly once");
    let outbox: Value = app.get("/api/v1/outbox", &director).await.json().await.unwrap();
    assert_eq!(
        (outbox["items"][0]["status"].as_str(), outbox["items"][0]["attempts"].as_i64()),
        (Some("sent"), Some(3))
    );
}

async fn a_failed_mail_stays_visible_and_can_be_sent_again(app: TestApp) {
    let mut sink = SmtpSink::start();
    let director = app.director_token().await;
    let settings = json!({"digest_time": "07:00", "time_zone": "Asia/Jakarta", "include_hr": false, "skip_empty": true,
        "alert_days_before_cutoff": 3, "monthly_reminder_day": 5, "max_attempts": 1});
    assert_eq!(app.put("/api/v1/settings/reminders", &director, &settings).await.status(), 200);
    sink.stop();
    app.post("/api/v1/reminders/digest/send", &director, &json!({})).await;
    let report = app.run_reminders(Some(sink.url()), Utc::now()).await;
    assert_eq!(report.failed, 1);
    let failed: Value = app.get("/api/v1/outbox?status=failed", &director).await.json().await.unwrap();
    let id = failed["items"][0]["id"].as_str().unwrap();
    sink.resume();
    assert_eq!(
        app.run_reminders(Some(sink.url()), Utc::now() + TimeDelta::hours(1)).await.sent,
        0,
        "failed stays failed"
    );
    let res = app.post(&format!("/api/v1/outbox/{id}/resend"), &director, &json!({})).await;
    assert_eq!(res.status(), 200);
    assert_eq!(app.run_reminders(Some(sink.url()), Utc::now() + TimeDelta::seconds(1)).await.sent, 1);
    assert_eq!(sink.wait_for(1, Duration::from_secs(5)).await.len(), 1);
    assert_eq!(app.post(&format!("/api/v1/outbox/{id}/resend"), &director, &json!({})).await.status(), 409);
}

async fn a_month_of_schedule_queues_one_digest_a_day_and_one_contribution_reminder(app: TestApp) {
    let director = app.director_token().await;
    let hr = app.token_for(Role::Hr).await;
    // Terminated on 21 November, after the cut-off (20th): due 20 December.
    let (_, case) = terminated(&app, &hr, "Nur Aini", 20, "2026-11-21", None).await;
    assert_eq!(case["due_date"], "2026-12-20");
    // Every hour from 28 November to 3 January (a month end, the cut-off day, a year end).
    let mut t = at("2026-11-28T00:00:00Z");
    while t < at("2027-01-04T00:00:00Z") {
        app.run_reminders(None, t).await;
        t += TimeDelta::hours(1);
    }
    let page: Value = app.get("/api/v1/outbox?per_page=100", &director).await.json().await.unwrap();
    let items = page["items"].as_array().unwrap();
    let digests: Vec<&str> =
        items.iter().filter(|m| m["kind"] == "digest").map(|m| m["subject"].as_str().unwrap()).collect();
    // 07:00 WIB on each day from 28 November to 3 January: 37 days, one digest each.
    assert_eq!(digests.len(), 37, "{digests:?}");
    let on = |day: &str| digests.iter().find(|s| s.contains(day)).unwrap_or_else(|| panic!("no digest on {day}"));
    assert!(on("20-12-2026").contains("(0 terlambat)"), "due on the cut-off day itself");
    assert!(on("21-12-2026").contains("(1 terlambat)"), "overdue the day after");
    assert!(on("01-01-2027").contains("(1 terlambat)"));
    let monthly: Vec<&Value> = items.iter().filter(|m| m["kind"] == "contribution_reminder").collect();
    assert_eq!(monthly.len(), 1, "December's only (January's is on the 5th)");
    assert!(monthly[0]["subject"].as_str().unwrap().contains("12-2026"));
    let created: DateTime<Utc> = serde_json::from_value(monthly[0]["created_at"].clone()).unwrap();
    assert_eq!(created, at("2026-12-05T00:00:00Z"), "07:00 WIB on the 5th");
}

async fn a_day_with_nothing_to_say_sends_no_digest(app: TestApp) {
    let director = app.director_token().await;
    app.run_reminders(None, at("2026-12-01T02:00:00Z")).await;
    let page: Value = app.get("/api/v1/outbox", &director).await.json().await.unwrap();
    assert_eq!(page["total"], 0);
}

db_tests!(
    a_late_termination_alerts_the_director_and_the_digest_arrives_by_smtp,
    mails_wait_while_smtp_is_down_and_arrive_once_when_it_is_back,
    a_failed_mail_stays_visible_and_can_be_sent_again,
    a_month_of_schedule_queues_one_digest_a_day_and_one_contribution_reminder,
    a_day_with_nothing_to_say_sends_no_digest,
);

/// Two servers on one PostgreSQL database, both running the sender every second: each of twelve
/// mails arrives once.
#[actix_rt::test]
async fn two_instances_on_one_postgresql_database_send_each_mail_once() {
    let sink = SmtpSink::start();
    let url = sink.url();
    let every_second = |c: &mut tertib::config::Config| {
        c.smtp_url = Some(tertib::config::Secret::new(url.clone()));
        c.reminder_schedule = "* * * * * *".into();
    };
    let app = TestApp::spawn_with(DbKind::Postgres, every_second).await;
    let _second = app.second_instance(every_second).await;
    let director = app.director_token().await;
    for _ in 0..12 {
        assert_eq!(app.post("/api/v1/reminders/digest/send", &director, &json!({})).await.status(), 202);
    }
    let mails = sink.wait_for(12, Duration::from_secs(30)).await;
    assert_eq!(mails.len(), 12);
    // Give both instances a few more runs: nothing is sent twice.
    actix_rt::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(sink.messages().len(), 12);
    let sent: Value = app.get("/api/v1/outbox?status=sent", &director).await.json().await.unwrap();
    assert_eq!(sent["total"], 12);
}
