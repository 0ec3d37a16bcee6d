//! A worker's membership and its procedures on their page: the cases, the membership status
//! history of the worker and the family, and (for directors and HR) recording the termination,
//! which opens the deactivation case.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use tertib_domain::lifecycle::api::{CaseSummary, MembershipEventView, TerminationOutcome, TerminationRequest};
use tertib_domain::lifecycle::case::FamilyChange;
use tertib_domain::person::{check_not_future, check_required_date, required};
use tertib_domain::registry::WorkerView;
use tertib_domain::worker::TerminationReason;
use tertib_domain::Lang;

use crate::api::{self, from_wire_name, wire_name, ApiFailure};
use crate::components::badge::MembershipBadge;
use crate::components::form::{field_error, focus_first_invalid, FormAlert, FormErrors, SelectField, TextField};
use crate::components::status::{LoadFailed, Loading};
use crate::components::table::{ColumnHeader, EmptyRow};
use crate::i18n::{self, T};
use crate::pages::cases::CasesTable;
use crate::session::use_session;

/// The worker's cases, the ones still running first.
#[component]
pub fn WorkerCases(
    cases: RwSignal<Option<Result<Vec<CaseSummary>, ApiFailure>>>,
    retry: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    move || match cases.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(failure)) => view! { <LoadFailed failure retry /> }.into_any(),
        Some(Ok(mut list)) => {
            list.sort_by_key(|c| c.state.is_terminal());
            view! { <CasesTable rows=list on_worker_page=true testid="worker-cases" empty=T::NoWorkerCases /> }
                .into_any()
        }
    }
}

/// Why a membership status changed: a termination reason or a family change, in words.
fn event_reason(code: &str, lang: Lang) -> String {
    if let Some(reason) = from_wire_name::<TerminationReason>(code) {
        return reason.label(lang).to_string();
    }
    from_wire_name::<FamilyChange>(code).map_or_else(|| code.to_string(), |c| c.label(lang).to_string())
}

/// Every change of status of the worker and the family, oldest first, with the case behind it.
#[component]
pub fn MembershipHistory(
    events: RwSignal<Option<Result<Vec<MembershipEventView>, ApiFailure>>>,
    retry: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let lang = use_session().lang;
    move || match events.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(failure)) => view! { <LoadFailed failure retry /> }.into_any(),
        Some(Ok(list)) => {
            let empty = list.is_empty();
            view! {
                <div class="table-wrap">
                    <table class="table" data-testid="membership-history">
                        <caption class="visually-hidden">{move || T::MembershipHistory.get(lang.get())}</caption>
                        <thead>
                            <tr>
                                <ColumnHeader label=T::Person />
                                <ColumnHeader label=T::MembershipStatus />
                                <ColumnHeader label=T::Since />
                                <ColumnHeader label=T::UntilCol />
                                <ColumnHeader label=T::RecordedBy />
                            </tr>
                        </thead>
                        <tbody>
                            {empty.then(|| view! { <EmptyRow columns=5 text=T::NoHistory /> })}
                            {list
                                .into_iter()
                                .map(|e| {
                                    let reason = Some(e.reason.clone()).filter(|r| !r.is_empty());
                                    let case_link = e.case_id.as_ref().map(|id| format!("/kasus/{}", api::encode_segment(id)));
                                    let at = e.recorded_at;
                                    view! {
                                        <tr data-testid="membership-event" data-status=e.status.as_str()>
                                            <td>{e.person_name.clone()}</td>
                                            <td>
                                                <MembershipBadge status=e.status />
                                                {reason
                                                    .map(|r| {
                                                        view! { <span class="cell-note">{move || event_reason(&r, lang.get())}</span> }
                                                    })}
                                            </td>
                                            <td class="cell-date">{i18n::day(&e.since)}</td>
                                            <td class="cell-date">{e.until.map(|d| i18n::day(&d))}</td>
                                            <td>
                                                {e.recorded_by.clone()}
                                                <span class="cell-user-email">
                                                    {move || i18n::datetime(lang.get(), &at)}
                                                    {case_link
                                                        .map(|href| {
                                                            view! {
                                                                " · "
                                                                <A href=href>{move || T::CaseTitle.get(lang.get())}</A>
                                                            }
                                                        })}
                                                </span>
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
            }
                .into_any()
        }
    }
}

/// The termination as recorded, or (for directors and HR) the form that records it. After it is
/// recorded, a link to the deactivation case it opened (or to the registration it cancelled).
#[component]
pub fn TerminationSection(worker: Memo<Option<WorkerView>>, on_recorded: Callback<()>) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let outcome: RwSignal<Option<TerminationOutcome>> = RwSignal::new(None);
    let terminated = Memo::new(move |_| {
        worker.with(|w| w.as_ref().and_then(|w| w.termination_date.map(|d| (d, w.termination_reason))))
    });
    let worker_id = Memo::new(move |_| worker.with(|w| w.as_ref().map(|w| w.id.clone()).unwrap_or_default()));
    let hired = Memo::new(move |_| worker.with(|w| w.as_ref().map(|w| w.hire_date)));
    view! {
        {move || {
            outcome
                .get()
                .map(|o| {
                    let (words, link, id) = match (o.deactivation_case, o.cancelled_case_id) {
                        (Some(case), _) => (T::DeactivationOpened, T::OpenDeactivationCase, case.summary.id),
                        (None, Some(id)) => (T::RegistrationCancelled, T::OpenCancelledCase, id),
                        (None, None) => (T::ChangesSaved, T::CaseTitle, String::new()),
                    };
                    let href = format!("/kasus/{}", api::encode_segment(&id));
                    view! {
                        <div class="alert alert-success alert-actions termination-outcome" role="status" data-testid="termination-outcome">
                            <span>{move || words.get(lang.get())}</span>
                            {(!id.is_empty())
                                .then(|| {
                                    view! {
                                        <A href=href attr:class="button button-small" attr:data-testid="termination-case-link">
                                            {move || link.get(lang.get())}
                                        </A>
                                    }
                                })}
                        </div>
                    }
                })
        }}
        {move || match terminated.get() {
            Some((date, reason)) => {
                view! {
                    <p class="terminated" data-testid="worker-terminated">
                        <strong>{move || T::Terminated.get(lang.get())}</strong>
                        ": "
                        {i18n::day(&date)}
                        {move || reason.map(|r| format!(" ({})", r.label(lang.get())))}
                    </p>
                }
                    .into_any()
            }
            None if session.can_edit_registry() => {
                view! { <TerminationForm worker_id hired outcome on_recorded /> }.into_any()
            }
            None => ().into_any(),
        }}
    }
}

#[component]
fn TerminationForm(
    worker_id: Memo<String>,
    hired: Memo<Option<chrono::NaiveDate>>,
    outcome: RwSignal<Option<TerminationOutcome>>,
    on_recorded: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let date = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());
    let pending = RwSignal::new(false);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let mut found = FormErrors::default();
        let day = match check_required_date("termination_date", &date.get_untracked()) {
            Ok(day) => {
                found.add_findings(check_not_future("termination_date", day, i18n::today()));
                Some(day)
            }
            Err(finding) => {
                found.add_findings([finding]);
                None
            }
        };
        let why: Option<TerminationReason> = from_wire_name(&reason.get_untracked());
        if why.is_none() {
            found.add_findings([required("reason")]);
        }
        let (Some(day), Some(why), true) = (day, why, found.is_empty()) else {
            errors.set(found);
            focus_first_invalid("termination-form");
            return;
        };
        // The server also refuses a day before the hire date; said here before sending.
        if hired.get_untracked().is_some_and(|h| day < h) {
            errors.update(|e| e.add("termination_date", crate::components::form::Msg::Text(T::BeforeHire)));
            focus_first_invalid("termination-form");
            return;
        }
        errors.set(FormErrors::default());
        let request = TerminationRequest { termination_date: day.format("%Y-%m-%d").to_string(), reason: why };
        let id = worker_id.get_untracked();
        pending.set(true);
        leptos::task::spawn_local(async move {
            match api::record_termination(session, &id, &request).await {
                Ok(answer) => {
                    outcome.set(Some(answer));
                    on_recorded.run(());
                }
                Err(failure) => {
                    errors.set(FormErrors::from_failure(failure, &["termination_date", "reason"], &[]));
                    focus_first_invalid("termination-form");
                }
            }
            pending.set(false);
        });
    };
    view! {
        <form id="termination-form" class="dialog-section" data-testid="termination-form" novalidate on:submit=submit>
            <h3>{move || T::RecordTermination.get(lang.get())}</h3>
            <p class="hint">{move || T::TerminationHint.get(lang.get())}</p>
            <div class="form-grid">
                <TextField
                    id="termination-termination_date"
                    label=T::TerminationDate
                    value=date
                    hint=T::DateHint
                    testid="termination-date"
                    required=true
                    error=field_error(errors, "termination_date")
                />
                <SelectField
                    id="termination-reason"
                    label=T::TerminationReasonLabel
                    value=reason
                    placeholder=T::Choose
                    testid="termination-reason"
                    required=true
                    options=Signal::derive(move || {
                        let lang = lang.get();
                        TerminationReason::ALL.iter().map(|r| (wire_name(*r), r.label(lang).to_string())).collect()
                    })
                    error=field_error(errors, "reason")
                />
            </div>
            <FormAlert errors testid="termination-error" />
            <div class="form-actions">
                <button
                    type="submit"
                    class="button button-danger"
                    data-testid="termination-submit"
                    disabled=move || pending.get()
                >
                    {move || if pending.get() { T::Saving.get(lang.get()) } else { T::RecordTermination.get(lang.get()) }}
                </button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_change_says_why_in_the_domain_words() {
        assert_eq!(event_reason("resignation", Lang::Id), "mengundurkan diri");
        assert_eq!(event_reason("child_turns_21", Lang::En), "a child turns 21");
        assert_eq!(event_reason("something_new", Lang::Id), "something_new");
    }
}
