//! Opening cases, taking their steps, and working on them (assign, reschedule, tick, note). Every
//! step is checked by the domain's machine ([`tertib_domain::lifecycle::case::step`]); its effect
//! on membership is applied in the same transaction.

use chrono::{NaiveDate, TimeZone, Utc};
use serde_json::json;
use tertib_domain::identifiers::Noka;
use tertib_domain::lifecycle::api::{
    CaseNoteView, CasePatch, CaseSummary, CaseView, ChecklistItemView, TransitionRequest,
};
use tertib_domain::lifecycle::arrears::{ArrearsSource, ArrearsStatus};
use tertib_domain::lifecycle::case::{
    allowed_actions, checklist, is_done, membership_effect, missing_for, should_block, step, transition, CaseFacts,
    ItemKind, PreviousSegment, PreviousStatus, StepError, Subject, CASE_WORK_ROLES,
};
use tertib_domain::lifecycle::{
    CaseAction, CaseDetail, CaseKind, CaseState, ChecklistKey, LifecycleSettings, MembershipStatus,
};
use tertib_domain::{Finding, Lang, Role};

use super::membership::{self, StatusChange};
use crate::db::audit::{self, Actor, Change};
use crate::db::cases::{self as cases_db, Case, Note};
use crate::db::workers::{self as workers_db, Worker};
use crate::db::{arrears as arrears_db, code_of, documents as documents_db, from_code};
use crate::db::{membership as membership_db, new_id, now, users as users_db, DbConn};
use crate::error::ApiError;
use crate::registry::unique_violation_as;

/// Longest note or reason kept.
const MAX_TEXT: usize = 4000;

/// What only one case at a time may be open about, per worker: the worker's membership
/// (registration or transfer), its deactivation, or one change of one family member.
pub fn subject_key(detail: &CaseDetail) -> String {
    match detail {
        CaseDetail::Registration | CaseDetail::Transfer { .. } => "membership".into(),
        CaseDetail::Deactivation { .. } => "deactivation".into(),
        CaseDetail::FamilyChange { change, member_id, .. } => {
            format!("family:{}:{}", code_of(change), member_id.as_deref().unwrap_or("-"))
        }
    }
}

fn detail_json(detail: &CaseDetail) -> Result<String, ApiError> {
    serde_json::to_string(detail).map_err(ApiError::internal)
}

fn state_of(case: &Case) -> CaseState {
    from_code(&case.state).unwrap_or(CaseState::Open)
}

fn confirmed(case: &Case) -> Vec<ChecklistKey> {
    let codes: Vec<String> = serde_json::from_str(&case.confirmed_json).unwrap_or_default();
    codes.iter().filter_map(|c| ChecklistKey::parse(c)).collect()
}

/// Writes a changed case as a new version (closed when its state is terminal), if nobody changed
/// it since it was read.
fn save(conn: &mut DbConn, case: &mut Case) -> Result<(), ApiError> {
    let read = case.version;
    case.version += 1;
    case.updated_at = now();
    case.closed_at = state_of(case).is_terminal().then_some(case.updated_at);
    if !cases_db::update(conn, case, read)? {
        return Err(ApiError::VersionConflict);
    }
    Ok(())
}

/// Opens a case for a worker (or one of its family members) and, when it already has an unmet
/// blocker, blocks it at once. A case already open about the same subject answers 409.
pub fn open(
    conn: &mut DbConn,
    actor: &Actor,
    worker: &Worker,
    member_id: Option<&str>,
    detail: CaseDetail,
    due_date: NaiveDate,
    settings: &LifecycleSettings,
) -> Result<Case, ApiError> {
    let (case, entry) = new_case(actor, worker, member_id, &detail, due_date)?;
    cases_db::insert(conn, &case).map_err(|e| unique_violation_as(e, ApiError::Conflict))?;
    audit::insert_all(conn, &[entry])?;
    block_if_needed(conn, case, settings)
}

/// A case as [`open`] writes it, with its audit entry, not yet written: new workers write theirs
/// with their other rows (see [`crate::db::bulk::NewRows`]) and are then checked with
/// [`block_if_needed`].
pub fn new_case(
    actor: &Actor,
    worker: &Worker,
    member_id: Option<&str>,
    detail: &CaseDetail,
    due_date: NaiveDate,
) -> Result<(Case, audit::Entry), ApiError> {
    let at = now();
    let case = Case {
        id: new_id(),
        kind: code_of(&detail.kind()),
        state: code_of(&CaseState::Open),
        worker_id: worker.id.clone(),
        family_member_id: member_id.map(str::to_string),
        detail_json: detail_json(detail)?,
        subject_key: subject_key(detail),
        confirmed_json: "[]".into(),
        assignee_id: None,
        due_date,
        state_reason: String::new(),
        version: 1,
        opened_at: at,
        opened_by: actor.label.clone(),
        updated_at: at,
        closed_at: None,
    };
    let entry = audit::entry(
        actor,
        Change::new("case.open", "case", Some(&case.id)).about(&worker.id).after(
            &json!({ "kind": case.kind, "detail": detail, "due_date": due_date, "family_member_id": member_id }),
        ),
    );
    Ok((case, entry))
}

/// [`new_case`] for a worker just created, already `blocked` when it must be: such a worker has
/// no arrears, documents or confirmations yet, so the facts are known without reading them. A
/// registration or a transfer whose previous employer is not yet known changes no membership when
/// blocked (see [`membership_effect`]), so the case's row is all there is to write. Answers the
/// case with its audit entries.
pub fn new_hire_case(
    actor: &Actor,
    worker: &Worker,
    detail: &CaseDetail,
    due_date: NaiveDate,
) -> Result<(Case, Vec<audit::Entry>), ApiError> {
    let (case, opened) = new_case(actor, worker, None, detail, due_date)?;
    Ok(match blocked(case.clone(), detail, &worker_facts(worker)) {
        Some((case, block)) => (case, vec![opened, block]),
        None => (case, vec![opened]),
    })
}

/// The case moved to `blocked` when an unmet blocker holds it, with the items missing as its
/// reason and the audit entry of Tertib's own step; `None` when nothing blocks it.
fn blocked(mut case: Case, detail: &CaseDetail, facts: &CaseFacts) -> Option<(Case, audit::Entry)> {
    if !should_block(detail, state_of(&case), facts) {
        return None;
    }
    let reasons: Vec<&str> =
        missing_for(CaseAction::Unblock, detail, facts).iter().map(|k| k.label(Lang::Id)).collect();
    case.state = code_of(&CaseState::Blocked);
    case.state_reason = reasons.join("; ");
    let entry = audit::entry(
        &Actor::system("system"),
        Change::new("case.transition", "case", Some(&case.id))
            .about(&case.worker_id)
            .after(&json!({ "action": "block", "state": case.state, "reason": case.state_reason })),
    );
    Some((case, entry))
}

/// The facts the worker's row alone gives; the rest as for a case with nothing recorded yet.
fn worker_facts(worker: &Worker) -> CaseFacts {
    CaseFacts {
        worker_data_complete: worker.kk_number.is_some() && !worker.faskes_code.is_empty(),
        card_number: worker.noka.is_some(),
        open_self_paying_arrears: false,
        confirmed: Vec::new(),
        documents: Vec::new(),
    }
}

/// What the checklist is checked against.
pub fn facts(conn: &mut DbConn, case: &Case, worker: &Worker) -> Result<CaseFacts, ApiError> {
    let self_paying = code_of(&ArrearsSource::SelfPaying);
    let open = code_of(&ArrearsStatus::Open);
    let open_self_paying_arrears =
        arrears_db::for_worker(conn, &worker.id)?.iter().any(|a| a.source == self_paying && a.status == open);
    let documents = documents_db::for_case(conn, &case.id)?.iter().filter_map(|d| from_code(&d.kind)).collect();
    Ok(CaseFacts { open_self_paying_arrears, confirmed: confirmed(case), documents, ..worker_facts(worker) })
}

fn worker_of(conn: &mut DbConn, case: &Case) -> Result<Worker, ApiError> {
    workers_db::find(conn, &case.worker_id)?.ok_or_else(|| ApiError::internal(anyhow::anyhow!("case without worker")))
}

/// Tertib's own step: an open case with an unmet blocker goes to `blocked`. Called after every
/// change to a case and after changes around it (arrears, the worker's data).
pub fn block_if_needed(conn: &mut DbConn, case: Case, settings: &LifecycleSettings) -> Result<Case, ApiError> {
    let detail = case.detail()?;
    let worker = worker_of(conn, &case)?;
    let facts = facts(conn, &case, &worker)?;
    let Some((mut case, entry)) = blocked(case.clone(), &detail, &facts) else { return Ok(case) };
    save(conn, &mut case)?;
    audit::insert_all(conn, &[entry])?;
    apply_effect(conn, &Actor::system("system"), &case, &detail, CaseAction::Block, settings)?;
    Ok(case)
}

/// What a step does to membership.
fn apply_effect(
    conn: &mut DbConn,
    actor: &Actor,
    case: &Case,
    detail: &CaseDetail,
    action: CaseAction,
    settings: &LifecycleSettings,
) -> Result<(), ApiError> {
    let Some((subject, status, until)) = membership_effect(detail, action, settings) else { return Ok(()) };
    // A deactivation takes effect from the termination; everything else from today.
    let since = match (detail, status) {
        (
            CaseDetail::Deactivation { termination_date, .. },
            MembershipStatus::Inactive | MembershipStatus::PhkCover,
        ) => *termination_date,
        _ => crate::registry::today(),
    };
    let reason = match detail {
        CaseDetail::Deactivation { reason, .. } => code_of(reason),
        CaseDetail::FamilyChange { change, .. } => code_of(change),
        _ => String::new(),
    };
    let change = StatusChange { status, since, until, reason: &reason, case_id: Some(&case.id) };
    match (subject, &case.family_member_id) {
        (Subject::WorkerAndFamily, _) => membership::set_worker_and_family(conn, actor, &case.worker_id, &change),
        (Subject::Member, Some(member)) => membership::set_member(conn, actor, &case.worker_id, member, &change),
        (Subject::Member, None) => Ok(()),
    }
}

fn reason_required() -> ApiError {
    ApiError::invalid(Finding::error(
        "reason",
        "reason_required",
        "Langkah ini wajib disertai alasan.",
        "This step needs a reason.",
    ))
}

fn text_field(field: &'static str, text: Option<&str>) -> Result<Option<String>, ApiError> {
    let Some(t) = text.map(str::trim).filter(|t| !t.is_empty()) else { return Ok(None) };
    if t.chars().count() > MAX_TEXT {
        return Err(ApiError::invalid(Finding::error(
            field,
            "text_too_long",
            format!("Paling banyak {MAX_TEXT} karakter."),
            format!("At most {MAX_TEXT} characters."),
        )));
    }
    Ok(Some(t.to_string()))
}

/// Takes a step. `role` is the caller's: the machine decides whether it may.
pub fn take_step(
    conn: &mut DbConn,
    actor: &Actor,
    role: Role,
    id: &str,
    req: &TransitionRequest,
    settings: &LifecycleSettings,
) -> Result<Case, ApiError> {
    let mut case = cases_db::find(conn, id)?.ok_or(ApiError::NotFound)?;
    if req.version.is_some_and(|v| v != case.version) {
        return Err(ApiError::VersionConflict);
    }
    let detail = case.detail()?;
    let mut worker = worker_of(conn, &case)?;
    let mut facts = facts(conn, &case, &worker)?;
    let reason = text_field("reason", req.reason.as_deref())?;
    // A card number brought with the acceptance of a registration or transfer is recorded with it.
    let noka = match req.noka.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        Some(n)
            if req.action == CaseAction::Accept
                && matches!(detail.kind(), CaseKind::Registration | CaseKind::Transfer) =>
        {
            let parsed = Noka::parse(n).map_err(ApiError::invalid)?;
            facts.card_number = true;
            Some(parsed.as_str().to_string())
        }
        Some(_) => {
            return Err(ApiError::invalid(Finding::error(
                "noka",
                "noka_not_expected",
                "Nomor kartu hanya dicatat saat pendaftaran atau pengalihan diterima.",
                "A card number is recorded only when a registration or transfer is accepted.",
            )))
        }
        None => None,
    };
    let before = state_of(&case);
    let next = step(&detail, before, req.action, Some(role), reason.is_some(), &facts).map_err(|e| match e {
        StepError::Illegal { allowed } => ApiError::IllegalTransition { allowed },
        StepError::Forbidden => ApiError::Forbidden,
        StepError::Incomplete { missing } => ApiError::ChecklistIncomplete { missing },
        StepError::ReasonRequired => reason_required(),
    })?;
    if let Some(noka) = noka {
        if worker.noka.as_deref() != Some(noka.as_str()) {
            membership_db::set_noka(conn, &worker.id, &noka)?;
            audit::record(
                conn,
                actor,
                Change::new("worker.card_number", "worker", Some(&worker.id))
                    .before(&json!({ "noka": worker.noka }))
                    .after(&json!({ "noka": noka, "case_id": case.id })),
            )?;
            worker.noka = Some(noka);
        }
    }
    case.state = code_of(&next);
    case.state_reason = reason.unwrap_or_default();
    save(conn, &mut case)?;
    audit::record(
        conn,
        actor,
        Change::new("case.transition", "case", Some(&case.id))
            .about(&case.worker_id)
            .before(&json!({ "state": code_of(&before) }))
            .after(&json!({ "action": req.action, "state": case.state, "reason": case.state_reason })),
    )?;
    apply_effect(conn, actor, &case, &detail, req.action, settings)?;
    block_if_needed(conn, case, settings)
}

/// Changes who works on a case, its due date, or (transfers) the previous membership.
pub fn patch(
    conn: &mut DbConn,
    actor: &Actor,
    id: &str,
    p: &CasePatch,
    settings: &LifecycleSettings,
) -> Result<Case, ApiError> {
    let mut case = cases_db::find(conn, id)?.ok_or(ApiError::NotFound)?;
    if p.version != case.version {
        return Err(ApiError::VersionConflict);
    }
    if state_of(&case).is_terminal() {
        return Err(ApiError::invalid(Finding::error(
            "state",
            "case_closed",
            "Kasus yang sudah selesai atau dibatalkan tidak dapat diubah.",
            "A completed or cancelled case cannot be changed.",
        )));
    }
    let before = json!({ "assignee_id": case.assignee_id, "due_date": case.due_date, "detail": case.detail()? });
    if let Some(assignee) = &p.assignee_id {
        if let Some(user_id) = assignee {
            let user = users_db::find(conn, user_id)?;
            if !user.is_some_and(|u| !u.disabled && CASE_WORK_ROLES.contains(&u.role())) {
                return Err(ApiError::invalid(Finding::error(
                    "assignee_id",
                    "assignee_unknown",
                    "Petugas tidak ditemukan atau tidak boleh menangani kasus.",
                    "No such user, or the user may not work on cases.",
                )));
            }
        }
        case.assignee_id.clone_from(assignee);
    }
    if let Some(due) = p.due_date {
        case.due_date = due;
    }
    let mut detail = case.detail()?;
    if let Some(previous) = &p.previous {
        let CaseDetail::Transfer { previous: current } = &mut detail else {
            return Err(ApiError::invalid(Finding::error(
                "previous",
                "not_a_transfer",
                "Kepesertaan sebelumnya hanya dicatat pada kasus pengalihan.",
                "The previous membership is recorded on transfers only.",
            )));
        };
        *current = Some(previous.clone());
        case.detail_json = detail_json(&detail)?;
        sync_previous_status(conn, actor, &case, previous.segment, previous.status)?;
    }
    save(conn, &mut case)?;
    audit::record(
        conn,
        actor,
        Change::new("case.update", "case", Some(&case.id))
            .about(&case.worker_id)
            .before(&before)
            .after(&json!({ "assignee_id": case.assignee_id, "due_date": case.due_date, "detail": detail })),
    )?;
    block_if_needed(conn, case, settings)
}

/// A worker still active at another employer is shown as such until that employer deactivates.
fn sync_previous_status(
    conn: &mut DbConn,
    actor: &Actor,
    case: &Case,
    segment: PreviousSegment,
    status: PreviousStatus,
) -> Result<(), ApiError> {
    let current: MembershipStatus =
        membership_db::of_worker(conn, &case.worker_id)?.and_then(|c| from_code(&c.0)).unwrap_or_default();
    let elsewhere = segment == PreviousSegment::OtherEmployer && status == PreviousStatus::Active;
    let target = match (current, elsewhere) {
        (MembershipStatus::NotRegistered, true) => MembershipStatus::ActiveElsewhere,
        (MembershipStatus::ActiveElsewhere, false) => MembershipStatus::NotRegistered,
        _ => return Ok(()),
    };
    let change = StatusChange {
        status: target,
        since: crate::registry::today(),
        until: None,
        reason: "",
        case_id: Some(&case.id),
    };
    membership::set_worker_and_family(conn, actor, &case.worker_id, &change)
}

/// Ticks or unticks a confirmation item of the case's checklist.
pub fn tick(
    conn: &mut DbConn,
    actor: &Actor,
    id: &str,
    key: &str,
    done: bool,
    settings: &LifecycleSettings,
) -> Result<Case, ApiError> {
    let mut case = cases_db::find(conn, id)?.ok_or(ApiError::NotFound)?;
    let detail = case.detail()?;
    let key = ChecklistKey::parse(key)
        .filter(|k| k.item_kind() == ItemKind::Confirmation && checklist(&detail).iter().any(|i| i.key == *k))
        .ok_or_else(|| {
            ApiError::invalid(Finding::error(
                "key",
                "not_a_confirmation",
                "Butir ini bukan butir yang dicentang petugas pada kasus ini.",
                "This is not an item staff tick on this case.",
            ))
        })?;
    if state_of(&case).is_terminal() {
        return Err(ApiError::IllegalTransition { allowed: vec![] });
    }
    let mut items = confirmed(&case);
    items.retain(|k| *k != key);
    if done {
        items.push(key);
    }
    case.confirmed_json =
        serde_json::to_string(&items.iter().map(|k| k.code()).collect::<Vec<_>>()).map_err(ApiError::internal)?;
    save(conn, &mut case)?;
    audit::record(
        conn,
        actor,
        Change::new("case.checklist", "case", Some(&case.id))
            .about(&case.worker_id)
            .after(&json!({ "item": key.code(), "done": done })),
    )?;
    block_if_needed(conn, case, settings)
}

pub fn add_note(conn: &mut DbConn, actor: &Actor, id: &str, body: &str) -> Result<Note, ApiError> {
    let case = cases_db::find(conn, id)?.ok_or(ApiError::NotFound)?;
    let body =
        text_field("body", Some(body))?.ok_or_else(|| ApiError::invalid(tertib_domain::person::required("body")))?;
    let note = Note {
        id: new_id(),
        case_id: case.id.clone(),
        author_id: actor.id.clone(),
        author_label: actor.label.clone(),
        body,
        created_at: now(),
    };
    cases_db::add_note(conn, &note)?;
    audit::record(
        conn,
        actor,
        Change::new("case.note", "case", Some(&case.id)).about(&case.worker_id).after(&json!({ "note_id": note.id })),
    )?;
    Ok(note)
}

/// Cancels the worker's open registration or transfer (the worker left before it was sent).
pub fn cancel_open_membership_case(
    conn: &mut DbConn,
    actor: &Actor,
    worker_id: &str,
    why: &str,
) -> Result<Option<String>, ApiError> {
    let Some(mut case) = cases_db::open_for_subject(conn, worker_id, "membership")? else { return Ok(None) };
    if !transition(CaseAction::Cancel).from.contains(&state_of(&case)) {
        return Ok(None);
    }
    case.state = code_of(&CaseState::Cancelled);
    case.state_reason = why.to_string();
    save(conn, &mut case)?;
    audit::record(
        conn,
        actor,
        Change::new("case.transition", "case", Some(&case.id))
            .about(worker_id)
            .after(&json!({ "action": "cancel", "state": case.state, "reason": why })),
    )?;
    Ok(Some(case.id))
}

fn utc(t: chrono::NaiveDateTime) -> chrono::DateTime<Utc> {
    Utc.from_utc_datetime(&t)
}

/// Cases in a list: with the names of the worker, the member and the assignee (read for the whole
/// page at once).
pub fn summaries(conn: &mut DbConn, cases: &[Case], today: NaiveDate) -> Result<Vec<CaseSummary>, ApiError> {
    let (workers, members, users) = cases_db::names(conn, cases)?;
    let name = |map: &std::collections::HashMap<String, String>, id: &Option<String>| {
        id.as_ref().and_then(|id| map.get(id)).cloned()
    };
    Ok(cases
        .iter()
        .map(|case| {
            let state = state_of(case);
            CaseSummary {
                id: case.id.clone(),
                kind: from_code(&case.kind).unwrap_or(CaseKind::Registration),
                state,
                worker_id: case.worker_id.clone(),
                worker_name: workers.get(&case.worker_id).cloned().unwrap_or_default(),
                family_member_id: case.family_member_id.clone(),
                member_name: name(&members, &case.family_member_id),
                due_date: case.due_date,
                overdue: !state.is_terminal() && case.due_date < today,
                assignee_id: case.assignee_id.clone(),
                assignee_email: name(&users, &case.assignee_id),
                state_reason: case.state_reason.clone(),
                opened_at: utc(case.opened_at),
                updated_at: utc(case.updated_at),
                version: case.version,
            }
        })
        .collect())
}

/// A case with its checklist, documents, notes and the steps `role` may take now.
pub fn view(conn: &mut DbConn, case: &Case, role: Role, today: NaiveDate, lang: Lang) -> Result<CaseView, ApiError> {
    let detail = case.detail()?;
    let worker = worker_of(conn, case)?;
    let facts = facts(conn, case, &worker)?;
    let state = state_of(case);
    let checklist = checklist(&detail)
        .into_iter()
        .map(|i| ChecklistItemView {
            key: i.key.code(),
            label: i.key.label(lang).to_string(),
            how: i.key.item_kind(),
            stage: i.stage,
            done: is_done(i.key, &detail, &facts),
        })
        .collect();
    let mut blocking_reasons: Vec<String> =
        missing_for(CaseAction::Unblock, &detail, &facts).iter().map(|k| k.label(lang).to_string()).collect();
    if state == CaseState::Blocked && blocking_reasons.is_empty() && !case.state_reason.is_empty() {
        blocking_reasons.push(case.state_reason.clone());
    }
    let allowed = allowed_actions(state).into_iter().filter(|a| transition(*a).roles.contains(&role)).collect();
    let documents = documents_db::for_case(conn, &case.id)?.into_iter().map(super::documents::view).collect();
    let notes = cases_db::notes(conn, &case.id)?
        .into_iter()
        .map(|n| CaseNoteView { id: n.id, author: n.author_label, body: n.body, created_at: utc(n.created_at) })
        .collect();
    let summary = summaries(conn, std::slice::from_ref(case), today)?
        .pop()
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("summary vanished")))?;
    Ok(CaseView {
        summary,
        detail,
        checklist,
        blocking_reasons,
        allowed_actions: allowed,
        documents,
        notes,
        opened_by: case.opened_by.clone(),
        closed_at: case.closed_at.map(utc),
    })
}
