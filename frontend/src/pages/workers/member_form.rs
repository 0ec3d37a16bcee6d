//! The family member form: adds a member, or changes the one chosen in the family table. Like the
//! worker form, it runs the domain's rules while it is filled, with the whole family as the
//! server checks it, and a change sends only the fields that differ from the member as read.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use tertib_domain::family::{validate_family, FamilyMemberDraft};
use tertib_domain::nik::preview;
use tertib_domain::registry::{FamilyMemberView, WorkerView};
use tertib_domain::worker::ValidationSettings;
use tertib_domain::{ErrorCode, Finding};

use super::checks::Checks;
use super::choices::{gender_options, relation_options};
use super::drafts::{member_draft, worker_draft};
use super::nik_preview::NikPreviewBox;
use crate::api::{self, changed_fields, from_wire_name, wire_name};
use crate::components::form::{escape_cancels, focus_first, ConflictAlert, FormAlert, SelectField, TextField};
use crate::i18n::{today, T};
use crate::session::use_session;

const FORM_ID: &str = "member-form";
/// Controls' ids are the field's JSON name after this prefix.
const PREFIX: &str = "member-";

const MEMBER_FIELDS: &[&str] = &[
    "relation",
    "nik",
    "kk_number",
    "full_name",
    "birth_place",
    "birth_date",
    "gender",
    "in_formal_education",
    "education_until",
];

/// What each control holds, as typed.
#[derive(Clone, Copy)]
struct MemberFields {
    relation: RwSignal<String>,
    nik: RwSignal<String>,
    full_name: RwSignal<String>,
    birth_place: RwSignal<String>,
    birth_date: RwSignal<String>,
    gender: RwSignal<String>,
    kk_number: RwSignal<String>,
    in_education: RwSignal<bool>,
    education_until: RwSignal<String>,
}

impl MemberFields {
    fn new() -> MemberFields {
        let s = || RwSignal::new(String::new());
        MemberFields {
            relation: s(),
            nik: s(),
            full_name: s(),
            birth_place: s(),
            birth_date: s(),
            gender: s(),
            kk_number: s(),
            in_education: RwSignal::new(false),
            education_until: s(),
        }
    }

    /// Fills the controls with `d` (empty for a new member).
    fn fill(self, d: &FamilyMemberDraft) {
        self.relation.set(d.relation.map(wire_name).unwrap_or_default());
        self.nik.set(d.nik.clone());
        self.full_name.set(d.full_name.clone());
        self.birth_place.set(d.birth_place.clone());
        self.birth_date.set(d.birth_date.clone());
        self.gender.set(d.gender.map(wire_name).unwrap_or_default());
        self.kk_number.set(d.kk_number.clone());
        self.in_education.set(d.in_formal_education);
        self.education_until.set(d.education_until.clone());
    }

    /// `base` with what the controls hold (fields no control shows keep their value).
    fn draft(self, base: &FamilyMemberDraft) -> FamilyMemberDraft {
        let in_education = self.in_education.get();
        FamilyMemberDraft {
            relation: from_wire_name(&self.relation.get()),
            nik: self.nik.get(),
            kk_number: self.kk_number.get(),
            full_name: self.full_name.get(),
            birth_place: self.birth_place.get(),
            birth_date: self.birth_date.get(),
            gender: from_wire_name(&self.gender.get()),
            in_formal_education: in_education,
            // The end of an education that is over says nothing any more.
            education_until: if in_education { self.education_until.get() } else { String::new() },
            ..base.clone()
        }
    }
}

/// Adds a member to `worker`'s family, or changes `editing` (saved with the version read).
#[component]
pub fn MemberForm(
    worker: Memo<Option<WorkerView>>,
    family: RwSignal<Vec<FamilyMemberView>>,
    /// The member being changed; `None` to add one.
    editing: RwSignal<Option<FamilyMemberView>>,
    /// Saved: what to tell the user (the family is loaded again, as coverage may have moved).
    on_saved: Callback<T>,
    /// Loads the family as stored now, after a version conflict.
    on_reload: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let f = MemberFields::new();
    let base = Memo::new(move |_| editing.with(|e| e.as_ref().map(member_draft).unwrap_or_default()));
    // The member is checked with the whole family, as the server will: in its place when changed,
    // last when added. Its findings name its fields plainly; the others' keep `family[i].`.
    let local = Memo::new(move |_| {
        let Some(w) = worker.get() else { return Vec::new() };
        let draft = base.with(|b| f.draft(b));
        let mut members: Vec<FamilyMemberDraft> = family.with(|list| list.iter().map(member_draft).collect());
        let place =
            editing.with(|e| e.as_ref().and_then(|m| family.with(|list| list.iter().position(|x| x.id == m.id))));
        let target = match place {
            Some(i) => {
                members[i] = draft;
                i
            }
            None => {
                members.push(draft);
                members.len() - 1
            }
        };
        let prefix = format!("family[{target}].");
        validate_family(&worker_draft(&w), &members, today(), &ValidationSettings::default())
            .findings
            .into_iter()
            .map(|mut f: Finding| {
                if let Some(field) = f.field.strip_prefix(&prefix) {
                    f.field = field.to_string();
                }
                f
            })
            .collect::<Vec<Finding>>()
    });
    let checks = Checks::new(local, FORM_ID, PREFIX, MEMBER_FIELDS);
    Effect::new(move |_| {
        if preview(&f.nik.get(), today()).complete {
            checks.touch("nik");
        }
    });
    // Another member chosen (or none): the form starts again with their data.
    Effect::new(move |_| {
        let changing = editing.with(Option::is_some);
        f.fill(&base.get());
        checks.reset();
        if changing {
            focus_first(format!("#{FORM_ID} select"));
        }
    });
    let pending = RwSignal::new(false);
    let unchanged = RwSignal::new(false);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        unchanged.set(false);
        if !checks.ready_to_send() {
            return;
        }
        let Some(worker_id) = worker.with_untracked(|w| w.as_ref().map(|w| w.id.clone())) else { return };
        let after = base.with_untracked(|b| untrack(|| f.draft(b)));
        let change = editing.with_untracked(|e| {
            e.as_ref().map(|m| (m.id.clone(), m.version, changed_fields(&member_draft(m), &after)))
        });
        if change.as_ref().is_some_and(|(_, _, fields)| fields.is_empty()) {
            unchanged.set(true);
            return;
        }
        pending.set(true);
        leptos::task::spawn_local(async move {
            let saved = match change {
                Some((id, version, fields)) => {
                    api::update_family_member(session, &worker_id, &id, version, fields).await.map(|_| T::MemberSaved)
                }
                None => api::add_family_member(session, &worker_id, &after).await.map(|_| T::MemberAdded),
            };
            pending.set(false);
            match saved {
                Ok(words) => {
                    // Back to adding, with an empty form.
                    editing.set(None);
                    on_saved.run(words);
                }
                Err(failure) => checks.refused(failure, &[(ErrorCode::NikTaken, "nik")]),
            }
        });
    };
    let cancel = Callback::new(move |()| {
        let Some(id) = editing.with_untracked(|e| e.as_ref().map(|m| m.id.clone())) else { return };
        editing.set(None);
        // Back where the change started: the member's Edit button.
        focus_first(format!("[data-testid=member-edit][data-member-id=\"{id}\"]"));
    });
    let changing = move || editing.with(Option::is_some);
    let education = move || f.in_education.get();
    view! {
        <form
            id=FORM_ID
            class="dialog-section"
            novalidate
            data-testid="member-form"
            on:submit=submit
            on:keydown=escape_cancels(cancel)
            on:focusout=move |ev| checks.on_leave(&ev)
            on:input=move |ev| checks.on_change(&ev)
            on:change=move |ev| checks.on_change(&ev)
        >
            <h3 data-testid="member-form-title">
                {move || {
                    let lang = lang.get();
                    match editing.with(|e| e.as_ref().map(|m| m.full_name.clone())) {
                        Some(name) => format!("{}: {name}", T::EditFamilyMember.get(lang)),
                        None => T::AddFamilyMember.get(lang).to_string(),
                    }
                }}
            </h3>
            <div class="form-grid">
                <SelectField
                    id="member-relation"
                    label=T::Relation
                    value=f.relation
                    placeholder=T::Choose
                    testid="member-relation"
                    required=true
                    options=Signal::derive(move || relation_options(lang.get()))
                    error=checks.error("relation")
                    warning=checks.warning("relation")
                />
                <div class="nik-block">
                    <TextField
                        id="member-nik"
                        label=T::Nik
                        value=f.nik
                        inputmode="numeric"
                        autocomplete="off"
                        testid="member-nik"
                        required=true
                        error=checks.error("nik")
                        warning=checks.warning("nik")
                    />
                    <NikPreviewBox nik=f.nik testid="member-nik-preview" />
                </div>
                <TextField
                    id="member-full_name"
                    label=T::FullName
                    value=f.full_name
                    autocomplete="off"
                    testid="member-name"
                    required=true
                    error=checks.error("full_name")
                    warning=checks.warning("full_name")
                />
                <TextField
                    id="member-birth_place"
                    label=T::BirthPlace
                    value=f.birth_place
                    autocomplete="off"
                    testid="member-birth-place"
                    error=checks.error("birth_place")
                    warning=checks.warning("birth_place")
                />
                <TextField
                    id="member-birth_date"
                    label=T::BirthDate
                    value=f.birth_date
                    hint=T::DateHint
                    testid="member-birth-date"
                    required=true
                    error=checks.error("birth_date")
                    warning=checks.warning("birth_date")
                />
                <SelectField
                    id="member-gender"
                    label=T::Gender
                    value=f.gender
                    placeholder=T::Choose
                    testid="member-gender"
                    required=true
                    options=Signal::derive(move || gender_options(lang.get()))
                    error=checks.error("gender")
                    warning=checks.warning("gender")
                />
                <TextField
                    id="member-kk_number"
                    label=T::KkNumber
                    value=f.kk_number
                    hint=T::FamilyKkHint
                    inputmode="numeric"
                    autocomplete="off"
                    testid="member-kk"
                    error=checks.error("kk_number")
                    warning=checks.warning("kk_number")
                />
                <div class="field field-check">
                    <input
                        id="member-in_formal_education"
                        type="checkbox"
                        data-testid="member-education"
                        aria-invalid=move || {
                            if checks.error("in_formal_education").with(Option::is_some) { "true" } else { "false" }
                        }
                        bind:checked=f.in_education
                    />
                    <label for="member-in_formal_education">{move || T::InFormalEducation.get(lang.get())}</label>
                    <p class="field-error" hidden=move || checks.error("in_formal_education").with(Option::is_none)>
                        {move || checks.error("in_formal_education").get().unwrap_or_default()}
                    </p>
                </div>
                <Show when=education>
                    <TextField
                        id="member-education_until"
                        label=T::EducationUntil
                        value=f.education_until
                        hint=T::DateHint
                        testid="member-education-until"
                        error=checks.error("education_until")
                        warning=checks.warning("education_until")
                    />
                </Show>
            </div>
            <FormAlert errors=checks.server testid="member-form-error" />
            <ConflictAlert show=checks.conflict on_reload testid="member-form-conflict" />
            <p class="hint" role="status" hidden=move || !unchanged.get()>
                {move || T::NothingChanged.get(lang.get())}
            </p>
            <div class="form-actions">
                <button type="submit" class="button button-primary" data-testid="member-submit" disabled=move || pending.get()>
                    {move || {
                        let lang = lang.get();
                        match (pending.get(), changing()) {
                            (true, _) => T::Saving.get(lang),
                            (false, true) => T::SaveChanges.get(lang),
                            (false, false) => T::AddFamilyMember.get(lang),
                        }
                    }}
                </button>
                <Show when=changing>
                    <button type="button" class="button" data-testid="member-cancel" on:click=move |_| cancel.run(())>
                        {move || T::Cancel.get(lang.get())}
                    </button>
                    <span class="hint">{move || T::EscapeCancels.get(lang.get())}</span>
                </Show>
            </div>
        </form>
    }
}
