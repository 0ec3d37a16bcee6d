//! Adding, changing and removing family members. Each change re-derives every member's coverage:
//! a fourth child added becomes extra, a child removed frees a place for the next.

use chrono::{NaiveDate, NaiveDateTime};
use serde_json::{Map, Value};
use tertib_domain::family::{Coverage, FamilyMemberDraft};
use tertib_domain::lifecycle::case::FamilyChange;
use tertib_domain::person::parse_date;
use tertib_domain::registry::MembershipStatus;
use tertib_domain::{Finding, Lang};

use super::workers::{
    faskes_code, identity_number, kk_number, noka, person_name, required_date, required_value, review_now,
};
use super::{merge, refuse_errors, take_version, warnings_json, Review};
use crate::db::audit::{self, Actor, Change};
use crate::db::family::{self as family_db, FamilyMember};
use crate::db::workers::{self as workers_db, Worker};
use crate::db::{code_of, new_id, now, DbConn};
use crate::error::{ApiError, NikHolder};

fn apply_member_draft(m: &mut FamilyMember, d: &FamilyMemberDraft) -> Result<(), ApiError> {
    m.relation = code_of(&required_value(d.relation, "relation")?);
    m.nik = identity_number(&d.nik);
    m.kk_number = kk_number(&d.kk_number);
    m.full_name = person_name(&d.full_name);
    m.birth_place = d.birth_place.trim().to_string();
    m.birth_date = required_date(&d.birth_date, "birth_date")?;
    m.gender = code_of(&required_value(d.gender, "gender")?);
    m.marital_status = d.marital_status.map(|s| code_of(&s));
    m.citizenship = code_of(&d.citizenship);
    m.noka = noka(&d.noka);
    m.faskes_code = faskes_code(&d.faskes_code);
    m.in_formal_education = d.in_formal_education;
    m.education_until = parse_date(&d.education_until);
    Ok(())
}

/// A new row for a checked member draft.
pub(crate) fn member_row(
    worker_id: &str,
    draft: &FamilyMemberDraft,
    coverage: Coverage,
    findings: &[Finding],
    at: NaiveDateTime,
) -> Result<FamilyMember, ApiError> {
    let mut m = FamilyMember {
        id: new_id(),
        worker_id: worker_id.to_string(),
        relation: String::new(),
        nik: String::new(),
        kk_number: None,
        full_name: String::new(),
        birth_place: String::new(),
        birth_date: NaiveDate::default(),
        gender: String::new(),
        marital_status: None,
        citizenship: String::new(),
        noka: None,
        faskes_code: String::new(),
        in_formal_education: false,
        education_until: None,
        coverage: code_of(&coverage),
        warnings_json: warnings_json(findings),
        version: 1,
        created_at: at,
        updated_at: at,
        removed_at: None,
    };
    apply_member_draft(&mut m, draft)?;
    Ok(m)
}

/// Writes the derived fields that changed: the members' coverage and warnings and, when
/// `worker_too`, the worker's warnings and current company.
pub(crate) fn store_derived(
    conn: &mut DbConn,
    worker: &mut Worker,
    members: &mut [FamilyMember],
    review: &Review,
    worker_too: bool,
) -> Result<(), ApiError> {
    if worker_too {
        worker.warnings_json = warnings_json(&review.worker);
        workers_db::set_derived(conn, &worker.id, &worker.warnings_json, worker.client_company_id.as_deref())?;
    }
    for (i, m) in members.iter_mut().enumerate() {
        let coverage = code_of(&review.coverage.get(i).copied().unwrap_or(Coverage::NotCovered));
        let warnings = warnings_json(review.members.get(i).map(Vec::as_slice).unwrap_or_default());
        if coverage != m.coverage || warnings != m.warnings_json {
            family_db::set_derived(conn, &m.id, &coverage, &warnings)?;
            m.coverage = coverage;
            m.warnings_json = warnings;
        }
    }
    Ok(())
}

/// Whether a worker's record keeps their NIK from being anyone's family member: while they work
/// here (no termination date, or one still ahead) or are covered through this company. Someone who
/// left and whose membership here ended may be listed in a worker's family.
fn holds_nik(worker: &Worker, today: NaiveDate) -> bool {
    let employed = worker.termination_date.is_none_or(|end| end > today);
    let covered = !matches!(worker.membership(), MembershipStatus::Inactive | MembershipStatus::NotRegistered);
    employed || covered
}

/// 409 naming the record when the NIK of a family member (at `field`) of worker `worker_id`
/// (`None` for a worker being registered) is another person's here: another worker's (someone
/// employed here is a member in their own right, not someone's family), or an active member's of
/// another worker's family (a child is listed under one parent only). The worker's own NIK and
/// the rest of the family are the domain's rules (`nik_same_as_worker`, `nik_duplicate_in_family`).
pub(crate) fn member_nik_must_be_free(
    conn: &mut DbConn,
    field: &str,
    nik: &str,
    worker_id: Option<&str>,
    today: NaiveDate,
) -> Result<(), ApiError> {
    workers_db::lock_niks(conn)?;
    if let Some(w) = workers_db::find_by_nik(conn, nik)? {
        worker_may_not_hold(field, &w, worker_id, today)?;
    }
    nik_not_in_another_family(conn, field, nik, worker_id)
}

/// The first half of [`member_nik_must_be_free`], given the worker stored with the NIK.
pub(crate) fn worker_may_not_hold(
    field: &str,
    holder: &Worker,
    worker_id: Option<&str>,
    today: NaiveDate,
) -> Result<(), ApiError> {
    if Some(holder.id.as_str()) != worker_id && holds_nik(holder, today) {
        return Err(ApiError::NikHeld {
            field: field.to_string(),
            holder: NikHolder::Worker { id: holder.id.clone(), full_name: holder.full_name.clone() },
        });
    }
    Ok(())
}

/// 409 naming the member when the NIK is an active family member's of a worker other than
/// `worker_id`.
pub(crate) fn nik_not_in_another_family(
    conn: &mut DbConn,
    field: &str,
    nik: &str,
    worker_id: Option<&str>,
) -> Result<(), ApiError> {
    match family_db::find_active_by_nik(conn, nik, worker_id)? {
        Some((m, worker_name)) => Err(held_by_member(field, m, worker_name)),
        None => Ok(()),
    }
}

/// The 409 for a NIK that `member` (of the worker named `worker_name`) holds.
pub(crate) fn held_by_member(field: &str, member: FamilyMember, worker_name: String) -> ApiError {
    ApiError::NikHeld {
        field: field.to_string(),
        holder: NikHolder::FamilyMember {
            id: member.id,
            full_name: member.full_name,
            worker_id: member.worker_id,
            worker_name,
        },
    }
}

/// Adds a member to the worker's family.
pub fn add(
    conn: &mut DbConn,
    actor: &Actor,
    today: NaiveDate,
    worker_id: &str,
    draft: FamilyMemberDraft,
) -> Result<FamilyMember, ApiError> {
    let mut worker = workers_db::find(conn, worker_id)?.ok_or(ApiError::NotFound)?;
    let mut members = family_db::list(conn, worker_id, false)?;
    let target = members.len();
    let mut drafts: Vec<FamilyMemberDraft> = members.iter().map(FamilyMember::draft).collect();
    drafts.push(draft.clone());
    let review = review_with(conn, &worker, drafts, today)?;
    refuse_errors(&review.for_member(target))?;
    member_nik_must_be_free(conn, "nik", &identity_number(&draft.nik), Some(worker_id), today)?;
    let at = now();
    let coverage = review.coverage.get(target).copied().unwrap_or(Coverage::NotCovered);
    let member =
        member_row(worker_id, &draft, coverage, review.members.get(target).map(Vec::as_slice).unwrap_or_default(), at)?;
    family_db::insert(conn, &member)?;
    members.push(member);
    store_derived(conn, &mut worker, &mut members, &review, true)?;
    let member = members.pop().ok_or_else(|| ApiError::internal(anyhow::anyhow!("member vanished")))?;
    audit::record(
        conn,
        actor,
        Change::new("family_member.create", "family_member", Some(&member.id))
            .about(&member.worker_id)
            .after(&member.view(true, Lang::Id)),
    )?;
    crate::lifecycle::on_family_change(conn, actor, &worker, Some(&member.id), FamilyChange::AddMember, today)?;
    Ok(member)
}

/// Changes a member (`version` as read and the fields to change), or removes it with
/// `"removed": true`. Removed members keep their row and can no longer be changed.
pub fn update(
    conn: &mut DbConn,
    actor: &Actor,
    today: NaiveDate,
    worker_id: &str,
    member_id: &str,
    mut changes: Map<String, Value>,
) -> Result<FamilyMember, ApiError> {
    let version = take_version(&mut changes)?;
    let remove = match changes.remove("removed") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => b,
        Some(_) => return Err(ApiError::BadRequest("removed: true or false is expected".into())),
    };
    if remove && !changes.is_empty() {
        return Err(ApiError::BadRequest("removed: a member is removed without other changes".into()));
    }
    let mut worker = workers_db::find(conn, worker_id)?.ok_or(ApiError::NotFound)?;
    let mut member = family_db::find(conn, worker_id, member_id)?.ok_or(ApiError::NotFound)?;
    if member.version != version {
        return Err(ApiError::VersionConflict);
    }
    if member.removed_at.is_some() {
        return Err(ApiError::invalid(Finding::error(
            "removed",
            "family_member_removed",
            "Anggota keluarga ini sudah dihapus dan tidak dapat diubah lagi.",
            "This family member was removed and can no longer be changed.",
        )));
    }
    let before = member.view(true, Lang::Id);
    let at = now();

    let action = if remove {
        member.removed_at = Some(at);
        "family_member.remove"
    } else {
        let draft = merge(&member.draft(), changes, &[])?;
        let all = family_db::list(conn, worker_id, false)?;
        let target = all.iter().position(|m| m.id == member.id).unwrap_or(all.len());
        let drafts: Vec<FamilyMemberDraft> =
            all.iter().map(|m| if m.id == member.id { draft.clone() } else { m.draft() }).collect();
        let review = review_with(conn, &worker, drafts, today)?;
        refuse_errors(&review.for_member(target))?;
        let nik = identity_number(&draft.nik);
        // Checked only when it changes: a conflict recorded before this rule existed does not
        // block correcting the member's other fields.
        if nik != member.nik {
            member_nik_must_be_free(conn, "nik", &nik, Some(worker_id), today)?;
        }
        apply_member_draft(&mut member, &draft)?;
        "family_member.update"
    };
    member.version += 1;
    member.updated_at = at;
    if !family_db::update_versioned(conn, &member, version)? {
        return Err(ApiError::VersionConflict);
    }

    // Coverage and warnings of the whole family as it is now, this member included.
    let mut members = family_db::list(conn, worker_id, false)?;
    let review = review_now(conn, &worker, &members, today)?;
    store_derived(conn, &mut worker, &mut members, &review, true)?;
    if let Some(now_stored) = members.iter().find(|m| m.id == member.id) {
        member = now_stored.clone();
    } else {
        // Removed: no longer in the family, so nothing is covered through it.
        family_db::set_derived(conn, &member.id, &code_of(&Coverage::NotCovered), "[]")?;
        member.coverage = code_of(&Coverage::NotCovered);
        member.warnings_json = "[]".to_string();
    }
    audit::record(
        conn,
        actor,
        Change::new(action, "family_member", Some(&member.id))
            .about(&member.worker_id)
            .before(&before)
            .after(&member.view(true, Lang::Id)),
    )?;
    if remove {
        crate::lifecycle::on_family_change(conn, actor, &worker, Some(&member.id), FamilyChange::RemoveMember, today)?;
    }
    Ok(member)
}

fn review_with(
    conn: &mut DbConn,
    worker: &Worker,
    drafts: Vec<FamilyMemberDraft>,
    today: NaiveDate,
) -> Result<Review, ApiError> {
    let settings = super::settings_for(conn, worker.client_company_id.as_deref())?;
    let mut draft = worker.draft();
    draft.family = drafts;
    Ok(Review::of(&draft, today, &settings))
}
