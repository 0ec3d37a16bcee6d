//! Creating and changing workers.

use chrono::{NaiveDate, NaiveDateTime};
use serde_json::{Map, Value};
use tertib_domain::email::Email;
use tertib_domain::identifiers::{FaskesCode, Noka};
use tertib_domain::kk::NoKk;
use tertib_domain::lifecycle::case::FamilyChange;
use tertib_domain::lifecycle::LifecycleSettings;
use tertib_domain::nik::Nik;
use tertib_domain::person::{parse_date, required, PersonName};
use tertib_domain::region::DistrictCode;
use tertib_domain::registry::{name_words, search_key, MembershipStatus, NewWorker};
use tertib_domain::worker::WorkerDraft;
use tertib_domain::Lang;

use super::family::{member_nik_must_be_free, member_row, nik_not_in_another_family, store_derived};
use super::{
    merge, placeable_company, refuse_errors, settings_for, take_version, unique_violation_as, warnings_json, Review,
};
use crate::db::audit::{self, Actor, Change};
use crate::db::bulk::NewRows;
use crate::db::client_companies::ClientCompany;
use crate::db::family::{self as family_db, FamilyMember};
use crate::db::placements::{self, Placement};
use crate::db::workers::{self as workers_db, KkHistory, Worker};
use crate::db::{client_companies, code_of, new_id, now, DbConn};
use crate::error::ApiError;

/// How an identity number is stored: a NIK as its 16 digits, a stay-permit number without spaces
/// in upper case.
pub(crate) fn identity_number(input: &str) -> String {
    match Nik::parse(input) {
        Ok(nik) => nik.as_str().to_string(),
        Err(_) => input.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase(),
    }
}

// The tidy-ups below run after the rules passed, so the parses succeed; should one not, the value
// is kept as typed rather than lost.

pub(crate) fn kk_number(input: &str) -> Option<String> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return None;
    }
    Some(NoKk::parse(trimmed).map(|k| k.as_str().to_string()).unwrap_or_else(|_| trimmed.to_string()))
}

pub(crate) fn noka(input: &str) -> Option<String> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return None;
    }
    Some(Noka::parse(trimmed).map(|n| n.as_str().to_string()).unwrap_or_else(|_| trimmed.to_string()))
}

pub(crate) fn faskes_code(input: &str) -> String {
    FaskesCode::parse(input).map(|f| f.as_str().to_string()).unwrap_or_else(|_| input.trim().to_string())
}

pub(crate) fn person_name(input: &str) -> String {
    PersonName::parse(input).map(|n| n.to_string()).unwrap_or_else(|_| input.trim().to_string())
}

fn district_code(input: &str) -> String {
    match DistrictCode::parse(input) {
        Some(code) => code.to_string(),
        None => input.trim().to_string(),
    }
}

fn village_code(input: &str) -> String {
    let digits: String = input.trim().chars().filter(|c| *c != '.').collect();
    if digits.len() == 10 && digits.bytes().all(|b| b.is_ascii_digit()) {
        format!("{}.{}.{}.{}", &digits[0..2], &digits[2..4], &digits[4..6], &digits[6..10])
    } else {
        input.trim().to_string()
    }
}

pub(crate) fn required_date(input: &str, field: &str) -> Result<NaiveDate, ApiError> {
    parse_date(input).ok_or_else(|| ApiError::invalid(required(field)))
}

pub(crate) fn required_value<T>(value: Option<T>, field: &str) -> Result<T, ApiError> {
    value.ok_or_else(|| ApiError::invalid(required(field)))
}

/// Copies a checked draft into the row, tidied.
fn apply_draft(w: &mut Worker, d: &WorkerDraft) -> Result<(), ApiError> {
    w.nik = identity_number(&d.nik);
    w.kk_number = kk_number(&d.kk_number);
    w.full_name = person_name(&d.full_name);
    w.name_search = search_key(&w.full_name);
    w.birth_place = d.birth_place.trim().to_string();
    w.birth_date = required_date(&d.birth_date, "birth_date")?;
    w.gender = code_of(&required_value(d.gender, "gender")?);
    w.marital_status = d.marital_status.map(|m| code_of(&m));
    w.citizenship = code_of(&d.citizenship);
    w.address = d.address.trim().to_string();
    w.district_code = district_code(&d.district_code);
    w.village_code = village_code(&d.village_code);
    w.phone = d.phone.trim().to_string();
    w.email = match Email::parse(&d.email) {
        Ok(e) => e.to_string(),
        Err(_) => d.email.trim().to_string(),
    };
    w.employee_number = d.employee_number.trim().to_string();
    w.position = d.position.trim().to_string();
    w.employment_status = d.employment_status.map(|s| code_of(&s));
    w.hire_date = required_date(&d.hire_date, "hire_date")?;
    w.termination_date = parse_date(&d.termination_date);
    w.termination_reason = d.termination_reason.map(|r| code_of(&r));
    w.wage_base = required_value(d.wage_base, "wage_base")?;
    w.noka = noka(&d.noka);
    w.faskes_code = faskes_code(&d.faskes_code);
    Ok(())
}

fn blank_worker(at: NaiveDateTime) -> Worker {
    Worker {
        id: new_id(),
        nik: String::new(),
        kk_number: None,
        full_name: String::new(),
        name_search: String::new(),
        birth_place: String::new(),
        birth_date: NaiveDate::default(),
        gender: String::new(),
        marital_status: None,
        citizenship: String::new(),
        address: String::new(),
        district_code: String::new(),
        village_code: String::new(),
        phone: String::new(),
        email: String::new(),
        employee_number: String::new(),
        position: String::new(),
        employment_status: None,
        hire_date: NaiveDate::default(),
        termination_date: None,
        termination_reason: None,
        wage_base: 0,
        noka: None,
        faskes_code: String::new(),
        client_company_id: None,
        membership_status: MembershipStatus::NotRegistered.as_str().to_string(),
        membership_since: None,
        warnings_json: "[]".to_string(),
        version: 1,
        created_at: at,
        updated_at: at,
    }
}

/// 409 naming the record that holds the NIK: another worker (other than `except`), or an active
/// member of another worker's family (a family member who is hired is first removed from that
/// family).
fn nik_must_be_free(conn: &mut DbConn, nik: &str, except: Option<&str>) -> Result<(), ApiError> {
    workers_db::lock_niks(conn)?;
    match workers_db::find_by_nik(conn, nik)? {
        Some(other) if Some(other.id.as_str()) != except => {
            Err(ApiError::NikTaken { worker_id: other.id, full_name: other.full_name })
        }
        _ => nik_not_in_another_family(conn, "nik", nik, except),
    }
}

/// The worker as the audit log keeps it: in full, in Indonesian.
pub(crate) fn audit_view(conn: &mut DbConn, worker: &Worker) -> Result<tertib_domain::registry::WorkerView, ApiError> {
    let company = match &worker.client_company_id {
        Some(id) => client_companies::find(conn, id)?.map(|c| c.reference()),
        None => None,
    };
    Ok(worker.view(company, true, Lang::Id))
}

/// Creates a worker with their family members and, when a client company is named, the
/// placement there from the hire date.
pub fn create(
    conn: &mut DbConn,
    actor: &Actor,
    today: NaiveDate,
    input: NewWorker,
) -> Result<(Worker, Vec<FamilyMember>), ApiError> {
    let mut findings = Vec::new();
    let company = match input.client_company_id.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(id) => match placeable_company(conn, "client_company_id", id) {
            Ok(c) => Some(c),
            Err(ApiError::Validation(f)) => {
                findings.extend(f);
                None
            }
            Err(e) => return Err(e),
        },
        None => None,
    };
    let settings = company.as_ref().map(|c| c.validation_settings()).unwrap_or_default();
    let draft = input.worker;
    let review = Review::of(&draft, today, &settings);
    findings.extend(review.all.iter().cloned());
    refuse_errors(&findings)?;
    let nik = identity_number(&draft.nik);
    nik_must_be_free(conn, &nik, None)?;
    for (i, m) in draft.family.iter().enumerate() {
        member_nik_must_be_free(conn, &format!("family[{i}].nik"), &identity_number(&m.nik), None, today)?;
    }
    let lifecycle = crate::lifecycle::settings(conn)?;
    let mut rows = NewRows::default();
    plan_new(&mut rows, actor, today, &draft, company.as_ref(), &review, &lifecycle)?;
    let worker =
        rows.workers.first().cloned().ok_or_else(|| ApiError::internal(anyhow::anyhow!("no worker planned")))?;
    let members = rows.members.clone();
    let conflict = || ApiError::NikTaken { worker_id: String::new(), full_name: String::new() };
    rows.write(conn).map_err(|e| unique_violation_as(e, conflict()))?;
    Ok((worker, members))
}

/// Adds to `rows` everything a new worker writes, once the checks that need the database
/// (the company, the NIKs) have passed and `review` found no error: the worker, the words of the
/// name, the KK history, the placement when a company is named, the family, the registration or
/// transfer case (blocked at once when it must be), and their audit entries.
pub(crate) fn plan_new(
    rows: &mut NewRows,
    actor: &Actor,
    today: NaiveDate,
    draft: &WorkerDraft,
    company: Option<&ClientCompany>,
    review: &Review,
    lifecycle: &LifecycleSettings,
) -> Result<(), ApiError> {
    let at = now();
    let mut worker = blank_worker(at);
    apply_draft(&mut worker, draft)?;
    // A worker registered after leaving has a placement that is over already.
    let placement_end = worker.termination_date.map(|end| end.max(worker.hire_date));
    let current = company.filter(|_| placement_end.is_none());
    worker.client_company_id = current.map(|c| c.id.clone());
    worker.warnings_json = warnings_json(&review.worker);
    rows.name_words.extend(name_words(&worker.name_search).into_iter().map(|word| (word, worker.id.clone())));
    if let Some(kk) = &worker.kk_number {
        rows.kk_history.push(KkHistory {
            id: new_id(),
            worker_id: worker.id.clone(),
            kk_number: kk.clone(),
            valid_from: None,
            recorded_at: at,
            recorded_by: actor.label.clone(),
        });
    }
    if let Some(company) = company {
        rows.placements.push(Placement {
            id: new_id(),
            worker_id: worker.id.clone(),
            client_company_id: company.id.clone(),
            start_date: worker.hire_date,
            end_date: placement_end,
            created_at: at,
            updated_at: at,
        });
    }
    let view = worker.view(current.map(ClientCompany::reference), true, Lang::Id);
    rows.audit.push(audit::entry(actor, Change::new("worker.create", "worker", Some(&worker.id)).after(&view)));
    for (i, m) in draft.family.iter().enumerate() {
        let coverage = review.coverage.get(i).copied().unwrap_or(tertib_domain::family::Coverage::NotCovered);
        let findings = review.members.get(i).map(Vec::as_slice).unwrap_or_default();
        let member = member_row(&worker.id, m, coverage, findings, at)?;
        rows.audit.push(audit::entry(
            actor,
            Change::new("family_member.create", "family_member", Some(&member.id))
                .about(&worker.id)
                .after(&member.view(true, Lang::Id)),
        ));
        rows.members.push(member);
    }
    if let Some((case, entries)) = crate::lifecycle::hire_case(actor, &worker, today, lifecycle)? {
        rows.cases.push(case);
        rows.audit.extend(entries);
    }
    rows.workers.push(worker);
    Ok(())
}

/// Applies a PATCH: `version` as read and the draft fields to change. A new KK number is added to
/// the history; a termination date ends the current placement.
pub fn update(
    conn: &mut DbConn,
    actor: &Actor,
    today: NaiveDate,
    id: &str,
    mut changes: Map<String, Value>,
) -> Result<Worker, ApiError> {
    let version = take_version(&mut changes)?;
    let mut worker = workers_db::find(conn, id)?.ok_or(ApiError::NotFound)?;
    if worker.version != version {
        return Err(ApiError::VersionConflict);
    }
    let draft = merge(&worker.draft(), changes, &["family"])?;
    // A termination opens the deactivation, so it is recorded only through its own request.
    if parse_date(&draft.termination_date) != worker.termination_date
        || draft.termination_reason.map(|r| code_of(&r)) != worker.termination_reason
    {
        return Err(ApiError::invalid(tertib_domain::Finding::error(
            "termination_date",
            "termination_via_its_own_request",
            "Pemutusan hubungan kerja dicatat dengan tombol \u{201c}Catat PHK/berhenti\u{201d} (POST /api/v1/workers/{id}/termination), agar penonaktifan BPJS dibuka.",
            "A termination is recorded with \u{201c}Record termination\u{201d} (POST /api/v1/workers/{id}/termination), so that the BPJS deactivation is opened.",
        )));
    }
    let mut members = family_db::list(conn, id, false)?;
    let mut full = draft.clone();
    full.family = members.iter().map(FamilyMember::draft).collect();
    let settings = settings_for(conn, worker.client_company_id.as_deref())?;
    let review = Review::of(&full, today, &settings);
    refuse_errors(&review.all)?;
    let nik = identity_number(&draft.nik);
    // Checked only when it changes: a conflict recorded before a rule existed does not block
    // correcting the worker's other fields.
    if nik != worker.nik {
        nik_must_be_free(conn, &nik, Some(id))?;
    }

    let before = audit_view(conn, &worker)?;
    let old_kk = worker.kk_number.clone();
    let before_name = worker.name_search.clone();
    let at = now();
    apply_draft(&mut worker, &draft)?;
    worker.version += 1;
    worker.updated_at = at;
    worker.warnings_json = warnings_json(&review.worker);
    if let Some(end) = worker.termination_date {
        if let Some(current) = placements::current(conn, id)? {
            placements::end(conn, &current.id, end.max(current.start_date), at)?;
            worker.client_company_id = None;
        }
    }
    let conflict = || ApiError::NikTaken { worker_id: String::new(), full_name: String::new() };
    if !workers_db::update_versioned(conn, &worker, version).map_err(|e| unique_violation_as(e, conflict()))? {
        return Err(ApiError::VersionConflict);
    }
    if worker.name_search != before_name {
        workers_db::set_name_words(conn, &worker.id, &worker.name_search)?;
    }
    let kk_changed = old_kk.is_some() && worker.kk_number != old_kk;
    if let Some(kk) = worker.kk_number.as_ref().filter(|kk| old_kk.as_ref() != Some(*kk)) {
        workers_db::insert_kk(
            conn,
            &KkHistory {
                id: new_id(),
                worker_id: worker.id.clone(),
                kk_number: kk.clone(),
                valid_from: Some(today),
                recorded_at: at,
                recorded_by: actor.label.clone(),
            },
        )?;
    }
    store_derived(conn, &mut worker, &mut members, &review, false)?;
    let after = audit_view(conn, &worker)?;
    audit::record(conn, actor, Change::new("worker.update", "worker", Some(&worker.id)).before(&before).after(&after))?;
    if kk_changed {
        crate::lifecycle::on_family_change(conn, actor, &worker, None, FamilyChange::KkChange, today)?;
    }
    Ok(worker)
}

/// The worker's current warnings and family coverage, recomputed (after a change to the family or
/// the placement).
pub(crate) fn review_now(
    conn: &mut DbConn,
    worker: &Worker,
    members: &[FamilyMember],
    today: NaiveDate,
) -> Result<Review, ApiError> {
    let settings = settings_for(conn, worker.client_company_id.as_deref())?;
    let mut draft = worker.draft();
    draft.family = members.iter().map(FamilyMember::draft).collect();
    Ok(Review::of(&draft, today, &settings))
}
