use serde_json::{json, Value};
use tertib_domain::Role;
use tertib_tests::{db_tests, TestApp, USER_PASSWORD};

async fn a_director_creates_staff_and_client_users(app: TestApp) {
    let director = app.director_token().await;
    let company = app.insert_client_company("MAJU").await;
    let res = app
        .post("/api/v1/users", &director, &json!({"email": "Siti@Maju.co.id", "name": "Siti", "password": USER_PASSWORD, "role": "client", "client_company_id": company}))
        .await;
    assert_eq!(res.status(), 201);
    let user: Value = res.json().await.unwrap();
    assert_eq!(user["email"], "siti@maju.co.id");
    assert_eq!(user["role"], "client");
    assert_eq!(user["client_company_id"], company.as_str());
    let client = app.token("siti@maju.co.id", USER_PASSWORD).await;
    assert_eq!(
        app.get("/api/v1/me", &client).await.json::<Value>().await.unwrap()["client_company_id"],
        company.as_str()
    );

    let list: Value = app.get("/api/v1/users", &director).await.json().await.unwrap();
    assert_eq!(list.as_array().unwrap().len(), 2);
    let one: Value =
        app.get(&format!("/api/v1/users/{}", user["id"].as_str().unwrap()), &director).await.json().await.unwrap();
    assert_eq!((&one["id"], &one["email"], &one["role"]), (&user["id"], &user["email"], &user["role"]));
    assert!(one["last_login_at"].is_string(), "the client's sign-in is recorded");
}

async fn invalid_users_get_every_finding_at_once(app: TestApp) {
    let director = app.director_token().await;
    let res = app
        .client
        .post(app.url("/api/v1/users"))
        .bearer_auth(&director)
        .header("Accept-Language", "en")
        .json(&json!({"email": "bukan-email", "password": "pendek", "role": "client"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], "validation_failed");
    let found: Vec<(String, String)> = body["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["field"].as_str().unwrap().to_string(), d["code"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(
        found,
        [
            ("email".to_string(), "email_malformed".to_string()),
            ("password".to_string(), "password_too_short".to_string()),
            ("client_company_id".to_string(), "client_company_required".to_string()),
        ]
    );
    assert!(body["details"][1]["message"].as_str().unwrap().contains("at least 10"), "{body}");

    let unknown_company = app
        .post(
            "/api/v1/users",
            &director,
            &json!({"email": "a@b.co.id", "password": USER_PASSWORD, "role": "client", "client_company_id": "nope"}),
        )
        .await;
    assert_eq!(unknown_company.status(), 422);
    assert_eq!(unknown_company.json::<Value>().await.unwrap()["details"][0]["code"], "client_company_unknown");

    let bad_role = app
        .post("/api/v1/users", &director, &json!({"email": "a@b.co.id", "password": USER_PASSWORD, "role": "root"}))
        .await;
    assert_eq!(bad_role.status(), 400);
}

async fn an_email_can_belong_to_one_user_only(app: TestApp) {
    let director = app.director_token().await;
    let body = json!({"email": "hr@uji.co.id", "password": USER_PASSWORD, "role": "hr"});
    assert_eq!(app.post("/api/v1/users", &director, &body).await.status(), 201);
    let again = app
        .post("/api/v1/users", &director, &json!({"email": " HR@uji.co.id", "password": USER_PASSWORD, "role": "hr"}))
        .await;
    assert_eq!(again.status(), 409);
    assert_eq!(again.json::<Value>().await.unwrap()["code"], "email_taken");
}

async fn a_role_change_applies_at_once_and_ends_old_tokens(app: TestApp) {
    let director = app.director_token().await;
    let email = app.create_user(Role::AdminOps).await;
    let old = app.token(&email, USER_PASSWORD).await;
    let id = app.get("/api/v1/me", &old).await.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_string();
    let res = app.patch(&format!("/api/v1/users/{id}"), &director, &json!({"role": "hr", "name": "Budi"})).await;
    assert_eq!(res.status(), 200);
    let user: Value = res.json().await.unwrap();
    assert_eq!((user["role"].as_str(), user["name"].as_str()), (Some("hr"), Some("Budi")));
    assert_eq!(app.get("/api/v1/me", &old).await.status(), 401);
    let new = app.token(&email, USER_PASSWORD).await;
    assert_eq!(app.get("/api/v1/me", &new).await.json::<Value>().await.unwrap()["role"], "hr");

    // Turning staff into a client user needs the company.
    let res = app.patch(&format!("/api/v1/users/{id}"), &director, &json!({"role": "client"})).await;
    assert_eq!(res.status(), 422);
    assert_eq!(res.json::<Value>().await.unwrap()["details"][0]["code"], "client_company_required");
}

async fn a_password_reset_by_the_director_replaces_the_old_one(app: TestApp) {
    let director = app.director_token().await;
    let email = app.create_user(Role::Hr).await;
    let old = app.token(&email, USER_PASSWORD).await;
    let id = app.get("/api/v1/me", &old).await.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_string();
    let short = app.patch(&format!("/api/v1/users/{id}"), &director, &json!({"password": "123"})).await;
    assert_eq!(short.status(), 422);
    let res =
        app.patch(&format!("/api/v1/users/{id}"), &director, &json!({"password": "sandi-baru-dari-direktur"})).await;
    assert_eq!(res.status(), 200);
    assert_eq!(app.get("/api/v1/me", &old).await.status(), 401);
    assert_eq!(app.login_with(&TestApp::new_client(), &email, USER_PASSWORD).await.status(), 401);
    assert_eq!(app.login_with(&TestApp::new_client(), &email, "sandi-baru-dari-direktur").await.status(), 200);
}

async fn the_last_active_director_cannot_be_disabled_or_demoted(app: TestApp) {
    let director = app.director_token().await;
    let me = app.get("/api/v1/me", &director).await.json::<Value>().await.unwrap();
    let path = format!("/api/v1/users/{}", me["id"].as_str().unwrap());
    for change in [json!({"disabled": true}), json!({"role": "hr"})] {
        let res = app.patch(&path, &director, &change).await;
        assert_eq!(res.status(), 422, "{change}");
        assert_eq!(res.json::<Value>().await.unwrap()["details"][0]["code"], "last_director");
    }
    // With a second director, the first may step down.
    let second = app.create_user(Role::Director).await;
    assert!(!second.is_empty());
    assert_eq!(app.patch(&path, &director, &json!({"role": "hr"})).await.status(), 200);
}

async fn user_changes_are_audited_with_before_and_after_but_no_secrets(app: TestApp) {
    let director = app.director_token().await;
    let email = app.create_user(Role::Hr).await;
    let id = {
        let list: Value = app.get("/api/v1/users", &director).await.json().await.unwrap();
        list.as_array().unwrap().iter().find(|u| u["email"] == email.as_str()).unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    app.patch(&format!("/api/v1/users/{id}"), &director, &json!({"name": "Nama Baru"})).await;
    let q =
        |action: &str| format!("SELECT COUNT(*) AS n FROM audit_log WHERE action = '{action}' AND entity_id = '{id}'");
    assert_eq!(app.count_rows(&q("user.create")).await, 1);
    assert_eq!(app.count_rows(&q("user.update")).await, 1);
    assert_eq!(
        app.count_rows(&format!(
            "SELECT COUNT(*) AS n FROM audit_log WHERE entity_id = '{id}' AND action = 'user.update' AND before_json LIKE '%\"name\":\"\"%' AND after_json LIKE '%Nama Baru%' AND actor_label = 'direktur@uji.co.id' AND ip = '127.0.0.1'"
        ))
        .await,
        1
    );
    assert_eq!(
        app.count_rows(
            "SELECT COUNT(*) AS n FROM audit_log WHERE after_json LIKE '%argon2%' OR before_json LIKE '%argon2%'"
        )
        .await,
        0
    );
}

async fn the_audit_log_refuses_updates_and_deletes_in_the_database(app: TestApp) {
    app.director_token().await;
    let url = app.db.url.clone();
    actix_rt::task::spawn_blocking(move || {
        use diesel::RunQueryDsl;
        let db = tertib::db::Db::connect(&url, 1).unwrap();
        let mut conn = db.conn().unwrap();
        for sql in ["UPDATE audit_log SET actor_label = 'x'", "DELETE FROM audit_log"] {
            let err = diesel::sql_query(sql).execute(&mut *conn).unwrap_err();
            assert!(err.to_string().contains("append-only"), "{sql}: {err}");
        }
    })
    .await
    .unwrap();
    assert!(app.count_rows("SELECT COUNT(*) AS n FROM audit_log").await >= 2);
}

async fn concurrent_writes_all_land(app: TestApp) {
    // Each creation reads (is the email free?) then writes: on SQLite that needs the write lock
    // from the start, or concurrent requests fail with SQLITE_BUSY_SNAPSHOT.
    let director = app.director_token().await;
    let requests = (0..24).map(|i| {
        let body = json!({"email": format!("hr{i}@uji.co.id"), "password": USER_PASSWORD, "role": "hr"});
        let req = app.client.post(app.url("/api/v1/users")).bearer_auth(&director).json(&body);
        async move { req.send().await.unwrap().status().as_u16() }
    });
    let statuses = futures_util::future::join_all(requests).await;
    assert!(statuses.iter().all(|s| *s == 201), "{statuses:?}");
    assert_eq!(app.count_rows("SELECT COUNT(*) AS n FROM users").await, 25);
}

db_tests!(
    concurrent_writes_all_land,
    a_director_creates_staff_and_client_users,
    invalid_users_get_every_finding_at_once,
    an_email_can_belong_to_one_user_only,
    a_role_change_applies_at_once_and_ends_old_tokens,
    a_password_reset_by_the_director_replaces_the_old_one,
    the_last_active_director_cannot_be_disabled_or_demoted,
    user_changes_are_audited_with_before_and_after_but_no_secrets,
    the_audit_log_refuses_updates_and_deletes_in_the_database,
);
