//! A new worker (`/pekerja/baru`).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use super::form::WorkerForm;
use crate::api;
use crate::components::shell::page_title;
use crate::i18n::T;
use crate::pages::NotAllowedNote;
use crate::session::use_session;

#[component]
pub fn NewWorkerPage() -> impl IntoView {
    page_title(Some(T::NewWorkerTitle));
    let session = use_session();
    let allowed = Memo::new(move |_| session.can_edit_registry());
    move || {
        if allowed.get() {
            view! { <NewWorker /> }.into_any()
        } else {
            view! { <NotAllowedNote why=T::NotAllowedRegistry /> }.into_any()
        }
    }
}

#[component]
fn NewWorker() -> impl IntoView {
    let lang = use_session().lang;
    let navigate = use_navigate();
    // Saved: the family is added on the worker's page.
    let on_saved = Callback::new(move |created: tertib_domain::registry::WorkerView| {
        navigate(&format!("/pekerja/{}", api::encode_segment(&created.id)), Default::default());
    });
    view! {
        <section class="page" data-testid="worker-new-page">
            <header class="page-header">
                <A href="/pekerja" attr:class="back-link">
                    {move || T::BackToWorkers.get(lang.get())}
                </A>
                <h1>{move || T::NewWorkerTitle.get(lang.get())}</h1>
                <p class="lede">{move || T::NewWorkerIntro.get(lang.get())}</p>
            </header>
            <WorkerForm worker=None family=Signal::derive(Vec::new) on_saved />
        </section>
    }
}
