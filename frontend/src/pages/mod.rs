//! One module per route.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::shell::page_title;
use crate::i18n::T;
use crate::session::use_session;

pub mod account;
pub mod api_clients;
pub mod cases;
pub mod companies;
pub mod edabu;
pub mod home;
pub mod import;
pub mod login;
pub mod portal;
pub mod reminders;
pub mod sop;
pub mod users;
pub mod webhooks;
pub mod workers;

/// An address that is not a page of Tertib.
#[component]
pub fn NotFound() -> impl IntoView {
    page_title(Some(T::NotFoundTitle));
    let lang = use_session().lang;
    view! {
        <section class="page page-narrow" data-testid="not-found">
            <div class="card notice-card">
                <h1>{move || T::NotFoundTitle.get(lang.get())}</h1>
                <p>{move || T::NotFoundBody.get(lang.get())}</p>
                <A href="/" attr:class="button button-primary">
                    {move || T::BackHome.get(lang.get())}
                </A>
            </div>
        </section>
    }
}

/// A page the signed-in user's role may not open; `why` says who may.
#[component]
pub fn NotAllowedNote(why: T) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    view! {
        <section class="page page-narrow">
            <div class="card notice-card" role="alert" data-testid="not-allowed">
                <h1>{move || T::NotAllowedTitle.get(lang.get())}</h1>
                <p>{move || why.get(lang.get())}</p>
                <A href=move || session.home().to_string() attr:class="button button-primary">
                    {move || T::BackHome.get(lang.get())}
                </A>
            </div>
        </section>
    }
}
