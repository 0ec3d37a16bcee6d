//! Statuses as coloured labels: the same colour for a value everywhere in the app.

use chrono::NaiveDate;
use leptos::prelude::*;
use tertib_domain::family::Coverage;
use tertib_domain::lifecycle::CaseState;
use tertib_domain::portal::PortalStatus;
use tertib_domain::registry::MembershipStatus;
use tertib_domain::Role;

use crate::api::wire_name;
use crate::i18n::{self, T};
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

/// A membership status and since when it holds ("aktif sejak 02-01-2026").
#[component]
pub fn MembershipSince(
    status: MembershipStatus,
    since: Option<NaiveDate>,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    let lang = use_session().lang;
    view! {
        <span class="membership-since" data-testid=testid>
            <MembershipBadge status />
            {since
                .map(|d| {
                    view! {
                        " "
                        <span class="since">{move || i18n::since(lang.get(), &d)}</span>
                    }
                })}
        </span>
    }
}

/// Where a case stands in its procedure.
#[component]
pub fn CaseStateBadge(state: CaseState, #[prop(optional)] testid: Option<&'static str>) -> impl IntoView {
    let lang = use_session().lang;
    view! {
        <span class=format!("badge badge-case-{}", state.as_str()) data-state=state.as_str() data-testid=testid>
            {move || state.label(lang.get())}
        </span>
    }
}

/// A case's due date; past it (and not finished) it is red and says so in words too.
#[component]
pub fn DueDate(date: NaiveDate, overdue: bool, #[prop(optional)] testid: Option<&'static str>) -> impl IntoView {
    let lang = use_session().lang;
    view! {
        <span class="due" class:due-overdue=overdue data-overdue=overdue.to_string() data-testid=testid>
            {i18n::day(&date)}
            {overdue.then(|| view! { " · " {move || T::Overdue.get(lang.get())} })}
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

/// A placed worker's BPJS status as the client company sees it.
#[component]
pub fn PortalStatusBadge(status: PortalStatus) -> impl IntoView {
    let lang = use_session().lang;
    let name = wire_name(status);
    view! {
        <span class=format!("badge badge-portal badge-p-{name}") data-status=name>
            {move || status.label(lang.get())}
        </span>
    }
}

/// Where a mail of the outbox stands (`queued`, `sending`, `sent`, `failed`).
#[component]
pub fn MailStatusBadge(status: String) -> impl IntoView {
    let lang = use_session().lang;
    let class = format!("badge badge-mail-{status}");
    let words = status.clone();
    view! {
        <span class=class data-status=status>
            {move || i18n::mail_status(lang.get(), &words)}
        </span>
    }
}
