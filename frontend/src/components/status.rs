//! What a page shows while its data loads, and when loading failed.

use leptos::prelude::*;

use crate::api::ApiFailure;
use crate::i18n::T;
use crate::session::use_session;

/// "Loading…", announced to screen readers.
#[component]
pub fn Loading() -> impl IntoView {
    let lang = use_session().lang;
    view! {
        <p class="muted" role="status">
            {move || T::Loading.get(lang.get())}
        </p>
    }
}

/// Why loading failed, in the user's language, with a button that tries again.
#[component]
pub fn LoadFailed(failure: ApiFailure, retry: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let lang = use_session().lang;
    view! {
        <div class="alert alert-error" role="alert">
            <span>{move || failure.message(lang.get())}</span>
            " "
            <button type="button" class="button button-small" on:click=move |_| retry()>
                {move || T::TryAgain.get(lang.get())}
            </button>
        </div>
    }
}
