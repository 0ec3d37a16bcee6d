//! The worker list (`/pekerja`): search as you type, filters, a choice of order, pages.

use leptos::prelude::*;
use leptos_router::components::A;
use tertib_domain::registry::{MembershipStatus, SortOrder, WorkerListQuery, WorkerSort, WorkerView};

use super::choices::{company_options, employment_options, load_companies, membership_options};
use crate::api::{self, from_wire_name};
use crate::components::badge::MembershipBadge;
use crate::components::export::ExportButtons;
use crate::components::shell::page_title;
use crate::components::status::{LoadFailed, Loading};
use crate::components::table::{listing, ColumnHeader, EmptyRow, FilterSelect, Pager, SearchBox};
use crate::i18n::{self, T};
use crate::pages::NotAllowedNote;
use crate::session::use_session;

const PER_PAGE: u32 = 25;

/// The orders the list offers: the choice's value, what the API is asked for, its words. The
/// first is the API's own default.
const SORTS: [(&str, WorkerSort, SortOrder, T); 6] = [
    ("name-asc", WorkerSort::Name, SortOrder::Asc, T::SortNameAsc),
    ("name-desc", WorkerSort::Name, SortOrder::Desc, T::SortNameDesc),
    ("hire_date-desc", WorkerSort::HireDate, SortOrder::Desc, T::SortHireNewest),
    ("hire_date-asc", WorkerSort::HireDate, SortOrder::Asc, T::SortHireOldest),
    ("created_at-desc", WorkerSort::CreatedAt, SortOrder::Desc, T::SortAddedNewest),
    ("created_at-asc", WorkerSort::CreatedAt, SortOrder::Asc, T::SortAddedOldest),
];

/// The sort and order of a choice of [`SORTS`]; the default for an unknown one.
fn sort_of(choice: &str) -> (WorkerSort, SortOrder) {
    SORTS.iter().find(|(value, ..)| *value == choice).map_or((WorkerSort::Name, SortOrder::Asc), |s| (s.1, s.2))
}

#[component]
pub fn WorkersPage() -> impl IntoView {
    page_title(Some(T::WorkersTitle));
    let session = use_session();
    let staff = Memo::new(move |_| session.is_staff());
    move || {
        if staff.get() {
            view! { <WorkerList /> }.into_any()
        } else {
            view! { <NotAllowedNote why=T::NotAllowedWorkers /> }.into_any()
        }
    }
}

#[component]
fn WorkerList() -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let companies = load_companies();
    let q = RwSignal::new(String::new());
    let company = RwSignal::new(String::new());
    let membership = RwSignal::new(String::new());
    let employment = RwSignal::new(String::new());
    let sort = RwSignal::new(SORTS[0].0.to_string());
    let page = RwSignal::new(1u32);
    // The list as filtered now: what a page shows, and what an export holds.
    let filtered = move || {
        let (sort, order) = sort_of(&sort.get());
        WorkerListQuery {
            q: Some(q.get()).filter(|q| !q.trim().is_empty()),
            client_company_id: Some(company.get()).filter(|c| !c.is_empty()),
            membership_status: MembershipStatus::parse(&membership.get()),
            employment_status: from_wire_name(&employment.get()),
            sort: Some(sort),
            order: Some(order),
            page: Some(page.get()),
            per_page: Some(PER_PAGE),
        }
    };
    let (list, fetch) = listing(move || {
        let query = filtered();
        async move { api::list_workers(session, &query).await }
    });
    let export_path = Callback::new(move |format| api::workers_export_path(&untrack(filtered), format));
    let (answer, loading, pages) = (list.answer, list.loading, list.pages());

    view! {
        <section class="page" data-testid="workers-page">
            <header class="page-header page-header-actions">
                <div>
                    <h1>{move || T::WorkersTitle.get(lang.get())}</h1>
                    <p class="lede">{move || T::WorkersIntro.get(lang.get())}</p>
                </div>
                <Show when=move || session.can_edit_registry()>
                    <A href="/pekerja/baru" attr:class="button button-primary" attr:data-testid="worker-add">
                        {move || T::AddWorker.get(lang.get())}
                    </A>
                </Show>
            </header>
            <div class="card">
                <div class="toolbar toolbar-wrap">
                    <SearchBox q page placeholder=T::SearchWorkers testid="workers-search" />
                    <FilterSelect
                        label=T::ClientCompany
                        all=Some(T::AllCompanies)
                        value=company
                        page
                        testid="workers-filter-company"
                        options=Signal::derive(move || companies.with(|c| company_options(c)))
                    />
                    <FilterSelect
                        label=T::MembershipStatus
                        all=Some(T::AllMembership)
                        value=membership
                        page
                        testid="workers-filter-membership"
                        options=Signal::derive(move || membership_options(lang.get()))
                    />
                    <FilterSelect
                        label=T::EmploymentStatus
                        all=Some(T::AllEmployment)
                        value=employment
                        page
                        testid="workers-filter-employment"
                        options=Signal::derive(move || employment_options(lang.get()))
                    />
                    <FilterSelect
                        label=T::SortBy
                        all=None
                        value=sort
                        page
                        testid="workers-sort"
                        options=Signal::derive(move || {
                            let lang = lang.get();
                            SORTS.iter().map(|(value, _, _, words)| (value.to_string(), words.get(lang).to_string())).collect()
                        })
                    />
                    <ExportButtons path=export_path stem="pekerja" testid="workers-export" />
                    <span class="count" aria-live="polite" data-testid="workers-count">
                        {move || {
                            answer
                                .with(|a| match a {
                                    Some(Ok(p)) => Some(i18n::worker_count(lang.get(), p.total, p.page, pages.get())),
                                    _ => None,
                                })
                        }}
                    </span>
                </div>
                {move || match answer.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(Err(failure)) => view! { <LoadFailed failure retry=fetch /> }.into_any(),
                    Some(Ok(list)) => view! { <WorkersTable rows=list.items /> }.into_any(),
                }}
                <Pager page pages loading testid="workers" />
            </div>
        </section>
    }
}

#[component]
fn WorkersTable(rows: Vec<WorkerView>) -> impl IntoView {
    let lang = use_session().lang;
    let empty = rows.is_empty();
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="workers-table">
                <caption class="visually-hidden">{move || T::WorkersTitle.get(lang.get())}</caption>
                <thead>
                    <tr>
                        <ColumnHeader label=T::ColName />
                        <ColumnHeader label=T::ColNik />
                        <ColumnHeader label=T::ClientCompany />
                        <ColumnHeader label=T::ColEmployment />
                        <ColumnHeader label=T::MembershipStatus />
                        <ColumnHeader label=T::ColHireDate />
                    </tr>
                </thead>
                <tbody>
                    {empty.then(|| view! { <EmptyRow columns=6 text=T::NoWorkerMatches /> })}
                    {rows
                        .into_iter()
                        .map(|w| {
                            let href = format!("/pekerja/{}", api::encode_segment(&w.id));
                            let employment = w.employment_status;
                            let warned = !w.warnings.is_empty();
                            view! {
                                <tr data-testid="worker-row" data-worker-id=w.id.clone()>
                                    <td class="cell-user">
                                        <A href=href attr:class="cell-user-name">
                                            {w.full_name.clone()}
                                        </A>
                                        {warned
                                            .then(|| {
                                                view! {
                                                    <span class="warn-dot" title=move || T::Warnings.get(lang.get())>
                                                        "⚠"
                                                        <span class="visually-hidden">
                                                            {move || T::Warnings.get(lang.get())}
                                                        </span>
                                                    </span>
                                                }
                                            })}
                                        <span class="cell-user-email">{w.employee_number.clone()}</span>
                                    </td>
                                    <td class="mono">{w.nik.clone()}</td>
                                    <td>{w.client_company.as_ref().map(|c| c.name.clone())}</td>
                                    <td>{move || employment.map(|e| e.label(lang.get()))}</td>
                                    <td>
                                        <MembershipBadge status=w.membership_status />
                                    </td>
                                    <td class="cell-date">{i18n::day(&w.hire_date)}</td>
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
    use crate::api::wire_name;

    #[test]
    fn each_order_of_the_list_is_named_by_its_sort_and_order() {
        for (value, sort, order, _) in SORTS {
            assert_eq!(value, format!("{}-{}", wire_name(sort), wire_name(order)));
            assert_eq!(sort_of(value), (sort, order));
        }
        assert_eq!(sort_of("nonsense"), (WorkerSort::Name, SortOrder::Asc));
    }
}
