use serde_json::Value;
use tertib_tests::{db_tests, TestApp};

async fn health_reports_the_service_and_its_database(app: TestApp) {
    let res = app.client.get(app.url("/api/v1/health")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers().get("x-request-id").is_some_and(|v| v.len() >= 32), "a request id is answered");
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["database"], "ok");
    assert_eq!(body["version"], env!("CARGO_PKG_VERSION"));
}

async fn unknown_api_routes_answer_json_404_and_never_the_app(app: TestApp) {
    for path in ["/api/v1/no-such-thing", "/api/nothing", "/api/v2/users"] {
        let res = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 404, "{path}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["code"], "not_found", "{path}");
    }
}

async fn other_paths_fall_back_to_the_single_page_app(app: TestApp) {
    let res = app.client.get(app.url("/pengguna/some/deep/link")).send().await.unwrap();
    assert_eq!(res.status(), 200, "the SPA is built (cargo xtask build) and served for history routes");
    let content_type = res.headers().get("content-type").unwrap().to_str().unwrap().to_string();
    assert!(content_type.starts_with("text/html"), "{content_type}");
    let html = res.text().await.unwrap();
    assert!(html.contains("Tertib"), "{html}");
}

async fn the_swagger_ui_and_the_spec_are_served(app: TestApp) {
    let res = app.client.get(app.url("/api/docs/")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().to_lowercase().contains("swagger"));
    let spec: Value = app.client.get(app.url("/api/openapi.json")).send().await.unwrap().json().await.unwrap();
    assert!(spec["openapi"].as_str().unwrap().starts_with("3."));
    assert!(spec["paths"]["/api/v1/auth/login"]["post"].is_object());
}

async fn errors_follow_accept_language(app: TestApp) {
    let ask = |lang: &'static str| {
        let req = app.client.get(app.url("/api/v1/me"));
        async move { req.header("Accept-Language", lang).send().await.unwrap().json::<Value>().await.unwrap() }
    };
    let id = ask("id-ID,id;q=0.9").await;
    let en = ask("en-GB,en;q=0.9").await;
    let other = ask("fr").await;
    assert_eq!(id["code"], "unauthenticated");
    assert_eq!(en["code"], "unauthenticated");
    assert!(id["message"].as_str().unwrap().contains("Silakan masuk"), "{id}");
    assert!(en["message"].as_str().unwrap().contains("Please sign in"), "{en}");
    assert_eq!(other["message"], id["message"], "unsupported languages fall back to Indonesian");
}

async fn malformed_json_gets_a_readable_400(app: TestApp) {
    let res = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "application/json")
        .header("Accept-Language", "en")
        .body("{\"email\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], "bad_request");
    assert_eq!(body["message"], "The request could not be read.");
    assert!(body["details"][0]["message"].as_str().unwrap().starts_with("JSON"));
}

db_tests!(
    health_reports_the_service_and_its_database,
    unknown_api_routes_answer_json_404_and_never_the_app,
    other_paths_fall_back_to_the_single_page_app,
    the_swagger_ui_and_the_spec_are_served,
    errors_follow_accept_language,
    malformed_json_gets_a_readable_400,
);

#[actix_rt::test]
async fn health_answers_503_when_the_database_is_gone() {
    let app = TestApp::spawn(tertib_tests::DbKind::Postgres).await;
    // Cut the app off from its database: drop it with force (ends the pool's connections).
    let name = app.db.url.rsplit('/').next().unwrap().to_string();
    actix_rt::task::spawn_blocking(move || {
        use diesel::{Connection, RunQueryDsl};
        let mut conn = diesel::PgConnection::establish(&tertib_tests::postgres_admin_url()).unwrap();
        diesel::sql_query(format!("DROP DATABASE {name} WITH (FORCE)")).execute(&mut conn).unwrap();
    })
    .await
    .unwrap();
    let res = app.client.get(app.url("/api/v1/health")).send().await.unwrap();
    assert_eq!(res.status(), 503);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["database"], "unreachable");
}
