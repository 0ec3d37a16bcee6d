//! The frame around every signed-in page: the header with the navigation for the user's role,
//! the language switch, who is signed in, and sign-out.

use leptos::prelude::*;
use leptos_router::components::{Outlet, A};
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use tertib_domain::Lang;

use crate::api;
use crate::components::badge::RoleBadge;
use crate::i18n::{lang_name, T};
use crate::session::{use_session, AuthState};

/// Sets the document's title for the page being shown, e.g. "Pengguna · Tertib".
pub fn page_title(page: Option<T>) {
    let lang = use_session().lang;
    Effect::new(move |_| {
        let title = match page {
            Some(page) => format!("{} · Tertib", page.get(lang.get())),
            None => "Tertib".to_string(),
        };
        document().set_title(&title);
    });
}

/// Shown while the session is being checked or the page is on its way.
#[component]
pub fn Splash() -> impl IntoView {
    let lang = use_session().lang;
    view! {
        <div class="splash" role="status">
            <span class="spinner" aria-hidden="true"></span>
            <span>{move || T::CheckingSession.get(lang.get())}</span>
        </div>
    }
}

/// Bahasa Indonesia or English: shown at once, kept in this browser and in the user's profile.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    view! {
        <label class="lang-switch">
            <span class="visually-hidden">{move || T::Language.get(lang.get())}</span>
            <span class="lang-icon" aria-hidden="true">
                <svg viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" stroke-width="1.8">
                    <circle cx="12" cy="12" r="9"></circle>
                    <path d="M3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9c-2.5-2.7-3.8-5.7-3.8-9S9.5 5.7 12 3z"></path>
                </svg>
            </span>
            <select
                data-testid="lang-switch"
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
        </label>
    }
}

/// Encodes a path for a query parameter.
pub fn encode_component(text: &str) -> String {
    crate::api::encode_segment(text)
}

/// The signed-in frame. Signed out, it sends the user to the sign-in page, which brings them
/// back here afterwards.
#[component]
pub fn Shell() -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if session.state.get() != AuthState::SignedOut {
            return;
        }
        let target = if session.signed_out_by_user() {
            "/login".to_string()
        } else {
            let here = format!("{}{}", location.pathname.get_untracked(), location.search.get_untracked());
            format!("/login?next={}", encode_component(&here))
        };
        navigate(&target, NavigateOptions { replace: true, ..NavigateOptions::default() });
    });
    view! {
        {move || match session.state.get() {
            AuthState::SignedIn => view! { <SignedIn /> }.into_any(),
            _ => view! { <Splash /> }.into_any(),
        }}
    }
}

#[component]
fn SignedIn() -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let location = use_location();
    let main_ref = NodeRef::<leptos::html::Main>::new();
    // After moving to another page, the keyboard focus starts at the page's content, as after a
    // full page load; screen readers then read the new page.
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|p| p != path) {
            if let Some(main) = main_ref.get_untracked() {
                let _ = main.focus();
            }
        }
        path
    });
    let signing_out = RwSignal::new(false);
    let sign_out = move |_| {
        if signing_out.get_untracked() {
            return;
        }
        signing_out.set(true);
        leptos::task::spawn_local(async move {
            api::logout(session).await;
        });
    };
    let user_name = move || {
        session
            .user
            .with(|u| u.as_ref().map(|u| if u.name.trim().is_empty() { u.email.clone() } else { u.name.clone() }))
    };
    let user_email = move || session.user.with(|u| u.as_ref().map(|u| u.email.clone()));
    view! {
        <a class="skip-link" href="#main">
            {move || T::SkipToContent.get(lang.get())}
        </a>
        <div class="shell" data-testid="app-shell">
            <header class="topbar">
                <div class="topbar-inner">
                    <A href=move || session.home().to_string() attr:class="brand" exact=true>
                        <span class="brand-mark" aria-hidden="true">
                            "T"
                        </span>
                        <span class="brand-name">"Tertib"</span>
                    </A>
                    <nav class="main-nav" aria-label=move || T::MainNavigation.get(lang.get())>
                        <ul>
                            <Show when=move || !session.is_client()>
                                <li>
                                    <A href="/" exact=true attr:data-testid="nav-home">
                                        {move || T::NavHome.get(lang.get())}
                                    </A>
                                </li>
                            </Show>
                            // A client company's user has the portal and their account, nothing else.
                            <Show when=move || session.is_client()>
                                <li>
                                    <A href="/portal" attr:data-testid="nav-portal">
                                        {move || T::NavPortal.get(lang.get())}
                                    </A>
                                </li>
                            </Show>
                            <Show when=move || session.is_staff()>
                                <li>
                                    <A href="/pekerja" attr:data-testid="nav-workers">
                                        {move || T::NavWorkers.get(lang.get())}
                                    </A>
                                </li>
                                <li>
                                    <A href="/kasus" attr:data-testid="nav-cases">
                                        {move || T::NavCases.get(lang.get())}
                                    </A>
                                </li>
                            </Show>
                            <Show when=move || session.can_edit_registry()>
                                <li>
                                    <A href="/perusahaan-klien" attr:data-testid="nav-companies">
                                        {move || T::NavCompanies.get(lang.get())}
                                    </A>
                                </li>
                                <li>
                                    <A href="/impor" attr:data-testid="nav-import">
                                        {move || T::NavImport.get(lang.get())}
                                    </A>
                                </li>
                                <li>
                                    <A href="/edabu" attr:data-testid="nav-edabu">
                                        {move || T::NavEdabu.get(lang.get())}
                                    </A>
                                </li>
                            </Show>
                            <Show when=move || session.is_director()>
                                <li>
                                    <A href="/pengguna" attr:data-testid="nav-users">
                                        {move || T::NavUsers.get(lang.get())}
                                    </A>
                                </li>
                                <li>
                                    <A href="/pengingat" attr:data-testid="nav-reminders">
                                        {move || T::NavReminders.get(lang.get())}
                                    </A>
                                </li>
                            </Show>
                            <Show when=move || session.is_staff()>
                                <li>
                                    <A href="/sop" attr:data-testid="nav-sop">
                                        {move || T::NavSop.get(lang.get())}
                                    </A>
                                </li>
                            </Show>
                            <li>
                                <A href="/akun" attr:data-testid="nav-account">
                                    {move || T::NavAccount.get(lang.get())}
                                </A>
                            </li>
                        </ul>
                    </nav>
                    <div class="topbar-tools">
                        <LangSwitch />
                        <div class="user-menu" data-testid="user-menu">
                            <span class="visually-hidden">{move || T::SignedInAs.get(lang.get())}</span>
                            <span class="avatar" aria-hidden="true">
                                {move || initials(&user_name().unwrap_or_default())}
                            </span>
                            <span class="user-text">
                                <span class="user-name">{user_name}</span>
                                <span class="user-email">{user_email}</span>
                            </span>
                            <RoleBadge role=Signal::derive(move || session.role()) />
                        </div>
                        <button
                            type="button"
                            class="button button-small"
                            data-testid="logout"
                            on:click=sign_out
                            disabled=move || signing_out.get()
                        >
                            {move || {
                                if signing_out.get() { T::SigningOut.get(lang.get()) } else { T::SignOut.get(lang.get()) }
                            }}
                        </button>
                    </div>
                </div>
            </header>
            <main id="main" class="main" tabindex="-1" node_ref=main_ref>
                <Outlet />
            </main>
            <footer class="footer">
                <span>"Tertib"</span>
                <span aria-hidden="true">" · "</span>
                <span>{move || T::Tagline.get(lang.get())}</span>
            </footer>
        </div>
    }
}

/// Up to two initials of a name or email, for the avatar.
fn initials(name: &str) -> String {
    let name = name.split('@').next().unwrap_or_default();
    let words: Vec<&str> =
        name.split(|c: char| c.is_whitespace() || c == '@' || c == '.').filter(|w| !w.is_empty()).collect();
    let letters: String = match words.as_slice() {
        [] => String::new(),
        [only] => only.chars().take(2).collect(),
        [first, second, ..] => first.chars().take(1).chain(second.chars().take(1)).collect(),
    };
    letters.to_uppercase()
}
