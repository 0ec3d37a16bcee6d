//! Tertib's single-page app: Leptos, rendered in the browser, talking to `/api/v1` on the same
//! origin. `main.rs` only mounts [`App`].

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

pub mod api;
pub mod components;
pub mod files;
pub mod i18n;
pub mod pages;
pub mod session;

use components::shell::Shell;
use pages::cases::{CasePage, CasesPage};
use pages::companies::CompaniesPage;
use pages::edabu::EdabuPage;
use pages::import::ImportPage;
use pages::portal::PortalPage;
use pages::reminders::RemindersPage;
use pages::sop::SopPage;
use pages::workers::{NewWorkerPage, WorkerDetailPage, WorkersPage};
use pages::{account::AccountPage, home::HomePage, login::LoginPage, users::UsersPage, NotFound};
use session::Session;

/// The app: the session, then the routes. Paths are Indonesian, like the interface's default.
#[component]
pub fn App() -> impl IntoView {
    let session = Session::new();
    provide_context(session);
    // Screen readers and the browser's spelling and hyphenation follow the language on screen.
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", session.lang.get().code());
        }
    });
    leptos::task::spawn_local(api::restore(session));
    view! {
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/login") view=LoginPage />
                <ParentRoute path=path!("") view=Shell>
                    <Route path=path!("") view=HomePage />
                    <Route path=path!("pengguna") view=UsersPage />
                    <Route path=path!("akun") view=AccountPage />
                    <Route path=path!("pekerja") view=WorkersPage />
                    <Route path=path!("pekerja/baru") view=NewWorkerPage />
                    <Route path=path!("pekerja/:id") view=WorkerDetailPage />
                    <Route path=path!("perusahaan-klien") view=CompaniesPage />
                    <Route path=path!("kasus") view=CasesPage />
                    <Route path=path!("kasus/:id") view=CasePage />
                    <Route path=path!("sop") view=SopPage />
                    <Route path=path!("pengingat") view=RemindersPage />
                    <Route path=path!("impor") view=ImportPage />
                    <Route path=path!("edabu") view=EdabuPage />
                    <Route path=path!("portal") view=PortalPage />
                    <Route path=path!("*any") view=NotFound />
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// Replaces the loading note of `index.html` with the app.
pub fn start() {
    console_error_panic_hook::set_once();
    if let Some(boot) = document().get_element_by_id("boot") {
        boot.remove();
    }
    leptos::mount::mount_to_body(App);
}
