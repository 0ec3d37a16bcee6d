//! Collects a day's digest from the cases, arrears and workers.

use std::collections::HashMap;

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
use crate::db::client_companies::{self, ClientCompany};
use crate::db::workers::{self as workers_db, Worker};
use crate::db::{arrears as arrears_db, family as family_db, from_code, placements, DbConn};
use crate::error::ApiError;

/// Client companies by id, read once per digest (there are few; the lines are many).
type Companies = HashMap<String, ClientCompany>;

fn item(
    companies: &Companies,
    worker: &Worker,
    case_id: Option<&str>,
    date: Option<NaiveDate>,
    note: String,
) -> Result<DigestItem, ApiError> {
    let company = worker.client_company_id.as_ref().and_then(|id| companies.get(id)).map(|c| c.name.clone());
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
/// the (last) workplace's minimum wage as floor.
fn monthly_contribution(company: Option<&ClientCompany>, worker: &Worker) -> Rupiah {
    let floor = company.and_then(|c| c.minimum_wage).and_then(Rupiah::new);
    let wage = Rupiah::new(worker.wage_base).unwrap_or(Rupiah::ZERO);
    contribution(wage, 0, floor, &ContributionSettings::default()).total
}

/// The company of the worker's current placement or, for one who left, of the last one.
fn last_company(conn: &mut DbConn, companies: &Companies, worker: &Worker) -> Result<Option<ClientCompany>, ApiError> {
    Ok(match worker.client_company_id.as_ref().and_then(|id| companies.get(id)) {
        Some(c) => Some(c.clone()),
        None => placements::history(conn, &worker.id)?.into_iter().next().map(|(_, c)| c),
    })
}

/// The digest for `today`, in `lang`.
pub fn collect(
    conn: &mut DbConn,
    today: NaiveDate,
    lang: Lang,
    settings: &LifecycleSettings,
) -> Result<Digest, ApiError> {
    let companies: Companies = client_companies::list(conn)?.into_iter().map(|c| (c.id.clone(), c)).collect();
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
                let mut line = item(&companies, &worker, Some(&case.id), Some(case.due_date), note)?;
                let company = last_company(conn, &companies, &worker)?;
                line.at_stake = Some(monthly_contribution(company.as_ref(), &worker));
                line.client_company = company.map(|c| c.name);
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
                digest.blocked_transfers.push(item(&companies, &worker, Some(&case.id), follow_up, note)?);
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
                digest.ageing_children.push(item(&companies, &worker, Some(&case.id), *effective_date, note)?);
            }
            (_, CaseState::Rejected) if detail.kind() != CaseKind::Deactivation => {
                let note = format!("{}: {}", detail.kind().label(lang), case.state_reason);
                digest.rejected_registrations.push(item(
                    &companies,
                    &worker,
                    Some(&case.id),
                    Some(case.due_date),
                    note,
                )?);
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
        digest.open_arrears.push(item(&companies, &worker, None, None, note)?);
    }
    Ok(digest)
}
