//! The pieces every data table of the app shares.

use std::future::Future;
use std::time::Duration;

use leptos::prelude::*;

use crate::api::ApiFailure;
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

/// One page of a list as the API answers it.
pub trait Paged {
    fn total(&self) -> i64;
    fn per_page(&self) -> u32;

    /// The pages the whole list takes.
    fn pages(&self) -> u32 {
        page_count(self.total(), self.per_page())
    }
}

macro_rules! paged {
    ($($page:ty),*) => {
        $(impl Paged for $page {
            fn total(&self) -> i64 {
                self.total
            }
            fn per_page(&self) -> u32 {
                self.per_page
            }
        })*
    };
}

paged!(
    tertib_domain::registry::WorkerPage,
    tertib_domain::lifecycle::api::CasePage,
    tertib_domain::portal::PortalPage,
    tertib_domain::reminders::OutboxPage
);

/// What a list shows: the last answer (`None` before the first), and whether one is on its way.
pub struct Listing<P: Send + Sync + 'static> {
    pub answer: RwSignal<Option<Result<P, ApiFailure>>>,
    pub loading: RwSignal<bool>,
}

impl<P: Send + Sync + 'static> Clone for Listing<P> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<P: Send + Sync + 'static> Copy for Listing<P> {}

impl<P: Paged + Send + Sync + 'static> Listing<P> {
    /// The pages of the list as last answered (one until then).
    pub fn pages(self) -> Signal<u32> {
        let answer = self.answer;
        Signal::derive(move || answer.with(|a| a.as_ref().and_then(|a| a.as_ref().ok()).map_or(1, Paged::pages)))
    }
}

/// Loads a list and loads it again whenever a signal `request` reads changes (a filter, the
/// page). `request` reads the signals and returns the call; an older answer that arrives after a
/// newer one is dropped. Returns the listing and a function that loads it again now.
pub fn listing<P, F, Fut>(request: F) -> (Listing<P>, impl Fn() + Copy + Send + Sync + 'static)
where
    P: Send + Sync + 'static,
    F: Fn() -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<P, ApiFailure>> + 'static,
{
    let list = Listing { answer: RwSignal::new(None), loading: RwSignal::new(false) };
    let sequence = StoredValue::new(0u64);
    let fetch = move || {
        let call = request();
        let n = sequence.get_value() + 1;
        sequence.set_value(n);
        list.loading.set(true);
        leptos::task::spawn_local(async move {
            let result = call.await;
            if sequence.get_value() == n {
                list.answer.set(Some(result));
                list.loading.set(false);
            }
        });
    };
    Effect::new(move |_| fetch());
    (list, fetch)
}

/// A search box that searches as you type: `q` follows what is typed once typing pauses for a
/// quarter of a second, and the list starts again from its first page.
#[component]
pub fn SearchBox(q: RwSignal<String>, page: RwSignal<u32>, placeholder: T, testid: &'static str) -> impl IntoView {
    let lang = use_session().lang;
    let typed = RwSignal::new(q.get_untracked());
    let timer: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    let on_input = move |ev: leptos::ev::Event| {
        typed.set(event_target_value(&ev));
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                q.set(typed.get_untracked());
                page.set(1);
            },
            Duration::from_millis(250),
        )
        .ok();
        timer.set_value(handle);
    };
    on_cleanup(move || {
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
    });
    view! {
        <label class="search">
            <span class="visually-hidden">{move || placeholder.get(lang.get())}</span>
            <input
                type="search"
                data-testid=testid
                placeholder=move || placeholder.get(lang.get())
                prop:value=move || typed.get()
                on:input=on_input
            />
        </label>
    }
}

/// A question under a table's row before something that cannot be undone ("Revoke …?"), with
/// the button that does it and one that takes the question back (Escape too). Test ids:
/// `<testid>-confirmation`, `<testid>-confirm`, `<testid>-cancel`.
#[component]
pub fn ConfirmRow(
    columns: u8,
    #[prop(into)] question: Signal<String>,
    hint: T,
    confirm: T,
    #[prop(into)] pending: Signal<bool>,
    testid: &'static str,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let lang = use_session().lang;
    view! {
        <tr class="row-confirm" on:keydown=crate::components::form::escape_cancels(on_cancel)>
            <td colspan=columns.to_string()>
                <div class="confirm" role="group" data-testid=format!("{testid}-confirmation")>
                    <p>
                        <strong>{move || question.get()}</strong>
                        " "
                        <span class="hint">{move || hint.get(lang.get())}</span>
                    </p>
                    <div class="form-actions">
                        <button
                            type="button"
                            class="button button-small button-danger"
                            data-testid=format!("{testid}-confirm")
                            disabled=move || pending.get()
                            on:click=move |_| on_confirm.run(())
                        >
                            {move || confirm.get(lang.get())}
                        </button>
                        <button
                            type="button"
                            class="button button-small"
                            data-testid=format!("{testid}-cancel")
                            on:click=move |_| on_cancel.run(())
                        >
                            {move || T::Cancel.get(lang.get())}
                        </button>
                    </div>
                </div>
            </td>
        </tr>
    }
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
