//! The membership lifecycle through the API: registration, transfer with a previous employer and
//! arrears, deactivation after termination (cut-off, documents by reason, PHK cover), the daily
//! check for children reaching 21, the audit trail and the SOP.

use chrono::{Datelike, Months};
use serde_json::{json, Value};
use tertib_domain::person::Gender;
use tertib_domain::Role;
use tertib_tests::lifecycle::{PDF, PNG};
use tertib_tests::registry::{child, details, nik, wife, worker};
use tertib_tests::{db_tests, TestApp};

const FASKES: &str = "0901R001";

/// A worker with a wife and a child, complete for BPJS (KK and clinic), no card yet.
fn new_hire(name: &str, serial: u16) -> Value {
    let mut body = worker(name, serial);
    body["faskes_code"] = json!(FASKES);
    body["family"] = json!([wife(serial + 1), child("Adi", "2015-03-03", serial + 2)]);
    body
}

fn codes(body: &Value) -> Vec<String> {
    details(body).into_iter().map(|(_, code)| code).collect()
}

fn statuses(family: &Value) -> Vec<String> {
    family.as_array().unwrap().iter().map(|m| m["membership_status"].as_str().unwrap().to_string()).collect()
}

async fn a_registration_follows_its_checklist_and_roles_to_an_active_membership(app: TestApp) {
    let hr = app.token_for(Role::Hr).await;
    let ops = app.token_for(Role::AdminOps).await;
    let w = app.create_worker(&hr, &new_hire("Budi Santoso", 10)).await;
    let wid = w["id"].as_str().unwrap();
    let case = app.case_of(&hr, wid, "registration").await;
    let id = case["id"].as_str().unwrap();
    assert_eq!(case["state"], "open");
    assert_eq!(case["allowed_actions"], json!(["block", "submit", "cancel"]));

    // An illegal step names the allowed ones; an incomplete checklist names what is missing.
    let (status, body) = app.step(&hr, id, json!({"action": "accept"})).await;
    assert_eq!((status, body["code"].as_str().unwrap()), (409, "illegal_transition"));
    assert_eq!(codes(&body), ["block", "submit", "cancel"]);
    let (status, body) = app.step(&hr, id, json!({"action": "submit"})).await;
    assert_eq!((status, body["code"].as_str().unwrap()), (422, "checklist_incomplete"));
    assert_eq!(codes(&body), ["family_complete"]);

    // Operational admins collect (tick the checklist) but do not submit.
    let (status, ticked) = app.tick(&ops, id, "family_complete").await;
    assert_eq!(status, 200, "{ticked}");
    assert_eq!(ticked["allowed_actions"], json!(["block"]), "admin_ops may only hold a case up");
    let (status, body) = app.step(&ops, id, json!({"action": "submit"})).await;
    assert_eq!((status, body["code"].as_str().unwrap()), (403, "forbidden"));
    let (status, body) = app.tick(&hr, id, "worker_data_complete").await;
    assert_eq!((status, codes(&body)), (422, vec!["not_a_confirmation".to_string()]), "Tertib checks data itself");

    let (status, submitted) = app.step(&hr, id, json!({"action": "submit", "version": ticked["version"]})).await;
    assert_eq!((status, submitted["state"].as_str().unwrap()), (200, "submitted"));
    assert_eq!(app.membership(&hr, wid).await, "registration_submitted");
    // A stale version is refused.
    let (status, _) = app.step(&hr, id, json!({"action": "reject", "reason": "x", "version": ticked["version"]})).await;
    assert_eq!(status, 409);

    // BPJS rejects: a reason is required; the worker is back to not registered; fix and resubmit.
    let (status, body) = app.step(&hr, id, json!({"action": "reject"})).await;
    assert_eq!((status, codes(&body)), (422, vec!["reason_required".to_string()]));
    let (status, rejected) =
        app.step(&hr, id, json!({"action": "reject", "reason": "NIK istri tidak padan Dukcapil"})).await;
    assert_eq!((status, rejected["state_reason"].as_str().unwrap()), (200, "NIK istri tidak padan Dukcapil"));
    assert_eq!(app.membership(&hr, wid).await, "not_registered");
    assert_eq!(app.step(&hr, id, json!({"action": "submit"})).await.0, 200);

    // Accepted: the card number is needed and recorded; worker and covered family are active.
    let (status, body) = app.step(&hr, id, json!({"action": "accept"})).await;
    assert_eq!((status, codes(&body)), (422, vec!["card_number".to_string()]));
    let (status, body) = app.step(&hr, id, json!({"action": "accept", "noka": "12345"})).await;
    assert_eq!((status, codes(&body)), (422, vec!["noka_wrong_length".to_string()]));
    let (status, done) = app.step(&hr, id, json!({"action": "accept", "noka": "0001234567890"})).await;
    assert_eq!((status, done["state"].as_str().unwrap()), (200, "completed"));
    assert!(done["allowed_actions"].as_array().unwrap().is_empty());
    let w: Value = app.get(&format!("/api/v1/workers/{wid}"), &hr).await.json().await.unwrap();
    assert_eq!((w["membership_status"].as_str(), w["noka"].as_str()), (Some("active"), Some("0001234567890")));
    let family: Value = app.get(&format!("/api/v1/workers/{wid}/family"), &hr).await.json().await.unwrap();
    assert_eq!(statuses(&family), ["active", "active"]);

    // A terminal state stays terminal.
    let (status, body) = app.step(&hr, id, json!({"action": "cancel", "reason": "x"})).await;
    assert_eq!((status, codes(&body)), (409, Vec::<String>::new()));

    // The history of the membership and of the case.
    let events: Value = app.get(&format!("/api/v1/workers/{wid}/membership"), &hr).await.json().await.unwrap();
    let worker_events: Vec<&str> = events
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["family_member_id"].is_null())
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(worker_events, ["registration_submitted", "not_registered", "registration_submitted", "active"]);
    let history: Value = app.get(&format!("/api/v1/cases/{id}/history"), &ops).await.json().await.unwrap();
    let actions: Vec<&str> = history.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(
        actions,
        ["case.open", "case.checklist", "case.transition", "case.transition", "case.transition", "case.transition"]
    );
}

async fn a_transfer_waits_for_the_previous_employer_and_for_self_paying_arrears(app: TestApp) {
    let hr = app.token_for(Role::Hr).await;
    let mut body = new_hire("Citra Dewi", 20);
    body["noka"] = json!("0009876543210");
    let w = app.create_worker(&hr, &body).await;
    let wid = w["id"].as_str().unwrap();
    let case = app.case_of(&hr, wid, "transfer").await;
    let id = case["id"].as_str().unwrap();
    // Nothing is known of the previous membership yet: blocked by Tertib itself.
    assert_eq!(case["state"], "blocked");
    assert_eq!(case["blocking_reasons"].as_array().unwrap().len(), 1);

    // Still active at the previous employer: shown on the worker, and unblocking is refused.
    let previous = json!({"segment": "other_employer", "status": "active", "employer_name": "PT Lama Jaya", "follow_up_date": "2026-12-01"});
    let res = app
        .patch(&format!("/api/v1/cases/{id}"), &hr, &json!({"version": case["version"], "previous": previous}))
        .await;
    let (status, case) = app.json(res).await;
    assert_eq!(status, 200, "{case}");
    assert_eq!(app.membership(&hr, wid).await, "active_elsewhere");
    let (status, body) = app.step(&hr, id, json!({"action": "unblock"})).await;
    assert_eq!((status, codes(&body)), (422, vec!["previous_membership_inactive".to_string()]));
    let (status, body) = app.step(&hr, id, json!({"action": "submit"})).await;
    assert_eq!((status, body["code"].as_str().unwrap()), (409, "illegal_transition"));

    // The previous employer deactivated; but the worker was self-paying in between, with arrears.
    let previous = json!({"segment": "self_paying", "status": "inactive"});
    let res = app
        .patch(&format!("/api/v1/cases/{id}"), &hr, &json!({"version": case["version"], "previous": previous}))
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(app.membership(&hr, wid).await, "not_registered");
    let res = app
        .post(
            &format!("/api/v1/workers/{wid}/arrears"),
            &hr,
            &json!({"source": "self_paying", "months": 30, "amount": 1_260_000}),
        )
        .await;
    let (status, arrears) = app.json(res).await;
    assert_eq!(status, 201, "{arrears}");
    assert_eq!((arrears["counted_months"].as_u64(), arrears["fine_percent"].as_u64()), (Some(24), Some(60)));
    let (status, body) = app.step(&hr, id, json!({"action": "unblock"})).await;
    assert_eq!((status, codes(&body)), (422, vec!["arrears_cleared".to_string()]));

    // Paid, with evidence: the transfer goes on and is accepted with the card it already has.
    let aid = arrears["id"].as_str().unwrap();
    let res = app.patch(&format!("/api/v1/arrears/{aid}"), &hr, &json!({"version": 1, "status": "paid"})).await;
    let (status, body) = app.json(res).await;
    assert_eq!((status, codes(&body)), (422, vec!["evidence_required".to_string()]));
    let settle = json!({"version": 1, "status": "paid", "evidence": "Kuitansi BPJS 2026/11/0042"});
    assert_eq!(app.patch(&format!("/api/v1/arrears/{aid}"), &hr, &settle).await.status(), 200);
    assert_eq!(app.step(&hr, id, json!({"action": "unblock"})).await.0, 200);
    assert_eq!(app.tick(&hr, id, "family_complete").await.0, 200);
    assert_eq!(app.step(&hr, id, json!({"action": "submit"})).await.0, 200);
    let (status, done) = app.step(&hr, id, json!({"action": "accept"})).await;
    assert_eq!((status, done["state"].as_str().unwrap()), (200, "completed"), "{done}");
    assert_eq!(app.membership(&hr, wid).await, "active");
}

async fn a_dismissal_needs_phk_proof_and_leaves_six_months_of_cover(app: TestApp) {
    let hr = app.token_for(Role::Hr).await;
    let ops = app.token_for(Role::AdminOps).await;
    let w = app.create_worker(&hr, &new_hire("Dedi Kurniawan", 30)).await;
    let wid = w["id"].as_str().unwrap();
    app.activate(&hr, wid, "0001111111111").await;

    // Admin ops may not record a termination; a future date or an unknown reason is refused.
    let path = format!("/api/v1/workers/{wid}/termination");
    let body = json!({"termination_date": "2026-10-05", "reason": "dismissal"});
    assert_eq!(app.post(&path, &ops, &body).await.status(), 403);
    let res = app.post(&path, &hr, &json!({"termination_date": "2099-01-01", "reason": "dismissal"})).await;
    let (status, err) = app.json(res).await;
    assert_eq!((status, codes(&err)), (422, vec!["termination_date_in_future".to_string()]));
    assert_eq!(app.post(&path, &hr, &json!({"termination_date": "2026-10-05", "reason": "fired"})).await.status(), 400);

    let (status, outcome) = app.json(app.post(&path, &hr, &body).await).await;
    assert_eq!(status, 201, "{outcome}");
    let case = &outcome["deactivation_case"];
    let id = case["id"].as_str().unwrap();
    // Before the cut-off (20th): due this month, so overdue by now.
    assert_eq!((case["due_date"].as_str(), case["overdue"].as_bool()), (Some("2026-10-20"), Some(true)));
    let keys: Vec<&str> = case["checklist"].as_array().unwrap().iter().map(|i| i["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["document:phk_proof"]);
    assert_eq!(app.post(&path, &hr, &body).await.status(), 422, "a second termination is refused");

    // Documents: type judged by content, size limited, admin ops may upload.
    let (status, err) = app.upload(&ops, id, "phk_proof", "surat.pdf", b"MZ\x90\x00 not a pdf").await;
    assert_eq!((status, err["code"].as_str().unwrap()), (415, "unsupported_media_type"));
    let (status, doc) = app.upload(&ops, id, "phk_proof", "Surat PHK Dedi.pdf", PDF).await;
    assert_eq!((status, doc["media_type"].as_str()), (201, Some("application/pdf")), "{doc}");
    let res = app.get(&format!("/api/v1/documents/{}", doc["id"].as_str().unwrap()), &ops).await;
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert!(res.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
    assert_eq!(res.bytes().await.unwrap().as_ref(), PDF);

    let (status, submitted) = app.step(&hr, id, json!({"action": "submit"})).await;
    assert_eq!(status, 200, "{submitted}");
    assert_eq!(app.membership(&hr, wid).await, "deactivation_submitted");
    assert_eq!(app.step(&hr, id, json!({"action": "accept"})).await.0, 200);
    let w: Value = app.get(&format!("/api/v1/workers/{wid}"), &hr).await.json().await.unwrap();
    assert_eq!(
        (w["membership_status"].as_str(), w["membership_since"].as_str()),
        (Some("phk_cover"), Some("2026-10-05"))
    );
    let family: Value = app.get(&format!("/api/v1/workers/{wid}/family"), &hr).await.json().await.unwrap();
    assert_eq!(statuses(&family), ["phk_cover", "phk_cover"], "the family keeps the cover too");
    let events: Value = app.get(&format!("/api/v1/workers/{wid}/membership"), &hr).await.json().await.unwrap();
    let last = events.as_array().unwrap().iter().rev().find(|e| e["family_member_id"].is_null()).unwrap();
    assert_eq!(last["until"], "2027-04-05");

    // The current placement ended with the termination.
    let placements: Value = app.get(&format!("/api/v1/workers/{wid}/placements"), &hr).await.json().await.unwrap();
    assert!(placements.as_array().unwrap().iter().all(|p| !p["end_date"].is_null()));

    // When the six months are over, the daily check ends the cover.
    let report = app.run_daily_check(chrono::NaiveDate::from_ymd_opt(2027, 4, 6).unwrap()).await;
    assert_eq!(report.covers_ended, 3);
    assert_eq!(app.membership(&hr, wid).await, "inactive");
}

async fn other_reasons_need_sptjm_leavers_list_and_proof_due_at_the_cut_off(app: TestApp) {
    let director = app.director_token().await;
    let hr = app.token_for(Role::Hr).await;
    // The branch takes reports up to the 25th.
    let settings =
        json!({"cutoff_day": 25, "phk_cover_months": 6, "ageing_notice_days": 60, "max_document_bytes": 10000});
    assert_eq!(app.put("/api/v1/settings/lifecycle", &hr, &settings).await.status(), 403);
    let bad = json!({"cutoff_day": 0, "phk_cover_months": 6, "ageing_notice_days": 60, "max_document_bytes": 10000});
    let (status, err) = app.json(app.put("/api/v1/settings/lifecycle", &director, &bad).await).await;
    assert_eq!((status, details(&err)), (422, vec![("cutoff_day".to_string(), "out_of_range".to_string())]));
    assert_eq!(app.put("/api/v1/settings/lifecycle", &director, &settings).await.status(), 200);

    let w = app.create_worker(&hr, &new_hire("Eka Putri", 40)).await;
    let wid = w["id"].as_str().unwrap();
    app.activate(&hr, wid, "0002222222222").await;
    // After the 25th: due at next month's cut-off.
    let path = format!("/api/v1/workers/{wid}/termination");
    let body = json!({"termination_date": "2026-10-26", "reason": "resignation"});
    let (status, outcome) = app.json(app.post(&path, &hr, &body).await).await;
    assert_eq!(status, 201, "{outcome}");
    let case = &outcome["deactivation_case"];
    let id = case["id"].as_str().unwrap();
    assert_eq!(case["due_date"], "2026-11-25");

    let (status, err) = app.step(&hr, id, json!({"action": "submit"})).await;
    assert_eq!(
        (status, codes(&err)),
        (422, vec!["document:sptjm".into(), "document:leavers_list".into(), "document:termination_proof".into()])
    );
    assert_eq!(app.upload(&hr, id, "sptjm", "sptjm.pdf", PDF).await.0, 201);
    assert_eq!(app.upload(&hr, id, "leavers_list", "daftar.png", PNG).await.0, 201);
    // Larger than the configured 10,000 bytes.
    let mut big = PDF.to_vec();
    big.resize(10_001, b' ');
    assert_eq!(app.upload(&hr, id, "termination_proof", "besar.pdf", &big).await.0, 413);
    let (status, err) = app.step(&hr, id, json!({"action": "submit"})).await;
    assert_eq!((status, codes(&err)), (422, vec!["document:termination_proof".to_string()]));
    assert_eq!(app.upload(&hr, id, "termination_proof", "surat.pdf", PDF).await.0, 201);
    assert_eq!(app.step(&hr, id, json!({"action": "submit"})).await.0, 200);
    assert_eq!(app.step(&hr, id, json!({"action": "accept"})).await.0, 200);
    let w: Value = app.get(&format!("/api/v1/workers/{wid}"), &hr).await.json().await.unwrap();
    assert_eq!(
        (w["membership_status"].as_str(), w["membership_since"].as_str()),
        (Some("inactive"), Some("2026-10-26"))
    );

    // The SOP prints the setting in force and every required document.
    let sop = app.get("/api/v1/sop", &hr).await.text().await.unwrap();
    assert!(sop.contains("tanggal 25"), "{sop}");
    assert!(sop.contains("SPTJM"));
    let html = app.get("/api/v1/sop?format=html&lang=en", &hr).await.text().await.unwrap();
    assert!(html.contains("<table>") && html.contains("Submit to BPJS") && html.contains("day 25"), "{html}");
}

async fn a_worker_who_leaves_before_registration_needs_no_deactivation(app: TestApp) {
    let hr = app.token_for(Role::Hr).await;
    let w = app.create_worker(&hr, &new_hire("Fajar Nugroho", 50)).await;
    let wid = w["id"].as_str().unwrap();
    let registration = app.case_of(&hr, wid, "registration").await;
    let path = format!("/api/v1/workers/{wid}/termination");
    let (status, outcome) = app
        .json(app.post(&path, &hr, &json!({"termination_date": "2026-10-01", "reason": "end_of_contract"})).await)
        .await;
    assert_eq!(status, 200, "{outcome}");
    assert!(outcome["deactivation_case"].is_null());
    assert_eq!(outcome["cancelled_case_id"], registration["id"]);
    let cases = app.cases_of(&hr, wid).await;
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0]["state"], "cancelled");
}

async fn the_daily_check_opens_a_case_before_a_child_turns_21_once(app: TestApp) {
    let hr = app.token_for(Role::Hr).await;
    let today = tertib::registry::today();
    // The child turns 21 in 30 days.
    let birth = (today + chrono::Days::new(30)).checked_sub_months(Months::new(21 * 12)).unwrap();
    let birth_text = birth.format("%Y-%m-%d").to_string();
    let mut body = worker("Gilang Ramadhan", 60);
    body["faskes_code"] = json!(FASKES);
    body["birth_date"] = json!("1980-04-12");
    body["nik"] = json!(nik("1980-04-12", Gender::Male, 60));
    body["family"] = json!([child("Hana", &birth_text, 61)]);
    let w = app.create_worker(&hr, &body).await;
    let wid = w["id"].as_str().unwrap();
    app.activate(&hr, wid, "0003333333333").await;

    let report = app.run_daily_check(today).await;
    assert_eq!(report.cases_opened.len(), 1);
    let case = app.case_of(&hr, wid, "family_change").await;
    assert_eq!(case["detail"]["change"], "child_turns_21");
    assert_eq!(
        case["detail"]["effective_date"],
        birth_text.replacen(&birth.year().to_string(), &(birth.year() + 21).to_string(), 1)
    );
    assert_eq!(case["member_name"], "Hana");
    // Again the same day or the next: nothing new.
    assert!(app.run_daily_check(today).await.cases_opened.is_empty());
    assert!(app.run_daily_check(today + chrono::Days::new(1)).await.cases_opened.is_empty());

    // Submitted and accepted: the child alone becomes inactive.
    let id = case["id"].as_str().unwrap();
    assert_eq!(app.step(&hr, id, json!({"action": "submit"})).await.0, 200);
    assert_eq!(app.step(&hr, id, json!({"action": "accept"})).await.0, 200);
    let family: Value = app.get(&format!("/api/v1/workers/{wid}/family"), &hr).await.json().await.unwrap();
    assert_eq!(statuses(&family), ["inactive"]);
    assert_eq!(app.membership(&hr, wid).await, "active");
}

async fn the_audit_trail_records_changes_and_readings_and_masks_for_admin_ops(app: TestApp) {
    let director = app.director_token().await;
    let hr = app.token_for(Role::Hr).await;
    let ops = app.token_for(Role::AdminOps).await;
    let w = app.create_worker(&hr, &new_hire("Indah Permata", 70)).await;
    let wid = w["id"].as_str().unwrap();
    let case = app.case_of(&hr, wid, "registration").await;
    let id = case["id"].as_str().unwrap();
    let (_, doc) = app.upload(&ops, id, "kk_copy", "kk.png", PNG).await;
    let doc_id = doc["id"].as_str().unwrap();
    assert_eq!(app.get(&format!("/api/v1/documents/{doc_id}"), &ops).await.status(), 200);

    assert_eq!(app.get("/api/v1/audit", &ops).await.status(), 403);
    let page: Value =
        app.get(&format!("/api/v1/audit?subject_id={wid}&per_page=100"), &director).await.json().await.unwrap();
    let actions: Vec<&str> = page["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    for expected in ["worker.create", "case.open", "case.document_added", "document.view"] {
        assert!(actions.contains(&expected), "{expected} missing in {actions:?}");
    }
    let viewed = page["items"].as_array().unwrap().iter().find(|e| e["action"] == "document.view").unwrap();
    assert!(viewed["actor"].as_str().unwrap().contains('@'), "who read it: {viewed}");
    let cases_only: Value = app.get("/api/v1/audit?action=case.*", &director).await.json().await.unwrap();
    assert!(cases_only["items"].as_array().unwrap().iter().all(|e| e["action"].as_str().unwrap().starts_with("case.")));
    // Reading the log is itself recorded.
    let reads: Value = app.get("/api/v1/audit?action=audit.view", &director).await.json().await.unwrap();
    assert!(reads["total"].as_i64().unwrap() >= 2);

    // The worker's history: masked for admin ops, full (and recorded as a view) for HR.
    let full_nik = w["nik"].as_str().unwrap();
    let masked = app.get(&format!("/api/v1/workers/{wid}/history"), &ops).await.text().await.unwrap();
    assert!(!masked.contains(full_nik) && masked.contains("worker.create"), "{masked}");
    let full = app.get(&format!("/api/v1/workers/{wid}/history"), &hr).await.text().await.unwrap();
    assert!(full.contains(full_nik));
    let views: Value = app
        .get(&format!("/api/v1/audit?subject_id={wid}&action=worker.view_personal"), &director)
        .await
        .json()
        .await
        .unwrap();
    assert!(views["total"].as_i64().unwrap() >= 1);
}

async fn the_case_board_filters_overdue_and_my_tasks(app: TestApp) {
    let hr = app.token_for(Role::Hr).await;
    let me: Value = app.get("/api/v1/me", &hr).await.json().await.unwrap();
    let a = app.create_worker(&hr, &new_hire("Joko Widodo", 80)).await;
    let b = app.create_worker(&hr, &new_hire("Kartika Sari", 90)).await;
    // Recorded today: due at the coming cut-off, not overdue.
    let overdue: Value = app.get("/api/v1/cases?overdue=true", &hr).await.json().await.unwrap();
    assert_eq!(overdue["total"], 0);
    let open: Value = app.get("/api/v1/cases?open=true&kind=registration", &hr).await.json().await.unwrap();
    assert_eq!(open["total"], 2);

    // One is rescheduled into the past, the other assigned to the caller.
    let late = app.case_of(&hr, b["id"].as_str().unwrap(), "registration").await;
    let res = app
        .patch(
            &format!("/api/v1/cases/{}", late["id"].as_str().unwrap()),
            &hr,
            &json!({"version": late["version"], "due_date": "2026-01-20"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let overdue: Value = app.get("/api/v1/cases?overdue=true", &hr).await.json().await.unwrap();
    assert_eq!(overdue["total"], 1);
    assert_eq!(
        (overdue["items"][0]["worker_id"].clone(), overdue["items"][0]["overdue"].clone()),
        (b["id"].clone(), json!(true))
    );
    let case = app.case_of(&hr, a["id"].as_str().unwrap(), "registration").await;
    let id = case["id"].as_str().unwrap();
    let assign = json!({"version": case["version"], "assignee_id": me["id"]});
    let (status, assigned) = app.json(app.patch(&format!("/api/v1/cases/{id}"), &hr, &assign).await).await;
    assert_eq!(status, 200, "{assigned}");
    let mine: Value = app.get("/api/v1/cases?assignee=me", &hr).await.json().await.unwrap();
    assert_eq!(mine["items"].as_array().unwrap().len(), 1);
    assert_eq!(mine["items"][0]["assignee_email"], me["email"]);
    // A client user cannot be assigned, nor is offered.
    let client_token = app.token_for(Role::Client).await;
    let client: Value = app.get("/api/v1/me", &client_token).await.json().await.unwrap();
    let staff: Value = app.get("/api/v1/cases/assignees", &hr).await.json().await.unwrap();
    let roles: Vec<&str> = staff.as_array().unwrap().iter().map(|s| s["role"].as_str().unwrap()).collect();
    assert!(roles.contains(&"director") && roles.contains(&"hr") && !roles.contains(&"client"), "{staff}");
    let assign = json!({"version": assigned["version"], "assignee_id": client["id"]});
    let (status, err) = app.json(app.patch(&format!("/api/v1/cases/{id}"), &hr, &assign).await).await;
    assert_eq!((status, codes(&err)), (422, vec!["assignee_unknown".to_string()]));
    // Notes.
    let (status, noted) =
        app.json(app.post(&format!("/api/v1/cases/{id}/notes"), &hr, &json!({"body": "Menunggu KK baru"})).await).await;
    assert_eq!((status, noted["notes"][0]["body"].as_str()), (201, Some("Menunggu KK baru")));
}

async fn family_changes_of_a_registered_worker_open_their_own_cases(app: TestApp) {
    let hr = app.token_for(Role::Hr).await;
    let w = app.create_worker(&hr, &new_hire("Lukman Hakim", 100)).await;
    let wid = w["id"].as_str().unwrap();
    // Before registration, a new member simply goes with the registration.
    let path = format!("/api/v1/workers/{wid}/family");
    assert_eq!(app.post(&path, &hr, &child("Bima", "2018-08-08", 103)).await.status(), 201);
    assert_eq!(app.cases_of(&hr, wid).await.len(), 1);
    app.activate(&hr, wid, "0004444444444").await;

    // Registered: a new child needs its own registration, with a copy of the KK.
    let (status, added) = app.json(app.post(&path, &hr, &child("Citra", "2021-02-02", 104)).await).await;
    assert_eq!(status, 201, "{added}");
    let case = app.case_of(&hr, wid, "family_change").await;
    assert_eq!((case["detail"]["change"].as_str(), case["member_name"].as_str()), (Some("add_member"), Some("Citra")));
    let keys: Vec<&str> = case["checklist"].as_array().unwrap().iter().map(|i| i["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["document:kk_copy"]);
    let id = case["id"].as_str().unwrap();
    assert_eq!(app.upload(&hr, id, "kk_copy", "kk.pdf", PDF).await.0, 201);
    assert_eq!(app.step(&hr, id, json!({"action": "submit"})).await.0, 200);
    assert_eq!(app.step(&hr, id, json!({"action": "accept"})).await.0, 200);
    let family: Value = app.get(&path, &hr).await.json().await.unwrap();
    assert_eq!(statuses(&family), ["active", "active", "active", "active"]);

    // Removing a registered member opens its deactivation.
    let bima = family.as_array().unwrap().iter().find(|m| m["full_name"] == "Bima").unwrap();
    let res = app
        .patch(
            &format!("{path}/{}", bima["id"].as_str().unwrap()),
            &hr,
            &json!({"version": bima["version"], "removed": true}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let cases = app.cases_of(&hr, wid).await;
    let removal: Vec<&Value> = cases.iter().filter(|c| c["kind"] == "family_change" && c["state"] == "open").collect();
    assert_eq!(removal.len(), 1);
    assert_eq!(removal[0]["member_name"], "Bima");
}

async fn the_demo_goes_through_the_procedures_so_statuses_and_cases_agree(app: TestApp) {
    let url = app.db.url.clone();
    actix_rt::task::spawn_blocking(move || {
        let db = tertib::db::Db::connect(&url, 1).unwrap();
        let today = tertib::registry::today();
        let options = tertib::demo::DemoOptions { workers: 120, seed: 5, as_of: today };
        tertib::demo::load(&db, &tertib::demo::plan(&options).unwrap(), today).unwrap();
    })
    .await
    .unwrap();
    let hr = app.token_for(Role::Hr).await;
    let open: Value = app.get("/api/v1/cases?open=true&per_page=100", &hr).await.json().await.unwrap();
    assert!(open["total"].as_i64().unwrap() > 5, "{open}");
    let workers: Value = app.get("/api/v1/workers?per_page=100", &hr).await.json().await.unwrap();
    for w in workers["items"].as_array().unwrap() {
        let cases = app.cases_of(&hr, w["id"].as_str().unwrap()).await;
        let has = |kind: &str, state: &str| cases.iter().any(|c| c["kind"] == kind && c["state"] == state);
        match w["membership_status"].as_str().unwrap() {
            "active" => assert!(has("registration", "completed") || has("deactivation", "open"), "{w}"),
            "registration_submitted" => assert!(has("registration", "submitted"), "{w}"),
            "active_elsewhere" => assert!(has("transfer", "blocked"), "{w}"),
            "not_registered" => assert!(has("registration", "open"), "{w}"),
            _ => {}
        }
    }
}

db_tests!(
    the_demo_goes_through_the_procedures_so_statuses_and_cases_agree,
    family_changes_of_a_registered_worker_open_their_own_cases,
    a_registration_follows_its_checklist_and_roles_to_an_active_membership,
    a_transfer_waits_for_the_previous_employer_and_for_self_paying_arrears,
    a_dismissal_needs_phk_proof_and_leaves_six_months_of_cover,
    other_reasons_need_sptjm_leavers_list_and_proof_due_at_the_cut_off,
    a_worker_who_leaves_before_registration_needs_no_deactivation,
    the_daily_check_opens_a_case_before_a_child_turns_21_once,
    the_audit_trail_records_changes_and_readings_and_masks_for_admin_ops,
    the_case_board_filters_overdue_and_my_tasks,
);
