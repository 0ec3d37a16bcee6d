//! Where a transferred worker was a member before: the segment and the status there. Still active
//! at another employer holds the transfer up until that employer deactivates; self-paying with
//! open arrears holds it up until they are paid (Tertib blocks and unblocks by these facts).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use serde_json::{Map, Value};
use tertib_domain::lifecycle::case::{CaseDetail, PreviousMembership, PreviousSegment, PreviousStatus};
use tertib_domain::person::{check_date, format_date, required};

use super::detail::CaseCtx;
use crate::api::{self, from_wire_name, wire_name};
use crate::components::form::{
    field_error, focus_first_invalid, FormAlert, FormErrors, SelectField, SuccessNote, TextField,
};
use crate::i18n::{self, T};
use crate::session::use_session;

const SEGMENTS: [PreviousSegment; 3] =
    [PreviousSegment::OtherEmployer, PreviousSegment::SelfPaying, PreviousSegment::StateSubsidised];
const STATUSES: [PreviousStatus; 2] = [PreviousStatus::Active, PreviousStatus::Inactive];

#[component]
pub fn PreviousMembershipForm(ctx: CaseCtx) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let recorded = Memo::new(move |_| {
        ctx.case.with(|c| match c.as_ref().map(|c| &c.detail) {
            Some(CaseDetail::Transfer { previous }) => previous.clone(),
            _ => None,
        })
    });
    let segment = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let employer = RwSignal::new(String::new());
    let follow_up = RwSignal::new(String::new());
    // The form starts from what is recorded, and follows it when it changes.
    Effect::new(move |_| {
        let p = recorded.get();
        segment.set(p.as_ref().map(|p| wire_name(p.segment)).unwrap_or_default());
        status.set(p.as_ref().map(|p| wire_name(p.status)).unwrap_or_default());
        employer.set(p.as_ref().map(|p| p.employer_name.clone()).unwrap_or_default());
        follow_up.set(p.as_ref().and_then(|p| p.follow_up_date).map(format_date).unwrap_or_default());
    });
    let errors = RwSignal::new(FormErrors::default());
    let pending = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        saved.set(false);
        let mut found = FormErrors::default();
        let chosen_segment: Option<PreviousSegment> = from_wire_name(&segment.get_untracked());
        let chosen_status: Option<PreviousStatus> = from_wire_name(&status.get_untracked());
        if chosen_segment.is_none() {
            found.add_findings([required("segment")]);
        }
        if chosen_status.is_none() {
            found.add_findings([required("status")]);
        }
        let follow_up_date = match check_date("follow_up_date", &follow_up.get_untracked()) {
            Ok(date) => date,
            Err(finding) => {
                found.add_findings([finding]);
                None
            }
        };
        let (Some(segment), Some(status)) = (chosen_segment, chosen_status) else {
            errors.set(found);
            focus_first_invalid("previous-form");
            return;
        };
        if !found.is_empty() {
            errors.set(found);
            focus_first_invalid("previous-form");
            return;
        }
        errors.set(FormErrors::default());
        let previous = PreviousMembership {
            segment,
            status,
            employer_name: employer.get_untracked().trim().to_string(),
            follow_up_date,
        };
        let mut changes = Map::new();
        changes.insert("previous".into(), serde_json::to_value(&previous).unwrap_or(Value::Null));
        pending.set(true);
        leptos::task::spawn_local(async move {
            match api::update_case(session, &ctx.id(), ctx.version(), changes).await {
                Ok(view) => {
                    saved.set(true);
                    ctx.show(view);
                }
                Err(failure) => {
                    if ctx.keep_failure(&failure) {
                        errors.set(FormErrors::from_failure(
                            failure,
                            &["segment", "status", "employer_name", "follow_up_date"],
                            &[],
                        ));
                    }
                }
            }
            pending.set(false);
        });
    };
    view! {
        <p class="hint">{move || T::PreviousHint.get(lang.get())}</p>
        <form id="previous-form" data-testid="previous-form" novalidate on:submit=submit>
            <fieldset class="form-section" disabled=move || ctx.closed()>
                <div class="form-grid">
                    <SelectField
                        id="previous-segment"
                        label=T::PreviousSegment
                        value=segment
                        placeholder=T::Choose
                        testid="previous-segment"
                        required=true
                        options=Signal::derive(move || {
                            let lang = lang.get();
                            SEGMENTS.iter().map(|s| (wire_name(*s), s.label(lang).to_string())).collect()
                        })
                        error=field_error(errors, "segment")
                    />
                    <SelectField
                        id="previous-status"
                        label=T::PreviousStatusLabel
                        value=status
                        placeholder=T::Choose
                        testid="previous-status"
                        required=true
                        options=Signal::derive(move || {
                            let lang = lang.get();
                            STATUSES.iter().map(|s| (wire_name(*s), i18n::previous_status(lang, *s).to_string())).collect()
                        })
                        error=field_error(errors, "status")
                    />
                    <TextField
                        id="previous-employer"
                        label=T::PreviousEmployer
                        value=employer
                        testid="previous-employer"
                        error=field_error(errors, "employer_name")
                    />
                    <TextField
                        id="previous-follow-up"
                        label=T::FollowUpDate
                        value=follow_up
                        hint=T::DateHint
                        testid="previous-follow-up"
                        error=field_error(errors, "follow_up_date")
                    />
                </div>
                <FormAlert errors testid="previous-error" />
                <SuccessNote
                    text=Signal::derive(move || saved.get().then(|| T::ChangesSaved.get(lang.get()).to_string()))
                    testid="previous-saved"
                />
                <div class="form-actions">
                    <button
                        type="submit"
                        class="button button-primary"
                        data-testid="previous-submit"
                        disabled=move || pending.get()
                    >
                        {move || if pending.get() { T::Saving.get(lang.get()) } else { T::SavePrevious.get(lang.get()) }}
                    </button>
                </div>
            </fieldset>
        </form>
    }
}
