//! Client companies (`/perusahaan-klien`), for directors and HR: the list, and one form that adds
//! a company or changes the one chosen in the list (saved with the version read; `active` off
//! stops new placements there, the history stays). Under the list, the API clients of the
//! company chosen with "Klien API" (see [`super::api_clients`]).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use tertib_domain::money::Rupiah;
use tertib_domain::registry::{
    check_client_company, ClientCompanyDraft, ClientCompanyView, UpdateClientCompanyRequest,
};
use tertib_domain::{ErrorCode, Finding, Lang};

use crate::api::{self, ApiFailure};
use crate::components::form::{
    escape_cancels, field_error, focus_first, focus_first_invalid, CheckField, ConflictAlert, FormAlert, FormErrors,
    SuccessNote, TextField,
};
use crate::components::shell::page_title;
use crate::components::status::{LoadFailed, Loading};
use crate::components::table::{ColumnHeader, EmptyRow};
use crate::i18n::{self, T};
use crate::pages::api_clients::ApiClientsPanel;
use crate::pages::NotAllowedNote;
use crate::session::use_session;

const FORM_ID: &str = "company-form";
const COMPANY_FIELDS: &[&str] = &["code", "name", "address", "contact_emails", "minimum_wage", "regency_code"];

#[component]
pub fn CompaniesPage() -> impl IntoView {
    page_title(Some(T::CompaniesTitle));
    let session = use_session();
    let allowed = Memo::new(move |_| session.can_edit_registry());
    move || {
        if allowed.get() {
            view! { <Companies /> }.into_any()
        } else {
            view! { <NotAllowedNote why=T::NotAllowedRegistry /> }.into_any()
        }
    }
}

#[component]
fn Companies() -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let companies: RwSignal<Option<Result<Vec<ClientCompanyView>, ApiFailure>>> = RwSignal::new(None);
    let load = move || {
        leptos::task::spawn_local(async move {
            let answer = api::list_companies(session).await;
            companies.set(Some(answer));
        });
    };
    load();
    let editing: RwSignal<Option<ClientCompanyView>> = RwSignal::new(None);
    // The list loaded again (after a version conflict): the company being changed is the one
    // stored now.
    Effect::new(move |_| {
        companies.with(|answer| {
            let Some(Ok(list)) = answer else { return };
            let Some((id, version)) = editing.with_untracked(|e| e.as_ref().map(|c| (c.id.clone(), c.version))) else {
                return;
            };
            if let Some(fresh) = list.iter().find(|c| c.id == id && c.version != version) {
                editing.set(Some(fresh.clone()));
            }
        });
    });
    let note: RwSignal<Option<T>> = RwSignal::new(None);
    let on_saved = Callback::new(move |(company, words): (ClientCompanyView, T)| {
        note.set(Some(words));
        companies.update(|list| {
            if let Some(Ok(list)) = list {
                match list.iter_mut().find(|c| c.id == company.id) {
                    Some(stored) => *stored = company,
                    None => list.push(company),
                }
            }
        });
    });
    let on_reload = Callback::new(move |()| load());
    // The company whose API clients are shown under the list.
    let api_for: RwSignal<Option<ClientCompanyView>> = RwSignal::new(None);
    view! {
        <section class="page" data-testid="companies-page">
            <header class="page-header">
                <h1>{move || T::CompaniesTitle.get(lang.get())}</h1>
                <p class="lede">{move || T::CompaniesIntro.get(lang.get())}</p>
            </header>
            <SuccessNote text=Signal::derive(move || note.get().map(|t| t.get(lang.get()).to_string())) testid="company-note" />
            <div class="users-layout">
                <div class="card users-list">
                    {move || match companies.get() {
                        None => view! { <Loading /> }.into_any(),
                        Some(Err(failure)) => view! { <LoadFailed failure retry=load /> }.into_any(),
                        Some(Ok(mut list)) => {
                            list.sort_by_key(|c| c.code.clone());
                            view! {
                                <CompaniesTable
                                    list
                                    editing=Signal::derive(move || editing.with(|e| e.as_ref().map(|c| c.id.clone())))
                                    on_edit=Callback::new(move |company| {
                                        note.set(None);
                                        editing.set(Some(company));
                                    })
                                    on_api_clients=Callback::new(move |company| api_for.set(Some(company)))
                                />
                            }
                                .into_any()
                        }
                    }}
                </div>
                <CompanyForm editing on_saved on_reload />
            </div>
            {move || {
                api_for
                    .get()
                    .map(|company| {
                        view! { <ApiClientsPanel company on_close=Callback::new(move |()| api_for.set(None)) /> }
                    })
            }}
        </section>
    }
}

#[component]
fn CompaniesTable(
    list: Vec<ClientCompanyView>,
    /// The id of the company in the form.
    editing: Signal<Option<String>>,
    on_edit: Callback<ClientCompanyView>,
    /// Shows the company's API clients.
    on_api_clients: Callback<ClientCompanyView>,
) -> impl IntoView {
    let lang = use_session().lang;
    let empty = list.is_empty();
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="companies-table">
                <caption class="visually-hidden">{move || T::CompaniesTitle.get(lang.get())}</caption>
                <thead>
                    <tr>
                        <ColumnHeader label=T::Code />
                        <ColumnHeader label=T::CompanyName />
                        <ColumnHeader label=T::RegencyCode />
                        <ColumnHeader label=T::MinimumWage />
                        <ColumnHeader label=T::ColStatus />
                        <ColumnHeader label=T::ColActions />
                    </tr>
                </thead>
                <tbody>
                    {empty.then(|| view! { <EmptyRow columns=6 text=T::NoCompanies /> })}
                    {list
                        .into_iter()
                        .map(|c| {
                            let active = c.active;
                            let wage = c.minimum_wage;
                            let region = match (&c.regency_code, &c.regency_name) {
                                (Some(code), Some(name)) => format!("{code} {name}"),
                                (Some(code), None) => code.clone(),
                                _ => String::new(),
                            };
                            let id = c.id.clone();
                            let name = c.name.clone();
                            let chosen = c.clone();
                            let for_api = c.clone();
                            let api_name = c.name.clone();
                            view! {
                                <tr
                                    data-testid="company-row"
                                    data-code=c.code.clone()
                                    class:row-disabled=!active
                                    class:row-current=move || editing.with(|e| e.as_deref() == Some(id.as_str()))
                                >
                                    <td class="mono">{c.code.clone()}</td>
                                    <td>{c.name.clone()}</td>
                                    <td>{region}</td>
                                    <td>{move || wage.map(|w| i18n::rupiah(lang.get(), w))}</td>
                                    <td>
                                        {move || if active { T::Active.get(lang.get()) } else { T::Inactive.get(lang.get()) }}
                                    </td>
                                    <td class="cell-actions">
                                        <button
                                            type="button"
                                            class="button button-small button-quiet"
                                            data-testid="company-edit"
                                            data-code=c.code.clone()
                                            aria-label=move || i18n::edit_label(lang.get(), &name)
                                            on:click=move |_| on_edit.run(chosen.clone())
                                        >
                                            {move || T::Edit.get(lang.get())}
                                        </button>
                                        <button
                                            type="button"
                                            class="button button-small button-quiet"
                                            data-testid="company-api-clients"
                                            data-code=c.code.clone()
                                            aria-label=move || i18n::api_clients_of(lang.get(), &api_name)
                                            on:click=move |_| on_api_clients.run(for_api.clone())
                                        >
                                            {move || T::ApiClients.get(lang.get())}
                                        </button>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// What a change to `before` sends: the version read and only the fields that differ.
fn change_of(before: &ClientCompanyView, after: &ClientCompanyDraft, active: bool) -> UpdateClientCompanyRequest {
    fn differs<V: PartialEq + Clone>(old: &V, new: &V) -> Option<V> {
        (old != new).then(|| new.clone())
    }
    UpdateClientCompanyRequest {
        version: before.version,
        code: differs(&before.code, &after.code),
        name: differs(&before.name, &after.name),
        address: differs(&before.address, &after.address),
        contact_emails: differs(&before.contact_emails, &after.contact_emails),
        minimum_wage: differs(&before.minimum_wage, &after.minimum_wage),
        regency_code: differs(&before.regency_code, &after.regency_code),
        active: differs(&before.active, &active),
    }
}

/// Whether a change changes nothing.
fn is_empty(change: &UpdateClientCompanyRequest) -> bool {
    *change == UpdateClientCompanyRequest { version: change.version, ..UpdateClientCompanyRequest::default() }
}

/// Adds a client company, or changes `editing`.
#[component]
fn CompanyForm(
    editing: RwSignal<Option<ClientCompanyView>>,
    /// Saved: the company as stored now, and what to tell the user.
    on_saved: Callback<(ClientCompanyView, T)>,
    /// Loads the list as stored now, after a version conflict.
    on_reload: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let code = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let address = RwSignal::new(String::new());
    let emails = RwSignal::new(String::new());
    let wage = RwSignal::new(String::new());
    let regency = RwSignal::new(String::new());
    let active = RwSignal::new(true);
    let errors = RwSignal::new(FormErrors::default());
    let conflict = RwSignal::new(false);
    let unchanged = RwSignal::new(false);
    let pending = RwSignal::new(false);
    // Another company chosen (or none): the form starts again with its data.
    Effect::new(move |_| {
        let chosen = editing.get();
        let c = chosen.as_ref();
        code.set(c.map(|c| c.code.clone()).unwrap_or_default());
        name.set(c.map(|c| c.name.clone()).unwrap_or_default());
        address.set(c.map(|c| c.address.clone()).unwrap_or_default());
        emails.set(c.map(|c| c.contact_emails.join(", ")).unwrap_or_default());
        wage.set(c.and_then(|c| c.minimum_wage).map(|w| w.to_string()).unwrap_or_default());
        regency.set(c.and_then(|c| c.regency_code.clone()).unwrap_or_default());
        active.set(c.is_none_or(|c| c.active));
        errors.set(FormErrors::default());
        conflict.set(false);
        unchanged.set(false);
        if chosen.is_some() {
            focus_first(format!("#{FORM_ID} input"));
        }
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        conflict.set(false);
        unchanged.set(false);
        let wage_text = wage.get_untracked();
        let minimum_wage = Rupiah::parse(&wage_text).map(Rupiah::amount);
        let draft = ClientCompanyDraft {
            code: code.get_untracked(),
            name: name.get_untracked(),
            address: address.get_untracked(),
            contact_emails: emails
                .get_untracked()
                .split([',', ';', '\n'])
                .map(str::trim)
                .filter(|e| !e.is_empty())
                .map(str::to_string)
                .collect(),
            minimum_wage,
            regency_code: Some(regency.get_untracked()).filter(|r| !r.trim().is_empty()),
        };
        let mut found = FormErrors::default();
        if !wage_text.trim().is_empty() && minimum_wage.is_none() {
            found.add_findings([Finding::error(
                "minimum_wage",
                "wage_invalid",
                T::WageInvalid.get(Lang::Id),
                T::WageInvalid.get(Lang::En),
            )]);
        }
        if let Err(findings) = check_client_company(&draft) {
            // Each address of the list is reported at the one field that holds them all.
            found.add_findings(findings.into_iter().map(|mut f| {
                if f.field.starts_with("contact_emails") {
                    f.field = "contact_emails".to_string();
                }
                f
            }));
        }
        if !found.is_empty() {
            errors.set(found);
            focus_first_invalid(FORM_ID);
            return;
        }
        errors.set(FormErrors::default());
        let change = editing
            .with_untracked(|e| e.as_ref().map(|c| (c.id.clone(), change_of(c, &draft, active.get_untracked()))));
        if change.as_ref().is_some_and(|(_, change)| is_empty(change)) {
            unchanged.set(true);
            return;
        }
        pending.set(true);
        leptos::task::spawn_local(async move {
            let saved = match &change {
                Some((id, change)) => api::update_company(session, id, change).await.map(|c| (c, T::ChangesSaved)),
                None => api::create_company(session, &draft).await.map(|c| (c, T::CompanyCreated)),
            };
            pending.set(false);
            match saved {
                Ok(done) => {
                    // Back to adding, with an empty form.
                    editing.set(None);
                    on_saved.run(done);
                }
                Err(failure) if failure.is_version_conflict() => conflict.set(true),
                Err(failure) => {
                    errors.set(FormErrors::from_failure(failure, COMPANY_FIELDS, &[(ErrorCode::CodeTaken, "code")]));
                    focus_first_invalid(FORM_ID);
                }
            }
        });
    };
    let cancel = Callback::new(move |()| {
        let Some(code) = editing.with_untracked(|e| e.as_ref().map(|c| c.code.clone())) else { return };
        editing.set(None);
        focus_first(format!("[data-testid=company-edit][data-code=\"{code}\"]"));
    });
    let changing = move || editing.with(Option::is_some);
    view! {
        <form id=FORM_ID class="card" novalidate data-testid="company-form" on:submit=submit on:keydown=escape_cancels(cancel)>
            <h2>
                {move || if changing() { T::EditCompany.get(lang.get()) } else { T::CreateCompany.get(lang.get()) }}
            </h2>
            <TextField
                id="company-code"
                label=T::Code
                value=code
                hint=T::CodeHint
                autocomplete="off"
                testid="company-code"
                required=true
                error=field_error(errors, "code")
            />
            <TextField
                id="company-name"
                label=T::CompanyName
                value=name
                autocomplete="off"
                testid="company-name"
                required=true
                error=field_error(errors, "name")
            />
            <TextField
                id="company-address"
                label=T::Address
                value=address
                autocomplete="off"
                testid="company-address"
                error=field_error(errors, "address")
            />
            <TextField
                id="company-emails"
                label=T::ContactEmails
                value=emails
                hint=T::ContactEmailsHint
                autocomplete="off"
                testid="company-emails"
                error=field_error(errors, "contact_emails")
            />
            <TextField
                id="company-wage"
                label=T::MinimumWage
                value=wage
                inputmode="numeric"
                autocomplete="off"
                testid="company-wage"
                error=field_error(errors, "minimum_wage")
            />
            <TextField
                id="company-regency"
                label=T::RegencyCode
                value=regency
                hint=T::RegencyCodeHint
                autocomplete="off"
                testid="company-regency"
                error=field_error(errors, "regency_code")
            />
            <Show when=changing>
                <CheckField id="company-active" label=T::CompanyActive value=active testid="company-active" />
            </Show>
            <FormAlert errors testid="company-form-error" />
            <ConflictAlert show=conflict on_reload testid="company-form-conflict" />
            <p class="hint" role="status" hidden=move || !unchanged.get()>
                {move || T::NothingChanged.get(lang.get())}
            </p>
            <div class="form-actions">
                <button type="submit" class="button button-primary" data-testid="company-submit" disabled=move || pending.get()>
                    {move || {
                        let lang = lang.get();
                        match (pending.get(), changing()) {
                            (true, _) => T::Saving.get(lang),
                            (false, true) => T::SaveChanges.get(lang),
                            (false, false) => T::CreateCompany.get(lang),
                        }
                    }}
                </button>
                <Show when=changing>
                    <button type="button" class="button" data-testid="company-cancel" on:click=move |_| cancel.run(())>
                        {move || T::Cancel.get(lang.get())}
                    </button>
                    <span class="hint">{move || T::EscapeCancels.get(lang.get())}</span>
                </Show>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn company() -> ClientCompanyView {
        ClientCompanyView {
            id: "c1".into(),
            code: "MAJU".into(),
            name: "PT Maju".into(),
            address: String::new(),
            contact_emails: vec!["hr@maju.co.id".into()],
            minimum_wage: Some(5_000_000),
            regency_code: Some("32.75".into()),
            regency_name: Some("Kota Bekasi".into()),
            active: true,
            version: 4,
            created_at: chrono::DateTime::default(),
            updated_at: chrono::DateTime::default(),
        }
    }

    fn as_typed(c: &ClientCompanyView) -> ClientCompanyDraft {
        ClientCompanyDraft {
            code: c.code.clone(),
            name: c.name.clone(),
            address: c.address.clone(),
            contact_emails: c.contact_emails.clone(),
            minimum_wage: c.minimum_wage,
            regency_code: c.regency_code.clone(),
        }
    }

    #[test]
    fn a_company_change_sends_the_version_and_only_what_differs() {
        let before = company();
        assert!(is_empty(&change_of(&before, &as_typed(&before), true)));
        let after = ClientCompanyDraft { name: "PT Maju Jaya".into(), minimum_wage: None, ..as_typed(&before) };
        let change = change_of(&before, &after, false);
        assert_eq!(
            serde_json::to_value(&change).unwrap(),
            serde_json::json!({"version": 4, "code": null, "name": "PT Maju Jaya", "address": null,
                               "contact_emails": null, "minimum_wage": null, "active": false})
        );
        assert_eq!(change.minimum_wage, Some(None));
    }
}
