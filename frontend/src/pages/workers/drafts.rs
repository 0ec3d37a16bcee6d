//! Records as read, turned back into drafts: what a change form starts from, what the rules check
//! a change or a new family member against, and what a change is compared with (only the fields
//! that differ are sent).
//!
//! Dates are written `dd-mm-yyyy`, as the forms show them.

use tertib_domain::family::FamilyMemberDraft;
use tertib_domain::person::format_date;
use tertib_domain::registry::{FamilyMemberView, WorkerView};
use tertib_domain::worker::WorkerDraft;

/// The worker as a draft, without the family.
pub fn worker_draft(w: &WorkerView) -> WorkerDraft {
    WorkerDraft {
        nik: w.nik.clone(),
        kk_number: w.kk_number.clone().unwrap_or_default(),
        full_name: w.full_name.clone(),
        birth_place: w.birth_place.clone(),
        birth_date: format_date(w.birth_date),
        gender: Some(w.gender),
        marital_status: w.marital_status,
        citizenship: w.citizenship,
        address: w.address.clone(),
        district_code: w.district_code.clone(),
        village_code: w.village_code.clone(),
        phone: w.phone.clone(),
        email: w.email.clone(),
        employee_number: w.employee_number.clone(),
        position: w.position.clone(),
        employment_status: w.employment_status,
        hire_date: format_date(w.hire_date),
        termination_date: w.termination_date.map(format_date).unwrap_or_default(),
        termination_reason: w.termination_reason,
        wage_base: Some(w.wage_base),
        noka: w.noka.clone().unwrap_or_default(),
        faskes_code: w.faskes_code.clone(),
        family: Vec::new(),
    }
}

pub fn member_draft(m: &FamilyMemberView) -> FamilyMemberDraft {
    FamilyMemberDraft {
        relation: Some(m.relation),
        nik: m.nik.clone(),
        kk_number: m.kk_number.clone().unwrap_or_default(),
        full_name: m.full_name.clone(),
        birth_place: m.birth_place.clone(),
        birth_date: format_date(m.birth_date),
        gender: Some(m.gender),
        marital_status: m.marital_status,
        citizenship: m.citizenship,
        noka: m.noka.clone().unwrap_or_default(),
        faskes_code: m.faskes_code.clone(),
        in_formal_education: m.in_formal_education,
        education_until: m.education_until.map(format_date).unwrap_or_default(),
    }
}
