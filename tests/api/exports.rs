//! Spreadsheet exports: the worker list with its filters and the client portal's list, as CSV and
//! XLSX, masked as the lists are, every formula-like cell neutralised, a client company's export
//! holding only its own workers.

use calamine::{Data, Reader, Xlsx};
use serde_json::json;
use tertib_domain::Role;
use tertib_tests::registry::worker;
use tertib_tests::{db_tests, TestApp, USER_PASSWORD};

const FORMULA: &str = "=HYPERLINK(\"http://contoh.test\",\"klik\")";

/// The cells of a CSV or XLSX export, header first.
async fn cells(res: reqwest::Response) -> Vec<Vec<String>> {
    assert_eq!(res.status(), 200);
    let media = res.headers()["content-type"].to_str().unwrap().to_string();
    let disposition = res.headers()["content-disposition"].to_str().unwrap().to_string();
    let bytes = res.bytes().await.unwrap();
    if media.starts_with("text/csv") {
        assert!(disposition.contains(".csv"), "{disposition}");
        let table = tertib_domain::import::read_csv(std::str::from_utf8(&bytes).unwrap()).unwrap();
        let rows: Vec<Vec<String>> = table.rows().map(|r| r.to_vec()).collect();
        return std::iter::once(table.headers).chain(rows).collect();
    }
    assert!(disposition.contains(".xlsx"), "{disposition}");
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    let text = |c: &Data| match c {
        Data::Empty => String::new(),
        other => other.to_string(),
    };
    range.rows().map(|r| r.iter().map(text).collect()).collect()
}

fn column(rows: &[Vec<String>], header: &str) -> Vec<String> {
    let i = rows[0].iter().position(|h| h == header).unwrap_or_else(|| panic!("no column {header}: {:?}", rows[0]));
    rows[1..].iter().map(|r| r.get(i).cloned().unwrap_or_default()).collect()
}

async fn get_with(app: &TestApp, path: &str, token: &str, lang: &str) -> reqwest::Response {
    app.client.get(app.url(path)).bearer_auth(token).header("Accept-Language", lang).send().await.unwrap()
}

async fn the_worker_export_follows_the_list_filters_masks_and_neutralises(app: TestApp) {
    let hr = app.token_for(Role::Hr).await;
    let maju = app.create_company(&hr, "MAJU", None).await["id"].as_str().unwrap().to_string();
    let jaya = app.create_company(&hr, "JAYA", None).await["id"].as_str().unwrap().to_string();
    let mut budi = worker("Budi Santoso", 10);
    budi["birth_place"] = json!(FORMULA);
    budi["client_company_id"] = json!(maju);
    let budi = app.create_worker(&hr, &budi).await;
    let mut siti = worker("Siti Aminah", 20);
    siti["client_company_id"] = json!(maju);
    app.create_worker(&hr, &siti).await;
    let mut citra = worker("Citra Dewi", 30);
    citra["client_company_id"] = json!(jaya);
    app.create_worker(&hr, &citra).await;

    let rows = cells(app.get(&format!("/api/v1/workers/export?client_company_id={maju}"), &hr).await).await;
    assert_eq!(rows[0][0], "Nama");
    assert_eq!(column(&rows, "Nama"), ["Budi Santoso", "Siti Aminah"]);
    assert_eq!(column(&rows, "Perusahaan klien"), ["PT MAJU", "PT MAJU"]);
    let niks = column(&rows, "NIK");
    assert!(niks.iter().all(|n| n.len() == 16 && n.contains('*')), "{niks:?}");
    assert!(!niks.contains(&budi["nik"].as_str().unwrap().to_string()));
    assert_eq!(column(&rows, "Tempat lahir")[0], format!("'{FORMULA}"));

    let path = format!("/api/v1/workers/export?client_company_id={maju}&format=xlsx");
    let rows = cells(get_with(&app, &path, &hr, "en").await).await;
    assert_eq!(column(&rows, "Name"), ["Budi Santoso", "Siti Aminah"]);
    assert_eq!(column(&rows, "Birth place")[0], format!("'{FORMULA}"));
    assert!(column(&rows, "NIK").iter().all(|n| n.contains('*')));

    // The list's search and sort too; operational admins export what they may list.
    let ops = app.token_for(Role::AdminOps).await;
    let rows = cells(app.get("/api/v1/workers/export?q=siti&format=xlsx", &ops).await).await;
    assert_eq!(column(&rows, "Nama"), ["Siti Aminah"]);
    let rows = cells(app.get("/api/v1/workers/export?sort=name&order=desc", &ops).await).await;
    assert_eq!(column(&rows, "Nama"), ["Siti Aminah", "Citra Dewi", "Budi Santoso"]);
    let client = app.token_for(Role::Client).await;
    assert_eq!(app.get("/api/v1/workers/export", &client).await.status(), 403);
    let exports = app.count_rows("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'workers.export'").await;
    assert_eq!(exports, 4);
}

async fn a_client_company_exports_only_its_own_workers_neutralised(app: TestApp) {
    let hr = app.token_for(Role::Hr).await;
    let director = app.director_token().await;
    let maju = app.create_company(&hr, "MAJU", None).await["id"].as_str().unwrap().to_string();
    let jaya = app.create_company(&hr, "JAYA", None).await["id"].as_str().unwrap().to_string();
    let user =
        json!({"email": "klien@maju.co.id", "password": USER_PASSWORD, "role": "client", "client_company_id": maju});
    assert_eq!(app.post("/api/v1/users", &director, &user).await.status(), 201);
    let client = app.token("klien@maju.co.id", USER_PASSWORD).await;
    let mut budi = worker("Budi Santoso", 10);
    budi["client_company_id"] = json!(maju);
    budi["employee_number"] = json!("=1+2");
    budi["noka"] = json!("0001234567890");
    app.create_worker(&hr, &budi).await;
    let mut citra = worker("Citra Dewi", 30);
    citra["client_company_id"] = json!(jaya);
    app.create_worker(&hr, &citra).await;

    for format in ["csv", "xlsx"] {
        let rows =
            cells(get_with(&app, &format!("/api/v1/portal/workers/export?format={format}"), &client, "en").await).await;
        assert_eq!(rows[0][0], "Name", "{format}");
        assert_eq!(column(&rows, "Name"), ["Budi Santoso"], "{format}: only the company's own workers");
        assert_eq!(column(&rows, "Employee number (NIP)"), ["'=1+2"], "{format}");
        assert_eq!(column(&rows, "BPJS card number (noka)"), ["0001*****7890"], "{format}");
        assert!(column(&rows, "NIK")[0].contains('*'));
    }
    let rows = cells(app.get("/api/v1/portal/workers/export?status=inactive", &client).await).await;
    assert_eq!((rows[0][0].as_str(), rows.len()), ("Nama", 1), "the filter applies: nobody inactive");
    assert_eq!(app.get("/api/v1/portal/workers/export", &hr).await.status(), 403);
    let exports = app.count_rows("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'portal.export'").await;
    assert_eq!(exports, 3);
}

db_tests!(
    the_worker_export_follows_the_list_filters_masks_and_neutralises,
    a_client_company_exports_only_its_own_workers_neutralised,
);
