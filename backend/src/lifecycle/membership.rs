//! Changing a person's membership status: the history entry, the current status on the person,
//! the audit entry, and for a worker the client companies' webhook deliveries, together.

use chrono::NaiveDate;
use serde_json::json;
use tertib_domain::family::Coverage;
use tertib_domain::lifecycle::MembershipStatus;

use crate::db::audit::{self, Actor, Change};
use crate::db::membership::{self as membership_db, Event};
use crate::db::{code_of, family as family_db, from_code, new_id, now, DbConn};
use crate::error::ApiError;
use crate::webhooks::{self, WorkerChange};

/// A new status for one person or a family.
#[derive(Debug, Clone)]
pub struct StatusChange<'a> {
    pub status: MembershipStatus,
    pub since: NaiveDate,
    pub until: Option<NaiveDate>,
    pub reason: &'a str,
    pub case_id: Option<&'a str>,
}

fn apply(
    conn: &mut DbConn,
    actor: &Actor,
    worker_id: &str,
    member_id: Option<&str>,
    change: &StatusChange<'_>,
) -> Result<(), ApiError> {
    let before = match member_id {
        None => membership_db::of_worker(conn, worker_id)?.map(|c| c.0),
        Some(m) => membership_db::of_family(conn, worker_id)?.into_iter().find(|(id, _)| id == m).map(|(_, c)| c.0),
    };
    let status = code_of(&change.status);
    if before.as_deref() == Some(status.as_str()) {
        return Ok(());
    }
    let event = Event {
        id: new_id(),
        worker_id: worker_id.to_string(),
        family_member_id: member_id.map(str::to_string),
        status: status.clone(),
        since: change.since,
        until: change.until,
        reason: change.reason.to_string(),
        case_id: change.case_id.map(str::to_string),
        recorded_at: now(),
        recorded_by: actor.label.clone(),
    };
    membership_db::apply(conn, &event)?;
    if member_id.is_none() {
        let before = before.as_deref().and_then(from_code).unwrap_or_default();
        webhooks::worker_changed(conn, worker_id, WorkerChange::Membership { before, event_id: &event.id })?;
    }
    let entity = if member_id.is_some() { "family_member" } else { "worker" };
    audit::record(
        conn,
        actor,
        Change::new("membership.change", entity, Some(member_id.unwrap_or(worker_id)))
            .about(worker_id)
            .before(&json!({ "status": before }))
            .after(&json!({ "status": status, "since": change.since, "until": change.until, "reason": change.reason, "case_id": change.case_id })),
    )?;
    Ok(())
}

pub fn set_worker(
    conn: &mut DbConn,
    actor: &Actor,
    worker_id: &str,
    change: &StatusChange<'_>,
) -> Result<(), ApiError> {
    apply(conn, actor, worker_id, None, change)
}

pub fn set_member(
    conn: &mut DbConn,
    actor: &Actor,
    worker_id: &str,
    member_id: &str,
    change: &StatusChange<'_>,
) -> Result<(), ApiError> {
    apply(conn, actor, worker_id, Some(member_id), change)
}

/// Whether a family member in `current` status follows the worker into `target`. Registration
/// takes the members the worker's contribution covers (extra members are added once the worker is
/// active, by a family change); deactivation takes everyone registered.
pub(crate) fn member_follows(target: MembershipStatus, current: MembershipStatus, coverage: Coverage) -> bool {
    use MembershipStatus as M;
    let covered = coverage == Coverage::Covered;
    match target {
        M::ActiveElsewhere => covered && current == M::NotRegistered,
        M::RegistrationSubmitted => covered && matches!(current, M::NotRegistered | M::ActiveElsewhere),
        M::NotRegistered => matches!(current, M::RegistrationSubmitted | M::ActiveElsewhere),
        M::Active => {
            matches!(current, M::DeactivationSubmitted | M::Suspended)
                || (covered && matches!(current, M::NotRegistered | M::RegistrationSubmitted))
        }
        M::Suspended => current == M::Active,
        M::DeactivationSubmitted => matches!(current, M::Active | M::Suspended),
        M::Inactive | M::PhkCover => {
            matches!(current, M::Active | M::Suspended | M::DeactivationSubmitted | M::PhkCover)
        }
    }
}

/// The worker, and the family members who follow the worker into the new status.
pub fn set_worker_and_family(
    conn: &mut DbConn,
    actor: &Actor,
    worker_id: &str,
    change: &StatusChange<'_>,
) -> Result<(), ApiError> {
    apply(conn, actor, worker_id, None, change)?;
    let current: std::collections::HashMap<String, String> =
        membership_db::of_family(conn, worker_id)?.into_iter().map(|(id, c)| (id, c.0)).collect();
    for member in family_db::list(conn, worker_id, false)? {
        let status = current.get(&member.id).and_then(|s| from_code(s)).unwrap_or_default();
        let coverage = from_code(&member.coverage).unwrap_or(Coverage::NotCovered);
        if member_follows(change.status, status, coverage) {
            apply(conn, actor, worker_id, Some(&member.id), change)?;
        }
    }
    Ok(())
}
