//! The findings a form of the registry shows while it is filled, and what it does when the server
//! refuses a save.

use leptos::prelude::*;
use tertib_domain::{ErrorCode, ErrorDetail, Finding, Severity};
use wasm_bindgen::JsCast;

use crate::api::ApiFailure;
use crate::components::form::{focus_first_invalid, FormErrors, Msg};
use crate::session::use_session;

/// Only the failure's errors: warnings do not stop a save and are shown by the form itself.
pub fn errors_only(failure: ApiFailure) -> ApiFailure {
    match failure {
        ApiFailure::Api { status, mut body } => {
            body.details.retain(|d: &ErrorDetail| d.severity == Severity::Error);
            ApiFailure::Api { status, body }
        }
        other => other,
    }
}

/// The findings a form shows: the rules run here (shown once a field has been changed and left,
/// or the form submitted) and the server's errors (shown until the field is changed). Only
/// changed fields count: passing through an empty form, or leaving one that was just saved and
/// emptied, marks nothing.
#[derive(Clone, Copy)]
pub struct Checks {
    local: Memo<Vec<Finding>>,
    touched: RwSignal<Vec<String>>,
    /// Fields changed since the form (re)started; such a field is touched once left.
    changed: StoredValue<Vec<String>>,
    submitted: RwSignal<bool>,
    pub server: RwSignal<FormErrors>,
    /// The save met a newer version of the record (`version_conflict`).
    pub conflict: RwSignal<bool>,
    /// The form's element id; its controls' ids are the field's name after `prefix`.
    form_id: &'static str,
    prefix: &'static str,
    /// The JSON names of the fields the form shows.
    fields: &'static [&'static str],
}

impl Checks {
    pub fn new(
        local: Memo<Vec<Finding>>,
        form_id: &'static str,
        prefix: &'static str,
        fields: &'static [&'static str],
    ) -> Checks {
        Checks {
            local,
            touched: RwSignal::new(Vec::new()),
            changed: StoredValue::new(Vec::new()),
            submitted: RwSignal::new(false),
            server: RwSignal::new(FormErrors::default()),
            conflict: RwSignal::new(false),
            form_id,
            prefix,
            fields,
        }
    }

    fn visible(self, field: &str) -> bool {
        self.submitted.get() || self.touched.with(|t| t.iter().any(|f| f == field))
    }

    pub fn error(self, field: &'static str) -> Signal<Option<String>> {
        let lang = use_session().lang;
        Signal::derive(move || {
            if let Some(text) = self.server.with(|e| e.field(field).map(|m| m.text(lang.get()))) {
                return Some(text);
            }
            if !self.visible(field) {
                return None;
            }
            self.local.with(|found| {
                found.iter().find(|f| f.field == field && f.is_error()).map(|f| f.message(lang.get()).to_string())
            })
        })
    }

    pub fn warning(self, field: &'static str) -> Signal<Option<String>> {
        let lang = use_session().lang;
        Signal::derive(move || {
            if !self.visible(field) || self.server.with(|e| e.field(field).is_some()) {
                return None;
            }
            self.local.with(|found| {
                if found.iter().any(|f| f.field == field && f.is_error()) {
                    return None;
                }
                found.iter().find(|f| f.field == field && !f.is_error()).map(|f| f.message(lang.get()).to_string())
            })
        })
    }

    pub fn touch(self, field: &str) {
        if !self.touched.with_untracked(|t| t.iter().any(|f| f == field)) {
            self.touched.update(|t| t.push(field.to_string()));
        }
    }

    /// Forgets what was shown: the form starts again (emptied, or filled with another record).
    pub fn reset(self) {
        self.touched.set(Vec::new());
        self.changed.set_value(Vec::new());
        self.submitted.set(false);
        self.server.set(FormErrors::default());
        self.conflict.set(false);
    }

    /// The field a control of this form is about, from the event's target id.
    fn field_of(self, ev: &web_sys::Event) -> Option<String> {
        let element = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
        element.id().strip_prefix(self.prefix).map(str::to_string)
    }

    /// A control was left: once it has been changed, its findings show from now on.
    pub fn on_leave(self, ev: &web_sys::Event) {
        if let Some(field) = self.field_of(ev) {
            if self.changed.with_value(|c| c.contains(&field)) {
                self.touch(&field);
            }
        }
    }

    /// A control was changed: the server's error about it is no longer about this value.
    pub fn on_change(self, ev: &web_sys::Event) {
        if let Some(field) = self.field_of(ev) {
            if !self.changed.with_value(|c| c.contains(&field)) {
                self.changed.update_value(|c| c.push(field.clone()));
            }
            if self.server.with_untracked(|e| e.field(&field).is_some()) {
                self.server.update(|e| e.remove(&field));
            }
        }
    }

    /// On submit: every finding shows from now on. `false` when an error stops the save; the form
    /// then says so, with the errors no field of it can show, and the focus goes to the first
    /// field in error.
    pub fn ready_to_send(self) -> bool {
        self.submitted.set(true);
        self.conflict.set(false);
        let (any, elsewhere) = self.local.with_untracked(|found| {
            let errors: Vec<&Finding> = found.iter().filter(|f| f.is_error()).collect();
            let elsewhere: Vec<Finding> =
                errors.iter().filter(|f| !self.fields.contains(&f.field.as_str())).map(|f| (*f).clone()).collect();
            (!errors.is_empty(), elsewhere)
        });
        if !any {
            self.server.set(FormErrors::default());
            return true;
        }
        let mut errors = FormErrors::default();
        errors.set_form(Msg::FixErrors(elsewhere));
        self.server.set(errors);
        focus_first_invalid(self.form_id);
        false
    }

    /// The server refused the save: its errors go next to their fields (`code_fields` places codes
    /// that are about one field), the rest to the form; a version conflict is shown on its own,
    /// with the offer to reload.
    pub fn refused(self, failure: ApiFailure, code_fields: &[(ErrorCode, &str)]) {
        if failure.is_version_conflict() {
            self.server.set(FormErrors::default());
            self.conflict.set(true);
            return;
        }
        self.server.set(FormErrors::from_failure(errors_only(failure), self.fields, code_fields));
        focus_first_invalid(self.form_id);
    }
}
