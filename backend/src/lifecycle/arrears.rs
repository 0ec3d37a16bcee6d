//! Arrears per person. Open arrears of this company suspend coverage; self-paying arrears block a
//! transfer (through the transfer's checklist); settling them needs evidence.

use chrono::{TimeZone, Utc};
use tertib_domain::lifecycle::api::{ArrearsPatch, ArrearsView, NewArrears};
use tertib_domain::lifecycle::arrears::{
    counted_months, ArrearsSource, ArrearsStatus, FINE_CAP, FINE_PERCENT_PER_MONTH, MAX_FINE_MONTHS,
};
use tertib_domain::lifecycle::{LifecycleSettings, MembershipStatus};
use tertib_domain::money::Rupiah;
use tertib_domain::Finding;

use super::cases;
use super::membership::{self, StatusChange};
use crate::db::arrears::{self as arrears_db, Arrears};
use crate::db::audit::{self, Actor, Change};
use crate::db::{
    cases as cases_db, code_of, family as family_db, from_code, new_id, now, workers as workers_db, DbConn,
};
use crate::error::ApiError;
use crate::registry::today;

/// Months of arrears anyone would record (50 years).
const MAX_MONTHS: u32 = 600;

pub fn view(a: &Arrears) -> ArrearsView {
    let months = u32::try_from(a.months).unwrap_or(0);
    ArrearsView {
        id: a.id.clone(),
        worker_id: a.worker_id.clone(),
        family_member_id: a.family_member_id.clone(),
        source: from_code(&a.source).unwrap_or(ArrearsSource::ThisCompany),
        months,
        counted_months: counted_months(months),
        amount: Rupiah::new(a.amount).unwrap_or(Rupiah::ZERO),
        status: from_code(&a.status).unwrap_or(ArrearsStatus::Open),
        evidence: a.evidence.clone(),
        note: a.note.clone(),
        fine_percent: u32::try_from(FINE_PERCENT_PER_MONTH).unwrap_or(5) * months.min(MAX_FINE_MONTHS),
        fine_cap: Rupiah::new(FINE_CAP).unwrap_or(Rupiah::ZERO),
        version: a.version,
        created_at: Utc.from_utc_datetime(&a.created_at),
        settled_at: a.settled_at.map(|t| Utc.from_utc_datetime(&t)),
    }
}

pub fn add(
    conn: &mut DbConn,
    actor: &Actor,
    worker_id: &str,
    new: &NewArrears,
    settings: &LifecycleSettings,
) -> Result<Arrears, ApiError> {
    let worker = workers_db::find(conn, worker_id)?.ok_or(ApiError::NotFound)?;
    if !(1..=MAX_MONTHS).contains(&new.months) {
        return Err(ApiError::invalid(Finding::error(
            "months",
            "months_out_of_range",
            format!("Jumlah bulan tunggakan harus 1 sampai {MAX_MONTHS}."),
            format!("Months in arrears must be 1 to {MAX_MONTHS}."),
        )));
    }
    if let Some(member) = &new.family_member_id {
        if family_db::find(conn, worker_id, member)?.is_none() {
            return Err(ApiError::invalid(Finding::error(
                "family_member_id",
                "member_unknown",
                "Anggota keluarga ini bukan keluarga pekerja tersebut.",
                "This is not a family member of the worker.",
            )));
        }
    }
    let at = now();
    let row = Arrears {
        id: new_id(),
        worker_id: worker.id.clone(),
        family_member_id: new.family_member_id.clone(),
        source: code_of(&new.source),
        months: i32::try_from(new.months).unwrap_or(i32::MAX),
        amount: new.amount.amount(),
        status: code_of(&ArrearsStatus::Open),
        evidence: String::new(),
        note: new.note.trim().to_string(),
        version: 1,
        created_at: at,
        updated_at: at,
        settled_at: None,
    };
    arrears_db::insert(conn, &row)?;
    audit::record(
        conn,
        actor,
        Change::new("arrears.create", "arrears", Some(&row.id)).about(&worker.id).after(&view(&row)),
    )?;
    follow_arrears(conn, actor, &worker.id, settings)?;
    Ok(row)
}

pub fn settle(
    conn: &mut DbConn,
    actor: &Actor,
    id: &str,
    patch: &ArrearsPatch,
    settings: &LifecycleSettings,
) -> Result<Arrears, ApiError> {
    let mut row = arrears_db::find(conn, id)?.ok_or(ApiError::NotFound)?;
    if row.version != patch.version {
        return Err(ApiError::VersionConflict);
    }
    let evidence = patch.evidence.trim();
    if patch.status != ArrearsStatus::Open && evidence.is_empty() {
        return Err(ApiError::invalid(Finding::error(
            "evidence",
            "evidence_required",
            "Sebutkan buktinya (nomor tanda terima, surat keterangan).",
            "Give the evidence (receipt number, letter).",
        )));
    }
    let before = view(&row);
    let read = row.version;
    row.status = code_of(&patch.status);
    row.evidence = evidence.to_string();
    if let Some(note) = &patch.note {
        row.note = note.trim().to_string();
    }
    row.version += 1;
    row.updated_at = now();
    row.settled_at = (patch.status != ArrearsStatus::Open).then_some(row.updated_at);
    if !arrears_db::update(conn, &row, read)? {
        return Err(ApiError::VersionConflict);
    }
    audit::record(
        conn,
        actor,
        Change::new("arrears.update", "arrears", Some(&row.id))
            .about(&row.worker_id)
            .before(&before)
            .after(&view(&row)),
    )?;
    follow_arrears(conn, actor, &row.worker_id, settings)?;
    Ok(row)
}

/// Brings membership and the open transfer in line with the worker's arrears: this company's open
/// arrears suspend an active membership (and paying them lifts it); self-paying arrears block the
/// open transfer.
fn follow_arrears(
    conn: &mut DbConn,
    actor: &Actor,
    worker_id: &str,
    settings: &LifecycleSettings,
) -> Result<(), ApiError> {
    let open = code_of(&ArrearsStatus::Open);
    let ours = code_of(&ArrearsSource::ThisCompany);
    let owing = arrears_db::for_worker(conn, worker_id)?.iter().any(|a| a.status == open && a.source == ours);
    let worker = workers_db::find(conn, worker_id)?.ok_or(ApiError::NotFound)?;
    let status: MembershipStatus = from_code(&worker.membership_status).unwrap_or_default();
    let target = match (status, owing) {
        (MembershipStatus::Active, true) => Some(MembershipStatus::Suspended),
        (MembershipStatus::Suspended, false) => Some(MembershipStatus::Active),
        _ => None,
    };
    if let Some(target) = target {
        let change = StatusChange { status: target, since: today(), until: None, reason: "arrears", case_id: None };
        membership::set_worker_and_family(conn, actor, worker_id, &change)?;
    }
    if let Some(case) = cases_db::open_for_subject(conn, worker_id, "membership")? {
        cases::block_if_needed(conn, case, settings)?;
    }
    Ok(())
}
