//! The signed-in user's own account: name, language, password.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use tertib_domain::auth::{check_name, check_password, ChangePasswordRequest, UpdateMeRequest};
use tertib_domain::Lang;

use crate::api;
use crate::components::badge::RoleBadge;
use crate::components::form::{field_error, focus_first_invalid, FormAlert, FormErrors, Msg, SuccessNote, TextField};
use crate::components::shell::page_title;
use crate::i18n::{self, lang_name, T};
use crate::session::use_session;

#[component]
pub fn AccountPage() -> impl IntoView {
    page_title(Some(T::AccountTitle));
    let session = use_session();
    let lang = session.lang;
    // The forms are built once from the profile: re-building them on every change of the user
    // would throw away what is being typed.
    let has_user = Memo::new(move |_| session.user.with(Option::is_some));
    view! {
        <section class="page" data-testid="account-page">
            <header class="page-header">
                <h1>{move || T::AccountTitle.get(lang.get())}</h1>
            </header>
            <Show when=move || has_user.get()>
                <div class="grid-2">
                    <div class="stack">
                        <ProfileForm />
                        <LanguageCard />
                        <AccountDetails />
                    </div>
                    <PasswordForm />
                </div>
            </Show>
        </section>
    }
}

#[component]
fn ProfileForm() -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let initial = session.user.with_untracked(|u| u.as_ref().map(|u| u.name.clone())).unwrap_or_default();
    let name = RwSignal::new(initial);
    let errors = RwSignal::new(FormErrors::default());
    let saved = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        saved.set(false);
        let new_name = name.get_untracked().trim().to_string();
        if let Some(finding) = check_name(&new_name) {
            let mut found = FormErrors::default();
            found.add_findings([finding]);
            errors.set(found);
            focus_first_invalid("profile-form");
            return;
        }
        errors.set(FormErrors::default());
        pending.set(true);
        leptos::task::spawn_local(async move {
            let change = UpdateMeRequest { name: Some(new_name), language: None };
            match api::update_me(session, &change).await {
                Ok(user) => {
                    name.set(user.name);
                    saved.set(true);
                }
                Err(failure) => {
                    errors.set(FormErrors::from_failure(failure, &["name"], &[]));
                    focus_first_invalid("profile-form");
                }
            }
            pending.set(false);
        });
    };
    view! {
        <div class="card">
            <h2>{move || T::ProfileTitle.get(lang.get())}</h2>
            <form id="profile-form" novalidate on:submit=submit>
                <TextField
                    id="profile-name"
                    label=T::Name
                    value=name
                    autocomplete="name"
                    testid="account-name"
                    error=field_error(errors, "name")
                />
                <FormAlert errors testid="account-name-error" />
                <SuccessNote text=Signal::derive(move || {
                    saved.get().then(|| T::ProfileSaved.get(lang.get()).to_string())
                }) />
                <button
                    type="submit"
                    class="button button-primary"
                    data-testid="account-name-save"
                    disabled=move || pending.get()
                >
                    {move || if pending.get() { T::Saving.get(lang.get()) } else { T::Save.get(lang.get()) }}
                </button>
            </form>
        </div>
    }
}

/// The language takes effect at once, like the switch in the header (they are the same setting).
#[component]
fn LanguageCard() -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    view! {
        <div class="card">
            <h2>
                <label for="account-language">{move || T::AppLanguage.get(lang.get())}</label>
            </h2>
            <select
                id="account-language"
                data-testid="account-language"
                prop:value=move || lang.get().code()
                on:change=move |ev| {
                    if let Some(chosen) = Lang::from_code(&event_target_value(&ev)) {
                        session.choose_language(chosen);
                    }
                }
            >
                {Lang::ALL
                    .into_iter()
                    .map(|l| {
                        view! {
                            <option value=l.code() lang=l.code() selected=move || lang.get() == l>
                                {lang_name(l)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

#[component]
fn AccountDetails() -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let user = session.user;
    let fact = move |read: fn(&tertib_domain::auth::UserView, Lang) -> Option<String>| {
        move || user.with(|u| u.as_ref().and_then(|u| read(u, lang.get())))
    };
    view! {
        <div class="card">
            <h2>{move || T::AccountDetails.get(lang.get())}</h2>
            <dl class="facts">
                <div>
                    <dt>{move || T::Email.get(lang.get())}</dt>
                    <dd data-testid="account-email">{fact(|u, _| Some(u.email.clone()))}</dd>
                </div>
                <div>
                    <dt>{move || T::Role.get(lang.get())}</dt>
                    <dd>
                        <RoleBadge role=Signal::derive(move || session.role()) />
                    </dd>
                </div>
                <Show when=move || user.with(|u| u.as_ref().is_some_and(|u| u.client_company_id.is_some()))>
                    <div>
                        <dt>{move || T::ClientCompany.get(lang.get())}</dt>
                        <dd>{fact(|u, _| u.client_company_id.clone())}</dd>
                    </div>
                </Show>
                <div>
                    <dt>{move || T::MemberSince.get(lang.get())}</dt>
                    <dd>{fact(|u, l| Some(i18n::date(l, &u.created_at)))}</dd>
                </div>
                <div>
                    <dt>{move || T::ColLastLogin.get(lang.get())}</dt>
                    <dd>{fact(|u, l| u.last_login_at.map(|at| i18n::datetime(l, &at)))}</dd>
                </div>
            </dl>
        </div>
    }
}

#[component]
fn PasswordForm() -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let current = RwSignal::new(String::new());
    let new_password = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());
    let changed = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        changed.set(false);
        let mut found = FormErrors::default();
        if current.with_untracked(String::is_empty) {
            found.add("current_password", Msg::Text(T::PasswordRequired));
        }
        let wanted = new_password.get_untracked();
        found.add_findings(check_password("new_password", &wanted));
        if repeat.get_untracked() != wanted {
            found.add("repeat_password", Msg::Text(T::PasswordsDiffer));
        }
        if !found.is_empty() {
            errors.set(found);
            focus_first_invalid("password-form");
            return;
        }
        errors.set(FormErrors::default());
        pending.set(true);
        let change = ChangePasswordRequest { current_password: current.get_untracked(), new_password: wanted };
        leptos::task::spawn_local(async move {
            match api::change_password(session, &change).await {
                Ok(_) => {
                    current.set(String::new());
                    new_password.set(String::new());
                    repeat.set(String::new());
                    changed.set(true);
                }
                Err(failure) => {
                    errors.set(FormErrors::from_failure(failure, &["current_password", "new_password"], &[]));
                    focus_first_invalid("password-form");
                }
            }
            pending.set(false);
        });
    };
    view! {
        <div class="card">
            <h2>{move || T::ChangePasswordTitle.get(lang.get())}</h2>
            <p class="hint">{move || T::ChangePasswordHint.get(lang.get())}</p>
            <form id="password-form" novalidate on:submit=submit>
                // A hidden username lets password managers file the new password under the
                // right account.
                <input
                    type="email"
                    class="visually-hidden"
                    autocomplete="username"
                    tabindex="-1"
                    aria-hidden="true"
                    readonly
                    prop:value=move || session.user.with(|u| u.as_ref().map(|u| u.email.clone())).unwrap_or_default()
                />
                <TextField
                    id="current-password"
                    label=T::CurrentPassword
                    value=current
                    kind="password"
                    autocomplete="current-password"
                    testid="account-current-password"
                    required=true
                    error=field_error(errors, "current_password")
                />
                <TextField
                    id="new-password"
                    label=T::NewPassword
                    value=new_password
                    kind="password"
                    autocomplete="new-password"
                    hint=T::NewPasswordHint
                    testid="account-new-password"
                    required=true
                    error=field_error(errors, "new_password")
                />
                <TextField
                    id="repeat-password"
                    label=T::RepeatNewPassword
                    value=repeat
                    kind="password"
                    autocomplete="new-password"
                    testid="account-repeat-password"
                    required=true
                    error=field_error(errors, "repeat_password")
                />
                <FormAlert errors testid="account-password-error" />
                <SuccessNote text=Signal::derive(move || {
                    changed.get().then(|| T::PasswordChanged.get(lang.get()).to_string())
                }) />
                <button
                    type="submit"
                    class="button button-primary"
                    data-testid="account-password-save"
                    disabled=move || pending.get()
                >
                    {move || if pending.get() { T::Saving.get(lang.get()) } else { T::ChangePassword.get(lang.get()) }}
                </button>
            </form>
        </div>
    }
}
