//! Who handles the case and until when: assign it to oneself (or, for a director, to any staff
//! member), let it go, or move its due date.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use serde_json::{Map, Value};
use tertib_domain::auth::UserView;
use tertib_domain::person::{check_required_date, format_date};
use tertib_domain::Role;

use super::detail::CaseCtx;
use crate::api::{self, ApiFailure};
use crate::components::form::{field_error, focus_first_invalid, FormErrors, SelectField, TextField};
use crate::i18n::T;
use crate::session::use_session;

#[component]
pub fn Handling(ctx: CaseCtx) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let me = Memo::new(move |_| session.user.with(|u| u.as_ref().map(|u| u.id.clone())));
    let assignee = Memo::new(move |_| {
        ctx.case.with(|c| c.as_ref().map(|c| (c.summary.assignee_id.clone(), c.summary.assignee_email.clone())))
    });
    let assigned_to_me = move || assignee.with(|a| a.as_ref().and_then(|a| a.0.clone())) == me.get();
    let assigned = move || assignee.with(|a| a.as_ref().is_some_and(|a| a.0.is_some()));
    let pending = RwSignal::new(false);
    let failure: RwSignal<Option<ApiFailure>> = RwSignal::new(None);
    let errors = RwSignal::new(FormErrors::default());
    let patch = move |changes: Map<String, Value>| {
        if pending.get_untracked() {
            return;
        }
        failure.set(None);
        pending.set(true);
        leptos::task::spawn_local(async move {
            match api::update_case(session, &ctx.id(), ctx.version(), changes).await {
                Ok(view) => ctx.show(view),
                Err(refused) => {
                    if ctx.keep_failure(&refused) {
                        failure.set(Some(refused));
                    }
                }
            }
            pending.set(false);
        });
    };
    let assign = move |who: Option<String>| {
        let mut changes = Map::new();
        changes.insert("assignee_id".into(), who.map_or(Value::Null, Value::String));
        patch(changes);
    };
    // A director may hand the case to any staff member (only directors may list the users).
    let staff: RwSignal<Vec<UserView>> = RwSignal::new(Vec::new());
    if session.is_director() {
        leptos::task::spawn_local(async move {
            if let Ok(users) = api::list_users(session).await {
                staff.set(
                    users
                        .into_iter()
                        .filter(|u| !u.disabled && matches!(u.role, Role::Director | Role::Hr | Role::AdminOps))
                        .collect(),
                );
            }
        });
    }
    let pick = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(date) = ctx.case.with(|c| c.as_ref().map(|c| c.summary.due_date)) {
            due.set(format_date(date));
        }
    });
    let save_due = move |ev: SubmitEvent| {
        ev.prevent_default();
        match check_required_date("due_date", &due.get_untracked()) {
            Ok(date) => {
                errors.set(FormErrors::default());
                let mut changes = Map::new();
                changes.insert("due_date".into(), Value::String(date.format("%Y-%m-%d").to_string()));
                patch(changes);
            }
            Err(finding) => {
                let mut found = FormErrors::default();
                found.add_findings([finding]);
                errors.set(found);
                focus_first_invalid("case-due-form");
            }
        }
    };
    let failure_text = move || failure.with(|f| f.as_ref().map(|f| f.message(lang.get())));
    view! {
        <dl class="facts">
            <div>
                <dt>{move || T::Assignee.get(lang.get())}</dt>
                <dd data-testid="case-assignee">
                    {move || {
                        assignee
                            .with(|a| a.as_ref().and_then(|a| a.1.clone()))
                            .unwrap_or_else(|| T::Unassigned.get(lang.get()).to_string())
                    }}
                </dd>
            </div>
        </dl>
        <Show when=move || !ctx.closed()>
            <div class="form-actions handling-actions">
                <Show when=move || !assigned_to_me()>
                    <button
                        type="button"
                        class="button button-small"
                        data-testid="case-assign-me"
                        disabled=move || pending.get()
                        on:click=move |_| assign(me.get_untracked())
                    >
                        {move || T::AssignToMe.get(lang.get())}
                    </button>
                </Show>
                <Show when=assigned>
                    <button
                        type="button"
                        class="button button-small button-quiet"
                        data-testid="case-unassign"
                        disabled=move || pending.get()
                        on:click=move |_| assign(None)
                    >
                        {move || T::Unassign.get(lang.get())}
                    </button>
                </Show>
            </div>
            <Show when=move || staff.with(|s| !s.is_empty())>
                <div class="inline-form">
                    <SelectField
                        id="case-assignee-pick"
                        label=T::AssignTo
                        value=pick
                        placeholder=T::Choose
                        testid="case-assignee-pick"
                        options=Signal::derive(move || {
                            staff
                                .with(|s| {
                                    s.iter()
                                        .map(|u| {
                                            let name = if u.name.trim().is_empty() { u.email.clone() } else { format!("{} ({})", u.name, u.email) };
                                            (u.id.clone(), name)
                                        })
                                        .collect()
                                })
                        })
                        error=Signal::derive(|| None::<String>)
                    />
                    <button
                        type="button"
                        class="button button-small"
                        data-testid="case-assign"
                        disabled=move || pending.get() || pick.with(String::is_empty)
                        on:click=move |_| assign(Some(pick.get_untracked()))
                    >
                        {move || T::Assign.get(lang.get())}
                    </button>
                </div>
            </Show>
            <form id="case-due-form" class="inline-form" novalidate on:submit=save_due>
                <TextField
                    id="case-due-input"
                    label=T::DueDate
                    value=due
                    hint=T::DateHint
                    testid="case-due-input"
                    error=field_error(errors, "due_date")
                />
                <button type="submit" class="button button-small" data-testid="case-due-save" disabled=move || pending.get()>
                    {move || T::ChangeDue.get(lang.get())}
                </button>
            </form>
        </Show>
        <div class="alert alert-error" role="alert" data-testid="handling-error" hidden=move || failure_text().is_none()>
            {failure_text}
        </div>
    }
}
