//! Rosters as offices have them: reading a CSV file (UTF-8 with or without BOM, comma or semicolon,
//! CRLF or LF, quoted fields) into rows (the server reads XLSX files into the same [`Table`]),
//! mapping the template's columns (or the headers of BPJS's e-Dabu upload form, see [`EDABU`]),
//! and turning each row into a worker or family-member draft, so every row then goes through the
//! same rules as the forms. Findings name the spreadsheet row as the user sees it (the header is
//! row 1) and the column.

use std::borrow::Cow;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::family::{FamilyMemberDraft, Relation};
use crate::person::{parse_date, Gender, MaritalStatus};
use crate::worker::WorkerDraft;
use crate::{Finding, Lang, Severity};

mod table;
pub use table::{empty_file, read_csv, Row, Table};

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

/// The headers of BPJS's e-Dabu upload form (by their letters and digits, see [`header_letters`]),
/// in the form's order, each with the template column it is, or `None` for a column Tertib does
/// not import (it is known, so not reported as unknown). The form's versions differ: a header
/// missing here is only an unknown column, and a new one is a line here.
pub const EDABU: [(&str, Option<&str>); 37] = [
    ("no", None),
    ("nokartu", Some("no_kartu")),
    ("jenismutasi", None),
    ("tglaktifberlakumutasi", None),
    ("nokk", Some("no_kk")),
    ("nikkitaskitap", Some("nik")),
    ("namalengkap", Some("nama")),
    ("kodehubkel", Some("hubungan")),
    ("tempatlahir", Some("tempat_lahir")),
    ("tgllahir", Some("tanggal_lahir")),
    ("jeniskelamin", Some("jenis_kelamin")),
    ("statuskawin", Some("status_kawin")),
    ("alamat", None),
    ("rt", None),
    ("rw", None),
    ("kodepos", None),
    ("kodekecamatan", None),
    ("namakecamatan", None),
    ("kodedesa", None),
    ("namadesa", None),
    ("kodefaskestki", Some("kode_faskes")),
    ("namafaskestki", None),
    ("kodefaskesdoktergigi", None),
    ("namafaskesdoktergigi", None),
    ("telepon", Some("no_hp")),
    ("email", Some("email")),
    ("nip", None),
    ("jabatan", None),
    ("status", None),
    ("kelasrawat", None),
    ("tmtkerja", Some("tmt_kerja")),
    ("gajipokoktunjtetap", Some("gaji")),
    ("kewarganegaraan", None),
    ("nokartuasuransi", None),
    ("namaasuransi", None),
    ("nonpwp", None),
    ("nopassport", None),
];

/// The column Tertib adds to a file sent back with its findings; known, so importing the fixed
/// file again does not warn about it.
const ERRORS_COLUMN: &str = "kesalahan";

/// Columns that hold identifiers of 13 or 16 digits: typed as a number in a spreadsheet, they
/// lose digits (see [`Table::long_numbers`]).
const IDENTIFIER_COLUMNS: [&str; 4] = ["nik", "no_kk", "nik_peserta", "no_kartu"];

/// A header by its letters and digits in lower case, without a parenthesised hint: "Tgl Lahir
/// (dd/mm/yyyy)" is `tgllahir`, "Kode Faskes Tk.I" is `kodefaskestki`, "nik_peserta" is
/// `nikpeserta`.
pub fn header_letters(header: &str) -> String {
    letters(header.split('(').next().unwrap_or_default())
}

/// Letters and digits only, in lower case (`No. Kartu` is `nokartu`): how headers are compared.
pub fn letters(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// A known header: the template column it is (`None` for one not imported), and whether the name
/// is e-Dabu's own.
fn lookup(letters: &str) -> Option<(Option<&'static str>, bool)> {
    if let Some(column) = COLUMNS.into_iter().find(|c| header_letters(c) == letters) {
        return Some((Some(column), false));
    }
    if let Some((_, column)) = EDABU.into_iter().find(|(name, _)| *name == letters) {
        return Some((column, true));
    }
    (letters == ERRORS_COLUMN).then_some((None, false))
}

/// The template column a header names, as [`Columns::map`] reads it.
pub fn column_name(header: &str) -> Option<&'static str> {
    lookup(&header_letters(header)).and_then(|(column, _)| column)
}

impl Table {
    /// The data row at `index` read into a draft ([`parse_row`]), with what reading the file
    /// found about its cells.
    pub fn parse_row(&self, columns: &Columns, index: usize) -> Option<ParsedRow> {
        let row = self.row(index)?;
        let mut parsed = parse_row(columns, row);
        let from = self.long_numbers.partition_point(|&(number, _)| number < row.number);
        for (_, cell) in self.long_numbers[from..].iter().take_while(|&&(number, _)| number == row.number) {
            if let Some(column) = columns.column_at(*cell).filter(|c| IDENTIFIER_COLUMNS.contains(c)) {
                parsed.findings.push(digits_lost(column));
            }
        }
        Some(parsed)
    }

    /// Names the worker of each family row that does not (e-Dabu's form has no `nik_peserta`):
    /// the nearest worker row above it with the same KK number, as e-Dabu lists a family (the
    /// worker, then the members). A family row without such a worker stays as it is, and reading
    /// it says so.
    pub fn link_families(&mut self) {
        let columns = Columns::map(&self.headers);
        let (Some(&kk), Some(&relation_at), Some(&nik)) =
            (columns.index.get("no_kk"), columns.index.get("hubungan"), columns.index.get("nik"))
        else {
            return;
        };
        let named_at = columns.index.get("nik_peserta").copied();
        // The latest worker row of each KK number, and the worker each linked row is given.
        let mut workers: HashMap<String, String> = HashMap::new();
        let mut links: Vec<(usize, String)> = Vec::new();
        for (i, row) in self.rows().enumerate() {
            let cell = |i: usize| row.get(i).map_or("", str::trim);
            let family_kk = cell(kk).replace(' ', "");
            if family_kk.is_empty() {
                continue;
            }
            match relation(cell(relation_at)) {
                Some(None) => {
                    workers.insert(family_kk, cell(nik).replace(' ', ""));
                }
                Some(Some(_)) if named_at.is_none_or(|i| cell(i).is_empty()) => {
                    if let Some(worker) = workers.get(&family_kk) {
                        links.push((i, worker.clone()));
                    }
                }
                _ => {}
            }
        }
        if links.is_empty() {
            return;
        }
        let at = named_at.unwrap_or_else(|| {
            self.headers.push("nik_peserta".to_string());
            self.headers.len() - 1
        });
        // Cells are held one after the other, so the table is written again with the links in.
        let mut linked = Table::new(std::mem::take(&mut self.headers));
        linked.long_numbers = std::mem::take(&mut self.long_numbers);
        let mut links = links.into_iter().peekable();
        for (i, row) in self.rows().enumerate() {
            match links.next_if(|(linked_at, _)| *linked_at == i) {
                Some((_, worker)) => {
                    let mut cells: Vec<&str> = row.cells().collect();
                    if cells.len() <= at {
                        cells.resize(at + 1, "");
                    }
                    cells[at] = &worker;
                    linked.push_row(row.number, cells);
                }
                None => linked.push_row(row.number, row.cells()),
            }
        }
        *self = linked;
    }
}

/// An identifier cell that a spreadsheet held as a long number.
fn digits_lost(column: &str) -> Finding {
    Finding::error(
        column,
        "number_lost_digits",
        "Nomor ini tersimpan sebagai angka: Excel hanya menyimpan 15 digit, jadi digit terakhirnya hilang. \
         Format kolom ini sebagai Teks, lalu ketik ulang nomornya.",
        "This number was stored as a number: Excel keeps only 15 digits, so its last digit is lost. \
         Format the column as Text and type the number again.",
    )
}

/// A file's rows as the server reads them (the answer of a preview): the header and each data
/// row with its spreadsheet row number.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct FileRows {
    pub headers: Vec<String>,
    pub rows: Vec<FileRow>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct FileRow {
    /// The spreadsheet row, as findings name it.
    pub row: usize,
    pub cells: Vec<String>,
}

impl From<Table> for FileRows {
    fn from(t: Table) -> FileRows {
        let rows = t.rows().map(|r| FileRow { row: r.number, cells: r.to_vec() }).collect();
        FileRows { headers: t.headers, rows }
    }
}

impl From<FileRows> for Table {
    fn from(f: FileRows) -> Table {
        let mut table = Table::new(f.headers);
        for r in f.rows {
            table.push_row(r.row, r.cells);
        }
        table
    }
}

/// The layout a file's header follows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Form {
    /// Tertib's template (or any file with its column names).
    #[default]
    Template,
    /// BPJS's e-Dabu upload form, known by its relation column `Kode HubKel` (its other names,
    /// such as `No` or `Telepon`, are common in any roster).
    EDabu,
}

/// Where each known column is, which are unknown and which required ones are missing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns {
    /// Read for every cell of every row: a fast hash, over the template's own names only.
    index: foldhash::HashMap<&'static str, usize>,
    pub unknown: Vec<String>,
    pub missing: Vec<&'static str>,
    pub form: Form,
}

impl Columns {
    /// Header names compared by their letters and digits, case-insensitively, in any order: the
    /// template's names (`Tanggal Lahir` is `tanggal_lahir`) and e-Dabu's ([`EDABU`]). The first
    /// of two headers naming the same column is read.
    pub fn map(headers: &[String]) -> Columns {
        let mut c = Columns::default();
        for (i, h) in headers.iter().enumerate() {
            match lookup(&header_letters(h)) {
                Some((column, edabu)) => {
                    if edabu && column == Some("hubungan") {
                        c.form = Form::EDabu;
                    }
                    if let Some(column) = column {
                        c.index.entry(column).or_insert(i);
                    }
                }
                None if !h.trim().is_empty() => c.unknown.push(h.trim().to_string()),
                None => {}
            }
        }
        c.missing = REQUIRED.into_iter().filter(|r| !c.index.contains_key(r)).collect();
        c
    }

    /// The template column read from the cell at `index`.
    fn column_at(&self, index: usize) -> Option<&'static str> {
        self.index.iter().find(|(_, i)| **i == index).map(|(column, _)| *column)
    }

    /// The trimmed cell of `column` in `row` (empty when the column is absent).
    pub fn get<'a>(&self, row: Row<'a>, column: &str) -> &'a str {
        self.index.get(column).and_then(|i| row.get(*i)).map_or("", str::trim)
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

/// A coded cell as its words are compared: lowercase, each space or hyphen written as `sep` (or
/// dropped). Read for several cells of every row of a large file, so a short ASCII cell (every
/// code and word known here is one) is written into a buffer on the stack; any other cannot match
/// a known code and is compared as it is.
fn code_key<R>(v: &str, sep: Option<u8>, compare: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 32];
    if !v.is_ascii() || v.len() > buf.len() {
        return compare(v);
    }
    let mut n = 0;
    for b in v.bytes() {
        let b = match b {
            b' ' | b'-' => match sep {
                Some(sep) => sep,
                None => continue,
            },
            b => b.to_ascii_lowercase(),
        };
        buf[n] = b;
        n += 1;
    }
    compare(std::str::from_utf8(&buf[..n]).unwrap_or_default())
}

fn gender(v: &str) -> Option<Option<Gender>> {
    code_key(v, None, |key| match key {
        "" => Some(None),
        "l" | "1" | "lakilaki" | "pria" | "male" => Some(Some(Gender::Male)),
        "p" | "2" | "perempuan" | "wanita" | "female" => Some(Some(Gender::Female)),
        _ => None,
    })
}

/// The template's words and codes 1-4, and e-Dabu's codes (0 TD, 1 B, 2 K, 3 C).
fn marital(v: &str) -> Option<Option<MaritalStatus>> {
    code_key(v, Some(b'_'), |key| match key {
        // e-Dabu's "tidak diketahui": nothing to record.
        "" | "0" | "td" => Some(None),
        "belum_kawin" | "1" | "b" | "lajang" => Some(Some(MaritalStatus::Single)),
        "kawin" | "2" | "k" | "menikah" => Some(Some(MaritalStatus::Married)),
        // e-Dabu's C ("cerai") does not tell divorced from widowed. Read as cerai_hidup without a
        // warning: BPJS itself holds no more than C, and no rule here tells the two apart (both
        // mean no spouse is covered), so a warning on every such row would ask for nothing.
        "cerai_hidup" | "cerai" | "3" | "c" => Some(Some(MaritalStatus::Divorced)),
        "cerai_mati" | "4" => Some(Some(MaritalStatus::Widowed)),
        _ => None,
    })
}

/// `None` for an unknown word; `Some(None)` for the worker; `Some(Some(relation))` otherwise.
/// `tambahan` (an extra member) is a parent when older than the worker, else a child beyond the
/// third: decided later, when both birth dates are known (see [`extra_member_relation`]).
fn relation(v: &str) -> Option<Option<Relation>> {
    code_key(v, Some(b'_'), |key| match key {
        "peserta" | "1" | "pekerja" => Some(None),
        "suami" | "2" => Some(Some(Relation::Husband)),
        "istri" | "isteri" | "3" => Some(Some(Relation::Wife)),
        "anak" | "4" => Some(Some(Relation::Child)),
        "tambahan" | "5" | "anak_tambahan" => Some(Some(Relation::ExtraChild)),
        "ayah" | "bapak" => Some(Some(Relation::Father)),
        "ibu" => Some(Some(Relation::Mother)),
        "mertua" => Some(Some(Relation::ParentInLaw)),
        _ => None,
    })
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

/// Which family a row belongs to, read from three cells only (an importer groups a large file
/// before reading its rows in full): the row's NIK and, for a family member's row, the NIK in
/// `nik_peserta`. A row whose `hubungan` is not understood counts as a worker's, as in
/// [`parse_row`].
pub fn family_of<'a>(columns: &Columns, row: Row<'a>) -> (Cow<'a, str>, Option<Cow<'a, str>>) {
    let nik = without_spaces(columns.get(row, "nik"));
    match relation(columns.get(row, "hubungan")) {
        Some(Some(_)) => (nik, Some(without_spaces(columns.get(row, "nik_peserta")))),
        _ => (nik, None),
    }
}

/// A number as typed, its spaces dropped (copied only when it has any).
fn without_spaces(v: &str) -> Cow<'_, str> {
    if v.contains(' ') {
        Cow::Owned(v.replace(' ', ""))
    } else {
        Cow::Borrowed(v)
    }
}

/// Reads one data row.
pub fn parse_row(columns: &Columns, cells: Row<'_>) -> ParsedRow {
    let row = cells.number;
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
            "belum_kawin, kawin, cerai_hidup, cerai_mati (atau 1-4; kode e-Dabu 0 TD, 1 B, 2 K, 3 C)",
            "belum_kawin, kawin, cerai_hidup, cerai_mati (or 1-4; e-Dabu codes 0 TD, 1 B, 2 K, 3 C)",
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
    let nik = without_spaces(columns.get(cells, "nik")).into_owned();
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
            let worker_nik = without_spaces(columns.get(cells, "nik_peserta")).into_owned();
            if worker_nik.is_empty() {
                findings.push(Finding::error(
                    "nik_peserta",
                    "worker_nik_required",
                    "Baris anggota keluarga harus menyebut NIK pekerjanya di nik_peserta, atau berada di \
                     bawah baris pekerjanya dengan no_kk yang sama.",
                    "A family member's row must name its worker's NIK in nik_peserta, or come below its \
                     worker's row with the same no_kk.",
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

/// Where an import stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportState {
    Running,
    /// Finished: `report` says what it did (a dry run, or a commit, or errors and nothing kept).
    Done,
    /// Stopped by an error of the server; nothing of the file was kept.
    Failed,
    /// The server stopped in the middle; nothing of the file was kept.
    Interrupted,
}

/// An import as `GET /api/v1/imports/{id}` answers it: while it runs, how far it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ImportStatus {
    pub id: String,
    pub state: ImportState,
    pub dry_run: bool,
    pub mode: ImportMode,
    pub file_name: String,
    pub rows_total: usize,
    /// Rows checked (and, in a commit, written in the open transaction) so far.
    pub rows_done: usize,
    pub started_by: String,
    pub started_at: chrono::DateTime<chrono::Utc>,
    pub finished_at: Option<chrono::DateTime<chrono::Utc>>,
    /// When done.
    pub report: Option<ImportReport>,
    /// When failed or interrupted, in the caller's language.
    pub error: Option<String>,
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
    /// Answer at once (202, the import's status) and run the import in the background: its
    /// progress and, at the end, its report are at the answer's `Location`.
    pub background: Option<bool>,
}

/// Which sheet of an XLSX file to read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "server", into_params(parameter_in = Query))]
#[serde(default)]
pub struct SheetQuery {
    /// The sheet's name (case-insensitive); the first sheet when absent. Ignored for CSV.
    pub sheet: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TemplateFormat {
    #[default]
    Csv,
    Xlsx,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "server", into_params(parameter_in = Query))]
#[serde(default)]
pub struct TemplateQuery {
    /// `csv` (the default) or `xlsx`.
    pub format: Option<TemplateFormat>,
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
    fn rows_become_drafts_with_office_spellings() {
        let t = read_csv(&template_csv()).unwrap();
        let c = Columns::map(&t.headers);
        assert!(c.missing.is_empty() && c.unknown.is_empty());
        let row = |i: usize| t.row(i).unwrap();
        let w = parse_row(&c, row(0));
        let RowKind::Worker { draft, company_code } = &w.kind else { panic!("{w:?}") };
        assert_eq!(
            (draft.gender, draft.wage_base, company_code.as_deref()),
            (Some(Gender::Male), Some(5_396_761), Some("MAJU"))
        );
        assert!(w.findings.is_empty());
        let m = parse_row(&c, row(1));
        assert!(
            matches!(&m.kind, RowKind::Member { worker_nik, draft } if worker_nik == "3174051204880001" && draft.relation == Some(Relation::Wife))
        );
        let mut bad: Vec<&str> = row(0).cells().collect();
        bad[5] = "X";
        bad[10] = "lima juta";
        let bad = table(&t.headers, &[(2, &bad)]);
        let codes: Vec<(String, &str)> =
            parse_row(&c, bad.row(0).unwrap()).findings.iter().map(|f| (f.field.clone(), f.code)).collect();
        assert_eq!(codes, [("jenis_kelamin".to_string(), "value_unknown"), ("gaji".to_string(), "wage_unreadable")]);
    }

    #[test]
    fn coded_cells_read_whatever_their_case_spaces_and_hyphens() {
        for (v, want) in [
            ("Laki-laki", Some(Some(Gender::Male))),
            ("LAKI LAKI", Some(Some(Gender::Male))),
            ("pria", Some(Some(Gender::Male))),
            ("P", Some(Some(Gender::Female))),
            ("Pe-rem-puan", Some(Some(Gender::Female))),
            ("", Some(None)),
            ("laki", None),
            // Not ASCII, or longer than any code: compared as typed, so unknown.
            ("Lakí-laki", None),
            ("laki-laki laki-laki laki-laki laki-laki", None),
        ] {
            assert_eq!(gender(v), want, "{v:?}");
        }
        for (v, want) in [
            ("Belum Kawin", Some(Some(MaritalStatus::Single))),
            ("belum-kawin", Some(Some(MaritalStatus::Single))),
            ("CERAI MATI", Some(Some(MaritalStatus::Widowed))),
            ("cerai hidup", Some(Some(MaritalStatus::Divorced))),
            ("belumkawin", None),
        ] {
            assert_eq!(marital(v), want, "{v:?}");
        }
        for (v, want) in [
            ("Peserta", Some(None)),
            ("ISTERI", Some(Some(Relation::Wife))),
            ("Anak Tambahan", Some(Some(Relation::ExtraChild))),
            ("anak-tambahan", Some(Some(Relation::ExtraChild))),
            ("5", Some(Some(Relation::ExtraChild))),
            ("cucu", None),
        ] {
            assert_eq!(relation(v), want, "{v:?}");
        }
    }

    fn strings(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    fn table<H: AsRef<str>>(headers: &[H], rows: &[(usize, &[&str])]) -> Table {
        let mut t = Table::new(headers.iter().map(|h| h.as_ref().to_string()).collect());
        for (number, cells) in rows {
            t.push_row(*number, cells.iter());
        }
        t
    }

    #[test]
    fn the_edabu_forms_headers_are_the_templates_columns_or_known_and_ignored() {
        let headers = strings(&[
            "No",
            "No Kartu",
            "Jenis Mutasi",
            "No KK",
            "NIK/KITAS/KITAP",
            "Nama Lengkap",
            "Kode HubKel (1 Peserta, 2 Suami, 3 Istri, 4 Anak, 5 Tambahan)",
            "Tgl Lahir (dd/mm/yyyy)",
            "Jenis Kelamin (1 L, 2 P)",
            "Status Kawin (0 TD, 1 B, 2 K, 3 C)",
            "Alamat",
            "RT",
            "Kode Faskes Tk.I",
            "Nama Faskes Tk.I",
            "Telepon",
            "TMT Kerja",
            "Gaji Pokok + Tunj. Tetap",
            "Catatan HR",
        ]);
        let c = Columns::map(&headers);
        assert_eq!(c.form, Form::EDabu);
        assert!(c.missing.is_empty(), "{:?}", c.missing);
        assert_eq!(c.unknown, ["Catatan HR"]);
        let read: Vec<(&str, &str)> = headers.iter().filter_map(|h| column_name(h).map(|c| (h.as_str(), c))).collect();
        assert_eq!(
            read,
            [
                ("No Kartu", "no_kartu"),
                ("No KK", "no_kk"),
                ("NIK/KITAS/KITAP", "nik"),
                ("Nama Lengkap", "nama"),
                ("Kode HubKel (1 Peserta, 2 Suami, 3 Istri, 4 Anak, 5 Tambahan)", "hubungan"),
                ("Tgl Lahir (dd/mm/yyyy)", "tanggal_lahir"),
                ("Jenis Kelamin (1 L, 2 P)", "jenis_kelamin"),
                ("Status Kawin (0 TD, 1 B, 2 K, 3 C)", "status_kawin"),
                ("Kode Faskes Tk.I", "kode_faskes"),
                ("Telepon", "no_hp"),
                ("TMT Kerja", "tmt_kerja"),
                ("Gaji Pokok + Tunj. Tetap", "gaji"),
            ]
        );
        // The template's own names, however written, and the errors column Tertib adds.
        let t =
            Columns::map(&strings(&["No", "NIK", "Tanggal Lahir", "jenis-kelamin", "HUBUNGAN", "nama", "kesalahan"]));
        assert_eq!((t.form, t.missing.len(), t.unknown.len()), (Form::Template, 0, 0));
    }

    #[test]
    fn edabu_codes_read_as_the_templates_values() {
        let c_headers = ["nik", "nama", "tanggal_lahir", "jenis_kelamin", "status_kawin", "hubungan"];
        let c = Columns::map(&strings(&c_headers));
        let read = |g: &str, m: &str| {
            let t = table(&c_headers, &[(2, &["1", "A", "1990-01-01", g, m, "1"])]);
            let row = parse_row(&c, t.row(0).unwrap());
            let RowKind::Worker { draft, .. } = row.kind else { panic!("{row:?}") };
            (draft.gender, draft.marital_status, row.findings.len())
        };
        assert_eq!(read("1", "0"), (Some(Gender::Male), None, 0));
        assert_eq!(read("2", "TD"), (Some(Gender::Female), None, 0));
        assert_eq!(read("L", "B"), (Some(Gender::Male), Some(MaritalStatus::Single), 0));
        assert_eq!(read("P", "K"), (Some(Gender::Female), Some(MaritalStatus::Married), 0));
        assert_eq!(read("1", "C"), (Some(Gender::Male), Some(MaritalStatus::Divorced), 0));
        assert_eq!(read("1", "3"), (Some(Gender::Male), Some(MaritalStatus::Divorced), 0));
        assert_eq!(read("1", "5").2, 1);
    }

    #[test]
    fn family_rows_without_their_workers_nik_belong_to_the_nearest_worker_above_with_the_same_kk() {
        let mut t = table(
            &["No KK", "NIK/KITAS/KITAP", "Kode HubKel"],
            &[
                (2, &["KK1", "W1", "1"]),
                (3, &["KK1", "S1", "3"]),
                (4, &["KK2", "W2", "1"]),
                (5, &["KK1", "C1", "4"]),
                (6, &["KK1", "W3", "1"]),
                (7, &["KK 1", "C3", "4"]),
                (8, &["KK9", "X", "4"]),
                (9, &["KK2", "C2", "anak"]),
            ],
        );
        t.link_families();
        assert_eq!(t.headers.last().map(String::as_str), Some("nik_peserta"));
        let named: Vec<(usize, &str)> = t.rows().map(|r| (r.number, r.get(3).unwrap_or(""))).collect();
        assert_eq!(named, [(2, ""), (3, "W1"), (4, ""), (5, "W1"), (6, ""), (7, "W3"), (8, ""), (9, "W2")]);
        // The other cells are where they were.
        assert_eq!(t.row(4).unwrap().cells().collect::<Vec<_>>(), ["KK1", "W3", "1"]);
        assert_eq!(t.row(5).unwrap().cells().collect::<Vec<_>>(), ["KK 1", "C3", "4", "W3"]);

        // A worker named in the file is kept; a file without family rows is left as it is.
        let mut named = table(
            &["no_kk", "nik", "hubungan", "nik_peserta"],
            &[(2, &["KK1", "W1", "1"]), (3, &["KK1", "S1", "istri", "W9"])],
        );
        named.link_families();
        assert_eq!(named.row(1).unwrap().get(3), Some("W9"));
        let mut workers = table(&["no_kk", "nik", "hubungan"], &[(2, &["KK1", "W1", "peserta"])]);
        let before = workers.clone();
        workers.link_families();
        assert_eq!(workers, before);
    }

    #[test]
    fn an_identifier_stored_as_a_long_number_is_an_error_on_its_cell() {
        let mut t = table(
            &["nik", "nama", "tanggal_lahir", "jenis_kelamin", "hubungan", "gaji", "no_kk"],
            &[
                (2, &["3174051204880000", "Budi", "1988-04-12", "L", "peserta", "1000000000000000", "1"]),
                (3, &["3174051204880001", "Andi", "1988-04-12", "L", "peserta", "", "3174050101100000"]),
            ],
        );
        t.long_numbers = vec![(2, 0), (2, 5), (3, 6)];
        let columns = Columns::map(&t.headers);
        let found: Vec<(usize, String, &str)> = (0..3)
            .filter_map(|i| t.parse_row(&columns, i))
            .flat_map(|r| r.findings.into_iter().map(move |f| (r.row, f.field, f.code)))
            .collect();
        assert_eq!(
            found,
            [(2, "nik".to_string(), "number_lost_digits"), (3, "no_kk".to_string(), "number_lost_digits")]
        );
    }
}
