//! Form fields that show their error next to themselves, and the errors of a form.
//!
//! Errors are kept as what they are (a domain finding, an API failure, an interface text) and put
//! into words when shown, so switching the language re-words the errors on screen too.

use leptos::html::Input;
use leptos::prelude::*;
use tertib_domain::{ApiErrorBody, ErrorCode, ErrorDetail, Finding, Lang};

use crate::api::ApiFailure;
use crate::i18n::T;
use crate::session::use_session;

/// One error message.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// A rule from `tertib_domain`, checked here before sending: same words as the server's.
    Finding(Finding),
    /// A finding the server sent, already in words.
    Server(String),
    Failure(ApiFailure),
    Text(T),
    /// "Fix the marked fields", with the errors that belong to no field of the form (about a
    /// family member when the worker is changed, say).
    FixErrors(Vec<Finding>),
}

impl Msg {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Msg::Finding(f) => f.message(lang).to_string(),
            Msg::Server(text) => text.clone(),
            Msg::Failure(failure) => failure.message(lang),
            Msg::Text(t) => t.get(lang).to_string(),
            Msg::FixErrors(elsewhere) => {
                let mut text = T::FixErrors.get(lang).to_string();
                for finding in elsewhere {
                    text.push(' ');
                    text.push_str(finding.message(lang));
                }
                text
            }
        }
    }
}

/// The errors of one form: per field (by the field's JSON name) and for the form as a whole.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FormErrors {
    fields: Vec<(String, Msg)>,
    form: Option<Msg>,
}

impl FormErrors {
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.form.is_none()
    }

    pub fn field(&self, name: &str) -> Option<&Msg> {
        self.fields.iter().find(|(f, _)| f == name).map(|(_, m)| m)
    }

    pub fn form(&self) -> Option<&Msg> {
        self.form.as_ref()
    }

    /// Adds an error to a field; the first error of a field is the one shown.
    pub fn add(&mut self, field: &str, msg: Msg) {
        if self.field(field).is_none() {
            self.fields.push((field.to_string(), msg));
        }
    }

    /// Sets what the form as a whole says.
    pub fn set_form(&mut self, msg: Msg) {
        self.form = Some(msg);
    }

    /// Forgets the error of a field (once the user changes it).
    pub fn remove(&mut self, field: &str) {
        self.fields.retain(|(f, _)| f != field);
    }

    pub fn add_findings(&mut self, findings: impl IntoIterator<Item = Finding>) {
        for finding in findings.into_iter().filter(Finding::is_error) {
            let field = finding.field.clone();
            self.add(&field, Msg::Finding(finding));
        }
    }

    /// Sorts a failed call's findings onto the form's `fields`. `code_fields` places errors that
    /// are about one field without saying so (`email_taken` is about `email`). The form as a
    /// whole says what went wrong, with the findings that have no field on this form.
    pub fn from_failure(failure: ApiFailure, fields: &[&str], code_fields: &[(ErrorCode, &str)]) -> FormErrors {
        let mut errors = FormErrors::default();
        let ApiFailure::Api { status, body } = &failure else {
            errors.form = Some(Msg::Failure(failure));
            return errors;
        };
        if let Some((_, field)) = code_fields.iter().find(|(code, _)| *code == body.code) {
            errors.add(field, Msg::Failure(failure.clone()));
            return errors;
        }
        let (placed, rest): (Vec<ErrorDetail>, Vec<ErrorDetail>) =
            body.details.iter().cloned().partition(|d| d.field.as_deref().is_some_and(|f| fields.contains(&f)));
        for detail in placed {
            let field = detail.field.unwrap_or_default();
            errors.add(&field, Msg::Server(detail.message));
        }
        let rest = rest.into_iter().map(|d| ErrorDetail { field: None, ..d }).collect();
        let body = ApiErrorBody { details: rest, ..body.clone() };
        errors.form = Some(Msg::Failure(ApiFailure::Api { status: *status, body }));
        errors
    }
}

/// Moves the keyboard focus to the first field marked invalid in the form `form_id`, once the
/// marks are on screen.
pub fn focus_first_invalid(form_id: &'static str) {
    focus_first(format!("#{form_id} [aria-invalid=\"true\"]"));
}

/// Moves the keyboard focus to the first element `selector` finds, once the page has been drawn
/// (an element that has just been asked for is not there yet).
pub fn focus_first(selector: String) {
    request_animation_frame(move || {
        let found = document().query_selector(&selector).ok().flatten();
        if let Some(element) = found.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()) {
            let _ = element.focus();
        }
    });
}

/// A `keydown` handler that cancels an edit on Escape, as a dialog would close.
pub fn escape_cancels(cancel: Callback<()>) -> impl Fn(web_sys::KeyboardEvent) + Copy {
    move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape" && !ev.default_prevented() {
            ev.prevent_default();
            cancel.run(());
        }
    }
}

/// The words of `field`'s error in `errors`, following the language on screen.
pub fn field_error(errors: RwSignal<FormErrors>, field: &'static str) -> Signal<Option<String>> {
    let lang = use_session().lang;
    Signal::derive(move || errors.with(|e| e.field(field).map(|m| m.text(lang.get()))))
}

/// A label, the control (children), an optional hint and the field's error under it. The control
/// must use `id`, and `aria-describedby` from [`describedby`].
#[component]
pub fn Field(
    id: &'static str,
    label: T,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional_no_strip)] hint: Option<T>,
    /// A warning about the value: shown, but it does not block saving.
    #[prop(optional, into)]
    warning: Signal<Option<String>>,
    children: Children,
) -> impl IntoView {
    let lang = use_session().lang;
    view! {
        <div class="field" class:has-error=move || error.with(Option::is_some)>
            <label for=id>{move || label.get(lang.get())}</label>
            {children()}
            {hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{move || h.get(lang.get())}</p> })}
            <p
                class="field-error"
                id=format!("{id}-error")
                data-testid=format!("field-error-{id}")
                hidden=move || error.with(Option::is_none)
            >
                {move || error.get().unwrap_or_default()}
            </p>
            <p
                class="field-warning"
                id=format!("{id}-warning")
                data-testid=format!("field-warning-{id}")
                hidden=move || warning.with(Option::is_none)
            >
                {move || warning.get().unwrap_or_default()}
            </p>
        </div>
    }
}

/// `aria-describedby` for a field's control: its hint and, when shown, its error.
pub fn describedby(id: &'static str, has_hint: bool, error: Signal<Option<String>>) -> Signal<Option<String>> {
    Signal::derive(move || {
        let mut ids = Vec::new();
        if has_hint {
            ids.push(format!("{id}-hint"));
        }
        if error.with(Option::is_some) {
            ids.push(format!("{id}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    })
}

/// A text input in a [`Field`].
#[component]
pub fn TextField(
    id: &'static str,
    label: T,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] hint: Option<T>,
    #[prop(optional)] testid: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] disabled: Signal<bool>,
    #[prop(optional)] node_ref: Option<NodeRef<Input>>,
    #[prop(optional, into)] warning: Signal<Option<String>>,
    #[prop(optional)] inputmode: Option<&'static str>,
) -> impl IntoView {
    let node_ref = node_ref.unwrap_or_default();
    let described = describedby(id, hint.is_some(), error);
    view! {
        <Field id=id label=label error=error hint=hint warning=warning>
            <input
                id=id
                name=id
                type=kind
                autocomplete=autocomplete
                inputmode=inputmode
                data-testid=testid
                required=required
                disabled=move || disabled.get()
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=move || described.get()
                bind:value=value
                node_ref=node_ref
            />
        </Field>
    }
}

/// A choice among `options` (value, words) in a [`Field`]; `placeholder` is the empty choice.
#[component]
pub fn SelectField(
    id: &'static str,
    label: T,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(optional)] placeholder: Option<T>,
    #[prop(optional)] testid: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] warning: Signal<Option<String>>,
) -> impl IntoView {
    let lang = use_session().lang;
    let described = describedby(id, false, error);
    view! {
        <Field id=id label=label error=error warning=warning>
            <select
                id=id
                name=id
                data-testid=testid
                required=required
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=move || described.get()
                prop:value=move || value.get()
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                {placeholder
                    .map(|p| {
                        view! {
                            <option value="" selected=move || value.with(String::is_empty)>
                                {move || p.get(lang.get())}
                            </option>
                        }
                    })}
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
        </Field>
    }
}

/// A checkbox with its label to the right and an optional hint under it.
#[component]
pub fn CheckField(
    id: &'static str,
    label: T,
    value: RwSignal<bool>,
    #[prop(optional)] hint: Option<T>,
    #[prop(optional)] testid: Option<&'static str>,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    let lang = use_session().lang;
    view! {
        <div class="field field-check">
            <input
                id=id
                name=id
                type="checkbox"
                data-testid=testid
                disabled=move || disabled.get()
                aria-describedby=hint.map(|_| format!("{id}-hint"))
                bind:checked=value
            />
            <label for=id>{move || label.get(lang.get())}</label>
            {hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{move || h.get(lang.get())}</p> })}
        </div>
    }
}

/// The error of a whole form, read out when it appears.
#[component]
pub fn FormAlert(errors: RwSignal<FormErrors>, #[prop(optional)] testid: Option<&'static str>) -> impl IntoView {
    let lang = use_session().lang;
    let text = move || errors.with(|e| e.form().map(|m| m.text(lang.get())));
    view! {
        <div class="alert alert-error" role="alert" data-testid=testid hidden=move || text().is_none()>
            {move || text().unwrap_or_default()}
        </div>
    }
}

/// Someone else saved the record after it was read, so the change was not made: says so, and
/// offers to load the record as it is now (the change is then made again on it; keeping the
/// typed values would silently undo the other person's change).
#[component]
pub fn ConflictAlert(
    #[prop(into)] show: Signal<bool>,
    on_reload: Callback<()>,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    let lang = use_session().lang;
    view! {
        <div class="alert alert-error alert-actions" role="alert" data-testid=testid hidden=move || !show.get()>
            <span>{move || ErrorCode::VersionConflict.message(lang.get())}</span>
            <button type="button" class="button button-small" on:click=move |_| on_reload.run(())>
                {move || T::ReloadLatest.get(lang.get())}
            </button>
        </div>
    }
}

/// A confirmation that something was done, read out politely.
#[component]
pub fn SuccessNote(
    #[prop(into)] text: Signal<Option<String>>,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    view! {
        <div class="alert alert-success" role="status" data-testid=testid hidden=move || text.with(Option::is_none)>
            {move || text.get().unwrap_or_default()}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tertib_domain::Severity;

    fn failure(code: ErrorCode, details: &[(Option<&str>, &str)]) -> ApiFailure {
        ApiFailure::Api {
            status: 422,
            body: ApiErrorBody {
                code,
                message: code.message(Lang::Id).to_string(),
                details: details
                    .iter()
                    .map(|(field, message)| ErrorDetail {
                        field: field.map(str::to_string),
                        code: "rule".into(),
                        severity: Severity::Error,
                        message: message.to_string(),
                    })
                    .collect(),
            },
        }
    }

    #[test]
    fn server_findings_go_next_to_their_fields_and_the_rest_to_the_form() {
        let f = failure(
            ErrorCode::ValidationFailed,
            &[(Some("password"), "terlalu pendek"), (Some("unknown"), "lain"), (None, "umum")],
        );
        let errors = FormErrors::from_failure(f, &["email", "password"], &[]);
        assert_eq!(errors.field("password"), Some(&Msg::Server("terlalu pendek".into())));
        assert_eq!(errors.field("email"), None);
        let form = errors.form().map(|m| m.text(Lang::Id)).unwrap_or_default();
        assert_eq!(form, "Data tidak valid. Periksa isian yang ditandai. lain umum");
    }

    #[test]
    fn an_error_code_about_one_field_is_shown_at_that_field() {
        let errors = FormErrors::from_failure(
            failure(ErrorCode::EmailTaken, &[]),
            &["email"],
            &[(ErrorCode::EmailTaken, "email")],
        );
        assert_eq!(
            errors.field("email").map(|m| m.text(Lang::En)),
            Some("This email already belongs to another user.".to_string())
        );
        assert!(errors.form().is_none());
    }

    #[test]
    fn domain_findings_keep_both_languages() {
        let mut errors = FormErrors::default();
        errors.add_findings(tertib_domain::auth::check_password("password", "pendek"));
        let msg = errors.field("password");
        assert_eq!(msg.map(|m| m.text(Lang::Id)), Some("Kata sandi minimal 10 karakter.".to_string()));
        assert_eq!(msg.map(|m| m.text(Lang::En)), Some("The password needs at least 10 characters.".to_string()));
    }
}
