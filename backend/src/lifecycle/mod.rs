//! The membership lifecycle as an enforced procedure: cases and their steps, what each step does
//! to membership status, terminations, documents, arrears and the daily check. The rules (which
//! step from which state, by whom, needing what) are the domain's ([`tertib_domain::lifecycle`]);
//! this module applies them to the database, each change with its audit entry in the caller's
//! transaction.

pub mod arrears;
pub mod cases;
pub mod daily;
pub mod documents;
pub mod membership;
pub mod termination;

use tertib_domain::lifecycle::LifecycleSettings;

use crate::db::{settings as settings_db, DbConn};
use crate::error::ApiError;

/// The key of the lifecycle settings in the `settings` table.
pub const SETTINGS_KEY: &str = "lifecycle";

/// The settings in force: the stored ones, or the defaults.
pub fn settings(conn: &mut DbConn) -> Result<LifecycleSettings, ApiError> {
    Ok(settings_db::get(conn, SETTINGS_KEY)?.unwrap_or_default())
}

/// The procedure a new worker needs: a transfer when they already hold a card number (a member
/// elsewhere), otherwise a registration, due at the cut-off of the month of hire (or of this
/// month, for a worker recorded late). A worker recorded after leaving needs neither. The case
/// and its audit entries are written with the worker's other rows (see
/// [`crate::db::bulk::NewRows`]).
pub fn hire_case(
    actor: &crate::db::audit::Actor,
    worker: &crate::db::workers::Worker,
    today: chrono::NaiveDate,
    settings: &LifecycleSettings,
) -> Result<Option<(crate::db::cases::Case, Vec<crate::db::audit::Entry>)>, ApiError> {
    use tertib_domain::lifecycle::case::CaseDetail;
    use tertib_domain::lifecycle::deadline::report_due;
    if worker.termination_date.is_some() {
        return Ok(None);
    }
    let detail = if worker.noka.is_some() { CaseDetail::Transfer { previous: None } } else { CaseDetail::Registration };
    let due = report_due(worker.hire_date.max(today), settings.cutoff_day);
    cases::new_hire_case(actor, worker, &detail, due).map(Some)
}

/// Opens the family change a registered worker's family needs after `change` (adding or removing
/// a member, a new KK). A worker not yet registered needs none: the family goes with the
/// registration. Nothing is opened when the same change is already open.
pub fn on_family_change(
    conn: &mut DbConn,
    actor: &crate::db::audit::Actor,
    worker: &crate::db::workers::Worker,
    member_id: Option<&str>,
    change: tertib_domain::lifecycle::case::FamilyChange,
    today: chrono::NaiveDate,
) -> Result<Option<crate::db::cases::Case>, ApiError> {
    use tertib_domain::lifecycle::case::CaseDetail;
    use tertib_domain::lifecycle::deadline::report_due;
    use tertib_domain::lifecycle::MembershipStatus;
    let status: MembershipStatus = crate::db::from_code(&worker.membership_status).unwrap_or_default();
    if !matches!(status, MembershipStatus::Active | MembershipStatus::Suspended) {
        return Ok(None);
    }
    let detail =
        CaseDetail::FamilyChange { change, member_id: member_id.map(str::to_string), effective_date: Some(today) };
    if crate::db::cases::open_for_subject(conn, &worker.id, &cases::subject_key(&detail))?.is_some() {
        return Ok(None);
    }
    let settings = settings(conn)?;
    let due = report_due(today, settings.cutoff_day);
    cases::open(conn, actor, worker, member_id, detail, due, &settings).map(Some)
}
