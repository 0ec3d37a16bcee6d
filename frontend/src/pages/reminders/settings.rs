//! The director's reminder settings, checked here with the domain's own limits
//! (`ReminderSettings::problems`) before they are sent.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use tertib_domain::reminders::{OfficeZone, ReminderSettings};

use crate::api::{self, from_wire_name, wire_name};
use crate::components::form::{
    field_error, focus_first_invalid, CheckField, FormAlert, FormErrors, Msg, SelectField, SuccessNote, TextField,
};
use crate::i18n::{self, T};
use crate::session::use_session;

const FORM_ID: &str = "reminder-settings-form";
const ZONES: [OfficeZone; 3] = [OfficeZone::Jakarta, OfficeZone::Makassar, OfficeZone::Jayapura];
const FIELDS: [&str; 7] = [
    "digest_time",
    "time_zone",
    "include_hr",
    "skip_empty",
    "alert_days_before_cutoff",
    "monthly_reminder_day",
    "max_attempts",
];

/// The form as typed.
#[derive(Debug, Clone, Default, PartialEq)]
struct Typed {
    digest_time: String,
    time_zone: String,
    include_hr: bool,
    skip_empty: bool,
    alert_days: String,
    monthly_day: String,
    max_attempts: String,
}

impl Typed {
    fn of(s: &ReminderSettings) -> Typed {
        Typed {
            digest_time: s.digest_time.clone(),
            time_zone: wire_name(s.time_zone),
            include_hr: s.include_hr,
            skip_empty: s.skip_empty,
            alert_days: s.alert_days_before_cutoff.to_string(),
            monthly_day: s.monthly_reminder_day.to_string(),
            max_attempts: s.max_attempts.to_string(),
        }
    }

    /// The settings, or the fields that are not numbers, not a time or out of range.
    fn read(&self) -> Result<ReminderSettings, FormErrors> {
        let mut errors = FormErrors::default();
        let mut number = |field: &str, text: &str| -> u32 {
            text.trim().parse::<u32>().unwrap_or_else(|_| {
                errors.add(field, Msg::Text(T::NotANumber));
                0
            })
        };
        let alert = number("alert_days_before_cutoff", &self.alert_days);
        let monthly = number("monthly_reminder_day", &self.monthly_day);
        let attempts = number("max_attempts", &self.max_attempts);
        let zone: Option<OfficeZone> = from_wire_name(&self.time_zone);
        if zone.is_none() {
            errors.add_findings([tertib_domain::person::required("time_zone")]);
        }
        let settings = ReminderSettings {
            digest_time: self.digest_time.trim().to_string(),
            time_zone: zone.unwrap_or_default(),
            include_hr: self.include_hr,
            skip_empty: self.skip_empty,
            alert_days_before_cutoff: alert,
            monthly_reminder_day: monthly,
            max_attempts: attempts,
        };
        for field in settings.problems() {
            let words = if field == "digest_time" { T::DigestTimeInvalid } else { T::OutOfRange };
            errors.add(field, Msg::Text(words));
        }
        if errors.is_empty() {
            Ok(settings)
        } else {
            Err(errors)
        }
    }
}

#[component]
pub fn ReminderSettingsForm() -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let digest_time = RwSignal::new(String::new());
    let time_zone = RwSignal::new(String::new());
    let include_hr = RwSignal::new(false);
    let skip_empty = RwSignal::new(true);
    let alert_days = RwSignal::new(String::new());
    let monthly_day = RwSignal::new(String::new());
    let max_attempts = RwSignal::new(String::new());
    let fill = move |s: &ReminderSettings| {
        let t = Typed::of(s);
        digest_time.set(t.digest_time);
        time_zone.set(t.time_zone);
        include_hr.set(t.include_hr);
        skip_empty.set(t.skip_empty);
        alert_days.set(t.alert_days);
        monthly_day.set(t.monthly_day);
        max_attempts.set(t.max_attempts);
    };
    let errors = RwSignal::new(FormErrors::default());
    let loaded = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        match api::reminder_settings(session).await {
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
        let typed = Typed {
            digest_time: digest_time.get_untracked(),
            time_zone: time_zone.get_untracked(),
            include_hr: include_hr.get_untracked(),
            skip_empty: skip_empty.get_untracked(),
            alert_days: alert_days.get_untracked(),
            monthly_day: monthly_day.get_untracked(),
            max_attempts: max_attempts.get_untracked(),
        };
        let settings = match typed.read() {
            Ok(settings) => settings,
            Err(found) => {
                errors.set(found);
                focus_first_invalid(FORM_ID);
                return;
            }
        };
        errors.set(FormErrors::default());
        pending.set(true);
        leptos::task::spawn_local(async move {
            match api::save_reminder_settings(session, &settings).await {
                Ok(stored) => {
                    fill(&stored);
                    saved.set(true);
                }
                Err(failure) => {
                    errors.set(FormErrors::from_failure(failure, &FIELDS, &[]));
                    focus_first_invalid(FORM_ID);
                }
            }
            pending.set(false);
        });
    };
    let disabled = Signal::derive(move || !loaded.get());
    let zones = Signal::derive(move || {
        let lang = lang.get();
        ZONES.into_iter().map(|z| (wire_name(z), i18n::office_zone(lang, z).to_string())).collect::<Vec<_>>()
    });
    view! {
        <form id=FORM_ID data-testid=FORM_ID novalidate on:submit=submit>
            <div class="form-grid">
                <TextField
                    id="reminder-digest_time"
                    label=T::DigestTime
                    value=digest_time
                    kind="time"
                    hint=T::DigestTimeHint
                    testid="reminder-digest_time"
                    required=true
                    disabled
                    error=field_error(errors, "digest_time")
                />
                <SelectField
                    id="reminder-time_zone"
                    label=T::TimeZone
                    value=time_zone
                    options=zones
                    testid="reminder-time_zone"
                    required=true
                    error=field_error(errors, "time_zone")
                />
                <TextField
                    id="reminder-alert_days_before_cutoff"
                    label=T::AlertDays
                    value=alert_days
                    hint=T::AlertDaysHint
                    testid="reminder-alert_days_before_cutoff"
                    inputmode="numeric"
                    required=true
                    disabled
                    error=field_error(errors, "alert_days_before_cutoff")
                />
                <TextField
                    id="reminder-monthly_reminder_day"
                    label=T::MonthlyReminderDay
                    value=monthly_day
                    hint=T::MonthlyReminderHint
                    testid="reminder-monthly_reminder_day"
                    inputmode="numeric"
                    required=true
                    disabled
                    error=field_error(errors, "monthly_reminder_day")
                />
                <TextField
                    id="reminder-max_attempts"
                    label=T::MaxAttempts
                    value=max_attempts
                    hint=T::MaxAttemptsHint
                    testid="reminder-max_attempts"
                    inputmode="numeric"
                    required=true
                    disabled
                    error=field_error(errors, "max_attempts")
                />
            </div>
            <CheckField
                id="reminder-include_hr"
                label=T::IncludeHr
                value=include_hr
                hint=T::IncludeHrHint
                testid="reminder-include_hr"
                disabled
            />
            <CheckField
                id="reminder-skip_empty"
                label=T::SkipEmpty
                value=skip_empty
                testid="reminder-skip_empty"
                disabled
            />
            <FormAlert errors testid="reminder-settings-error" />
            <SuccessNote
                text=Signal::derive(move || saved.get().then(|| T::ReminderSettingsSaved.get(lang.get()).to_string()))
                testid="reminder-settings-saved"
            />
            <div class="form-actions">
                <button
                    type="submit"
                    class="button button-primary"
                    data-testid="reminder-settings-submit"
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
        let stored = ReminderSettings { include_hr: true, time_zone: OfficeZone::Makassar, ..Default::default() };
        assert_eq!(Typed::of(&stored).read(), Ok(stored));
        let typed = Typed {
            digest_time: "25:00".into(),
            monthly_day: "12".into(),
            max_attempts: "x".into(),
            ..Typed::of(&ReminderSettings::default())
        };
        let errors = typed.read().unwrap_err();
        assert_eq!(errors.field("digest_time"), Some(&Msg::Text(T::DigestTimeInvalid)));
        assert_eq!(errors.field("monthly_reminder_day"), Some(&Msg::Text(T::OutOfRange)));
        assert_eq!(errors.field("max_attempts"), Some(&Msg::Text(T::NotANumber)));
        assert_eq!(errors.field("alert_days_before_cutoff"), None);
    }

    #[test]
    fn each_time_zone_goes_out_by_its_name() {
        let names: Vec<String> = ZONES.into_iter().map(wire_name).collect();
        assert_eq!(names, ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"]);
        let typed = Typed { time_zone: "Asia/Jayapura".into(), ..Typed::of(&ReminderSettings::default()) };
        assert_eq!(typed.read().map(|s| s.time_zone), Ok(OfficeZone::Jayapura));
    }
}
