//! e-Dabu batches through the API: the ready cases picked and submitted naming the batch, the
//! file read back with calamine and compared cell by cell with the cases under the layout in
//! force (and under a changed one), and e-Dabu's answers read back: accepted cases completed with
//! their card numbers, rejected ones returned to HR with the reason, unknown rows reported, a bad
//! file changing nothing, the same file twice changing nothing.

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use serde_json::{json, Value};
use tertib_domain::Role;
use tertib_tests::registry::{child, wife, worker};
use tertib_tests::{db_tests, TestApp};

/// A worker ready for BPJS (KK, clinic, address), optionally with a family, placed with `company`.
fn ready(name: &str, serial: u16, company: &str, family: Value) -> Value {
    let mut body = worker(name, serial);
    body["faskes_code"] = json!("0901R001");
    body["client_company_id"] = json!(company);
    body["address"] = json!("Jl. Kebayoran Lama No. 5");
    body["district_code"] = json!("31.74.05");
    body["phone"] = json!("+62 812-3456-7890");
    body["email"] = json!(format!("pekerja{serial}@contoh.co.id"));
    body["family"] = family;
    body
}

/// Creates the worker and ticks what HR confirms on the registration, so it can be submitted;
/// answers `(worker id, case id)`.
async fn registered(app: &TestApp, token: &str, body: &Value, confirm: bool) -> (String, String) {
    let w = app.create_worker(token, body).await;
    let wid = w["id"].as_str().unwrap().to_string();
    let case = app.case_of(token, &wid, "registration").await;
    let id = case["id"].as_str().unwrap().to_string();
    if confirm {
        assert_eq!(app.tick(token, &id, "family_complete").await.0, 200);
    }
    (wid, id)
}

/// The first sheet of an XLSX file: its name and its cells as text.
fn sheet(bytes: &[u8]) -> (String, Vec<Vec<String>>) {
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    let text = |c: &Data| match c {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    };
    (name, range.rows().map(|r| r.iter().map(text).collect()).collect())
}

fn form_date(v: &Value) -> String {
    v.as_str()
        .map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap().format("%d/%m/%Y").to_string())
        .unwrap_or_default()
}

/// What a row of the form should hold for `person` (the worker when `None`), column by column
/// of `layout`, read from the worker's and the family's records as the API answers them.
fn expected_row(layout: &Value, codes: &Value, number: usize, worker: &Value, person: Option<&Value>) -> Vec<String> {
    let p = person.unwrap_or(worker);
    let s = |v: &Value| v.as_str().unwrap_or("").to_string();
    let worker_only = |v: &Value| if person.is_none() { s(v) } else { String::new() };
    let digits = |v: &Value| s(v).chars().filter(char::is_ascii_digit).collect::<String>();
    layout["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| match c["field"].as_str().unwrap() {
            "blank" => String::new(),
            "row_number" => number.to_string(),
            "noka" => s(&p["noka"]),
            "mutation_type" => s(&codes["mutation"]["registration"]),
            "mutation_date" => form_date(&worker["hire_date"]),
            "kk_number" => p["kk_number"].as_str().map_or_else(|| s(&worker["kk_number"]), str::to_string),
            "nik" => s(&p["nik"]),
            "full_name" => s(&p["full_name"]),
            "relation" => {
                let key = match p["relation"].as_str() {
                    None => "worker",
                    Some(r @ ("husband" | "wife" | "child")) => r,
                    Some(_) => "extra",
                };
                s(&codes["relation"][key])
            }
            "birth_place" => s(&p["birth_place"]),
            "birth_date" => form_date(&p["birth_date"]),
            "gender" => s(&codes["gender"][p["gender"].as_str().unwrap()]),
            "marital_status" => s(&codes["marital"][p["marital_status"].as_str().unwrap_or("unknown")]),
            "address" => s(&worker["address"]),
            "district_code" => digits(&worker["district_code"]),
            "district_name" => "Kebayoran Lama".to_string(),
            "village_code" => digits(&worker["village_code"]),
            "faskes_code" => {
                Some(s(&p["faskes_code"])).filter(|f| !f.is_empty()).unwrap_or_else(|| s(&worker["faskes_code"]))
            }
            "phone" => {
                if person.is_none() {
                    "081234567890".to_string()
                } else {
                    String::new()
                }
            }
            "email" => worker_only(&p["email"]),
            "employee_number" => worker_only(&p["employee_number"]),
            "position" => worker_only(&p["position"]),
            "employment_status" => {
                let key = match p["employment_status"].as_str() {
                    Some("pkwtt") => "permanent",
                    Some("pkwt") => "contract",
                    _ => "part_time",
                };
                if person.is_none() {
                    s(&codes["employment"][key])
                } else {
                    String::new()
                }
            }
            "hire_date" => {
                if person.is_none() {
                    form_date(&p["hire_date"])
                } else {
                    String::new()
                }
            }
            "wage" => {
                if person.is_none() {
                    p["wage_base"].to_string()
                } else {
                    String::new()
                }
            }
            "citizenship" => s(&codes["citizenship"][p["citizenship"].as_str().unwrap()]),
            other => panic!("a field the test does not know: {other}"),
        })
        .collect()
}

async fn batch(app: &TestApp, token: &str, body: Value) -> (u16, Value) {
    app.json(app.post("/api/v1/edabu/batches", token, &body).await).await
}

async fn file(app: &TestApp, token: &str, batch_id: &str) -> Vec<u8> {
    let res = app.get(&format!("/api/v1/edabu/batches/{batch_id}/file"), token).await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()["content-type"].to_str().unwrap(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    res.bytes().await.unwrap().to_vec()
}

async fn a_batch_submits_the_ready_cases_and_its_file_holds_them_under_the_layout(app: TestApp) {
    let hr = app.token_for(Role::Hr).await;
    let director = app.director_token().await;
    let ops = app.token_for(Role::AdminOps).await;
    let company = app.create_company(&hr, "MAJU", None).await;
    let company_id = company["id"].as_str().unwrap();
    let family = json!([wife(11), child("Adi", "2015-03-03", 12)]);
    let (budi, budi_case) = registered(&app, &hr, &ready("Budi Santoso", 10, company_id, family), true).await;
    let (_, citra_case) = registered(&app, &hr, &ready("Citra Dewi", 20, company_id, json!([])), false).await;

    // A dry run says what would go and what not, and writes nothing.
    let (status, plan) =
        batch(&app, &hr, json!({"kind": "registration", "client_company_id": company_id, "dry_run": true})).await;
    assert_eq!(status, 200, "{plan}");
    assert!(plan["batch"].is_null());
    assert_eq!(plan["picked"][0]["case_id"], budi_case.as_str());
    assert_eq!(plan["picked"][0]["rows"], 3);
    assert_eq!(plan["left_out"][0]["case_id"], citra_case.as_str());
    assert_eq!(plan["left_out"][0]["code"], "checklist_incomplete");
    assert_eq!(app.case_of(&hr, &budi, "registration").await["state"], "open");
    let (status, _) = batch(&app, &ops, json!({"kind": "registration"})).await;
    assert_eq!(status, 403, "operational admins do not submit");
    let (status, body) = batch(&app, &hr, json!({"kind": "registration", "month": "2026-13"})).await;
    assert_eq!((status, body["details"][0]["code"].as_str()), (422, Some("month_invalid")));

    // The batch: the case submitted through the machine, its history naming the batch.
    let (status, plan) = batch(&app, &hr, json!({"kind": "registration", "client_company_id": company_id})).await;
    assert_eq!(status, 201, "{plan}");
    let id = plan["batch"]["id"].as_str().unwrap().to_string();
    assert_eq!((plan["batch"]["cases"].as_i64(), plan["batch"]["rows"].as_i64()), (Some(1), Some(3)));
    assert_eq!(plan["batch"]["state"], "submitted");
    let case = app.case_of(&hr, &budi, "registration").await;
    assert_eq!(case["state"], "submitted");
    assert!(case["state_reason"].as_str().unwrap().contains(&id));
    assert_eq!(app.membership(&hr, &budi).await, "registration_submitted");
    let history: Value = app.get(&format!("/api/v1/cases/{budi_case}/history"), &hr).await.json().await.unwrap();
    let submitted = history.as_array().unwrap().iter().find(|e| e["after"]["action"] == "submit").unwrap();
    assert!(submitted["after"]["reason"].as_str().unwrap().contains(&id), "{submitted}");
    let (status, body) = batch(&app, &hr, json!({"kind": "registration", "client_company_id": company_id})).await;
    assert_eq!((status, body["details"][0]["code"].as_str()), (422, Some("nothing_to_submit")));

    // The file, read back, holds the worker and the covered family under the layout in force.
    let bytes = file(&app, &hr, &id).await;
    let settings: Value = app.get("/api/v1/settings/edabu", &director).await.json().await.unwrap();
    let (layout, codes) = (&settings["registration"], &settings["codes"]);
    let (name, rows) = sheet(&bytes);
    assert_eq!(name, layout["sheet"].as_str().unwrap());
    let headers: Vec<String> =
        layout["columns"].as_array().unwrap().iter().map(|c| c["header"].as_str().unwrap().to_string()).collect();
    assert_eq!(rows[0], headers);
    let w: Value = app.get(&format!("/api/v1/workers/{budi}"), &hr).await.json().await.unwrap();
    let members: Value = app.get(&format!("/api/v1/workers/{budi}/family"), &hr).await.json().await.unwrap();
    let members = members.as_array().unwrap();
    assert_eq!(rows.len(), 1 + 1 + members.len());
    assert_eq!(rows[1], expected_row(layout, codes, 1, &w, None));
    for (i, m) in members.iter().enumerate() {
        assert_eq!(rows[i + 2], expected_row(layout, codes, i + 2, &w, Some(m)), "member {i}");
    }
    assert_eq!(file(&app, &director, &id).await, bytes, "the same file again");

    // The list and the batch's rows, NIK masked.
    let list: Value = app.get("/api/v1/edabu/batches?kind=registration", &hr).await.json().await.unwrap();
    assert_eq!((list["total"].as_i64(), list["items"][0]["id"].as_str()), (Some(1), Some(id.as_str())));
    let view: Value = app.get(&format!("/api/v1/edabu/batches/{id}"), &hr).await.json().await.unwrap();
    assert_eq!(view["rows"].as_array().unwrap().len(), 3);
    assert!(view["rows"][0]["nik"].as_str().unwrap().contains('*'));
    assert_eq!(view["rows"][1]["relation"], "wife");
    assert_eq!(app.get(&format!("/api/v1/edabu/batches/{id}"), &ops).await.status(), 403);

    // Another layout, another file; batches already made keep theirs.
    let mut changed = settings.clone();
    changed["registration"] = json!({"sheet": "Daftar", "columns": [
        {"header": "NIK", "field": "nik"}, {"header": "Nama", "field": "full_name"},
        {"header": "Hubungan", "field": "relation"}, {"header": "JK", "field": "gender"}, {"header": "RT", "field": "blank"},
    ]});
    changed["codes"]["relation"]["worker"] = json!("P");
    changed["codes"]["gender"]["male"] = json!("L");
    assert_eq!(app.put("/api/v1/settings/edabu", &hr, &changed).await.status(), 403);
    let mut refused = changed.clone();
    refused["registration"]["sheet"] = json!("Daftar/1");
    let (status, body) = app.json(app.put("/api/v1/settings/edabu", &director, &refused).await).await;
    assert_eq!((status, body["details"][0]["field"].as_str()), (422, Some("registration.sheet")));
    assert_eq!(app.put("/api/v1/settings/edabu", &director, &changed).await.status(), 200);
    assert_eq!(app.tick(&hr, &citra_case, "family_complete").await.0, 200);
    let (status, plan) = batch(&app, &hr, json!({"kind": "registration", "case_ids": [citra_case]})).await;
    assert_eq!(status, 201, "{plan}");
    let citra: Value = app
        .get(&format!("/api/v1/workers/{}", plan["picked"][0]["worker_id"].as_str().unwrap()), &hr)
        .await
        .json()
        .await
        .unwrap();
    let (name, rows) = sheet(&file(&app, &hr, plan["batch"]["id"].as_str().unwrap()).await);
    assert_eq!(name, "Daftar");
    assert_eq!(
        rows,
        [vec!["NIK", "Nama", "Hubungan", "JK", "RT"], vec![citra["nik"].as_str().unwrap(), "Citra Dewi", "P", "L", ""]]
    );
    assert_eq!(file(&app, &hr, &id).await, bytes, "the first batch keeps its file");
}

/// A result file as XLSX: a title row above the header, as e-Dabu's exports have.
fn result_xlsx(rows: &[[&str; 4]]) -> Vec<u8> {
    let mut all = vec![vec!["Hasil Validasi Data Peserta", "", "", ""]];
    all.push(vec!["NIK/KITAS/KITAP", "No. Kartu", "STATUS", "Keterangan"]);
    all.extend(rows.iter().map(|r| r.to_vec()));
    tertib::sheets::write_xlsx("Hasil", &all[0], &all[1..], tertib::sheets::Cells::AsTheyAre).unwrap()
}

async fn upload(app: &TestApp, token: &str, batch_id: &str, media: &str, body: Vec<u8>) -> (u16, Value) {
    let res = app
        .client
        .post(app.url(&format!("/api/v1/edabu/batches/{batch_id}/results")))
        .bearer_auth(token)
        .header("Content-Type", media)
        .body(body)
        .send()
        .await
        .unwrap();
    app.json(res).await
}

async fn nik_of(app: &TestApp, token: &str, worker_id: &str) -> String {
    let w: Value = app.get(&format!("/api/v1/workers/{worker_id}"), token).await.json().await.unwrap();
    w["nik"].as_str().unwrap().to_string()
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async fn results_complete_accepted_cases_return_rejected_ones_and_change_nothing_twice(app: TestApp) {
    let hr = app.token_for(Role::Hr).await;
    let company = app.create_company(&hr, "MAJU", None).await;
    let company_id = company["id"].as_str().unwrap();
    let (budi, _) = registered(&app, &hr, &ready("Budi Santoso", 10, company_id, json!([wife(11)])), true).await;
    let (citra, citra_case) = registered(&app, &hr, &ready("Citra Dewi", 20, company_id, json!([])), true).await;
    let (dodi, dodi_case) = registered(&app, &hr, &ready("Dodi Pratama", 30, company_id, json!([])), true).await;
    let (status, plan) = batch(&app, &hr, json!({"kind": "registration"})).await;
    assert_eq!(status, 201, "{plan}");
    let id = plan["batch"]["id"].as_str().unwrap().to_string();
    let (budi_nik, citra_nik) = (nik_of(&app, &hr, &budi).await, nik_of(&app, &hr, &citra).await);
    let family: Value = app.get(&format!("/api/v1/workers/{budi}/family"), &hr).await.json().await.unwrap();
    let wife_nik = family[0]["nik"].as_str().unwrap().to_string();
    let ops = app.token_for(Role::AdminOps).await;
    assert_eq!(upload(&app, &ops, &id, "text/csv", b"NIK;Status\n".to_vec()).await.0, 403);

    // A bad card number: reported at its row and column, and nothing is written.
    let audit_before = app.count_rows("SELECT COUNT(*) AS n FROM audit_log").await;
    let csv =
        format!("NIK;No Kartu;Status;Keterangan\n{budi_nik};0001234567890;Berhasil;\n{citra_nik};12345;Berhasil;\n");
    let (status, report) = upload(&app, &hr, &id, "text/csv", csv.into_bytes()).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["applied"], false);
    assert_eq!(
        report["errors"],
        json!([{"row": 3, "column": "No Kartu", "code": "noka_wrong_length", "message": report["errors"][0]["message"]}])
    );
    assert_eq!(app.case_of(&hr, &budi, "registration").await["state"], "submitted");
    assert_eq!(app.count_rows("SELECT COUNT(*) AS n FROM audit_log").await, audit_before);
    let (status, body) = upload(&app, &hr, &id, "text/csv", b"Nama;Alamat\nBudi;Jl. X\n".to_vec()).await;
    assert_eq!((status, body["details"][0]["code"].as_str()), (422, Some("results_columns_missing")));
    assert_eq!(upload(&app, &hr, &id, "application/json", b"{}".to_vec()).await.0, 415);

    // e-Dabu's result: Budi and his wife accepted with their cards, Citra rejected, a stranger,
    // Dodi not answered yet.
    let file = result_xlsx(&[
        [&budi_nik, "0001234567890", "Berhasil", ""],
        [&wife_nik, "0001234567891", "SUKSES", ""],
        [&citra_nik, "", "Gagal", "NIK tidak padan Dukcapil"],
        ["3174051204889999", "", "Berhasil", ""],
    ]);
    let (status, report) = upload(&app, &hr, &id, XLSX, file.clone()).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["applied"], true, "{report}");
    let counts = ["accepted", "rejected", "unchanged", "skipped", "cases_completed", "cases_rejected"]
        .map(|k| report[k].as_u64().unwrap());
    assert_eq!(counts, [2, 1, 0, 1, 1, 1]);
    assert_eq!(report["warnings"][0]["code"], "not_in_batch");
    assert_eq!(
        (report["warnings"][0]["row"].as_u64(), report["warnings"][0]["column"].as_str()),
        (Some(6), Some("NIK/KITAS/KITAP"))
    );

    let done = app.case_of(&hr, &budi, "registration").await;
    assert_eq!(done["state"], "completed");
    let w: Value = app.get(&format!("/api/v1/workers/{budi}"), &hr).await.json().await.unwrap();
    assert_eq!((w["membership_status"].as_str(), w["noka"].as_str()), (Some("active"), Some("0001234567890")));
    let family: Value = app.get(&format!("/api/v1/workers/{budi}/family"), &hr).await.json().await.unwrap();
    assert_eq!(
        (family[0]["noka"].as_str(), family[0]["membership_status"].as_str()),
        (Some("0001234567891"), Some("active"))
    );
    let returned = app.case_of(&hr, &citra, "registration").await;
    assert_eq!(returned["state"], "rejected");
    let reason = returned["state_reason"].as_str().unwrap();
    assert!(reason.contains("NIK tidak padan Dukcapil") && reason.contains(&id), "{reason}");
    assert_eq!(app.membership(&hr, &citra).await, "not_registered");
    assert_eq!(app.case_of(&hr, &dodi, "registration").await["state"], "submitted");
    let view: Value = app.get(&format!("/api/v1/edabu/batches/{id}"), &hr).await.json().await.unwrap();
    assert_eq!(view["summary"]["state"], "partly_answered");
    let results: Vec<&str> =
        view["rows"].as_array().unwrap().iter().map(|r| r["result"].as_str().unwrap_or("-")).collect();
    assert_eq!(results, ["accepted", "accepted", "rejected", "-"]);

    // The same file again changes nothing.
    let audit_before = app.count_rows("SELECT COUNT(*) AS n FROM audit_log").await;
    let (status, again) = upload(&app, &hr, &id, XLSX, file).await;
    assert_eq!(status, 200);
    let counts =
        ["accepted", "rejected", "unchanged", "cases_completed", "cases_rejected"].map(|k| again[k].as_u64().unwrap());
    assert_eq!(counts, [0, 0, 3, 0, 0]);
    assert_eq!(app.count_rows("SELECT COUNT(*) AS n FROM audit_log").await, audit_before);
    assert_eq!(app.case_of(&hr, &budi, "registration").await["version"], done["version"]);

    // A rejected case goes again only when named.
    let (_, plan) = batch(&app, &hr, json!({"kind": "registration", "dry_run": true})).await;
    assert_eq!(plan["picked"], json!([]));
    assert_eq!(plan["left_out"][0]["code"], "rejected");
    let (_, plan) =
        batch(&app, &hr, json!({"kind": "registration", "case_ids": [citra_case, dodi_case], "dry_run": true})).await;
    assert_eq!(plan["picked"][0]["case_id"], citra_case.as_str());
    assert_eq!(plan["left_out"][0]["code"], "not_open");
}

db_tests!(
    a_batch_submits_the_ready_cases_and_its_file_holds_them_under_the_layout,
    results_complete_accepted_cases_return_rejected_ones_and_change_nothing_twice,
);
