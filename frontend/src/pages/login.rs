//! Sign-in. After it, the user goes back to the page they asked for (`?next=`).

use leptos::ev::SubmitEvent;
use leptos::html::Input;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use tertib_domain::auth::LoginRequest;
use tertib_domain::email::Email;
use tertib_domain::{Finding, Lang};

use crate::api;
use crate::components::form::{field_error, focus_first_invalid, FormAlert, FormErrors, Msg, TextField};
use crate::components::shell::{page_title, LangSwitch, Splash};
use crate::i18n::T;
use crate::session::{use_session, AuthState};

/// Where to go after signing in: only a path of this app, never another site (`//evil.example`)
/// nor the sign-in page itself.
fn safe_next(next: Option<String>) -> String {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.starts_with("/\\")
                && !path.starts_with("/login")
                && !path.starts_with("/api") =>
        {
            path
        }
        _ => "/".to_string(),
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    page_title(None);
    let session = use_session();
    let query = use_query_map();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if session.state.get() == AuthState::SignedIn {
            let next = safe_next(query.with_untracked(|q| q.get("next")));
            navigate(&next, NavigateOptions { replace: true, ..NavigateOptions::default() });
        }
    });
    view! {
        <div class="login-page">
            <div class="login-lang">
                <LangSwitch />
            </div>
            <main id="main" class="login-main">
                {move || match session.state.get() {
                    AuthState::SignedOut => view! { <LoginForm /> }.into_any(),
                    _ => view! { <Splash /> }.into_any(),
                }}
            </main>
        </div>
    }
}

#[component]
fn LoginForm() -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());
    let pending = RwSignal::new(false);
    let email_ref = NodeRef::<Input>::new();
    // The cursor waits in the email field.
    Effect::new(move |_| {
        if let Some(input) = email_ref.get() {
            let _ = input.focus();
        }
    });

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let mut found = FormErrors::default();
        if let Err(e) = Email::parse(&email.get_untracked()) {
            let finding = Finding::error("email", e.code(), e.message(Lang::Id), e.message(Lang::En));
            found.add("email", Msg::Finding(finding));
        }
        if password.with_untracked(String::is_empty) {
            found.add("password", Msg::Text(T::PasswordRequired));
        }
        if !found.is_empty() {
            errors.set(found);
            focus_first_invalid("login-form");
            return;
        }
        errors.set(FormErrors::default());
        pending.set(true);
        let request =
            LoginRequest { email: email.get_untracked().trim().to_string(), password: password.get_untracked() };
        leptos::task::spawn_local(async move {
            if let Err(failure) = api::login(session, &request).await {
                password.set(String::new());
                errors.set(FormErrors::from_failure(failure, &["email", "password"], &[]));
                pending.set(false);
            }
            // On success the page goes away: the session is signed in and the effect above leaves.
        });
    };

    view! {
        <div class="login-card card">
            <div class="login-brand">
                <span class="brand-mark brand-mark-large" aria-hidden="true">
                    "T"
                </span>
                <div>
                    <p class="brand-name">"Tertib"</p>
                    <p class="muted">{move || T::Tagline.get(lang.get())}</p>
                </div>
            </div>
            <h1>{move || T::LoginTitle.get(lang.get())}</h1>
            <p class="muted">{move || T::LoginIntro.get(lang.get())}</p>
            <Show when=move || session.ended.with(Option::is_some)>
                <div class="alert alert-info" role="status">
                    {move || session.ended.get().map(|code| code.message(lang.get()))}
                </div>
            </Show>
            <form id="login-form" novalidate on:submit=submit>
                <TextField
                    id="login-email"
                    label=T::Email
                    value=email
                    kind="email"
                    autocomplete="username"
                    testid="login-email"
                    required=true
                    error=field_error(errors, "email")
                    node_ref=email_ref
                />
                <TextField
                    id="login-password"
                    label=T::Password
                    value=password
                    kind="password"
                    autocomplete="current-password"
                    testid="login-password"
                    required=true
                    error=field_error(errors, "password")
                />
                <FormAlert errors testid="login-error" />
                <button
                    type="submit"
                    class="button button-primary button-block"
                    data-testid="login-submit"
                    disabled=move || pending.get()
                >
                    {move || if pending.get() { T::SigningIn.get(lang.get()) } else { T::SignIn.get(lang.get()) }}
                </button>
            </form>
            <p class="hint login-help">{move || T::ForgotPassword.get(lang.get())}</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn after_sign_in_only_paths_of_this_app_are_followed() {
        let cases = [
            (None, "/"),
            (Some("/pengguna"), "/pengguna"),
            (Some("/akun?tab=password"), "/akun?tab=password"),
            (Some("//evil.example/x"), "/"),
            (Some("/\\evil.example"), "/"),
            (Some("https://evil.example"), "/"),
            (Some("/login?next=/akun"), "/"),
            (Some("/api/v1/users"), "/"),
            (Some(""), "/"),
        ];
        for (next, want) in cases {
            assert_eq!(safe_next(next.map(str::to_string)), want, "next {next:?}");
        }
    }
}
