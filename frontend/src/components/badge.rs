//! Statuses as coloured labels: the same colour for a value everywhere in the app.

use leptos::prelude::*;
use tertib_domain::family::Coverage;
use tertib_domain::registry::MembershipStatus;
use tertib_domain::Role;

use crate::api::wire_name;
use crate::i18n::T;
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

/// Where a worker stands with BPJS Kesehatan.
#[component]
pub fn MembershipBadge(status: MembershipStatus) -> impl IntoView {
    let lang = use_session().lang;
    view! {
        <span class=format!("badge badge-membership badge-m-{}", status.as_str()) data-status=status.as_str()>
            {move || status.label(lang.get())}
        </span>
    }
}

/// Whether the worker's contribution covers a family member.
#[component]
pub fn CoverageBadge(coverage: Coverage) -> impl IntoView {
    let lang = use_session().lang;
    let words = match coverage {
        Coverage::Covered => T::Covered,
        Coverage::Extra => T::Extra,
        Coverage::NotCovered => T::NotCovered,
    };
    view! {
        <span class=format!("badge badge-coverage-{}", wire_name(coverage))>{move || words.get(lang.get())}</span>
    }
}
