//! e-Dabu, BPJS Kesehatan's employer portal: the upload form a batch of cases is sent in, and the
//! validation result or member list that comes back.
//!
//! Versions of the form differ from branch to branch, so its layout is a setting: per kind of
//! batch a sheet name and the ordered columns (a header and the field it holds, or a blank), and
//! the code tables the form speaks (gender, relation, marital and employment status,
//! citizenship, the kind of mutation). The defaults are the form as DOMAIN.md describes it.
//! Results are read by their headers, liberally: e-Dabu's own exports and an officer's
//! spreadsheet name the same columns differently.

use std::borrow::Cow;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::family::Relation;
use crate::import::CellFinding;
use crate::lifecycle::{CaseKind, CaseState};
use crate::person::{Gender, MaritalStatus};
use crate::region::DistrictCode;
use crate::worker::{Citizenship, EmploymentStatus, TerminationReason};
use crate::Lang;

/// The cases a batch sends: registrations and transfers with the covered family, or deactivations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BatchKind {
    Registration,
    Transfer,
    Deactivation,
}

impl BatchKind {
    pub const ALL: [BatchKind; 3] = [BatchKind::Registration, BatchKind::Transfer, BatchKind::Deactivation];

    pub fn case_kind(self) -> CaseKind {
        match self {
            BatchKind::Registration => CaseKind::Registration,
            BatchKind::Transfer => CaseKind::Transfer,
            BatchKind::Deactivation => CaseKind::Deactivation,
        }
    }

    pub fn as_str(self) -> &'static str {
        self.case_kind().as_str()
    }

    pub fn label(self, lang: Lang) -> &'static str {
        self.case_kind().label(lang)
    }
}

/// What a column of the form holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EdabuField {
    /// Nothing: a column of the form Tertib does not keep (RT, RW, the clinic's name…).
    Blank,
    /// The row's number, from 1.
    RowNumber,
    /// BPJS card number (No Kartu).
    Noka,
    /// Jenis Mutasi: the code of the batch's kind (deactivations: of the termination reason).
    MutationType,
    /// Tgl Aktif Berlaku Mutasi: the hire date (registrations, transfers) or the termination date.
    MutationDate,
    KkNumber,
    Nik,
    FullName,
    /// Kode HubKel.
    Relation,
    BirthPlace,
    BirthDate,
    Gender,
    MaritalStatus,
    /// The worker's address (the family shares it).
    Address,
    /// Kemendagri code, digits only.
    DistrictCode,
    DistrictName,
    /// Kemendagri code, digits only.
    VillageCode,
    /// First-level clinic (FKTP): the member's own, or the worker's.
    FaskesCode,
    /// Digits only, `+62` written as `0` (worker rows).
    Phone,
    /// Worker rows.
    Email,
    /// NIP, the employee number (worker rows).
    EmployeeNumber,
    /// Jabatan (worker rows).
    Position,
    /// Status (worker rows).
    EmploymentStatus,
    /// TMT Kerja (worker rows).
    HireDate,
    /// Basic wage plus fixed allowances, digits only (worker rows).
    Wage,
    Citizenship,
}

/// One column of the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct LayoutColumn {
    pub header: String,
    pub field: EdabuField,
}

/// One sheet of the form: its name and its columns in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SheetLayout {
    pub sheet: String,
    pub columns: Vec<LayoutColumn>,
}

/// Jenis Kelamin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct GenderCodes {
    pub male: String,
    pub female: String,
}

/// Kode HubKel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RelationCodes {
    pub worker: String,
    pub husband: String,
    pub wife: String,
    pub child: String,
    /// Father, mother, parents-in-law, a fourth or later child.
    pub extra: String,
}

/// Status Kawin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MaritalCodes {
    /// Not recorded.
    pub unknown: String,
    pub single: String,
    pub married: String,
    pub divorced: String,
    pub widowed: String,
}

/// Status (of employment).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct EmploymentCodes {
    /// PKWTT.
    pub permanent: String,
    /// PKWT.
    pub contract: String,
    pub part_time: String,
}

/// Kewarganegaraan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CitizenshipCodes {
    pub wni: String,
    pub wna: String,
}

/// Jenis Mutasi: per kind of batch, and for deactivations per termination reason. The branch's
/// codes are not published; an empty code leaves the cell blank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MutationCodes {
    pub registration: String,
    pub transfer: String,
    pub dismissal: String,
    pub end_of_contract: String,
    pub resignation: String,
    pub death: String,
    pub other: String,
}

/// The code tables of the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CodeTables {
    pub gender: GenderCodes,
    pub relation: RelationCodes,
    pub marital: MaritalCodes,
    pub employment: EmploymentCodes,
    pub citizenship: CitizenshipCodes,
    pub mutation: MutationCodes,
}

/// The e-Dabu form as this branch takes it: a sheet per kind of batch, and the code tables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct EdabuSettings {
    pub registration: SheetLayout,
    /// The "Mutasi" sheet: at least No Kartu, NIK, NIP, Jabatan, Status and Gaji.
    pub transfer: SheetLayout,
    pub deactivation: SheetLayout,
    pub codes: CodeTables,
}

fn code(s: &str) -> String {
    s.to_string()
}

fn layout(sheet: &str, columns: &[(&str, EdabuField)]) -> SheetLayout {
    SheetLayout {
        sheet: sheet.to_string(),
        columns: columns.iter().map(|(h, f)| LayoutColumn { header: h.to_string(), field: *f }).collect(),
    }
}

impl Default for EdabuSettings {
    fn default() -> Self {
        use EdabuField as F;
        let registration = [
            ("No", F::RowNumber),
            ("No Kartu", F::Noka),
            ("Jenis Mutasi", F::MutationType),
            ("Tgl Aktif Berlaku Mutasi", F::MutationDate),
            ("No KK", F::KkNumber),
            ("NIK/KITAS/KITAP", F::Nik),
            ("Nama Lengkap", F::FullName),
            ("Kode HubKel", F::Relation),
            ("Tempat Lahir", F::BirthPlace),
            ("Tgl Lahir", F::BirthDate),
            ("Jenis Kelamin", F::Gender),
            ("Status Kawin", F::MaritalStatus),
            ("Alamat", F::Address),
            ("RT", F::Blank),
            ("RW", F::Blank),
            ("Kode Pos", F::Blank),
            ("Kode Kecamatan", F::DistrictCode),
            ("Nama Kecamatan", F::DistrictName),
            ("Kode Desa", F::VillageCode),
            ("Nama Desa", F::Blank),
            ("Kode Faskes Tk.I", F::FaskesCode),
            ("Nama Faskes Tk.I", F::Blank),
            ("Kode Faskes Dokter Gigi", F::Blank),
            ("Nama Faskes Dokter Gigi", F::Blank),
            ("Telepon", F::Phone),
            ("Email", F::Email),
            ("NIP", F::EmployeeNumber),
            ("Jabatan", F::Position),
            ("Status", F::EmploymentStatus),
            ("Kelas Rawat", F::Blank),
            ("TMT Kerja", F::HireDate),
            ("Gaji Pokok + Tunj. Tetap", F::Wage),
            ("Kewarganegaraan", F::Citizenship),
            ("No. Kartu Asuransi", F::Blank),
            ("Nama Asuransi", F::Blank),
            ("No. NPWP", F::Blank),
            ("No Passport", F::Blank),
        ];
        let transfer = [
            ("No", F::RowNumber),
            ("No Kartu", F::Noka),
            ("NIK/KITAS/KITAP", F::Nik),
            ("Nama Lengkap", F::FullName),
            ("Kode HubKel", F::Relation),
            ("NIP", F::EmployeeNumber),
            ("Jabatan", F::Position),
            ("Status", F::EmploymentStatus),
            ("Gaji Pokok + Tunj. Tetap", F::Wage),
            ("TMT Kerja", F::HireDate),
            ("Kode Faskes Tk.I", F::FaskesCode),
            ("Telepon", F::Phone),
        ];
        let deactivation = [
            ("No", F::RowNumber),
            ("No Kartu", F::Noka),
            ("NIK/KITAS/KITAP", F::Nik),
            ("Nama Lengkap", F::FullName),
            ("Kode HubKel", F::Relation),
            ("Jenis Mutasi", F::MutationType),
            ("Tgl Aktif Berlaku Mutasi", F::MutationDate),
            ("NIP", F::EmployeeNumber),
            ("Telepon", F::Phone),
        ];
        EdabuSettings {
            registration: layout("Pendaftaran", &registration),
            transfer: layout("Mutasi", &transfer),
            deactivation: layout("Nonaktif", &deactivation),
            codes: CodeTables {
                gender: GenderCodes { male: code("1"), female: code("2") },
                relation: RelationCodes {
                    worker: code("1"),
                    husband: code("2"),
                    wife: code("3"),
                    child: code("4"),
                    extra: code("5"),
                },
                marital: MaritalCodes {
                    unknown: code("0"),
                    single: code("1"),
                    married: code("2"),
                    divorced: code("3"),
                    widowed: code("3"),
                },
                employment: EmploymentCodes { permanent: code("1"), contract: code("2"), part_time: code("3") },
                citizenship: CitizenshipCodes { wni: code("1"), wna: code("2") },
                mutation: MutationCodes {
                    registration: String::new(),
                    transfer: String::new(),
                    dismissal: code("2"),
                    end_of_contract: code("2"),
                    resignation: code("2"),
                    death: code("1"),
                    other: code("3"),
                },
            },
        }
    }
}

/// Most columns a sheet may have.
const MAX_COLUMNS: usize = 100;
/// Longest header or code.
const MAX_HEADER_CHARS: usize = 100;
const MAX_CODE_CHARS: usize = 20;

fn sheet_problems(layout: &SheetLayout, sheet: &'static str, columns: &'static str) -> Vec<&'static str> {
    let mut out = Vec::new();
    // Excel's rule for sheet names.
    let name = layout.sheet.trim();
    if name.is_empty() || name.chars().count() > 31 || name.contains(['[', ']', ':', '*', '?', '/', '\\']) {
        out.push(sheet);
    }
    let bad_header = |c: &LayoutColumn| c.header.trim().is_empty() || c.header.chars().count() > MAX_HEADER_CHARS;
    if layout.columns.is_empty() || layout.columns.len() > MAX_COLUMNS || layout.columns.iter().any(bad_header) {
        out.push(columns);
    }
    out
}

impl EdabuSettings {
    /// The fields out of range: sheet names Excel would refuse, no columns or too many, an empty
    /// or overlong header, an overlong code.
    pub fn problems(&self) -> Vec<&'static str> {
        let mut out = sheet_problems(&self.registration, "registration.sheet", "registration.columns");
        out.extend(sheet_problems(&self.transfer, "transfer.sheet", "transfer.columns"));
        out.extend(sheet_problems(&self.deactivation, "deactivation.sheet", "deactivation.columns"));
        let c = &self.codes;
        let tables: [(&'static str, Vec<&String>); 6] = [
            ("codes.gender", vec![&c.gender.male, &c.gender.female]),
            (
                "codes.relation",
                vec![&c.relation.worker, &c.relation.husband, &c.relation.wife, &c.relation.child, &c.relation.extra],
            ),
            (
                "codes.marital",
                vec![
                    &c.marital.unknown,
                    &c.marital.single,
                    &c.marital.married,
                    &c.marital.divorced,
                    &c.marital.widowed,
                ],
            ),
            ("codes.employment", vec![&c.employment.permanent, &c.employment.contract, &c.employment.part_time]),
            ("codes.citizenship", vec![&c.citizenship.wni, &c.citizenship.wna]),
            (
                "codes.mutation",
                vec![
                    &c.mutation.registration,
                    &c.mutation.transfer,
                    &c.mutation.dismissal,
                    &c.mutation.end_of_contract,
                    &c.mutation.resignation,
                    &c.mutation.death,
                    &c.mutation.other,
                ],
            ),
        ];
        out.extend(
            tables
                .into_iter()
                .filter(|(_, codes)| codes.iter().any(|c| c.chars().count() > MAX_CODE_CHARS))
                .map(|t| t.0),
        );
        out
    }

    /// The sheet a batch of `kind` is written on.
    pub fn sheet(&self, kind: BatchKind) -> &SheetLayout {
        match kind {
            BatchKind::Registration => &self.registration,
            BatchKind::Transfer => &self.transfer,
            BatchKind::Deactivation => &self.deactivation,
        }
    }
}

/// One person of a batch as the form lists them: the worker (`relation: None`) or a family member,
/// with what the batch's builder decided each row shows (worker-only fields are empty on family
/// rows).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Person {
    pub relation: Option<Relation>,
    pub noka: String,
    pub kk_number: String,
    pub nik: String,
    pub full_name: String,
    pub birth_place: String,
    pub birth_date: Option<NaiveDate>,
    pub gender: Option<Gender>,
    pub marital_status: Option<MaritalStatus>,
    pub citizenship: Citizenship,
    pub address: String,
    pub district_code: String,
    pub village_code: String,
    pub faskes_code: String,
    pub phone: String,
    pub email: String,
    pub employee_number: String,
    pub position: String,
    pub employment_status: Option<EmploymentStatus>,
    pub hire_date: Option<NaiveDate>,
    pub wage: Option<i64>,
    /// Which mutation the row reports.
    pub mutation: Mutation,
    pub mutation_date: Option<NaiveDate>,
}

/// What a row asks e-Dabu to do.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Mutation {
    #[default]
    Registration,
    Transfer,
    Leave(TerminationReason),
}

/// `dd/mm/yyyy`, as the form wants dates.
pub fn form_date(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// A phone number as digits, the country code `+62` written as the national `0`.
pub fn form_phone(phone: &str) -> String {
    let trimmed = phone.trim();
    match trimmed.strip_prefix("+62") {
        Some(rest) => format!("0{}", digits(rest)),
        None => digits(trimmed),
    }
}

impl CodeTables {
    fn relation_code(&self, relation: Option<Relation>) -> &str {
        match relation {
            None => &self.relation.worker,
            Some(Relation::Husband) => &self.relation.husband,
            Some(Relation::Wife) => &self.relation.wife,
            Some(Relation::Child) => &self.relation.child,
            Some(Relation::Father | Relation::Mother | Relation::ParentInLaw | Relation::ExtraChild) => {
                &self.relation.extra
            }
        }
    }

    fn mutation_code(&self, mutation: Mutation) -> &str {
        let m = &self.mutation;
        match mutation {
            Mutation::Registration => &m.registration,
            Mutation::Transfer => &m.transfer,
            Mutation::Leave(TerminationReason::Dismissal) => &m.dismissal,
            Mutation::Leave(TerminationReason::EndOfContract) => &m.end_of_contract,
            Mutation::Leave(TerminationReason::Resignation) => &m.resignation,
            Mutation::Leave(TerminationReason::Death) => &m.death,
            Mutation::Leave(TerminationReason::Other) => &m.other,
        }
    }
}

/// The text of one cell: `field` of `person`, on the form's row `number` (from 1).
pub fn cell<'a>(field: EdabuField, number: usize, person: &'a Person, codes: &'a CodeTables) -> Cow<'a, str> {
    use EdabuField as F;
    let text = |s: &'a str| Cow::Borrowed(s);
    let day = |d: Option<NaiveDate>| d.map(form_date).map_or(Cow::Borrowed(""), Cow::Owned);
    match field {
        F::Blank => text(""),
        F::RowNumber => Cow::Owned(number.to_string()),
        F::Noka => text(&person.noka),
        F::MutationType => text(codes.mutation_code(person.mutation)),
        F::MutationDate => day(person.mutation_date),
        F::KkNumber => text(&person.kk_number),
        F::Nik => text(&person.nik),
        F::FullName => text(&person.full_name),
        F::Relation => text(codes.relation_code(person.relation)),
        F::BirthPlace => text(&person.birth_place),
        F::BirthDate => day(person.birth_date),
        F::Gender => match person.gender {
            Some(Gender::Male) => text(&codes.gender.male),
            Some(Gender::Female) => text(&codes.gender.female),
            None => text(""),
        },
        F::MaritalStatus => text(match person.marital_status {
            None => &codes.marital.unknown,
            Some(MaritalStatus::Single) => &codes.marital.single,
            Some(MaritalStatus::Married) => &codes.marital.married,
            Some(MaritalStatus::Divorced) => &codes.marital.divorced,
            Some(MaritalStatus::Widowed) => &codes.marital.widowed,
        }),
        F::Address => text(&person.address),
        F::DistrictCode => Cow::Owned(digits(&person.district_code)),
        F::DistrictName => {
            text(DistrictCode::parse(&person.district_code).and_then(DistrictCode::district_name).unwrap_or(""))
        }
        F::VillageCode => Cow::Owned(digits(&person.village_code)),
        F::FaskesCode => text(&person.faskes_code),
        F::Phone => Cow::Owned(form_phone(&person.phone)),
        F::Email => text(&person.email),
        F::EmployeeNumber => text(&person.employee_number),
        F::Position => text(&person.position),
        F::EmploymentStatus => text(match person.employment_status {
            Some(EmploymentStatus::Pkwtt) => &codes.employment.permanent,
            Some(EmploymentStatus::Pkwt) => &codes.employment.contract,
            Some(EmploymentStatus::PartTime) => &codes.employment.part_time,
            None => "",
        }),
        F::HireDate => day(person.hire_date),
        F::Wage => person.wage.map_or(Cow::Borrowed(""), |w| Cow::Owned(w.to_string())),
        F::Citizenship => text(match person.citizenship {
            Citizenship::Wni => &codes.citizenship.wni,
            Citizenship::Wna => &codes.citizenship.wna,
        }),
    }
}

// ---------------------------------------------------------------------------------------------
// Results back from e-Dabu

/// Where the columns of a result file are (by index), found by their headers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResultColumns {
    pub nik: Option<usize>,
    pub noka: Option<usize>,
    pub status: Option<usize>,
    pub reason: Option<usize>,
}

fn is_nik_header(h: &str) -> bool {
    h.starts_with("nik")
        || ["noktp", "nonik", "nomornik", "nomorinduk", "nomorindukkependudukan", "identitas", "noidentitas"]
            .contains(&h)
}

fn is_noka_header(h: &str) -> bool {
    let card = (h.contains("kartu") || h.contains("card"))
        && !["keluarga", "asuransi", "status"].iter().any(|w| h.contains(w));
    card || ["noka", "nokapst", "nopeserta", "nomorpeserta", "nopst", "bpjs", "nobpjs", "nomorbpjs"].contains(&h)
}

fn is_status_header(h: &str) -> bool {
    let words = ["status", "hasil", "validasi", "result", "verifikasi"];
    words.iter().any(|w| h.contains(w)) && !h.contains("kawin") && !h.contains("hubkel") && !h.contains("hubungan")
}

fn is_reason_header(h: &str) -> bool {
    let words =
        ["keterangan", "alasan", "pesan", "catatan", "reason", "message", "remark", "note", "error", "deskripsi"];
    h == "ket" || words.iter().any(|w| h.contains(w))
}

impl ResultColumns {
    /// Reads a header row; the first column that matches each role wins. A reason column is never
    /// also the status column.
    pub fn recognise(headers: &[String]) -> ResultColumns {
        let mut c = ResultColumns::default();
        for (i, header) in headers.iter().enumerate() {
            let h = crate::import::letters(header);
            if h.is_empty() {
                continue;
            }
            let slot = if is_nik_header(&h) {
                &mut c.nik
            } else if is_noka_header(&h) {
                &mut c.noka
            } else if is_reason_header(&h) {
                &mut c.reason
            } else if is_status_header(&h) {
                &mut c.status
            } else {
                continue;
            };
            slot.get_or_insert(i);
        }
        c
    }

    /// Whether rows can be matched to people (by NIK or card number).
    pub fn identifies(&self) -> bool {
        self.nik.is_some() || self.noka.is_some()
    }
}

/// e-Dabu's answer about one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RowResult {
    Accepted,
    Rejected,
}

impl RowResult {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            RowResult::Accepted => lang.pick("diterima", "accepted"),
            RowResult::Rejected => lang.pick("ditolak", "rejected"),
        }
    }
}

/// Words of a text, lower case, separated by anything that is not a letter or digit.
fn words_of(text: &str) -> String {
    let lower: String = text.chars().map(|c| if c.is_alphanumeric() { c.to_ascii_lowercase() } else { ' ' }).collect();
    format!(" {} ", lower.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// What a status text says, if it says something: e-Dabu's validation words ("berhasil",
/// "gagal: NIK tidak padan") or a member list's status ("AKTIF", "NON AKTIF"). Being active is
/// the answer a registration waits for; being no longer active is what a deactivation waits for.
fn verdict_of(kind: BatchKind, text: &str) -> Option<RowResult> {
    let w = words_of(text);
    let has = |phrases: &[&str]| phrases.iter().any(|p| w.contains(&format!(" {p} ")));
    let starts = |stems: &[&str]| stems.iter().any(|s| w.contains(&format!(" {s}")));
    let inactive = has(&["nonaktif", "non aktif", "tidak aktif", "inactive", "non active", "nonactive"]);
    let rejected = starts(&["gagal", "tolak", "ditolak", "reject", "invalid", "error", "fail", "salah"])
        || has(&["tidak valid", "tidak sesuai", "tidak padan", "belum padan", "tidak ditemukan", "not found"]);
    let accepted = starts(&["berhasil", "sukses", "success", "diterima", "terima", "accept", "valid", "selesai"])
        || has(&["ok", "padan", "sesuai", "done"]);
    let active = has(&["aktif", "active"]);
    match kind {
        BatchKind::Deactivation if inactive => Some(RowResult::Accepted),
        _ if inactive => None,
        _ if rejected => Some(RowResult::Rejected),
        _ if accepted => Some(RowResult::Accepted),
        BatchKind::Deactivation => None,
        _ if active => Some(RowResult::Accepted),
        _ => None,
    }
}

/// e-Dabu's answer about a row: from its status, else from its remark, else (a member list
/// without status, for registrations and transfers) a card number means the person is a member.
pub fn verdict(kind: BatchKind, status: &str, reason: &str, has_card: bool) -> Option<RowResult> {
    verdict_of(kind, status).or_else(|| verdict_of(kind, reason)).or_else(|| {
        (has_card && kind != BatchKind::Deactivation && status.trim().is_empty()).then_some(RowResult::Accepted)
    })
}

// ---------------------------------------------------------------------------------------------
// On the wire

/// `POST /api/v1/edabu/batches`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewBatch {
    pub kind: BatchKind,
    /// Only workers placed with this client company now.
    #[serde(default)]
    pub client_company_id: Option<String>,
    /// `YYYY-MM`: only cases due in that month.
    #[serde(default)]
    #[cfg_attr(feature = "server", schema(example = "2026-11"))]
    pub month: Option<String>,
    /// Only these cases. A case BPJS rejected goes again only when named here (after HR fixed it).
    #[serde(default)]
    pub case_ids: Option<Vec<String>>,
    /// Only say which cases would go and which not; nothing is written.
    #[serde(default)]
    pub dry_run: bool,
}

/// A case that goes in the batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PickedCase {
    pub case_id: String,
    pub worker_id: String,
    pub worker_name: String,
    pub due_date: NaiveDate,
    /// Rows of the form: the worker and the family members that go along.
    pub rows: usize,
}

/// A case that was considered and left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct LeftOutCase {
    pub case_id: String,
    pub worker_id: Option<String>,
    pub worker_name: Option<String>,
    /// `checklist_incomplete`, `not_open`, `other_kind`, `not_found`, …
    pub code: String,
    pub reason: String,
}

/// Where a batch stands, from the results recorded on its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BatchState {
    /// Sent, no answer yet.
    Submitted,
    /// Some rows answered.
    PartlyAnswered,
    /// Every row answered.
    Answered,
}

impl BatchState {
    pub fn of(rows: i64, answered: i64) -> BatchState {
        match answered {
            0 => BatchState::Submitted,
            n if n >= rows => BatchState::Answered,
            _ => BatchState::PartlyAnswered,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            BatchState::Submitted => lang.pick("menunggu hasil", "awaiting results"),
            BatchState::PartlyAnswered => lang.pick("sebagian dijawab", "partly answered"),
            BatchState::Answered => lang.pick("dijawab", "answered"),
        }
    }
}

/// A batch in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct BatchSummary {
    pub id: String,
    pub kind: BatchKind,
    /// The filters the batch was picked with.
    pub client_company_id: Option<String>,
    pub client_company_name: Option<String>,
    pub month: Option<String>,
    pub file_name: String,
    pub cases: i64,
    pub rows: i64,
    pub accepted: i64,
    pub rejected: i64,
    pub state: BatchState,
    /// Who created it (email).
    pub created_by: String,
    pub created_at: DateTime<Utc>,
}

/// `POST /api/v1/edabu/batches`: the batch created (none on a dry run), the cases in it, the cases
/// left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct BatchPlan {
    pub batch: Option<BatchSummary>,
    pub picked: Vec<PickedCase>,
    pub left_out: Vec<LeftOutCase>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "server", into_params(parameter_in = Query))]
#[serde(default)]
pub struct BatchListQuery {
    pub kind: Option<BatchKind>,
    pub client_company_id: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct BatchPage {
    pub items: Vec<BatchSummary>,
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
}

/// One row of a batch: the person, the case, and what e-Dabu answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct BatchRowView {
    /// The row's number in the file (the header is above row 1).
    pub number: i64,
    pub case_id: String,
    pub case_state: CaseState,
    pub worker_id: String,
    pub family_member_id: Option<String>,
    /// `None` for the worker.
    pub relation: Option<Relation>,
    pub full_name: String,
    /// Masked.
    pub nik: String,
    /// The card number sent (transfers, deactivations).
    pub noka: Option<String>,
    pub result: Option<RowResult>,
    /// The card number e-Dabu gave.
    pub result_noka: Option<String>,
    /// e-Dabu's reason for a rejection.
    pub result_reason: String,
    pub result_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct BatchView {
    pub summary: BatchSummary,
    pub rows: Vec<BatchRowView>,
}

/// `POST /api/v1/edabu/batches/{id}/results`: what a result file did, or (with errors) would have
/// done: a file with any error changes nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ResultsReport {
    pub applied: bool,
    /// Data rows read.
    pub rows_total: usize,
    /// Results recorded now.
    pub accepted: usize,
    pub rejected: usize,
    /// Rows whose result was already recorded.
    pub unchanged: usize,
    /// Rows matching nobody of the batch, or saying nothing readable.
    pub skipped: usize,
    pub cases_completed: usize,
    pub cases_rejected: usize,
    pub errors: Vec<CellFinding>,
    pub warnings: Vec<CellFinding>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_default_layout_is_the_form_and_passes_its_own_checks() {
        let s = EdabuSettings::default();
        assert!(s.problems().is_empty(), "{:?}", s.problems());
        assert_eq!(s.registration.columns.len(), 37);
        assert_eq!(s.transfer.sheet, "Mutasi");
        let fields: Vec<EdabuField> = s.transfer.columns.iter().map(|c| c.field).collect();
        for needed in [
            EdabuField::Noka,
            EdabuField::Nik,
            EdabuField::EmployeeNumber,
            EdabuField::Position,
            EdabuField::EmploymentStatus,
            EdabuField::Wage,
        ] {
            assert!(fields.contains(&needed), "{needed:?}");
        }
        let mut bad = s.clone();
        bad.transfer.sheet = "Mutasi/2026".into();
        bad.deactivation.columns.clear();
        bad.codes.gender.male = "x".repeat(21);
        assert_eq!(bad.problems(), ["transfer.sheet", "deactivation.columns", "codes.gender"]);
    }

    #[test]
    fn cells_follow_the_code_tables() {
        let codes = EdabuSettings::default().codes;
        let person = Person {
            relation: Some(Relation::Wife),
            nik: "3174055204900002".into(),
            birth_date: NaiveDate::from_ymd_opt(1990, 4, 12),
            gender: Some(Gender::Female),
            marital_status: Some(MaritalStatus::Married),
            district_code: "31.74.05".into(),
            village_code: "31.74.05.1001".into(),
            phone: "+62 812-3456-7890".into(),
            wage: Some(5_396_761),
            mutation: Mutation::Leave(TerminationReason::Death),
            ..Person::default()
        };
        let c = |f| cell(f, 7, &person, &codes).into_owned();
        assert_eq!(c(EdabuField::RowNumber), "7");
        assert_eq!(c(EdabuField::Relation), "3");
        assert_eq!(c(EdabuField::BirthDate), "12/04/1990");
        assert_eq!(c(EdabuField::Gender), "2");
        assert_eq!(c(EdabuField::MaritalStatus), "2");
        assert_eq!(c(EdabuField::DistrictCode), "317405");
        assert_eq!(c(EdabuField::DistrictName), "Kebayoran Lama");
        assert_eq!(c(EdabuField::VillageCode), "3174051001");
        assert_eq!(c(EdabuField::Phone), "081234567890");
        assert_eq!(c(EdabuField::Wage), "5396761");
        assert_eq!(c(EdabuField::MutationType), "1");
        assert_eq!(c(EdabuField::Citizenship), "1");
        assert_eq!(c(EdabuField::EmploymentStatus), "");
        assert_eq!(c(EdabuField::Blank), "");
        let worker = Person { marital_status: None, ..Person::default() };
        assert_eq!(cell(EdabuField::Relation, 1, &worker, &codes), "1");
        assert_eq!(cell(EdabuField::MaritalStatus, 1, &worker, &codes), "0");
    }

    #[test]
    fn result_headers_are_read_liberally() {
        let c = ResultColumns::recognise(&headers(&["No", "NIK/KITAS/KITAP", "No. Kartu", "Status", "Keterangan"]));
        assert_eq!(c, ResultColumns { nik: Some(1), noka: Some(2), status: Some(3), reason: Some(4) });
        let c =
            ResultColumns::recognise(&headers(&["nomor kartu peserta", "No KK", "nik", "HASIL VALIDASI", "Alasan"]));
        assert_eq!(c, ResultColumns { nik: Some(2), noka: Some(0), status: Some(3), reason: Some(4) });
        let c = ResultColumns::recognise(&headers(&["NOKA", "Status Kawin", "Pesan Error", "No. Kartu Asuransi"]));
        assert_eq!(c, ResultColumns { nik: None, noka: Some(0), status: None, reason: Some(2) });
        let c = ResultColumns::recognise(&headers(&["Status Kartu", "No Kartu", "NIK Peserta"]));
        assert_eq!(c, ResultColumns { nik: Some(2), noka: Some(1), status: Some(0), reason: None });
        assert!(c.identifies());
        assert!(!ResultColumns::recognise(&headers(&["Nama", "Alamat"])).identifies());
    }

    #[test]
    fn verdicts_read_validation_words_and_member_statuses() {
        use BatchKind::{Deactivation as D, Registration as R};
        use RowResult::{Accepted as A, Rejected as X};
        let cases: [(BatchKind, &str, &str, bool, Option<RowResult>); 14] = [
            (R, "Berhasil", "", false, Some(A)),
            (R, "SUKSES", "", true, Some(A)),
            (R, "Gagal", "NIK tidak padan Dukcapil", false, Some(X)),
            (R, "", "Data tidak valid", false, Some(X)),
            (R, "Tidak Valid", "", false, Some(X)),
            (R, "AKTIF", "", true, Some(A)),
            (R, "NON AKTIF", "", false, None),
            (R, "", "", true, Some(A)),
            (R, "", "", false, None),
            (R, "1", "", true, None),
            (D, "NON AKTIF", "", true, Some(A)),
            (D, "AKTIF", "", true, None),
            (D, "Ditolak", "SPTJM belum ada", true, Some(X)),
            (D, "", "", true, None),
        ];
        for (kind, status, reason, card, expected) in cases {
            assert_eq!(verdict(kind, status, reason, card), expected, "{kind:?} {status:?} {reason:?} {card}");
        }
    }

    #[test]
    fn batch_state_follows_the_answered_rows() {
        assert_eq!(BatchState::of(3, 0), BatchState::Submitted);
        assert_eq!(BatchState::of(3, 2), BatchState::PartlyAnswered);
        assert_eq!(BatchState::of(3, 3), BatchState::Answered);
    }
}
