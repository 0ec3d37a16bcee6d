//! The steps the user may take on the case now (the server's `allowed_actions` for their role),
//! as buttons. A step that must say why (block, reject, cancel) or that records the card number
//! BPJS issued (accepting a registration or transfer of a worker without one) asks for it first.
//! A refused step says why in the domain's words: the steps possible instead, or what the
//! checklist still misses.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use tertib_domain::identifiers::Noka;
use tertib_domain::lifecycle::api::TransitionRequest;
use tertib_domain::lifecycle::{CaseAction, ChecklistKey};
use tertib_domain::person::required;
use tertib_domain::{ErrorCode, Lang};

use super::detail::CaseCtx;
use crate::api::{self, from_wire_name, wire_name, ApiFailure};
use crate::components::form::{escape_cancels, field_error, focus_first, focus_first_invalid, FormErrors, TextField};
use crate::i18n::T;
use crate::session::use_session;

/// A refused step in words: what went wrong, a heading for the list that follows, and the list
/// (the steps possible now, the checklist items missing, or the findings about the values sent).
pub fn refusal(failure: &ApiFailure, lang: Lang) -> (String, Option<T>, Vec<String>) {
    let message = failure.message(lang);
    let ApiFailure::Api { body, .. } = failure else { return (message, None, Vec::new()) };
    match body.code {
        ErrorCode::IllegalTransition => {
            let allowed: Vec<String> = body
                .details
                .iter()
                .map(|d| {
                    from_wire_name::<CaseAction>(&d.code).map_or_else(|| d.message.clone(), |a| a.label(lang).into())
                })
                .collect();
            let heading = if allowed.is_empty() { T::NoStepsLeft } else { T::AllowedNow };
            (message, Some(heading), allowed)
        }
        ErrorCode::ChecklistIncomplete => {
            let missing = body
                .details
                .iter()
                .map(|d| ChecklistKey::parse(&d.code).map_or_else(|| d.message.clone(), |k| k.label(lang).into()))
                .collect();
            (message, Some(T::StillMissing), missing)
        }
        _ => (message, None, body.details.iter().filter(|d| d.field.is_some()).map(|d| d.message.clone()).collect()),
    }
}

fn button_class(action: CaseAction) -> &'static str {
    match action {
        CaseAction::Submit | CaseAction::Accept | CaseAction::Unblock => "button button-primary",
        CaseAction::Reject | CaseAction::Cancel => "button button-danger",
        CaseAction::Block => "button",
    }
}

#[component]
pub fn CaseSteps(ctx: CaseCtx) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let asking: RwSignal<Option<CaseAction>> = RwSignal::new(None);
    let reason = RwSignal::new(String::new());
    let noka = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());
    let failure: RwSignal<Option<ApiFailure>> = RwSignal::new(None);
    let pending = RwSignal::new(false);
    let allowed =
        Memo::new(move |_| ctx.case.with(|c| c.as_ref().map(|c| c.allowed_actions.clone()).unwrap_or_default()));
    // A refusal is about the case as it was: once the case changes (a document attached, an item
    // ticked), it no longer holds.
    // (Attaching a document does not change the case's version, only its checklist.)
    Effect::new(move |previous: Option<Option<(i64, usize, usize)>>| {
        let seen = ctx.case.with(|c| {
            c.as_ref().map(|c| (c.summary.version, c.documents.len(), c.checklist.iter().filter(|i| i.done).count()))
        });
        if previous.is_some_and(|p| p != seen) {
            failure.set(None);
        }
        seen
    });
    // Accepting records the card number BPJS issued, unless the worker already has one.
    let needs_noka = move |action: CaseAction| {
        action == CaseAction::Accept
            && ctx.case.with_untracked(|c| {
                c.as_ref()
                    .is_some_and(|c| c.checklist.iter().any(|i| i.key == ChecklistKey::CardNumber.code() && !i.done))
            })
    };
    let send = move |action: CaseAction| {
        if pending.get_untracked() {
            return;
        }
        let with_noka = needs_noka(action);
        let reason_text = reason.get_untracked().trim().to_string();
        let noka_text = noka.get_untracked().trim().to_string();
        let mut found = FormErrors::default();
        if action.needs_reason() && reason_text.is_empty() {
            found.add_findings([required("reason")]);
        }
        if with_noka {
            match Noka::parse_for("noka", &noka_text) {
                Err(_) if noka_text.is_empty() => found.add_findings([required("noka")]),
                Err(finding) => found.add_findings([finding]),
                Ok(_) => {}
            }
        }
        if !found.is_empty() {
            errors.set(found);
            focus_first_invalid("case-step-form");
            return;
        }
        errors.set(FormErrors::default());
        failure.set(None);
        let step = TransitionRequest {
            action,
            version: Some(ctx.version()),
            reason: action.needs_reason().then_some(reason_text),
            noka: with_noka.then_some(noka_text),
        };
        pending.set(true);
        leptos::task::spawn_local(async move {
            match api::take_step(session, &ctx.id(), &step).await {
                Ok(view) => {
                    asking.set(None);
                    reason.set(String::new());
                    noka.set(String::new());
                    ctx.show(view);
                }
                Err(refused) => {
                    if ctx.keep_failure(&refused) {
                        failure.set(Some(refused));
                    }
                }
            }
            pending.set(false);
        });
    };
    let choose = move |action: CaseAction| {
        failure.set(None);
        if action.needs_reason() || needs_noka(action) {
            errors.set(FormErrors::default());
            asking.set(Some(action));
            focus_first("#case-step-form input".to_string());
        } else {
            asking.set(None);
            send(action);
        }
    };
    let cancel = Callback::new(move |()| {
        let Some(action) = asking.get_untracked() else { return };
        asking.set(None);
        errors.set(FormErrors::default());
        focus_first(format!("[data-testid=case-action-{}]", action.as_str()));
    });
    view! {
        <Show when=move || allowed.with(Vec::is_empty)>
            <p class="muted" data-testid="case-no-steps">
                {move || if ctx.closed() { T::NoStepsLeft.get(lang.get()) } else { T::NoSteps.get(lang.get()) }}
            </p>
        </Show>
        <div class="form-actions">
            {move || {
                allowed
                    .get()
                    .into_iter()
                    .map(|action| {
                        view! {
                            <button
                                type="button"
                                class=button_class(action)
                                data-testid=format!("case-action-{}", action.as_str())
                                aria-pressed=move || (asking.get() == Some(action)).then_some("true")
                                disabled=move || pending.get()
                                on:click=move |_| choose(action)
                            >
                                {move || action.label(lang.get())}
                            </button>
                        }
                    })
                    .collect_view()
            }}
        </div>
        {move || {
            asking
                .get()
                .map(|action| {
                    let submit = move |ev: SubmitEvent| {
                        ev.prevent_default();
                        send(action);
                    };
                    view! {
                        <form
                            id="case-step-form"
                            class="dialog-section"
                            data-testid="case-step-form"
                            novalidate
                            on:submit=submit
                            on:keydown=escape_cancels(cancel)
                        >
                            <h3>{move || action.label(lang.get())}</h3>
                            {action
                                .needs_reason()
                                .then(|| {
                                    view! {
                                        <TextField
                                            id="case-step-reason"
                                            label=T::Reason
                                            value=reason
                                            hint=T::ReasonHint
                                            testid="case-step-reason"
                                            required=true
                                            error=field_error(errors, "reason")
                                        />
                                    }
                                })}
                            {needs_noka(action)
                                .then(|| {
                                    view! {
                                        <TextField
                                            id="case-step-noka"
                                            label=T::Noka
                                            value=noka
                                            hint=T::NokaHint
                                            testid="case-step-noka"
                                            inputmode="numeric"
                                            required=true
                                            error=field_error(errors, "noka")
                                        />
                                    }
                                })}
                            <div class="form-actions">
                                <button
                                    type="submit"
                                    class=button_class(action)
                                    data-testid="case-step-confirm"
                                    disabled=move || pending.get()
                                >
                                    {move || action.label(lang.get())}
                                </button>
                                <button
                                    type="button"
                                    class="button"
                                    data-testid="case-step-cancel"
                                    on:click=move |_| cancel.run(())
                                >
                                    // "Batal" would read like the step "Batalkan" beside it.
                                    {move || T::Close.get(lang.get())}
                                </button>
                            </div>
                        </form>
                    }
                })
        }}
        {move || {
            failure
                .get()
                .map(|refused| {
                    let code = refused.code().map(wire_name);
                    view! {
                        <div class="alert alert-error refusal" role="alert" data-testid="case-step-error" data-code=code>
                            {move || {
                                let (message, heading, items) = refusal(&refused, lang.get());
                                view! {
                                    <p>{message}</p>
                                    {heading.map(|h| view! { <p class="refusal-heading">{h.get(lang.get())}</p> })}
                                    {(!items.is_empty())
                                        .then(|| {
                                            view! {
                                                <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
                                            }
                                        })}
                                }
                            }}
                        </div>
                    }
                })
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tertib_domain::{ApiErrorBody, ErrorDetail, Severity};

    fn refused(status: u16, code: ErrorCode, details: &[(&str, &str)]) -> ApiFailure {
        ApiFailure::Api {
            status,
            body: ApiErrorBody {
                code,
                message: code.message(Lang::Id).to_string(),
                details: details
                    .iter()
                    .map(|(field, code)| ErrorDetail {
                        field: Some(field.to_string()),
                        code: code.to_string(),
                        severity: Severity::Error,
                        message: format!("server: {code}"),
                    })
                    .collect(),
            },
        }
    }

    #[test]
    fn an_incomplete_checklist_names_the_missing_items_by_their_labels() {
        let f = refused(
            422,
            ErrorCode::ChecklistIncomplete,
            &[("checklist", "document:sptjm"), ("checklist", "document:leavers_list")],
        );
        let (message, heading, items) = refusal(&f, Lang::Id);
        assert_eq!(message, "Daftar periksa belum lengkap untuk langkah ini.");
        assert_eq!(heading, Some(T::StillMissing));
        assert_eq!(
            items,
            ["SPTJM ditandatangani pimpinan perusahaan", "Daftar pekerja keluar (nama, nomor kartu, NIP, nomor HP)"]
        );
        let (_, _, items) = refusal(&f, Lang::En);
        assert_eq!(items[0], "Statement of responsibility (SPTJM) signed by the company head");
    }

    #[test]
    fn an_illegal_step_lists_the_steps_possible_now_or_says_none_are_left() {
        let f = refused(409, ErrorCode::IllegalTransition, &[("allowed", "block"), ("allowed", "submit")]);
        let (_, heading, items) = refusal(&f, Lang::Id);
        assert_eq!((heading, items), (Some(T::AllowedNow), vec!["Tahan".to_string(), "Ajukan ke BPJS".to_string()]));
        let (_, heading, items) = refusal(&refused(409, ErrorCode::IllegalTransition, &[]), Lang::En);
        assert_eq!((heading, items.len()), (Some(T::NoStepsLeft), 0));
    }

    #[test]
    fn other_refusals_list_the_findings_about_the_values_sent() {
        let f = refused(422, ErrorCode::ValidationFailed, &[("noka", "noka_wrong_length")]);
        let (_, heading, items) = refusal(&f, Lang::Id);
        assert_eq!((heading, items), (None, vec!["server: noka_wrong_length".to_string()]));
    }
}
