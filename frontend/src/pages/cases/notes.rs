//! Notes on a case: what was agreed by phone, what is awaited, for whoever picks the case up next.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use tertib_domain::lifecycle::api::NewNote;
use tertib_domain::person::required;

use super::detail::CaseCtx;
use crate::api;
use crate::components::form::{describedby, field_error, focus_first_invalid, Field, FormAlert, FormErrors};
use crate::i18n::{self, T};
use crate::session::use_session;

#[component]
pub fn Notes(ctx: CaseCtx) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let body = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());
    let pending = RwSignal::new(false);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let text = body.get_untracked().trim().to_string();
        if text.is_empty() {
            let mut found = FormErrors::default();
            found.add_findings([required("body")]);
            errors.set(found);
            focus_first_invalid("note-form");
            return;
        }
        errors.set(FormErrors::default());
        pending.set(true);
        leptos::task::spawn_local(async move {
            match api::add_note(session, &ctx.id(), &NewNote { body: text }).await {
                Ok(view) => {
                    body.set(String::new());
                    ctx.show(view);
                }
                Err(failure) => {
                    errors.set(FormErrors::from_failure(failure, &["body"], &[]));
                    focus_first_invalid("note-form");
                }
            }
            pending.set(false);
        });
    };
    let error = field_error(errors, "body");
    let described = describedby("note-body", false, error);
    view! {
        {move || {
            let notes = ctx.case.with(|c| c.as_ref().map(|c| c.notes.clone()).unwrap_or_default());
            if notes.is_empty() {
                return view! { <p class="muted">{move || T::NoNotes.get(lang.get())}</p> }.into_any();
            }
            view! {
                <ol class="notes" data-testid="notes-list">
                    {notes
                        .into_iter()
                        .map(|n| {
                            let at = n.created_at;
                            view! {
                                <li class="note" data-testid="note">
                                    <p class="note-body">{n.body.clone()}</p>
                                    <p class="timeline-meta">
                                        {n.author.clone()}
                                        " · "
                                        {move || i18n::datetime(lang.get(), &at)}
                                    </p>
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            }
                .into_any()
        }}
        <form id="note-form" class="dialog-section" novalidate on:submit=submit>
            <Field id="note-body" label=T::AddNote error>
                <textarea
                    id="note-body"
                    name="note-body"
                    rows="3"
                    data-testid="note-body"
                    aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                    aria-describedby=move || described.get()
                    prop:value=move || body.get()
                    on:input=move |ev| {
                        body.set(event_target_value(&ev));
                        errors.update(|e| e.remove("body"));
                    }
                ></textarea>
            </Field>
            <FormAlert errors testid="note-error" />
            <div class="form-actions">
                <button type="submit" class="button" data-testid="note-submit" disabled=move || pending.get()>
                    {move || if pending.get() { T::Saving.get(lang.get()) } else { T::AddNote.get(lang.get()) }}
                </button>
            </div>
        </form>
    }
}
