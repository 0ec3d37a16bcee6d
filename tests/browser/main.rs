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
