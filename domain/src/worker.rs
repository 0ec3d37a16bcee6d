//! A worker as HR enters them, and every rule about the record. The same [`validate_worker`] runs in
//! the browser while the form is filled, in `POST /api/v1/validate/worker`, before a save, and on
//! each row of an import, so all of them name the same fields with the same words.
//!
//! The draft holds what was typed (dates as text, identifiers as text), so that a wrong value
//! becomes a finding on its field instead of a request that cannot be read.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::email::Email;
use crate::family::{validate_family, FamilyMemberDraft};
use crate::identifiers::{FaskesCode, Noka};
use crate::kk::NoKk;
use crate::money::{check_wage, Rupiah};
use crate::nik::{check_nik, Holder, Nik};
use crate::person::{
    age_on, check_date, check_not_future, check_required_date, format_date, required, string_or_null, Gender,
    MaritalStatus, PersonName,
};
use crate::region::DistrictCode;
use crate::{Finding, Lang};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Citizenship {
    /// Warga negara Indonesia: identified by NIK.
    #[default]
    Wni,
    /// Foreigner: identified by a NIK or the KITAS/KITAP number.
    Wna,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EmploymentStatus {
    /// Fixed-term contract (perjanjian kerja waktu tertentu).
    Pkwt,
    /// Permanent (perjanjian kerja waktu tidak tertentu).
    Pkwtt,
    /// Part-time.
    PartTime,
}

impl EmploymentStatus {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            EmploymentStatus::Pkwt => lang.pick("PKWT (kontrak)", "Fixed-term (PKWT)"),
            EmploymentStatus::Pkwtt => lang.pick("PKWTT (tetap)", "Permanent (PKWTT)"),
            EmploymentStatus::PartTime => lang.pick("Paruh waktu", "Part-time"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TerminationReason {
    /// Dismissal (PHK): the worker keeps class III cover for up to 6 months, given proof.
    Dismissal,
    /// End of a fixed-term contract (PKWT).
    EndOfContract,
    Resignation,
    Death,
    /// Anything else, e.g. retirement.
    Other,
}

impl TerminationReason {
    pub const ALL: [TerminationReason; 5] = [
        TerminationReason::Dismissal,
        TerminationReason::EndOfContract,
        TerminationReason::Resignation,
        TerminationReason::Death,
        TerminationReason::Other,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            TerminationReason::Dismissal => lang.pick("PHK", "dismissal"),
            TerminationReason::EndOfContract => lang.pick("kontrak berakhir", "end of contract"),
            TerminationReason::Resignation => lang.pick("mengundurkan diri", "resignation"),
            TerminationReason::Death => lang.pick("meninggal dunia", "death"),
            TerminationReason::Other => lang.pick("lainnya", "other"),
        }
    }
}

/// The settings the rules depend on. Ages and counts follow the regulations as they stand; the
/// minimum wage is the UMK of the worker's placement, which differs per regency and year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ValidationSettings {
    /// UMK of the placement; a lower wage is a warning. `None` when unknown.
    pub minimum_wage: Option<Rupiah>,
    /// Youngest age at hire (UU 13/2003 allows light work from 13 only under conditions; below 15
    /// is refused).
    pub minimum_hire_age: u32,
    /// Below this age at hire a worker gets a warning.
    pub adult_age: u32,
    /// A child is covered until this age...
    pub child_age_limit: u32,
    /// ...or until this age while in formal education.
    pub student_age_limit: u32,
    /// Children covered by the worker's contribution; the others are extra members.
    pub covered_children: usize,
}

impl Default for ValidationSettings {
    fn default() -> Self {
        ValidationSettings {
            minimum_wage: None,
            minimum_hire_age: 15,
            adult_age: 18,
            child_age_limit: 21,
            student_age_limit: 25,
            covered_children: 3,
        }
    }
}

/// A worker as typed into the form, sent to the API or read from a roster row. Every field may be
/// missing or `null`; the rules say which are required.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct WorkerDraft {
    /// 16 digits (spaces are dropped). For a foreigner, the KITAS/KITAP number if they have no NIK.
    #[cfg_attr(feature = "server", schema(example = "3174055204900002"))]
    #[serde(deserialize_with = "string_or_null")]
    pub nik: String,
    /// No. KK: 16 digits.
    #[cfg_attr(feature = "server", schema(example = "3174050101100003"))]
    #[serde(deserialize_with = "string_or_null")]
    pub kk_number: String,
    #[cfg_attr(feature = "server", schema(example = "Siti Nur'aini"))]
    #[serde(deserialize_with = "string_or_null")]
    pub full_name: String,
    #[serde(deserialize_with = "string_or_null")]
    pub birth_place: String,
    /// `YYYY-MM-DD` (also `DD/MM/YYYY`).
    #[cfg_attr(feature = "server", schema(example = "1990-04-12"))]
    #[serde(deserialize_with = "string_or_null")]
    pub birth_date: String,
    pub gender: Option<Gender>,
    pub marital_status: Option<MaritalStatus>,
    pub citizenship: Citizenship,
    #[serde(deserialize_with = "string_or_null")]
    pub address: String,
    /// Kode kecamatan of the address, `31.74.05` or `317405`.
    #[serde(deserialize_with = "string_or_null")]
    pub district_code: String,
    /// Kode desa/kelurahan of the address, `31.74.05.1001` or `3174051001`.
    #[serde(deserialize_with = "string_or_null")]
    pub village_code: String,
    #[serde(deserialize_with = "string_or_null")]
    pub phone: String,
    #[serde(deserialize_with = "string_or_null")]
    pub email: String,
    /// The employee number (NIP) given by the company.
    #[serde(deserialize_with = "string_or_null")]
    pub employee_number: String,
    #[serde(deserialize_with = "string_or_null")]
    pub position: String,
    pub employment_status: Option<EmploymentStatus>,
    /// TMT kerja: first day of work.
    #[cfg_attr(feature = "server", schema(example = "2024-01-02"))]
    #[serde(deserialize_with = "string_or_null")]
    pub hire_date: String,
    #[serde(deserialize_with = "string_or_null")]
    pub termination_date: String,
    pub termination_reason: Option<TerminationReason>,
    /// Basic wage + fixed allowances, whole Rupiah.
    #[cfg_attr(feature = "server", schema(example = 5_396_761))]
    pub wage_base: Option<i64>,
    /// BPJS card number: 13 digits, once BPJS has issued it.
    #[serde(deserialize_with = "string_or_null")]
    pub noka: String,
    /// The chosen first-level clinic (FKTP), e.g. `0138U020`.
    #[serde(deserialize_with = "string_or_null")]
    pub faskes_code: String,
    /// The family members; findings about them name `family[i].field`.
    pub family: Vec<FamilyMemberDraft>,
}

/// The identity fields a worker and a family member share.
pub(crate) struct PersonFields<'a> {
    pub nik: &'a str,
    pub full_name: &'a str,
    pub birth_place: &'a str,
    pub birth_date: &'a str,
    pub gender: Option<Gender>,
    pub citizenship: Citizenship,
    pub kk_number: &'a str,
    pub kk_required: bool,
    pub noka: &'a str,
    pub faskes_code: &'a str,
}

/// What the identity checks could read, for the rules that compare fields.
#[derive(Debug, Clone, Default)]
pub(crate) struct PersonChecked {
    pub nik: Option<Nik>,
    /// The identity number as typed, spaces dropped (a NIK or a foreigner's document number).
    pub id_number: String,
    pub birth_date: Option<NaiveDate>,
    pub kk: Option<NoKk>,
}

pub(crate) const MAX_BIRTH_PLACE: usize = 100;

pub(crate) fn check_length(field: &str, value: &str, max: usize) -> Option<Finding> {
    (value.trim().chars().count() > max).then(|| {
        Finding::error(
            field,
            "too_long",
            format!("Isian ini maksimal {max} karakter."),
            format!("This field may have at most {max} characters."),
        )
    })
}

/// Checks the identity of a person (worker or family member); field names get `prefix`.
pub(crate) fn check_person(
    prefix: &str,
    p: PersonFields<'_>,
    today: NaiveDate,
    out: &mut Vec<Finding>,
) -> PersonChecked {
    // Most cells are right: a worker's field names (no prefix) are not copied for each check.
    let field = |name: &'static str| -> Cow<'static, str> {
        if prefix.is_empty() {
            Cow::Borrowed(name)
        } else {
            Cow::Owned(format!("{prefix}{name}"))
        }
    };
    let mut checked = PersonChecked::default();

    if let Err(e) = PersonName::parse(p.full_name) {
        out.push(e.finding(&field("full_name")));
    }
    out.extend(check_length(&field("birth_place"), p.birth_place, MAX_BIRTH_PLACE));

    match check_required_date(&field("birth_date"), p.birth_date) {
        Ok(date) => match check_not_future(&field("birth_date"), date, today) {
            Some(f) => out.push(f),
            None => checked.birth_date = Some(date),
        },
        Err(f) => out.push(f),
    }
    if p.gender.is_none() {
        out.push(required(&field("gender")));
    }

    checked.id_number = p.nik.chars().filter(|c| !c.is_whitespace()).collect();
    let holder = Holder { birth_date: checked.birth_date, gender: p.gender };
    let is_nik_shaped = checked.id_number.len() == 16 && checked.id_number.bytes().all(|b| b.is_ascii_digit());
    if p.citizenship == Citizenship::Wna && !checked.id_number.is_empty() && !is_nik_shaped {
        out.extend(check_foreign_document(&field("nik"), &checked.id_number));
    } else {
        let (nik, findings) = check_nik(&field("nik"), p.nik, holder, today);
        checked.nik = nik;
        out.extend(findings);
    }

    if p.kk_number.trim().is_empty() {
        if p.kk_required {
            out.push(crate::kk::KkError::Empty.finding(&field("kk_number")));
        }
    } else {
        match NoKk::parse(p.kk_number) {
            Ok(kk) => {
                if checked.nik.as_ref().is_some_and(|n| n.as_str() == kk.as_str()) {
                    out.push(Finding::error(
                        field("kk_number"),
                        "kk_same_as_nik",
                        "Nomor KK sama dengan NIK. Nomor KK tertera di bagian atas Kartu Keluarga.",
                        "The family card number equals the NIK. The KK number is printed at the top of the family card.",
                    ));
                }
                checked.kk = Some(kk);
            }
            Err(e) => out.push(e.finding(&field("kk_number"))),
        }
    }
    if !p.noka.trim().is_empty() {
        if let Err(f) = Noka::parse_for(&field("noka"), p.noka) {
            out.push(f);
        }
    }
    if !p.faskes_code.trim().is_empty() {
        if let Err(f) = FaskesCode::parse_for(&field("faskes_code"), p.faskes_code) {
            out.push(f);
        }
    }
    checked
}

/// A foreigner without a NIK is identified by the number of their stay permit (KITAS/KITAP), whose
/// format varies: only its plausibility is checked, and a warning says so.
fn check_foreign_document(field: &str, number: &str) -> Vec<Finding> {
    let plausible = (5..=20).contains(&number.len())
        && number.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '.'))
        && number.chars().any(|c| c.is_ascii_digit());
    if plausible {
        vec![Finding::warning(
            field,
            "foreign_document_unchecked",
            "Bukan NIK: dicatat sebagai nomor KITAS/KITAP dan tidak dapat diperiksa. Bila WNA ini sudah memiliki NIK, isi NIK-nya.",
            "Not a NIK: recorded as a KITAS/KITAP number, which cannot be checked. If this foreigner has a NIK, enter it instead.",
        )]
    } else {
        vec![Finding::error(
            field,
            "foreign_document_invalid",
            "Isi NIK (16 digit) atau nomor KITAS/KITAP (5-20 huruf dan angka).",
            "Enter the NIK (16 digits) or the KITAS/KITAP number (5-20 letters and digits).",
        )]
    }
}

fn check_address_codes(draft: &WorkerDraft, out: &mut Vec<Finding>) {
    let district = draft.district_code.trim();
    let mut district_code = None;
    if !district.is_empty() {
        match DistrictCode::parse(district) {
            Some(code) if code.is_known() => district_code = Some(code),
            Some(code) => {
                district_code = Some(code);
                out.push(Finding::warning(
                    "district_code",
                    "district_code_unknown",
                    format!("Kode kecamatan {code} tidak ada dalam daftar wilayah Kemendagri."),
                    format!("The district code {code} is not in the Kemendagri region list."),
                ));
            }
            None => out.push(Finding::error(
                "district_code",
                "district_code_invalid",
                "Kode kecamatan terdiri dari 6 angka (contoh: 31.74.05).",
                "A district code has 6 digits (e.g. 31.74.05).",
            )),
        }
    }
    let village = draft.village_code.trim();
    if !village.is_empty() {
        let digits: String = village.chars().filter(|c| *c != '.').collect();
        let dots_ok = !village.contains('.') || village.split('.').map(str::len).eq([2, 2, 2, 4]);
        if digits.len() != 10 || !digits.bytes().all(|b| b.is_ascii_digit()) || !dots_ok {
            out.push(Finding::error(
                "village_code",
                "village_code_invalid",
                "Kode desa/kelurahan terdiri dari 10 angka (contoh: 31.74.05.1001).",
                "A village code has 10 digits (e.g. 31.74.05.1001).",
            ));
        } else if let Some(code) = district_code {
            if !digits.starts_with(&code.digits()) {
                out.push(Finding::error(
                    "village_code",
                    "village_not_in_district",
                    format!("Kode desa/kelurahan {village} tidak berada di kecamatan {code}."),
                    format!("The village code {village} does not lie in the district {code}."),
                ));
            }
        }
    }
}

fn check_phone(field: &str, phone: &str) -> Option<Finding> {
    let p = phone.trim();
    if p.is_empty() {
        return None;
    }
    let chars_ok = p
        .chars()
        .enumerate()
        .all(|(i, c)| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '.') || (c == '+' && i == 0));
    let digits = p.chars().filter(char::is_ascii_digit).count();
    (!chars_ok || !(7..=15).contains(&digits)).then(|| {
        Finding::error(
            field,
            "phone_invalid",
            "Nomor telepon berisi 7-15 angka, boleh diawali + (contoh: 0812-3456-7890 atau +62 812 3456 7890).",
            "A phone number has 7-15 digits and may start with + (e.g. 0812-3456-7890 or +62 812 3456 7890).",
        )
    })
}

/// Every finding about a worker and their family. Errors block saving; warnings are kept with the
/// record. `today` is the office's date (never read from a clock here).
pub fn validate_worker(draft: &WorkerDraft, today: NaiveDate, settings: &ValidationSettings) -> Vec<Finding> {
    validate_worker_and_family(draft, today, settings).0
}

/// [`validate_worker`], with the coverage its family rules gave each member (as
/// [`validate_family`] answers it), so a caller who needs both checks the family once.
pub fn validate_worker_and_family(
    draft: &WorkerDraft,
    today: NaiveDate,
    settings: &ValidationSettings,
) -> (Vec<Finding>, Vec<crate::family::Coverage>) {
    let mut out = Vec::new();
    let person = check_person(
        "",
        PersonFields {
            nik: &draft.nik,
            full_name: &draft.full_name,
            birth_place: &draft.birth_place,
            birth_date: &draft.birth_date,
            gender: draft.gender,
            citizenship: draft.citizenship,
            kk_number: &draft.kk_number,
            kk_required: draft.citizenship == Citizenship::Wni,
            noka: &draft.noka,
            faskes_code: &draft.faskes_code,
        },
        today,
        &mut out,
    );

    check_address_codes(draft, &mut out);
    out.extend(check_length("address", &draft.address, 500));
    out.extend(check_phone("phone", &draft.phone));
    if !draft.email.trim().is_empty() {
        if let Err(e) = Email::parse(&draft.email) {
            out.push(Finding::error("email", e.code(), e.message(Lang::Id), e.message(Lang::En)));
        }
    }
    out.extend(check_length("employee_number", &draft.employee_number, 50));
    out.extend(check_length("position", &draft.position, 100));

    let hire = match check_required_date("hire_date", &draft.hire_date) {
        Ok(d) => Some(d),
        Err(f) => {
            out.push(f);
            None
        }
    };
    if let Some(hire) = hire {
        if hire > today {
            out.push(Finding::warning(
                "hire_date",
                "hire_date_in_future",
                format!("Tanggal mulai kerja {} belum terjadi.", format_date(hire)),
                format!("The hire date {} lies in the future.", format_date(hire)),
            ));
        }
        if let Some(birth) = person.birth_date {
            out.extend(check_age_at_hire(birth, hire, settings));
        }
    }

    let termination = match check_date("termination_date", &draft.termination_date) {
        Ok(d) => d,
        Err(f) => {
            out.push(f);
            None
        }
    };
    if let Some(end) = termination {
        if hire.is_some_and(|h| end < h) {
            out.push(Finding::error(
                "termination_date",
                "termination_before_hire",
                "Tanggal berhenti kerja tidak boleh sebelum tanggal mulai kerja.",
                "The termination date cannot be before the hire date.",
            ));
        }
        if end > today {
            out.push(Finding::warning(
                "termination_date",
                "termination_date_in_future",
                format!("Tanggal berhenti kerja {} belum terjadi.", format_date(end)),
                format!("The termination date {} lies in the future.", format_date(end)),
            ));
        }
        if draft.termination_reason.is_none() {
            out.push(Finding::warning(
                "termination_reason",
                "termination_reason_missing",
                "Alasan berhenti kerja belum diisi: penonaktifan BPJS memerlukan dokumen sesuai alasannya.",
                "The termination reason is missing: deactivation at BPJS needs the documents for the reason.",
            ));
        }
    } else if draft.termination_reason.is_some() && draft.termination_date.trim().is_empty() {
        out.push(Finding::error(
            "termination_date",
            "termination_date_required",
            "Alasan berhenti kerja diisi, tetapi tanggal berhenti kerja belum.",
            "A termination reason is given, but no termination date.",
        ));
    }

    out.extend(check_wage("wage_base", draft.wage_base, settings.minimum_wage));

    let family = validate_family(draft, &draft.family, today, settings);
    out.extend(family.findings);
    (out, family.coverage)
}

fn check_age_at_hire(birth: NaiveDate, hire: NaiveDate, settings: &ValidationSettings) -> Option<Finding> {
    if hire < birth {
        return Some(Finding::error(
            "hire_date",
            "hire_before_birth",
            "Tanggal mulai kerja tidak boleh sebelum tanggal lahir.",
            "The hire date cannot be before the birth date.",
        ));
    }
    let age = age_on(birth, hire);
    let (min, adult) = (settings.minimum_hire_age, settings.adult_age);
    if age < min {
        Some(Finding::error(
            "hire_date",
            "worker_under_minimum_age",
            format!("Pekerja berusia {age} tahun saat mulai kerja; usia minimum {min} tahun."),
            format!("The worker was {age} when hired; the minimum age is {min}."),
        ))
    } else if age < adult {
        Some(Finding::warning(
            "hire_date",
            "worker_under_18",
            format!("Pekerja berusia {age} tahun saat mulai kerja (di bawah {adult} tahun): periksa izin dan batasan kerja anak."),
            format!("The worker was {age} when hired (under {adult}): check the consent and limits for young workers."),
        ))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, 15).unwrap()
    }

    /// A complete, valid worker: a woman born 12-04-1990 in Kebayoran Lama.
    pub(crate) fn siti() -> WorkerDraft {
        WorkerDraft {
            nik: "3174055204900002".into(),
            kk_number: "3174050101100003".into(),
            full_name: "Siti Nur'aini".into(),
            birth_place: "Jakarta".into(),
            birth_date: "1990-04-12".into(),
            gender: Some(Gender::Female),
            marital_status: Some(MaritalStatus::Married),
            citizenship: Citizenship::Wni,
            address: "Jl. Kebayoran Lama No. 1".into(),
            district_code: "31.74.05".into(),
            village_code: "31.74.05.1001".into(),
            phone: "0812-3456-7890".into(),
            email: "siti@contoh.co.id".into(),
            employee_number: "EMP-001".into(),
            position: "Petugas kebersihan".into(),
            employment_status: Some(EmploymentStatus::Pkwt),
            hire_date: "2024-01-02".into(),
            termination_date: String::new(),
            termination_reason: None,
            wage_base: Some(5_396_761),
            noka: "0001234567890".into(),
            faskes_code: "0138U020".into(),
            family: Vec::new(),
        }
    }

    fn codes(draft: &WorkerDraft) -> Vec<(String, &'static str)> {
        let settings = ValidationSettings { minimum_wage: Rupiah::new(5_396_761), ..ValidationSettings::default() };
        validate_worker(draft, today(), &settings).into_iter().map(|f| (f.field, f.code)).collect()
    }

    fn one(field: &str, code: &'static str) -> Vec<(String, &'static str)> {
        vec![(field.to_string(), code)]
    }

    #[test]
    fn a_complete_worker_has_no_findings() {
        assert_eq!(codes(&siti()), vec![]);
        // Only what the rules need is required.
        let minimal = WorkerDraft {
            nik: "3174051204900001".into(),
            kk_number: "3174050101100003".into(),
            full_name: "Budi".into(),
            birth_date: "12/04/1990".into(),
            gender: Some(Gender::Male),
            hire_date: "02/01/2024".into(),
            wage_base: Some(6_000_000),
            ..WorkerDraft::default()
        };
        assert_eq!(codes(&minimal), vec![]);
    }

    #[test]
    fn an_empty_draft_names_every_required_field() {
        let got = codes(&WorkerDraft::default());
        let want = [
            ("full_name", "name_required"),
            ("birth_date", "required"),
            ("gender", "required"),
            ("nik", "nik_required"),
            ("kk_number", "kk_required"),
            ("hire_date", "required"),
            ("wage_base", "wage_required"),
        ];
        assert_eq!(got, want.map(|(f, c)| (f.to_string(), c)));
    }

    #[test]
    fn each_field_rule_names_its_field() {
        type Edit = fn(&mut WorkerDraft);
        let cases: Vec<(Edit, Vec<(String, &'static str)>)> = vec![
            (|w| w.nik = "317405520490000".into(), one("nik", "nik_wrong_length")),
            (|w| w.nik = "3174055204900012".into(), vec![]),
            (|w| w.nik = "3174051204900002".into(), one("nik", "nik_gender_mismatch")),
            (|w| w.birth_date = "1990-04-13".into(), one("nik", "nik_birth_date_mismatch")),
            (|w| w.birth_date = "1990-02-30".into(), one("birth_date", "date_invalid")),
            (|w| w.birth_date = "2090-04-12".into(), one("birth_date", "date_in_future")),
            (|w| w.gender = None, one("gender", "required")),
            (|w| w.kk_number = "3174050101".into(), one("kk_number", "kk_wrong_length")),
            (|w| w.kk_number = "0074050101100003".into(), one("kk_number", "kk_province_unknown")),
            (|w| w.kk_number = w.nik.clone(), one("kk_number", "kk_same_as_nik")),
            (|w| w.full_name = "Siti 2".into(), one("full_name", "name_contains_digit")),
            (|w| w.full_name = "  Siti   Nur'aini ".into(), vec![]),
            (|w| w.birth_place = "x".repeat(101), one("birth_place", "too_long")),
            (|w| w.district_code = "31.74.5".into(), one("district_code", "district_code_invalid")),
            (
                |w| w.district_code = "31.74.99".into(),
                vec![
                    ("district_code".into(), "district_code_unknown"),
                    ("village_code".into(), "village_not_in_district"),
                ],
            ),
            (|w| w.village_code = "31.74.05.100".into(), one("village_code", "village_code_invalid")),
            (|w| w.village_code = "31.74.06.1001".into(), one("village_code", "village_not_in_district")),
            (|w| w.village_code = "3174051001".into(), vec![]),
            (|w| w.phone = "0812 3456 789a".into(), one("phone", "phone_invalid")),
            (|w| w.phone = "123".into(), one("phone", "phone_invalid")),
            (|w| w.phone = "+62 812-3456-7890".into(), vec![]),
            (|w| w.phone = "(021) 7654321".into(), vec![]),
            (|w| w.email = "siti@".into(), one("email", "email_malformed")),
            (|w| w.noka = "123".into(), one("noka", "noka_wrong_length")),
            (|w| w.faskes_code = "0138-020".into(), one("faskes_code", "faskes_code_invalid")),
            (|w| w.hire_date = "".into(), one("hire_date", "required")),
            (|w| w.hire_date = "31/06/2024".into(), one("hire_date", "date_invalid")),
            (|w| w.hire_date = "2025-07-01".into(), one("hire_date", "hire_date_in_future")),
            (|w| w.wage_base = Some(-5), one("wage_base", "wage_negative")),
            (|w| w.wage_base = Some(5_000_000), one("wage_base", "wage_below_minimum")),
            (|w| w.wage_base = None, one("wage_base", "wage_required")),
            (
                |w| {
                    w.termination_date = "2023-12-31".into();
                    w.termination_reason = Some(TerminationReason::Resignation);
                },
                one("termination_date", "termination_before_hire"),
            ),
            (
                |w| {
                    w.termination_date = "2025-01-31".into();
                    w.termination_reason = Some(TerminationReason::EndOfContract);
                },
                vec![],
            ),
            (|w| w.termination_date = "2025-01-31".into(), one("termination_reason", "termination_reason_missing")),
            (
                |w| {
                    w.termination_date = "2025-12-31".into();
                    w.termination_reason = Some(TerminationReason::EndOfContract);
                },
                one("termination_date", "termination_date_in_future"),
            ),
            (
                |w| w.termination_reason = Some(TerminationReason::Death),
                one("termination_date", "termination_date_required"),
            ),
            (|w| w.termination_date = "31-02-2025".into(), one("termination_date", "date_invalid")),
        ];
        for (i, (edit, want)) in cases.into_iter().enumerate() {
            let mut w = siti();
            edit(&mut w);
            assert_eq!(codes(&w), want, "case {i}");
        }
    }

    #[test]
    fn severity_follows_the_issue_errors_block_warnings_do_not() {
        let mut w = siti();
        w.wage_base = Some(1);
        // Kabupaten Bandung has no district 01: a warning, like the wage below the minimum.
        w.nik = "3204015204900002".into();
        let findings =
            validate_worker(&w, today(), &ValidationSettings { minimum_wage: Rupiah::new(2), ..Default::default() });
        assert_eq!(
            findings.iter().map(|f| (f.code, f.is_error())).collect::<Vec<_>>(),
            [("nik_district_unknown", false), ("wage_below_minimum", false)]
        );
    }

    #[test]
    fn age_at_hire_must_be_fifteen_and_under_eighteen_is_a_warning() {
        // Born 29-02-2008 (a leap day): 15 on 01-03-2023, 18 on 01-03-2026.
        let cases = [
            ("2008-02-29", "2023-02-28", vec![("hire_date", "worker_under_minimum_age")]),
            ("2008-02-29", "2023-03-01", vec![("hire_date", "worker_under_18")]),
            ("2008-02-29", "2025-06-15", vec![("hire_date", "worker_under_18")]),
            ("2007-06-15", "2025-06-15", vec![]),
            ("2007-06-16", "2025-06-15", vec![("hire_date", "worker_under_18")]),
            ("1990-04-12", "1990-04-11", vec![("hire_date", "hire_before_birth")]),
        ];
        for (birth, hire, want) in cases {
            let birth_date = NaiveDate::parse_from_str(birth, "%Y-%m-%d").unwrap();
            let mut w = siti();
            w.nik =
                Nik::assemble(DistrictCode::parse("317405").unwrap(), birth_date, Gender::Female, 2).unwrap().into();
            w.birth_date = birth.into();
            w.hire_date = hire.into();
            let want: Vec<(String, &str)> = want.into_iter().map(|(f, c)| (f.to_string(), c)).collect();
            assert_eq!(codes(&w), want, "{birth} hired {hire}");
        }
    }

    #[test]
    fn foreigners_may_give_a_stay_permit_number_instead_of_a_nik() {
        let cases = [
            ("2C21JE1234-T", vec![("nik", "foreign_document_unchecked")]),
            ("3174055204900002", vec![]),
            ("3174055204900000", vec![("nik", "nik_serial_zero")]),
            ("abc", vec![("nik", "foreign_document_invalid")]),
            ("", vec![("nik", "nik_required")]),
        ];
        for (nik, want) in cases {
            let w = WorkerDraft { citizenship: Citizenship::Wna, nik: nik.into(), kk_number: String::new(), ..siti() };
            let want: Vec<(String, &str)> = want.into_iter().map(|(f, c)| (f.to_string(), c)).collect();
            assert_eq!(codes(&w), want, "{nik}");
        }
    }

    #[test]
    fn drafts_read_null_and_missing_fields_as_empty() {
        let json = r#"{"nik": "3174055204900002", "kk_number": null, "full_name": "Siti", "gender": "female",
            "birth_date": "1990-04-12", "hire_date": "2024-01-02", "wage_base": 6000000}"#;
        let draft: WorkerDraft = serde_json::from_str(json).unwrap();
        assert_eq!(draft.kk_number, "");
        assert_eq!(draft.citizenship, Citizenship::Wni);
        assert_eq!(codes(&draft), one("kk_number", "kk_required"));
        let back = serde_json::to_value(&draft).unwrap();
        assert_eq!(back["gender"], "female");
        assert_eq!(back["family"], serde_json::json!([]));
    }
}
