//! User administration, for directors: the list, a form to add a user, and a dialog to change
//! one (role, client company, language, disabled) or reset their password.

use leptos::ev::SubmitEvent;
use leptos::html::{Dialog, Input};
use leptos::prelude::*;
use leptos_router::components::A;
use tertib_domain::auth::{
    check_client_company, check_name, check_new_user, check_password, CreateUserRequest, UpdateUserRequest, UserView,
};
use tertib_domain::{ErrorCode, Lang, Role};
use wasm_bindgen::JsCast;

use crate::api::{self, ApiFailure};
use crate::components::badge::RoleBadge;
use crate::components::form::{
    describedby, field_error, focus_first_invalid, CheckField, Field, FormAlert, FormErrors, SuccessNote, TextField,
};
use crate::components::shell::page_title;
use crate::components::status::{LoadFailed, Loading};
use crate::components::table::{ColumnHeader, EmptyRow};
use crate::i18n::{self, lang_name, T};
use crate::session::use_session;

/// The JSON names of a user's fields: the API's findings are placed next to them.
const USER_FIELDS: &[&str] = &["email", "name", "password", "role", "client_company_id", "language", "disabled"];

/// What was just done, said above the list.
#[derive(Debug, Clone, PartialEq)]
enum Done {
    Created(String),
    Saved,
    PasswordReset,
}

impl Done {
    fn text(&self, lang: Lang) -> String {
        match self {
            Done::Created(email) => i18n::user_created(lang, email),
            Done::Saved => T::ChangesSaved.get(lang).to_string(),
            Done::PasswordReset => T::PasswordWasReset.get(lang).to_string(),
        }
    }
}

#[component]
pub fn UsersPage() -> impl IntoView {
    page_title(Some(T::UsersTitle));
    let session = use_session();
    let director = Memo::new(move |_| session.is_director());
    move || if director.get() { view! { <UserAdmin /> }.into_any() } else { view! { <NotAllowed /> }.into_any() }
}

#[component]
fn NotAllowed() -> impl IntoView {
    let lang = use_session().lang;
    view! {
        <section class="page page-narrow">
            <div class="card notice-card" role="alert" data-testid="not-allowed">
                <h1>{move || T::NotAllowedTitle.get(lang.get())}</h1>
                <p>{move || T::NotAllowedUsers.get(lang.get())}</p>
                <A href="/" attr:class="button button-primary">
                    {move || T::BackHome.get(lang.get())}
                </A>
            </div>
        </section>
    }
}

fn shown_name(user: &UserView) -> String {
    if user.name.trim().is_empty() {
        user.email.clone()
    } else {
        user.name.clone()
    }
}

#[component]
fn UserAdmin() -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let users: RwSignal<Option<Result<Vec<UserView>, ApiFailure>>> = RwSignal::new(None);
    let load = move || {
        leptos::task::spawn_local(async move {
            let answer = api::list_users(session).await;
            users.set(Some(answer));
        });
    };
    load();
    let filter = RwSignal::new(String::new());
    let editing: RwSignal<Option<UserView>> = RwSignal::new(None);
    let done: RwSignal<Option<Done>> = RwSignal::new(None);
    let search = NodeRef::<Input>::new();
    // "/" jumps to the search box, as in many web apps, unless the user is typing or a dialog is open.
    let shortcut = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() != "/" || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let doc = document();
        let typing =
            doc.active_element().is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        let dialog_open = doc.query_selector("dialog[open]").ok().flatten().is_some();
        if typing || dialog_open {
            return;
        }
        if let Some(input) = search.get_untracked() {
            ev.prevent_default();
            let _ = input.focus();
        }
    });
    on_cleanup(move || shortcut.remove());

    let upsert = move |user: UserView| {
        users.update(|list| {
            if let Some(Ok(list)) = list {
                match list.iter_mut().find(|u| u.id == user.id) {
                    Some(existing) => *existing = user,
                    None => list.push(user),
                }
            }
        });
    };
    let on_created = Callback::new(move |user: UserView| {
        done.set(Some(Done::Created(user.email.clone())));
        upsert(user);
    });
    // Closing the dialog puts the keyboard focus back on the row's "Edit" button.
    let close_editor = move || {
        if let Some(user) = editing.get_untracked() {
            request_animation_frame(move || {
                let selector = format!("tr[data-user-id=\"{}\"] [data-testid=user-edit]", user.id);
                let button = document().query_selector(&selector).ok().flatten();
                if let Some(button) = button.and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok()) {
                    let _ = button.focus();
                }
            });
        }
        editing.set(None);
    };
    let on_saved = Callback::new(move |(user, what): (UserView, Done)| {
        let own = session.user.with_untracked(|me| me.as_ref().is_some_and(|me| me.id == user.id));
        done.set(Some(what));
        upsert(user);
        close_editor();
        if own {
            // A new role, disabling or a new password ends the director's own session on the
            // server: asking for the profile finds out, and signs out here if so.
            leptos::task::spawn_local(async move {
                let _ = api::me(session).await;
            });
        }
    });
    let on_close = Callback::new(move |()| close_editor());
    // The dialog edits the user as stored now, not as listed when the page was opened: another
    // director may have changed them since.
    let on_edit = Callback::new(move |listed: UserView| {
        leptos::task::spawn_local(async move {
            match api::get_user(session, &listed.id).await {
                Ok(fresh) => {
                    upsert(fresh.clone());
                    editing.set(Some(fresh));
                }
                Err(failure) if failure.code() == Some(ErrorCode::NotFound) => load(),
                Err(_) => editing.set(Some(listed)),
            }
        });
    });

    let sorted = move || {
        users.with(|list| match list {
            Some(Ok(list)) => {
                let mut list = list.clone();
                list.sort_by_key(|u| (u.disabled, shown_name(u).to_lowercase()));
                Some(list)
            }
            _ => None,
        })
    };
    let visible = move || {
        let needle = filter.with(|f| f.trim().to_lowercase());
        sorted().map(|list| {
            let total = list.len();
            let shown: Vec<UserView> = list
                .into_iter()
                .filter(|u| {
                    needle.is_empty()
                        || u.name.to_lowercase().contains(&needle)
                        || u.email.to_lowercase().contains(&needle)
                })
                .collect();
            (shown, total)
        })
    };

    view! {
           <section class="page" data-testid="users-page">
               <header class="page-header">
                   <h1>{move || T::UsersTitle.get(lang.get())}</h1>
                   <p class="lede">{move || T::UsersIntro.get(lang.get())}</p>
               </header>
               <SuccessNote text=Signal::derive(move || done.get().map(|d| d.text(lang.get()))) />
               <div class="users-layout">
                   <div class="card users-list">
                       <div class="toolbar">
                           <label class="search">
                               <span class="visually-hidden">{move || T::SearchUsers.get(lang.get())}</span>
                               <input
                                   type="search"
                                   data-testid="users-filter"
                                   placeholder=move || T::SearchUsers.get(lang.get())
                                   aria-keyshortcuts="/"
                                   bind:value=filter
                                   node_ref=search
                               />
                               <kbd class="kbd" aria-hidden="true">
                                   "/"
                               </kbd>
                           </label>
                           <span class="count" aria-live="polite">
                               {move || visible().map(|(shown, total)| i18n::user_count(lang.get(), shown.len(), total))}
                           </span>
                       </div>
                       {move || match users.get() {
                           None => view! { <Loading /> }.into_any(),
    Some(Err(failure)) => view! { <LoadFailed failure retry=load /> }.into_any(),
                           Some(Ok(_)) => view! { <UsersTable rows=Signal::derive(move || visible().map(|(s, _)| s).unwrap_or_default()) on_edit /> }.into_any(),
                       }}
                   </div>
                   <CreateUserForm on_created />
               </div>
               {move || {
                   editing
                       .get()
                       .map(|user| {
                           view! { <EditUserDialog user on_saved on_close /> }
                       })
               }}
           </section>
       }
}

#[component]
fn UsersTable(rows: Signal<Vec<UserView>>, on_edit: Callback<UserView>) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let my_id = move || session.user.with(|u| u.as_ref().map(|u| u.id.clone()));
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="users-table">
                <caption class="visually-hidden">{move || T::UsersTitle.get(lang.get())}</caption>
                <thead>
                    <tr>
                        <ColumnHeader label=T::ColUser />
                        <ColumnHeader label=T::ColRole />
                        <ColumnHeader label=T::ColLastLogin />
                        <ColumnHeader label=T::ColStatus />
                        <th scope="col">
                            <span class="visually-hidden">{move || T::ColActions.get(lang.get())}</span>
                        </th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let rows = rows.get();
                        if rows.is_empty() {
                            return view! { <EmptyRow columns=5 text=T::NoUserMatches /> }
                                .into_any();
                        }
                        let me = my_id();
                        rows.into_iter()
                            .map(|user| {
                                let is_me = me.as_deref() == Some(user.id.as_str());
                                let for_dialog = user.clone();
                                let name = user.name.clone();
                                let email = user.email.clone();
                                let row_email = user.email.clone();
                                let row_id = user.id.clone();
                                let edit_label = {
                                    let who = shown_name(&user);
                                    move || i18n::edit_label(lang.get(), &who)
                                };
                                let role = user.role;
                                let last_login = user.last_login_at;
                                let disabled = user.disabled;
                                view! {
                                    <tr data-testid="user-row" data-email=row_email data-user-id=row_id class:row-disabled=disabled>
                                        <td class="cell-user">
                                            <span class="cell-user-name">
                                                {if name.trim().is_empty() { email.clone() } else { name.clone() }}
                                                {is_me
                                                    .then(|| {
                                                        view! {
                                                            <span class="muted">
                                                                " (" {move || T::You.get(lang.get())} ")"
                                                            </span>
                                                        }
                                                    })}
                                            </span>
                                            {(!name.trim().is_empty())
                                                .then(|| view! { <span class="cell-user-email">{email}</span> })}
                                        </td>
                                        <td>
                                            <RoleBadge role=Some(role) />
                                            {user
                                                .client_company_id
                                                .clone()
                                                .map(|company| {
                                                    view! {
                                                        <span class="cell-company">
                                                            <span class="visually-hidden">
                                                                {move || T::ClientCompany.get(lang.get())} ": "
                                                            </span>
                                                            {company}
                                                        </span>
                                                    }
                                                })}
                                        </td>
                                        <td class="cell-date">
                                            {move || match &last_login {
                                                Some(at) => i18n::datetime(lang.get(), at),
                                                None => T::Never.get(lang.get()).to_string(),
                                            }}
                                        </td>
                                        <td>
                                            <span class="status" class:status-disabled=disabled>
                                                {move || {
                                                    if disabled { T::Disabled.get(lang.get()) } else { T::Active.get(lang.get()) }
                                                }}
                                            </span>
                                        </td>
                                        <td class="cell-actions">
                                            <button
                                                type="button"
                                                class="button button-small"
                                                data-testid="user-edit"
                                                aria-label=edit_label
                                                on:click=move |_| on_edit.run(for_dialog.clone())
                                            >
                                                {move || T::Edit.get(lang.get())}
                                            </button>
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

/// A `<select>` of the four roles.
#[component]
fn RoleSelect(
    id: &'static str,
    value: RwSignal<Role>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    let lang = use_session().lang;
    let described = describedby(id, false, error);
    view! {
        <Field id=id label=T::Role error=error>
            <select
                id=id
                name=id
                data-testid=testid
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=move || described.get()
                prop:value=move || value.get().as_str()
                on:change=move |ev| {
                    if let Some(role) = Role::parse(&event_target_value(&ev)) {
                        value.set(role);
                    }
                }
            >
                {Role::ALL
                    .into_iter()
                    .map(|r| {
                        view! {
                            <option value=r.as_str() selected=move || value.get() == r>
                                {move || r.label(lang.get())}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </Field>
    }
}

/// A `<select>` of the two languages.
#[component]
fn LangSelect(
    id: &'static str,
    label: T,
    value: RwSignal<Lang>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    let described = describedby(id, false, error);
    view! {
        <Field id=id label=label error=error>
            <select
                id=id
                name=id
                data-testid=testid
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=move || described.get()
                prop:value=move || value.get().code()
                on:change=move |ev| {
                    if let Some(lang) = Lang::from_code(&event_target_value(&ev)) {
                        value.set(lang);
                    }
                }
            >
                {Lang::ALL
                    .into_iter()
                    .map(|l| {
                        view! {
                            <option value=l.code() lang=l.code() selected=move || value.get() == l>
                                {lang_name(l)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </Field>
    }
}

fn company_of(role: Role, typed: &str) -> Option<String> {
    let typed = typed.trim();
    (role == Role::Client && !typed.is_empty()).then(|| typed.to_string())
}

#[component]
fn CreateUserForm(on_created: Callback<UserView>) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let email = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Hr);
    let company = RwSignal::new(String::new());
    let language = RwSignal::new(Lang::Id);
    let errors = RwSignal::new(FormErrors::default());
    let pending = RwSignal::new(false);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let role_now = role.get_untracked();
        let request = CreateUserRequest {
            email: email.get_untracked().trim().to_string(),
            name: name.get_untracked().trim().to_string(),
            password: password.get_untracked(),
            role: role_now,
            client_company_id: company_of(role_now, &company.get_untracked()),
            language: Some(language.get_untracked()),
        };
        // The same rules the server applies, with the same words, before anything is sent.
        if let Err(findings) = check_new_user(&request) {
            let mut found = FormErrors::default();
            found.add_findings(findings);
            errors.set(found);
            focus_first_invalid("user-create");
            return;
        }
        errors.set(FormErrors::default());
        pending.set(true);
        leptos::task::spawn_local(async move {
            match api::create_user(session, &request).await {
                Ok(user) => {
                    email.set(String::new());
                    name.set(String::new());
                    password.set(String::new());
                    company.set(String::new());
                    on_created.run(user);
                }
                Err(failure) => {
                    errors.set(FormErrors::from_failure(failure, USER_FIELDS, &[(ErrorCode::EmailTaken, "email")]));
                    focus_first_invalid("user-create");
                }
            }
            pending.set(false);
        });
    };

    view! {
        <div class="card create-user">
            <h2>{move || T::CreateTitle.get(lang.get())}</h2>
            <form id="user-create" novalidate on:submit=submit data-testid="user-create-form">
                <TextField
                    id="new-email"
                    label=T::Email
                    value=email
                    kind="email"
                    autocomplete="off"
                    testid="user-create-email"
                    required=true
                    error=field_error(errors, "email")
                />
                <TextField
                    id="new-name"
                    label=T::Name
                    value=name
                    autocomplete="off"
                    hint=T::Optional
                    testid="user-create-name"
                    error=field_error(errors, "name")
                />
                <TextField
                    id="new-password"
                    label=T::InitialPassword
                    value=password
                    kind="password"
                    autocomplete="new-password"
                    hint=T::InitialPasswordHint
                    testid="user-create-password"
                    required=true
                    error=field_error(errors, "password")
                />
                <RoleSelect id="new-role" value=role testid="user-create-role" error=field_error(errors, "role") />
                <Show when=move || role.get() == Role::Client>
                    <TextField
                        id="new-company"
                        label=T::ClientCompanyId
                        value=company
                        autocomplete="off"
                        hint=T::ClientCompanyIdHint
                        testid="user-create-company"
                        required=true
                        error=field_error(errors, "client_company_id")
                    />
                </Show>
                <LangSelect
                    id="new-language"
                    label=T::UserLanguage
                    value=language
                    testid="user-create-language"
                    error=field_error(errors, "language")
                />
                <FormAlert errors testid="user-create-error" />
                <button
                    type="submit"
                    class="button button-primary"
                    data-testid="user-create-submit"
                    disabled=move || pending.get()
                >
                    {move || if pending.get() { T::Saving.get(lang.get()) } else { T::CreateUser.get(lang.get()) }}
                </button>
            </form>
        </div>
    }
}

#[component]
fn EditUserDialog(user: UserView, on_saved: Callback<(UserView, Done)>, on_close: Callback<()>) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let dialog = NodeRef::<Dialog>::new();
    let first_field = NodeRef::<Input>::new();
    Effect::new(move |_| {
        if let Some(dialog) = dialog.get() {
            if !dialog.open() {
                // Modal: the rest of the page is inert, Escape closes, focus stays inside.
                let _ = dialog.show_modal();
                if let Some(input) = first_field.get_untracked() {
                    let _ = input.focus();
                }
            }
        }
    });
    let close = move |_| {
        if let Some(dialog) = dialog.get_untracked() {
            dialog.close();
        }
    };
    let is_me = session.user.with_untracked(|me| me.as_ref().is_some_and(|me| me.id == user.id));
    let original = StoredValue::new(user.clone());
    let name = RwSignal::new(user.name.clone());
    let role = RwSignal::new(user.role);
    let company = RwSignal::new(user.client_company_id.clone().unwrap_or_default());
    let language = RwSignal::new(user.language);
    let disabled = RwSignal::new(user.disabled);
    let errors = RwSignal::new(FormErrors::default());
    let note: RwSignal<Option<T>> = RwSignal::new(None);
    let pending = RwSignal::new(false);

    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        note.set(None);
        let before = original.get_value();
        let new_role = role.get_untracked();
        let new_company = company_of(new_role, &company.get_untracked());
        let new_name = name.get_untracked().trim().to_string();
        let mut found = FormErrors::default();
        found.add_findings(check_name(&new_name));
        found.add_findings(check_client_company(new_role, new_company.as_deref()));
        if !found.is_empty() {
            errors.set(found);
            focus_first_invalid("user-edit");
            return;
        }
        let change = UpdateUserRequest {
            name: (new_name != before.name).then_some(new_name),
            role: (new_role != before.role).then_some(new_role),
            client_company_id: new_company.filter(|c| Some(c) != before.client_company_id.as_ref()),
            disabled: (disabled.get_untracked() != before.disabled).then(|| disabled.get_untracked()),
            password: None,
            language: (language.get_untracked() != before.language).then(|| language.get_untracked()),
        };
        let unchanged = change.name.is_none()
            && change.role.is_none()
            && change.client_company_id.is_none()
            && change.disabled.is_none()
            && change.language.is_none();
        if unchanged {
            errors.set(FormErrors::default());
            note.set(Some(T::NothingChanged));
            return;
        }
        errors.set(FormErrors::default());
        pending.set(true);
        leptos::task::spawn_local(async move {
            match api::update_user(session, &before.id, &change).await {
                Ok(user) => on_saved.run((user, Done::Saved)),
                Err(failure) => {
                    errors.set(FormErrors::from_failure(failure, USER_FIELDS, &[]));
                    focus_first_invalid("user-edit");
                    pending.set(false);
                }
            }
        });
    };

    let new_password = RwSignal::new(String::new());
    let reset_errors = RwSignal::new(FormErrors::default());
    let resetting = RwSignal::new(false);
    let reset = move |ev: SubmitEvent| {
        ev.prevent_default();
        if resetting.get_untracked() {
            return;
        }
        let password = new_password.get_untracked();
        if let Some(finding) = check_password("password", &password) {
            let mut found = FormErrors::default();
            found.add_findings([finding]);
            reset_errors.set(found);
            focus_first_invalid("user-reset");
            return;
        }
        reset_errors.set(FormErrors::default());
        resetting.set(true);
        let id = original.with_value(|u| u.id.clone());
        leptos::task::spawn_local(async move {
            let change = UpdateUserRequest { password: Some(password), ..UpdateUserRequest::default() };
            match api::update_user(session, &id, &change).await {
                Ok(user) => on_saved.run((user, Done::PasswordReset)),
                Err(failure) => {
                    reset_errors.set(FormErrors::from_failure(failure, &["password"], &[]));
                    focus_first_invalid("user-reset");
                    resetting.set(false);
                }
            }
        });
    };

    let email = user.email.clone();
    view! {
        <dialog
            node_ref=dialog
            class="dialog"
            aria-labelledby="edit-user-title"
            data-testid="user-edit-dialog"
            on:close=move |_| on_close.run(())
        >
            <div class="dialog-head">
                <div>
                    <h2 id="edit-user-title">{move || T::EditTitle.get(lang.get())}</h2>
                    <p class="muted">{email}</p>
                </div>
                <button
                    type="button"
                    class="icon-button"
                    aria-label=move || T::Close.get(lang.get())
                    on:click=close
                >
                    "×"
                </button>
            </div>
            {is_me
                .then(|| {
                    view! {
                        <p class="alert alert-warning">{move || T::EditingSelf.get(lang.get())}</p>
                    }
                })}
            <form id="user-edit" novalidate on:submit=save>
                <TextField
                    id="edit-name"
                    label=T::Name
                    value=name
                    autocomplete="off"
                    testid="user-edit-name"
                    error=field_error(errors, "name")
                    node_ref=first_field
                />
                <RoleSelect id="edit-role" value=role testid="user-edit-role" error=field_error(errors, "role") />
                <Show when=move || role.get() == Role::Client>
                    <TextField
                        id="edit-company"
                        label=T::ClientCompanyId
                        value=company
                        autocomplete="off"
                        hint=T::ClientCompanyIdHint
                        testid="user-edit-company"
                        required=true
                        error=field_error(errors, "client_company_id")
                    />
                </Show>
                <LangSelect
                    id="edit-language"
                    label=T::UserLanguage
                    value=language
                    testid="user-edit-language"
                    error=field_error(errors, "language")
                />
                <CheckField
                    id="edit-disabled"
                    label=T::DisableUser
                    value=disabled
                    hint=T::DisableUserHint
                    testid="user-edit-disabled"
                />
                <FormAlert errors testid="user-edit-error" />
                <SuccessNote text=Signal::derive(move || note.get().map(|t| t.get(lang.get()).to_string())) />
                <div class="form-actions">
                    <button
                        type="submit"
                        class="button button-primary"
                        data-testid="user-edit-save"
                        disabled=move || pending.get()
                    >
                        {move || if pending.get() { T::Saving.get(lang.get()) } else { T::Save.get(lang.get()) }}
                    </button>
                    <button type="button" class="button" on:click=close>
                        {move || T::Close.get(lang.get())}
                    </button>
                </div>
            </form>
            <form id="user-reset" class="dialog-section" novalidate on:submit=reset>
                <h3>{move || T::ResetPasswordTitle.get(lang.get())}</h3>
                <p class="hint">{move || T::ResetPasswordHint.get(lang.get())}</p>
                <TextField
                    id="reset-password"
                    label=T::NewPassword
                    value=new_password
                    kind="password"
                    autocomplete="new-password"
                    testid="user-reset-password"
                    required=true
                    error=field_error(reset_errors, "password")
                />
                <FormAlert errors=reset_errors testid="user-reset-error" />
                <button
                    type="submit"
                    class="button"
                    data-testid="user-reset-submit"
                    disabled=move || resetting.get()
                >
                    {move || if resetting.get() { T::Saving.get(lang.get()) } else { T::ResetPassword.get(lang.get()) }}
                </button>
            </form>
        </dialog>
    }
}
