//! Recording a termination: the worker's record, the end of the current placement, and the
//! deactivation case with its due date from the monthly cut-off. A worker who never got
//! registered through the company needs no deactivation: the open registration is cancelled.
//! The client companies' webhooks hear of the worker's new status.

use serde_json::json;
use tertib_domain::lifecycle::api::TerminationRequest;
use tertib_domain::lifecycle::case::CaseDetail;
use tertib_domain::lifecycle::deadline::report_due;
use tertib_domain::lifecycle::{LifecycleSettings, MembershipStatus};
use tertib_domain::person::parse_date;
use tertib_domain::Finding;

use super::cases;
use crate::db::audit::{self, Actor, Change};
use crate::db::cases::Case;
use crate::db::{code_of, from_code, membership as membership_db, now, placements, workers as workers_db, DbConn};
use crate::error::ApiError;
use crate::webhooks::{self, WorkerChange};

/// What a termination led to.
pub struct Outcome {
    pub deactivation: Option<Case>,
    pub cancelled_case_id: Option<String>,
}

pub fn record(
    conn: &mut DbConn,
    actor: &Actor,
    worker_id: &str,
    req: &TerminationRequest,
    today: chrono::NaiveDate,
    settings: &LifecycleSettings,
) -> Result<Outcome, ApiError> {
    let worker = workers_db::find(conn, worker_id)?.ok_or(ApiError::NotFound)?;
    let date = parse_date(&req.termination_date).ok_or_else(|| {
        ApiError::invalid(Finding::error(
            "termination_date",
            "date_invalid",
            "Tanggal berhenti bekerja tidak valid (format TTTT-BB-HH).",
            "The termination date is not a valid date (YYYY-MM-DD).",
        ))
    })?;
    if date < worker.hire_date {
        return Err(ApiError::invalid(Finding::error(
            "termination_date",
            "termination_before_hire",
            "Tanggal berhenti bekerja tidak boleh sebelum tanggal mulai kerja.",
            "The termination date cannot be before the hire date.",
        )));
    }
    if date > today {
        return Err(ApiError::invalid(Finding::error(
            "termination_date",
            "termination_date_in_future",
            "Tanggal berhenti bekerja belum terjadi: catat pada hari terakhir kerja atau sesudahnya.",
            "The termination date lies in the future: record it on or after the last day of work.",
        )));
    }
    if worker.termination_date.is_some() {
        return Err(ApiError::invalid(Finding::error(
            "termination_date",
            "already_terminated",
            "Pemutusan hubungan kerja pekerja ini sudah dicatat.",
            "This worker's termination is already recorded.",
        )));
    }
    let at = now();
    membership_db::set_termination(conn, &worker.id, date, &code_of(&req.reason), at)?;
    if let Some(p) = placements::current(conn, &worker.id)? {
        placements::end(conn, &p.id, date.max(p.start_date), at)?;
        workers_db::set_derived(conn, &worker.id, &worker.warnings_json, None)?;
    }
    audit::record(
        conn,
        actor,
        Change::new("worker.terminate", "worker", Some(&worker.id))
            .before(&json!({ "termination_date": null, "client_company_id": worker.client_company_id }))
            .after(&json!({ "termination_date": date, "reason": req.reason })),
    )?;
    webhooks::worker_changed(conn, &worker.id, WorkerChange::Terminated)?;
    let status: MembershipStatus = from_code(&worker.membership_status).unwrap_or_default();
    let registered = matches!(
        status,
        MembershipStatus::RegistrationSubmitted | MembershipStatus::Active | MembershipStatus::Suspended
    );
    if !registered {
        let cancelled =
            cases::cancel_open_membership_case(conn, actor, &worker.id, "pekerja berhenti sebelum terdaftar")?;
        return Ok(Outcome { deactivation: None, cancelled_case_id: cancelled });
    }
    let detail = CaseDetail::Deactivation { reason: req.reason, termination_date: date };
    let due = report_due(date, settings.cutoff_day);
    let worker = workers_db::find(conn, worker_id)?.ok_or(ApiError::NotFound)?;
    let case = cases::open(conn, actor, &worker, None, detail, due, settings)?;
    Ok(Outcome { deactivation: Some(case), cancelled_case_id: None })
}
