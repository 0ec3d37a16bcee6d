//! One case (`/kasus/:id`): what it is about, where it stands and why, the steps the user may take,
//! the checklist with its documents, the previous membership of a transfer, who handles it,
//! notes, and its history.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use tertib_domain::lifecycle::api::{AuditEntryView, CaseView};
use tertib_domain::lifecycle::case::CaseDetail;

use super::checklist::Checklist;
use super::documents::Documents;
use super::notes::Notes;
use super::previous::PreviousMembershipForm;
use super::steps::CaseSteps;
use super::work::Handling;
use crate::api::{self, ApiFailure};
use crate::components::badge::{CaseStateBadge, DueDate};
use crate::components::form::ConflictAlert;
use crate::components::shell::page_title;
use crate::components::status::{LoadFailed, Loading};
use crate::components::timeline::Timeline;
use crate::i18n::{self, T};
use crate::pages::NotAllowedNote;
use crate::session::{use_session, Session};

/// The case on screen, shared by the page's sections: each change the server answers replaces
/// it, and the history follows.
#[derive(Clone, Copy)]
pub struct CaseCtx {
    pub case: RwSignal<Option<CaseView>>,
    pub history: RwSignal<Option<Result<Vec<AuditEntryView>, ApiFailure>>>,
    /// Someone else changed the case after it was read: the change was not made.
    pub conflict: RwSignal<bool>,
    load_failure: RwSignal<Option<ApiFailure>>,
    id: Memo<String>,
    session: Session,
}

impl CaseCtx {
    pub fn id(&self) -> String {
        self.id.get_untracked()
    }

    /// The version read, sent back with a change.
    pub fn version(&self) -> i64 {
        self.case.with_untracked(|c| c.as_ref().map_or(0, |c| c.summary.version))
    }

    /// Completed or cancelled: nothing can change any more.
    pub fn closed(&self) -> bool {
        self.case.with(|c| c.as_ref().is_some_and(|c| c.summary.state.is_terminal()))
    }

    /// Shows the case as the server answered a change, and the history with that change.
    pub fn show(&self, view: CaseView) {
        self.case.set(Some(view));
        self.conflict.set(false);
        self.load_history();
    }

    /// A failed change: a version conflict is said once for the whole page (with a reload);
    /// answers whether the failure is still the caller's to show.
    pub fn keep_failure(&self, failure: &ApiFailure) -> bool {
        if failure.is_version_conflict() {
            self.conflict.set(true);
            return false;
        }
        true
    }

    pub fn reload(&self) {
        let ctx = *self;
        let id = self.id();
        leptos::task::spawn_local(async move {
            match api::get_case(ctx.session, &id).await {
                Ok(view) => {
                    ctx.load_failure.set(None);
                    ctx.show(view);
                }
                Err(failure) => ctx.load_failure.set(Some(failure)),
            }
        });
    }

    pub fn load_history(&self) {
        let (history, session, id) = (self.history, self.session, self.id());
        leptos::task::spawn_local(async move {
            history.set(Some(api::case_history(session, &id).await));
        });
    }
}

#[component]
pub fn CasePage() -> impl IntoView {
    page_title(Some(T::CaseTitle));
    let session = use_session();
    let staff = Memo::new(move |_| session.is_staff());
    move || {
        if staff.get() {
            view! { <CaseDetailView /> }.into_any()
        } else {
            view! { <NotAllowedNote why=T::NotAllowedWorkers /> }.into_any()
        }
    }
}

#[component]
fn CaseDetailView() -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let ctx = CaseCtx {
        case: RwSignal::new(None),
        history: RwSignal::new(None),
        conflict: RwSignal::new(false),
        load_failure: RwSignal::new(None),
        id,
        session,
    };
    Effect::new(move |_| {
        id.track();
        ctx.case.set(None);
        ctx.history.set(None);
        ctx.reload();
    });
    // The blocking reasons are the server's words: another language asks for them again.
    Effect::new(move |previous: Option<tertib_domain::Lang>| {
        let now = lang.get();
        if previous.is_some_and(|p| p != now) {
            ctx.reload();
        }
        now
    });
    let loaded = Memo::new(move |_| ctx.case.with(Option::is_some));
    let is_transfer = Memo::new(move |_| {
        ctx.case.with(|c| c.as_ref().is_some_and(|c| matches!(c.detail, CaseDetail::Transfer { .. })))
    });
    let title = move || {
        ctx.case.with(|c| match c {
            Some(c) => format!("{}: {}", c.summary.kind.label(lang.get()), c.summary.worker_name),
            None => T::CaseTitle.get(lang.get()).to_string(),
        })
    };
    view! {
        <section class="page" data-testid="case-page">
            <header class="page-header">
                <A href="/kasus" attr:class="back-link">
                    {move || T::BackToCases.get(lang.get())}
                </A>
                <h1 data-testid="case-title">{title}</h1>
            </header>
            {move || match (loaded.get(), ctx.load_failure.get()) {
                (false, None) => view! { <Loading /> }.into_any(),
                (_, Some(failure)) => view! { <LoadFailed failure retry=move || ctx.reload() /> }.into_any(),
                (true, None) => ().into_any(),
            }}
            <Show when=move || loaded.get()>
                <ConflictAlert
                    show=ctx.conflict
                    on_reload=Callback::new(move |()| ctx.reload())
                    testid="case-conflict"
                />
                <div class="case-layout">
                    <div class="stack">
                        <section class="card" aria-labelledby="case-summary-title">
                            <h2 id="case-summary-title">{move || T::CaseSummaryTitle.get(lang.get())}</h2>
                            <CaseFacts ctx />
                        </section>
                        <section class="card" aria-labelledby="case-steps-title">
                            <h2 id="case-steps-title">{move || T::Steps.get(lang.get())}</h2>
                            <CaseSteps ctx />
                        </section>
                        <section class="card" aria-labelledby="checklist-title">
                            <h2 id="checklist-title">{move || T::Checklist.get(lang.get())}</h2>
                            <Checklist ctx />
                        </section>
                        <Show when=move || is_transfer.get()>
                            <section class="card" aria-labelledby="previous-title">
                                <h2 id="previous-title">{move || T::PreviousMembership.get(lang.get())}</h2>
                                <PreviousMembershipForm ctx />
                            </section>
                        </Show>
                        <section class="card" aria-labelledby="documents-title">
                            <h2 id="documents-title">{move || T::Documents.get(lang.get())}</h2>
                            <Documents ctx />
                        </section>
                    </div>
                    <div class="stack">
                        <section class="card" aria-labelledby="handling-title">
                            <h2 id="handling-title">{move || T::Handling.get(lang.get())}</h2>
                            <Handling ctx />
                        </section>
                        <section class="card" aria-labelledby="notes-title">
                            <h2 id="notes-title">{move || T::Notes.get(lang.get())}</h2>
                            <Notes ctx />
                        </section>
                        <section class="card" aria-labelledby="case-history-title">
                            <h2 id="case-history-title">{move || T::History.get(lang.get())}</h2>
                            <Timeline entries=ctx.history retry=move || ctx.load_history() testid="case-history" />
                        </section>
                    </div>
                </div>
            </Show>
        </section>
    }
}

/// Who and what the case is about, where it stands and why, its dates.
#[component]
fn CaseFacts(ctx: CaseCtx) -> impl IntoView {
    let lang = use_session().lang;
    let fact = move |label: T, value: AnyView| {
        view! {
            <div>
                <dt>{move || label.get(lang.get())}</dt>
                <dd>{value}</dd>
            </div>
        }
    };
    move || {
        let Some(c) = ctx.case.get() else { return ().into_any() };
        let s = c.summary.clone();
        let kind = s.kind;
        let worker_href = format!("/pekerja/{}", api::encode_segment(&s.worker_id));
        let reason = Some(s.state_reason.clone()).filter(|r| !r.trim().is_empty());
        let opened_at = s.opened_at;
        let closed_at = c.closed_at;
        let detail = match c.detail.clone() {
            CaseDetail::Deactivation { reason, termination_date } => Some(
                view! {
                    {fact(T::TerminationReasonLabel, view! { {move || reason.label(lang.get())} }.into_any())}
                    {fact(T::TerminationDate, i18n::day(&termination_date).into_any())}
                }
                .into_any(),
            ),
            CaseDetail::FamilyChange { change, effective_date, .. } => Some(
                view! {
                    {fact(T::FamilyChangeLabel, view! { {move || change.label(lang.get())} }.into_any())}
                    {effective_date.map(|d| fact(T::EffectiveDate, i18n::day(&d).into_any()))}
                }
                .into_any(),
            ),
            CaseDetail::Registration | CaseDetail::Transfer { .. } => None,
        };
        let blocking = c.blocking_reasons.clone();
        view! {
            <dl class="facts facts-grid">
                {fact(T::CaseKindLabel, view! { {move || kind.label(lang.get())} }.into_any())}
                {fact(
                    T::ColStatus,
                    view! {
                        <CaseStateBadge state=s.state testid="case-state" />
                        {reason.map(|r| view! { <span class="cell-note" data-testid="case-state-reason">{r}</span> })}
                    }
                        .into_any(),
                )}
                {fact(
                    T::ColWorker,
                    view! {
                        <A href=worker_href attr:data-testid="case-worker-link">
                            {s.worker_name.clone()}
                        </A>
                    }
                        .into_any(),
                )}
                {s.member_name.clone().map(|name| fact(T::FamilyMember, name.into_any()))}
                {fact(T::DueDate, view! { <DueDate date=s.due_date overdue=s.overdue testid="case-due" /> }.into_any())}
                {detail}
                {fact(
                    T::OpenedBy,
                    view! { {c.opened_by.clone()} ", " {move || i18n::datetime(lang.get(), &opened_at)} }.into_any(),
                )}
                {closed_at
                    .map(|at| fact(T::ClosedAt, view! { {move || i18n::datetime(lang.get(), &at)} }.into_any()))}
            </dl>
            {(!blocking.is_empty())
                .then(|| {
                    view! {
                        <div class="alert alert-warning blocking" data-testid="case-blocking">
                            <strong>{move || T::BlockingReasons.get(lang.get())}</strong>
                            <ul>{blocking.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                        </div>
                    }
                })}
        }
        .into_any()
    }
}
