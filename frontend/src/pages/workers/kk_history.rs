//! The family card (KK) numbers a worker has had: a KK changes when the family moves, splits or
//! its head dies, and BPJS groups a family by it.

use leptos::prelude::*;
use tertib_domain::registry::KkHistoryEntry;

use crate::api::ApiFailure;
use crate::components::status::{LoadFailed, Loading};
use crate::components::table::{ColumnHeader, EmptyRow};
use crate::i18n::{self, T};
use crate::session::use_session;

/// Newest first, as the API answers.
#[component]
pub fn KkHistoryTable(
    history: RwSignal<Option<Result<Vec<KkHistoryEntry>, ApiFailure>>>,
    retry: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let lang = use_session().lang;
    move || match history.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(failure)) => view! { <LoadFailed failure retry /> }.into_any(),
        Some(Ok(entries)) => {
            let empty = entries.is_empty();
            view! {
                <div class="table-wrap">
                    <table class="table" data-testid="kk-history-table">
                        <caption class="visually-hidden">{move || T::KkHistory.get(lang.get())}</caption>
                        <thead>
                            <tr>
                                <ColumnHeader label=T::KkNumber />
                                <ColumnHeader label=T::ValidFrom />
                                <ColumnHeader label=T::RecordedAt />
                                <ColumnHeader label=T::RecordedBy />
                            </tr>
                        </thead>
                        <tbody>
                            {empty.then(|| view! { <EmptyRow columns=4 text=T::NoKkHistory /> })}
                            {entries
                                .into_iter()
                                .map(|e| {
                                    let recorded = e.recorded_at;
                                    view! {
                                        <tr data-testid="kk-history-row">
                                            <td class="mono">{e.kk_number.clone()}</td>
                                            <td class="cell-date">
                                                {e.valid_from.map_or_else(|| "—".to_string(), |d| i18n::day(&d))}
                                            </td>
                                            <td class="cell-date">{move || i18n::datetime(lang.get(), &recorded)}</td>
                                            <td>{e.recorded_by.clone()}</td>
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
