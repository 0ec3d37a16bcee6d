//! Importing rosters: row-level findings at the spreadsheet row and column, dry runs that write
//! nothing, all-or-nothing and valid-rows commits, re-imports that change nothing, families named
//! by their worker's NIK, and the file's own rules.

use serde_json::Value;
use tertib_domain::person::Gender;
use tertib_domain::Role;
use tertib_tests::registry::nik;
use tertib_tests::{db_tests, TestApp};

const HEADER: &str = "nik;no_kk;nama;tempat_lahir;tanggal_lahir;jenis_kelamin;status_kawin;hubungan;nik_peserta;tmt_kerja;gaji;no_kartu;kode_faskes;perusahaan_klien;email;no_hp";

fn worker_row(name: &str, serial: u16, company: &str) -> String {
    format!(
        "{};3174050101100003;{name};Jakarta;12/04/1988;L;kawin;peserta;;02-01-2024;5.396.761;;0138U020;{company};;0812345678",
        nik("1988-04-12", Gender::Male, serial)
    )
}

fn wife_row(worker_serial: u16, serial: u16) -> String {
    format!(
        "{};3174050101100003;Dewi Lestari;Bandung;1990-04-12;P;2;istri;{};;;;;;;",
        nik("1990-04-12", Gender::Female, serial),
        nik("1988-04-12", Gender::Male, worker_serial)
    )
}

async fn import(app: &TestApp, token: &str, query: &str, body: &str) -> (u16, Value) {
    let res = app
        .client
        .post(app.url(&format!("/api/v1/imports/workers{query}")))
        .bearer_auth(token)
        .header("Content-Type", "text/csv")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    app.json(res).await
}

fn errors(report: &Value) -> Vec<(u64, String, String)> {
    report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["row"].as_u64().unwrap(),
                e["column"].as_str().unwrap().to_string(),
                e["code"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

async fn workers_total(app: &TestApp, token: &str) -> i64 {
    let page: Value = app.get("/api/v1/workers", token).await.json().await.unwrap();
    page["total"].as_i64().unwrap()
}

async fn a_roster_is_checked_row_by_row_and_imported_once(app: TestApp) {
    let hr = app.token_for(Role::Hr).await;
    app.create_company(&hr, "MAJU", None).await;
    let bad_nik = "3174051204880";
    let file = format!(
        "\u{feff}{HEADER}\r\n{}\r\n{}\r\n{bad_nik};3174050101100003;Andi;Jakarta;12/04/1988;X;kawin;peserta;;02-01-2024;5000000;;;NOPE;;\r\n",
        worker_row("Budi Santoso", 1, "MAJU"),
        wife_row(1, 2)
    );
    // Dry run: every finding at its row and column, nothing written.
    let (status, report) = import(&app, &hr, "?dry_run=true", &file).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!((report["rows_total"].as_u64(), report["rows_valid"].as_u64()), (Some(3), Some(2)));
    assert_eq!(report["created"], 2, "the worker and his wife");
    let found = errors(&report);
    // The unreadable gender does not hide the form's rules: the short NIK is named too.
    for expected in [
        (4, "jenis_kelamin", "value_unknown"),
        (4, "perusahaan_klien", "client_company_unknown"),
        (4, "nik", "nik_wrong_length"),
    ] {
        assert!(found.contains(&(expected.0, expected.1.to_string(), expected.2.to_string())), "{found:?}");
    }
    assert_eq!(workers_total(&app, &hr).await, 0);

    // All or nothing (the default): refused as a whole.
    let (_, report) = import(&app, &hr, "", &file).await;
    assert!(!report["errors"].as_array().unwrap().is_empty());
    assert_eq!(workers_total(&app, &hr).await, 0);

    // Only the valid rows: the family goes in, with its registration case.
    let (_, report) = import(&app, &hr, "?mode=valid_rows", &file).await;
    assert_eq!(report["created"], 2, "{report}");
    assert_eq!(workers_total(&app, &hr).await, 1);
    let page: Value = app.get("/api/v1/workers", &hr).await.json().await.unwrap();
    let budi = &page["items"][0];
    assert_eq!(budi["client_company"]["code"], "MAJU");
    let wid = budi["id"].as_str().unwrap();
    let family: Value = app.get(&format!("/api/v1/workers/{wid}/family"), &hr).await.json().await.unwrap();
    assert_eq!(family[0]["relation"], "wife");
    assert_eq!(app.cases_of(&hr, wid).await[0]["kind"], "registration");

    // Again: nothing changes.
    let good = format!("{HEADER}\n{}\n{}\n", worker_row("Budi Santoso", 1, "MAJU"), wife_row(1, 2));
    let (_, again) = import(&app, &hr, "", &good).await;
    assert_eq!(
        (again["created"].as_u64(), again["updated"].as_u64(), again["unchanged"].as_u64()),
        (Some(0), Some(0), Some(2))
    );
    // A changed phone is an update.
    let changed = good.replace("0812345678", "0899999999");
    let (_, update) = import(&app, &hr, "", &changed).await;
    assert_eq!((update["updated"].as_u64(), update["unchanged"].as_u64()), (Some(1), Some(1)), "{update}");
}

async fn the_files_own_rules_and_missing_columns(app: TestApp) {
    let hr = app.token_for(Role::Hr).await;
    let (status, err) = import(&app, &hr, "", "nama,nik\nBudi,1\n").await;
    assert_eq!(status, 422);
    let missing: Vec<&str> = err["details"].as_array().unwrap().iter().map(|d| d["field"].as_str().unwrap()).collect();
    assert_eq!(missing, ["tanggal_lahir", "jenis_kelamin", "hubungan"]);

    // A NIK twice, and a family row whose worker is nowhere; an unknown column is a warning.
    let file = format!(
        "{HEADER};catatan\n{};x\n{};y\n{};z\n",
        worker_row("Budi Santoso", 1, ""),
        worker_row("Budi Lain", 1, ""),
        wife_row(9, 2)
    );
    let (status, report) = import(&app, &hr, "?dry_run=true", &file).await;
    assert_eq!(status, 200, "{report}");
    let found = errors(&report);
    assert!(found.contains(&(3, "nik".into(), "nik_duplicate_in_file".into())), "{found:?}");
    assert!(found.contains(&(4, "nik_peserta".into(), "worker_missing".into())), "{found:?}");
    let warning = &report["warnings"][0];
    assert_eq!(
        (warning["row"].as_u64(), warning["column"].as_str(), warning["code"].as_str()),
        (Some(1), Some("catatan"), Some("column_unknown"))
    );

    // Rules of the form, named at the row: a wrong NIK date.
    let wrong = format!("{HEADER}\n{}\n", worker_row("Budi Santoso", 1, "").replace("12/04/1988", "13/04/1988"));
    let (_, report) = import(&app, &hr, "?dry_run=true", &wrong).await;
    assert!(
        errors(&report).iter().any(|(row, column, _)| *row == 2 && (column == "nik" || column == "tanggal_lahir")),
        "{report}"
    );
    let template = app.get("/api/v1/imports/workers/template", &hr).await.text().await.unwrap();
    assert!(template.trim_start_matches('\u{feff}').starts_with(HEADER));
    assert_eq!(app.get("/api/v1/imports/workers/template", &app.token_for(Role::Client).await).await.status(), 403);
}

db_tests!(a_roster_is_checked_row_by_row_and_imported_once, the_files_own_rules_and_missing_columns);
