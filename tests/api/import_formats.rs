//! Roster formats: every way a roster arrives (CSV with or without BOM, comma or semicolon, CRLF
//! or LF, quoted fields; Excel workbooks as a spreadsheet writes them, with shared strings, date
//! and number cells; BPJS's e-Dabu upload form with its codes and families without
//! `nik_peserta`; a sheet picked by name; a NIK typed as a number; the body or a multipart form)
//! answers the report kept beside it in `tests/golden/imports/`.
//!
//! Golden files: `NAME.csv` is sent as it is; `NAME.sheets` is a workbook written here with
//! rust_xlsxwriter (the writer that reproduces Excel's own files): `[Sheet name]` starts a sheet,
//! cells are separated by `;`, a cell `#123` is a number, `@2024-01-02` a date (shown dd/mm/yyyy),
//! anything else a string, an empty cell is left out. Each request's answer (status and body) is
//! compared exactly with `NAME[.VARIANT].expected.json`. A report holds no ids or times, and the
//! rows avoid every date near an age limit, so nothing in it changes from day to day.
//!
//! After a deliberate change to what the import answers, regenerate the expectations and review
//! their diff: `TERTIB_BLESS=1 cargo test -p tertib-tests --test api import_formats`.

use std::path::PathBuf;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use serde_json::Value;
use tertib_domain::import::COLUMNS;
use tertib_domain::Role;
use tertib_tests::{db_tests, workspace_root, TestApp};

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn golden(name: &str) -> PathBuf {
    workspace_root().join("tests/golden/imports").join(name)
}

/// A `.sheets` file written as a workbook.
fn workbook(spec: &str) -> Vec<u8> {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let mut sheet = None;
    let mut row = 0u32;
    for line in spec.lines() {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            let new = book.add_worksheet();
            new.set_name(name).unwrap();
            sheet = Some(book.worksheets_mut().len() - 1);
            row = 0;
            continue;
        }
        let ws = &mut book.worksheets_mut()[sheet.expect("a sheet before the rows")];
        for (col, cell) in (0u16..).zip(line.split(';')) {
            if let Some(number) = cell.strip_prefix('#') {
                ws.write_number(row, col, number.parse::<f64>().unwrap()).unwrap();
            } else if let Some(day) = cell.strip_prefix('@') {
                let day = ExcelDateTime::parse_from_str(day).unwrap();
                ws.write_datetime_with_format(row, col, &day, &date).unwrap();
            } else if !cell.is_empty() {
                ws.write_string(row, col, cell).unwrap();
            }
        }
        row += 1;
    }
    book.save_to_buffer().unwrap()
}

/// A golden input as the bytes sent.
fn input(name: &str) -> Vec<u8> {
    let bytes = std::fs::read(golden(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    if name.ends_with(".sheets") {
        workbook(&String::from_utf8(bytes).unwrap())
    } else {
        bytes
    }
}

/// How a file is sent.
#[derive(Clone, Copy)]
enum Send {
    /// As the body, with this media type.
    Body(&'static str),
    /// As the one part of a form: its field name, file name and (optional) type.
    Form(&'static str, &'static str, Option<&'static str>),
}

async fn post(app: &TestApp, token: &str, path: &str, file: Vec<u8>, how: Send, lang: &str) -> (u16, Value) {
    let boundary = "tertib-uji-7MA4YWxkTrZu0gW";
    let (media, body) = match how {
        Send::Body(media) => (media.to_string(), file),
        Send::Form(field, file_name, part_type) => {
            let mut body = format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file_name}\"\r\n"
            )
            .into_bytes();
            if let Some(t) = part_type {
                body.extend_from_slice(format!("Content-Type: {t}\r\n").as_bytes());
            }
            body.extend_from_slice(b"\r\n");
            body.extend_from_slice(&file);
            body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
            (format!("multipart/form-data; boundary={boundary}"), body)
        }
    };
    let res = app
        .client
        .post(app.url(path))
        .bearer_auth(token)
        .header("Content-Type", media)
        .header("Accept-Language", lang)
        .body(body)
        .send()
        .await
        .unwrap();
    app.json(res).await
}

/// Compares an answer with its golden expectation, or writes it there when blessing.
fn expect_golden(expected: &str, status: u16, body: &Value) {
    let actual = serde_json::json!({ "status": status, "body": body });
    let path = golden(expected);
    if std::env::var_os("TERTIB_BLESS").is_some() {
        std::fs::write(&path, format!("{}\n", serde_json::to_string_pretty(&actual).unwrap())).unwrap();
        return;
    }
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{expected}: {e} (TERTIB_BLESS=1 writes it from this run)"));
    let wanted: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(actual, wanted, "{expected}: the answer differs from the golden file (TERTIB_BLESS=1 to accept it)");
}

/// A report's `errors` or `warnings` as (row, column, code).
fn findings(report: &Value, kind: &str) -> Vec<(u64, String, String)> {
    report[kind]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["row"].as_u64().unwrap(), e["column"].as_str().unwrap().into(), e["code"].as_str().unwrap().into()))
        .collect()
}

fn errors(report: &Value) -> Vec<(u64, String, String)> {
    findings(report, "errors")
}

async fn every_roster_format_answers_its_golden_report(app: TestApp) {
    let hr = app.token_for(Role::Hr).await;
    app.create_company(&hr, "MAJU", None).await;
    let windows_csv = Send::Form("roster", "daftar.csv", Some("application/vnd.ms-excel"));
    let cases: [(&str, &str, Send, &str, &str); 9] = [
        ("bom-semicolon-crlf.csv", "", Send::Body("text/csv"), "id", "bom-semicolon-crlf"),
        // Windows labels a .csv file as Excel's: the name decides.
        ("comma-lf.csv", "", windows_csv, "id", "comma-lf"),
        // No type: the first bytes say it is not a workbook.
        ("quoted.csv", "", Send::Body("application/octet-stream"), "id", "quoted"),
        ("template.sheets", "", Send::Body(XLSX), "id", "template"),
        (
            "edabu.sheets",
            "",
            Send::Form("file", "Pendaftaran e-Dabu.xlsx", Some("application/octet-stream")),
            "id",
            "edabu",
        ),
        ("multi-sheet.sheets", "&sheet=pekerja", Send::Body(XLSX), "id", "multi-sheet.sheet-pekerja"),
        ("multi-sheet.sheets", "&sheet=Karyawan", Send::Body(XLSX), "en", "multi-sheet.sheet-missing"),
        ("nik-as-number.sheets", "", Send::Body("application/octet-stream"), "en", "nik-as-number"),
        ("row-errors.csv", "", Send::Body("text/csv"), "id", "row-errors"),
    ];
    let mut answers = Vec::new();
    for (file, query, how, lang, expected) in cases {
        let path = format!("/api/v1/imports/workers?dry_run=true{query}");
        let (status, body) = post(&app, &hr, &path, input(file), how, lang).await;
        expect_golden(&format!("{expected}.expected.json"), status, &body);
        answers.push((expected, status, body));
    }
    let answer = |name: &str| answers.iter().find(|(n, ..)| *n == name).map(|(_, s, b)| (*s, b)).unwrap();

    // What the golden files hold, said plainly, so that blessing cannot quietly lose it.
    for name in ["bom-semicolon-crlf", "comma-lf", "quoted", "template", "edabu", "multi-sheet.sheet-pekerja"] {
        let (status, report) = answer(name);
        assert_eq!((status, errors(report)), (200, vec![]), "{name}: {report}");
    }
    assert_eq!(answer("bom-semicolon-crlf").1["created"], 3);
    // The row after a cell with a line break is the next spreadsheet row.
    assert_eq!((answer("quoted").1["rows_total"].as_u64(), answer("quoted").1["created"].as_u64()), (Some(2), Some(2)));
    // e-Dabu: two workers, and every family row found its worker by the KK (the last child
    // comes after the other family).
    assert_eq!((answer("edabu").1["rows_total"].as_u64(), answer("edabu").1["created"].as_u64()), (Some(6), Some(6)));
    assert!(answer("edabu").1["warnings"].as_array().unwrap().iter().all(|w| w["code"] != "column_unknown"));
    let (status, missing) = answer("multi-sheet.sheet-missing");
    assert_eq!((status, missing["details"][0]["code"].as_str()), (422, Some("sheet_missing")));
    assert!(missing["details"][0]["message"].as_str().unwrap().contains("Petunjuk, Pekerja, Rekap"), "{missing}");
    let lost = errors(answer("nik-as-number").1);
    for planted in [(2, "nik"), (2, "no_kk"), (3, "nik_peserta")] {
        assert!(lost.contains(&(planted.0, planted.1.into(), "number_lost_digits".into())), "{planted:?}: {lost:?}");
    }
    assert!(!lost.iter().any(|(row, column, _)| *row == 4 || column == "no_kartu"), "{lost:?}");

    let found = errors(answer("row-errors").1);
    let planted = [
        (3, "nik", "nik_wrong_length"),
        (4, "nik", "nik_birth_date_mismatch"),
        (5, "no_kk", "kk_wrong_length"),
        (6, "tanggal_lahir", "date_invalid"),
        (7, "jenis_kelamin", "value_unknown"),
        (8, "hubungan", "value_unknown"),
        (9, "nik", "nik_duplicate_in_file"),
        (10, "nik_peserta", "worker_missing"),
        (11, "perusahaan_klien", "client_company_unknown"),
        (12, "gaji", "wage_unreadable"),
        (13, "kode_faskes", "faskes_code_invalid"),
        (14, "email", "email_malformed"),
        (15, "no_hp", "phone_invalid"),
        (16, "status_kawin", "value_unknown"),
        (17, "nama", "name_contains_digit"),
        (18, "no_kartu", "noka_wrong_length"),
        (20, "nik", "nik_province_unknown"),
        (21, "nik_peserta", "worker_nik_required"),
        (22, "nik", "nik_not_digits"),
    ];
    for (row, column, code) in planted {
        assert!(found.contains(&(row, column.into(), code.into())), "{code} at row {row}, {column}: {found:?}");
    }
    // A hire date to come is only a warning: that row and the right one are valid.
    let (_, report) = answer("row-errors");
    assert!(findings(report, "warnings").contains(&(19, "tmt_kerja".into(), "hire_date_in_future".into())));
    assert!(!found.iter().any(|(row, ..)| *row == 2 || *row == 19), "{found:?}");
    assert_eq!(report["rows_valid"], 2);
}

async fn an_edabu_form_is_imported_with_its_families(app: TestApp) {
    let hr = app.token_for(Role::Hr).await;
    let how = Send::Form("berkas", "pendaftaran.xlsx", None);
    let (status, report) = post(&app, &hr, "/api/v1/imports/workers", input("edabu.sheets"), how, "id").await;
    assert_eq!((status, report["created"].as_u64()), (200, Some(6)), "{report}");
    let page: Value = app.get("/api/v1/workers?q=Budi", &hr).await.json().await.unwrap();
    let budi = page["items"][0]["id"].as_str().unwrap().to_string();
    let family: Value = app.get(&format!("/api/v1/workers/{budi}/family"), &hr).await.json().await.unwrap();
    let mut members: Vec<(&str, &str)> = family
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["full_name"].as_str().unwrap(), m["relation"].as_str().unwrap()))
        .collect();
    members.sort_unstable();
    assert_eq!(members, [("Dewi Lestari", "wife"), ("Putri Santoso", "child"), ("Raka Santoso", "child")]);
    let worker: Value = app.get(&format!("/api/v1/workers/{budi}"), &hr).await.json().await.unwrap();
    assert_eq!((worker["marital_status"].as_str(), worker["wage_base"].as_i64()), (Some("married"), Some(5_396_761)));

    // The same form again changes nothing.
    let (_, again) = post(&app, &hr, "/api/v1/imports/workers", input("edabu.sheets"), how, "id").await;
    assert_eq!((again["created"].as_u64(), again["unchanged"].as_u64()), (Some(0), Some(6)), "{again}");
}

async fn templates_previews_and_refusals(app: TestApp) {
    let hr = app.token_for(Role::Hr).await;
    app.create_company(&hr, "MAJU", None).await;
    let res = app.get("/api/v1/imports/workers/template?format=xlsx", &hr).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], XLSX);
    assert!(res.headers()["content-disposition"].to_str().unwrap().contains("template-pekerja.xlsx"));
    let book = res.bytes().await.unwrap().to_vec();
    let csv = app.get("/api/v1/imports/workers/template", &hr).await.bytes().await.unwrap().to_vec();

    // The preview reads the workbook as the import does: the Data sheet first, rows numbered.
    let (status, rows) = post(&app, &hr, "/api/v1/imports/workers/rows", book.clone(), Send::Body(XLSX), "id").await;
    assert_eq!(status, 200, "{rows}");
    assert_eq!(rows["headers"], serde_json::json!(COLUMNS));
    let numbers: Vec<u64> = rows["rows"].as_array().unwrap().iter().map(|r| r["row"].as_u64().unwrap()).collect();
    assert_eq!(numbers, [2, 3]);
    assert_eq!(rows["rows"][0]["cells"][0], "3174051204880001");
    let (_, sheet) = post(
        &app,
        &hr,
        "/api/v1/imports/workers/rows?sheet=Pekerja",
        input("multi-sheet.sheets"),
        Send::Form("f", "buku.xlsx", Some(XLSX)),
        "id",
    )
    .await;
    assert_eq!(sheet["rows"][0]["row"], 2);

    // Both templates check the same, as a workbook and as CSV.
    let check = "/api/v1/imports/workers?dry_run=true";
    let (_, from_book) = post(&app, &hr, check, book, Send::Body(XLSX), "id").await;
    let (_, from_csv) = post(&app, &hr, check, csv, Send::Body("text/csv"), "id").await;
    assert_eq!(from_book, from_csv);
    assert_eq!((from_book["created"].as_u64(), errors(&from_book)), (Some(2), vec![]), "{from_book}");

    // Refusals: neither CSV nor XLSX, as the body or as a form's file; a workbook that is not one;
    // a form without a file; larger than 32 MB.
    let png = b"\x89PNG\r\n\x1a\n".to_vec();
    assert_eq!(post(&app, &hr, check, png.clone(), Send::Body("image/png"), "id").await.0, 415);
    assert_eq!(post(&app, &hr, check, png, Send::Form("f", "foto.png", Some("image/png")), "id").await.0, 415);
    let (status, broken) = post(&app, &hr, check, b"PK\x03\x04 rusak".to_vec(), Send::Body(XLSX), "en").await;
    assert_eq!((status, broken["details"][0]["code"].as_str()), (422, Some("xlsx_unreadable")), "{broken}");
    let empty_form = app
        .client
        .post(app.url(check))
        .bearer_auth(&hr)
        .header("Content-Type", "multipart/form-data; boundary=x")
        .body("--x--\r\n")
        .send()
        .await
        .unwrap();
    let (status, body) = app.json(empty_form).await;
    assert_eq!((status, body["details"][0]["code"].as_str()), (422, Some("file_missing")), "{body}");
    let huge = vec![b'x'; (32 << 20) + 1];
    assert_eq!(post(&app, &hr, check, huge, Send::Body("text/csv"), "id").await.0, 413);
}

db_tests!(
    every_roster_format_answers_its_golden_report,
    an_edabu_form_is_imported_with_its_families,
    templates_previews_and_refusals
);
