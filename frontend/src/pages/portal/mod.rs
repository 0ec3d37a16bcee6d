//! The client company's portal (`/portal`), the whole app for a client company's user: the totals
//! by status of the workers placed with the company, and the workers themselves (masked NIK and
//! card number, status, placement), searched as you type, filtered by status, in pages, and
//! exported as CSV or XLSX (written by the server in one request).
//!
//! Test ids: `portal-page`, `portal-company`, `portal-totals` with one `portal-total` per tile
//! (`data-status`: `all` or a status, `data-count`), `portal-search`, `portal-filter-status`,
//! `portal-count`, `portal-table` (rows `portal-row` with `data-worker-id`, the status badge with
//! `data-status`), `portal-prev`/`portal-next`, `portal-export-csv`, `portal-export-xlsx`,
//! `portal-export-status`.

use leptos::prelude::*;
use tertib_domain::portal::{PortalQuery, PortalStatus, PortalSummary, PortalWorker};

use crate::api::{self, from_wire_name, wire_name, ApiFailure};
use crate::components::badge::PortalStatusBadge;
use crate::components::export::ExportButtons;
use crate::components::shell::page_title;
use crate::components::status::{LoadFailed, Loading};
use crate::components::table::{listing, ColumnHeader, EmptyRow, FilterSelect, Pager, SearchBox};
use crate::i18n::{self, T};
use crate::pages::NotAllowedNote;
use crate::session::use_session;

const PER_PAGE: u32 = 25;

/// The query of the list as filtered now.
fn portal_query(q: &str, status: &str, page: u32, per_page: u32) -> PortalQuery {
    PortalQuery {
        q: Some(q.trim().to_string()).filter(|q| !q.is_empty()),
        status: from_wire_name::<PortalStatus>(status),
        page: Some(page),
        per_page: Some(per_page),
        ..PortalQuery::default()
    }
}

#[component]
pub fn PortalPage() -> impl IntoView {
    page_title(Some(T::PortalTitle));
    let session = use_session();
    let client = Memo::new(move |_| session.is_client());
    move || {
        if client.get() {
            view! { <Portal /> }.into_any()
        } else {
            view! { <NotAllowedNote why=T::NotAllowedPortal /> }.into_any()
        }
    }
}

#[component]
fn Portal() -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let summary: RwSignal<Option<Result<PortalSummary, ApiFailure>>> = RwSignal::new(None);
    let load_summary = move || {
        leptos::task::spawn_local(async move {
            summary.set(Some(api::portal_summary(session).await));
        });
    };
    load_summary();
    let q = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let page = RwSignal::new(1u32);
    let (list, fetch) = listing(move || {
        let query = portal_query(&q.get(), &status.get(), page.get(), PER_PAGE);
        async move { api::portal_workers(session, &query).await }
    });
    let (answer, loading, pages) = (list.answer, list.loading, list.pages());
    let company = move || summary.with(|s| s.as_ref().and_then(|s| s.as_ref().ok()).map(|s| s.client_company.clone()));
    let status_options = Signal::derive(move || {
        let lang = lang.get();
        PortalStatus::ALL.into_iter().map(|s| (wire_name(s), s.label(lang).to_string())).collect::<Vec<_>>()
    });
    view! {
        <section class="page" data-testid="portal-page">
            <header class="page-header">
                <h1 data-testid="portal-company">
                    {move || company().filter(|c| !c.is_empty()).unwrap_or_else(|| T::PortalTitle.get(lang.get()).to_string())}
                </h1>
                <p class="lede">{move || T::PortalIntro.get(lang.get())}</p>
            </header>
            {move || match summary.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(failure)) => view! { <LoadFailed failure retry=load_summary /> }.into_any(),
                Some(Ok(totals)) => view! { <Totals totals status page /> }.into_any(),
            }}
            <div class="card">
                <div class="toolbar toolbar-wrap">
                    <SearchBox q page placeholder=T::SearchPortal testid="portal-search" />
                    <FilterSelect
                        label=T::ColStatus
                        all=Some(T::AllStatuses)
                        value=status
                        page
                        testid="portal-filter-status"
                        options=status_options
                    />
                    <span class="count" aria-live="polite" data-testid="portal-count">
                        {move || {
                            answer
                                .with(|a| match a {
                                    Some(Ok(p)) => Some(i18n::worker_count(lang.get(), p.total, p.page, pages.get())),
                                    _ => None,
                                })
                        }}
                    </span>
                    <ExportButtons
                        path=Callback::new(move |format| {
                            api::portal_export_path(&portal_query(&q.get_untracked(), &status.get_untracked(), 1, PER_PAGE), format)
                        })
                        stem="pekerja"
                        testid="portal-export"
                    />
                </div>
                {move || match answer.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(Err(failure)) => view! { <LoadFailed failure retry=fetch /> }.into_any(),
                    Some(Ok(p)) => view! { <PortalTable rows=p.items /> }.into_any(),
                }}
                <Pager page pages loading testid="portal" />
            </div>
        </section>
    }
}

/// The totals: all workers listed and each status. A tile filters the list by its status (the
/// first tile, or the chosen one again, shows every status).
#[component]
fn Totals(totals: PortalSummary, status: RwSignal<String>, page: RwSignal<u32>) -> impl IntoView {
    let lang = use_session().lang;
    let tile = move |value: String, count: i64, words: Signal<String>| {
        let chosen = value.clone();
        let pressed = move || status.with(|s| *s == chosen);
        let name = if value.is_empty() { "all".to_string() } else { value.clone() };
        view! {
            <li>
                <button
                    type="button"
                    class=format!("total total-{name}")
                    data-testid="portal-total"
                    data-status=name
                    data-count=count.to_string()
                    aria-pressed=move || if pressed() { "true" } else { "false" }
                    on:click=move |_| {
                        let next = if status.with_untracked(|s| *s == value) { String::new() } else { value.clone() };
                        status.set(next);
                        page.set(1);
                    }
                >
                    <span class="total-count">{count}</span>
                    <span class="total-label">{move || words.get()}</span>
                </button>
            </li>
        }
    };
    let all = tile(String::new(), totals.total, Signal::derive(move || T::AllWorkers.get(lang.get()).to_string()));
    let each = PortalStatus::ALL
        .into_iter()
        .map(|s| {
            let count = totals.by_status.iter().find(|c| c.status == s).map_or(0, |c| c.count);
            tile(wire_name(s), count, Signal::derive(move || s.label(lang.get()).to_string()))
        })
        .collect_view();
    view! {
        <ul class="totals" data-testid="portal-totals" aria-label=move || T::TotalsByStatus.get(lang.get())>
            {all}
            {each}
        </ul>
    }
}

#[component]
fn PortalTable(rows: Vec<PortalWorker>) -> impl IntoView {
    let lang = use_session().lang;
    let empty = rows.is_empty();
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="portal-table">
                <caption class="visually-hidden">{move || T::PortalTitle.get(lang.get())}</caption>
                <thead>
                    <tr>
                        <ColumnHeader label=T::ColName />
                        <ColumnHeader label=T::ColNik />
                        <ColumnHeader label=T::Noka />
                        <ColumnHeader label=T::EmployeeNumber />
                        <ColumnHeader label=T::ColStatus />
                        <ColumnHeader label=T::PlacedFrom />
                        <ColumnHeader label=T::PlacedUntil />
                        <ColumnHeader label=T::LastChange />
                    </tr>
                </thead>
                <tbody>
                    {empty.then(|| view! { <EmptyRow columns=8 text=T::NoWorkerMatches /> })}
                    {rows
                        .into_iter()
                        .map(|w| {
                            let updated = w.updated_at;
                            view! {
                                <tr data-testid="portal-row" data-worker-id=w.id.clone()>
                                    <td class="cell-user-name">{w.full_name.clone()}</td>
                                    <td class="mono">{w.nik.clone()}</td>
                                    <td class="mono">{w.noka.clone()}</td>
                                    <td>{w.employee_number.clone()}</td>
                                    <td class="cell-membership">
                                        <PortalStatusBadge status=w.status />
                                        {w
                                            .status_since
                                            .map(|d| {
                                                view! { <span class="since">{move || i18n::since(lang.get(), &d)}</span> }
                                            })}
                                    </td>
                                    <td class="cell-date">{i18n::day(&w.placed_from)}</td>
                                    <td class="cell-date">{w.placed_until.as_ref().map(i18n::day)}</td>
                                    <td class="cell-date">{move || i18n::datetime(lang.get(), &updated)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_asks_for_what_is_typed_and_chosen() {
        let query = portal_query(" siti ", "blocked", 3, 25);
        assert_eq!(query.q.as_deref(), Some("siti"));
        assert_eq!(query.status, Some(PortalStatus::Blocked));
        assert_eq!((query.page, query.per_page), (Some(3), Some(25)));
        let all = portal_query("", "", 1, 100);
        assert_eq!((all.q, all.status), (None, None));
    }
}
