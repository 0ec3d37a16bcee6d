//! Cases as a table: on the board and on a worker's page.

use leptos::prelude::*;
use leptos_router::components::A;
use tertib_domain::lifecycle::api::CaseSummary;

use crate::api;
use crate::components::badge::{CaseStateBadge, DueDate};
use crate::components::table::{ColumnHeader, EmptyRow};
use crate::i18n::T;
use crate::session::use_session;

/// Each case links to its page, and (unless the table is on the worker's own page) to its worker.
#[component]
pub fn CasesTable(
    rows: Vec<CaseSummary>,
    /// The table is on the worker's page: no worker column.
    #[prop(optional)]
    on_worker_page: bool,
    testid: &'static str,
    empty: T,
) -> impl IntoView {
    let lang = use_session().lang;
    let columns: u8 = if on_worker_page { 4 } else { 5 };
    let none = rows.is_empty();
    view! {
        <div class="table-wrap">
            <table class="table" data-testid=testid>
                <caption class="visually-hidden">{move || T::CasesTitle.get(lang.get())}</caption>
                <thead>
                    <tr>
                        <ColumnHeader label=T::ColCase />
                        {(!on_worker_page).then(|| view! { <ColumnHeader label=T::ColWorker /> })}
                        <ColumnHeader label=T::ColStatus />
                        <ColumnHeader label=T::DueDate />
                        <ColumnHeader label=T::Assignee />
                    </tr>
                </thead>
                <tbody>
                    {none.then(|| view! { <EmptyRow columns text=empty /> })}
                    {rows.into_iter().map(|c| view! { <CaseRow case=c on_worker_page /> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn CaseRow(case: CaseSummary, on_worker_page: bool) -> impl IntoView {
    let lang = use_session().lang;
    let kind = case.kind;
    let href = format!("/kasus/{}", api::encode_segment(&case.id));
    let worker_href = format!("/pekerja/{}", api::encode_segment(&case.worker_id));
    let reason = Some(case.state_reason.clone()).filter(|r| !r.trim().is_empty());
    view! {
        <tr
            data-testid="case-row"
            data-case-id=case.id.clone()
            data-kind=kind.as_str()
            data-state=case.state.as_str()
            class:row-overdue=case.overdue
        >
            <td class="cell-user">
                <A href=href attr:class="cell-user-name" attr:data-testid="case-link">
                    {move || kind.label(lang.get())}
                </A>
                {case.member_name.clone().map(|name| view! { <span class="cell-user-email">{name}</span> })}
            </td>
            {(!on_worker_page)
                .then(|| {
                    view! {
                        <td>
                            <A href=worker_href>{case.worker_name.clone()}</A>
                        </td>
                    }
                })}
            <td>
                <CaseStateBadge state=case.state />
                {reason.map(|r| view! { <span class="cell-note">{r}</span> })}
            </td>
            <td class="cell-date">
                <DueDate date=case.due_date overdue=case.overdue />
            </td>
            <td>{case.assignee_email.clone().unwrap_or_else(|| "—".to_string())}</td>
        </tr>
    }
}
