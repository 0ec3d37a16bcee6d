//! e-Dabu batches: the pending cases of one kind picked and written as BPJS's upload form, each
//! submitted through the case machine ([`crate::lifecycle::cases::take_step`]) naming the batch,
//! and e-Dabu's answers read back ([`results`]). The file is kept as sent: it is what BPJS
//! received, so it must not change when a worker's record, the layout setting or the writer does.

pub mod file;
pub mod results;

use std::collections::HashMap;

use chrono::{Months, NaiveDate, TimeZone, Utc};
use serde_json::json;
use tertib_domain::edabu::{
    BatchKind, BatchPlan, BatchRowView, BatchState, BatchSummary, BatchView, EdabuSettings, LeftOutCase, Mutation,
    NewBatch, Person, PickedCase, RowResult,
};
use tertib_domain::family::{Coverage, Relation};
use tertib_domain::lifecycle::api::TransitionRequest;
use tertib_domain::lifecycle::case::{membership_effect, step, StepError};
use tertib_domain::lifecycle::{CaseAction, CaseDetail, CaseState, LifecycleSettings, MembershipStatus};
use tertib_domain::registry::mask_number;
use tertib_domain::{Finding, Lang, Role};

use crate::db::audit::{self, Actor, Change};
use crate::db::cases::Case;
use crate::db::edabu::{self as edabu_db, Batch, BatchRow, Pick};
use crate::db::family::{self as family_db, FamilyMember};
use crate::db::workers::{self as workers_db, Worker};
use crate::db::{client_companies, code_of, from_code, membership as membership_db, new_id, now};
use crate::db::{settings as settings_db, DbConn};
use crate::error::ApiError;
use crate::lifecycle::{self, cases, membership::member_follows};

/// The key of the e-Dabu layout in the `settings` table.
pub const SETTINGS_KEY: &str = "edabu";

/// The layout in force: the stored one, or the form as DOMAIN.md describes it.
pub fn settings(conn: &mut DbConn) -> Result<EdabuSettings, ApiError> {
    Ok(settings_db::get(conn, SETTINGS_KEY)?.unwrap_or_default())
}

/// `YYYY-MM` as the first and last day of that month.
fn month_days(month: &str) -> Result<(NaiveDate, NaiveDate), ApiError> {
    NaiveDate::parse_from_str(&format!("{}-01", month.trim()), "%Y-%m-%d")
        .ok()
        .and_then(|first| Some((first, first.checked_add_months(Months::new(1))?.pred_opt()?)))
        .ok_or_else(|| {
            ApiError::invalid(Finding::error(
                "month",
                "month_invalid",
                "Bulan ditulis TTTT-BB, misalnya 2026-11.",
                "A month is written YYYY-MM, e.g. 2026-11.",
            ))
        })
}

/// A case that goes, with the people its submission moves, in the form's order.
struct Picked {
    case: Case,
    worker: Worker,
    people: Vec<(Option<FamilyMember>, Person)>,
}

/// What the form says about the worker.
fn worker_person(w: &Worker, mutation: Mutation, mutation_date: NaiveDate) -> Person {
    Person {
        relation: None,
        noka: w.noka.clone().unwrap_or_default(),
        kk_number: w.kk_number.clone().unwrap_or_default(),
        nik: w.nik.clone(),
        full_name: w.full_name.clone(),
        birth_place: w.birth_place.clone(),
        birth_date: Some(w.birth_date),
        gender: from_code(&w.gender),
        marital_status: w.marital_status.as_deref().and_then(from_code),
        citizenship: from_code(&w.citizenship).unwrap_or_default(),
        address: w.address.clone(),
        district_code: w.district_code.clone(),
        village_code: w.village_code.clone(),
        faskes_code: w.faskes_code.clone(),
        phone: w.phone.clone(),
        email: w.email.clone(),
        employee_number: w.employee_number.clone(),
        position: w.position.clone(),
        employment_status: w.employment_status.as_deref().and_then(from_code),
        hire_date: Some(w.hire_date),
        wage: Some(w.wage_base),
        mutation,
        mutation_date: Some(mutation_date),
    }
}

/// What the form says about a family member: their own identity, the worker's household (KK
/// when they have none of their own, address, clinic when none is chosen); employment is the
/// worker's alone.
fn member_person(m: &FamilyMember, w: &Worker, mutation: Mutation, mutation_date: NaiveDate) -> Person {
    Person {
        relation: from_code(&m.relation),
        noka: m.noka.clone().unwrap_or_default(),
        kk_number: m.kk_number.clone().or_else(|| w.kk_number.clone()).unwrap_or_default(),
        nik: m.nik.clone(),
        full_name: m.full_name.clone(),
        birth_place: m.birth_place.clone(),
        birth_date: Some(m.birth_date),
        gender: from_code(&m.gender),
        marital_status: m.marital_status.as_deref().and_then(from_code),
        citizenship: from_code(&m.citizenship).unwrap_or_default(),
        address: w.address.clone(),
        district_code: w.district_code.clone(),
        village_code: w.village_code.clone(),
        faskes_code: if m.faskes_code.is_empty() { w.faskes_code.clone() } else { m.faskes_code.clone() },
        mutation,
        mutation_date: Some(mutation_date),
        ..Person::default()
    }
}

/// The worker and the family members the submission moves (those who follow the worker into
/// the submitted status: the covered family of a registration, everyone registered for a
/// deactivation), so the form lists exactly the people whose membership changes.
fn people(
    conn: &mut DbConn,
    worker: &Worker,
    detail: &CaseDetail,
    settings: &LifecycleSettings,
) -> Result<Vec<(Option<FamilyMember>, Person)>, ApiError> {
    let (mutation, date) = match detail {
        CaseDetail::Deactivation { reason, termination_date } => (Mutation::Leave(*reason), *termination_date),
        CaseDetail::Transfer { .. } => (Mutation::Transfer, worker.hire_date),
        _ => (Mutation::Registration, worker.hire_date),
    };
    let mut out = vec![(None, worker_person(worker, mutation, date))];
    let Some((_, target, _)) = membership_effect(detail, CaseAction::Submit, settings) else { return Ok(out) };
    let statuses: HashMap<String, String> =
        membership_db::of_family(conn, &worker.id)?.into_iter().map(|(id, c)| (id, c.0)).collect();
    for member in family_db::list(conn, &worker.id, false)? {
        let current: MembershipStatus = statuses.get(&member.id).and_then(|s| from_code(s)).unwrap_or_default();
        let coverage = from_code(&member.coverage).unwrap_or(Coverage::NotCovered);
        if member_follows(target, current, coverage) {
            let person = member_person(&member, worker, mutation, date);
            out.push((Some(member), person));
        }
    }
    Ok(out)
}

fn left_out(
    case: &Case,
    worker: Option<&Worker>,
    code: &'static str,
    lang: Lang,
    id: String,
    en: String,
) -> LeftOutCase {
    LeftOutCase {
        case_id: case.id.clone(),
        worker_id: worker.map(|w| w.id.clone()),
        worker_name: worker.map(|w| w.full_name.clone()),
        code: code.to_string(),
        reason: Finding::error("case_ids", code, id, en).message(lang).to_string(),
    }
}

/// The filters of a request, read.
struct Filters<'a> {
    req: &'a NewBatch,
    due: Option<(NaiveDate, NaiveDate)>,
}

/// Whether `case` goes in the batch: its kind, the filters (for a case named), its state, and
/// the machine's own check of the submit step for `role`.
fn judge(
    conn: &mut DbConn,
    case: Case,
    filters: &Filters<'_>,
    role: Role,
    lang: Lang,
    settings: &LifecycleSettings,
) -> Result<Result<Picked, LeftOutCase>, ApiError> {
    let req = filters.req;
    let named = req.case_ids.is_some();
    let worker = workers_db::find(conn, &case.worker_id)?;
    let Some(worker) = worker else {
        return Ok(Err(left_out(
            &case,
            None,
            "not_found",
            lang,
            "Pekerja tidak ditemukan.".into(),
            "No such worker.".into(),
        )));
    };
    let kind = req.kind.as_str();
    if case.kind != kind {
        let (id, en) = (req.kind.label(Lang::Id), req.kind.label(Lang::En));
        let words = (format!("Bukan kasus {}.", id.to_lowercase()), format!("Not a {} case.", en.to_lowercase()));
        return Ok(Err(left_out(&case, Some(&worker), "other_kind", lang, words.0, words.1)));
    }
    let outside_company =
        req.client_company_id.as_deref().is_some_and(|c| worker.client_company_id.as_deref() != Some(c));
    let outside_month = filters.due.is_some_and(|(from, to)| case.due_date < from || case.due_date > to);
    if outside_company || outside_month {
        return Ok(Err(left_out(
            &case,
            Some(&worker),
            "outside_filters",
            lang,
            "Di luar perusahaan klien atau bulan yang dipilih.".into(),
            "Outside the client company or month chosen.".into(),
        )));
    }
    let state: CaseState = from_code(&case.state).unwrap_or(CaseState::Open);
    if state == CaseState::Rejected && !named {
        return Ok(Err(left_out(
            &case,
            Some(&worker),
            "rejected",
            lang,
            format!("Ditolak BPJS ({}): pilih kasus ini setelah diperbaiki untuk mengirimnya lagi.", case.state_reason),
            format!("Rejected by BPJS ({}): choose this case once fixed to send it again.", case.state_reason),
        )));
    }
    let detail = case.detail()?;
    let facts = cases::facts(conn, &case, &worker)?;
    if let Err(e) = step(&detail, state, CaseAction::Submit, Some(role), true, &facts) {
        let out = match e {
            StepError::Incomplete { missing } => {
                let labels = |l: Lang| missing.iter().map(|k| k.label(l)).collect::<Vec<_>>().join("; ");
                let words =
                    (format!("Belum lengkap: {}.", labels(Lang::Id)), format!("Not complete: {}.", labels(Lang::En)));
                left_out(&case, Some(&worker), "checklist_incomplete", lang, words.0, words.1)
            }
            StepError::Forbidden => left_out(
                &case,
                Some(&worker),
                "forbidden",
                lang,
                "Peran Anda tidak boleh mengajukan kasus.".into(),
                "Your role may not submit cases.".into(),
            ),
            StepError::Illegal { .. } | StepError::ReasonRequired => {
                let why = |l: Lang| {
                    let reason = Some(case.state_reason.as_str()).filter(|r| !r.is_empty());
                    format!("{}{}", state.label(l), reason.map(|r| format!(": {r}")).unwrap_or_default())
                };
                let words = (
                    format!("Tidak dapat diajukan ({}).", why(Lang::Id)),
                    format!("Cannot be submitted ({}).", why(Lang::En)),
                );
                left_out(&case, Some(&worker), "not_open", lang, words.0, words.1)
            }
        };
        return Ok(Err(out));
    }
    let people = people(conn, &worker, &detail, settings)?;
    Ok(Ok(Picked { case, worker, people }))
}

/// Which cases would go and which not, and why.
fn plan(
    conn: &mut DbConn,
    role: Role,
    req: &NewBatch,
    lang: Lang,
) -> Result<(Vec<Picked>, Vec<LeftOutCase>), ApiError> {
    let due = req.month.as_deref().filter(|m| !m.trim().is_empty()).map(month_days).transpose()?;
    let company = req.client_company_id.as_deref().filter(|c| !c.trim().is_empty());
    let pick = Pick { kind: req.kind, client_company_id: company, due, case_ids: req.case_ids.as_deref() };
    let settings = lifecycle::settings(conn)?;
    let filters = Filters { req, due };
    let (mut picked, mut out) = (Vec::new(), Vec::new());
    let found = edabu_db::candidates(conn, &pick)?;
    for id in req.case_ids.iter().flatten().filter(|id| !found.iter().any(|c| &c.id == *id)) {
        out.push(LeftOutCase {
            case_id: id.clone(),
            worker_id: None,
            worker_name: None,
            code: "not_found".into(),
            reason: lang.pick("Kasus tidak ditemukan.", "No such case.").into(),
        });
    }
    for case in found {
        match judge(conn, case, &filters, role, lang, &settings)? {
            Ok(p) => picked.push(p),
            Err(l) => out.push(l),
        }
    }
    Ok((picked, out))
}

fn picked_view(p: &Picked) -> PickedCase {
    PickedCase {
        case_id: p.case.id.clone(),
        worker_id: p.worker.id.clone(),
        worker_name: p.worker.full_name.clone(),
        due_date: p.case.due_date,
        rows: p.people.len(),
    }
}

/// "edabu-pendaftaran-2026-11-25-1a2b3c4d.xlsx": the kind, the day, the end of the batch's id
/// (the random part of a UUIDv7).
fn file_name(kind: BatchKind, day: NaiveDate, id: &str) -> String {
    let tail: String = id.chars().rev().take(8).collect::<Vec<_>>().into_iter().rev().collect();
    format!("edabu-{}-{}-{tail}.xlsx", kind.label(Lang::Id).to_lowercase(), day.format("%Y-%m-%d"))
}

/// What a case's history says of the batch that submitted it or brought its answer.
pub fn batch_reference(batch_id: &str) -> String {
    format!("Batch e-Dabu {batch_id}")
}

/// Creates the batch (or, on a dry run, only says what it would hold): the file, its rows, and
/// every picked case submitted through the machine naming the batch, all in the caller's
/// transaction. Nothing to submit answers 422.
pub fn create(conn: &mut DbConn, actor: &Actor, role: Role, req: &NewBatch, lang: Lang) -> Result<BatchPlan, ApiError> {
    let (picked, left_out) = plan(conn, role, req, lang)?;
    let picked_views: Vec<PickedCase> = picked.iter().map(picked_view).collect();
    if req.dry_run {
        return Ok(BatchPlan { batch: None, picked: picked_views, left_out });
    }
    if picked.is_empty() {
        return Err(ApiError::invalid(Finding::error(
            "case_ids",
            "nothing_to_submit",
            "Tidak ada kasus yang dapat diajukan dengan pilihan ini.",
            "No case can be submitted with this choice.",
        )));
    }
    let layout = settings(conn)?;
    let lifecycle_settings = lifecycle::settings(conn)?;
    let id = new_id();
    let at = now();
    let people: Vec<&Person> = picked.iter().flat_map(|p| p.people.iter().map(|(_, person)| person)).collect();
    let bytes = file::write_batch_xlsx(layout.sheet(req.kind), &layout.codes, people.iter().copied())
        .map_err(ApiError::internal)?;
    let mut rows = Vec::with_capacity(people.len());
    for p in &picked {
        for (member, person) in &p.people {
            rows.push(BatchRow {
                id: new_id(),
                batch_id: id.clone(),
                number: rows.len() as i64 + 1,
                case_id: p.case.id.clone(),
                worker_id: p.worker.id.clone(),
                family_member_id: member.as_ref().map(|m| m.id.clone()),
                relation: member.as_ref().map(|m| m.relation.clone()),
                full_name: person.full_name.clone(),
                nik: person.nik.clone(),
                noka: Some(person.noka.clone()).filter(|n| !n.is_empty()),
                result: None,
                result_noka: None,
                result_reason: String::new(),
                result_at: None,
            });
        }
    }
    let name = file_name(req.kind, crate::registry::today(), &id);
    let company = req.client_company_id.as_deref().filter(|c| !c.trim().is_empty());
    let month = req.month.as_deref().map(str::trim).filter(|m| !m.is_empty());
    let record = edabu_db::NewBatch {
        id: &id,
        kind: req.kind.as_str(),
        client_company_id: company,
        month,
        file_name: &name,
        file_content: &bytes,
        case_count: picked.len() as i64,
        row_count: rows.len() as i64,
        created_by_id: actor.id.as_deref(),
        created_by: &actor.label,
        created_at: at,
    };
    edabu_db::insert(conn, &record, &rows)?;
    audit::record(
        conn,
        actor,
        Change::new("edabu.batch_create", "edabu_batch", Some(&id)).after(&json!({
            "kind": req.kind,
            "client_company_id": company,
            "month": month,
            "cases": picked_views.iter().map(|p| &p.case_id).collect::<Vec<_>>(),
            "rows": rows.len(),
            "left_out": left_out.len(),
            "file_name": name,
        })),
    )?;
    for p in &picked {
        let submit = TransitionRequest {
            action: CaseAction::Submit,
            version: Some(p.case.version),
            reason: Some(batch_reference(&id)),
            noka: None,
        };
        cases::take_step(conn, actor, role, &p.case.id, &submit, &lifecycle_settings)?;
    }
    let batch = edabu_db::find(conn, &id)?.ok_or(ApiError::NotFound)?;
    let summary = summaries(conn, std::slice::from_ref(&batch))?.pop();
    Ok(BatchPlan { batch: summary, picked: picked_views, left_out })
}

/// Batches as a list shows them, with their client companies' names and answered rows (read for
/// the whole page at once).
pub fn summaries(conn: &mut DbConn, batches: &[Batch]) -> Result<Vec<BatchSummary>, ApiError> {
    let ids: Vec<&str> = batches.iter().map(|b| b.id.as_str()).collect();
    let answered = edabu_db::answered(conn, &ids)?;
    let mut company_ids: Vec<String> = batches.iter().filter_map(|b| b.client_company_id.clone()).collect();
    company_ids.sort();
    company_ids.dedup();
    let names: HashMap<String, String> =
        client_companies::by_ids(conn, &company_ids)?.into_iter().map(|c| (c.id, c.name)).collect();
    Ok(batches
        .iter()
        .map(|b| {
            let (accepted, rejected) = answered.get(&b.id).copied().unwrap_or_default();
            BatchSummary {
                id: b.id.clone(),
                kind: from_code(&b.kind).unwrap_or(BatchKind::Registration),
                client_company_id: b.client_company_id.clone(),
                client_company_name: b.client_company_id.as_ref().and_then(|c| names.get(c)).cloned(),
                month: b.month.clone(),
                file_name: b.file_name.clone(),
                cases: b.case_count,
                rows: b.row_count,
                accepted,
                rejected,
                state: BatchState::of(b.row_count, accepted + rejected),
                created_by: b.created_by.clone(),
                created_at: Utc.from_utc_datetime(&b.created_at),
            }
        })
        .collect())
}

/// A batch with its rows: the person (NIK masked, as in every list), the case as it stands now,
/// and e-Dabu's answer.
pub fn view(conn: &mut DbConn, batch: &Batch) -> Result<BatchView, ApiError> {
    let summary = summaries(conn, std::slice::from_ref(batch))?
        .pop()
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("summary vanished")))?;
    let states = edabu_db::case_states(conn, &batch.id)?;
    let rows = edabu_db::rows(conn, &batch.id)?
        .into_iter()
        .map(|r| BatchRowView {
            number: r.number,
            case_state: states.get(&r.case_id).and_then(|s| from_code(s)).unwrap_or(CaseState::Submitted),
            case_id: r.case_id,
            worker_id: r.worker_id,
            family_member_id: r.family_member_id,
            relation: r.relation.as_deref().and_then(from_code::<Relation>),
            full_name: r.full_name,
            nik: mask_number(&r.nik),
            noka: r.noka,
            result: r.result.as_deref().and_then(from_code::<RowResult>),
            result_noka: r.result_noka,
            result_reason: r.result_reason,
            result_at: r.result_at.map(|t| Utc.from_utc_datetime(&t)),
        })
        .collect();
    Ok(BatchView { summary, rows })
}

/// The kind a stored batch was made for.
pub(crate) fn kind_of(batch: &Batch) -> BatchKind {
    from_code(&batch.kind).unwrap_or(BatchKind::Registration)
}

/// The code stored for a row's answer.
pub(crate) fn result_code(result: RowResult) -> String {
    code_of(&result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_file_names_read_as_written() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(month_days("2026-02").ok(), day("2026-02-01").zip(day("2026-02-28")));
        assert!(month_days("2026-13").is_err() && month_days("nov").is_err());
        let name = file_name(BatchKind::Deactivation, day("2026-11-25").unwrap_or_default(), "019a-…-0123456789ab");
        assert_eq!(name, "edabu-penonaktifan-2026-11-25-456789ab.xlsx");
    }
}
