//! Reminders (`/pengingat`): for the director, the reminder settings (when the daily digest goes
//! out, to whom, the alert window, the monthly contribution reminder, retries), a preview of
//! today's digest and sending it now, and the outbox every mail waits in (with the reason when
//! nothing leaves, and "send again" for a failed mail). HR sees only the preview of their own
//! digest.
//!
//! Test ids: `reminders-page`; `reminder-settings-form` and its controls
//! (`reminder-digest_time`, `reminder-time_zone`, `reminder-include_hr`, `reminder-skip_empty`,
//! `reminder-alert_days_before_cutoff`, `reminder-monthly_reminder_day`,
//! `reminder-max_attempts`, `reminder-settings-submit`), `reminder-settings-saved`;
//! `digest-preview` (the button), `digest-preview-result`, `digest-subject`, `digest-empty`,
//! `digest-tab-html`, `digest-tab-text`, `digest-html` (the sandboxed frame), `digest-text`,
//! `digest-send`, `digest-queued`; `smtp-missing`, `outbox-filter-status`, `outbox-refresh`,
//! `outbox-table` (rows `outbox-row` with `data-status`), `outbox-last-error`, `outbox-resend`,
//! `outbox-resend-error`.

mod outbox;
mod preview;
mod settings;

use leptos::prelude::*;

use crate::components::shell::page_title;
use crate::i18n::T;
use crate::pages::NotAllowedNote;
use crate::session::use_session;

#[component]
pub fn RemindersPage() -> impl IntoView {
    page_title(Some(T::RemindersTitle));
    let session = use_session();
    let director = Memo::new(move |_| session.is_director());
    let may_preview = Memo::new(move |_| session.can_edit_registry());
    move || {
        if director.get() {
            view! { <Reminders director=true /> }.into_any()
        } else if may_preview.get() {
            view! { <Reminders director=false /> }.into_any()
        } else {
            view! { <NotAllowedNote why=T::NotAllowedRegistry /> }.into_any()
        }
    }
}

#[component]
fn Reminders(director: bool) -> impl IntoView {
    let lang = use_session().lang;
    // Bumped when a mail was queued here, so the outbox shows it.
    let outbox_changed = RwSignal::new(0u32);
    let intro = if director { T::RemindersIntro } else { T::RemindersIntroHr };
    view! {
        <section class="page" data-testid="reminders-page">
            <header class="page-header">
                <h1>{move || T::RemindersTitle.get(lang.get())}</h1>
                <p class="lede">{move || intro.get(lang.get())}</p>
            </header>
            {director
                .then(|| {
                    view! {
                        <section class="card" aria-labelledby="reminder-settings-title">
                            <h2 id="reminder-settings-title">{move || T::ReminderSettingsTitle.get(lang.get())}</h2>
                            <settings::ReminderSettingsForm />
                        </section>
                    }
                })}
            <section class="card" aria-labelledby="digest-title">
                <h2 id="digest-title">{move || T::DigestTitle.get(lang.get())}</h2>
                <preview::DigestPanel director on_queued=Callback::new(move |()| outbox_changed.update(|n| *n += 1)) />
            </section>
            {director
                .then(|| {
                    view! {
                        <section class="card" aria-labelledby="outbox-title">
                            <h2 id="outbox-title">{move || T::OutboxTitle.get(lang.get())}</h2>
                            <outbox::Outbox changed=outbox_changed />
                        </section>
                    }
                })}
        </section>
    }
}
