//! The pieces every data table of the app shares.

use leptos::prelude::*;

use crate::i18n::T;
use crate::session::use_session;

/// A column heading in the user's language.
#[component]
pub fn ColumnHeader(label: T) -> impl IntoView {
    let lang = use_session().lang;
    view! { <th scope="col">{move || label.get(lang.get())}</th> }
}

/// The one row a table shows when it has nothing to list.
#[component]
pub fn EmptyRow(columns: u8, text: T) -> impl IntoView {
    let lang = use_session().lang;
    view! {
        <tr>
            <td colspan=columns.to_string() class="empty">
                {move || text.get(lang.get())}
            </td>
        </tr>
    }
}

/// The pages a list of `total` rows takes at `per_page` a page (at least one).
pub fn page_count(total: i64, per_page: u32) -> u32 {
    let per = i64::from(per_page.max(1));
    u32::try_from(((total + per - 1) / per).max(1)).unwrap_or(u32::MAX)
}

/// A select of a list's toolbar: `all` is the choice that does not filter. Changing it starts the
/// list again from its first page.
#[component]
pub fn FilterSelect(
    label: T,
    #[prop(optional_no_strip)] all: Option<T>,
    value: RwSignal<String>,
    page: RwSignal<u32>,
    testid: &'static str,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let lang = use_session().lang;
    view! {
        <label class="filter">
            <span class="visually-hidden">{move || label.get(lang.get())}</span>
            <select
                data-testid=testid
                prop:value=move || value.get()
                on:change=move |ev| {
                    value.set(event_target_value(&ev));
                    page.set(1);
                }
            >
                {all.map(|all| view! { <option value="">{move || all.get(lang.get())}</option> })}
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(v, words)| {
                            let chosen = v.clone();
                            view! {
                                <option value=v selected=move || value.with(|x| *x == chosen)>
                                    {words}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </label>
    }
}

/// Previous and next page of a list; `testid` names the buttons (`<testid>-prev`, `-next`).
#[component]
pub fn Pager(
    page: RwSignal<u32>,
    #[prop(into)] pages: Signal<u32>,
    #[prop(into)] loading: Signal<bool>,
    testid: &'static str,
) -> impl IntoView {
    let lang = use_session().lang;
    view! {
        <nav class="pager" aria-label=move || T::Pagination.get(lang.get())>
            <button
                type="button"
                class="button button-small"
                data-testid=format!("{testid}-prev")
                disabled=move || page.get() <= 1 || loading.get()
                on:click=move |_| page.update(|p| *p = p.saturating_sub(1).max(1))
            >
                {move || T::PrevPage.get(lang.get())}
            </button>
            <button
                type="button"
                class="button button-small"
                data-testid=format!("{testid}-next")
                disabled=move || { page.get() >= pages.get() || loading.get() }
                on:click=move |_| page.update(|p| *p += 1)
            >
                {move || T::NextPage.get(lang.get())}
            </button>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_has_as_many_pages_as_its_rows_fill_and_at_least_one() {
        assert_eq!(page_count(0, 25), 1);
        assert_eq!(page_count(25, 25), 1);
        assert_eq!(page_count(26, 25), 2);
        assert_eq!(page_count(10, 0), 10);
    }
}
