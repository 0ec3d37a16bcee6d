//! A role as a coloured label: the same colour for a role everywhere in the app.

use leptos::prelude::*;
use tertib_domain::Role;

use crate::session::use_session;

#[component]
pub fn RoleBadge(#[prop(into)] role: Signal<Option<Role>>) -> impl IntoView {
    let lang = use_session().lang;
    view! {
        <span class=move || {
            role.get().map_or_else(|| "badge".to_string(), |r| format!("badge badge-{}", r.as_str()))
        }>{move || role.get().map(|r| r.label(lang.get()))}</span>
    }
}
