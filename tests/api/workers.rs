//! The worker registry: registering, reading, changing, searching and placing workers.

use serde_json::{json, Value};
use tertib_domain::person::Gender;
use tertib_domain::Role;
use tertib_tests::registry::{details, nik, warnings, wife, worker, KK, OTHER_KK};
use tertib_tests::{db_tests, TestApp};

async fn a_worker_is_registered_with_warnings_saved_and_answered(app: TestApp) {
    let director = app.director_token().await;
    let company = app.create_company(&director, "MAJU", Some(6_500_000)).await;
    let mut body = worker("Budi  Santoso", 1);
    body["client_company_id"] = company["id"].clone();
    body["nik"] = json!(format!(" {} ", nik("1988-04-12", Gender::Male, 1)));
    let created = app.create_worker(&director, &body).await;
    assert_eq!(created["full_name"], "Budi Santoso", "names are tidied");
    assert_eq!(created["nik"], nik("1988-04-12", Gender::Male, 1));
    assert_eq!(created["identity_masked"], false);
    assert_eq!(created["membership_status"], "not_registered");
    assert_eq!(created["version"], 1);
    assert_eq!(created["client_company"]["code"], "MAJU");
    assert_eq!(warnings(&created), [("wage_base".to_string(), "wage_below_minimum".to_string())]);

    let id = created["id"].as_str().unwrap();
    let read: Value = app.get(&format!("/api/v1/workers/{id}"), &director).await.json().await.unwrap();
    assert_eq!(read["warnings"], created["warnings"], "warnings are kept with the record");
    let english = app
        .client
        .get(app.url(&format!("/api/v1/workers/{id}")))
        .bearer_auth(&director)
        .header("Accept-Language", "en")
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    assert!(english["warnings"][0]["message"].as_str().unwrap().contains("below the minimum wage"), "{english}");

    let placements: Value = app.get(&format!("/api/v1/workers/{id}/placements"), &director).await.json().await.unwrap();
    assert_eq!(placements.as_array().unwrap().len(), 1);
    assert_eq!((&placements[0]["start_date"], &placements[0]["current"]), (&json!("2020-01-02"), &json!(true)));
}

async fn a_duplicate_nik_answers_409_naming_the_existing_worker(app: TestApp) {
    let director = app.director_token().await;
    let first = app.create_worker(&director, &worker("Budi Santoso", 1)).await;
    let mut again = worker("Budi S.", 1);
    let digits = again["nik"].as_str().unwrap().to_string();
    again["nik"] = json!(format!("{} {} {}", &digits[0..6], &digits[6..12], &digits[12..]));
    let (status, body) = app.json(app.post("/api/v1/workers", &director, &again).await).await;
    assert_eq!(status, 409);
    assert_eq!(body["code"], "nik_taken");
    assert_eq!(
        details(&body),
        [
            ("nik".to_string(), "nik_taken".to_string()),
            ("existing_worker_id".to_string(), "existing_record".to_string())
        ]
    );
    assert_eq!(body["details"][1]["message"], first["id"]);
    assert!(body["details"][0]["message"].as_str().unwrap().contains("Budi Santoso"), "{body}");

    // Changing another worker's NIK to the taken one is refused the same way.
    let other = app.create_worker(&director, &worker("Andi", 2)).await;
    let (status, body) = app
        .json(
            app.patch(
                &format!("/api/v1/workers/{}", other["id"].as_str().unwrap()),
                &director,
                &json!({"version": 1, "nik": digits}),
            )
            .await,
        )
        .await;
    assert_eq!((status, body["code"].as_str()), (409, Some("nik_taken")));
    assert_eq!(body["details"][1]["message"], first["id"]);
}

async fn an_invalid_worker_gets_every_finding_at_once_and_nothing_is_saved(app: TestApp) {
    let director = app.director_token().await;
    let mut body = worker("Budi 2", 1);
    body["nik"] = json!(nik("1988-04-12", Gender::Female, 1)); // a woman's NIK for a man
    body["kk_number"] = json!("1234");
    body["noka"] = json!("12345");
    body["wage_base"] = json!(-1);
    body["hire_date"] = json!("31/02/2020");
    body["family"] = json!([
        {"relation": "wife", "nik": nik("1990-04-12", Gender::Male, 2), "full_name": "Dewi", "birth_date": "1990-04-12", "gender": "male"},
    ]);
    let res = app
        .client
        .post(app.url("/api/v1/workers"))
        .bearer_auth(&director)
        .header("Accept-Language", "en")
        .json(&body)
        .send()
        .await
        .unwrap();
    let (status, answer) = app.json(res).await;
    assert_eq!(status, 422);
    assert_eq!(answer["code"], "validation_failed");
    let mut found = details(&answer);
    found.sort();
    let mut want: Vec<(String, String)> = [
        ("full_name", "name_contains_digit"),
        ("nik", "nik_gender_mismatch"),
        ("kk_number", "kk_wrong_length"),
        ("noka", "noka_wrong_length"),
        ("wage_base", "wage_negative"),
        ("hire_date", "date_invalid"),
        ("family[0].relation", "relation_gender_mismatch"),
    ]
    .iter()
    .map(|(f, c)| (f.to_string(), c.to_string()))
    .collect();
    want.sort();
    assert_eq!(found, want, "{answer}");
    assert!(answer["details"].as_array().unwrap().iter().all(|d| d["severity"] == "error"));
    assert!(answer["message"].as_str().unwrap().contains("not valid"), "{answer}");
    assert_eq!(app.count_rows("SELECT COUNT(*) AS n FROM workers").await, 0);
    assert_eq!(app.count_rows("SELECT COUNT(*) AS n FROM family_members").await, 0);
    assert_eq!(app.count_rows("SELECT COUNT(*) AS n FROM audit_log WHERE action LIKE 'worker.%'").await, 0);
}

async fn a_stale_version_answers_409_and_changes_nothing(app: TestApp) {
    let director = app.director_token().await;
    let created = app.create_worker(&director, &worker("Budi Santoso", 1)).await;
    let path = format!("/api/v1/workers/{}", created["id"].as_str().unwrap());
    let (status, first) =
        app.json(app.patch(&path, &director, &json!({"version": 1, "position": "Kepala regu"})).await).await;
    assert_eq!(status, 200, "{first}");
    assert_eq!((first["version"].as_i64(), first["position"].as_str()), (Some(2), Some("Kepala regu")));
    assert_eq!(first["employee_number"], created["employee_number"], "fields left out keep their value");

    let (status, stale) =
        app.json(app.patch(&path, &director, &json!({"version": 1, "position": "Supervisor"})).await).await;
    assert_eq!((status, stale["code"].as_str()), (409, Some("version_conflict")));
    let read: Value = app.get(&path, &director).await.json().await.unwrap();
    assert_eq!((read["version"].as_i64(), read["position"].as_str()), (Some(2), Some("Kepala regu")));

    // A change is checked like a new record, and `null` empties a field.
    let (status, bad) =
        app.json(app.patch(&path, &director, &json!({"version": 2, "birth_date": "1988-04-13"})).await).await;
    assert_eq!(status, 422);
    assert_eq!(details(&bad), [("nik".to_string(), "nik_birth_date_mismatch".to_string())]);
    let (status, cleared) = app.json(app.patch(&path, &director, &json!({"version": 2, "position": null})).await).await;
    assert_eq!((status, cleared["position"].as_str()), (200, Some("")));

    // Unknown fields, a missing version and family members are refused.
    assert_eq!(app.patch(&path, &director, &json!({"version": 3, "salary": 1})).await.status(), 400);
    assert_eq!(app.patch(&path, &director, &json!({"version": 3, "family": [wife(2)]})).await.status(), 400);
    let (status, missing) = app.json(app.patch(&path, &director, &json!({"position": "x"})).await).await;
    assert_eq!((status, details(&missing)), (422, vec![("version".to_string(), "required".to_string())]));
    assert_eq!(app.patch("/api/v1/workers/nope", &director, &json!({"version": 1})).await.status(), 404);
}

async fn admin_ops_see_nik_and_kk_masked_and_full_readings_are_audited(app: TestApp) {
    let director = app.director_token().await;
    let ops = app.token_for(Role::AdminOps).await;
    let hr = app.token_for(Role::Hr).await;
    let client = app.token_for(Role::Client).await;
    let mut body = worker("Budi Santoso", 1);
    body["family"] = json!([wife(2)]);
    let created = app.create_worker(&director, &body).await;
    let id = created["id"].as_str().unwrap();
    let full_nik = nik("1988-04-12", Gender::Male, 1);
    let path = format!("/api/v1/workers/{id}");

    let as_ops: Value = app.get(&path, &ops).await.json().await.unwrap();
    assert_eq!(as_ops["nik"], format!("3174********{}", &full_nik[12..]));
    assert_eq!(as_ops["kk_number"], "3174********0003");
    assert_eq!(as_ops["identity_masked"], true);
    let as_director: Value = app.get(&path, &director).await.json().await.unwrap();
    assert_eq!((as_director["nik"].as_str(), as_director["kk_number"].as_str()), (Some(full_nik.as_str()), Some(KK)));
    let as_hr: Value = app.get(&path, &hr).await.json().await.unwrap();
    assert_eq!(as_hr["nik"], full_nik);

    let family_ops: Value = app.get(&format!("{path}/family"), &ops).await.json().await.unwrap();
    assert_eq!(family_ops[0]["nik"], "3174********0002");
    let family_director: Value = app.get(&format!("{path}/family"), &director).await.json().await.unwrap();
    assert_eq!(family_director[0]["nik"], nik("1990-04-12", Gender::Female, 2));
    let history_ops: Value = app.get(&format!("{path}/kk-history"), &ops).await.json().await.unwrap();
    assert_eq!(history_ops[0]["kk_number"], "3174********0003");

    // Lists mask for everyone, directors included.
    let list: Value = app.get("/api/v1/workers", &director).await.json().await.unwrap();
    assert_eq!(list["items"][0]["nik"], format!("3174********{}", &full_nik[12..]));
    assert_eq!(list["items"][0]["identity_masked"], true);

    // The director read the worker and the family in full, HR the worker; masked readings are not
    // recorded.
    let viewed = |actor: &str| {
        format!("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'worker.view_personal' AND entity_id = '{id}' AND actor_label {actor}")
    };
    assert_eq!(app.count_rows(&viewed("= 'direktur@uji.co.id'")).await, 2);
    assert_eq!(app.count_rows(&viewed("LIKE 'hr-%'")).await, 1);
    assert_eq!(app.count_rows(&viewed("LIKE 'admin_ops-%'")).await, 0);
    assert_eq!(app.get("/api/v1/workers/nope", &director).await.status(), 404);
    assert_eq!(app.get("/api/v1/workers/nope/family", &director).await.status(), 404);
    assert_eq!(
        app.count_rows("SELECT COUNT(*) AS n FROM audit_log WHERE entity_id = 'nope'").await,
        0,
        "no access is recorded for a worker that does not exist"
    );

    // Operational admins read but do not change; client users have no access here.
    assert_eq!(app.patch(&path, &ops, &json!({"version": 1, "position": "x"})).await.status(), 403);
    assert_eq!(app.post("/api/v1/workers", &ops, &worker("Andi", 3)).await.status(), 403);
    for p in [path.clone(), "/api/v1/workers".to_string(), format!("{path}/family"), format!("{path}/placements")] {
        let (status, body) = app.json(app.get(&p, &client).await).await;
        assert_eq!((status, body["code"].as_str()), (403, Some("forbidden")), "{p}");
    }
}

async fn search_finds_a_worker_by_full_nik_exactly_by_card_number_and_by_name(app: TestApp) {
    let director = app.director_token().await;
    let mut budi = worker("Budi Santoso", 1);
    budi["noka"] = json!("0001234567890");
    app.create_worker(&director, &budi).await;
    app.create_worker(&director, &worker("Siti Nur'aini", 2)).await;
    app.create_worker(&director, &worker("Andi Budiman", 3)).await;
    let search = |q: &str| {
        let req = app.client.get(app.url("/api/v1/workers")).bearer_auth(&director).query(&[("q", q)]);
        async move {
            let page: Value = req.send().await.unwrap().json().await.unwrap();
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|w| w["full_name"].as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        }
    };
    let full = nik("1988-04-12", Gender::Male, 2);
    assert_eq!(search(&full).await, ["Siti Nur'aini"]);
    assert_eq!(search(&format!("{} {}", &full[..8], &full[8..])).await, ["Siti Nur'aini"]);
    assert!(search(&full[..12]).await.is_empty(), "no partial NIK matches");
    assert_eq!(search("0001234567890").await, ["Budi Santoso"]);
    assert_eq!(search("budi").await, ["Andi Budiman", "Budi Santoso"]);
    assert_eq!(search("  NUR\u{2019}AINI ").await, ["Siti Nur'aini"]);
    assert_eq!(search("EMP-0003").await, ["Andi Budiman"]);
    assert!(search("%").await.is_empty(), "LIKE wildcards are taken literally");
    assert_eq!(search("aini").await, ["Siti Nur'aini"], "parts of joined words count as words");
    assert_eq!(search("siti nur").await, ["Siti Nur'aini"]);
    assert!(search("udi").await.is_empty(), "a name matches from the start of one of its words");

    // A new name is found by its new words only.
    let andi =
        app.get("/api/v1/workers?q=EMP-0003", &director).await.json::<Value>().await.unwrap()["items"][0].clone();
    let res = app
        .patch(
            &format!("/api/v1/workers/{}", andi["id"].as_str().unwrap()),
            &director,
            &json!({"version": 1, "full_name": "Andi Pratama"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(search("budi").await, ["Budi Santoso"]);
    assert_eq!(search("prat").await, ["Andi Pratama"]);
}

async fn the_list_pages_filters_and_sorts(app: TestApp) {
    let director = app.director_token().await;
    let company = app.create_company(&director, "MAJU", None).await;
    let names = ["Gita", "Andi", "Fajar", "Citra", "Eko", "Budi", "Dewi"];
    for (i, name) in names.iter().enumerate() {
        let mut body = worker(name, i as u16 + 1);
        body["hire_date"] = json!(format!("2020-01-{:02}", 10 - i));
        if i % 2 == 0 {
            body["client_company_id"] = company["id"].clone();
            body["employment_status"] = json!("pkwtt");
        }
        app.create_worker(&director, &body).await;
    }
    let list = |query: &str| {
        let req = app.client.get(app.url(&format!("/api/v1/workers?{query}"))).bearer_auth(&director);
        async move { req.send().await.unwrap().json::<Value>().await.unwrap() }
    };
    let names_of = |page: &Value| {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["full_name"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let first = list("per_page=3").await;
    assert_eq!(
        (first["total"].as_i64(), first["page"].as_u64(), first["per_page"].as_u64()),
        (Some(7), Some(1), Some(3))
    );
    assert_eq!(names_of(&first), ["Andi", "Budi", "Citra"]);
    let last = list("per_page=3&page=3").await;
    assert_eq!((last["total"].as_i64(), names_of(&last)), (Some(7), vec!["Gita".to_string()]));
    assert!(names_of(&list("per_page=3&page=4").await).is_empty());
    assert_eq!(names_of(&list("sort=name&order=desc&per_page=2").await), ["Gita", "Fajar"]);
    assert_eq!(names_of(&list("sort=hire_date&per_page=2").await), ["Dewi", "Budi"]);
    assert_eq!(names_of(&list("sort=created_at&order=desc&per_page=1").await), ["Dewi"]);
    let placed = list(&format!("client_company_id={}", company["id"].as_str().unwrap())).await;
    assert_eq!(names_of(&placed), ["Dewi", "Eko", "Fajar", "Gita"]);
    assert_eq!(placed["items"][0]["client_company"]["code"], "MAJU");
    assert_eq!(list("employment_status=pkwtt").await["total"], 4);
    assert_eq!(list("employment_status=pkwt").await["total"], 3);
    assert_eq!(list("membership_status=not_registered").await["total"], 7);
    assert_eq!(list("membership_status=active").await["total"], 0);
    assert_eq!(list("per_page=500").await["per_page"], 100);
    let bad = app.client.get(app.url("/api/v1/workers?sort=salary")).bearer_auth(&director).send().await.unwrap();
    assert_eq!(bad.status(), 400);
}

async fn a_kk_change_is_added_to_the_history(app: TestApp) {
    let director = app.director_token().await;
    let created = app.create_worker(&director, &worker("Budi Santoso", 1)).await;
    let path = format!("/api/v1/workers/{}", created["id"].as_str().unwrap());
    let (status, changed) =
        app.json(app.patch(&path, &director, &json!({"version": 1, "kk_number": OTHER_KK})).await).await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["kk_number"], OTHER_KK);
    // An unrelated change adds nothing.
    app.patch(&path, &director, &json!({"version": 2, "phone": "0812-3456-7890"})).await;
    let history: Value = app.get(&format!("{path}/kk-history"), &director).await.json().await.unwrap();
    let numbers: Vec<&str> = history.as_array().unwrap().iter().map(|h| h["kk_number"].as_str().unwrap()).collect();
    assert_eq!(numbers, [OTHER_KK, KK], "newest first");
    assert!(history[0]["valid_from"].is_string() && history[1]["valid_from"].is_null(), "{history}");
    assert_eq!(history[0]["recorded_by"], "direktur@uji.co.id");
}

async fn worker_writes_are_audited_with_before_and_after(app: TestApp) {
    let director = app.director_token().await;
    let company = app.create_company(&director, "MAJU", None).await;
    let other = app.create_company(&director, "JAYA", None).await;
    let mut body = worker("Budi Santoso", 1);
    body["family"] = json!([wife(2)]);
    body["client_company_id"] = company["id"].clone();
    let created = app.create_worker(&director, &body).await;
    let id = created["id"].as_str().unwrap();
    app.patch(&format!("/api/v1/workers/{id}"), &director, &json!({"version": 1, "position": "Kepala regu"})).await;
    let res = app
        .post(
            &format!("/api/v1/workers/{id}/placements"),
            &director,
            &json!({"client_company_id": other["id"], "start_date": "2024-03-01"}),
        )
        .await;
    assert_eq!(res.status(), 201);
    let q = |action: &str| {
        format!("SELECT COUNT(*) AS n FROM audit_log WHERE action = '{action}' AND actor_label = 'direktur@uji.co.id'")
    };
    assert_eq!(app.count_rows(&q("worker.create")).await, 1);
    assert_eq!(app.count_rows(&q("family_member.create")).await, 1);
    assert_eq!(app.count_rows(&q("placement.create")).await, 1);
    assert_eq!(
        app.count_rows(&format!(
            "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'worker.update' AND entity_id = '{id}' \
             AND before_json LIKE '%\"position\":\"Satpam\"%' AND after_json LIKE '%\"position\":\"Kepala regu\"%' AND ip = '127.0.0.1'"
        ))
        .await,
        1
    );
}

async fn a_worker_has_one_current_placement_and_keeps_the_history(app: TestApp) {
    let director = app.director_token().await;
    let maju = app.create_company(&director, "MAJU", None).await;
    let jaya = app.create_company(&director, "JAYA", Some(7_000_000)).await;
    let mut body = worker("Budi Santoso", 1);
    body["client_company_id"] = maju["id"].clone();
    let created = app.create_worker(&director, &body).await;
    assert!(warnings(&created).is_empty());
    let id = created["id"].as_str().unwrap();
    let path = format!("/api/v1/workers/{id}/placements");

    let (status, placed) = app
        .json(app.post(&path, &director, &json!({"client_company_id": jaya["id"], "start_date": "2024-03-01"})).await)
        .await;
    assert_eq!(status, 201, "{placed}");
    assert_eq!((placed["client_company"]["code"].as_str(), placed["current"].as_bool()), (Some("JAYA"), Some(true)));
    let history: Value = app.get(&path, &director).await.json().await.unwrap();
    let history = history.as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history.iter().filter(|p| p["current"] == true).count(), 1);
    assert_eq!(
        (&history[1]["client_company"]["code"], &history[1]["end_date"]),
        (&json!("MAJU"), &json!("2024-02-29"))
    );
    assert_eq!(
        app.count_rows(&format!("SELECT COUNT(*) AS n FROM placements WHERE worker_id = '{id}' AND end_date IS NULL"))
            .await,
        1
    );

    // The worker now counts as placed with JAYA, whose UMK is above the wage.
    let read: Value = app.get(&format!("/api/v1/workers/{id}"), &director).await.json().await.unwrap();
    assert_eq!(read["client_company"]["code"], "JAYA");
    assert_eq!(warnings(&read), [("wage_base".to_string(), "wage_below_minimum".to_string())]);

    let refused = [
        (json!({"client_company_id": maju["id"], "start_date": "2024-03-01"}), "placement_before_current"),
        (json!({"client_company_id": jaya["id"], "start_date": "2025-01-01"}), "placement_unchanged"),
        (json!({"client_company_id": "nope", "start_date": "2025-01-01"}), "client_company_unknown"),
        (json!({"client_company_id": maju["id"], "start_date": "2019-01-01"}), "placement_before_hire"),
        (json!({"client_company_id": maju["id"], "start_date": "30/02/2025"}), "date_invalid"),
    ];
    for (req, code) in refused {
        let (status, body) = app.json(app.post(&path, &director, &req).await).await;
        assert_eq!(status, 422, "{req}");
        assert!(details(&body).iter().any(|(_, c)| c == code), "{req}: {body}");
    }

    // A termination is recorded through its own request (it opens the deactivation), not an edit;
    // it ends the current placement.
    let termination = json!({"version": 1, "termination_date": "2025-06-30", "termination_reason": "end_of_contract"});
    let (status, refused) = app.json(app.patch(&format!("/api/v1/workers/{id}"), &director, &termination).await).await;
    assert_eq!(
        (status, details(&refused)),
        (422, vec![("termination_date".to_string(), "termination_via_its_own_request".to_string())])
    );
    let res = app
        .post(
            &format!("/api/v1/workers/{id}/termination"),
            &director,
            &json!({"termination_date": "2025-06-30", "reason": "end_of_contract"}),
        )
        .await;
    assert_eq!(res.status(), 200, "never registered: no deactivation to open");
    let ended: Value = app.get(&format!("/api/v1/workers/{id}"), &director).await.json().await.unwrap();
    assert!(ended["client_company"].is_null());
    let history: Value = app.get(&path, &director).await.json().await.unwrap();
    assert_eq!(history[0]["end_date"], "2025-06-30");
    assert_eq!(
        app.count_rows(&format!("SELECT COUNT(*) AS n FROM placements WHERE worker_id = '{id}' AND end_date IS NULL"))
            .await,
        0
    );

    // A worker registered after leaving gets a placement that is already over.
    let mut left = worker("Andi", 2);
    left["client_company_id"] = maju["id"].clone();
    left["termination_date"] = json!("2023-12-31");
    left["termination_reason"] = json!("resignation");
    let left = app.create_worker(&director, &left).await;
    assert!(left["client_company"].is_null());
    let history: Value = app
        .get(&format!("/api/v1/workers/{}/placements", left["id"].as_str().unwrap()), &director)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!((&history[0]["end_date"], &history[0]["current"]), (&json!("2023-12-31"), &json!(false)));
}

async fn a_draft_is_checked_without_being_saved(app: TestApp) {
    let ops = app.token_for(Role::AdminOps).await;
    let mut body = worker("Siti", 1);
    body["nik"] = json!(nik("1990-04-12", Gender::Female, 7));
    body["birth_date"] = json!("1990-04-12");
    body["family"] = json!([wife(2)]);
    let res = app
        .client
        .post(app.url("/api/v1/validate/worker"))
        .bearer_auth(&ops)
        .header("Accept-Language", "en")
        .json(&body)
        .send()
        .await
        .unwrap();
    let (status, report) = app.json(res).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["nik"]["birth_date"], "1990-04-12");
    assert_eq!(report["nik"]["gender"], "female");
    assert_eq!(report["nik"]["district_name"], "Kebayoran Lama");
    let found: Vec<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["field"].as_str().unwrap().to_string(), f["code"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(found, [("nik".to_string(), "nik_gender_mismatch".to_string())]);
    assert_eq!(report["family_coverage"], json!(["covered"]));
    assert!(report["findings"][0]["message"].as_str().unwrap().contains("gender"), "{report}");
    assert_eq!(app.count_rows("SELECT COUNT(*) AS n FROM workers").await, 0);
}

async fn the_demo_fills_an_empty_registry_through_the_same_rules(app: TestApp) {
    let director = app.director_token().await;
    let url = app.db.url.clone();
    let summary = actix_rt::task::spawn_blocking(move || {
        let db = tertib::db::Db::connect(&url, 1).unwrap();
        let today = tertib::registry::today();
        let options = tertib::demo::DemoOptions { workers: 60, seed: 11, as_of: today };
        let plan = tertib::demo::plan(&options).unwrap();
        let summary = tertib::demo::load(&db, &plan, today).unwrap();
        let again = tertib::demo::load(&db, &plan, today).unwrap_err();
        assert!(again.to_string().contains("empty registry"), "{again}");
        summary
    })
    .await
    .unwrap();
    assert_eq!((summary.companies, summary.workers), (4, 60));
    assert!(summary.family_members > 40 && summary.terminated > 0, "{summary:?}");

    let page: Value = app.get("/api/v1/workers?per_page=100", &director).await.json().await.unwrap();
    assert_eq!(page["total"], 60);
    let companies: Value = app.get("/api/v1/client-companies", &director).await.json().await.unwrap();
    let mut placed = 0;
    for c in companies.as_array().unwrap() {
        assert!(c["minimum_wage"].as_i64().unwrap() > 3_000_000, "{c}");
        let id = c["id"].as_str().unwrap();
        let list: Value =
            app.get(&format!("/api/v1/workers?client_company_id={id}"), &director).await.json().await.unwrap();
        placed += list["total"].as_i64().unwrap();
    }
    let terminated = page["items"].as_array().unwrap().iter().filter(|w| w["termination_date"].is_string()).count();
    assert_eq!(placed + terminated as i64, 60, "everyone still employed has a current placement");
    assert_eq!(summary.terminated, terminated);
    let active: Value = app.get("/api/v1/workers?membership_status=active", &director).await.json().await.unwrap();
    assert!(active["total"].as_i64().unwrap() > 20, "{}", active["total"]);
    assert!(active["items"][0]["noka"].as_str().is_some_and(|n| n.len() == 13));

    // What the registry stored re-validates without a single error.
    for w in page["items"].as_array().unwrap().iter().take(15) {
        let id = w["id"].as_str().unwrap();
        let full: Value = app.get(&format!("/api/v1/workers/{id}"), &director).await.json().await.unwrap();
        let family: Value = app.get(&format!("/api/v1/workers/{id}/family"), &director).await.json().await.unwrap();
        let mut draft = full.clone();
        draft["family"] = family.clone();
        for key in ["client_company", "warnings", "id", "version", "created_at", "updated_at", "identity_masked"] {
            draft.as_object_mut().unwrap().remove(key);
        }
        let report: Value = app.post("/api/v1/validate/worker", &director, &draft).await.json().await.unwrap();
        let errors: Vec<&Value> =
            report["findings"].as_array().unwrap().iter().filter(|f| f["severity"] == "error").collect();
        assert!(errors.is_empty(), "{}: {errors:?}", w["full_name"]);
        for m in family.as_array().unwrap() {
            assert_ne!(m["coverage"], "not_covered", "{m}");
        }
    }
}

async fn a_worker_whose_nik_is_another_workers_family_member_answers_409_naming_the_member(app: TestApp) {
    let director = app.director_token().await;
    let mut budi = worker("Budi Santoso", 1);
    budi["family"] = json!([wife(2)]);
    let budi = app.create_worker(&director, &budi).await;
    let budi_id = budi["id"].as_str().unwrap();
    let family_path = format!("/api/v1/workers/{budi_id}/family");
    let family: Value = app.get(&family_path, &director).await.json().await.unwrap();
    let dewi = family[0].clone();
    let dewi_nik = nik("1990-04-12", Gender::Female, 2);
    let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    };
    let names_dewi = pairs(&[
        ("nik", "nik_taken"),
        ("existing_worker_id", "existing_record"),
        ("existing_family_member_id", "existing_record"),
    ]);

    // Budi's wife, hired herself, is still on Budi's card.
    let mut hired = worker("Dewi Lestari", 20);
    hired["nik"] = json!(dewi_nik);
    hired["birth_date"] = json!("1990-04-12");
    hired["gender"] = json!("female");
    let (status, body) = app.json(app.post("/api/v1/workers", &director, &hired).await).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("nik_taken")), "{body}");
    assert_eq!(details(&body), names_dewi);
    assert_eq!((&body["details"][1]["message"], &body["details"][2]["message"]), (&json!(budi_id), &dewi["id"]));
    let message = body["details"][0]["message"].as_str().unwrap();
    assert!(message.contains("anggota keluarga Budi Santoso: Dewi Lestari"), "{body}");

    // Another worker's family listing Budi's wife, or Budi himself.
    let mut andi = worker("Andi Wijaya", 21);
    andi["family"] = json!([wife(2)]);
    let (status, body) = app.json(app.post("/api/v1/workers", &director, &andi).await).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("nik_taken")), "{body}");
    assert_eq!(details(&body)[0], ("family[0].nik".to_string(), "nik_taken".to_string()));
    assert_eq!(body["details"][2]["message"], dewi["id"]);
    let mut sari = worker("Sari Wulandari", 22);
    sari["nik"] = json!(nik("1990-04-12", Gender::Female, 22));
    sari["birth_date"] = json!("1990-04-12");
    sari["gender"] = json!("female");
    sari["family"] = json!([tertib_tests::registry::member("husband", "Budi Santoso", "1988-04-12", Gender::Male, 1)]);
    let (status, body) = app.json(app.post("/api/v1/workers", &director, &sari).await).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("nik_taken")), "{body}");
    assert_eq!(details(&body), pairs(&[("family[0].nik", "nik_taken"), ("existing_worker_id", "existing_record")]));
    assert_eq!(body["details"][1]["message"], budi_id);
    assert_eq!(app.count_rows("SELECT COUNT(*) AS n FROM workers").await, 1, "nothing refused was stored");

    // Changing a worker's NIK to Dewi's is refused the same way.
    hired["nik"] = json!(nik("1990-04-12", Gender::Female, 20));
    let other = app.create_worker(&director, &hired).await;
    let other_path = format!("/api/v1/workers/{}", other["id"].as_str().unwrap());
    let (status, body) =
        app.json(app.patch(&other_path, &director, &json!({"version": 1, "nik": dewi_nik})).await).await;
    assert_eq!((status, details(&body)), (409, names_dewi.clone()), "{body}");
    assert_eq!(body["details"][2]["message"], dewi["id"]);

    // Once she is removed from Budi's family, her own record can take her NIK.
    let removed = json!({"version": dewi["version"], "removed": true});
    let member_path = format!("{family_path}/{}", dewi["id"].as_str().unwrap());
    assert_eq!(app.patch(&member_path, &director, &removed).await.status(), 200);
    let (status, body) =
        app.json(app.patch(&other_path, &director, &json!({"version": 1, "nik": dewi_nik})).await).await;
    assert_eq!((status, body["nik"].as_str()), (200, Some(dewi_nik.as_str())), "{body}");
}

/// Writes `names` as workers straight into the database (hired on the given days), as a registry
/// of thousands would be: the rules are not what is tested here, reading them back is.
async fn insert_workers(app: &TestApp, names: Vec<(String, &'static str)>) {
    use diesel::connection::Connection as _;
    use diesel::prelude::*;
    use tertib::db::schema::{worker_name_words, workers};
    use tertib::db::workers::Worker;
    use tertib::db::DbConn;
    use tertib_domain::registry::{name_words, search_key};

    let url = app.db.url.clone();
    actix_rt::task::spawn_blocking(move || {
        let at = tertib::db::now();
        let rows: Vec<Worker> = names
            .iter()
            .enumerate()
            .map(|(i, (name, hired))| (i, name, hired, tertib::db::new_id()))
            .map(|(i, name, hired, id)| Worker {
                nik: format!("X{id}"),
                id,
                kk_number: None,
                full_name: name.clone(),
                name_search: search_key(name),
                birth_place: String::new(),
                birth_date: chrono::NaiveDate::from_ymd_opt(1990, 1, 1).unwrap(),
                gender: "female".into(),
                marital_status: None,
                citizenship: "wni".into(),
                address: String::new(),
                district_code: String::new(),
                village_code: String::new(),
                phone: String::new(),
                email: String::new(),
                employee_number: format!("BULK-{i}"),
                position: String::new(),
                employment_status: None,
                hire_date: chrono::NaiveDate::parse_from_str(hired, "%Y-%m-%d").unwrap(),
                termination_date: None,
                termination_reason: None,
                wage_base: 6_000_000,
                noka: None,
                faskes_code: String::new(),
                client_company_id: None,
                membership_status: "not_registered".into(),
                membership_since: None,
                warnings_json: "[]".into(),
                version: 1,
                created_at: at,
                updated_at: at,
            })
            .collect();
        let words: Vec<(String, String)> =
            rows.iter().flat_map(|w| name_words(&w.name_search).into_iter().map(|word| (word, w.id.clone()))).collect();
        let db = tertib::db::Db::connect(&url, 1).unwrap();
        let mut conn = db.conn().unwrap();
        macro_rules! write_all {
            ($c:expr) => {
                $c.transaction(|c| {
                    for chunk in rows.chunks(500) {
                        diesel::insert_into(workers::table).values(chunk).execute(c)?;
                    }
                    for chunk in words.chunks(2000) {
                        let values: Vec<_> = chunk
                            .iter()
                            .map(|(w, id)| (worker_name_words::word.eq(w), worker_name_words::worker_id.eq(id)))
                            .collect();
                        diesel::insert_into(worker_name_words::table).values(values).execute(c)?;
                    }
                    diesel::QueryResult::Ok(())
                })
                .unwrap()
            };
        }
        match &mut *conn {
            DbConn::Sqlite(c) => write_all!(c),
            DbConn::Postgres(c) => write_all!(c),
        }
    })
    .await
    .unwrap();
}

async fn a_name_with_thousands_of_matches_is_paged_and_counted_exactly_as_the_registry_changes(app: TestApp) {
    let director = app.director_token().await;
    // 2,197 women called Sari (more than are sorted by id) and three called Budi (few).
    let letters: Vec<char> = ('a'..='m').collect();
    let mut names = Vec::new();
    for a in &letters {
        for b in &letters {
            for c in &letters {
                names.push((format!("Sari {}{b}{c}a", a.to_ascii_uppercase()), "2020-01-02"));
            }
        }
    }
    let saris = names.len() as i64;
    names.extend([
        ("Budi Awal".to_string(), "2021-03-01"),
        ("Budi Tengah".to_string(), "2019-03-01"),
        ("Andi Budiman".to_string(), "2022-03-01"),
    ]);
    insert_workers(&app, names).await;
    let list = |query: &str| {
        let req = app.client.get(app.url(&format!("/api/v1/workers?{query}"))).bearer_auth(&director);
        async move { req.send().await.unwrap().json::<Value>().await.unwrap() }
    };
    let names_of = |page: &Value| {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["full_name"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };

    let first = list("q=sari&per_page=3").await;
    assert_eq!(
        (first["total"].as_i64(), names_of(&first)),
        (Some(saris), vec!["Sari Aaaa".to_string(), "Sari Aaba".into(), "Sari Aaca".into()])
    );
    let second = list("q=SARI&per_page=3&page=2").await;
    assert_eq!(names_of(&second), ["Sari Aada", "Sari Aaea", "Sari Aafa"]);
    let last = list("q=sari&per_page=3&order=desc").await;
    assert_eq!(names_of(&last), ["Sari Mmma", "Sari Mmla", "Sari Mmka"]);
    // Two words: names containing "sari b" (169 of them).
    let b = list("q=sari%20b&per_page=2").await;
    assert_eq!((b["total"].as_i64(), names_of(&b)), (Some(169), vec!["Sari Baaa".to_string(), "Sari Baba".into()]));
    // Few matches, sorted by hire date: a word starting with "budi" anywhere in the name.
    let budi = list("q=budi&sort=hire_date&order=desc").await;
    assert_eq!(
        (budi["total"].as_i64(), names_of(&budi)),
        (Some(3), vec!["Andi Budiman".to_string(), "Budi Awal".into(), "Budi Tengah".into()])
    );
    assert_eq!(list("q=budi&sort=name&per_page=1&page=2").await["items"][0]["full_name"], "Budi Awal");

    // Written by another connection than the server's, as another server would.
    insert_workers(&app, vec![("Sari Aaa".to_string(), "2020-01-02"), ("Budi Akhir".to_string(), "2018-01-01")]).await;
    let first = list("q=sari&per_page=2").await;
    assert_eq!(
        (first["total"].as_i64(), names_of(&first)),
        (Some(saris + 1), vec!["Sari Aaa".to_string(), "Sari Aaaa".into()])
    );
    let budi = list("q=budi&sort=hire_date&order=desc").await;
    assert_eq!((budi["total"].as_i64(), names_of(&budi).last().map(String::as_str)), (Some(4), Some("Budi Akhir")));

    // Read again after a change, the same questions answer the change.
    let mut sari = worker("Sari Aa", 1);
    sari["nik"] = json!(nik("1990-04-12", Gender::Female, 1));
    sari["birth_date"] = json!("1990-04-12");
    sari["gender"] = json!("female");
    sari["hire_date"] = json!("2023-05-05");
    let sari = app.create_worker(&director, &sari).await;
    let first = list("q=sari&per_page=3").await;
    assert_eq!(
        (first["total"].as_i64(), names_of(&first)),
        (Some(saris + 2), vec!["Sari Aa".to_string(), "Sari Aaa".into(), "Sari Aaaa".into()])
    );
    assert_eq!(list("per_page=1").await["total"], saris + 6);
    let path = format!("/api/v1/workers/{}", sari["id"].as_str().unwrap());
    let renamed = app.patch(&path, &director, &json!({"version": 1, "full_name": "Budi Aa"})).await;
    assert_eq!(renamed.status(), 200);
    assert_eq!(list("q=sari&per_page=3").await["total"], saris + 1);
    let budi = list("q=budi&sort=hire_date&order=desc").await;
    assert_eq!((budi["total"].as_i64(), names_of(&budi)[0].as_str()), (Some(5), "Budi Aa"));
}

async fn list_totals_follow_every_change(app: TestApp) {
    let director = app.director_token().await;
    let company = app.create_company(&director, "MAJU", None).await;
    let list = |query: String| {
        let req = app.client.get(app.url(&format!("/api/v1/workers?{query}"))).bearer_auth(&director);
        async move { req.send().await.unwrap().json::<Value>().await.unwrap() }
    };
    let at_company = format!("client_company_id={}&per_page=1", company["id"].as_str().unwrap());
    let mut ids = Vec::new();
    for serial in 1..=3u16 {
        let mut body = worker(&format!("Pekerja {}", ["Satu", "Dua", "Tiga"][usize::from(serial) - 1]), serial);
        body["client_company_id"] = company["id"].clone();
        ids.push(app.create_worker(&director, &body).await["id"].as_str().unwrap().to_string());
        // Each time counted (a page of one is full), and each time again after the change.
        for _ in 0..2 {
            assert_eq!(list("per_page=1".into()).await["total"], i64::from(serial));
            assert_eq!(list(at_company.clone()).await["total"], i64::from(serial));
            assert_eq!(list("q=pekerja&per_page=1".into()).await["total"], i64::from(serial));
        }
    }
    // Leaving (recorded by the lifecycle's own request) ends the placement: one fewer at the
    // company, the registry the same.
    let left = app
        .post(
            &format!("/api/v1/workers/{}/termination", ids[0]),
            &director,
            &json!({"termination_date": "2024-06-30", "reason": "resignation"}),
        )
        .await;
    assert_eq!(left.status(), 200);
    assert_eq!(list(at_company.clone()).await["total"], 2);
    assert_eq!(list("per_page=1".into()).await["total"], 3);
    assert_eq!(list("employment_status=pkwt&per_page=1".into()).await["total"], 3);
}

/// Answers are remembered per version of the database, and (on PostgreSQL) requests arriving
/// together share one reading of that version: a change committed by anyone else, here straight
/// into the database, is still answered by the very next request, and so is an account disabled
/// there.
async fn a_change_committed_outside_this_server_is_answered_by_the_next_request(app: TestApp) {
    let director = app.director_token().await;
    let hr = app.token_for(Role::Hr).await;
    let created = app.create_worker(&director, &worker("Budi Santoso", 1)).await;
    let by_nik = format!("/api/v1/workers?q={}", created["nik"].as_str().unwrap());
    for _ in 0..3 {
        let (status, list) = app.json(app.get(&by_nik, &hr).await).await;
        assert_eq!((status, &list["items"][0]["full_name"]), (200, &json!("Budi Santoso")));
    }
    let id = created["id"].as_str().unwrap();
    assert_eq!(
        app.execute_outside(&format!("UPDATE workers SET full_name = 'Budi Hartono' WHERE id = '{id}'")).await,
        1
    );
    let (_, list) = app.json(app.get(&by_nik, &hr).await).await;
    assert_eq!(list["items"][0]["full_name"], "Budi Hartono");

    let hr_disabled = "UPDATE users SET disabled = TRUE WHERE role = 'hr'";
    assert_eq!(app.execute_outside(hr_disabled).await, 1);
    assert_eq!(app.get(&by_nik, &hr).await.status(), 401);
    assert_eq!(app.get(&by_nik, &director).await.status(), 200);
}

db_tests!(
    a_change_committed_outside_this_server_is_answered_by_the_next_request,
    a_name_with_thousands_of_matches_is_paged_and_counted_exactly_as_the_registry_changes,
    list_totals_follow_every_change,
    a_worker_whose_nik_is_another_workers_family_member_answers_409_naming_the_member,
    the_demo_fills_an_empty_registry_through_the_same_rules,
    a_worker_is_registered_with_warnings_saved_and_answered,
    a_duplicate_nik_answers_409_naming_the_existing_worker,
    an_invalid_worker_gets_every_finding_at_once_and_nothing_is_saved,
    a_stale_version_answers_409_and_changes_nothing,
    admin_ops_see_nik_and_kk_masked_and_full_readings_are_audited,
    search_finds_a_worker_by_full_nik_exactly_by_card_number_and_by_name,
    the_list_pages_filters_and_sorts,
    a_kk_change_is_added_to_the_history,
    worker_writes_are_audited_with_before_and_after,
    a_worker_has_one_current_placement_and_keeps_the_history,
    a_draft_is_checked_without_being_saved,
);
