//! The written SOP (`/sop`): printed by the server from the same tables the system enforces, in
//! the language on screen. Above it, for the director, the procedure settings it prints (the
//! monthly cut-off, the months of cover after a dismissal, …): saving them prints the SOP again.
//!
//! Test ids: `sop-content` (the SOP), `settings-form` and its controls (`settings-cutoff_day`,
//! `settings-phk_cover_months`, `settings-ageing_notice_days`, `settings-max_document_bytes`,
//! `settings-submit`), `settings-saved`.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use tertib_domain::lifecycle::LifecycleSettings;

use crate::api::{self, ApiFailure};
use crate::components::form::{field_error, focus_first_invalid, FormAlert, FormErrors, Msg, SuccessNote, TextField};
use crate::components::shell::page_title;
use crate::components::status::{LoadFailed, Loading};
use crate::i18n::T;
use crate::pages::NotAllowedNote;
use crate::session::use_session;

#[component]
pub fn SopPage() -> impl IntoView {
    page_title(Some(T::SopTitle));
    let session = use_session();
    let staff = Memo::new(move |_| session.is_staff());
    move || {
        if staff.get() {
            view! { <Sop /> }.into_any()
        } else {
            view! { <NotAllowedNote why=T::NotAllowedWorkers /> }.into_any()
        }
    }
}

#[component]
fn Sop() -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let html: RwSignal<Option<Result<String, ApiFailure>>> = RwSignal::new(None);
    let load = move || {
        let lang = lang.get_untracked();
        leptos::task::spawn_local(async move {
            html.set(Some(api::sop_html(session, lang).await));
        });
    };
    Effect::new(move |_| {
        lang.track();
        load();
    });
    let director = Memo::new(move |_| session.is_director());
    view! {
        <section class="page" data-testid="sop-page">
            <header class="page-header">
                <h1>{move || T::SopTitle.get(lang.get())}</h1>
                <p class="lede">{move || T::SopIntro.get(lang.get())}</p>
            </header>
            <Show when=move || director.get()>
                <section class="card" aria-labelledby="settings-title">
                    <h2 id="settings-title">{move || T::SettingsTitle.get(lang.get())}</h2>
                    <SettingsForm on_saved=Callback::new(move |()| load()) />
                </section>
            </Show>
            {move || match html.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(failure)) => view! { <LoadFailed failure retry=load /> }.into_any(),
                // The server escapes every text it prints into the fragment.
                Some(Ok(html)) => view! { <article class="card sop" data-testid="sop-content" inner_html=html></article> }.into_any(),
            }}
        </section>
    }
}

/// The settings' fields: JSON name, label, hint.
const FIELDS: [(&str, T, T); 4] = [
    ("cutoff_day", T::CutoffDay, T::CutoffHint),
    ("phk_cover_months", T::PhkCoverMonths, T::PhkCoverHint),
    ("ageing_notice_days", T::AgeingNoticeDays, T::AgeingHint),
    ("max_document_bytes", T::MaxDocumentBytes, T::MaxDocumentHint),
];

/// The settings as typed, or the fields that are not whole numbers or are out of range (by the
/// domain's own limits).
fn read_settings(values: [&str; 4]) -> Result<LifecycleSettings, FormErrors> {
    let mut errors = FormErrors::default();
    let mut number = |i: usize| -> u64 {
        values[i].trim().replace(['.', ','], "").parse::<u64>().unwrap_or_else(|_| {
            errors.add(FIELDS[i].0, Msg::Text(T::NotANumber));
            0
        })
    };
    let small = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
    let settings = LifecycleSettings {
        cutoff_day: small(number(0)),
        phk_cover_months: small(number(1)),
        ageing_notice_days: small(number(2)),
        max_document_bytes: number(3),
    };
    for field in settings.problems() {
        errors.add(field, Msg::Text(T::OutOfRange));
    }
    if errors.is_empty() {
        Ok(settings)
    } else {
        Err(errors)
    }
}

#[component]
fn SettingsForm(on_saved: Callback<()>) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let values: [RwSignal<String>; 4] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let fill = move |s: &LifecycleSettings| {
        let numbers = [
            u64::from(s.cutoff_day),
            u64::from(s.phk_cover_months),
            u64::from(s.ageing_notice_days),
            s.max_document_bytes,
        ];
        for (value, n) in values.iter().zip(numbers) {
            value.set(n.to_string());
        }
    };
    let errors = RwSignal::new(FormErrors::default());
    let loaded = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        match api::lifecycle_settings(session).await {
            Ok(settings) => {
                fill(&settings);
                loaded.set(true);
            }
            Err(failure) => errors.update(|e| e.set_form(Msg::Failure(failure))),
        }
    });
    let pending = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        saved.set(false);
        let typed = values.map(|v| v.get_untracked());
        let settings = match read_settings([&typed[0], &typed[1], &typed[2], &typed[3]]) {
            Ok(settings) => settings,
            Err(found) => {
                errors.set(found);
                focus_first_invalid("settings-form");
                return;
            }
        };
        errors.set(FormErrors::default());
        pending.set(true);
        leptos::task::spawn_local(async move {
            match api::save_lifecycle_settings(session, &settings).await {
                Ok(stored) => {
                    fill(&stored);
                    saved.set(true);
                    on_saved.run(());
                }
                Err(failure) => {
                    let names: Vec<&str> = FIELDS.iter().map(|f| f.0).collect();
                    errors.set(FormErrors::from_failure(failure, &names, &[]));
                    focus_first_invalid("settings-form");
                }
            }
            pending.set(false);
        });
    };
    let ids = [
        "settings-cutoff_day",
        "settings-phk_cover_months",
        "settings-ageing_notice_days",
        "settings-max_document_bytes",
    ];
    view! {
        <form id="settings-form" data-testid="settings-form" novalidate on:submit=submit>
            <div class="form-grid">
                {FIELDS
                    .into_iter()
                    .zip(ids)
                    .zip(values)
                    .map(|(((name, label, hint), id), value)| {
                        view! {
                            <TextField
                                id=id
                                label=label
                                value=value
                                hint=hint
                                testid=id
                                inputmode="numeric"
                                required=true
                                disabled=Signal::derive(move || !loaded.get())
                                error=field_error(errors, name)
                            />
                        }
                    })
                    .collect_view()}
            </div>
            <FormAlert errors testid="settings-error" />
            <SuccessNote
                text=Signal::derive(move || saved.get().then(|| T::SettingsSaved.get(lang.get()).to_string()))
                testid="settings-saved"
            />
            <div class="form-actions">
                <button
                    type="submit"
                    class="button button-primary"
                    data-testid="settings-submit"
                    disabled=move || pending.get() || !loaded.get()
                >
                    {move || if pending.get() { T::Saving.get(lang.get()) } else { T::SaveSettings.get(lang.get()) }}
                </button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_read_as_typed_and_checked_by_the_domain_limits() {
        let settings = read_settings(["25", "6", "60", "5.000.000"]).unwrap();
        assert_eq!(settings, LifecycleSettings { cutoff_day: 25, ..LifecycleSettings::default() });
        let errors = read_settings(["32", "x", "60", "5000000"]).unwrap_err();
        assert_eq!(errors.field("cutoff_day"), Some(&Msg::Text(T::OutOfRange)));
        assert_eq!(errors.field("phk_cover_months"), Some(&Msg::Text(T::NotANumber)));
        assert_eq!(errors.field("ageing_notice_days"), None);
    }
}
