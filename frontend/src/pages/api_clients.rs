//! The API clients of a client company, on the client companies page: the company's systems sign
//! in with a client id and secret (OAuth client credentials) to read the portal API. Staff create
//! one (the secret is shown this once, to copy), see when each was last used, and revoke one after
//! a confirmation.
//!
//! Test ids: `api-clients` (the panel), `api-clients-close`, `api-clients-table` (rows
//! `api-client-row` with `data-name` and `data-revoked`), `api-client-revoke`,
//! `api-client-revoke-confirmation`, `api-client-revoke-confirm`, `api-client-revoke-cancel`,
//! `api-client-revoke-error`, `api-client-form` and its controls (`api-client-name`,
//! `api-client-rate`, `api-client-submit`), `api-client-secret` (the box), `api-client-id-value`,
//! `api-client-secret-value`, `api-client-copy`, `api-client-secret-done`. Below them, the
//! company's webhook ([`WebhookSection`]).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use tertib_domain::portal::{ApiClientCreated, ApiClientView, NewApiClient};
use tertib_domain::registry::ClientCompanyView;

use crate::api::{self, ApiFailure};
use crate::components::form::{field_error, focus_first, focus_first_invalid, FormAlert, FormErrors, Msg, TextField};
use crate::components::status::{LoadFailed, Loading};
use crate::components::table::{ColumnHeader, ConfirmRow, EmptyRow};
use crate::files::copy_text;
use crate::i18n::{self, T};
use crate::pages::webhooks::WebhookSection;
use crate::session::use_session;

const FORM_ID: &str = "api-client-form";
const DEFAULT_RATE: i32 = 120;

/// A new client as typed: a name, and requests per minute (1–6000).
fn new_client(name: &str, rate: &str) -> Result<NewApiClient, FormErrors> {
    let mut errors = FormErrors::default();
    let name = name.trim();
    if name.is_empty() {
        errors.add_findings([tertib_domain::person::required("name")]);
    }
    let rate = match rate.trim() {
        "" => None,
        text => match text.parse::<i32>() {
            Ok(n) if (1..=6000).contains(&n) => Some(n),
            Ok(_) => {
                errors.add("rate_limit_per_minute", Msg::Text(T::OutOfRange));
                None
            }
            Err(_) => {
                errors.add("rate_limit_per_minute", Msg::Text(T::NotANumber));
                None
            }
        },
    };
    if errors.is_empty() {
        Ok(NewApiClient { name: name.to_string(), rate_limit_per_minute: rate })
    } else {
        Err(errors)
    }
}

#[component]
pub fn ApiClientsPanel(company: ClientCompanyView, on_close: Callback<()>) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let company_id = StoredValue::new(company.id.clone());
    let clients: RwSignal<Option<Result<Vec<ApiClientView>, ApiFailure>>> = RwSignal::new(None);
    let load = move || {
        leptos::task::spawn_local(async move {
            clients.set(Some(api::list_api_clients(session, &company_id.get_value()).await));
        });
    };
    load();
    focus_first("[data-testid=api-clients] h2".to_string());
    let created: RwSignal<Option<ApiClientCreated>> = RwSignal::new(None);
    let revoking: RwSignal<Option<String>> = RwSignal::new(None);
    let revoke_pending = RwSignal::new(false);
    let revoke_failure: RwSignal<Option<ApiFailure>> = RwSignal::new(None);
    let confirm_revoke = Callback::new(move |id: String| {
        if revoke_pending.get_untracked() {
            return;
        }
        revoke_pending.set(true);
        revoke_failure.set(None);
        leptos::task::spawn_local(async move {
            match api::revoke_api_client(session, &id).await {
                Ok(_) => {
                    revoking.set(None);
                    load();
                }
                Err(failure) => revoke_failure.set(Some(failure)),
            }
            revoke_pending.set(false);
        });
    });
    let cancel_revoke = Callback::new(move |()| {
        let Some(id) = revoking.get_untracked() else { return };
        revoking.set(None);
        focus_first(format!("[data-testid=api-client-revoke][data-client-id=\"{id}\"]"));
    });
    let on_created = Callback::new(move |answer: ApiClientCreated| {
        created.set(Some(answer));
        load();
        focus_first("[data-testid=api-client-secret-value]".to_string());
    });
    let failure_text = move || revoke_failure.with(|f| f.as_ref().map(|f| f.message(lang.get())));
    let name = company.name.clone();
    view! {
        <section class="card" data-testid="api-clients" aria-labelledby="api-clients-title">
            <div class="card-head">
                <h2 id="api-clients-title" tabindex="-1">
                    {move || i18n::api_clients_of(lang.get(), &name)}
                </h2>
                <button type="button" class="button button-small" data-testid="api-clients-close" on:click=move |_| on_close.run(())>
                    {move || T::Close.get(lang.get())}
                </button>
            </div>
            <p class="hint">{move || T::ApiClientsIntro.get(lang.get())}</p>
            {move || {
                created
                    .get()
                    .map(|answer| {
                        view! {
                            <SecretOnce
                                secret=answer.client_secret
                                client_id=answer.client.id
                                note=T::SecretOnce
                                label=T::ClientSecret
                                testid="api-client"
                                on_done=Callback::new(move |()| created.set(None))
                            />
                        }
                    })
            }}
            <div class="alert alert-error" role="alert" data-testid="api-client-revoke-error" hidden=move || failure_text().is_none()>
                {failure_text}
            </div>
            {move || match clients.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(failure)) => view! { <LoadFailed failure retry=load /> }.into_any(),
                Some(Ok(list)) => {
                    view! {
                        <ClientsTable
                            list
                            revoking
                            revoke_pending
                            on_confirm=confirm_revoke
                            on_cancel=cancel_revoke
                        />
                    }
                        .into_any()
                }
            }}
            <NewClientForm company_id=company.id.clone() on_created />
            <WebhookSection company_id=company.id.clone() />
        </section>
    }
}

#[component]
fn ClientsTable(
    list: Vec<ApiClientView>,
    /// The client whose revocation is being asked.
    revoking: RwSignal<Option<String>>,
    revoke_pending: RwSignal<bool>,
    on_confirm: Callback<String>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let lang = use_session().lang;
    let empty = list.is_empty();
    const COLUMNS: u8 = 6;
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="api-clients-table">
                <caption class="visually-hidden">{move || T::ApiClients.get(lang.get())}</caption>
                <thead>
                    <tr>
                        <ColumnHeader label=T::ColName />
                        <ColumnHeader label=T::ClientId />
                        <ColumnHeader label=T::RateLimit />
                        <ColumnHeader label=T::CreatedAt />
                        <ColumnHeader label=T::LastUsed />
                        <ColumnHeader label=T::ColStatus />
                    </tr>
                </thead>
                <tbody>
                    {empty.then(|| view! { <EmptyRow columns=COLUMNS text=T::NoApiClients /> })}
                    {list
                        .into_iter()
                        .map(|c| {
                            let ApiClientView { id, name, rate_limit_per_minute, created_at, created_by, last_used_at, revoked_at, .. } = c;
                            let asked_id = id.clone();
                            let asked = move || revoking.with(|r| r.as_deref() == Some(asked_id.as_str()));
                            let (ask_id, confirm_id) = (id.clone(), id.clone());
                            let question_name = name.clone();
                            view! {
                                <tr
                                    data-testid="api-client-row"
                                    data-name=name.clone()
                                    data-revoked=revoked_at.is_some().to_string()
                                    class:row-disabled=revoked_at.is_some()
                                >
                                    <td>{name.clone()}</td>
                                    <td class="mono">{id.clone()}</td>
                                    <td>{move || i18n::per_minute(lang.get(), rate_limit_per_minute)}</td>
                                    <td class="cell-date">
                                        {move || i18n::datetime(lang.get(), &created_at)}
                                        <span class="cell-user-email">{created_by.clone()}</span>
                                    </td>
                                    <td class="cell-date" data-testid="api-client-last-used">
                                        {move || {
                                            last_used_at
                                                .map(|at| i18n::datetime(lang.get(), &at))
                                                .unwrap_or_else(|| T::Never.get(lang.get()).to_string())
                                        }}
                                    </td>
                                    <td class="cell-actions">
                                        {match revoked_at {
                                            Some(at) => {
                                                view! {
                                                    <span class="status status-disabled">
                                                        {move || i18n::revoked_at(lang.get(), &i18n::datetime(lang.get(), &at))}
                                                    </span>
                                                }
                                                    .into_any()
                                            }
                                            None => {
                                                view! {
                                                    <span class="status">{move || T::Active.get(lang.get())}</span>
                                                    " "
                                                    <button
                                                        type="button"
                                                        class="button button-small button-danger"
                                                        data-testid="api-client-revoke"
                                                        data-client-id=id.clone()
                                                        on:click=move |_| {
                                                            revoking.set(Some(ask_id.clone()));
                                                            focus_first("[data-testid=api-client-revoke-confirm]".to_string());
                                                        }
                                                    >
                                                        {move || T::Revoke.get(lang.get())}
                                                    </button>
                                                }
                                                    .into_any()
                                            }
                                        }}
                                    </td>
                                </tr>
                                <Show when=asked>
                                    <ConfirmRow
                                        columns=COLUMNS
                                        question=Signal::derive({
                                            let who = question_name.clone();
                                            move || i18n::revoke_question(lang.get(), &who)
                                        })
                                        hint=T::RevokeHint
                                        confirm=T::ConfirmRevoke
                                        pending=revoke_pending
                                        testid="api-client-revoke"
                                        on_confirm=Callback::new({
                                            let id = confirm_id.clone();
                                            move |()| on_confirm.run(id.clone())
                                        })
                                        on_cancel
                                    />
                                </Show>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// A secret just made (an API client's, a webhook's): shown this once, to copy. The test ids
/// start with `testid` (`api-client` here: `api-client-secret`, `api-client-secret-value`...).
#[component]
pub(crate) fn SecretOnce(
    secret: String,
    /// The client id shown with an API client's secret.
    #[prop(optional)]
    client_id: Option<String>,
    /// What to do with it, shown above.
    note: T,
    /// The secret's label.
    label: T,
    testid: &'static str,
    on_done: Callback<()>,
) -> impl IntoView {
    let lang = use_session().lang;
    let copied: RwSignal<Option<bool>> = RwSignal::new(None);
    let to_copy = secret.clone();
    let select_all = |ev: leptos::ev::FocusEvent| event_target::<web_sys::HtmlInputElement>(&ev).select();
    let (id_field, secret_field) = (format!("{testid}-id-value"), format!("{testid}-secret-value"));
    view! {
        <div class="alert alert-warning secret-once" role="status" data-testid=format!("{testid}-secret")>
            <p>
                <strong>{move || note.get(lang.get())}</strong>
            </p>
            <div class="form-grid">
                {client_id.map(|id| {
                    view! {
                        <div class="field">
                            <label for=id_field.clone()>{move || T::ClientId.get(lang.get())}</label>
                            <input id=id_field.clone() type="text" class="mono" readonly data-testid=id_field.clone() prop:value=id on:focus=select_all />
                        </div>
                    }
                })}
                <div class="field">
                    <label for=secret_field.clone()>{move || label.get(lang.get())}</label>
                    <input
                        id=secret_field.clone()
                        type="text"
                        class="mono"
                        readonly
                        data-testid=secret_field.clone()
                        prop:value=secret
                        on:focus=select_all
                    />
                </div>
            </div>
            <div class="form-actions">
                <button
                    type="button"
                    class="button button-small"
                    data-testid=format!("{testid}-copy")
                    on:click=move |_| copied.set(Some(copy_text(&to_copy)))
                >
                    {move || T::CopySecret.get(lang.get())}
                </button>
                <button
                    type="button"
                    class="button button-small button-primary"
                    data-testid=format!("{testid}-secret-done")
                    on:click=move |_| on_done.run(())
                >
                    {move || T::SecretSaved.get(lang.get())}
                </button>
                <span class="hint" role="status">
                    {move || {
                        copied
                            .get()
                            .map(|done| if done { T::Copied.get(lang.get()) } else { T::CopyByHand.get(lang.get()) })
                    }}
                </span>
            </div>
        </div>
    }
}

#[component]
fn NewClientForm(company_id: String, on_created: Callback<ApiClientCreated>) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let name = RwSignal::new(String::new());
    let rate = RwSignal::new(DEFAULT_RATE.to_string());
    let errors = RwSignal::new(FormErrors::default());
    let pending = RwSignal::new(false);
    let company_id = StoredValue::new(company_id);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let client = match new_client(&name.get_untracked(), &rate.get_untracked()) {
            Ok(client) => client,
            Err(found) => {
                errors.set(found);
                focus_first_invalid(FORM_ID);
                return;
            }
        };
        errors.set(FormErrors::default());
        pending.set(true);
        leptos::task::spawn_local(async move {
            match api::create_api_client(session, &company_id.get_value(), &client).await {
                Ok(answer) => {
                    name.set(String::new());
                    rate.set(DEFAULT_RATE.to_string());
                    on_created.run(answer);
                }
                Err(failure) => {
                    errors.set(FormErrors::from_failure(failure, &["name", "rate_limit_per_minute"], &[]));
                    focus_first_invalid(FORM_ID);
                }
            }
            pending.set(false);
        });
    };
    view! {
        <form id=FORM_ID class="dialog-section" data-testid=FORM_ID novalidate on:submit=submit>
            <h3>{move || T::NewApiClient.get(lang.get())}</h3>
            <div class="form-grid">
                <TextField
                    id="api-client-name"
                    label=T::ApiClientName
                    value=name
                    hint=T::ApiClientNameHint
                    testid="api-client-name"
                    autocomplete="off"
                    required=true
                    error=field_error(errors, "name")
                />
                <TextField
                    id="api-client-rate"
                    label=T::RateLimit
                    value=rate
                    hint=T::RateLimitHint
                    testid="api-client-rate"
                    inputmode="numeric"
                    error=field_error(errors, "rate_limit_per_minute")
                />
            </div>
            <FormAlert errors testid="api-client-form-error" />
            <div class="form-actions">
                <button type="submit" class="button button-primary" data-testid="api-client-submit" disabled=move || pending.get()>
                    {move || if pending.get() { T::Saving.get(lang.get()) } else { T::CreateApiClient.get(lang.get()) }}
                </button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_client_needs_a_name_and_a_rate_within_the_limits() {
        assert_eq!(
            new_client(" Sistem HRIS ", "600"),
            Ok(NewApiClient { name: "Sistem HRIS".into(), rate_limit_per_minute: Some(600) })
        );
        assert_eq!(new_client("HRIS", "").map(|c| c.rate_limit_per_minute), Ok(None));
        let errors = new_client("", "6001").unwrap_err();
        assert!(errors.field("name").is_some());
        assert_eq!(errors.field("rate_limit_per_minute"), Some(&Msg::Text(T::OutOfRange)));
        assert_eq!(
            new_client("HRIS", "banyak").unwrap_err().field("rate_limit_per_minute"),
            Some(&Msg::Text(T::NotANumber))
        );
    }
}
