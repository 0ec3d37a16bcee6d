//! A client company's webhook, in the API clients panel: the URL the company's system is told at
//! when a placed worker's status changes, on or off, its signing secret (shown once when made or
//! rotated) and the latest deliveries with their attempts and errors.
//!
//! Test ids: `webhook` (the section), `webhook-form` and its controls (`webhook-url`,
//! `webhook-enabled`, `webhook-submit`), `webhook-rotate`, `webhook-error`, `webhook-secret` (the
//! box, see [`SecretOnce`]), `webhook-deliveries` (rows `webhook-delivery` with `data-status`).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use tertib_domain::portal::PortalStatus;
use tertib_domain::webhooks::{parse_url, DeliveryStatus, WebhookDelivery, WebhookSaved, WebhookSettings, WebhookView};

use crate::api::{self, ApiFailure};
use crate::components::form::{field_error, focus_first, focus_first_invalid, FormAlert, FormErrors, TextField};
use crate::components::status::{LoadFailed, Loading};
use crate::components::table::{ColumnHeader, EmptyRow};
use crate::i18n::{self, T};
use crate::pages::api_clients::SecretOnce;
use crate::session::use_session;

const FORM_ID: &str = "webhook-form";

/// The settings as typed, or what is wrong with them.
fn settings(url: &str, enabled: bool) -> Result<WebhookSettings, FormErrors> {
    match parse_url(url) {
        Ok(url) => Ok(WebhookSettings { url, enabled }),
        Err(finding) => {
            let mut errors = FormErrors::default();
            errors.add_findings([finding]);
            Err(errors)
        }
    }
}

fn status_code(status: DeliveryStatus) -> &'static str {
    match status {
        DeliveryStatus::Queued => "queued",
        DeliveryStatus::Sending => "sending",
        DeliveryStatus::Sent => "sent",
        DeliveryStatus::Failed => "failed",
    }
}

#[component]
pub fn WebhookSection(company_id: String) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let company_id = StoredValue::new(company_id);
    let hook: RwSignal<Option<Result<Option<WebhookView>, ApiFailure>>> = RwSignal::new(None);
    let deliveries: RwSignal<Option<Result<Vec<WebhookDelivery>, ApiFailure>>> = RwSignal::new(None);
    let url = RwSignal::new(String::new());
    let enabled = RwSignal::new(true);
    let errors = RwSignal::new(FormErrors::default());
    let pending = RwSignal::new(false);
    let secret: RwSignal<Option<String>> = RwSignal::new(None);
    let rotate_failure: RwSignal<Option<ApiFailure>> = RwSignal::new(None);
    let load = move || {
        leptos::task::spawn_local(async move {
            let id = company_id.get_value();
            let got = api::get_webhook(session, &id).await;
            if let Ok(Some(h)) = &got {
                url.set(h.url.clone());
                enabled.set(h.enabled);
                deliveries.set(Some(api::webhook_deliveries(session, &id).await));
            } else {
                deliveries.set(Some(Ok(Vec::new())));
            }
            hook.set(Some(got));
        });
    };
    load();
    let saved = move |answer: WebhookSaved| {
        if let Some(new_secret) = answer.secret {
            secret.set(Some(new_secret));
            focus_first("[data-testid=webhook-secret-value]".to_string());
        }
        load();
    };
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let body = match settings(&url.get_untracked(), enabled.get_untracked()) {
            Ok(body) => body,
            Err(found) => {
                errors.set(found);
                focus_first_invalid(FORM_ID);
                return;
            }
        };
        errors.set(FormErrors::default());
        pending.set(true);
        leptos::task::spawn_local(async move {
            match api::save_webhook(session, &company_id.get_value(), &body).await {
                Ok(answer) => saved(answer),
                Err(failure) => {
                    errors.set(FormErrors::from_failure(failure, &["url", "enabled"], &[]));
                    focus_first_invalid(FORM_ID);
                }
            }
            pending.set(false);
        });
    };
    let rotate = move |_| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        rotate_failure.set(None);
        leptos::task::spawn_local(async move {
            match api::rotate_webhook_secret(session, &company_id.get_value()).await {
                Ok(answer) => saved(answer),
                Err(failure) => rotate_failure.set(Some(failure)),
            }
            pending.set(false);
        });
    };
    let exists = move || hook.with(|h| matches!(h, Some(Ok(Some(_)))));
    let failure_text = move || rotate_failure.with(|f| f.as_ref().map(|f| f.message(lang.get())));
    view! {
        <section class="dialog-section" data-testid="webhook" aria-labelledby="webhook-title">
            <h3 id="webhook-title">{move || T::Webhook.get(lang.get())}</h3>
            <p class="hint">{move || T::WebhookIntro.get(lang.get())}</p>
            {move || {
                secret
                    .get()
                    .map(|value| {
                        view! {
                            <SecretOnce
                                secret=value
                                note=T::WebhookSecretOnce
                                label=T::WebhookSecret
                                testid="webhook"
                                on_done=Callback::new(move |()| secret.set(None))
                            />
                        }
                    })
            }}
            {move || match hook.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(failure)) => view! { <LoadFailed failure retry=load /> }.into_any(),
                Some(Ok(_)) => ().into_any(),
            }}
            <form id=FORM_ID data-testid=FORM_ID novalidate on:submit=submit>
                <div class="form-grid">
                    <TextField
                        id="webhook-url"
                        label=T::WebhookUrl
                        value=url
                        kind="url"
                        hint=T::WebhookUrlHint
                        testid="webhook-url"
                        autocomplete="off"
                        required=true
                        error=field_error(errors, "url")
                    />
                    <div class="field field-check">
                        <input id="webhook-enabled" type="checkbox" data-testid="webhook-enabled" bind:checked=enabled />
                        <label for="webhook-enabled">{move || T::WebhookEnabled.get(lang.get())}</label>
                    </div>
                </div>
                <FormAlert errors testid="webhook-form-error" />
                <div class="alert alert-error" role="alert" data-testid="webhook-error" hidden=move || failure_text().is_none()>
                    {failure_text}
                </div>
                <div class="form-actions">
                    <button type="submit" class="button button-primary" data-testid="webhook-submit" disabled=move || pending.get()>
                        {move || if pending.get() { T::Saving.get(lang.get()) } else { T::SaveWebhook.get(lang.get()) }}
                    </button>
                    <Show when=exists>
                        <button type="button" class="button" data-testid="webhook-rotate" disabled=move || pending.get() on:click=rotate>
                            {move || T::RotateSecret.get(lang.get())}
                        </button>
                    </Show>
                </div>
            </form>
            <Show when=exists>
                {move || match deliveries.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(Err(failure)) => view! { <LoadFailed failure retry=load /> }.into_any(),
                    Some(Ok(list)) => view! { <Deliveries list /> }.into_any(),
                }}
            </Show>
        </section>
    }
}

#[component]
fn Deliveries(list: Vec<WebhookDelivery>) -> impl IntoView {
    let lang = use_session().lang;
    let empty = list.is_empty();
    const COLUMNS: u8 = 5;
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="webhook-deliveries">
                <caption>{move || T::WebhookDeliveries.get(lang.get())}</caption>
                <thead>
                    <tr>
                        <ColumnHeader label=T::CreatedAt />
                        <ColumnHeader label=T::ColWorker />
                        <ColumnHeader label=T::ColStatus />
                        <ColumnHeader label=T::Attempts />
                        <ColumnHeader label=T::LastError />
                    </tr>
                </thead>
                <tbody>
                    {empty.then(|| view! { <EmptyRow columns=COLUMNS text=T::NoDeliveries /> })}
                    {list
                        .into_iter()
                        .map(|d| {
                            let worker = d.payload["worker"]["full_name"].as_str().unwrap_or_default().to_string();
                            let portal_status: Option<PortalStatus> =
                                serde_json::from_value(d.payload["worker"]["status"].clone()).ok();
                            let code = status_code(d.status);
                            let (created_at, sent_at) = (d.created_at, d.sent_at);
                            view! {
                                <tr data-testid="webhook-delivery" data-status=code>
                                    <td class="cell-date">{move || i18n::datetime(lang.get(), &created_at)}</td>
                                    <td>
                                        {worker}
                                        <span class="cell-user-email">
                                            {move || portal_status.map(|s| s.label(lang.get())).unwrap_or_default()}
                                        </span>
                                    </td>
                                    <td>
                                        {move || i18n::mail_status(lang.get(), code)}
                                        <span class="cell-user-email">
                                            {move || sent_at.map(|at| i18n::datetime(lang.get(), &at)).unwrap_or_default()}
                                        </span>
                                    </td>
                                    <td>{d.attempts}</td>
                                    <td class="mono">{d.last_error}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_webhook_needs_an_http_or_https_url() {
        assert_eq!(
            settings(" https://hris.example.co.id/hook ", false),
            Ok(WebhookSettings { url: "https://hris.example.co.id/hook".into(), enabled: false })
        );
        assert!(settings("ftp://example.com", true).unwrap_err().field("url").is_some());
        assert!(settings("", true).unwrap_err().field("url").is_some());
    }
}
