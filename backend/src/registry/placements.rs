//! Placing a worker with a client company. A new placement ends the current one the day before
//! it starts; the history is kept.

use chrono::NaiveDate;
use tertib_domain::person::{check_required_date, format_date, required};
use tertib_domain::registry::NewPlacement;
use tertib_domain::Finding;

use super::family::store_derived;
use super::placeable_company;
use super::workers::review_now;
use crate::db::audit::{self, Actor, Change};
use crate::db::client_companies::{self, ClientCompany};
use crate::db::family as family_db;
use crate::db::placements::{self, Placement};
use crate::db::workers as workers_db;
use crate::db::{new_id, now, DbConn};
use crate::error::ApiError;

pub fn add(
    conn: &mut DbConn,
    actor: &Actor,
    today: NaiveDate,
    worker_id: &str,
    req: &NewPlacement,
) -> Result<(Placement, ClientCompany), ApiError> {
    let mut worker = workers_db::find(conn, worker_id)?.ok_or(ApiError::NotFound)?;
    let mut findings = Vec::new();
    let company = if req.client_company_id.trim().is_empty() {
        findings.push(required("client_company_id"));
        None
    } else {
        match placeable_company(conn, "client_company_id", &req.client_company_id) {
            Ok(c) => Some(c),
            Err(ApiError::Validation(f)) => {
                findings.extend(f);
                None
            }
            Err(e) => return Err(e),
        }
    };
    let start = match check_required_date("start_date", &req.start_date) {
        Ok(d) => Some(d),
        Err(f) => {
            findings.push(f);
            None
        }
    };
    let current = placements::current(conn, worker_id)?;
    if let Some(start) = start {
        if start < worker.hire_date {
            findings.push(Finding::error(
                "start_date",
                "placement_before_hire",
                format!(
                    "Penempatan tidak dapat dimulai sebelum tanggal mulai kerja {}.",
                    format_date(worker.hire_date)
                ),
                format!("A placement cannot start before the hire date {}.", format_date(worker.hire_date)),
            ));
        }
        if let Some(end) = worker.termination_date.filter(|end| start > *end) {
            findings.push(Finding::error(
                "start_date",
                "placement_after_termination",
                format!(
                    "Pekerja berhenti kerja pada {}: penempatan baru tidak dapat dimulai sesudahnya.",
                    format_date(end)
                ),
                format!("The worker left on {}: a new placement cannot start after that.", format_date(end)),
            ));
        }
        if let Some(cur) = current.as_ref().filter(|cur| start <= cur.start_date) {
            findings.push(Finding::error(
                "start_date",
                "placement_before_current",
                format!(
                    "Penempatan baru harus dimulai sesudah penempatan saat ini (mulai {}).",
                    format_date(cur.start_date)
                ),
                format!("A new placement must start after the current one (started {}).", format_date(cur.start_date)),
            ));
        }
    }
    if let (Some(c), Some(cur)) = (&company, &current) {
        if cur.client_company_id == c.id {
            findings.push(Finding::error(
                "client_company_id",
                "placement_unchanged",
                format!("Pekerja sudah ditempatkan di {}.", c.name),
                format!("The worker is already placed with {}.", c.name),
            ));
        }
    }
    let (Some(company), Some(start), true) = (company, start, findings.is_empty()) else {
        return Err(ApiError::Validation(findings));
    };

    let at = now();
    let before = match &current {
        Some(cur) => {
            placements::end(conn, &cur.id, start.pred_opt().unwrap_or(start), at)?;
            client_companies::find(conn, &cur.client_company_id)?.map(|c| cur.view(&c))
        }
        None => None,
    };
    let placement = Placement {
        id: new_id(),
        worker_id: worker.id.clone(),
        client_company_id: company.id.clone(),
        start_date: start,
        end_date: None,
        created_at: at,
        updated_at: at,
    };
    placements::insert(conn, &placement).map_err(|e| super::unique_violation_as(e, ApiError::Conflict))?;

    // The wage is now measured against this company's UMK.
    worker.client_company_id = Some(company.id.clone());
    let mut members = family_db::list(conn, worker_id, false)?;
    let review = review_now(conn, &worker, &members, today)?;
    store_derived(conn, &mut worker, &mut members, &review, true)?;

    let mut change = Change::new("placement.create", "worker", Some(&worker.id)).after(&placement.view(&company));
    if let Some(before) = &before {
        change = change.before(before);
    }
    audit::record(conn, actor, change)?;
    Ok((placement, company))
}
