//! The SPA in a real headless Chromium, against the real server.

use serde_json::json;
use tertib_domain::person::Gender;
use tertib_tests::lifecycle::PDF;
use tertib_tests::registry::{nik, worker, KK};
use tertib_tests::webdriver::{Browser, ENTER, ESCAPE};
use tertib_tests::{DbKind, TestApp, DIRECTOR_EMAIL, DIRECTOR_PASSWORD, USER_PASSWORD};

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

/// Signs in as the director through the login page and waits for the app.
async fn sign_in(browser: &Browser, app: &TestApp) -> anyhow::Result<()> {
    sign_in_as(browser, app, DIRECTOR_EMAIL, DIRECTOR_PASSWORD).await
}

/// Signs in through the login page and waits for the app.
async fn sign_in_as(browser: &Browser, app: &TestApp, email: &str, password: &str) -> anyhow::Result<()> {
    browser.goto(&app.url("/login")).await?;
    let email_input = browser.wait_for("[data-testid=login-email]").await?;
    browser.type_into(&email_input, email).await?;
    browser.type_into(&browser.find("[data-testid=login-password]").await?, password).await?;
    browser.click(&browser.find("[data-testid=login-submit]").await?).await?;
    browser.wait_for("[data-testid=app-shell]").await?;
    Ok(())
}

/// Chooses the option `value` of the select with test id `testid`.
async fn choose(browser: &Browser, testid: &str, value: &str) -> anyhow::Result<()> {
    browser.click(&browser.find(&format!("[data-testid={testid}] option[value={value}]")).await?).await
}

/// Adds a family member through the member form and waits for them in the family table.
async fn add_member(
    browser: &Browser,
    relation: &str,
    member_nik: &str,
    name: &str,
    birth: &str,
    gender: &str,
) -> anyhow::Result<()> {
    browser.wait_for_text("[data-testid=member-form-title]", "Tambah anggota keluarga").await?;
    choose(browser, "member-relation", relation).await?;
    browser.type_into(&browser.find("[data-testid=member-nik]").await?, member_nik).await?;
    browser.type_into(&browser.find("[data-testid=member-name]").await?, name).await?;
    browser.type_into(&browser.find("[data-testid=member-birth-date]").await?, birth).await?;
    choose(browser, "member-gender", gender).await?;
    browser.click(&browser.find("[data-testid=member-submit]").await?).await?;
    browser.wait_for_text("[data-testid=family-table]", name).await?;
    Ok(())
}

/// Keeps a screenshot when the steps failed, ends the browser either way, and fails the test when
/// the steps did.
async fn finish(browser: Browser, result: anyhow::Result<()>, screenshot: &str) {
    if result.is_err() {
        let _ = browser.screenshot(&std::env::temp_dir().join(screenshot)).await;
    }
    browser.quit().await;
    result.unwrap();
}

#[actix_rt::test]
async fn a_worker_with_a_wife_and_two_children_is_registered_through_the_forms_then_changed_and_a_child_removed() {
    let app = TestApp::spawn(DbKind::Sqlite).await;
    let session = Browser::start().await.unwrap();
    let browser = &session;
    let result = async {
        sign_in(browser, &app).await?;
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
        choose(browser, "worker-gender", "male").await?;
        choose(browser, "worker-marital", "married").await?;
        browser.type_into(&browser.find("[data-testid=worker-hire-date]").await?, "02/01/2020").await?;
        // Submitting without the wage is refused in the browser: the message is at the field, and
        // the keyboard focus goes there.
        browser.click(&browser.find("[data-testid=worker-submit]").await?).await?;
        browser.wait_for_text("[data-testid=field-error-wage_base]", "wajib diisi").await?;
        browser.wait_for_focus("[data-testid=worker-wage]").await?;
        // Enter in a field submits the form.
        let wage = browser.find("[data-testid=worker-wage]").await?;
        browser.type_into(&wage, "5400000").await?;
        browser.press(&wage, ENTER).await?;

        // Saved: the worker's page, with the full NIK for a director.
        browser.wait_for_text("[data-testid=worker-page]", "Budi Santoso").await?;
        browser.wait_for_text("[data-testid=worker-nik-value]", &good).await?;
        browser.wait_for_text("[data-testid=kk-history-table]", KK).await?;

        // The family, through the member form; a bad NIK is named at its field there too.
        let member_nik = browser.wait_for("[data-testid=member-nik]").await?;
        browser.type_into(&member_nik, "3174050013880001").await?;
        browser.wait_for_text("[data-testid=field-error-member-nik]", "bukan tanggal lahir yang valid").await?;
        browser.clear(&member_nik).await?;
        add_member(browser, "wife", &nik("1990-04-12", Gender::Female, 32), "Dewi Lestari", "12/04/1990", "female")
            .await?;
        add_member(browser, "child", &nik("2015-06-01", Gender::Male, 33), "Andi Santoso", "01/06/2015", "male")
            .await?;
        add_member(browser, "child", &nik("2018-09-20", Gender::Female, 34), "Rina Santoso", "20/09/2018", "female")
            .await?;
        browser.wait_for_text("[data-testid=family-note]", "Anggota keluarga ditambahkan").await?;

        // Changing the worker: the form starts from the worker as stored; Escape leaves it
        // without saving and gives the focus back to the button that opened it.
        browser.click(&browser.find("[data-testid=worker-edit]").await?).await?;
        browser.wait_for_value("[data-testid=worker-name]", "Budi Santoso").await?;
        browser.press(&browser.find("[data-testid=worker-phone]").await?, ESCAPE).await?;
        browser.wait_for_absence("[data-testid=worker-form]").await?;
        browser.wait_for_focus("[data-testid=worker-edit]").await?;
        browser.click(&browser.find("[data-testid=worker-edit]").await?).await?;
        let phone = browser.wait_for("[data-testid=worker-phone]").await?;
        browser.type_into(&phone, "081234567890").await?;
        browser.click(&browser.find("[data-testid=worker-submit]").await?).await?;
        browser.wait_for_text("[data-testid=worker-saved]", "Perubahan disimpan").await?;
        browser.wait_for_text("[data-testid=worker-phone-value]", "081234567890").await?;
        browser.wait_for_text("[data-testid=worker-title]", "Budi Santoso").await?;

        // Changing a family member: the add form becomes theirs, filled in.
        browser.click(&browser.find("tr[data-member-name='Andi Santoso'] [data-testid=member-edit]").await?).await?;
        browser.wait_for_text("[data-testid=member-form-title]", "Ubah anggota keluarga: Andi Santoso").await?;
        browser.wait_for_value("[data-testid=member-birth-date]", "01-06-2015").await?;
        let name = browser.find("[data-testid=member-name]").await?;
        browser.clear(&name).await?;
        browser.type_into(&name, "Andi Pratama").await?;
        browser.press(&name, ENTER).await?;
        browser.wait_for_text("[data-testid=family-note]", "Data anggota keluarga disimpan").await?;
        browser.wait_for_text("[data-testid=family-table]", "Andi Pratama").await?;
        browser.wait_for_text("[data-testid=member-form-title]", "Tambah anggota keluarga").await?;

        // Removing a child asks first; Escape takes the question back.
        let remove = "tr[data-member-name='Rina Santoso'] [data-testid=member-remove]";
        browser.click(&browser.find(remove).await?).await?;
        browser.wait_for_text("[data-testid=member-remove-confirmation]", "Hapus Rina Santoso dari keluarga?").await?;
        browser.wait_for_focus("[data-testid=member-remove-confirm]").await?;
        browser.press(&browser.find("[data-testid=member-remove-confirm]").await?, ESCAPE).await?;
        browser.wait_for_absence("[data-testid=member-remove-confirmation]").await?;
        browser.wait_for_focus(remove).await?;
        browser.click(&browser.find(remove).await?).await?;
        browser.click(&browser.wait_for("[data-testid=member-remove-confirm]").await?).await?;
        browser.wait_for_text("[data-testid=family-note]", "dihapus dari keluarga").await?;
        let family = browser.wait_for_text_without("[data-testid=family-table]", "Rina Santoso").await?;
        assert!(family.contains("Dewi Lestari") && family.contains("Andi Pratama"), "family now: {family}");
        // The emptied form the focus left after the save flags nothing: nobody typed in it.
        let name_error = browser.find("[data-testid=field-error-member-full_name]").await?;
        assert_eq!(browser.text(&name_error).await?, "");
        anyhow::Ok(())
    }
    .await;
    finish(session, result, "tertib-browser-worker-failure.png").await;
}

#[actix_rt::test]
async fn a_change_to_a_worker_someone_else_saved_meanwhile_is_refused_and_the_stored_worker_is_offered() {
    let app = TestApp::spawn(DbKind::Sqlite).await;
    let token = app.director_token().await;
    let created = app.create_worker(&token, &worker("Siti Aminah", 41)).await;
    let id = created["id"].as_str().unwrap().to_string();
    let session = Browser::start().await.unwrap();
    let browser = &session;
    let result = async {
        sign_in(browser, &app).await?;
        browser.goto(&app.url(&format!("/pekerja/{id}"))).await?;
        browser.click(&browser.wait_for("[data-testid=worker-edit]").await?).await?;
        let phone = browser.wait_for("[data-testid=worker-phone]").await?;

        // Someone else saves a phone number while the form is open.
        let theirs = serde_json::json!({"version": created["version"], "phone": "0811111111"});
        let (status, _) = app.json(app.patch(&format!("/api/v1/workers/{id}"), &token, &theirs).await).await;
        assert_eq!(status, 200);
        browser.type_into(&phone, "0822222222").await?;
        browser.click(&browser.find("[data-testid=worker-submit]").await?).await?;
        browser.wait_for_text("[data-testid=worker-form-conflict]", "telah diubah oleh orang lain").await?;
        let (_, stored) = app.json(app.get(&format!("/api/v1/workers/{id}"), &token).await).await;
        assert_eq!(stored["phone"], "0811111111", "the other change was kept");

        // Reloading shows the worker as stored now; the change is made again on it.
        browser.click(&browser.find("[data-testid=worker-form-conflict] button").await?).await?;
        browser.wait_for_value("[data-testid=worker-phone]", "0811111111").await?;
        let phone = browser.find("[data-testid=worker-phone]").await?;
        browser.clear(&phone).await?;
        browser.type_into(&phone, "0822222222").await?;
        browser.click(&browser.find("[data-testid=worker-submit]").await?).await?;
        browser.wait_for_text("[data-testid=worker-phone-value]", "0822222222").await?;
        anyhow::Ok(())
    }
    .await;
    finish(session, result, "tertib-browser-conflict-failure.png").await;
}

#[actix_rt::test]
async fn a_client_company_is_changed_through_the_form_and_escape_leaves_a_change_unsaved() {
    let app = TestApp::spawn(DbKind::Sqlite).await;
    let token = app.director_token().await;
    app.create_company(&token, "MAJU", Some(5_000_000)).await;
    let session = Browser::start().await.unwrap();
    let browser = &session;
    let result = async {
        sign_in(browser, &app).await?;
        browser.click(&browser.wait_for("[data-testid=nav-companies]").await?).await?;
        let edit = "[data-testid=company-edit][data-code=MAJU]";
        browser.click(&browser.wait_for(edit).await?).await?;
        browser.wait_for_value("[data-testid=company-name]", "PT MAJU").await?;
        // Escape leaves the change: the form adds a company again, and the focus is back on Edit.
        browser.press(&browser.find("[data-testid=company-name]").await?, ESCAPE).await?;
        browser.wait_for_value("[data-testid=company-name]", "").await?;
        browser.wait_for_focus(edit).await?;

        browser.click(&browser.find(edit).await?).await?;
        browser.wait_for_value("[data-testid=company-name]", "PT MAJU").await?;
        let name = browser.find("[data-testid=company-name]").await?;
        browser.clear(&name).await?;
        browser.type_into(&name, "PT Maju Jaya").await?;
        // An unknown regency is named at its field before anything is sent.
        let regency = browser.find("[data-testid=company-regency]").await?;
        browser.clear(&regency).await?;
        browser.type_into(&regency, "32.99").await?;
        browser.press(&regency, ENTER).await?;
        browser.wait_for_text("[data-testid=field-error-company-regency]", "bukan kode kabupaten/kota").await?;
        browser.clear(&regency).await?;
        browser.type_into(&regency, "32.75").await?;
        browser.press(&regency, ENTER).await?;
        browser.wait_for_text("[data-testid=company-note]", "Perubahan disimpan").await?;
        browser.wait_for_text("tr[data-code=MAJU]", "PT Maju Jaya").await?;
        let (_, list) = app.json(app.get("/api/v1/client-companies", &token).await).await;
        assert_eq!((&list[0]["name"], &list[0]["regency_code"]), (&"PT Maju Jaya".into(), &"32.75".into()));
        anyhow::Ok(())
    }
    .await;
    finish(session, result, "tertib-browser-company-failure.png").await;
}

#[actix_rt::test]
async fn the_worker_list_follows_the_order_chosen() {
    let app = TestApp::spawn(DbKind::Sqlite).await;
    let token = app.director_token().await;
    app.create_worker(&token, &worker("Ahmad Yani", 51)).await;
    app.create_worker(&token, &worker("Zainal Abidin", 52)).await;
    let session = Browser::start().await.unwrap();
    let browser = &session;
    let result = async {
        sign_in(browser, &app).await?;
        browser.click(&browser.wait_for("[data-testid=nav-workers]").await?).await?;
        // The first row: by name from A, then from Z.
        browser.wait_for_text("[data-testid=worker-row]", "Ahmad Yani").await?;
        choose(browser, "workers-sort", "name-desc").await?;
        browser.wait_for_text("[data-testid=worker-row]", "Zainal Abidin").await?;
        anyhow::Ok(())
    }
    .await;
    finish(session, result, "tertib-browser-sort-failure.png").await;
}

#[actix_rt::test]
async fn records_a_termination_and_completes_the_deactivation() {
    let app = TestApp::spawn(DbKind::Sqlite).await;
    let token = app.director_token().await;
    let mut body = worker("Rudi Hartono", 61);
    body["faskes_code"] = json!("0901R001");
    let created = app.create_worker(&token, &body).await;
    let id = created["id"].as_str().unwrap().to_string();
    app.activate(&token, &id, "0001234567890").await;
    // The three documents a resignation needs, as small PDF files on disk for the file inputs.
    let dir = std::env::temp_dir().join(format!("tertib-documents-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let documents: Vec<(&str, String)> = ["sptjm", "leavers_list", "termination_proof"]
        .into_iter()
        .map(|kind| {
            let path = dir.join(format!("{kind}.pdf"));
            std::fs::write(&path, PDF).unwrap();
            (kind, path.display().to_string())
        })
        .collect();
    // A past day after the hire date (2020): ten days ago.
    let last_day = (chrono::Utc::now() - chrono::Duration::days(10)).date_naive();
    let session = Browser::start().await.unwrap();
    let browser = &session;
    let result = async {
        sign_in(browser, &app).await?;
        browser.goto(&app.url(&format!("/pekerja/{id}"))).await?;
        browser.wait_for("[data-testid=worker-membership] [data-status=active]").await?;
        browser.wait_for_text("[data-testid=worker-cases]", "Pendaftaran").await?;

        // Recording the termination opens the deactivation case, linked from the note.
        let date = browser.wait_for("[data-testid=termination-date]").await?;
        browser.type_into(&date, &last_day.format("%d/%m/%Y").to_string()).await?;
        choose(browser, "termination-reason", "resignation").await?;
        browser.click(&browser.find("[data-testid=termination-submit]").await?).await?;
        browser.wait_for_text("[data-testid=termination-outcome]", "kasus penonaktifan dibuka").await?;
        browser.wait_for_text("[data-testid=worker-terminated]", "mengundurkan diri").await?;
        browser.wait_for("[data-testid=worker-membership] [data-status=active]").await?;
        browser.click(&browser.find("[data-testid=termination-case-link]").await?).await?;
        browser.wait_for_text("[data-testid=case-title]", "Penonaktifan: Rudi Hartono").await?;
        browser.wait_for_text("[data-testid=case-state]", "Terbuka").await?;

        // Submitting without the documents is refused, naming each one missing.
        browser.click(&browser.wait_for("[data-testid=case-action-submit]").await?).await?;
        let refusal = browser.wait_for_text("[data-testid=case-step-error]", "Daftar periksa belum lengkap").await?;
        for missing in
            ["SPTJM ditandatangani pimpinan perusahaan", "Daftar pekerja keluar", "Salinan bukti berhenti bekerja"]
        {
            assert!(refusal.contains(missing), "{missing} not named in: {refusal}");
        }
        browser.wait_for_text("[data-testid=case-state]", "Terbuka").await?;

        // Each document goes to its checklist item, which is then done.
        for (kind, path) in &documents {
            let input = browser.find(&format!("[data-testid=document-upload][data-kind={kind}]")).await?;
            browser.type_into(&input, path).await?;
            browser
                .wait_for(&format!("[data-testid=checklist-item][data-key='document:{kind}'][data-done=true]"))
                .await?;
        }
        browser.wait_for_absence("[data-testid=case-step-error]").await?;
        browser.wait_for_text("[data-testid=documents-table]", "termination_proof.pdf").await?;

        // Submitted to BPJS, then accepted: the case is completed and offers no more steps.
        browser.click(&browser.find("[data-testid=case-action-submit]").await?).await?;
        browser.wait_for_text("[data-testid=case-state]", "Diajukan ke BPJS").await?;
        browser.click(&browser.wait_for("[data-testid=case-action-accept]").await?).await?;
        browser.wait_for_text("[data-testid=case-state]", "Selesai").await?;
        browser.wait_for_text("[data-testid=case-no-steps]", "tidak ada langkah lagi").await?;
        browser.wait_for_text("[data-testid=case-history]", "Dokumen diunggah").await?;

        // The worker is inactive from the last day of work.
        browser.click(&browser.find("[data-testid=case-worker-link]").await?).await?;
        browser.wait_for("[data-testid=worker-membership] [data-status=inactive]").await?;
        let status = browser.wait_for_text("[data-testid=worker-membership]", "nonaktif").await?;
        assert!(status.contains(&last_day.format("%d-%m-%Y").to_string()), "since the last day: {status}");
        browser.wait_for_text("[data-testid=worker-history]", "Berhenti bekerja dicatat").await?;

        // The board lists the completed deactivation.
        browser.click(&browser.find("[data-testid=nav-cases]").await?).await?;
        browser.wait_for("[data-testid=cases-table]").await?;
        choose(browser, "cases-filter-state", "completed").await?;
        browser.wait_for_text("tr[data-kind=deactivation][data-state=completed]", "Rudi Hartono").await?;

        // The SOP prints its tables and the cut-off day; the director's new day is printed at once.
        browser.click(&browser.find("[data-testid=nav-sop]").await?).await?;
        browser.wait_for("[data-testid=sop-content] table").await?;
        browser.wait_for_text("[data-testid=sop-content]", "(cut-off): tanggal 20").await?;
        browser.wait_for_value("[data-testid=settings-cutoff_day]", "20").await?;
        let cutoff = browser.find("[data-testid=settings-cutoff_day]").await?;
        browser.clear(&cutoff).await?;
        browser.type_into(&cutoff, "25").await?;
        browser.click(&browser.find("[data-testid=settings-submit]").await?).await?;
        browser.wait_for_text("[data-testid=settings-saved]", "Pengaturan disimpan").await?;
        browser.wait_for_text("[data-testid=sop-content]", "(cut-off): tanggal 25").await?;
        anyhow::Ok(())
    }
    .await;
    let _ = std::fs::remove_dir_all(&dir);
    finish(session, result, "tertib-browser-deactivation-failure.png").await;
}

/// A client company (`PT <code>`) with a user of its own and workers placed there; returns the
/// user's email.
async fn client_company_with_workers(app: &TestApp, director: &str, code: &str, workers: &[(&str, u16)]) -> String {
    let company = app.create_company(director, code, None).await;
    let email = format!("klien@{}.co.id", code.to_lowercase());
    let user = json!({"email": email, "password": USER_PASSWORD, "role": "client", "client_company_id": company["id"]});
    let (status, body) = app.json(app.post("/api/v1/users", director, &user).await).await;
    assert_eq!(status, 201, "{body}");
    for (name, serial) in workers {
        let mut body = worker(name, *serial);
        body["client_company_id"] = company["id"].clone();
        app.create_worker(director, &body).await;
    }
    email
}

#[actix_rt::test]
async fn a_client_user_lands_on_the_portal_and_sees_only_the_workers_of_their_company() {
    let app = TestApp::spawn(DbKind::Sqlite).await;
    let director = app.director_token().await;
    let alfa = client_company_with_workers(
        &app,
        &director,
        "ALFA",
        &[("Budi Santoso", 101), ("Siti Aminah", 102), ("Rudi Hartono", 103)],
    )
    .await;
    client_company_with_workers(&app, &director, "BETA", &[("Andi Wijaya", 201), ("Joko Susilo", 202)]).await;
    let session = Browser::start().await.unwrap();
    let browser = &session;
    let result = async {
        sign_in_as(browser, &app, &alfa, USER_PASSWORD).await?;
        // The portal is the client user's home, named after the company.
        browser.wait_for_text("[data-testid=portal-company]", "PT ALFA").await?;
        assert!(browser.current_url().await?.ends_with("/portal"));

        // The totals count the company's three workers, all still being registered.
        let total = |status: &str| format!("[data-testid=portal-total][data-status={status}]");
        let all = browser.wait_for(&total("all")).await?;
        assert_eq!(browser.attribute(&all, "data-count").await?.as_deref(), Some("3"));
        let registering = browser.find(&total("registration_in_progress")).await?;
        assert_eq!(browser.attribute(&registering, "data-count").await?.as_deref(), Some("3"));
        let active = browser.find(&total("active")).await?;
        assert_eq!(browser.attribute(&active, "data-count").await?.as_deref(), Some("0"));

        // The list: this company's workers only, NIK masked.
        let table = browser.wait_for_text("[data-testid=portal-table]", "Rudi Hartono").await?;
        assert!(table.contains("Budi Santoso") && table.contains("Siti Aminah"), "listed: {table}");
        assert!(!table.contains("Andi Wijaya") && !table.contains("Joko Susilo"), "another company's workers: {table}");
        assert!(table.contains("********") && !table.contains(&nik("1988-04-12", Gender::Male, 101)), "{table}");
        assert!(table.contains("pendaftaran diproses"), "{table}");
        browser.wait_for_text("[data-testid=portal-count]", "3 pekerja").await?;

        // Searching as you type narrows the list.
        browser.type_into(&browser.find("[data-testid=portal-search]").await?, "Siti").await?;
        let narrowed = browser.wait_for_text_without("[data-testid=portal-table]", "Budi Santoso").await?;
        assert!(narrowed.contains("Siti Aminah") && !narrowed.contains("Rudi Hartono"), "after the search: {narrowed}");
        browser.wait_for_text("[data-testid=portal-count]", "1 pekerja").await?;

        // The navigation has the portal and the account, nothing of the staff's.
        let nav = browser.text(&browser.find("nav.main-nav").await?).await?;
        assert!(nav.contains("Portal") && nav.contains("Akun saya"), "navigation: {nav}");
        for staff in ["nav-home", "nav-workers", "nav-cases", "nav-companies", "nav-import", "nav-sop", "nav-users"] {
            assert!(browser.find(&format!("[data-testid={staff}]")).await.is_err(), "{staff} is offered to a client");
        }
        // A staff page typed in the address bar says no, and leads back to the portal.
        browser.goto(&app.url("/pekerja")).await?;
        browser.wait_for("[data-testid=not-allowed]").await?;
        browser.click(&browser.find("[data-testid=not-allowed] a").await?).await?;
        browser.wait_for("[data-testid=portal-table]").await?;
        assert!(browser.current_url().await?.ends_with("/portal"));
        anyhow::Ok(())
    }
    .await;
    finish(session, result, "tertib-browser-portal-failure.png").await;
}

/// Waits for the import page's progress bar to show the import done, every one of its `rows` rows.
async fn wait_for_import_done(browser: &Browser, rows: usize) -> anyhow::Result<()> {
    let bar = browser.wait_for("[data-testid=import-progress][data-state=done]").await?;
    let all = Some(rows.to_string());
    assert_eq!(browser.attribute(&bar, "data-rows-done").await?, all, "rows done");
    assert_eq!(browser.attribute(&bar, "data-rows-total").await?, all, "rows total");
    browser.wait_for_text("[data-testid=import-progress-text]", &format!("{rows} dari {rows} baris")).await?;
    Ok(())
}

#[actix_rt::test]
async fn a_roster_is_checked_with_the_wrong_cell_marked_then_only_its_valid_rows_imported() {
    let app = TestApp::spawn(DbKind::Sqlite).await;
    let header = "nik;no_kk;nama;tempat_lahir;tanggal_lahir;jenis_kelamin;status_kawin;hubungan;nik_peserta;tmt_kerja;gaji;no_kartu;kode_faskes;perusahaan_klien;email;no_hp";
    let good = format!(
        "{};{KK};Budi Santoso;Jakarta;12/04/1988;L;kawin;peserta;;02-01-2024;5.396.761;;0138U020;;;0812345678",
        nik("1988-04-12", Gender::Male, 61)
    );
    let bad = format!("3174051204880;{KK};Andi Saputra;Jakarta;12/04/1988;L;kawin;peserta;;02-01-2024;5000000;;;;;");
    let dir = std::env::temp_dir().join(format!("tertib-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("daftar-pekerja.csv");
    std::fs::write(&file, format!("\u{feff}{header}\r\n{good}\r\n{bad}\r\n")).unwrap();
    let session = Browser::start().await.unwrap();
    let browser = &session;
    let result = async {
        sign_in(browser, &app).await?;
        browser.click(&browser.wait_for("[data-testid=nav-import]").await?).await?;
        // The file input takes the file as a path typed into it (what a drop or the picker gives).
        browser.type_into(&browser.wait_for("[data-testid=import-file]").await?, &file.to_string_lossy()).await?;
        browser.wait_for_text("[data-testid=import-file-name]", "daftar-pekerja.csv · 2 baris data").await?;
        browser.wait_for_text("tr[data-row='3']", "Andi Saputra").await?;

        // The check writes nothing and reports what an import would do. It runs in the server's
        // background: the progress bar counts its rows until it is done, then the report shows.
        browser.click(&browser.find("[data-testid=import-check]").await?).await?;
        wait_for_import_done(browser, 2).await?;
        browser.wait_for("[data-testid=import-report][data-dry-run=true]").await?;
        browser.wait_for_text("[data-testid=import-rows-total]", "2").await?;
        browser.wait_for_text("[data-testid=import-rows-valid]", "1").await?;
        browser.wait_for_text("[data-testid=import-created]", "1").await?;
        browser.wait_for_text("[data-testid=import-outcome]", "Ada baris yang salah").await?;
        // The wrong cell is marked on its spreadsheet row and column, with the rule's message.
        let cell = browser.wait_for("tr[data-row='3'] td.cell-error[data-column=nik]").await?;
        assert_eq!(browser.text(&cell).await?, "3174051204880");
        browser.wait_for_text("tr[data-row='3'] [data-testid=import-row-messages]", "NIK harus 16 digit").await?;
        assert!(browser.find("tr[data-row='2'] td.cell-error").await.is_err(), "the good row is not marked");
        let (_, before) = app.json(app.get("/api/v1/workers", &app.director_token().await).await).await;
        assert_eq!(before["total"], 0, "a check writes nothing");

        // Only the valid rows: the good worker goes in.
        browser.click(&browser.find("[data-testid=import-mode-valid_rows]").await?).await?;
        browser.click(&browser.find("[data-testid=import-commit]").await?).await?;
        wait_for_import_done(browser, 2).await?;
        browser.wait_for("[data-testid=import-report][data-dry-run=false]").await?;
        browser.wait_for_text("[data-testid=import-outcome]", "Impor selesai").await?;
        browser.wait_for_text("[data-testid=import-created]", "1").await?;
        let (_, after) = app.json(app.get("/api/v1/workers", &app.director_token().await).await).await;
        assert_eq!(after["total"], 1, "{after}");
        assert_eq!(after["items"][0]["full_name"], "Budi Santoso");
        anyhow::Ok(())
    }
    .await;
    let _ = std::fs::remove_dir_all(&dir);
    finish(session, result, "tertib-browser-import-failure.png").await;
}

#[actix_rt::test]
async fn the_director_previews_the_digest_sends_it_and_sees_it_wait_in_the_outbox_without_smtp() {
    let app = TestApp::spawn(DbKind::Sqlite).await;
    let session = Browser::start().await.unwrap();
    let browser = &session;
    let result = async {
        sign_in(browser, &app).await?;
        browser.click(&browser.wait_for("[data-testid=nav-reminders]").await?).await?;
        // The test server has no SMTP server: the page says why mails wait.
        browser.wait_for_text("[data-testid=smtp-missing]", "TERTIB_SMTP_URL").await?;
        browser.wait_for_value("[data-testid=reminder-digest_time]", "07:00").await?;

        // A day out of range is refused in the browser, at its field.
        let day = browser.find("[data-testid=reminder-monthly_reminder_day]").await?;
        browser.clear(&day).await?;
        browser.type_into(&day, "12").await?;
        browser.click(&browser.find("[data-testid=reminder-settings-submit]").await?).await?;
        browser.wait_for_text("[data-testid=field-error-reminder-monthly_reminder_day]", "Di luar rentang").await?;
        browser.clear(&day).await?;
        browser.type_into(&day, "6").await?;
        // One attempt, so that a mail the SMTP server refuses fails at once (below).
        let attempts = browser.find("[data-testid=reminder-max_attempts]").await?;
        browser.clear(&attempts).await?;
        browser.type_into(&attempts, "1").await?;
        browser.click(&browser.find("[data-testid=reminder-include_hr]").await?).await?;
        browser.click(&browser.find("[data-testid=reminder-settings-submit]").await?).await?;
        browser.wait_for_text("[data-testid=reminder-settings-saved]", "Pengaturan pengingat disimpan").await?;
        let (_, stored) = app.json(app.get("/api/v1/settings/reminders", &app.director_token().await).await).await;
        assert_eq!(
            (&stored["monthly_reminder_day"], &stored["include_hr"], &stored["max_attempts"]),
            (&json!(6), &json!(true), &json!(1))
        );

        // The preview: the subject, and the mail in a sandboxed frame.
        browser.click(&browser.find("[data-testid=digest-preview]").await?).await?;
        browser.wait_for_text("[data-testid=digest-subject]", "Tertib: ringkasan").await?;
        let frame = browser.find("[data-testid=digest-html]").await?;
        assert_eq!(browser.attribute(&frame, "sandbox").await?.as_deref(), Some(""));
        let html = browser.attribute(&frame, "srcdoc").await?.unwrap_or_default();
        assert!(html.contains("<h2>Tertib: ringkasan"), "the mail's HTML: {html}");
        browser.click(&browser.find("[data-testid=digest-tab-text]").await?).await?;
        browser.wait_for_text("[data-testid=digest-text]", "cut-off").await?;

        // Sent now: it waits in the outbox.
        browser.wait_for_text("[data-testid=outbox-table]", "Tidak ada email").await?;
        browser.click(&browser.find("[data-testid=digest-send]").await?).await?;
        browser.wait_for_text("[data-testid=digest-queued]", "masuk kotak keluar").await?;
        browser.wait_for_text("[data-testid=outbox-row][data-status=queued]", DIRECTOR_EMAIL).await?;
        browser.wait_for_text("[data-testid=outbox-row]", "Ringkasan harian").await?;

        // A run against an SMTP server that refuses the connection: the mail fails, shows why,
        // and can be sent again.
        let report = app.run_reminders(Some("smtp://127.0.0.1:1".into()), chrono::Utc::now()).await;
        assert_eq!(report.failed, 1);
        browser.click(&browser.find("[data-testid=outbox-refresh]").await?).await?;
        browser.wait_for("[data-testid=outbox-row][data-status=failed]").await?;
        let error = browser.text(&browser.find("[data-testid=outbox-last-error]").await?).await?;
        assert!(!error.trim().is_empty(), "the failed mail says why");
        browser.click(&browser.find("[data-testid=outbox-resend]").await?).await?;
        browser.wait_for("[data-testid=outbox-row][data-status=queued]").await?;
        assert!(browser.find("[data-testid=outbox-resend]").await.is_err(), "a queued mail is not sent again");
        anyhow::Ok(())
    }
    .await;
    finish(session, result, "tertib-browser-reminders-failure.png").await;
}

#[actix_rt::test]
async fn an_api_client_is_created_with_its_secret_shown_once_and_revoked_after_a_confirmation() {
    let app = TestApp::spawn(DbKind::Sqlite).await;
    let token = app.director_token().await;
    let company = app.create_company(&token, "MAJU", None).await;
    let session = Browser::start().await.unwrap();
    let browser = &session;
    let result = async {
        sign_in(browser, &app).await?;
        browser.click(&browser.wait_for("[data-testid=nav-companies]").await?).await?;
        browser.click(&browser.wait_for("[data-testid=company-api-clients][data-code=MAJU]").await?).await?;
        browser.wait_for_text("[data-testid=api-clients]", "Klien API PT MAJU").await?;
        browser.wait_for_text("[data-testid=api-clients-table]", "Belum ada klien API").await?;
        browser.type_into(&browser.find("[data-testid=api-client-name]").await?, "HRIS Maju").await?;
        browser.click(&browser.find("[data-testid=api-client-submit]").await?).await?;

        // The secret, this once; it signs the company's system in.
        browser.wait_for_text("[data-testid=api-client-secret]", "tidak akan menampilkannya lagi").await?;
        let secret = browser.property(&browser.find("[data-testid=api-client-secret-value]").await?, "value").await?;
        let id = browser.property(&browser.find("[data-testid=api-client-id-value]").await?, "value").await?;
        let (secret, id) =
            (secret.as_str().unwrap_or_default().to_string(), id.as_str().unwrap_or_default().to_string());
        assert!(secret.len() >= 32, "secret {secret:?}");
        let form =
            [("grant_type", "client_credentials"), ("client_id", id.as_str()), ("client_secret", secret.as_str())];
        let signed_in = app.client.post(app.url("/api/v1/auth/token")).form(&form).send().await?;
        assert_eq!(signed_in.status(), 200);
        browser.wait_for_text("tr[data-name='HRIS Maju'] [data-testid=api-client-last-used]", "Belum pernah").await?;
        browser.click(&browser.find("[data-testid=api-client-secret-done]").await?).await?;
        browser.wait_for_absence("[data-testid=api-client-secret]").await?;

        // Revoking asks first; then the client's tokens are refused.
        browser.click(&browser.find("[data-testid=api-client-revoke]").await?).await?;
        browser.wait_for_text("[data-testid=api-client-revoke-confirmation]", "Cabut klien API HRIS Maju?").await?;
        browser.click(&browser.find("[data-testid=api-client-revoke-confirm]").await?).await?;
        browser.wait_for("tr[data-name='HRIS Maju'][data-revoked=true]").await?;
        let again = app.client.post(app.url("/api/v1/auth/token")).form(&form).send().await?;
        assert_eq!(again.status(), 401);
        let (_, list) = app
            .json(
                app.get(&format!("/api/v1/client-companies/{}/api-clients", company["id"].as_str().unwrap()), &token)
                    .await,
            )
            .await;
        assert!(list[0]["revoked_at"].is_string(), "{list}");
        anyhow::Ok(())
    }
    .await;
    finish(session, result, "tertib-browser-api-client-failure.png").await;
}
