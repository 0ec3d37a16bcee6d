//! What the registry's selects offer, in the language on screen (value = the wire name).

use leptos::prelude::*;
use tertib_domain::family::Relation;
use tertib_domain::person::{Gender, MaritalStatus};
use tertib_domain::registry::{ClientCompanyView, MembershipStatus};
use tertib_domain::worker::{Citizenship, EmploymentStatus};
use tertib_domain::Lang;

use crate::api::{self, wire_name};
use crate::i18n::T;
use crate::session::use_session;

pub type Options = Vec<(String, String)>;

pub fn gender_options(lang: Lang) -> Options {
    [Gender::Male, Gender::Female].into_iter().map(|g| (wire_name(g), g.label(lang).to_string())).collect()
}

pub fn marital_options(lang: Lang) -> Options {
    [MaritalStatus::Single, MaritalStatus::Married, MaritalStatus::Divorced, MaritalStatus::Widowed]
        .into_iter()
        .map(|m| (wire_name(m), m.label(lang).to_string()))
        .collect()
}

pub fn citizenship_options(lang: Lang) -> Options {
    vec![
        (wire_name(Citizenship::Wni), T::Wni.get(lang).to_string()),
        (wire_name(Citizenship::Wna), T::Wna.get(lang).to_string()),
    ]
}

pub fn employment_options(lang: Lang) -> Options {
    [EmploymentStatus::Pkwt, EmploymentStatus::Pkwtt, EmploymentStatus::PartTime]
        .into_iter()
        .map(|e| (wire_name(e), e.label(lang).to_string()))
        .collect()
}

pub fn membership_options(lang: Lang) -> Options {
    MembershipStatus::ALL.into_iter().map(|m| (m.as_str().to_string(), m.label(lang).to_string())).collect()
}

pub fn relation_options(lang: Lang) -> Options {
    Relation::ALL.into_iter().map(|r| (wire_name(r), r.label(lang).to_string())).collect()
}

/// The companies a worker can be placed with now.
pub fn company_options(companies: &[ClientCompanyView]) -> Options {
    companies.iter().filter(|c| c.active).map(|c| (c.id.clone(), format!("{} · {}", c.code, c.name))).collect()
}

/// Loads the client companies once, for selects, filters and the wage rule (their UMK).
pub fn load_companies() -> RwSignal<Vec<ClientCompanyView>> {
    let session = use_session();
    let companies = RwSignal::new(Vec::new());
    leptos::task::spawn_local(async move {
        if let Ok(list) = api::list_companies(session).await {
            companies.set(list);
        }
    });
    companies
}
