//! The SPA in a real headless Chromium, against the real server.

use tertib_tests::webdriver::Browser;
use tertib_tests::{DbKind, TestApp, DIRECTOR_EMAIL, DIRECTOR_PASSWORD};

#[actix_rt::test]
async fn a_director_signs_in_and_sees_the_app_shell_with_user_administration() {
    let app = TestApp::spawn(DbKind::Sqlite).await;
    let browser = Browser::start().await.unwrap();
    let result = async {
        browser.goto(&app.url("/")).await?;
        // Not signed in: the app sends us to the login page.
        let email = browser.wait_for("[data-testid=login-email]").await?;
        assert!(browser.current_url().await?.contains("/login"));
        browser.type_into(&email, DIRECTOR_EMAIL).await?;

        // A wrong password shows the server's message, in Bahasa Indonesia.
        let password = browser.find("[data-testid=login-password]").await?;
        browser.type_into(&password, "salah-sekali-123").await?;
        browser.click(&browser.find("[data-testid=login-submit]").await?).await?;
        browser.wait_for_text("[data-testid=login-error]", "Email atau kata sandi salah").await?;

        let password = browser.find("[data-testid=login-password]").await?;
        browser.clear(&password).await?;
        browser.type_into(&password, DIRECTOR_PASSWORD).await?;
        browser.click(&browser.find("[data-testid=login-submit]").await?).await?;
        browser.wait_for("[data-testid=app-shell]").await?;
        browser.wait_for_text("[data-testid=user-menu]", DIRECTOR_EMAIL).await?;
        // Directors see user administration, and the list holds themselves.
        browser.click(&browser.wait_for("[data-testid=nav-users]").await?).await?;
        browser.wait_for_text("[data-testid=users-table]", DIRECTOR_EMAIL).await?;
        assert!(browser.current_url().await?.ends_with("/pengguna"));
        // A reload keeps the session (refresh cookie) and the route (history fallback).
        browser.goto(&app.url("/pengguna")).await?;
        browser.wait_for_text("[data-testid=users-table]", DIRECTOR_EMAIL).await?;
        anyhow::Ok(())
    }
    .await;
    if result.is_err() {
        let _ = browser.screenshot(&std::env::temp_dir().join("tertib-browser-failure.png")).await;
    }
    browser.quit().await;
    result.unwrap();
}

#[actix_rt::test]
async fn a_worker_is_created_through_the_form_and_a_bad_nik_is_named_at_its_field() {
    use tertib_domain::person::Gender;
    use tertib_tests::registry::{nik, KK};

    let app = TestApp::spawn(DbKind::Sqlite).await;
    let browser = Browser::start().await.unwrap();
    let result = async {
        browser.goto(&app.url("/login")).await?;
        let email = browser.wait_for("[data-testid=login-email]").await?;
        browser.type_into(&email, DIRECTOR_EMAIL).await?;
        browser.type_into(&browser.find("[data-testid=login-password]").await?, DIRECTOR_PASSWORD).await?;
        browser.click(&browser.find("[data-testid=login-submit]").await?).await?;
        browser.click(&browser.wait_for("[data-testid=nav-workers]").await?).await?;
        browser.wait_for("[data-testid=workers-table]").await?;
        browser.click(&browser.wait_for("[data-testid=worker-add]").await?).await?;

        // Digits 7-12 are no date (day 00, month 13): the rule's message is at the field at once,
        // before anything is sent.
        let nik_input = browser.wait_for("[data-testid=worker-nik]").await?;
        browser.type_into(&nik_input, "3174050013880001").await?;
        browser.wait_for_text("[data-testid=field-error-nik]", "bukan tanggal lahir yang valid").await?;

        // A valid NIK: the preview says what it encodes.
        let good = nik("1988-04-12", Gender::Male, 31);
        browser.clear(&nik_input).await?;
        browser.type_into(&nik_input, &good).await?;
        browser.wait_for_text("[data-testid=worker-nik-preview]", "12-04-1988").await?;
        browser.type_into(&browser.find("[data-testid=worker-kk]").await?, KK).await?;
        browser.type_into(&browser.find("[data-testid=worker-name]").await?, "Budi Santoso").await?;
        browser.type_into(&browser.find("[data-testid=worker-birth-date]").await?, "12/04/1988").await?;
        browser.click(&browser.find("[data-testid=worker-gender] option[value=male]").await?).await?;
        browser.type_into(&browser.find("[data-testid=worker-hire-date]").await?, "02/01/2020").await?;
        // Submitting without the wage is refused in the browser, with the message at the field.
        browser.click(&browser.find("[data-testid=worker-submit]").await?).await?;
        browser.wait_for_text("[data-testid=field-error-wage_base]", "wajib diisi").await?;
        browser.type_into(&browser.find("[data-testid=worker-wage]").await?, "5400000").await?;
        browser.click(&browser.find("[data-testid=worker-submit]").await?).await?;

        // Saved: the worker's page, with the full NIK for a director.
        browser.wait_for_text("[data-testid=worker-page]", "Budi Santoso").await?;
        browser.wait_for_text("[data-testid=worker-nik-value]", &good).await?;
        browser.wait_for("[data-testid=family-table]").await?;
        anyhow::Ok(())
    }
    .await;
    if result.is_err() {
        let _ = browser.screenshot(&std::env::temp_dir().join("tertib-browser-worker-failure.png")).await;
    }
    browser.quit().await;
    result.unwrap();
}
