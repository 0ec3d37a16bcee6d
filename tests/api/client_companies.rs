//! Client companies: created with a code and a name, changed with their version, deactivated
//! (never deleted).

use serde_json::{json, Value};
use tertib_domain::Role;
use tertib_tests::registry::{details, worker};
use tertib_tests::{db_tests, TestApp};

async fn client_companies_are_created_listed_changed_and_deactivated(app: TestApp) {
    let director = app.director_token().await;
    let (status, created) = app
        .json(
            app.post("/api/v1/client-companies", &director, &json!({"code": " maju ", "name": "PT Maju Bersama"}))
                .await,
        )
        .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(
        (created["code"].as_str(), created["active"].as_bool(), created["version"].as_i64()),
        (Some("MAJU"), Some(true), Some(1))
    );
    let id = created["id"].as_str().unwrap().to_string();
    let path = format!("/api/v1/client-companies/{id}");

    let (status, taken) =
        app.json(app.post("/api/v1/client-companies", &director, &json!({"code": "Maju", "name": "Lain"})).await).await;
    assert_eq!((status, taken["code"].as_str()), (409, Some("code_taken")));

    let (status, changed) = app
        .json(
            app.patch(
                &path,
                &director,
                &json!({"version": 1, "minimum_wage": 5_690_752, "regency_code": "3275", "contact_emails": ["HR@Maju.co.id"]}),
            )
            .await,
        )
        .await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["name"], "PT Maju Bersama", "fields left out keep their value");
    assert_eq!(
        (changed["regency_code"].as_str(), changed["regency_name"].as_str()),
        (Some("32.75"), Some("Kota Bekasi"))
    );
    assert_eq!(changed["contact_emails"], json!(["hr@maju.co.id"]));
    assert_eq!(changed["version"], 2);
    let (status, stale) = app.json(app.patch(&path, &director, &json!({"version": 1, "name": "PT Lain"})).await).await;
    assert_eq!((status, stale["code"].as_str()), (409, Some("version_conflict")));

    let hr = app.token_for(Role::Hr).await;
    let (status, inactive) = app.json(app.patch(&path, &hr, &json!({"version": 2, "active": false})).await).await;
    assert_eq!((status, inactive["active"].as_bool()), (200, Some(false)));
    let one: Value = app.get(&path, &director).await.json().await.unwrap();
    assert_eq!((one["active"].as_bool(), one["minimum_wage"].as_i64()), (Some(false), Some(5_690_752)));

    // No new placements at an inactive company; it stays in the list, after the active ones.
    app.create_company(&director, "JAYA", None).await;
    let mut body = worker("Budi Santoso", 1);
    body["client_company_id"] = json!(id);
    let (status, refused) = app.json(app.post("/api/v1/workers", &director, &body).await).await;
    assert_eq!(status, 422);
    assert_eq!(details(&refused), [("client_company_id".to_string(), "client_company_inactive".to_string())]);
    let list: Value = app.get("/api/v1/client-companies", &director).await.json().await.unwrap();
    let codes: Vec<&str> = list.as_array().unwrap().iter().map(|c| c["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["JAYA", "MAJU"]);

    let q =
        |action: &str| format!("SELECT COUNT(*) AS n FROM audit_log WHERE action = '{action}' AND entity_id = '{id}'");
    assert_eq!(app.count_rows(&q("client_company.create")).await, 1);
    assert_eq!(app.count_rows(&q("client_company.update")).await, 1);
    assert_eq!(app.count_rows(&q("client_company.deactivate")).await, 1);
    assert_eq!(app.count_rows("SELECT COUNT(*) AS n FROM client_companies").await, 2, "nothing is deleted");
}

async fn invalid_client_companies_get_every_finding_at_once(app: TestApp) {
    let director = app.director_token().await;
    let (status, body) = app
        .json(
            app.post(
                "/api/v1/client-companies",
                &director,
                &json!({"code": "maju bersama!", "minimum_wage": -1, "regency_code": "99.99", "contact_emails": ["bukan-email"]}),
            )
            .await,
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        details(&body),
        [
            ("code", "client_code_invalid"),
            ("name", "required"),
            ("contact_emails[0]", "email_malformed"),
            ("minimum_wage", "wage_negative"),
            ("regency_code", "regency_code_unknown"),
        ]
        .map(|(f, c)| (f.to_string(), c.to_string()))
    );
    assert_eq!(app.count_rows("SELECT COUNT(*) AS n FROM client_companies").await, 0);
}

async fn operational_admins_read_companies_and_client_users_cannot(app: TestApp) {
    let director = app.director_token().await;
    let company = app.create_company(&director, "MAJU", None).await;
    let path = format!("/api/v1/client-companies/{}", company["id"].as_str().unwrap());
    let ops = app.token_for(Role::AdminOps).await;
    assert_eq!(app.get("/api/v1/client-companies", &ops).await.status(), 200);
    assert_eq!(app.get(&path, &ops).await.status(), 200);
    assert_eq!(app.patch(&path, &ops, &json!({"version": 1, "name": "x"})).await.status(), 403);
    assert_eq!(app.post("/api/v1/client-companies", &ops, &json!({"code": "X", "name": "X"})).await.status(), 403);
    let client = app.token_for(Role::Client).await;
    assert_eq!(app.get("/api/v1/client-companies", &client).await.status(), 403);
    assert_eq!(app.get(&path, &client).await.status(), 403);
    assert_eq!(app.get("/api/v1/client-companies/nope", &director).await.status(), 404);
}

db_tests!(
    client_companies_are_created_listed_changed_and_deactivated,
    invalid_client_companies_get_every_finding_at_once,
    operational_admins_read_companies_and_client_users_cannot,
);
