//! The daily check: opens a family-change case ahead of a child reaching 21 (unless already known
//! to be in formal education) or 25, and ends the cover after a dismissal when its six months are
//! over. It runs at start-up and every night; running it twice on a day changes nothing.

use chrono::{Days, Months, NaiveDate};
use diesel::prelude::*;
use tertib_domain::family::Relation;
use tertib_domain::lifecycle::case::{CaseDetail, FamilyChange};
use tertib_domain::lifecycle::deadline::{birthday, report_due};
use tertib_domain::lifecycle::{LifecycleSettings, MembershipStatus};

use super::cases::{self, subject_key};
use super::membership::{self, StatusChange};
use crate::db::audit::Actor;
use crate::db::schema::family_members;
use crate::db::{cases as cases_db, code_of, membership as membership_db, workers as workers_db, DbConn};
use crate::error::ApiError;

/// What a run did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct DailyReport {
    pub cases_opened: Vec<String>,
    pub covers_ended: usize,
}

/// Children who may reach an age limit within the notice period: `(worker, member, birth, in
/// education)`.
fn children_near_limits(
    conn: &mut DbConn,
    today: NaiveDate,
    settings: &LifecycleSettings,
) -> Result<Vec<(String, String, NaiveDate, bool)>, ApiError> {
    let horizon = today.checked_add_days(Days::new(u64::from(settings.ageing_notice_days))).unwrap_or(today);
    let born_by = horizon.checked_sub_months(Months::new(21 * 12)).unwrap_or(horizon);
    let relations = [code_of(&Relation::Child), code_of(&Relation::ExtraChild)];
    let covered = [code_of(&MembershipStatus::Active), code_of(&MembershipStatus::Suspended)];
    Ok(family_members::table
        .filter(family_members::relation.eq_any(relations))
        .filter(family_members::removed_at.is_null())
        .filter(family_members::membership_status.eq_any(covered))
        .filter(family_members::birth_date.le(born_by))
        .select((
            family_members::worker_id,
            family_members::id,
            family_members::birth_date,
            family_members::in_formal_education,
        ))
        .load(conn)?)
}

pub fn run(conn: &mut DbConn, today: NaiveDate, settings: &LifecycleSettings) -> Result<DailyReport, ApiError> {
    let actor = Actor::system("daily-check");
    let mut report = DailyReport::default();
    let notice = Days::new(u64::from(settings.ageing_notice_days));
    for (worker_id, member_id, birth, in_education) in children_near_limits(conn, today, settings)? {
        let (Some(at21), Some(at25)) = (birthday(birth, 21), birthday(birth, 25)) else { continue };
        let due_soon = |day: NaiveDate| day.checked_sub_days(notice).is_some_and(|d| d <= today);
        let change = if due_soon(at25) {
            Some((FamilyChange::ChildTurns25, at25))
        } else if due_soon(at21) && !in_education {
            Some((FamilyChange::ChildTurns21, at21))
        } else {
            None
        };
        let Some((change, effective)) = change else { continue };
        let detail =
            CaseDetail::FamilyChange { change, member_id: Some(member_id.clone()), effective_date: Some(effective) };
        if cases_db::exists_for_subject(conn, &worker_id, &subject_key(&detail))? {
            continue;
        }
        let Some(worker) = workers_db::find(conn, &worker_id)? else { continue };
        let due = report_due(effective.max(today), settings.cutoff_day);
        let case = cases::open(conn, &actor, &worker, Some(&member_id), detail, due, settings)?;
        report.cases_opened.push(case.id);
    }
    for (worker_id, member_id) in membership_db::phk_cover_ended(conn, today)? {
        let change = StatusChange {
            status: MembershipStatus::Inactive,
            since: today,
            until: None,
            reason: "phk_cover_ended",
            case_id: None,
        };
        match member_id {
            None => membership::set_worker(conn, &actor, &worker_id, &change)?,
            Some(m) => membership::set_member(conn, &actor, &worker_id, &m, &change)?,
        }
        report.covers_ended += 1;
    }
    Ok(report)
}
