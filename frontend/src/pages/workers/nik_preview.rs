//! What the NIK typed so far encodes.

use leptos::prelude::*;
use tertib_domain::nik::preview;

use crate::i18n::{self, today, T};
use crate::session::use_session;

/// Region, birth date and gender of the NIK typed so far, as soon as their digits are there.
#[component]
pub fn NikPreviewBox(nik: RwSignal<String>, testid: &'static str) -> impl IntoView {
    let lang = use_session().lang;
    let shown = Memo::new(move |_| nik.with(|n| (n.trim().is_empty(), preview(n, today()))));
    view! {
        <div class="nik-preview" data-testid=testid aria-live="polite">
            {move || {
                let (empty, p) = shown.get();
                let lang = lang.get();
                if empty {
                    return view! { <p class="muted">{T::NikTypeMore.get(lang)}</p> }.into_any();
                }
                if p.digits.is_empty() {
                    return view! { <p class="muted">{T::NikNotDigits.get(lang)}</p> }.into_any();
                }
                let region: Vec<String> = [p.district_name.clone(), p.regency_name.clone(), p.province_name.clone()]
                    .into_iter()
                    .flatten()
                    .collect();
                let count = format!("{}/16", p.digits.chars().count());
                view! {
                    <dl class="nik-facts">
                        <div>
                            <dt>{T::NikRegion.get(lang)}</dt>
                            <dd data-testid="nik-region">{if region.is_empty() { "—".to_string() } else { region.join(", ") }}</dd>
                        </div>
                        <div>
                            <dt>{T::BirthDate.get(lang)}</dt>
                            <dd data-testid="nik-birth-date">{p.birth_date.map_or_else(|| "—".to_string(), |d| i18n::day(&d))}</dd>
                        </div>
                        <div>
                            <dt>{T::Gender.get(lang)}</dt>
                            <dd data-testid="nik-gender">{p.gender.map_or("—", |g| g.label(lang))}</dd>
                        </div>
                        <div>
                            <dt>{T::Nik.get(lang)}</dt>
                            <dd>{count}</dd>
                        </div>
                    </dl>
                }
                    .into_any()
            }}
        </div>
    }
}
