//! Client companies (`/perusahaan-klien`), for directors and HR: the list and a form to add one.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use tertib_domain::money::Rupiah;
use tertib_domain::registry::{check_client_company, ClientCompanyDraft, ClientCompanyView};
use tertib_domain::{ErrorCode, Finding, Lang};

use crate::api::{self, ApiFailure};
use crate::components::form::{field_error, focus_first_invalid, FormAlert, FormErrors, SuccessNote, TextField};
use crate::components::shell::page_title;
use crate::components::status::{LoadFailed, Loading};
use crate::components::table::{ColumnHeader, EmptyRow};
use crate::i18n::{self, T};
use crate::pages::NotAllowedNote;
use crate::session::use_session;

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
    let created = RwSignal::new(false);
    let on_created = Callback::new(move |company: ClientCompanyView| {
        created.set(true);
        companies.update(|list| {
            if let Some(Ok(list)) = list {
                list.push(company);
            }
        });
    });
    view! {
           <section class="page" data-testid="companies-page">
               <header class="page-header">
                   <h1>{move || T::CompaniesTitle.get(lang.get())}</h1>
                   <p class="lede">{move || T::CompaniesIntro.get(lang.get())}</p>
               </header>
               <SuccessNote text=Signal::derive(move || created.get().then(|| T::CompanyCreated.get(lang.get()).to_string())) />
               <div class="users-layout">
                   <div class="card users-list">
                       {move || match companies.get() {
                           None => view! { <Loading /> }.into_any(),
    Some(Err(failure)) => view! { <LoadFailed failure retry=load /> }.into_any(),
                           Some(Ok(mut list)) => {
                               list.sort_by_key(|c| c.code.clone());
                               let empty = list.is_empty();
                               view! {
                                   <div class="table-wrap">
                                       <table class="table" data-testid="companies-table">
                                           <caption class="visually-hidden">
                                               {move || T::CompaniesTitle.get(lang.get())}
                                           </caption>
                                           <thead>
                                               <tr>
                                                   <ColumnHeader label=T::Code />
                                                   <ColumnHeader label=T::CompanyName />
                                                   <ColumnHeader label=T::RegencyCode />
                                                   <ColumnHeader label=T::MinimumWage />
                                                   <ColumnHeader label=T::ColStatus />
                                               </tr>
                                           </thead>
                                           <tbody>
                                               {empty
                                                   .then(|| {
                                                       view! { <EmptyRow columns=5 text=T::NoCompanies /> }
                                                   })}
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
                                                       view! {
                                                           <tr data-testid="company-row" data-code=c.code.clone() class:row-disabled=!active>
                                                               <td class="mono">{c.code.clone()}</td>
                                                               <td>{c.name.clone()}</td>
                                                               <td>{region}</td>
                                                               <td>{move || wage.map(|w| i18n::rupiah(lang.get(), w))}</td>
                                                               <td>
                                                                   {move || {
                                                                       if active {
                                                                           T::Active.get(lang.get())
                                                                       } else {
                                                                           T::Inactive.get(lang.get())
                                                                       }
                                                                   }}
                                                               </td>
                                                           </tr>
                                                       }
                                                   })
                                                   .collect_view()}
                                           </tbody>
                                       </table>
                                   </div>
                               }
                                   .into_any()
                           }
                       }}
                   </div>
                   <CreateCompanyForm on_created />
               </div>
           </section>
       }
}

#[component]
fn CreateCompanyForm(on_created: Callback<ClientCompanyView>) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let code = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let address = RwSignal::new(String::new());
    let emails = RwSignal::new(String::new());
    let wage = RwSignal::new(String::new());
    let regency = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());
    let pending = RwSignal::new(false);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
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
            focus_first_invalid("company-create");
            return;
        }
        errors.set(FormErrors::default());
        pending.set(true);
        leptos::task::spawn_local(async move {
            match api::create_company(session, &draft).await {
                Ok(company) => {
                    for s in [code, name, address, emails, wage, regency] {
                        s.set(String::new());
                    }
                    on_created.run(company);
                }
                Err(failure) => {
                    errors.set(FormErrors::from_failure(failure, COMPANY_FIELDS, &[(ErrorCode::CodeTaken, "code")]));
                    focus_first_invalid("company-create");
                }
            }
            pending.set(false);
        });
    };
    view! {
        <form id="company-create" class="card" novalidate on:submit=submit>
            <h2>{move || T::CreateCompany.get(lang.get())}</h2>
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
            <FormAlert errors testid="company-create-error" />
            <div class="form-actions">
                <button
                    type="submit"
                    class="button button-primary"
                    data-testid="company-submit"
                    disabled=move || pending.get()
                >
                    {move || if pending.get() { T::Saving.get(lang.get()) } else { T::CreateCompany.get(lang.get()) }}
                </button>
            </div>
        </form>
    }
}
