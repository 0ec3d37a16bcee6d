//! The worker registry on the wire: client companies, workers, family members and placements as
//! the API answers them, the requests that change them, and the few rules that are not about a
//! person (client companies, masking, search keys). The rules about people are in
//! [`crate::worker`] and [`crate::family`].

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize};

use crate::email::Email;
use crate::family::{Coverage, FamilyMemberDraft, Relation};
use crate::nik::NikInfo;
use crate::person::{Gender, MaritalStatus};
use crate::region;
use crate::worker::{Citizenship, EmploymentStatus, TerminationReason, WorkerDraft};
use crate::{ErrorDetail, Finding, Lang, Role};

pub use crate::lifecycle::MembershipStatus;

/// Whether a role sees NIK and KK numbers in full. Everyone else gets them masked.
pub fn sees_full_identity(role: Role) -> bool {
    matches!(role, Role::Director | Role::Hr)
}

/// `3174********0001`: the first and last four characters of an identity number, the rest
/// starred. A number of eight characters or fewer is starred entirely.
pub fn mask_number(number: &str) -> String {
    let chars: Vec<char> = number.chars().collect();
    if chars.len() <= 8 {
        return "*".repeat(chars.len());
    }
    let n = chars.len();
    let mut out: String = chars[..4].iter().collect();
    out.push_str(&"*".repeat(n - 8));
    out.extend(&chars[n - 4..]);
    out
}

/// The form of a name that search compares: lower case, single spaces, plain apostrophes.
pub fn search_key(name: &str) -> String {
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| {
            w.chars()
                .map(|c| if matches!(c, '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' | '\u{00B4}') { '\'' } else { c })
                .flat_map(char::to_lowercase)
                .collect()
        })
        .collect();
    words.join(" ")
}

/// The words a name is found by: each word of its [`search_key`] and, for words joined by `-`,
/// `'`, `.` or `,`, their parts (`nur'aini` is found by `nur'aini`, `nur` and `aini`). Sorted,
/// without repeats.
pub fn name_words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    for word in search_key(name).split(' ').filter(|w| !w.is_empty()) {
        words.push(word.to_string());
        let parts: Vec<&str> = word.split(['-', '\'', '.', ',']).filter(|p| !p.is_empty()).collect();
        if parts.len() > 1 || parts.first().is_some_and(|p| *p != word) {
            words.extend(parts.into_iter().map(str::to_string));
        }
    }
    words.sort();
    words.dedup();
    words
}

/// Reads a JSON field that may be absent (outer `None`), `null` (`Some(None)`) or a value.
fn present<'de, T: Deserialize<'de>, D: Deserializer<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

// ---------------------------------------------------------------------------------------------
// Client companies

/// A client company in short, as other records point to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CompanyRef {
    pub id: String,
    #[cfg_attr(feature = "server", schema(example = "MAJU"))]
    pub code: String,
    #[cfg_attr(feature = "server", schema(example = "PT Maju Bersama"))]
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ClientCompanyView {
    pub id: String,
    /// Unique; rosters and imports refer to the company by it.
    #[cfg_attr(feature = "server", schema(example = "MAJU"))]
    pub code: String,
    #[cfg_attr(feature = "server", schema(example = "PT Maju Bersama"))]
    pub name: String,
    pub address: String,
    pub contact_emails: Vec<String>,
    /// UMK of the workplace's regency/city, whole Rupiah: a worker placed here with a lower wage
    /// gets a warning.
    #[cfg_attr(feature = "server", schema(example = 5_690_752))]
    pub minimum_wage: Option<i64>,
    /// Regency/city of the workplace, `PP.RR`.
    #[cfg_attr(feature = "server", schema(example = "32.75"))]
    pub regency_code: Option<String>,
    pub regency_name: Option<String>,
    /// Inactive companies keep their history but take no new placements.
    pub active: bool,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A new client company. Only `code` and `name` are required.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ClientCompanyDraft {
    /// 1-20 letters, digits, `-`, `_` or `.`; stored in upper case.
    #[cfg_attr(feature = "server", schema(example = "MAJU"))]
    pub code: String,
    #[cfg_attr(feature = "server", schema(example = "PT Maju Bersama"))]
    pub name: String,
    pub address: String,
    pub contact_emails: Vec<String>,
    #[cfg_attr(feature = "server", schema(example = 5_690_752))]
    pub minimum_wage: Option<i64>,
    /// `32.75` or `3275`.
    #[cfg_attr(feature = "server", schema(example = "32.75"))]
    pub regency_code: Option<String>,
}

/// A change to a client company: `version` as read, and only the fields to change. `null` clears
/// `minimum_wage` or `regency_code`; `active: false` deactivates the company (it is never deleted).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct UpdateClientCompanyRequest {
    pub version: i64,
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub contact_emails: Option<Vec<String>>,
    #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "server", schema(value_type = Option<i64>))]
    pub minimum_wage: Option<Option<i64>>,
    #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "server", schema(value_type = Option<String>))]
    pub regency_code: Option<Option<String>>,
    #[serde(default)]
    pub active: Option<bool>,
}

impl UpdateClientCompanyRequest {
    /// The company as it would be after the change.
    pub fn apply(&self, current: &ClientCompanyDraft) -> ClientCompanyDraft {
        ClientCompanyDraft {
            code: self.code.clone().unwrap_or_else(|| current.code.clone()),
            name: self.name.clone().unwrap_or_else(|| current.name.clone()),
            address: self.address.clone().unwrap_or_else(|| current.address.clone()),
            contact_emails: self.contact_emails.clone().unwrap_or_else(|| current.contact_emails.clone()),
            minimum_wage: self.minimum_wage.unwrap_or(current.minimum_wage),
            regency_code: self.regency_code.clone().unwrap_or_else(|| current.regency_code.clone()),
        }
    }
}

/// A client company that passed [`check_client_company`], tidied for storing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientCompanyFields {
    pub code: String,
    pub name: String,
    pub address: String,
    pub contact_emails: Vec<String>,
    pub minimum_wage: Option<i64>,
    /// `PP.RR`.
    pub regency_code: Option<String>,
}

/// Reads a regency/city code `32.75` or `3275` that the region table knows; `(province, regency)`.
pub fn parse_regency_code(input: &str) -> Option<(u8, u8)> {
    let digits: String = input.trim().chars().filter(|c| *c != '.').collect();
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let p = digits[0..2].parse().ok()?;
    let r = digits[2..4].parse().ok()?;
    region::regency_name(p, r).map(|_| (p, r))
}

/// Every rule about a client company; the tidied fields when none is broken.
pub fn check_client_company(draft: &ClientCompanyDraft) -> Result<ClientCompanyFields, Vec<Finding>> {
    let mut out = Vec::new();
    let code = draft.code.trim().to_ascii_uppercase();
    let code_ok = (1..=20).contains(&code.len())
        && code.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if code.is_empty() {
        out.push(crate::person::required("code"));
    } else if !code_ok {
        out.push(Finding::error(
            "code",
            "client_code_invalid",
            "Kode perusahaan klien berisi 1-20 huruf, angka, \u{201c}-\u{201d}, \u{201c}_\u{201d} atau \u{201c}.\u{201d}.",
            "A client company code has 1-20 letters, digits, \u{201c}-\u{201d}, \u{201c}_\u{201d} or \u{201c}.\u{201d}.",
        ));
    }
    let name = draft.name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        out.push(crate::person::required("name"));
    } else if name.chars().count() > 200 {
        out.push(Finding::error(
            "name",
            "too_long",
            "Isian ini maksimal 200 karakter.",
            "This field may have at most 200 characters.",
        ));
    }
    let address = draft.address.trim().to_string();
    if address.chars().count() > 500 {
        out.push(Finding::error(
            "address",
            "too_long",
            "Isian ini maksimal 500 karakter.",
            "This field may have at most 500 characters.",
        ));
    }
    let mut emails = Vec::new();
    for (i, e) in draft.contact_emails.iter().enumerate() {
        if e.trim().is_empty() {
            continue;
        }
        match Email::parse(e) {
            Ok(email) => emails.push(email.to_string()),
            Err(err) => out.push(Finding::error(
                format!("contact_emails[{i}]"),
                err.code(),
                err.message(Lang::Id),
                err.message(Lang::En),
            )),
        }
    }
    if draft.minimum_wage.is_some_and(|w| w < 0) {
        out.push(Finding::error(
            "minimum_wage",
            "wage_negative",
            "Upah minimum tidak boleh negatif.",
            "The minimum wage cannot be negative.",
        ));
    }
    let regency_code = match draft.regency_code.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(input) => match parse_regency_code(input) {
            Some((p, r)) => Some(format!("{p:02}.{r:02}")),
            None => {
                out.push(Finding::error(
                    "regency_code",
                    "regency_code_unknown",
                    format!("\u{201c}{input}\u{201d} bukan kode kabupaten/kota Kemendagri (contoh: 32.75)."),
                    format!("\u{201c}{input}\u{201d} is not a Kemendagri regency/city code (e.g. 32.75)."),
                ));
                None
            }
        },
    };
    if !out.is_empty() {
        return Err(out);
    }
    Ok(ClientCompanyFields {
        code,
        name,
        address,
        contact_emails: emails,
        minimum_wage: draft.minimum_wage,
        regency_code,
    })
}

// ---------------------------------------------------------------------------------------------
// Workers

/// A worker as the API answers. NIK and KK are masked (`3174********0001`) unless the caller is a
/// director or HR and reads one record; lists always mask them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct WorkerView {
    pub id: String,
    #[cfg_attr(feature = "server", schema(example = "3174********0002"))]
    pub nik: String,
    pub kk_number: Option<String>,
    /// Whether `nik` and `kk_number` (of the worker and of family members) are masked.
    pub identity_masked: bool,
    pub full_name: String,
    pub birth_place: String,
    pub birth_date: NaiveDate,
    pub gender: Gender,
    pub marital_status: Option<MaritalStatus>,
    pub citizenship: Citizenship,
    pub address: String,
    pub district_code: String,
    pub village_code: String,
    pub phone: String,
    pub email: String,
    pub employee_number: String,
    pub position: String,
    pub employment_status: Option<EmploymentStatus>,
    pub hire_date: NaiveDate,
    pub termination_date: Option<NaiveDate>,
    pub termination_reason: Option<TerminationReason>,
    pub wage_base: i64,
    pub noka: Option<String>,
    pub faskes_code: String,
    pub membership_status: MembershipStatus,
    pub membership_since: Option<NaiveDate>,
    /// The current placement's company.
    pub client_company: Option<CompanyRef>,
    /// The warnings the record was saved with (in the caller's language).
    pub warnings: Vec<ErrorDetail>,
    /// Send it back with a change: a stale version answers 409.
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A new worker: the fields of [`WorkerDraft`] (family members included, checked and stored with
/// the worker), and optionally the client company the worker is placed with from the hire date.
/// Its UMK is the minimum wage the wage is checked against.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct NewWorker {
    #[serde(flatten)]
    pub worker: WorkerDraft,
    #[serde(default)]
    pub client_company_id: Option<String>,
}

/// A change to a worker: `version` as read, and any fields of a worker draft. Fields left out
/// keep their value, `null` empties one (JSON merge patch). Family members change through
/// `/workers/{id}/family` and placements through `/workers/{id}/placements`, so `family` must be
/// left out (or empty).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct WorkerPatch {
    pub version: i64,
    #[serde(flatten)]
    pub changes: WorkerDraft,
}

/// The answer of `POST /api/v1/validate/worker`: every finding, and what the NIK encodes when it
/// can be read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ValidationReport {
    pub findings: Vec<ErrorDetail>,
    pub nik: Option<NikInfo>,
    /// Coverage of each family member of the draft, in the order given.
    pub family_coverage: Vec<Coverage>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum WorkerSort {
    #[default]
    Name,
    HireDate,
    CreatedAt,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SortOrder {
    #[default]
    Asc,
    Desc,
}

pub const DEFAULT_PER_PAGE: u32 = 25;
pub const MAX_PER_PAGE: u32 = 100;

/// Search, filters, sorting and paging of the worker list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "server", into_params(parameter_in = Query))]
#[serde(default)]
pub struct WorkerListQuery {
    /// A full NIK (16 digits, exact match), a BPJS card number (13 digits, exact), an employee
    /// number (exact; anything else with a digit), or part of a name from the start of one of its
    /// words (case-insensitive).
    pub q: Option<String>,
    pub client_company_id: Option<String>,
    pub membership_status: Option<MembershipStatus>,
    pub employment_status: Option<EmploymentStatus>,
    /// `name` (default), `hire_date` or `created_at`.
    pub sort: Option<WorkerSort>,
    /// `asc` (default) or `desc`.
    pub order: Option<SortOrder>,
    /// From 1 (default 1).
    pub page: Option<u32>,
    /// 1-100 (default 25; larger values are read as 100).
    pub per_page: Option<u32>,
}

impl WorkerListQuery {
    /// `(page, per_page)` with the defaults and limits applied.
    pub fn paging(&self) -> (u32, u32) {
        let page = self.page.unwrap_or(1).max(1);
        let per_page = self.per_page.unwrap_or(DEFAULT_PER_PAGE).clamp(1, MAX_PER_PAGE);
        (page, per_page)
    }
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct WorkerPage {
    pub items: Vec<WorkerView>,
    /// Matching records in all pages.
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
}

/// One family card number a worker has had, newest first in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct KkHistoryEntry {
    pub kk_number: String,
    pub identity_masked: bool,
    /// From when the number applies, when known (the day the change was recorded).
    pub valid_from: Option<NaiveDate>,
    pub recorded_at: DateTime<Utc>,
    /// Who recorded it (email).
    pub recorded_by: String,
}

// ---------------------------------------------------------------------------------------------
// Family members

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct FamilyMemberView {
    pub id: String,
    pub worker_id: String,
    pub relation: Relation,
    pub nik: String,
    /// Empty when the member shares the worker's KK.
    pub kk_number: Option<String>,
    pub identity_masked: bool,
    pub full_name: String,
    pub birth_place: String,
    pub birth_date: NaiveDate,
    pub gender: Gender,
    pub marital_status: Option<MaritalStatus>,
    pub citizenship: Citizenship,
    pub noka: Option<String>,
    pub faskes_code: String,
    pub in_formal_education: bool,
    pub education_until: Option<NaiveDate>,
    /// Covered by the worker's contribution, extra (+1% of the wage) or not coverable.
    pub coverage: Coverage,
    /// The member's own membership status and since when.
    #[serde(default)]
    pub membership_status: MembershipStatus,
    #[serde(default)]
    pub membership_since: Option<NaiveDate>,
    pub warnings: Vec<ErrorDetail>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Set when the member was removed from the worker's family (records are never deleted).
    pub removed_at: Option<DateTime<Utc>>,
}

/// A change to a family member: `version` as read, and any fields of a member draft (fields left
/// out keep their value, `null` empties one), or `"removed": true` to remove the member. A removed
/// member keeps its record but is no longer part of the family.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct FamilyMemberPatch {
    pub version: i64,
    #[serde(default)]
    pub removed: bool,
    #[serde(flatten)]
    pub changes: FamilyMemberDraft,
}

/// Query of the family list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "server", into_params(parameter_in = Query))]
#[serde(default)]
pub struct FamilyListQuery {
    /// Also list members who were removed.
    pub include_removed: bool,
}

// ---------------------------------------------------------------------------------------------
// Placements

/// A worker at a client company from `start_date` to `end_date` (open while current).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PlacementView {
    pub id: String,
    pub worker_id: String,
    pub client_company: CompanyRef,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    /// The open placement; a worker has at most one.
    pub current: bool,
    pub created_at: DateTime<Utc>,
}

/// A new placement. The current one, if any, ends the day before `start_date`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct NewPlacement {
    pub client_company_id: String,
    /// `YYYY-MM-DD` (also `DD/MM/YYYY`).
    #[cfg_attr(feature = "server", schema(example = "2025-01-02"))]
    pub start_date: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_numbers_are_masked_to_their_first_and_last_four() {
        assert_eq!(mask_number("3174055204900002"), "3174********0002");
        assert_eq!(mask_number("3174055204900002"), crate::nik::Nik::parse("3174055204900002").unwrap().masked());
        assert_eq!(mask_number("2C21JE1234-T"), "2C21****34-T");
        assert_eq!(mask_number("12345678"), "********");
        assert_eq!(mask_number(""), "");
    }

    #[test]
    fn search_keys_ignore_case_spacing_and_apostrophe_style() {
        assert_eq!(search_key("  Siti   Nur\u{2019}aini "), "siti nur'aini");
        assert_eq!(search_key("ÉLODIE"), "élodie");
    }

    #[test]
    fn a_name_is_found_by_each_word_and_each_part_of_a_joined_word() {
        assert_eq!(name_words("Siti Nur\u{2019}aini"), ["aini", "nur", "nur'aini", "siti"]);
        assert_eq!(name_words("Ni Luh Putu Ayu-Sari"), ["ayu", "ayu-sari", "luh", "ni", "putu", "sari"]);
        assert_eq!(name_words("Muh. Ali, S.E."), ["ali", "ali,", "e", "muh", "muh.", "s", "s.e."]);
        assert_eq!(name_words("Budi Budi"), ["budi"]);
        assert!(name_words("  ").is_empty());
    }

    #[test]
    fn only_director_and_hr_see_identity_numbers() {
        assert_eq!(Role::ALL.map(sees_full_identity), [true, true, false, false]);
    }

    #[test]
    fn client_companies_need_a_code_and_a_name_and_known_regions() {
        let ok = ClientCompanyDraft {
            code: " maju-1 ".into(),
            name: " PT  Maju ".into(),
            contact_emails: vec!["HR@Maju.co.id".into(), " ".into()],
            minimum_wage: Some(5_690_752),
            regency_code: Some("3275".into()),
            ..Default::default()
        };
        let fields = check_client_company(&ok).unwrap();
        assert_eq!(
            (fields.code.as_str(), fields.name.as_str(), fields.regency_code.as_deref()),
            ("MAJU-1", "PT Maju", Some("32.75"))
        );
        assert_eq!(fields.contact_emails, ["hr@maju.co.id"]);

        let bad = ClientCompanyDraft {
            code: "maju bersama".into(),
            name: "".into(),
            contact_emails: vec!["x@".into()],
            minimum_wage: Some(-1),
            regency_code: Some("32.99".into()),
            ..Default::default()
        };
        let codes: Vec<_> =
            check_client_company(&bad).unwrap_err().into_iter().map(|f| (f.field, f.code)).collect::<Vec<_>>();
        assert_eq!(
            codes,
            [
                ("code".to_string(), "client_code_invalid"),
                ("name".to_string(), "required"),
                ("contact_emails[0]".to_string(), "email_malformed"),
                ("minimum_wage".to_string(), "wage_negative"),
                ("regency_code".to_string(), "regency_code_unknown"),
            ]
        );
    }

    #[test]
    fn a_company_change_keeps_what_it_does_not_name() {
        let current = ClientCompanyDraft {
            code: "MAJU".into(),
            name: "PT Maju".into(),
            minimum_wage: Some(1),
            regency_code: Some("32.75".into()),
            ..Default::default()
        };
        let change: UpdateClientCompanyRequest =
            serde_json::from_str(r#"{"version": 1, "name": "PT Maju Jaya", "minimum_wage": null}"#).unwrap();
        let after = change.apply(&current);
        assert_eq!(after.name, "PT Maju Jaya");
        assert_eq!(after.minimum_wage, None);
        assert_eq!(after.regency_code.as_deref(), Some("32.75"));
    }

    #[test]
    fn list_paging_has_defaults_and_limits() {
        assert_eq!(WorkerListQuery::default().paging(), (1, 25));
        let q = WorkerListQuery { page: Some(0), per_page: Some(1000), ..Default::default() };
        assert_eq!(q.paging(), (1, 100));
    }
}
