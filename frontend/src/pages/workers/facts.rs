//! A worker's data as stored, to read.

use leptos::prelude::*;
use tertib_domain::registry::WorkerView;

use crate::components::badge::MembershipSince;
use crate::i18n::{self, T};
use crate::session::use_session;

/// The saved warnings, then every field of the worker.
#[component]
pub fn WorkerFacts(worker: WorkerView) -> impl IntoView {
    let lang = use_session().lang;
    let w = worker;
    let fact = move |label: T, value: String, testid: &'static str| {
        view! {
            <div>
                <dt>{move || label.get(lang.get())}</dt>
                <dd data-testid=testid>{if value.trim().is_empty() { "—".to_string() } else { value }}</dd>
            </div>
        }
    };
    let gender = w.gender;
    let marital = w.marital_status;
    let employment = w.employment_status;
    let (membership, since) = (w.membership_status, w.membership_since);
    let wage = w.wage_base;
    let warnings = w.warnings.clone();
    view! {
        {w
            .identity_masked
            .then(|| {
                view! {
                    <p class="alert alert-info" data-testid="identity-masked">
                        {move || T::IdentityMasked.get(lang.get())}
                    </p>
                }
            })}
        {(!warnings.is_empty())
            .then(|| {
                view! {
                    <div class="alert alert-warning" data-testid="worker-warnings">
                        <strong>{move || T::Warnings.get(lang.get())}</strong>
                        <ul>
                            {warnings
                                .into_iter()
                                .map(|d| view! { <li data-code=d.code.clone()>{d.message.clone()}</li> })
                                .collect_view()}
                        </ul>
                    </div>
                }
            })}
        <dl class="facts facts-grid">
            {fact(T::Nik, w.nik.clone(), "worker-nik-value")}
            {fact(T::KkNumber, w.kk_number.clone().unwrap_or_default(), "worker-kk-value")}
            {fact(T::BirthPlace, w.birth_place.clone(), "worker-birth-place")}
            {fact(T::BirthDate, i18n::day(&w.birth_date), "worker-birth-date-value")}
            <div>
                <dt>{move || T::Gender.get(lang.get())}</dt>
                <dd>{move || gender.label(lang.get())}</dd>
            </div>
            <div>
                <dt>{move || T::MaritalStatus.get(lang.get())}</dt>
                <dd>{move || marital.map_or("—", |m| m.label(lang.get()))}</dd>
            </div>
            {fact(T::Address, w.address.clone(), "worker-address")}
            {fact(T::DistrictCode, w.district_code.clone(), "worker-district")}
            {fact(T::Phone, w.phone.clone(), "worker-phone-value")}
            {fact(T::Email, w.email.clone(), "worker-email")}
            {fact(T::EmployeeNumber, w.employee_number.clone(), "worker-nip")}
            {fact(T::Position, w.position.clone(), "worker-position")}
            <div>
                <dt>{move || T::EmploymentStatus.get(lang.get())}</dt>
                <dd>{move || employment.map_or("—", |e| e.label(lang.get()))}</dd>
            </div>
            {fact(T::HireDate, i18n::day(&w.hire_date), "worker-hire-date-value")}
            <div>
                <dt>{move || T::WageBase.get(lang.get())}</dt>
                <dd>{move || i18n::rupiah(lang.get(), wage)}</dd>
            </div>
            {fact(T::ClientCompany, w.client_company.as_ref().map(|c| c.name.clone()).unwrap_or_default(), "worker-company")}
            <div>
                <dt>{move || T::MembershipStatus.get(lang.get())}</dt>
                <dd>
                    <MembershipSince status=membership since />
                </dd>
            </div>
            {fact(T::Noka, w.noka.clone().unwrap_or_default(), "worker-noka")}
            {fact(T::FaskesCode, w.faskes_code.clone(), "worker-faskes")}
        </dl>
    }
}
