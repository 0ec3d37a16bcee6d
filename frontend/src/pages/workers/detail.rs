//! A worker's page (`/pekerja/:id`): their membership status, their data (changed in place by
//! directors and HR), their cases and termination, their family, arrears, KK history, placements
//! and the history of everything about them ("Riwayat").

use leptos::html::Button;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use tertib_domain::lifecycle::api::{ArrearsView, AuditEntryView, CaseSummary, MembershipEventView};
use tertib_domain::registry::{FamilyMemberView, KkHistoryEntry, PlacementView, WorkerView};

use super::arrears::ArrearsSection;
use super::facts::WorkerFacts;
use super::family::FamilySection;
use super::form::WorkerForm;
use super::kk_history::KkHistoryTable;
use super::lifecycle::{MembershipHistory, TerminationSection, WorkerCases};
use super::placements::{AddPlacement, PlacementsTable};
use crate::api::{self, ApiFailure};
use crate::components::badge::MembershipSince;
use crate::components::form::SuccessNote;
use crate::components::shell::page_title;
use crate::components::status::{LoadFailed, Loading};
use crate::components::timeline::Timeline;
use crate::i18n::T;
use crate::pages::NotAllowedNote;
use crate::session::use_session;

#[component]
pub fn WorkerDetailPage() -> impl IntoView {
    page_title(Some(T::WorkerData));
    let session = use_session();
    let staff = Memo::new(move |_| session.is_staff());
    move || {
        if staff.get() {
            view! { <WorkerDetail /> }.into_any()
        } else {
            view! { <NotAllowedNote why=T::NotAllowedWorkers /> }.into_any()
        }
    }
}

#[component]
fn WorkerDetail() -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let worker: RwSignal<Option<Result<WorkerView, ApiFailure>>> = RwSignal::new(None);
    let family: RwSignal<Vec<FamilyMemberView>> = RwSignal::new(Vec::new());
    let placements: RwSignal<Vec<PlacementView>> = RwSignal::new(Vec::new());
    let kk_history: RwSignal<Option<Result<Vec<KkHistoryEntry>, ApiFailure>>> = RwSignal::new(None);
    let load_worker = move || {
        let id = id.get_untracked();
        leptos::task::spawn_local(async move {
            let answer = api::get_worker(session, &id).await;
            worker.set(Some(answer));
        });
    };
    let load_family = move || {
        let id = id.get_untracked();
        leptos::task::spawn_local(async move {
            if let Ok(list) = api::list_family(session, &id).await {
                family.set(list);
            }
        });
    };
    let load_placements = move || {
        let id = id.get_untracked();
        leptos::task::spawn_local(async move {
            if let Ok(list) = api::list_placements(session, &id).await {
                placements.set(list);
            }
        });
    };
    let load_kk_history = move || {
        let id = id.get_untracked();
        leptos::task::spawn_local(async move {
            let answer = api::kk_history(session, &id).await;
            kk_history.set(Some(answer));
        });
    };
    let cases: RwSignal<Option<Result<Vec<CaseSummary>, ApiFailure>>> = RwSignal::new(None);
    let events: RwSignal<Option<Result<Vec<MembershipEventView>, ApiFailure>>> = RwSignal::new(None);
    let arrears: RwSignal<Option<Result<Vec<ArrearsView>, ApiFailure>>> = RwSignal::new(None);
    let history: RwSignal<Option<Result<Vec<AuditEntryView>, ApiFailure>>> = RwSignal::new(None);
    let load_cases = move || {
        let id = id.get_untracked();
        leptos::task::spawn_local(async move {
            cases.set(Some(api::worker_cases(session, &id).await));
        });
    };
    let load_events = move || {
        let id = id.get_untracked();
        leptos::task::spawn_local(async move {
            events.set(Some(api::membership_history(session, &id).await));
        });
    };
    let load_arrears = move || {
        let id = id.get_untracked();
        leptos::task::spawn_local(async move {
            arrears.set(Some(api::list_arrears(session, &id).await));
        });
    };
    let load_history = move || {
        let id = id.get_untracked();
        leptos::task::spawn_local(async move {
            history.set(Some(api::worker_history(session, &id).await));
        });
    };
    // What a step of the procedures moves: the status (worker and family), the cases, the history.
    let load_membership = move || {
        load_worker();
        load_family();
        load_cases();
        load_events();
        load_history();
    };
    let editing = RwSignal::new(false);
    let saved = RwSignal::new(false);
    Effect::new(move |_| {
        id.track();
        editing.set(false);
        saved.set(false);
        load_membership();
        load_placements();
        load_kk_history();
        load_arrears();
    });
    let current = Memo::new(move |_| worker.with(|w| w.as_ref().and_then(|r| r.as_ref().ok().cloned())));
    let editable = Memo::new(move |_| {
        session.can_edit_registry() && current.with(|w| w.as_ref().is_some_and(|w| !w.identity_masked))
    });
    // Family changes move coverage and the worker's warnings, and open family-change cases.
    let on_family_changed = Callback::new(move |()| load_membership());
    let on_placed = Callback::new(move |()| {
        load_placements();
        load_worker();
        load_history();
    });
    let on_terminated = Callback::new(move |()| {
        load_membership();
        load_placements();
    });
    let on_arrears_changed = Callback::new(move |()| {
        load_arrears();
        load_membership();
    });
    let member_names =
        Signal::derive(move || family.with(|f| f.iter().map(|m| (m.id.clone(), m.full_name.clone())).collect()));
    let membership =
        Memo::new(move |_| current.with(|w| w.as_ref().map(|w| (w.membership_status, w.membership_since))));
    let edit_button = NodeRef::<Button>::new();
    // Leaving the form puts the focus back on the button that opened it.
    let close_form = move || {
        editing.set(false);
        request_animation_frame(move || {
            if let Some(button) = edit_button.get_untracked() {
                let _ = button.focus();
            }
        });
    };
    let on_saved = Callback::new(move |changed: WorkerView| {
        worker.set(Some(Ok(changed)));
        saved.set(true);
        close_form();
        // A new KK number is added to the history (and may open a family-change case).
        load_kk_history();
        load_cases();
        load_history();
    });
    let on_cancel = Callback::new(move |()| close_form());
    // The form is keyed by the version it edits: a new version (loaded after a version conflict)
    // gets a new form, filled from it (a view of the same shape would otherwise be updated in
    // place, keeping the old form's state), while loading the worker again after a family change
    // keeps what is being typed.
    let form_key = Memo::new(move |_| current.with(|w| w.as_ref().map(|w| (w.id.clone(), w.version))));
    let on_reload = Callback::new(move |()| load_worker());
    view! {
        <section class="page" data-testid="worker-page">
            <header class="page-header">
                <A href="/pekerja" attr:class="back-link">
                    {move || T::BackToWorkers.get(lang.get())}
                </A>
                <h1 data-testid="worker-title">
                    {move || {
                        current
                            .with(|w| {
                                w.as_ref()
                                    .map_or_else(|| T::WorkerData.get(lang.get()).to_string(), |w| w.full_name.clone())
                            })
                    }}
                </h1>
                {move || {
                    membership
                        .get()
                        .map(|(status, since)| {
                            view! {
                                <p class="page-meta">
                                    <span class="muted">{move || T::MembershipStatus.get(lang.get())} ": "</span>
                                    <MembershipSince status since testid="worker-membership" />
                                </p>
                            }
                        })
                }}
            </header>
            {move || match worker.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(failure)) => view! { <LoadFailed failure retry=load_worker /> }.into_any(),
                Some(Ok(_)) => ().into_any(),
            }}
            <Show when=move || current.with(Option::is_some)>
                <section class="card" aria-labelledby="worker-data-title">
                    <div class="card-head">
                        <h2 id="worker-data-title">{move || T::WorkerData.get(lang.get())}</h2>
                        <Show when=move || editable.get() && !editing.get()>
                            <button
                                type="button"
                                class="button button-small"
                                data-testid="worker-edit"
                                node_ref=edit_button
                                on:click=move |_| {
                                    saved.set(false);
                                    editing.set(true);
                                }
                            >
                                {move || T::EditWorker.get(lang.get())}
                            </button>
                        </Show>
                    </div>
                    <SuccessNote
                        text=Signal::derive(move || saved.get().then(|| T::ChangesSaved.get(lang.get()).to_string()))
                        testid="worker-saved"
                    />
                    {move || (!editing.get()).then(|| current.get().map(|w| view! { <WorkerFacts worker=w /> }))}
                    <For
                        each=move || form_key.get().filter(|_| editing.get())
                        key=|key| key.clone()
                        children=move |_| {
                            current
                                .get_untracked()
                                .map(|w| view! { <WorkerForm worker=Some(w) family on_saved on_cancel on_reload /> })
                        }
                    />
                </section>
                <section class="card" aria-labelledby="membership-title" data-testid="worker-lifecycle">
                    <h2 id="membership-title">{move || T::MembershipAndCases.get(lang.get())}</h2>
                    <WorkerCases cases retry=load_cases />
                    <TerminationSection worker=current on_recorded=on_terminated />
                    <h3 class="subhead">{move || T::MembershipHistory.get(lang.get())}</h3>
                    <MembershipHistory events retry=load_events />
                </section>
                <section class="card" aria-labelledby="family-title">
                    <h2 id="family-title">{move || T::Family.get(lang.get())}</h2>
                    <FamilySection worker=current family editable reload=on_family_changed />
                </section>
                <section class="card" aria-labelledby="arrears-title">
                    <h2 id="arrears-title">{move || T::Arrears.get(lang.get())}</h2>
                    <ArrearsSection worker_id=id family arrears retry=load_arrears on_changed=on_arrears_changed />
                </section>
                <section class="card" aria-labelledby="kk-history-title">
                    <h2 id="kk-history-title">{move || T::KkHistory.get(lang.get())}</h2>
                    <KkHistoryTable history=kk_history retry=load_kk_history />
                </section>
                <section class="card" aria-labelledby="placements-title">
                    <h2 id="placements-title">{move || T::Placements.get(lang.get())}</h2>
                    <PlacementsTable placements />
                    <Show when=move || session.can_edit_registry()>
                        <AddPlacement worker_id=id on_added=on_placed />
                    </Show>
                </section>
                <section class="card" aria-labelledby="worker-history-title">
                    <h2 id="worker-history-title">{move || T::History.get(lang.get())}</h2>
                    <Timeline entries=history retry=load_history names=member_names testid="worker-history" />
                </section>
            </Show>
        </section>
    }
}
