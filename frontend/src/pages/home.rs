//! The first page after sign-in: who you are here, and where to go. A client company's user goes
//! on to the portal, their home.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use tertib_domain::Role;

use crate::components::badge::RoleBadge;
use crate::components::shell::page_title;
use crate::i18n::{self, T};
use crate::session::use_session;

#[component]
pub fn HomePage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if session.is_client() {
            navigate("/portal", NavigateOptions { replace: true, ..NavigateOptions::default() });
        }
    });
    let client = Memo::new(move |_| session.is_client());
    move || (!client.get()).then(|| view! { <StaffHome /> })
}

#[component]
fn StaffHome() -> impl IntoView {
    page_title(None);
    let session = use_session();
    let lang = session.lang;
    let user = session.user;
    let display_name = move || {
        user.with(|u| u.as_ref().map(|u| if u.name.trim().is_empty() { u.email.clone() } else { u.name.clone() }))
            .unwrap_or_default()
    };
    let role = move || user.with(|u| u.as_ref().map(|u| u.role));
    let company = move || user.with(|u| u.as_ref().and_then(|u| u.client_company_id.clone()));
    let last_login =
        move || user.with(|u| u.as_ref().map(|u| u.last_login_at)).flatten().map(|at| i18n::datetime(lang.get(), &at));
    view! {
        <section class="page" data-testid="home">
            <header class="page-header">
                <h1>{move || i18n::welcome(lang.get(), &display_name())}</h1>
                <p class="lede">{move || T::HomeIntro.get(lang.get())}</p>
            </header>
            <div class="card">
                <dl class="facts">
                    <div>
                        <dt>{move || T::YourRole.get(lang.get())}</dt>
                        <dd>
                            <RoleBadge role=Signal::derive(role) />
                        </dd>
                    </div>
                    <div>
                        <dt>{move || T::Email.get(lang.get())}</dt>
                        <dd>{move || user.with(|u| u.as_ref().map(|u| u.email.clone()))}</dd>
                    </div>
                    <Show when=move || company().is_some()>
                        <div>
                            <dt>{move || T::ClientCompany.get(lang.get())}</dt>
                            <dd>{company}</dd>
                        </div>
                    </Show>
                    <div>
                        <dt>{move || T::ColLastLogin.get(lang.get())}</dt>
                        <dd>{move || last_login().unwrap_or_else(|| T::FirstSignIn.get(lang.get()).to_string())}</dd>
                    </div>
                </dl>
            </div>
            <ul class="link-cards">
                <Show when=move || session.is_staff()>
                    <li>
                        <A href="/pekerja" attr:class="link-card" attr:data-testid="home-workers">
                            <span class="link-card-icon" aria-hidden="true">
                                <svg viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="1.8">
                                    <rect x="3" y="5" width="18" height="14" rx="2"></rect>
                                    <circle cx="9" cy="11" r="2.5"></circle>
                                    <path d="M5.5 17c.6-2 2-3 3.5-3s2.9 1 3.5 3M15 10h3M15 14h3"></path>
                                </svg>
                            </span>
                            <span class="link-card-text">
                                <span class="link-card-title">{move || T::WorkersTitle.get(lang.get())}</span>
                                <span class="link-card-body">{move || T::WorkersIntro.get(lang.get())}</span>
                            </span>
                        </A>
                    </li>
                </Show>
                <Show when=move || session.is_staff()>
                    <li>
                        <A href="/kasus" attr:class="link-card" attr:data-testid="home-cases">
                            <span class="link-card-icon" aria-hidden="true">
                                <svg viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="1.8">
                                    <rect x="4" y="3" width="16" height="18" rx="2"></rect>
                                    <path d="M8 8l1.5 1.5L12 7M8 14l1.5 1.5L12 13M14 8.5h3M14 14.5h3"></path>
                                </svg>
                            </span>
                            <span class="link-card-text">
                                <span class="link-card-title">{move || T::CasesTitle.get(lang.get())}</span>
                                <span class="link-card-body">{move || T::CasesIntro.get(lang.get())}</span>
                            </span>
                        </A>
                    </li>
                    <li>
                        <A href="/sop" attr:class="link-card" attr:data-testid="home-sop">
                            <span class="link-card-icon" aria-hidden="true">
                                <svg viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="1.8">
                                    <path d="M6 3h9l4 4v14H6z"></path>
                                    <path d="M15 3v4h4M9 11h7M9 15h7M9 19h4"></path>
                                </svg>
                            </span>
                            <span class="link-card-text">
                                <span class="link-card-title">{move || T::SopTitle.get(lang.get())}</span>
                                <span class="link-card-body">{move || T::SopIntro.get(lang.get())}</span>
                            </span>
                        </A>
                    </li>
                </Show>
                <Show when=move || session.can_edit_registry()>
                    <li>
                        <A href="/impor" attr:class="link-card" attr:data-testid="home-import">
                            <span class="link-card-icon" aria-hidden="true">
                                <svg viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="1.8">
                                    <path d="M6 3h9l4 4v14H6z"></path>
                                    <path d="M15 3v4h4M12 10v7M9 14l3 3 3-3"></path>
                                </svg>
                            </span>
                            <span class="link-card-text">
                                <span class="link-card-title">{move || T::ImportTitle.get(lang.get())}</span>
                                <span class="link-card-body">{move || T::ImportCardBody.get(lang.get())}</span>
                            </span>
                        </A>
                    </li>
                    <li>
                        <A href="/pengingat" attr:class="link-card" attr:data-testid="home-reminders">
                            <span class="link-card-icon" aria-hidden="true">
                                <svg viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="1.8">
                                    <rect x="3" y="5" width="18" height="14" rx="2"></rect>
                                    <path d="M3 7l9 6 9-6"></path>
                                </svg>
                            </span>
                            <span class="link-card-text">
                                <span class="link-card-title">
                                    {move || {
                                        if role() == Some(Role::Director) {
                                            T::RemindersTitle.get(lang.get())
                                        } else {
                                            T::PreviewDigest.get(lang.get())
                                        }
                                    }}
                                </span>
                                <span class="link-card-body">
                                    {move || {
                                        if role() == Some(Role::Director) {
                                            T::RemindersCardBody.get(lang.get())
                                        } else {
                                            T::RemindersIntroHr.get(lang.get())
                                        }
                                    }}
                                </span>
                            </span>
                        </A>
                    </li>
                </Show>
                <Show when=move || role() == Some(Role::Director)>
                    <li>
                        <A href="/pengguna" attr:class="link-card" attr:data-testid="home-users">
                            <span class="link-card-icon" aria-hidden="true">
                                <svg viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="1.8">
                                    <circle cx="9" cy="8" r="3.5"></circle>
                                    <path d="M2.5 20c.8-3.6 3.4-5.5 6.5-5.5s5.7 1.9 6.5 5.5"></path>
                                    <path d="M16 4.8a3.3 3.3 0 0 1 0 6.4M18 14.8c1.8.8 3 2.5 3.5 5.2"></path>
                                </svg>
                            </span>
                            <span class="link-card-text">
                                <span class="link-card-title">{move || T::UsersCardTitle.get(lang.get())}</span>
                                <span class="link-card-body">{move || T::UsersCardBody.get(lang.get())}</span>
                            </span>
                        </A>
                    </li>
                </Show>
                <li>
                    <A href="/akun" attr:class="link-card" attr:data-testid="home-account">
                        <span class="link-card-icon" aria-hidden="true">
                            <svg viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="1.8">
                                <rect x="4" y="10" width="16" height="11" rx="2"></rect>
                                <path d="M8 10V7a4 4 0 0 1 8 0v3"></path>
                            </svg>
                        </span>
                        <span class="link-card-text">
                            <span class="link-card-title">{move || T::AccountCardTitle.get(lang.get())}</span>
                            <span class="link-card-body">{move || T::AccountCardBody.get(lang.get())}</span>
                        </span>
                    </A>
                </li>
            </ul>
        </section>
    }
}
