//! Cases, documents, arrears, membership history and the audit log on the wire.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::arrears::{ArrearsSource, ArrearsStatus};
use super::case::{CaseAction, CaseDetail, CaseKind, CaseState, DocumentKind, ItemKind, PreviousMembership, Stage};
use super::status::MembershipStatus;
use crate::money::Rupiah;
use crate::registry::{DEFAULT_PER_PAGE, MAX_PER_PAGE};
use crate::worker::TerminationReason;

/// `(page, per_page)` with the defaults and limits every list applies.
pub fn paging(page: Option<u32>, per_page: Option<u32>) -> (u32, u32) {
    (page.unwrap_or(1).max(1), per_page.unwrap_or(DEFAULT_PER_PAGE).clamp(1, MAX_PER_PAGE))
}

/// `POST /api/v1/workers/{id}/termination`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TerminationRequest {
    /// `YYYY-MM-DD`, the last day of work.
    #[cfg_attr(feature = "server", schema(example = "2026-11-30"))]
    pub termination_date: String,
    pub reason: TerminationReason,
}

/// One line of a case's checklist and whether it is done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ChecklistItemView {
    /// Stable code, e.g. `family_complete` or `document:sptjm`.
    #[cfg_attr(feature = "server", schema(example = "document:sptjm"))]
    pub key: String,
    pub label: String,
    pub how: ItemKind,
    pub stage: Stage,
    pub done: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct DocumentView {
    pub id: String,
    pub case_id: String,
    pub kind: DocumentKind,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: i64,
    /// SHA-256 of the content, hex.
    pub sha256: String,
    pub uploaded_at: DateTime<Utc>,
    pub uploaded_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CaseNoteView {
    pub id: String,
    pub author: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

/// A case in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CaseSummary {
    pub id: String,
    pub kind: CaseKind,
    pub state: CaseState,
    pub worker_id: String,
    pub worker_name: String,
    pub family_member_id: Option<String>,
    pub member_name: Option<String>,
    pub due_date: NaiveDate,
    /// Past its due date (in Asia/Jakarta) and not finished.
    pub overdue: bool,
    pub assignee_id: Option<String>,
    pub assignee_email: Option<String>,
    /// Why the case is in its state (blocked, rejected, cancelled).
    pub state_reason: String,
    pub opened_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

/// A case with everything needed to work on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CaseView {
    #[serde(flatten)]
    pub summary: CaseSummary,
    pub detail: CaseDetail,
    pub checklist: Vec<ChecklistItemView>,
    /// What keeps a blocked case (or would block an open one) from going on.
    pub blocking_reasons: Vec<String>,
    /// The steps the caller may take now (the state allows them and the role may).
    pub allowed_actions: Vec<CaseAction>,
    pub documents: Vec<DocumentView>,
    pub notes: Vec<CaseNoteView>,
    pub opened_by: String,
    pub closed_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CasePage {
    pub items: Vec<CaseSummary>,
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "server", into_params(parameter_in = Query))]
#[serde(default)]
pub struct CaseListQuery {
    pub kind: Option<CaseKind>,
    pub state: Option<CaseState>,
    /// Only cases not completed or cancelled.
    pub open: Option<bool>,
    /// Only open cases past their due date.
    pub overdue: Option<bool>,
    pub worker_id: Option<String>,
    /// A user id, or `me` for the caller's own cases.
    pub assignee: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

/// `POST /api/v1/cases/{id}/transitions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TransitionRequest {
    pub action: CaseAction,
    /// The case version read; a stale one answers 409 `version_conflict`.
    #[serde(default)]
    pub version: Option<i64>,
    /// Required for `block`, `reject` and `cancel`.
    #[serde(default)]
    pub reason: Option<String>,
    /// With `accept` of a registration or transfer: the card number BPJS issued (unless the
    /// worker already has one).
    #[serde(default)]
    #[cfg_attr(feature = "server", schema(example = "0001234567890"))]
    pub noka: Option<String>,
}

/// `PATCH /api/v1/cases/{id}`: who works on it, until when, and (transfers) the previous
/// membership. Fields left out keep their value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CasePatch {
    pub version: i64,
    /// A user id; `null` unassigns; left out, the assignee stays.
    #[serde(default, with = "double_option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "server", schema(value_type = Option<String>))]
    pub assignee_id: Option<Option<String>>,
    #[serde(default)]
    pub due_date: Option<NaiveDate>,
    /// Transfers only.
    #[serde(default)]
    pub previous: Option<PreviousMembership>,
}

mod double_option {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(v: &Option<Option<String>>, s: S) -> Result<S::Ok, S::Error> {
        v.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
        Option::<String>::deserialize(d).map(Some)
    }
}

/// `PUT /api/v1/cases/{id}/checklist/{key}`: tick (or untick) a confirmation item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChecklistTick {
    pub done: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewNote {
    pub body: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "server", into_params(parameter_in = Query))]
pub struct UploadQuery {
    /// What the document is.
    pub kind: Option<DocumentKind>,
    /// The file's name as the user had it.
    pub file_name: Option<String>,
}

/// One change of a person's membership status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MembershipEventView {
    /// `None`: the worker.
    pub family_member_id: Option<String>,
    pub person_name: String,
    pub status: MembershipStatus,
    pub since: NaiveDate,
    pub until: Option<NaiveDate>,
    pub reason: String,
    pub case_id: Option<String>,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ArrearsView {
    pub id: String,
    pub worker_id: String,
    pub family_member_id: Option<String>,
    pub source: ArrearsSource,
    pub months: u32,
    /// The months BPJS counts (at most 24).
    pub counted_months: u32,
    pub amount: Rupiah,
    pub status: ArrearsStatus,
    pub evidence: String,
    pub note: String,
    /// Service fine for inpatient care within 45 days of reactivation, in percent of the care
    /// cost (5% per month in arrears, at most 12 months)...
    pub fine_percent: u32,
    /// ...and at most this much.
    pub fine_cap: Rupiah,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub settled_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewArrears {
    #[serde(default)]
    pub family_member_id: Option<String>,
    pub source: ArrearsSource,
    pub months: u32,
    pub amount: Rupiah,
    #[serde(default)]
    pub note: String,
}

/// Settle (or reopen) arrears: `paid` and `waived` need the evidence (receipt number, letter).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ArrearsPatch {
    pub version: i64,
    pub status: ArrearsStatus,
    #[serde(default)]
    pub evidence: String,
    #[serde(default)]
    pub note: Option<String>,
}

/// One entry of the audit log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AuditEntryView {
    pub id: String,
    pub at: DateTime<Utc>,
    pub actor_id: Option<String>,
    /// The user's email at the time, or `system`.
    pub actor: String,
    pub ip: Option<String>,
    pub request_id: Option<String>,
    #[cfg_attr(feature = "server", schema(example = "case.transition"))]
    pub action: String,
    pub entity_type: String,
    pub entity_id: Option<String>,
    /// The worker the entry is about.
    pub subject_id: Option<String>,
    #[cfg_attr(feature = "server", schema(value_type = Option<Object>))]
    pub before: Option<serde_json::Value>,
    #[cfg_attr(feature = "server", schema(value_type = Option<Object>))]
    pub after: Option<serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AuditPage {
    pub items: Vec<AuditEntryView>,
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "server", into_params(parameter_in = Query))]
#[serde(default)]
pub struct AuditQuery {
    /// e.g. `worker`, `case`, `user`.
    pub entity_type: Option<String>,
    pub entity_id: Option<String>,
    /// Entries about this worker (its family, placements and cases included).
    pub subject_id: Option<String>,
    pub actor_id: Option<String>,
    /// e.g. `worker.view_personal`; a trailing `*` matches a prefix (`case.*`).
    pub action: Option<String>,
    /// From this day (inclusive, UTC).
    pub from: Option<NaiveDate>,
    /// Up to this day (inclusive, UTC).
    pub to: Option<NaiveDate>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum SopFormat {
    #[default]
    Markdown,
    Html,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "server", into_params(parameter_in = Query))]
#[serde(default)]
pub struct SopQuery {
    /// `markdown` (default) or `html`.
    pub format: Option<SopFormat>,
    /// `id` (default) or `en`; otherwise `Accept-Language`.
    pub lang: Option<crate::Lang>,
}

/// The answer to recording a termination.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TerminationOutcome {
    /// The deactivation case opened (when the worker was registered through the company).
    pub deactivation_case: Option<CaseView>,
    /// The registration or transfer cancelled instead (the worker left before being registered).
    pub cancelled_case_id: Option<String>,
}

/// A member of staff a case can be assigned to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct StaffMember {
    pub id: String,
    pub name: String,
    pub email: String,
    pub role: crate::Role,
}
