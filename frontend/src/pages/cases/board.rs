//! The case board (`/kasus`): the cases not finished yet by default, the most urgent first, with
//! filters by state and kind, "my tasks" and "overdue only".

use leptos::prelude::*;
use tertib_domain::lifecycle::api::CaseListQuery;
use tertib_domain::lifecycle::{CaseKind, CaseState};

use super::table::CasesTable;
use crate::api;
use crate::components::shell::page_title;
use crate::components::status::{LoadFailed, Loading};
use crate::components::table::{listing, FilterSelect, Pager};
use crate::i18n::{self, T};
use crate::pages::NotAllowedNote;
use crate::session::use_session;

const PER_PAGE: u32 = 25;
/// The state filter's choice for every state, finished or not (the empty choice is "not finished").
const ANY_STATE: &str = "any";

/// What the board asks the API for. `state` is the filter's value: empty for the cases not
/// finished, [`ANY_STATE`], or a state's name.
fn board_query(state: &str, kind: &str, mine: bool, overdue: bool, page: u32) -> CaseListQuery {
    CaseListQuery {
        kind: CaseKind::parse(kind),
        state: CaseState::parse(state),
        open: state.is_empty().then_some(true),
        overdue: overdue.then_some(true),
        worker_id: None,
        assignee: mine.then(|| "me".to_string()),
        page: Some(page),
        per_page: Some(PER_PAGE),
    }
}

#[component]
pub fn CasesPage() -> impl IntoView {
    page_title(Some(T::CasesTitle));
    let session = use_session();
    let staff = Memo::new(move |_| session.is_staff());
    move || {
        if staff.get() {
            view! { <Board /> }.into_any()
        } else {
            view! { <NotAllowedNote why=T::NotAllowedWorkers /> }.into_any()
        }
    }
}

#[component]
fn Board() -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let state = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let mine = RwSignal::new(false);
    let overdue = RwSignal::new(false);
    let page = RwSignal::new(1u32);
    let (list, fetch) = listing(move || {
        let query = board_query(&state.get(), &kind.get(), mine.get(), overdue.get(), page.get());
        async move { api::list_cases(session, &query).await }
    });
    let (answer, loading, pages) = (list.answer, list.loading, list.pages());
    let state_options = Signal::derive(move || {
        let lang = lang.get();
        let mut options: Vec<(String, String)> =
            CaseState::ALL.into_iter().map(|s| (s.as_str().to_string(), s.label(lang).to_string())).collect();
        options.push((ANY_STATE.to_string(), T::AnyState.get(lang).to_string()));
        options
    });
    let kind_options = Signal::derive(move || {
        let lang = lang.get();
        CaseKind::ALL.into_iter().map(|k| (k.as_str().to_string(), k.label(lang).to_string())).collect::<Vec<_>>()
    });
    let tab = move |words: T, for_me: bool, testid: &'static str| {
        view! {
            <button
                type="button"
                class="tab"
                data-testid=testid
                aria-pressed=move || if mine.get() == for_me { "true" } else { "false" }
                on:click=move |_| {
                    mine.set(for_me);
                    page.set(1);
                }
            >
                {move || words.get(lang.get())}
            </button>
        }
    };
    view! {
        <section class="page" data-testid="cases-page">
            <header class="page-header">
                <h1>{move || T::CasesTitle.get(lang.get())}</h1>
                <p class="lede">{move || T::CasesIntro.get(lang.get())}</p>
            </header>
            <div class="card">
                <div class="tabs" role="group" aria-label=move || T::CasesTitle.get(lang.get())>
                    {tab(T::AllCases, false, "cases-tab-all")}
                    {tab(T::MyTasks, true, "cases-tab-mine")}
                </div>
                <div class="toolbar toolbar-wrap">
                    <FilterSelect
                        label=T::ColStatus
                        all=Some(T::Unfinished)
                        value=state
                        page
                        testid="cases-filter-state"
                        options=state_options
                    />
                    <FilterSelect
                        label=T::CaseKindLabel
                        all=Some(T::AllKinds)
                        value=kind
                        page
                        testid="cases-filter-kind"
                        options=kind_options
                    />
                    <div class="field-check filter-check">
                        <input
                            type="checkbox"
                            id="cases-overdue"
                            data-testid="cases-overdue"
                            prop:checked=move || overdue.get()
                            on:change=move |ev| {
                                overdue.set(event_target_checked(&ev));
                                page.set(1);
                            }
                        />
                        <label for="cases-overdue">{move || T::OnlyOverdue.get(lang.get())}</label>
                    </div>
                    <span class="count" aria-live="polite" data-testid="cases-count">
                        {move || {
                            answer
                                .with(|a| match a {
                                    Some(Ok(p)) => Some(i18n::case_count(lang.get(), p.total, p.page, pages.get())),
                                    _ => None,
                                })
                        }}
                    </span>
                </div>
                {move || match answer.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(Err(failure)) => view! { <LoadFailed failure retry=fetch /> }.into_any(),
                    Some(Ok(list)) => {
                        view! { <CasesTable rows=list.items testid="cases-table" empty=T::NoCases /> }.into_any()
                    }
                }}
                <Pager page pages loading testid="cases" />
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_board_shows_unfinished_cases_unless_a_state_or_any_is_chosen() {
        let q = board_query("", "", false, false, 1);
        assert_eq!((q.open, q.state, q.assignee), (Some(true), None, None));
        let q = board_query("blocked", "transfer", true, true, 3);
        assert_eq!(
            (q.open, q.state, q.kind, q.assignee.as_deref(), q.overdue, q.page),
            (None, Some(CaseState::Blocked), Some(CaseKind::Transfer), Some("me"), Some(true), Some(3))
        );
        let q = board_query(ANY_STATE, "", false, false, 1);
        assert_eq!((q.open, q.state), (None, None));
    }
}
