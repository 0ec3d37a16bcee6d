//! The worker form, for a new worker and for a change to one. The rules of `tertib_domain` (the
//! code the server runs) check it while it is filled: a field's findings appear next to it once
//! the field has been changed and left, or the form submitted. A change is checked with the
//! worker's family, as the server checks it, and sends only the fields that differ from the
//! worker as read.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use tertib_domain::money::Rupiah;
use tertib_domain::nik::preview;
use tertib_domain::registry::{FamilyMemberView, NewWorker, WorkerView};
use tertib_domain::worker::{validate_worker, ValidationSettings, WorkerDraft};
use tertib_domain::{ErrorCode, Finding, Lang};

use super::checks::Checks;
use super::choices::{
    citizenship_options, company_options, employment_options, gender_options, load_companies, marital_options,
};
use super::drafts::{member_draft, worker_draft};
use super::nik_preview::NikPreviewBox;
use crate::api::{self, changed_fields, from_wire_name, wire_name};
use crate::components::form::{escape_cancels, focus_first, ConflictAlert, FormAlert, SelectField, TextField};
use crate::i18n::{today, T};
use crate::session::use_session;

const FORM_ID: &str = "worker-form";

/// The JSON names of a worker's fields (the controls' ids): the API's findings are placed next to
/// them.
const WORKER_FIELDS: &[&str] = &[
    "nik",
    "kk_number",
    "full_name",
    "birth_place",
    "birth_date",
    "gender",
    "marital_status",
    "citizenship",
    "address",
    "district_code",
    "village_code",
    "phone",
    "email",
    "employee_number",
    "position",
    "employment_status",
    "hire_date",
    "wage_base",
    "noka",
    "faskes_code",
    "client_company_id",
];

/// What each control holds, as typed.
#[derive(Clone, Copy)]
struct WorkerFields {
    nik: RwSignal<String>,
    kk_number: RwSignal<String>,
    full_name: RwSignal<String>,
    birth_place: RwSignal<String>,
    birth_date: RwSignal<String>,
    gender: RwSignal<String>,
    marital_status: RwSignal<String>,
    citizenship: RwSignal<String>,
    address: RwSignal<String>,
    district_code: RwSignal<String>,
    village_code: RwSignal<String>,
    phone: RwSignal<String>,
    email: RwSignal<String>,
    employee_number: RwSignal<String>,
    position: RwSignal<String>,
    employment_status: RwSignal<String>,
    hire_date: RwSignal<String>,
    wage_base: RwSignal<String>,
    noka: RwSignal<String>,
    faskes_code: RwSignal<String>,
    company: RwSignal<String>,
}

impl WorkerFields {
    /// The controls filled with `d` (empty for a new worker).
    fn of(d: &WorkerDraft) -> WorkerFields {
        let s = |text: &str| RwSignal::new(text.to_string());
        let choice = |name: Option<String>| RwSignal::new(name.unwrap_or_default());
        WorkerFields {
            nik: s(&d.nik),
            kk_number: s(&d.kk_number),
            full_name: s(&d.full_name),
            birth_place: s(&d.birth_place),
            birth_date: s(&d.birth_date),
            gender: choice(d.gender.map(wire_name)),
            marital_status: choice(d.marital_status.map(wire_name)),
            citizenship: s(&wire_name(d.citizenship)),
            address: s(&d.address),
            district_code: s(&d.district_code),
            village_code: s(&d.village_code),
            phone: s(&d.phone),
            email: s(&d.email),
            employee_number: s(&d.employee_number),
            position: s(&d.position),
            employment_status: choice(d.employment_status.map(wire_name)),
            hire_date: s(&d.hire_date),
            wage_base: choice(d.wage_base.map(|w| w.to_string())),
            noka: s(&d.noka),
            faskes_code: s(&d.faskes_code),
            company: s(""),
        }
    }

    /// `base` with what the controls hold (fields no control shows keep their value); `false`
    /// when the wage cannot be read as Rupiah.
    fn draft(self, base: &WorkerDraft) -> (WorkerDraft, bool) {
        let wage_text = self.wage_base.get();
        let wage = Rupiah::parse(&wage_text).map(Rupiah::amount);
        let wage_ok = wage_text.trim().is_empty() || wage.is_some();
        let draft = WorkerDraft {
            nik: self.nik.get(),
            kk_number: self.kk_number.get(),
            full_name: self.full_name.get(),
            birth_place: self.birth_place.get(),
            birth_date: self.birth_date.get(),
            gender: from_wire_name(&self.gender.get()),
            marital_status: from_wire_name(&self.marital_status.get()),
            citizenship: from_wire_name(&self.citizenship.get()).unwrap_or_default(),
            address: self.address.get(),
            district_code: self.district_code.get(),
            village_code: self.village_code.get(),
            phone: self.phone.get(),
            email: self.email.get(),
            employee_number: self.employee_number.get(),
            position: self.position.get(),
            employment_status: from_wire_name(&self.employment_status.get()),
            hire_date: self.hire_date.get(),
            wage_base: wage,
            noka: self.noka.get(),
            faskes_code: self.faskes_code.get(),
            ..base.clone()
        };
        (draft, wage_ok)
    }
}

/// The worker being changed, as read.
struct Editing {
    id: String,
    version: i64,
}

/// A new worker (`worker` is `None`) or a change to `worker`, which is saved with the version
/// read. The server's refusals are shown at their fields; a version conflict offers `on_reload`.
#[component]
pub fn WorkerForm(
    worker: Option<WorkerView>,
    /// The worker's family: a change is checked with it, as the server does.
    #[prop(into)]
    family: Signal<Vec<FamilyMemberView>>,
    on_saved: Callback<WorkerView>,
    /// Leaves a change without saving (the Cancel button, Escape).
    #[prop(optional)]
    on_cancel: Option<Callback<()>>,
    /// Loads the worker as stored now, after a version conflict.
    #[prop(optional)]
    on_reload: Option<Callback<()>>,
) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let companies = load_companies();
    let base = worker.as_ref().map(worker_draft).unwrap_or_default();
    let f = WorkerFields::of(&base);
    let creating = worker.is_none();
    // A placed worker's wage is checked against the UMK of the company they are placed with; a
    // new worker's against the company chosen in the form (placements change elsewhere).
    let placed = worker.as_ref().and_then(|w| w.client_company.as_ref().map(|c| c.id.clone()));
    let editing = StoredValue::new(worker.map(|w| Editing { id: w.id, version: w.version }));
    let base = StoredValue::new(base);
    let local = Memo::new(move |_| {
        let (mut draft, wage_ok) = base.with_value(|b| f.draft(b));
        draft.family = family.with(|members| members.iter().map(member_draft).collect());
        let company = placed.clone().unwrap_or_else(|| f.company.get());
        let minimum_wage = companies.with(|list| list.iter().find(|c| c.id == company).and_then(|c| c.minimum_wage));
        let settings =
            ValidationSettings { minimum_wage: minimum_wage.and_then(Rupiah::new), ..ValidationSettings::default() };
        let mut found = validate_worker(&draft, today(), &settings);
        if !wage_ok {
            found.insert(
                0,
                Finding::error("wage_base", "wage_invalid", T::WageInvalid.get(Lang::Id), T::WageInvalid.get(Lang::En)),
            );
        }
        found
    });
    let checks = Checks::new(local, FORM_ID, "", WORKER_FIELDS);
    // A complete NIK is checked at once, without waiting for the field to be left.
    Effect::new(move |_| {
        if preview(&f.nik.get(), today()).complete {
            checks.touch("nik");
        }
    });
    if !creating {
        focus_first(format!("#{FORM_ID} input"));
    }
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
        let (after, _) = base.with_value(|b| untrack(|| f.draft(b)));
        let change = editing.with_value(|e| {
            e.as_ref().map(|e| (e.id.clone(), e.version, base.with_value(|b| changed_fields(b, &after))))
        });
        if change.as_ref().is_some_and(|(_, _, fields)| fields.is_empty()) {
            unchanged.set(true);
            return;
        }
        let company = Some(f.company.get_untracked()).filter(|c| !c.is_empty());
        pending.set(true);
        leptos::task::spawn_local(async move {
            let saved = match change {
                Some((id, version, fields)) => api::update_worker(session, &id, version, fields).await,
                None => api::create_worker(session, &NewWorker { worker: after, client_company_id: company }).await,
            };
            match saved {
                Ok(worker) => on_saved.run(worker),
                Err(failure) => {
                    checks.refused(failure, &[(ErrorCode::NikTaken, "nik")]);
                    pending.set(false);
                }
            }
        });
    };
    let cancel = Callback::new(move |()| {
        if let Some(cancel) = on_cancel {
            cancel.run(());
        }
    });
    // Changed in the worker's page, the form sits inside its card.
    let form_class = if creating { "card form-card" } else { "form-card" };
    let text = move |id: &'static str, label: T, value: RwSignal<String>| {
        view! { <TextField id label value error=checks.error(id) warning=checks.warning(id) autocomplete="off" /> }
    };
    view! {
        <form
            id=FORM_ID
            class=form_class
            novalidate
            data-testid="worker-form"
            on:submit=submit
            on:keydown=escape_cancels(cancel)
            on:focusout=move |ev| checks.on_leave(&ev)
            on:input=move |ev| checks.on_change(&ev)
            on:change=move |ev| checks.on_change(&ev)
        >
            <fieldset class="form-section">
                <legend>{move || T::SectionIdentity.get(lang.get())}</legend>
                <div class="form-grid">
                    <div class="nik-block">
                        <TextField
                            id="nik"
                            label=T::Nik
                            value=f.nik
                            hint=T::NikHint
                            inputmode="numeric"
                            autocomplete="off"
                            testid="worker-nik"
                            required=true
                            error=checks.error("nik")
                            warning=checks.warning("nik")
                        />
                        <NikPreviewBox nik=f.nik testid="worker-nik-preview" />
                    </div>
                    <TextField
                        id="kk_number"
                        label=T::KkNumber
                        value=f.kk_number
                        inputmode="numeric"
                        autocomplete="off"
                        testid="worker-kk"
                        error=checks.error("kk_number")
                        warning=checks.warning("kk_number")
                    />
                    <TextField
                        id="full_name"
                        label=T::FullName
                        value=f.full_name
                        autocomplete="off"
                        testid="worker-name"
                        required=true
                        error=checks.error("full_name")
                        warning=checks.warning("full_name")
                    />
                    {text("birth_place", T::BirthPlace, f.birth_place)}
                    <TextField
                        id="birth_date"
                        label=T::BirthDate
                        value=f.birth_date
                        hint=T::DateHint
                        testid="worker-birth-date"
                        required=true
                        error=checks.error("birth_date")
                        warning=checks.warning("birth_date")
                    />
                    <SelectField
                        id="gender"
                        label=T::Gender
                        value=f.gender
                        placeholder=T::Choose
                        testid="worker-gender"
                        required=true
                        options=Signal::derive(move || gender_options(lang.get()))
                        error=checks.error("gender")
                        warning=checks.warning("gender")
                    />
                    <SelectField
                        id="marital_status"
                        label=T::MaritalStatus
                        value=f.marital_status
                        placeholder=T::Choose
                        testid="worker-marital"
                        options=Signal::derive(move || marital_options(lang.get()))
                        error=checks.error("marital_status")
                        warning=checks.warning("marital_status")
                    />
                    <SelectField
                        id="citizenship"
                        label=T::Citizenship
                        value=f.citizenship
                        testid="worker-citizenship"
                        options=Signal::derive(move || citizenship_options(lang.get()))
                        error=checks.error("citizenship")
                    />
                </div>
            </fieldset>
            <fieldset class="form-section">
                <legend>{move || T::SectionAddress.get(lang.get())}</legend>
                <div class="form-grid">
                    {text("address", T::Address, f.address)}
                    <TextField
                        id="district_code"
                        label=T::DistrictCode
                        value=f.district_code
                        hint=T::DistrictCodeHint
                        autocomplete="off"
                        error=checks.error("district_code")
                        warning=checks.warning("district_code")
                    />
                    {text("village_code", T::VillageCode, f.village_code)}
                    <TextField
                        id="phone"
                        label=T::Phone
                        value=f.phone
                        kind="tel"
                        autocomplete="off"
                        testid="worker-phone"
                        error=checks.error("phone")
                        warning=checks.warning("phone")
                    />
                    <TextField
                        id="email"
                        label=T::Email
                        value=f.email
                        kind="email"
                        autocomplete="off"
                        error=checks.error("email")
                        warning=checks.warning("email")
                    />
                </div>
            </fieldset>
            <fieldset class="form-section">
                <legend>{move || T::SectionEmployment.get(lang.get())}</legend>
                <div class="form-grid">
                    // A worker's company changes through a new placement, with its start date.
                    {creating
                        .then(|| {
                            view! {
                                <SelectField
                                    id="client_company_id"
                                    label=T::ClientCompany
                                    value=f.company
                                    placeholder=T::NoCompany
                                    testid="worker-company"
                                    options=Signal::derive(move || companies.with(|c| company_options(c)))
                                    error=checks.error("client_company_id")
                                />
                            }
                        })}
                    {text("employee_number", T::EmployeeNumber, f.employee_number)}
                    {text("position", T::Position, f.position)}
                    <SelectField
                        id="employment_status"
                        label=T::EmploymentStatus
                        value=f.employment_status
                        placeholder=T::Choose
                        testid="worker-employment"
                        options=Signal::derive(move || employment_options(lang.get()))
                        error=checks.error("employment_status")
                        warning=checks.warning("employment_status")
                    />
                    <TextField
                        id="hire_date"
                        label=T::HireDate
                        value=f.hire_date
                        hint=T::DateHint
                        testid="worker-hire-date"
                        required=true
                        error=checks.error("hire_date")
                        warning=checks.warning("hire_date")
                    />
                    <TextField
                        id="wage_base"
                        label=T::WageBase
                        value=f.wage_base
                        inputmode="numeric"
                        autocomplete="off"
                        testid="worker-wage"
                        error=checks.error("wage_base")
                        warning=checks.warning("wage_base")
                    />
                </div>
            </fieldset>
            <fieldset class="form-section">
                <legend>{move || T::SectionBpjs.get(lang.get())}</legend>
                <div class="form-grid">
                    {text("noka", T::Noka, f.noka)}
                    {text("faskes_code", T::FaskesCode, f.faskes_code)}
                </div>
            </fieldset>
            <p class="hint">{move || T::WarningsNote.get(lang.get())}</p>
            <FormAlert errors=checks.server testid="worker-form-error" />
            {on_reload.map(|on_reload| view! { <ConflictAlert show=checks.conflict on_reload testid="worker-form-conflict" /> })}
            <p class="hint" role="status" hidden=move || !unchanged.get()>
                {move || T::NothingChanged.get(lang.get())}
            </p>
            <div class="form-actions">
                <button type="submit" class="button button-primary" data-testid="worker-submit" disabled=move || pending.get()>
                    {move || {
                        let lang = lang.get();
                        match (pending.get(), creating) {
                            (true, _) => T::Saving.get(lang),
                            (false, true) => T::SaveWorker.get(lang),
                            (false, false) => T::SaveChanges.get(lang),
                        }
                    }}
                </button>
                {(!creating)
                    .then(|| {
                        view! {
                            <button type="button" class="button" data-testid="worker-cancel" on:click=move |_| cancel.run(())>
                                {move || T::Cancel.get(lang.get())}
                            </button>
                            <span class="hint">{move || T::EscapeCancels.get(lang.get())}</span>
                        }
                    })}
            </div>
        </form>
    }
}
