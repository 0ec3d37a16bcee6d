//! Who is signed in, and in which language the app speaks.
//!
//! The access token lives only in memory (this struct): a reload or a new tab gets a fresh one
//! from the HttpOnly refresh cookie (`POST /auth/refresh`), which scripts cannot read. The only
//! thing kept in `localStorage` is the chosen language.

use leptos::prelude::*;
use tertib_domain::auth::{TokenResponse, UserView};
use tertib_domain::{ErrorCode, Lang, Role};

use crate::api::{self, RefreshFuture};

const LANG_KEY: &str = "tertib.lang";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthState {
    /// Start-up: asking the server whether the refresh cookie still holds a session.
    Restoring,
    SignedOut,
    SignedIn,
}

/// The app's session, provided as context by [`crate::App`]. `Copy`: every field is a handle.
#[derive(Clone, Copy)]
pub struct Session {
    pub state: RwSignal<AuthState>,
    pub user: RwSignal<Option<UserView>>,
    pub lang: RwSignal<Lang>,
    /// Why the last session ended when the user did not sign out; the sign-in page says it.
    pub ended: RwSignal<Option<ErrorCode>>,
    token: StoredValue<Option<String>>,
    /// The user picked a language while signed out: at sign-in it wins over the profile's.
    lang_picked_signed_out: StoredValue<bool>,
    /// The user pressed "sign out", so the sign-in page need not send them back afterwards.
    signed_out_by_user: StoredValue<bool>,
    /// The one refresh in flight, shared by every request that met an expired token.
    pub(crate) refreshing: StoredValue<Option<RefreshFuture>, LocalStorage>,
}

/// The session of the running app.
pub fn use_session() -> Session {
    expect_context::<Session>()
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

fn stored_lang() -> Option<Lang> {
    storage().and_then(|s| s.get_item(LANG_KEY).ok().flatten()).and_then(|code| Lang::from_code(&code))
}

fn store_lang(lang: Lang) {
    if let Some(s) = storage() {
        // A full or disabled storage only costs the preference on the next visit.
        let _ = s.set_item(LANG_KEY, lang.code());
    }
}

impl Session {
    pub fn new() -> Session {
        Session {
            state: RwSignal::new(AuthState::Restoring),
            user: RwSignal::new(None),
            lang: RwSignal::new(stored_lang().unwrap_or_default()),
            ended: RwSignal::new(None),
            token: StoredValue::new(None),
            lang_picked_signed_out: StoredValue::new(false),
            signed_out_by_user: StoredValue::new(false),
            refreshing: StoredValue::new_local(None),
        }
    }

    pub fn access_token(&self) -> Option<String> {
        self.token.get_value()
    }

    pub fn role(&self) -> Option<Role> {
        self.user.with(|u| u.as_ref().map(|u| u.role))
    }

    pub fn is_director(&self) -> bool {
        self.role() == Some(Role::Director)
    }

    /// Internal staff read the worker registry: director, HR and operational admins.
    pub fn is_staff(&self) -> bool {
        matches!(self.role(), Some(Role::Director | Role::Hr | Role::AdminOps))
    }

    /// Director and HR change the worker registry.
    pub fn can_edit_registry(&self) -> bool {
        matches!(self.role(), Some(Role::Director | Role::Hr))
    }

    /// A client company's user: the portal is their whole app.
    pub fn is_client(&self) -> bool {
        self.role() == Some(Role::Client)
    }

    /// Where the user starts: the portal for a client company's user, the home page for staff.
    pub fn home(&self) -> &'static str {
        if self.is_client() {
            "/portal"
        } else {
            "/"
        }
    }

    /// Takes a fresh token (sign-in, refresh, password change): the user may have changed too.
    pub fn accept(&self, tokens: &TokenResponse) {
        self.token.set_value(Some(tokens.access_token.clone()));
        self.user.set(Some(tokens.user.clone()));
        self.ended.set(None);
        self.signed_out_by_user.set_value(false);
        if self.state.get_untracked() != AuthState::SignedIn {
            self.state.set(AuthState::SignedIn);
        }
    }

    /// After a sign-in: a language picked on the sign-in page is saved to the profile, otherwise
    /// the profile's language is used.
    pub fn settle_language_after_sign_in(&self) {
        let Some(profile) = self.user.with_untracked(|u| u.as_ref().map(|u| u.language)) else {
            return;
        };
        let picked = self.lang.get_untracked();
        if self.lang_picked_signed_out.get_value() && picked != profile {
            self.save_language_to_profile(picked);
        } else {
            self.show_in(profile);
        }
        self.lang_picked_signed_out.set_value(false);
    }

    /// After restoring a session on start-up, the profile's language applies.
    pub fn adopt_profile_language(&self) {
        if let Some(profile) = self.user.with_untracked(|u| u.as_ref().map(|u| u.language)) {
            self.show_in(profile);
        }
    }

    fn show_in(&self, lang: Lang) {
        if self.lang.get_untracked() != lang {
            self.lang.set(lang);
        }
        store_lang(lang);
    }

    /// The language switch: shown at once, remembered in this browser, and saved to the profile
    /// when signed in (emails to the user follow it).
    pub fn choose_language(&self, lang: Lang) {
        self.show_in(lang);
        if self.state.get_untracked() == AuthState::SignedIn {
            self.save_language_to_profile(lang);
        } else {
            self.lang_picked_signed_out.set_value(true);
        }
    }

    fn save_language_to_profile(&self, lang: Lang) {
        let session = *self;
        leptos::task::spawn_local(async move {
            let change = tertib_domain::auth::UpdateMeRequest { name: None, language: Some(lang) };
            // The language already shows; a failure here only leaves the profile behind, and the
            // next switch or sign-in tries again.
            let _ = api::update_me(session, &change).await;
        });
    }

    /// Ends the session in this tab. `reason` is shown on the sign-in page when the session
    /// ended without the user asking.
    pub fn end(&self, reason: Option<ErrorCode>) {
        self.token.set_value(None);
        self.ended.set(reason);
        self.signed_out_by_user.set_value(reason.is_none() && self.state.get_untracked() == AuthState::SignedIn);
        self.state.set(AuthState::SignedOut);
        self.user.set(None);
    }

    pub fn signed_out_by_user(&self) -> bool {
        self.signed_out_by_user.get_value()
    }
}

impl Default for Session {
    fn default() -> Session {
        Session::new()
    }
}
