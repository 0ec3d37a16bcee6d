//! Collects a day's digest from the cases, arrears and workers.

use chrono::NaiveDate;
use tertib_domain::lifecycle::arrears::ArrearsSource;
use tertib_domain::lifecycle::case::{CaseDetail, FamilyChange};
use tertib_domain::lifecycle::deadline::cutoff_of_month;
use tertib_domain::lifecycle::{CaseKind, CaseState, LifecycleSettings};
use tertib_domain::money::{contribution, ContributionSettings, Rupiah};
use tertib_domain::registry::mask_number;
use tertib_domain::reminders::{Digest, DigestItem};
use tertib_domain::Lang;

use crate::db::cases::{self as cases_db, Case};
use crate::db::workers::{self as workers_db, Worker};
use crate::db::{arrears as arrears_db, client_companies, family as family_db, from_code, DbConn};
use crate::error::ApiError;

fn item(
    conn: &mut DbConn,
    worker: &Worker,
    case_id: Option<&str>,
    date: Option<NaiveDate>,
    note: String,
) -> Result<DigestItem, ApiError> {
    let company = match &worker.client_company_id {
        Some(id) => client_companies::find(conn, id)?.map(|c| c.name),
        None => None,
    };
    Ok(DigestItem {
        case_id: case_id.map(str::to_string),
        worker_id: worker.id.clone(),
        worker_name: worker.full_name.clone(),
        nik_masked: mask_number(&worker.nik),
        client_company: company,
        date,
        note,
        at_stake: None,
    })
}

/// What another month of membership costs for the worker: both shares of the contribution, with
/// the workplace's minimum wage as floor.
fn monthly_contribution(conn: &mut DbConn, worker: &Worker) -> Result<Rupiah, ApiError> {
    // A terminated worker's placement has ended; the last placement's company sets the floor.
    let floor = match &worker.client_company_id {
        Some(id) => client_companies::find(conn, id)?.and_then(|c| c.minimum_wage).and_then(Rupiah::new),
        None => None,
    };
    let wage = Rupiah::new(worker.wage_base).unwrap_or(Rupiah::ZERO);
    Ok(contribution(wage, 0, floor, &ContributionSettings::default()).total)
}

/// The digest for `today`, in `lang`.
pub fn collect(
    conn: &mut DbConn,
    today: NaiveDate,
    lang: Lang,
    settings: &LifecycleSettings,
) -> Result<Digest, ApiError> {
    let cutoff = cutoff_of_month(today, settings.cutoff_day);
    let mut digest = Digest { date: today, cutoff, ..Digest::default() };
    let mut cases: Vec<Case> = cases_db::open_cases(conn)?;
    cases.sort_by(|a, b| (a.due_date, &a.id).cmp(&(b.due_date, &b.id)));
    for case in cases {
        let Some(worker) = workers_db::find(conn, &case.worker_id)? else { continue };
        let state: CaseState = from_code(&case.state).unwrap_or(CaseState::Open);
        let detail = case.detail()?;
        match (&detail, state) {
            (CaseDetail::Deactivation { reason, termination_date }, _) => {
                let note = format!(
                    "{} {} ({})",
                    reason.label(lang),
                    tertib_domain::reminders::date_text(*termination_date),
                    state.label(lang)
                );
                let mut line = item(conn, &worker, Some(&case.id), Some(case.due_date), note)?;
                line.at_stake = Some(monthly_contribution(conn, &worker)?);
                let section = if case.due_date < today {
                    &mut digest.overdue_deactivations
                } else if case.due_date <= cutoff {
                    &mut digest.deactivations_before_cutoff
                } else {
                    &mut digest.later_deactivations
                };
                section.push(line);
            }
            (CaseDetail::Transfer { previous }, CaseState::Blocked) => {
                let note = match previous {
                    Some(p) if !p.employer_name.is_empty() => {
                        format!("{} ({})", p.employer_name, p.segment.label(lang))
                    }
                    Some(p) => p.segment.label(lang).to_string(),
                    None => lang
                        .pick("kepesertaan sebelumnya belum dicatat", "previous membership not recorded")
                        .to_string(),
                };
                let follow_up = previous.as_ref().and_then(|p| p.follow_up_date);
                digest.blocked_transfers.push(item(conn, &worker, Some(&case.id), follow_up, note)?);
            }
            (
                CaseDetail::FamilyChange {
                    change: change @ (FamilyChange::ChildTurns21 | FamilyChange::ChildTurns25),
                    member_id,
                    effective_date,
                },
                _,
            ) => {
                let member = match member_id {
                    Some(m) => family_db::find(conn, &worker.id, m)?.map(|m| m.full_name).unwrap_or_default(),
                    None => String::new(),
                };
                let note = format!("{member}: {}", change.label(lang));
                digest.ageing_children.push(item(conn, &worker, Some(&case.id), *effective_date, note)?);
            }
            (_, CaseState::Rejected) if detail.kind() != CaseKind::Deactivation => {
                let note = format!("{}: {}", detail.kind().label(lang), case.state_reason);
                digest.rejected_registrations.push(item(conn, &worker, Some(&case.id), Some(case.due_date), note)?);
            }
            _ => {}
        }
    }
    for a in arrears_db::open(conn)? {
        let Some(worker) = workers_db::find(conn, &a.worker_id)? else { continue };
        let source: ArrearsSource = from_code(&a.source).unwrap_or(ArrearsSource::ThisCompany);
        let amount = Rupiah::new(a.amount).unwrap_or(Rupiah::ZERO);
        let note = match lang {
            Lang::Id => format!("{}: {} bulan, {amount}", source.label(lang), a.months),
            Lang::En => format!("{}: {} months, {amount}", source.label(lang), a.months),
        };
        digest.open_arrears.push(item(conn, &worker, None, None, note)?);
    }
    Ok(digest)
}
