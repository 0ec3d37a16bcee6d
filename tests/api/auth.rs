use base64::Engine;
use jsonwebtoken::{encode, EncodingKey, Header};
use serde_json::{json, Value};
use tertib_domain::Role;
use tertib_tests::{db_tests, TestApp, DIRECTOR_EMAIL, DIRECTOR_PASSWORD, JWT_SECRET, USER_PASSWORD};

fn refresh_cookie(res: &reqwest::Response) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("tertib_refresh="))
        .map(str::to_string)
}

async fn a_director_signs_in_and_reads_their_account(app: TestApp) {
    let res = app.login_with(&app.client, "  Direktur@Uji.co.id ", DIRECTOR_PASSWORD).await;
    assert_eq!(res.status(), 200);
    let cookie = refresh_cookie(&res).expect("a refresh cookie");
    for attr in ["HttpOnly", "SameSite=Strict", "Path=/api/v1/auth"] {
        assert!(cookie.contains(attr), "{attr} missing in {cookie}");
    }
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 900);
    assert_eq!(body["user"]["email"], DIRECTOR_EMAIL);
    assert_eq!(body["user"]["role"], "director");
    assert!(body["user"].get("password_hash").is_none());
    let token = body["access_token"].as_str().unwrap();
    let me: Value = app.get("/api/v1/me", token).await.json().await.unwrap();
    assert_eq!(me["email"], DIRECTOR_EMAIL);
    assert!(me["last_login_at"].is_string());
}

async fn a_wrong_password_and_an_unknown_email_get_the_same_answer(app: TestApp) {
    let wrong = app.login_with(&app.client, DIRECTOR_EMAIL, "salah-sekali-123").await;
    let unknown = app.login_with(&app.client, "siapa@uji.co.id", "salah-sekali-123").await;
    assert_eq!(wrong.status(), 401);
    assert_eq!(unknown.status(), 401);
    assert!(refresh_cookie(&wrong).is_none());
    let (wrong, unknown): (Value, Value) = (wrong.json().await.unwrap(), unknown.json().await.unwrap());
    assert_eq!(wrong, unknown);
    assert_eq!(wrong["code"], "invalid_credentials");
}

async fn repeated_failures_lock_an_email_whether_or_not_it_has_an_account(app: TestApp) {
    let bystander = app.create_user(Role::Hr).await;
    for email in [DIRECTOR_EMAIL, "tidak-ada@uji.co.id"] {
        for attempt in 1..=5 {
            let res = app.login_with(&app.client, email, "salah-sekali-123").await;
            let want = if attempt < 5 { 401 } else { 429 };
            assert_eq!(res.status(), want, "{email}, attempt {attempt}");
        }
        // Now even the right password is refused until the lock runs out, and the answer says when.
        let res = app.login_with(&app.client, email, DIRECTOR_PASSWORD).await;
        assert_eq!(res.status(), 429, "{email}");
        let retry: i64 = res.headers()["retry-after"].to_str().unwrap().parse().unwrap();
        assert!((14 * 60..=15 * 60).contains(&retry), "retry after {retry}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["code"], "account_locked");
        assert!(body["details"][0]["message"].as_str().unwrap().contains("15 menit"), "{body}");
    }
    assert_eq!(
        app.login_with(&app.client, &bystander, USER_PASSWORD).await.status(),
        200,
        "other accounts are not affected"
    );
}

async fn a_success_clears_earlier_failures(app: TestApp) {
    for _ in 0..4 {
        assert_eq!(app.login_with(&app.client, DIRECTOR_EMAIL, "salah-sekali-123").await.status(), 401);
    }
    assert_eq!(app.login_with(&app.client, DIRECTOR_EMAIL, DIRECTOR_PASSWORD).await.status(), 200);
    for _ in 0..4 {
        assert_eq!(app.login_with(&app.client, DIRECTOR_EMAIL, "salah-sekali-123").await.status(), 401);
    }
    assert_eq!(app.login_with(&app.client, DIRECTOR_EMAIL, DIRECTOR_PASSWORD).await.status(), 200);
}

fn forge(claims: &Value, secret: &str) -> String {
    encode(&Header::default(), claims, &EncodingKey::from_secret(secret.as_bytes())).unwrap()
}

async fn expired_and_tampered_tokens_are_refused(app: TestApp) {
    let token = app.director_token().await;
    let me: Value = app.get("/api/v1/me", &token).await.json().await.unwrap();
    let now = chrono::Utc::now().timestamp();
    let claims = |iat: i64, exp: i64| json!({"sub": me["id"], "role": "director", "ep": 0, "iat": iat, "exp": exp});

    // Signed with the right key: accepted while valid, `token_expired` once expired.
    let valid = forge(&claims(now, now + 60), JWT_SECRET);
    assert_eq!(app.get("/api/v1/me", &valid).await.status(), 200);
    let expired = app.get("/api/v1/me", &forge(&claims(now - 3600, now - 60), JWT_SECRET)).await;
    assert_eq!(expired.status(), 401);
    assert_eq!(expired.json::<Value>().await.unwrap()["code"], "token_expired");

    // Signed with another key.
    let wrong_key =
        app.get("/api/v1/me", &forge(&claims(now, now + 60), "another-secret-of-sufficient-length!!")).await;
    assert_eq!(wrong_key.status(), 401);
    assert_eq!(wrong_key.json::<Value>().await.unwrap()["code"], "unauthenticated");

    // A payload changed after signing (role raised, signature kept).
    let mut parts: Vec<String> = token.split('.').map(str::to_string).collect();
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let mut payload: Value = serde_json::from_slice(&b64.decode(&parts[1]).unwrap()).unwrap();
    payload["exp"] = json!(now + 86400);
    parts[1] = b64.encode(payload.to_string());
    assert_eq!(app.get("/api/v1/me", &parts.join(".")).await.status(), 401);

    // `alg: none`, with and without a signature part.
    let header = b64.encode(r#"{"alg":"none","typ":"JWT"}"#);
    let body = b64.encode(claims(now, now + 60).to_string());
    for forged in [format!("{header}.{body}."), format!("{header}.{body}"), format!("{header}.{body}.{}", parts[2])] {
        assert_eq!(app.get("/api/v1/me", &forged).await.status(), 401, "{forged}");
    }
    // Garbage and other schemes.
    assert_eq!(app.get("/api/v1/me", "not-a-jwt").await.status(), 401);
    let basic =
        app.client.get(app.url("/api/v1/me")).header("Authorization", "Basic Zm9vOmJhcg==").send().await.unwrap();
    assert_eq!(basic.status(), 401);
}

async fn refresh_rotates_the_cookie_and_a_reused_token_ends_the_session(app: TestApp) {
    let login = app.login_with(&app.client, DIRECTOR_EMAIL, DIRECTOR_PASSWORD).await;
    let first = refresh_cookie(&login).unwrap();
    let first_value = first.split(';').next().unwrap().to_string();

    let refreshed = app.client.post(app.url("/api/v1/auth/refresh")).send().await.unwrap();
    assert_eq!(refreshed.status(), 200);
    let second = refresh_cookie(&refreshed).unwrap();
    assert_ne!(first_value, second.split(';').next().unwrap(), "the refresh token is rotated");
    let body: Value = refreshed.json().await.unwrap();
    assert_eq!(app.get("/api/v1/me", body["access_token"].as_str().unwrap()).await.status(), 200);

    // An attacker replays the first (spent) token from elsewhere: refused, and the session ends.
    let thief = TestApp::new_client();
    let replay = thief.post(app.url("/api/v1/auth/refresh")).header("Cookie", &first_value).send().await.unwrap();
    assert_eq!(replay.status(), 401);
    assert_eq!(replay.json::<Value>().await.unwrap()["code"], "invalid_refresh_token");
    // The legitimate browser's current token was revoked with its family.
    let after = app.client.post(app.url("/api/v1/auth/refresh")).send().await.unwrap();
    assert_eq!(after.status(), 401);
    assert_eq!(app.count_rows("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'auth.refresh_reuse'").await, 1);
}

async fn logout_revokes_the_refresh_token(app: TestApp) {
    let login = app.login_with(&app.client, DIRECTOR_EMAIL, DIRECTOR_PASSWORD).await;
    let cookie = refresh_cookie(&login).unwrap().split(';').next().unwrap().to_string();
    let out = app.client.post(app.url("/api/v1/auth/logout")).send().await.unwrap();
    assert_eq!(out.status(), 204);
    assert!(refresh_cookie(&out).unwrap().contains("Max-Age=0"), "the cookie is cleared");
    let again =
        TestApp::new_client().post(app.url("/api/v1/auth/refresh")).header("Cookie", cookie).send().await.unwrap();
    assert_eq!(again.status(), 401);
    assert_eq!(app.client.post(app.url("/api/v1/auth/refresh")).send().await.unwrap().status(), 401);
}

async fn a_disabled_user_is_shut_out_at_once(app: TestApp) {
    let director = app.director_token().await;
    let email = app.create_user(Role::Hr).await;
    let hr = app.token(&email, USER_PASSWORD).await;
    assert_eq!(app.get("/api/v1/me", &hr).await.status(), 200);
    let me: Value = app.get("/api/v1/me", &hr).await.json().await.unwrap();
    let res = app
        .patch(&format!("/api/v1/users/{}", me["id"].as_str().unwrap()), &director, &json!({"disabled": true}))
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(app.get("/api/v1/me", &hr).await.status(), 401, "the access token stops working");
    assert_eq!(app.client.post(app.url("/api/v1/auth/refresh")).send().await.unwrap().status(), 401);
    let login = app.login_with(&TestApp::new_client(), &email, USER_PASSWORD).await;
    assert_eq!(login.status(), 401, "a disabled user cannot sign in");
}

async fn changing_ones_password_ends_other_sessions(app: TestApp) {
    let email = app.create_user(Role::AdminOps).await;
    let other_browser = TestApp::new_client();
    let old = {
        let res = app.login_with(&other_browser, &email, USER_PASSWORD).await;
        res.json::<Value>().await.unwrap()["access_token"].as_str().unwrap().to_string()
    };
    let token = app.token(&email, USER_PASSWORD).await;
    let weak = app
        .post("/api/v1/me/password", &token, &json!({"current_password": USER_PASSWORD, "new_password": "pendek"}))
        .await;
    assert_eq!(weak.status(), 422);
    assert_eq!(weak.json::<Value>().await.unwrap()["details"][0]["field"], "new_password");
    let wrong = app
        .post(
            "/api/v1/me/password",
            &token,
            &json!({"current_password": "bukan-ini-123", "new_password": "baru-dan-panjang-1"}),
        )
        .await;
    assert_eq!(wrong.status(), 422);
    let ok = app
        .post(
            "/api/v1/me/password",
            &token,
            &json!({"current_password": USER_PASSWORD, "new_password": "baru-dan-panjang-1"}),
        )
        .await;
    assert_eq!(ok.status(), 200);
    let fresh = ok.json::<Value>().await.unwrap()["access_token"].as_str().unwrap().to_string();
    assert_eq!(app.get("/api/v1/me", &fresh).await.status(), 200);
    assert_eq!(app.get("/api/v1/me", &old).await.status(), 401);
    assert_eq!(other_browser.post(app.url("/api/v1/auth/refresh")).send().await.unwrap().status(), 401);
    assert_eq!(app.login_with(&TestApp::new_client(), &email, "baru-dan-panjang-1").await.status(), 200);
}

db_tests!(
    a_director_signs_in_and_reads_their_account,
    a_wrong_password_and_an_unknown_email_get_the_same_answer,
    repeated_failures_lock_an_email_whether_or_not_it_has_an_account,
    a_success_clears_earlier_failures,
    expired_and_tampered_tokens_are_refused,
    refresh_rotates_the_cookie_and_a_reused_token_ends_the_session,
    logout_revokes_the_refresh_token,
    a_disabled_user_is_shut_out_at_once,
    changing_ones_password_ends_other_sessions,
);
