//! Rosters as offices have them: reading a CSV file (UTF-8 with or without BOM, comma or semicolon,
//! CRLF or LF, quoted fields) into rows, mapping the template's columns, and turning each row into
//! a worker or family-member draft, so every row then goes through the same rules as the forms.
//! Findings name the spreadsheet row as the user sees it (the header is row 1) and the column.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::family::{FamilyMemberDraft, Relation};
use crate::person::{parse_date, Gender, MaritalStatus};
use crate::worker::WorkerDraft;
use crate::{Finding, Lang, Severity};

/// The template's columns, in the template's order.
pub const COLUMNS: [&str; 16] = [
    "nik",
    "no_kk",
    "nama",
    "tempat_lahir",
    "tanggal_lahir",
    "jenis_kelamin",
    "status_kawin",
    "hubungan",
    "nik_peserta",
    "tmt_kerja",
    "gaji",
    "no_kartu",
    "kode_faskes",
    "perusahaan_klien",
    "email",
    "no_hp",
];

/// Columns without which no row can be read.
pub const REQUIRED: [&str; 5] = ["nik", "nama", "tanggal_lahir", "jenis_kelamin", "hubungan"];

/// The template column a rule's field is read from.
pub fn column_of(field: &str) -> &str {
    match field {
        "kk_number" => "no_kk",
        "full_name" => "nama",
        "birth_place" => "tempat_lahir",
        "birth_date" => "tanggal_lahir",
        "gender" => "jenis_kelamin",
        "marital_status" => "status_kawin",
        "relation" => "hubungan",
        "hire_date" => "tmt_kerja",
        "wage_base" => "gaji",
        "noka" => "no_kartu",
        "faskes_code" => "kode_faskes",
        "client_company_id" => "perusahaan_klien",
        "phone" => "no_hp",
        other => other,
    }
}

/// A file read into cells: the header and each data row with its spreadsheet row number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
}

/// Reads CSV text. The delimiter is the one of `;` and `,` the header line has more of (Excel in
/// the Indonesian locale writes semicolons). Empty lines are skipped; a quote left open is an
/// error naming its row.
pub fn read_csv(text: &str) -> Result<Table, Finding> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() { ';' } else { ',' };
    let mut records: Vec<(usize, Vec<String>)> = Vec::new();
    let (mut field, mut record) = (String::new(), Vec::new());
    let (mut in_quotes, mut line, mut record_line) = (false, 1usize, 1usize);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, in_quotes) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', true) => in_quotes = false,
            ('"', false) if field.trim().is_empty() => {
                field.clear();
                in_quotes = true;
            }
            ('\n', true) => {
                field.push('\n');
                line += 1;
            }
            ('\r', false) => {}
            ('\n', false) => {
                record.push(std::mem::take(&mut field));
                records.push((record_line, std::mem::take(&mut record)));
                line += 1;
                record_line = line;
            }
            (c, false) if c == delimiter => record.push(std::mem::take(&mut field)),
            (c, _) => field.push(c),
        }
    }
    if in_quotes {
        return Err(Finding::error(
            "file",
            "quote_not_closed",
            format!("Tanda kutip pada baris {record_line} tidak ditutup."),
            format!("A quote on row {record_line} is never closed."),
        ));
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push((record_line, record));
    }
    records.retain(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
    let mut iter = records.into_iter();
    let (_, headers) = iter.next().ok_or_else(|| {
        Finding::error(
            "file",
            "file_empty",
            "Berkas kosong: tidak ada baris judul.",
            "The file is empty: no header row.",
        )
    })?;
    Ok(Table { headers, rows: iter.collect() })
}

/// Where each known column is, which are unknown and which required ones are missing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns {
    index: HashMap<&'static str, usize>,
    pub unknown: Vec<String>,
    pub missing: Vec<&'static str>,
}

impl Columns {
    /// Header names compared case-insensitively, surrounding spaces trimmed, in any order.
    pub fn map(headers: &[String]) -> Columns {
        let mut c = Columns::default();
        for (i, h) in headers.iter().enumerate() {
            let name = h.trim().to_lowercase().replace(' ', "_");
            match COLUMNS.iter().find(|col| **col == name) {
                Some(col) => {
                    c.index.entry(col).or_insert(i);
                }
                None if !name.is_empty() => c.unknown.push(h.trim().to_string()),
                None => {}
            }
        }
        c.missing = REQUIRED.into_iter().filter(|r| !c.index.contains_key(r)).collect();
        c
    }

    fn get<'a>(&self, cells: &'a [String], column: &str) -> &'a str {
        self.index.get(column).and_then(|i| cells.get(*i)).map(|s| s.trim()).unwrap_or("")
    }
}

/// What a row is.
#[derive(Debug, Clone, PartialEq)]
pub enum RowKind {
    Worker { draft: Box<WorkerDraft>, company_code: Option<String> },
    Member { worker_nik: String, draft: FamilyMemberDraft },
}

/// A row read into a draft, with what reading it found (a value that cannot be understood).
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedRow {
    pub row: usize,
    pub nik: String,
    pub kind: RowKind,
    pub findings: Vec<Finding>,
}

fn unreadable(column: &str, value: &str, expected: &str, expected_en: &str) -> Finding {
    Finding::error(
        column,
        "value_unknown",
        format!("\u{201c}{value}\u{201d} tidak dikenal; isi salah satu: {expected}."),
        format!("\u{201c}{value}\u{201d} is not known; use one of: {expected_en}."),
    )
}

fn gender(v: &str) -> Option<Option<Gender>> {
    match v.to_lowercase().replace(['-', ' '], "").as_str() {
        "" => Some(None),
        "l" | "1" | "lakilaki" | "pria" | "male" => Some(Some(Gender::Male)),
        "p" | "2" | "perempuan" | "wanita" | "female" => Some(Some(Gender::Female)),
        _ => None,
    }
}

fn marital(v: &str) -> Option<Option<MaritalStatus>> {
    match v.to_lowercase().replace([' ', '-'], "_").as_str() {
        "" => Some(None),
        "belum_kawin" | "1" | "lajang" => Some(Some(MaritalStatus::Single)),
        "kawin" | "2" | "menikah" => Some(Some(MaritalStatus::Married)),
        "cerai_hidup" | "3" => Some(Some(MaritalStatus::Divorced)),
        "cerai_mati" | "4" => Some(Some(MaritalStatus::Widowed)),
        _ => None,
    }
}

/// `None` for an unknown word; `Some(None)` for the worker; `Some(Some(relation))` otherwise.
/// `tambahan` (an extra member) is a parent when older than the worker, else a child beyond the
/// third: decided later, when both birth dates are known (see [`extra_member_relation`]).
fn relation(v: &str) -> Option<Option<Relation>> {
    match v.to_lowercase().replace([' ', '-'], "_").as_str() {
        "peserta" | "1" | "pekerja" => Some(None),
        "suami" | "2" => Some(Some(Relation::Husband)),
        "istri" | "isteri" | "3" => Some(Some(Relation::Wife)),
        "anak" | "4" => Some(Some(Relation::Child)),
        "tambahan" | "5" | "anak_tambahan" => Some(Some(Relation::ExtraChild)),
        "ayah" | "bapak" => Some(Some(Relation::Father)),
        "ibu" => Some(Some(Relation::Mother)),
        "mertua" => Some(Some(Relation::ParentInLaw)),
        _ => None,
    }
}

/// An extra member (`tambahan`) older than the worker is their father or mother.
pub fn extra_member_relation(member: &FamilyMemberDraft, worker_birth: &str) -> Relation {
    match (parse_date(&member.birth_date), parse_date(worker_birth), member.gender) {
        (Some(m), Some(w), Some(g)) if m < w => {
            if g == Gender::Male {
                Relation::Father
            } else {
                Relation::Mother
            }
        }
        _ => Relation::ExtraChild,
    }
}

/// `5000000`, `5.000.000`, `Rp 5.000.000`.
fn wage(v: &str) -> Option<Option<i64>> {
    if v.is_empty() {
        return Some(None);
    }
    crate::money::Rupiah::parse(v).map(|r| Some(r.amount()))
}

/// Reads one data row.
pub fn parse_row(columns: &Columns, row: usize, cells: &[String]) -> ParsedRow {
    let get = |c: &str| columns.get(cells, c).to_string();
    let mut findings = Vec::new();
    let g = gender(&get("jenis_kelamin")).unwrap_or_else(|| {
        findings.push(unreadable(
            "jenis_kelamin",
            &get("jenis_kelamin"),
            "L, P, 1, 2, Laki-laki, Perempuan",
            "L, P, 1, 2, Laki-laki, Perempuan",
        ));
        None
    });
    let m = marital(&get("status_kawin")).unwrap_or_else(|| {
        findings.push(unreadable(
            "status_kawin",
            &get("status_kawin"),
            "belum_kawin, kawin, cerai_hidup, cerai_mati (atau 1-4)",
            "belum_kawin, kawin, cerai_hidup, cerai_mati (or 1-4)",
        ));
        None
    });
    let r = relation(&get("hubungan")).unwrap_or_else(|| {
        findings.push(unreadable(
            "hubungan",
            &get("hubungan"),
            "peserta, suami, istri, anak, tambahan (atau 1-5)",
            "peserta, suami, istri, anak, tambahan (or 1-5)",
        ));
        None
    });
    let nik = get("nik").replace(' ', "");
    let kind = match r {
        None => {
            let w = wage(&get("gaji")).unwrap_or_else(|| {
                findings.push(Finding::error(
                    "gaji",
                    "wage_unreadable",
                    format!("\u{201c}{}\u{201d} bukan jumlah rupiah (contoh: 5000000 atau 5.000.000).", get("gaji")),
                    format!("\u{201c}{}\u{201d} is not an amount of Rupiah (e.g. 5000000 or 5.000.000).", get("gaji")),
                ));
                None
            });
            let draft = WorkerDraft {
                nik: nik.clone(),
                kk_number: get("no_kk"),
                full_name: get("nama"),
                birth_place: get("tempat_lahir"),
                birth_date: get("tanggal_lahir"),
                gender: g,
                marital_status: m,
                phone: get("no_hp"),
                email: get("email"),
                hire_date: get("tmt_kerja"),
                wage_base: w,
                noka: get("no_kartu"),
                faskes_code: get("kode_faskes"),
                ..WorkerDraft::default()
            };
            let company = get("perusahaan_klien");
            RowKind::Worker { draft: Box::new(draft), company_code: (!company.is_empty()).then_some(company) }
        }
        Some(relation) => {
            let worker_nik = get("nik_peserta").replace(' ', "");
            if worker_nik.is_empty() {
                findings.push(Finding::error(
                    "nik_peserta",
                    "worker_nik_required",
                    "Baris anggota keluarga harus menyebut NIK pekerjanya di nik_peserta.",
                    "A family member's row must name its worker's NIK in nik_peserta.",
                ));
            }
            let draft = FamilyMemberDraft {
                relation: Some(relation),
                nik: nik.clone(),
                kk_number: get("no_kk"),
                full_name: get("nama"),
                birth_place: get("tempat_lahir"),
                birth_date: get("tanggal_lahir"),
                gender: g,
                marital_status: m,
                noka: get("no_kartu"),
                faskes_code: get("kode_faskes"),
                ..FamilyMemberDraft::default()
            };
            RowKind::Member { worker_nik, draft }
        }
    };
    ParsedRow { row, nik, kind, findings }
}

/// One finding about a cell of the file, as the API answers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CellFinding {
    /// The spreadsheet row (the header is row 1); 0 for the file as a whole.
    pub row: usize,
    /// The template column (`nik`, `tanggal_lahir`...), or `file`.
    pub column: String,
    pub code: String,
    pub message: String,
}

impl CellFinding {
    pub fn of(row: usize, f: &Finding, lang: Lang) -> CellFinding {
        CellFinding {
            row,
            column: column_of(&f.field).to_string(),
            code: f.code.to_string(),
            message: f.message(lang).to_string(),
        }
    }

    pub fn is_error_of(f: &Finding) -> bool {
        f.severity == Severity::Error
    }
}

/// The answer of an import, in both modes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ImportReport {
    pub dry_run: bool,
    pub rows_total: usize,
    pub rows_valid: usize,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub errors: Vec<CellFinding>,
    pub warnings: Vec<CellFinding>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportMode {
    /// Nothing is written if any row has an error.
    #[default]
    AllOrNothing,
    /// The valid rows are written; the others are reported.
    ValidRows,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "server", into_params(parameter_in = Query))]
#[serde(default)]
pub struct ImportQuery {
    /// Check only: write nothing.
    pub dry_run: Option<bool>,
    pub mode: Option<ImportMode>,
}

/// The template as CSV: the header and one example worker with a wife.
pub fn template_csv() -> String {
    let mut out = COLUMNS.join(";");
    out.push_str("\r\n3174051204880001;3174050101100003;Budi Santoso;Jakarta;12-04-1988;L;kawin;peserta;;02-01-2024;5.396.761;;0138U020;MAJU;budi@contoh.co.id;081234567890\r\n");
    out.push_str(
        "3174055204900002;3174050101100003;Dewi Lestari;Bandung;12-04-1990;P;kawin;istri;3174051204880001;;;;;;;\r\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolons_bom_crlf_and_quotes_are_read() {
        let t = read_csv(
            "\u{feff}NIK ; Nama;hubungan\r\n1;\"Nur'aini; S.Pd\";peserta\r\n\r\n2;\"Budi \"\"B\"\"\nSantoso\";anak\r\n",
        )
        .unwrap();
        assert_eq!(t.headers, ["NIK ", " Nama", "hubungan"]);
        assert_eq!(t.rows[0], (2, vec!["1".into(), "Nur'aini; S.Pd".into(), "peserta".into()]));
        assert_eq!(t.rows[1], (4, vec!["2".into(), "Budi \"B\"\nSantoso".into(), "anak".into()]));
        let c = Columns::map(&t.headers);
        assert_eq!(c.missing, ["tanggal_lahir", "jenis_kelamin"]);
    }

    #[test]
    fn commas_and_lf_and_an_unclosed_quote() {
        let t = read_csv("nik,nama\n1,Budi\n").unwrap();
        assert_eq!(t.rows, [(2, vec!["1".to_string(), "Budi".to_string()])]);
        assert_eq!(read_csv("nik,nama\n1,\"Budi\n").unwrap_err().code, "quote_not_closed");
    }

    #[test]
    fn rows_become_drafts_with_office_spellings() {
        let t = read_csv(&template_csv()).unwrap();
        let c = Columns::map(&t.headers);
        assert!(c.missing.is_empty() && c.unknown.is_empty());
        let w = parse_row(&c, 2, &t.rows[0].1);
        let RowKind::Worker { draft, company_code } = &w.kind else { panic!("{w:?}") };
        assert_eq!(
            (draft.gender, draft.wage_base, company_code.as_deref()),
            (Some(Gender::Male), Some(5_396_761), Some("MAJU"))
        );
        assert!(w.findings.is_empty());
        let m = parse_row(&c, 3, &t.rows[1].1);
        assert!(
            matches!(&m.kind, RowKind::Member { worker_nik, draft } if worker_nik == "3174051204880001" && draft.relation == Some(Relation::Wife))
        );
        let mut bad = t.rows[0].1.clone();
        bad[5] = "X".into();
        bad[10] = "lima juta".into();
        let codes: Vec<(String, &str)> =
            parse_row(&c, 2, &bad).findings.iter().map(|f| (f.field.clone(), f.code)).collect();
        assert_eq!(codes, [("jenis_kelamin".to_string(), "value_unknown"), ("gaji".to_string(), "wage_unreadable")]);
    }
}
