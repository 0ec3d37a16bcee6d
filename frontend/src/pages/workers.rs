//! The worker registry: the list (`/pekerja`), the form for a new worker (`/pekerja/baru`) and a
//! worker's page with their family and placements (`/pekerja/:id`).
//!
//! Forms run the rules of `tertib_domain` (the same code the server runs) while they are filled:
//! a field's findings appear next to it once the field has been left or the form submitted.

use std::time::Duration;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use serde::de::DeserializeOwned;
use serde::Serialize;
use tertib_domain::family::{validate_family, Coverage, FamilyMemberDraft, Relation};
use tertib_domain::money::Rupiah;
use tertib_domain::nik::preview;
use tertib_domain::person::{Gender, MaritalStatus};
use tertib_domain::registry::{
    ClientCompanyView, FamilyMemberView, MembershipStatus, NewPlacement, NewWorker, PlacementView, WorkerListQuery,
    WorkerPage, WorkerView,
};
use tertib_domain::worker::{validate_worker, Citizenship, EmploymentStatus, ValidationSettings, WorkerDraft};
use tertib_domain::{ErrorCode, ErrorDetail, Finding, Lang, Severity};
use wasm_bindgen::JsCast;

use crate::api::{self, ApiFailure};
use crate::components::form::{focus_first_invalid, FormAlert, FormErrors, Msg, SelectField, SuccessNote, TextField};
use crate::components::shell::page_title;
use crate::components::status::{LoadFailed, Loading};
use crate::components::table::{ColumnHeader, EmptyRow};
use crate::i18n::{self, today, T};
use crate::pages::NotAllowedNote;
use crate::session::use_session;

const PER_PAGE: u32 = 25;

/// The JSON names of a worker's fields: the API's findings are placed next to them.
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

/// An enum's wire name (`part_time`), for a `<select>` value.
pub fn code_of<E: Serialize>(value: E) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// The enum of a wire name; `None` for the empty choice.
pub fn from_code<E: DeserializeOwned>(code: &str) -> Option<E> {
    if code.is_empty() {
        return None;
    }
    serde_json::from_value(serde_json::Value::String(code.to_string())).ok()
}

/// Only the failure's errors: warnings do not stop a save and are shown by the form itself.
fn errors_only(failure: ApiFailure) -> ApiFailure {
    match failure {
        ApiFailure::Api { status, mut body } => {
            body.details.retain(|d: &ErrorDetail| d.severity == Severity::Error);
            ApiFailure::Api { status, body }
        }
        other => other,
    }
}

/// The findings a form shows: the rules run here (shown once a field has been left or the form
/// submitted) and the server's errors (shown until the field is changed).
#[derive(Clone, Copy)]
struct Checks {
    local: Memo<Vec<Finding>>,
    touched: RwSignal<Vec<String>>,
    submitted: RwSignal<bool>,
    server: RwSignal<FormErrors>,
    /// Controls' ids are the field's name after this prefix.
    prefix: &'static str,
}

impl Checks {
    fn new(local: Memo<Vec<Finding>>, prefix: &'static str) -> Checks {
        Checks {
            local,
            touched: RwSignal::new(Vec::new()),
            submitted: RwSignal::new(false),
            server: RwSignal::new(FormErrors::default()),
            prefix,
        }
    }

    fn visible(self, field: &str) -> bool {
        self.submitted.get() || self.touched.with(|t| t.iter().any(|f| f == field))
    }

    fn error(self, field: &'static str) -> Signal<Option<String>> {
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

    fn warning(self, field: &'static str) -> Signal<Option<String>> {
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

    fn touch(self, field: &str) {
        if !self.touched.with_untracked(|t| t.iter().any(|f| f == field)) {
            self.touched.update(|t| t.push(field.to_string()));
        }
    }

    /// The field a control of this form is about, from the event's target id.
    fn field_of(self, ev: &web_sys::Event) -> Option<String> {
        let element = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
        element.id().strip_prefix(self.prefix).map(str::to_string)
    }

    /// A control was left: its findings show from now on.
    fn on_leave(self, ev: &web_sys::Event) {
        if let Some(field) = self.field_of(ev) {
            self.touch(&field);
        }
    }

    /// A control was changed: the server's error about it is no longer about this value.
    fn on_change(self, ev: &web_sys::Event) {
        if let Some(field) = self.field_of(ev) {
            if self.server.with_untracked(|e| e.field(&field).is_some()) {
                self.server.update(|e| e.remove(&field));
            }
        }
    }

    fn has_errors(self) -> bool {
        self.local.with_untracked(|found| found.iter().any(Finding::is_error))
    }
}

fn gender_options(lang: Lang) -> Vec<(String, String)> {
    [Gender::Male, Gender::Female].into_iter().map(|g| (code_of(g), g.label(lang).to_string())).collect()
}

fn marital_options(lang: Lang) -> Vec<(String, String)> {
    [MaritalStatus::Single, MaritalStatus::Married, MaritalStatus::Divorced, MaritalStatus::Widowed]
        .into_iter()
        .map(|m| (code_of(m), m.label(lang).to_string()))
        .collect()
}

fn employment_options(lang: Lang) -> Vec<(String, String)> {
    [EmploymentStatus::Pkwt, EmploymentStatus::Pkwtt, EmploymentStatus::PartTime]
        .into_iter()
        .map(|e| (code_of(e), e.label(lang).to_string()))
        .collect()
}

fn membership_options(lang: Lang) -> Vec<(String, String)> {
    MembershipStatus::ALL.into_iter().map(|m| (m.as_str().to_string(), m.label(lang).to_string())).collect()
}

fn company_options(companies: &[ClientCompanyView]) -> Vec<(String, String)> {
    companies.iter().filter(|c| c.active).map(|c| (c.id.clone(), format!("{} · {}", c.code, c.name))).collect()
}

fn coverage_label(coverage: Coverage) -> T {
    match coverage {
        Coverage::Covered => T::Covered,
        Coverage::Extra => T::Extra,
        Coverage::NotCovered => T::NotCovered,
    }
}

/// The membership status as a coloured label.
#[component]
fn MembershipBadge(status: MembershipStatus) -> impl IntoView {
    let lang = use_session().lang;
    view! {
        <span class=format!("badge badge-membership badge-m-{}", status.as_str()) data-status=status.as_str()>
            {move || status.label(lang.get())}
        </span>
    }
}

/// Loads the client companies once, for selects and filters.
fn load_companies() -> RwSignal<Vec<ClientCompanyView>> {
    let session = use_session();
    let companies = RwSignal::new(Vec::new());
    leptos::task::spawn_local(async move {
        if let Ok(list) = api::list_companies(session).await {
            companies.set(list);
        }
    });
    companies
}

// ---------------------------------------------------------------------------------------------
// The list

#[component]
pub fn WorkersPage() -> impl IntoView {
    page_title(Some(T::WorkersTitle));
    let session = use_session();
    let staff = Memo::new(move |_| session.is_staff());
    move || {
        if staff.get() {
            view! { <WorkerList /> }.into_any()
        } else {
            view! { <NotAllowedNote why=T::NotAllowedWorkers /> }.into_any()
        }
    }
}

#[component]
fn WorkerList() -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let companies = load_companies();
    let typed = RwSignal::new(String::new());
    let q = RwSignal::new(String::new());
    let company = RwSignal::new(String::new());
    let membership = RwSignal::new(String::new());
    let employment = RwSignal::new(String::new());
    let page = RwSignal::new(1u32);
    let timer: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    // Search as you type: the list follows once typing pauses for a quarter of a second.
    let on_search = move |ev: leptos::ev::Event| {
        typed.set(event_target_value(&ev));
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                q.set(typed.get_untracked());
                page.set(1);
            },
            Duration::from_millis(250),
        )
        .ok();
        timer.set_value(handle);
    };
    on_cleanup(move || {
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
    });

    let answer: RwSignal<Option<Result<WorkerPage, ApiFailure>>> = RwSignal::new(None);
    let loading = RwSignal::new(false);
    let sequence = StoredValue::new(0u64);
    let fetch = move || {
        let query = WorkerListQuery {
            q: Some(q.get()).filter(|q| !q.trim().is_empty()),
            client_company_id: Some(company.get()).filter(|c| !c.is_empty()),
            membership_status: MembershipStatus::parse(&membership.get()),
            employment_status: from_code(&employment.get()),
            page: Some(page.get()),
            per_page: Some(PER_PAGE),
            ..WorkerListQuery::default()
        };
        let n = sequence.get_value() + 1;
        sequence.set_value(n);
        loading.set(true);
        leptos::task::spawn_local(async move {
            let result = api::list_workers(session, &query).await;
            // An older answer that arrives late does not replace a newer one.
            if sequence.get_value() == n {
                answer.set(Some(result));
                loading.set(false);
            }
        });
    };
    Effect::new(move |_| fetch());

    let filter = move |label: T,
                       all: T,
                       value: RwSignal<String>,
                       testid: &'static str,
                       options: Signal<Vec<(String, String)>>| {
        view! {
            <label class="filter">
                <span class="visually-hidden">{move || label.get(lang.get())}</span>
                <select
                    data-testid=testid
                    prop:value=move || value.get()
                    on:change=move |ev| {
                        value.set(event_target_value(&ev));
                        page.set(1);
                    }
                >
                    <option value="">{move || all.get(lang.get())}</option>
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
            </label>
        }
    };

    let pages = move || {
        answer.with(|a| match a {
            Some(Ok(p)) => {
                let per = i64::from(p.per_page.max(1));
                u32::try_from(((p.total + per - 1) / per).max(1)).unwrap_or(u32::MAX)
            }
            _ => 1,
        })
    };

    view! {
           <section class="page" data-testid="workers-page">
               <header class="page-header page-header-actions">
                   <div>
                       <h1>{move || T::WorkersTitle.get(lang.get())}</h1>
                       <p class="lede">{move || T::WorkersIntro.get(lang.get())}</p>
                   </div>
                   <Show when=move || session.can_edit_registry()>
                       <A href="/pekerja/baru" attr:class="button button-primary" attr:data-testid="worker-add">
                           {move || T::AddWorker.get(lang.get())}
                       </A>
                   </Show>
               </header>
               <div class="card">
                   <div class="toolbar toolbar-wrap">
                       <label class="search">
                           <span class="visually-hidden">{move || T::SearchWorkers.get(lang.get())}</span>
                           <input
                               type="search"
                               data-testid="workers-search"
                               placeholder=move || T::SearchWorkers.get(lang.get())
                               prop:value=move || typed.get()
                               on:input=on_search
                           />
                       </label>
                       {filter(
                           T::ClientCompany,
                           T::AllCompanies,
                           company,
                           "workers-filter-company",
                           Signal::derive(move || companies.with(|c| company_options(c))),
                       )}
                       {filter(
                           T::MembershipStatus,
                           T::AllMembership,
                           membership,
                           "workers-filter-membership",
                           Signal::derive(move || membership_options(lang.get())),
                       )}
                       {filter(
                           T::EmploymentStatus,
                           T::AllEmployment,
                           employment,
                           "workers-filter-employment",
                           Signal::derive(move || employment_options(lang.get())),
                       )}
                       <span class="count" aria-live="polite" data-testid="workers-count">
                           {move || {
                               answer
                                   .with(|a| match a {
                                       Some(Ok(p)) => Some(i18n::worker_count(lang.get(), p.total, p.page, pages())),
                                       _ => None,
                                   })
                           }}
                       </span>
                   </div>
                   {move || match answer.get() {
                       None => view! { <Loading /> }.into_any(),
    Some(Err(failure)) => view! { <LoadFailed failure retry=fetch /> }.into_any(),
                       Some(Ok(list)) => view! { <WorkersTable rows=list.items /> }.into_any(),
                   }}
                   <nav class="pager" aria-label=move || T::Pagination.get(lang.get())>
                       <button
                           type="button"
                           class="button button-small"
                           data-testid="workers-prev"
                           disabled=move || page.get() <= 1 || loading.get()
                           on:click=move |_| page.update(|p| *p = p.saturating_sub(1).max(1))
                       >
                           {move || T::PrevPage.get(lang.get())}
                       </button>
                       <button
                           type="button"
                           class="button button-small"
                           data-testid="workers-next"
                           disabled=move || page.get() >= pages() || loading.get()
                           on:click=move |_| page.update(|p| *p += 1)
                       >
                           {move || T::NextPage.get(lang.get())}
                       </button>
                   </nav>
               </div>
           </section>
       }
}

#[component]
fn WorkersTable(rows: Vec<WorkerView>) -> impl IntoView {
    let lang = use_session().lang;
    let empty = rows.is_empty();
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="workers-table">
                <caption class="visually-hidden">{move || T::WorkersTitle.get(lang.get())}</caption>
                <thead>
                    <tr>
                        <ColumnHeader label=T::ColName />
                        <ColumnHeader label=T::ColNik />
                        <ColumnHeader label=T::ClientCompany />
                        <ColumnHeader label=T::ColEmployment />
                        <ColumnHeader label=T::MembershipStatus />
                        <ColumnHeader label=T::ColHireDate />
                    </tr>
                </thead>
                <tbody>
                    {empty
                        .then(|| {
                            view! { <EmptyRow columns=6 text=T::NoWorkerMatches /> }
                        })}
                    {rows
                        .into_iter()
                        .map(|w| {
                            let href = format!("/pekerja/{}", api::encode_segment(&w.id));
                            let employment = w.employment_status;
                            let warned = !w.warnings.is_empty();
                            view! {
                                <tr data-testid="worker-row" data-worker-id=w.id.clone()>
                                    <td class="cell-user">
                                        <A href=href attr:class="cell-user-name">
                                            {w.full_name.clone()}
                                        </A>
                                        {warned
                                            .then(|| {
                                                view! {
                                                    <span
                                                        class="warn-dot"
                                                        title=move || T::Warnings.get(lang.get())
                                                    >
                                                        "⚠"
                                                        <span class="visually-hidden">
                                                            {move || T::Warnings.get(lang.get())}
                                                        </span>
                                                    </span>
                                                }
                                            })}
                                        <span class="cell-user-email">{w.employee_number.clone()}</span>
                                    </td>
                                    <td class="mono">{w.nik.clone()}</td>
                                    <td>{w.client_company.as_ref().map(|c| c.name.clone())}</td>
                                    <td>{move || employment.map(|e| e.label(lang.get()))}</td>
                                    <td>
                                        <MembershipBadge status=w.membership_status />
                                    </td>
                                    <td class="cell-date">{i18n::day(&w.hire_date)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

// ---------------------------------------------------------------------------------------------
// What a NIK encodes

/// What the NIK typed so far encodes: region, birth date and gender, as soon as their digits are
/// there.
#[component]
fn NikPreviewBox(nik: RwSignal<String>, testid: &'static str) -> impl IntoView {
    let lang = use_session().lang;
    let shown = Memo::new(move |_| nik.with(|n| (n.trim().is_empty(), preview(n, today()))));
    view! {
        <div class="nik-preview" data-testid=testid aria-live="polite">
            {move || {
                let (empty, p) = shown.get();
                let lang = lang.get();
                if empty {
                    return view! { <p class="muted">{T::NikTypeMore.get(lang)}</p> }.into_any();
                }
                if p.digits.is_empty() {
                    return view! { <p class="muted">{T::NikNotDigits.get(lang)}</p> }.into_any();
                }
                let region: Vec<String> = [p.district_name.clone(), p.regency_name.clone(), p.province_name.clone()]
                    .into_iter()
                    .flatten()
                    .collect();
                let count = format!("{}/16", p.digits.chars().count());
                view! {
                    <dl class="nik-facts">
                        <div>
                            <dt>{T::NikRegion.get(lang)}</dt>
                            <dd data-testid="nik-region">{if region.is_empty() { "—".to_string() } else { region.join(", ") }}</dd>
                        </div>
                        <div>
                            <dt>{T::BirthDate.get(lang)}</dt>
                            <dd data-testid="nik-birth-date">{p.birth_date.map_or_else(|| "—".to_string(), |d| i18n::day(&d))}</dd>
                        </div>
                        <div>
                            <dt>{T::Gender.get(lang)}</dt>
                            <dd data-testid="nik-gender">{p.gender.map_or("—", |g| g.label(lang))}</dd>
                        </div>
                        <div>
                            <dt>{T::Nik.get(lang)}</dt>
                            <dd>{count}</dd>
                        </div>
                    </dl>
                }
                    .into_any()
            }}
        </div>
    }
}

// ---------------------------------------------------------------------------------------------
// A new worker

#[component]
pub fn NewWorkerPage() -> impl IntoView {
    page_title(Some(T::NewWorkerTitle));
    let session = use_session();
    let allowed = Memo::new(move |_| session.can_edit_registry());
    move || {
        if allowed.get() {
            view! { <NewWorkerForm /> }.into_any()
        } else {
            view! { <NotAllowedNote why=T::NotAllowedRegistry /> }.into_any()
        }
    }
}

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
    fn new() -> WorkerFields {
        let s = || RwSignal::new(String::new());
        WorkerFields {
            nik: s(),
            kk_number: s(),
            full_name: s(),
            birth_place: s(),
            birth_date: s(),
            gender: s(),
            marital_status: s(),
            citizenship: RwSignal::new(code_of(Citizenship::Wni)),
            address: s(),
            district_code: s(),
            village_code: s(),
            phone: s(),
            email: s(),
            employee_number: s(),
            position: s(),
            employment_status: s(),
            hire_date: s(),
            wage_base: s(),
            noka: s(),
            faskes_code: s(),
            company: s(),
        }
    }

    /// The draft as typed; `false` when the wage cannot be read as Rupiah.
    fn draft(self) -> (WorkerDraft, bool) {
        let wage_text = self.wage_base.get();
        let wage = Rupiah::parse(&wage_text).map(Rupiah::amount);
        let wage_ok = wage_text.trim().is_empty() || wage.is_some();
        let draft = WorkerDraft {
            nik: self.nik.get(),
            kk_number: self.kk_number.get(),
            full_name: self.full_name.get(),
            birth_place: self.birth_place.get(),
            birth_date: self.birth_date.get(),
            gender: from_code(&self.gender.get()),
            marital_status: from_code(&self.marital_status.get()),
            citizenship: from_code(&self.citizenship.get()).unwrap_or_default(),
            address: self.address.get(),
            district_code: self.district_code.get(),
            village_code: self.village_code.get(),
            phone: self.phone.get(),
            email: self.email.get(),
            employee_number: self.employee_number.get(),
            position: self.position.get(),
            employment_status: from_code(&self.employment_status.get()),
            hire_date: self.hire_date.get(),
            wage_base: wage,
            noka: self.noka.get(),
            faskes_code: self.faskes_code.get(),
            ..WorkerDraft::default()
        };
        (draft, wage_ok)
    }
}

#[component]
fn NewWorkerForm() -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let navigate = use_navigate();
    let companies = load_companies();
    let f = WorkerFields::new();
    let local = Memo::new(move |_| {
        let (draft, wage_ok) = f.draft();
        let minimum_wage = f
            .company
            .with(|chosen| companies.with(|list| list.iter().find(|c| &c.id == chosen).and_then(|c| c.minimum_wage)));
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
    let checks = Checks::new(local, "");
    // A complete NIK is checked at once, without waiting for the field to be left.
    Effect::new(move |_| {
        if preview(&f.nik.get(), today()).complete {
            checks.touch("nik");
        }
    });
    let pending = RwSignal::new(false);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        checks.submitted.set(true);
        if checks.has_errors() {
            let mut errors = FormErrors::default();
            errors.set_form(Msg::Text(T::FixErrors));
            checks.server.set(errors);
            focus_first_invalid("worker-form");
            return;
        }
        checks.server.set(FormErrors::default());
        let (worker, _) = untrack(move || f.draft());
        let request =
            NewWorker { worker, client_company_id: Some(f.company.get_untracked()).filter(|c| !c.is_empty()) };
        pending.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match api::create_worker(session, &request).await {
                Ok(created) => navigate(&format!("/pekerja/{}", api::encode_segment(&created.id)), Default::default()),
                Err(failure) => {
                    checks.server.set(FormErrors::from_failure(
                        errors_only(failure),
                        WORKER_FIELDS,
                        &[(ErrorCode::NikTaken, "nik")],
                    ));
                    focus_first_invalid("worker-form");
                    pending.set(false);
                }
            }
        });
    };
    let text = move |id: &'static str, label: T, value: RwSignal<String>| {
        view! { <TextField id label value error=checks.error(id) warning=checks.warning(id) autocomplete="off" /> }
    };
    view! {
        <section class="page" data-testid="worker-new-page">
            <header class="page-header">
                <A href="/pekerja" attr:class="back-link">
                    {move || T::BackToWorkers.get(lang.get())}
                </A>
                <h1>{move || T::NewWorkerTitle.get(lang.get())}</h1>
                <p class="lede">{move || T::NewWorkerIntro.get(lang.get())}</p>
            </header>
            <form
                id="worker-form"
                class="card form-card"
                novalidate
                on:submit=submit
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
                            options=Signal::derive(move || {
                                let lang = lang.get();
                                vec![
                                    (code_of(Citizenship::Wni), T::Wni.get(lang).to_string()),
                                    (code_of(Citizenship::Wna), T::Wna.get(lang).to_string()),
                                ]
                            })
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
                        <SelectField
                            id="client_company_id"
                            label=T::ClientCompany
                            value=f.company
                            placeholder=T::NoCompany
                            testid="worker-company"
                            options=Signal::derive(move || companies.with(|c| company_options(c)))
                            error=checks.error("client_company_id")
                        />
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
                <div class="form-actions">
                    <button
                        type="submit"
                        class="button button-primary"
                        data-testid="worker-submit"
                        disabled=move || pending.get()
                    >
                        {move || if pending.get() { T::Saving.get(lang.get()) } else { T::SaveWorker.get(lang.get()) }}
                    </button>
                </div>
            </form>
        </section>
    }
}

// ---------------------------------------------------------------------------------------------
// A worker's page

#[component]
pub fn WorkerDetailPage() -> impl IntoView {
    page_title(Some(T::WorkerData));
    let session = use_session();
    let staff = Memo::new(move |_| session.is_staff());
    move || {
        if staff.get() {
            view! { <WorkerDetail /> }.into_any()
        } else {
            view! { <NotAllowedNote why=T::NotAllowedWorkers /> }.into_any()
        }
    }
}

/// The worker as a draft, for checking a new family member against them.
fn worker_draft(w: &WorkerView) -> WorkerDraft {
    WorkerDraft {
        nik: w.nik.clone(),
        kk_number: w.kk_number.clone().unwrap_or_default(),
        full_name: w.full_name.clone(),
        birth_place: w.birth_place.clone(),
        birth_date: w.birth_date.format("%Y-%m-%d").to_string(),
        gender: Some(w.gender),
        marital_status: w.marital_status,
        citizenship: w.citizenship,
        hire_date: w.hire_date.format("%Y-%m-%d").to_string(),
        wage_base: Some(w.wage_base),
        ..WorkerDraft::default()
    }
}

fn member_draft(m: &FamilyMemberView) -> FamilyMemberDraft {
    FamilyMemberDraft {
        relation: Some(m.relation),
        nik: m.nik.clone(),
        kk_number: m.kk_number.clone().unwrap_or_default(),
        full_name: m.full_name.clone(),
        birth_place: m.birth_place.clone(),
        birth_date: m.birth_date.format("%Y-%m-%d").to_string(),
        gender: Some(m.gender),
        marital_status: m.marital_status,
        citizenship: m.citizenship,
        noka: m.noka.clone().unwrap_or_default(),
        faskes_code: m.faskes_code.clone(),
        in_formal_education: m.in_formal_education,
        education_until: m.education_until.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default(),
    }
}

#[component]
fn WorkerDetail() -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let worker: RwSignal<Option<Result<WorkerView, ApiFailure>>> = RwSignal::new(None);
    let family: RwSignal<Vec<FamilyMemberView>> = RwSignal::new(Vec::new());
    let placements: RwSignal<Vec<PlacementView>> = RwSignal::new(Vec::new());
    let load_worker = move || {
        let id = id.get_untracked();
        leptos::task::spawn_local(async move {
            let answer = api::get_worker(session, &id).await;
            worker.set(Some(answer));
        });
    };
    let load_family = move || {
        let id = id.get_untracked();
        leptos::task::spawn_local(async move {
            if let Ok(list) = api::list_family(session, &id).await {
                family.set(list);
            }
        });
    };
    let load_placements = move || {
        let id = id.get_untracked();
        leptos::task::spawn_local(async move {
            if let Ok(list) = api::list_placements(session, &id).await {
                placements.set(list);
            }
        });
    };
    Effect::new(move |_| {
        id.track();
        load_worker();
        load_family();
        load_placements();
    });
    let current = Memo::new(move |_| worker.with(|w| w.as_ref().and_then(|r| r.as_ref().ok().cloned())));
    let editable = Memo::new(move |_| {
        session.can_edit_registry() && current.with(|w| w.as_ref().is_some_and(|w| !w.identity_masked))
    });
    let on_member_added = Callback::new(move |()| {
        load_family();
        load_worker();
    });
    let on_placed = Callback::new(move |()| {
        load_placements();
        load_worker();
    });
    view! {
        <section class="page" data-testid="worker-page">
            <header class="page-header">
                <A href="/pekerja" attr:class="back-link">
                    {move || T::BackToWorkers.get(lang.get())}
                </A>
                <h1 data-testid="worker-title">
                    {move || {
                        current
                            .with(|w| {
                                w.as_ref()
                                    .map_or_else(|| T::WorkerData.get(lang.get()).to_string(), |w| w.full_name.clone())
                            })
                    }}
                </h1>
            </header>
            {move || match worker.get() {
                None => {
                    view! {
                        <p class="muted" role="status">
                            {move || T::Loading.get(lang.get())}
                        </p>
                    }
                        .into_any()
                }
                Some(Err(failure)) => {
                    view! {
                        <div class="alert alert-error" role="alert">
                            {move || failure.message(lang.get())}
                        </div>
                    }
                        .into_any()
                }
                Some(Ok(w)) => view! { <WorkerFacts worker=w /> }.into_any(),
            }}
            <Show when=move || current.with(Option::is_some)>
                <section class="card" aria-labelledby="family-title">
                    <h2 id="family-title">{move || T::Family.get(lang.get())}</h2>
                    <FamilyTable family />
                    <Show when=move || editable.get()>
                        <AddFamilyMember worker=current family on_added=on_member_added />
                    </Show>
                </section>
                <section class="card" aria-labelledby="placements-title">
                    <h2 id="placements-title">{move || T::Placements.get(lang.get())}</h2>
                    <PlacementsTable placements />
                    <Show when=move || session.can_edit_registry()>
                        <AddPlacement worker_id=id on_added=on_placed />
                    </Show>
                </section>
            </Show>
        </section>
    }
}

#[component]
fn WorkerFacts(worker: WorkerView) -> impl IntoView {
    let lang = use_session().lang;
    let w = worker;
    let fact = move |label: T, value: String, testid: &'static str| {
        view! {
            <div>
                <dt>{move || label.get(lang.get())}</dt>
                <dd data-testid=testid>{if value.trim().is_empty() { "—".to_string() } else { value }}</dd>
            </div>
        }
    };
    let gender = w.gender;
    let marital = w.marital_status;
    let employment = w.employment_status;
    let membership = w.membership_status;
    let wage = w.wage_base;
    let warnings = w.warnings.clone();
    let masked = w.identity_masked;
    view! {
        <section class="card" aria-labelledby="worker-data-title">
            <h2 id="worker-data-title">{move || T::WorkerData.get(lang.get())}</h2>
            {masked
                .then(|| {
                    view! {
                        <p class="alert alert-info" data-testid="identity-masked">
                            {move || T::IdentityMasked.get(lang.get())}
                        </p>
                    }
                })}
            {(!warnings.is_empty())
                .then(|| {
                    view! {
                        <div class="alert alert-warning" data-testid="worker-warnings">
                            <strong>{move || T::Warnings.get(lang.get())}</strong>
                            <ul>
                                {warnings
                                    .into_iter()
                                    .map(|d| view! { <li data-code=d.code.clone()>{d.message.clone()}</li> })
                                    .collect_view()}
                            </ul>
                        </div>
                    }
                })}
            <dl class="facts facts-grid">
                {fact(T::Nik, w.nik.clone(), "worker-nik-value")}
                {fact(T::KkNumber, w.kk_number.clone().unwrap_or_default(), "worker-kk-value")}
                {fact(T::BirthPlace, w.birth_place.clone(), "worker-birth-place")}
                {fact(T::BirthDate, i18n::day(&w.birth_date), "worker-birth-date-value")}
                <div>
                    <dt>{move || T::Gender.get(lang.get())}</dt>
                    <dd>{move || gender.label(lang.get())}</dd>
                </div>
                <div>
                    <dt>{move || T::MaritalStatus.get(lang.get())}</dt>
                    <dd>{move || marital.map_or("—", |m| m.label(lang.get()))}</dd>
                </div>
                {fact(T::Address, w.address.clone(), "worker-address")}
                {fact(T::DistrictCode, w.district_code.clone(), "worker-district")}
                {fact(T::Phone, w.phone.clone(), "worker-phone")}
                {fact(T::Email, w.email.clone(), "worker-email")}
                {fact(T::EmployeeNumber, w.employee_number.clone(), "worker-nip")}
                {fact(T::Position, w.position.clone(), "worker-position")}
                <div>
                    <dt>{move || T::EmploymentStatus.get(lang.get())}</dt>
                    <dd>{move || employment.map_or("—", |e| e.label(lang.get()))}</dd>
                </div>
                {fact(T::HireDate, i18n::day(&w.hire_date), "worker-hire-date-value")}
                <div>
                    <dt>{move || T::WageBase.get(lang.get())}</dt>
                    <dd>{move || i18n::rupiah(lang.get(), wage)}</dd>
                </div>
                {fact(T::ClientCompany, w.client_company.as_ref().map(|c| c.name.clone()).unwrap_or_default(), "worker-company")}
                <div>
                    <dt>{move || T::MembershipStatus.get(lang.get())}</dt>
                    <dd>
                        <MembershipBadge status=membership />
                    </dd>
                </div>
                {fact(T::Noka, w.noka.clone().unwrap_or_default(), "worker-noka")}
                {fact(T::FaskesCode, w.faskes_code.clone(), "worker-faskes")}
            </dl>
        </section>
    }
}

#[component]
fn FamilyTable(family: RwSignal<Vec<FamilyMemberView>>) -> impl IntoView {
    let lang = use_session().lang;
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="family-table">
                <caption class="visually-hidden">{move || T::Family.get(lang.get())}</caption>
                <thead>
                    <tr>
                        <ColumnHeader label=T::Relation />
                        <ColumnHeader label=T::ColName />
                        <ColumnHeader label=T::ColNik />
                        <ColumnHeader label=T::BirthDate />
                        <ColumnHeader label=T::Gender />
                        <ColumnHeader label=T::Coverage />
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let members = family.get();
                        if members.is_empty() {
                            return view! { <EmptyRow columns=6 text=T::NoFamily /> }
                                .into_any();
                        }
                        members
                            .into_iter()
                            .map(|m| {
                                let relation = m.relation;
                                let gender = m.gender;
                                let coverage = m.coverage;
                                let warnings: Vec<String> = m.warnings.iter().map(|d| d.message.clone()).collect();
                                view! {
                                    <tr data-testid="family-row" data-member-id=m.id.clone()>
                                        <td>{move || relation.label(lang.get())}</td>
                                        <td class="cell-user">
                                            <span class="cell-user-name">{m.full_name.clone()}</span>
                                            {warnings
                                                .into_iter()
                                                .map(|w| view! { <span class="field-warning">{w}</span> })
                                                .collect_view()}
                                        </td>
                                        <td class="mono">{m.nik.clone()}</td>
                                        <td class="cell-date">{i18n::day(&m.birth_date)}</td>
                                        <td>{move || gender.label(lang.get())}</td>
                                        <td>
                                            <span class=format!(
                                                "badge badge-coverage-{}",
                                                code_of(coverage),
                                            )>{move || coverage_label(coverage).get(lang.get())}</span>
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()
                            .into_any()
                    }}
                </tbody>
            </table>
        </div>
    }
}

const FAMILY_PREFIX: &str = "family-add-";

#[component]
fn AddFamilyMember(
    worker: Memo<Option<WorkerView>>,
    family: RwSignal<Vec<FamilyMemberView>>,
    on_added: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let relation = RwSignal::new(String::new());
    let nik = RwSignal::new(String::new());
    let full_name = RwSignal::new(String::new());
    let birth_place = RwSignal::new(String::new());
    let birth_date = RwSignal::new(String::new());
    let gender = RwSignal::new(String::new());
    let kk_number = RwSignal::new(String::new());
    let in_education = RwSignal::new(false);
    let education_until = RwSignal::new(String::new());
    let draft = move || FamilyMemberDraft {
        relation: from_code(&relation.get()),
        nik: nik.get(),
        kk_number: kk_number.get(),
        full_name: full_name.get(),
        birth_place: birth_place.get(),
        birth_date: birth_date.get(),
        gender: from_code(&gender.get()),
        in_formal_education: in_education.get(),
        education_until: if in_education.get() { education_until.get() } else { String::new() },
        ..FamilyMemberDraft::default()
    };
    // The new member is checked with the whole family, as the server will: findings about it are
    // those of the last member.
    let local = Memo::new(move |_| {
        let Some(w) = worker.get() else { return Vec::new() };
        let mut members: Vec<FamilyMemberDraft> = family.with(|f| f.iter().map(member_draft).collect());
        members.push(draft());
        let prefix = format!("family[{}].", members.len() - 1);
        validate_family(&worker_draft(&w), &members, today(), &ValidationSettings::default())
            .findings
            .into_iter()
            .filter_map(|mut f| {
                let field = f.field.strip_prefix(&prefix)?.to_string();
                f.field = field;
                Some(f)
            })
            .collect::<Vec<Finding>>()
    });
    let checks = Checks::new(local, FAMILY_PREFIX);
    Effect::new(move |_| {
        if preview(&nik.get(), today()).complete {
            checks.touch("nik");
        }
    });
    let pending = RwSignal::new(false);
    let added = RwSignal::new(false);
    let reset = move || {
        for s in [relation, nik, full_name, birth_place, birth_date, gender, kk_number, education_until] {
            s.set(String::new());
        }
        in_education.set(false);
        checks.touched.set(Vec::new());
        checks.submitted.set(false);
        checks.server.set(FormErrors::default());
    };
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        added.set(false);
        checks.submitted.set(true);
        if checks.has_errors() {
            let mut errors = FormErrors::default();
            errors.set_form(Msg::Text(T::FixErrors));
            checks.server.set(errors);
            focus_first_invalid("family-add");
            return;
        }
        checks.server.set(FormErrors::default());
        let Some(worker_id) = worker.with_untracked(|w| w.as_ref().map(|w| w.id.clone())) else { return };
        let member = untrack(draft);
        pending.set(true);
        leptos::task::spawn_local(async move {
            match api::add_family_member(session, &worker_id, &member).await {
                Ok(_) => {
                    reset();
                    added.set(true);
                    pending.set(false);
                    on_added.run(());
                }
                Err(failure) => {
                    checks.server.set(FormErrors::from_failure(
                        errors_only(failure),
                        MEMBER_FIELDS,
                        &[(ErrorCode::NikTaken, "nik")],
                    ));
                    focus_first_invalid("family-add");
                    pending.set(false);
                }
            }
        });
    };
    view! {
        <form
            id="family-add"
            class="dialog-section"
            novalidate
            data-testid="family-add-form"
            on:submit=submit
            on:focusout=move |ev| checks.on_leave(&ev)
            on:input=move |ev| checks.on_change(&ev)
            on:change=move |ev| checks.on_change(&ev)
        >
            <h3>{move || T::AddFamilyMember.get(lang.get())}</h3>
            <div class="form-grid">
                <SelectField
                    id="family-add-relation"
                    label=T::Relation
                    value=relation
                    placeholder=T::Choose
                    testid="family-add-relation"
                    required=true
                    options=Signal::derive(move || {
                        let lang = lang.get();
                        Relation::ALL.into_iter().map(|r| (code_of(r), r.label(lang).to_string())).collect()
                    })
                    error=checks.error("relation")
                    warning=checks.warning("relation")
                />
                <div class="nik-block">
                    <TextField
                        id="family-add-nik"
                        label=T::Nik
                        value=nik
                        inputmode="numeric"
                        autocomplete="off"
                        testid="family-add-nik"
                        required=true
                        error=checks.error("nik")
                        warning=checks.warning("nik")
                    />
                    <NikPreviewBox nik testid="family-add-nik-preview" />
                </div>
                <TextField
                    id="family-add-full_name"
                    label=T::FullName
                    value=full_name
                    autocomplete="off"
                    testid="family-add-name"
                    required=true
                    error=checks.error("full_name")
                    warning=checks.warning("full_name")
                />
                <TextField
                    id="family-add-birth_place"
                    label=T::BirthPlace
                    value=birth_place
                    autocomplete="off"
                    testid="family-add-birth-place"
                    error=checks.error("birth_place")
                    warning=checks.warning("birth_place")
                />
                <TextField
                    id="family-add-birth_date"
                    label=T::BirthDate
                    value=birth_date
                    hint=T::DateHint
                    testid="family-add-birth-date"
                    required=true
                    error=checks.error("birth_date")
                    warning=checks.warning("birth_date")
                />
                <SelectField
                    id="family-add-gender"
                    label=T::Gender
                    value=gender
                    placeholder=T::Choose
                    testid="family-add-gender"
                    required=true
                    options=Signal::derive(move || gender_options(lang.get()))
                    error=checks.error("gender")
                    warning=checks.warning("gender")
                />
                <TextField
                    id="family-add-kk_number"
                    label=T::KkNumber
                    value=kk_number
                    hint=T::FamilyKkHint
                    inputmode="numeric"
                    autocomplete="off"
                    testid="family-add-kk"
                    error=checks.error("kk_number")
                    warning=checks.warning("kk_number")
                />
                <div class="field field-check">
                    <input
                        id="family-add-in_formal_education"
                        type="checkbox"
                        data-testid="family-add-education"
                        bind:checked=in_education
                    />
                    <label for="family-add-in_formal_education">
                        {move || T::InFormalEducation.get(lang.get())}
                    </label>
                    <p class="field-error" hidden=move || checks.error("in_formal_education").with(Option::is_none)>
                        {move || checks.error("in_formal_education").get().unwrap_or_default()}
                    </p>
                </div>
                <Show when=move || in_education.get()>
                    <TextField
                        id="family-add-education_until"
                        label=T::EducationUntil
                        value=education_until
                        hint=T::DateHint
                        testid="family-add-education-until"
                        error=checks.error("education_until")
                        warning=checks.warning("education_until")
                    />
                </Show>
            </div>
            <FormAlert errors=checks.server testid="family-add-error" />
            <SuccessNote text=Signal::derive(move || added.get().then(|| T::MemberAdded.get(lang.get()).to_string())) />
            <div class="form-actions">
                <button
                    type="submit"
                    class="button button-primary"
                    data-testid="family-add-submit"
                    disabled=move || pending.get()
                >
                    {move || if pending.get() { T::Saving.get(lang.get()) } else { T::AddFamilyMember.get(lang.get()) }}
                </button>
            </div>
        </form>
    }
}

#[component]
fn PlacementsTable(placements: RwSignal<Vec<PlacementView>>) -> impl IntoView {
    let lang = use_session().lang;
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="placements-table">
                <caption class="visually-hidden">{move || T::Placements.get(lang.get())}</caption>
                <thead>
                    <tr>
                        <ColumnHeader label=T::ClientCompany />
                        <ColumnHeader label=T::StartDate />
                        <ColumnHeader label=T::EndDate />
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let list = placements.get();
                        if list.is_empty() {
                            return view! { <EmptyRow columns=3 text=T::NoPlacements /> }
                                .into_any();
                        }
                        list.into_iter()
                            .map(|p| {
                                let current = p.current;
                                view! {
                                    <tr data-testid="placement-row" class:row-current=current>
                                        <td>
                                            {format!("{} · {}", p.client_company.code, p.client_company.name)}
                                            {current
                                                .then(|| {
                                                    view! {
                                                        " "
                                                        <span class="badge badge-m-active">
                                                            {move || T::Current.get(lang.get())}
                                                        </span>
                                                    }
                                                })}
                                        </td>
                                        <td class="cell-date">{i18n::day(&p.start_date)}</td>
                                        <td class="cell-date">{p.end_date.map(|d| i18n::day(&d))}</td>
                                    </tr>
                                }
                            })
                            .collect_view()
                            .into_any()
                    }}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn AddPlacement(worker_id: Memo<String>, on_added: Callback<()>) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let companies = load_companies();
    let company = RwSignal::new(String::new());
    let start = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());
    let pending = RwSignal::new(false);
    let added = RwSignal::new(false);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        added.set(false);
        let mut found = FormErrors::default();
        if company.get_untracked().is_empty() {
            found.add_findings([tertib_domain::person::required("client_company_id")]);
        }
        if let Err(finding) = tertib_domain::person::check_required_date("start_date", &start.get_untracked()) {
            found.add_findings([finding]);
        }
        if !found.is_empty() {
            errors.set(found);
            focus_first_invalid("placement-add");
            return;
        }
        errors.set(FormErrors::default());
        let request = NewPlacement { client_company_id: company.get_untracked(), start_date: start.get_untracked() };
        let id = worker_id.get_untracked();
        pending.set(true);
        leptos::task::spawn_local(async move {
            match api::add_placement(session, &id, &request).await {
                Ok(_) => {
                    company.set(String::new());
                    start.set(String::new());
                    added.set(true);
                    on_added.run(());
                }
                Err(failure) => {
                    errors.set(FormErrors::from_failure(
                        errors_only(failure),
                        &["client_company_id", "start_date"],
                        &[],
                    ));
                    focus_first_invalid("placement-add");
                }
            }
            pending.set(false);
        });
    };
    let err =
        move |field: &'static str| Signal::derive(move || errors.with(|e| e.field(field).map(|m| m.text(lang.get()))));
    view! {
        <form id="placement-add" class="dialog-section" novalidate on:submit=submit>
            <h3>{move || T::AddPlacement.get(lang.get())}</h3>
            <p class="hint">{move || T::PlacementHint.get(lang.get())}</p>
            <div class="form-grid">
                <SelectField
                    id="placement-client_company_id"
                    label=T::ClientCompany
                    value=company
                    placeholder=T::Choose
                    testid="placement-add-company"
                    required=true
                    options=Signal::derive(move || companies.with(|c| company_options(c)))
                    error=err("client_company_id")
                />
                <TextField
                    id="placement-start_date"
                    label=T::StartDate
                    value=start
                    hint=T::DateHint
                    testid="placement-add-start"
                    required=true
                    error=err("start_date")
                />
            </div>
            <FormAlert errors testid="placement-add-error" />
            <SuccessNote text=Signal::derive(move || added.get().then(|| T::PlacementAdded.get(lang.get()).to_string())) />
            <div class="form-actions">
                <button
                    type="submit"
                    class="button button-primary"
                    data-testid="placement-add-submit"
                    disabled=move || pending.get()
                >
                    {move || if pending.get() { T::Saving.get(lang.get()) } else { T::AddPlacement.get(lang.get()) }}
                </button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn select_values_are_the_wire_names() {
        assert_eq!(code_of(EmploymentStatus::PartTime), "part_time");
        assert_eq!(from_code::<Relation>("parent_in_law"), Some(Relation::ParentInLaw));
        assert_eq!(from_code::<Gender>(""), None);
        assert_eq!(from_code::<Gender>("x"), None);
    }
}
