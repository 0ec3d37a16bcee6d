//! The worker registry's writes: every change to workers, family members, placements and client
//! companies goes through here, checked by the domain's rules, written with its audit entry in the
//! caller's transaction. The API handlers and `tertib demo` share these functions, so synthetic
//! data passes exactly the checks typed data does.
//!
//! Derived data (warnings, each member's coverage, the worker's current company) is recomputed
//! after every change to the worker, the family or the placement, and written without a new
//! version: it is not anyone's edit, so it never makes another editor's version stale.

pub mod companies;
pub mod family;
pub mod placements;
pub mod workers;

use chrono::{NaiveDate, Utc};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use tertib_domain::family::Coverage;
use tertib_domain::worker::{validate_worker_and_family, ValidationSettings, WorkerDraft};
use tertib_domain::{Finding, Severity};

use crate::db::client_companies::{self, ClientCompany};
use crate::db::warnings::{self, StoredFinding};
use crate::db::DbConn;
use crate::error::ApiError;

/// The office's date now (see [`tertib_domain::lifecycle::deadline::office_date`]).
pub fn today() -> NaiveDate {
    tertib_domain::lifecycle::deadline::office_date(Utc::now())
}

/// Errors block a write: all findings (warnings too) are answered at once.
pub(crate) fn refuse_errors(findings: &[Finding]) -> Result<(), ApiError> {
    if findings.iter().any(Finding::is_error) {
        return Err(ApiError::Validation(findings.to_vec()));
    }
    Ok(())
}

/// Takes the required `version` out of a PATCH body.
pub(crate) fn take_version(changes: &mut Map<String, Value>) -> Result<i64, ApiError> {
    match changes.remove("version") {
        Some(v) => v.as_i64().ok_or_else(|| ApiError::BadRequest("version: an integer is expected".into())),
        None => Err(ApiError::invalid(tertib_domain::person::required("version"))),
    }
}

/// Applies a JSON merge patch (RFC 7396, one level) to a draft: the fields named change, `null`
/// clears one, the others keep their value. A field the draft does not have is refused, so a typo
/// does not pass silently; a `refused` field is allowed only empty (`null` or `[]`), and ignored.
pub(crate) fn merge<T: Serialize + DeserializeOwned>(
    current: &T,
    changes: Map<String, Value>,
    refused: &[&str],
) -> Result<T, ApiError> {
    let mut value = serde_json::to_value(current).map_err(ApiError::internal)?;
    let Some(object) = value.as_object_mut() else {
        return Err(ApiError::internal(anyhow::anyhow!("a draft is not a JSON object")));
    };
    for (key, v) in changes {
        let empty = v.is_null() || v.as_array().is_some_and(Vec::is_empty);
        if refused.contains(&key.as_str()) && empty {
            continue;
        }
        if !object.contains_key(&key) || refused.contains(&key.as_str()) {
            return Err(ApiError::BadRequest(format!("{key}: this field cannot be changed here")));
        }
        object.insert(key, v);
    }
    serde_json::from_value(value).map_err(|e| ApiError::BadRequest(e.to_string()))
}

/// What the rules say about a worker with their family, split by record.
pub(crate) struct Review {
    /// Every finding, with the fields as the rules name them (`family[i].nik`).
    pub all: Vec<Finding>,
    pub worker: Vec<Finding>,
    /// Per member of `draft.family`, with fields named without the `family[i].` prefix.
    pub members: Vec<Vec<Finding>>,
    pub coverage: Vec<Coverage>,
}

impl Review {
    pub fn of(draft: &WorkerDraft, today: NaiveDate, settings: &ValidationSettings) -> Review {
        let (all, coverage) = validate_worker_and_family(draft, today, settings);
        let mut worker = Vec::new();
        let mut members = vec![Vec::new(); draft.family.len()];
        for f in &all {
            match member_field(&f.field) {
                Some((i, rest)) if i < members.len() => {
                    let mut g = f.clone();
                    g.field = rest.to_string();
                    members[i].push(g);
                }
                _ => worker.push(f.clone()),
            }
        }
        Review { all, worker, members, coverage }
    }

    /// The findings to answer for a write of member `target`: its own fields plain (`nik`), the
    /// others' as the rules name them.
    pub fn for_member(&self, target: usize) -> Vec<Finding> {
        let prefix = format!("family[{target}].");
        self.all
            .iter()
            .map(|f| {
                let mut g = f.clone();
                if let Some(rest) = f.field.strip_prefix(&prefix) {
                    g.field = rest.to_string();
                }
                g
            })
            .collect()
    }
}

/// `family[3].nik` -> `(3, "nik")`.
fn member_field(field: &str) -> Option<(usize, &str)> {
    let rest = field.strip_prefix("family[")?;
    let (index, rest) = rest.split_once("].")?;
    Some((index.parse().ok()?, rest))
}

/// The warnings among findings, as kept in `warnings_json`.
pub(crate) fn warnings_json(findings: &[Finding]) -> String {
    let kept: Vec<StoredFinding> =
        findings.iter().filter(|f| f.severity == Severity::Warning).map(StoredFinding::of).collect();
    warnings::to_json(&kept)
}

/// The company a worker may be placed with: it must exist and be active.
pub(crate) fn placeable_company(conn: &mut DbConn, field: &str, id: &str) -> Result<ClientCompany, ApiError> {
    match client_companies::find(conn, id.trim())? {
        None => Err(ApiError::invalid(Finding::error(
            field,
            "client_company_unknown",
            "Perusahaan klien tidak ditemukan.",
            "No such client company.",
        ))),
        Some(c) if !c.active => Err(ApiError::invalid(Finding::error(
            field,
            "client_company_inactive",
            format!("Perusahaan klien {} sudah tidak aktif.", c.name),
            format!("The client company {} is no longer active.", c.name),
        ))),
        Some(c) => Ok(c),
    }
}

/// The settings for a worker at this company (its UMK), or the defaults when not placed.
pub(crate) fn settings_for(conn: &mut DbConn, company_id: Option<&str>) -> Result<ValidationSettings, ApiError> {
    Ok(match company_id {
        Some(id) => client_companies::find(conn, id)?.map(|c| c.validation_settings()).unwrap_or_default(),
        None => ValidationSettings::default(),
    })
}

/// A unique index refused the write: another request got there first.
pub(crate) fn unique_violation_as(e: diesel::result::Error, conflict: ApiError) -> ApiError {
    match e {
        diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _) => conflict,
        other => other.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_fields_are_split_from_their_index() {
        assert_eq!(member_field("family[3].nik"), Some((3, "nik")));
        assert_eq!(member_field("family[12].kk_number"), Some((12, "kk_number")));
        assert_eq!(member_field("nik"), None);
        assert_eq!(member_field("family[x].nik"), None);
    }
}
