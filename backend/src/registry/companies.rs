//! Creating and changing client companies.

use tertib_domain::registry::{check_client_company, ClientCompanyDraft, UpdateClientCompanyRequest};

use super::unique_violation_as;
use crate::db::audit::{self, Actor, Change};
use crate::db::client_companies::{self, ClientCompany};
use crate::db::{new_id, now, DbConn};
use crate::error::ApiError;

pub fn create(conn: &mut DbConn, actor: &Actor, draft: &ClientCompanyDraft) -> Result<ClientCompany, ApiError> {
    let fields = check_client_company(draft).map_err(ApiError::Validation)?;
    if client_companies::find_by_code(conn, &fields.code)?.is_some() {
        return Err(ApiError::CodeTaken);
    }
    let at = now();
    let mut company = ClientCompany {
        id: new_id(),
        code: String::new(),
        name: String::new(),
        address: String::new(),
        contact_emails: String::new(),
        active: true,
        version: 1,
        created_at: at,
        updated_at: at,
        minimum_wage: None,
        regency_code: None,
    };
    company.set_fields(fields);
    client_companies::insert(conn, &company).map_err(|e| unique_violation_as(e, ApiError::CodeTaken))?;
    audit::record(
        conn,
        actor,
        Change::new("client_company.create", "client_company", Some(&company.id)).after(&company.view()),
    )?;
    Ok(company)
}

/// Changes the fields named; `active: false` deactivates (history stays, no new placements).
pub fn update(
    conn: &mut DbConn,
    actor: &Actor,
    id: &str,
    change: &UpdateClientCompanyRequest,
) -> Result<ClientCompany, ApiError> {
    let mut company = client_companies::find(conn, id)?.ok_or(ApiError::NotFound)?;
    if company.version != change.version {
        return Err(ApiError::VersionConflict);
    }
    let before = company.view();
    let fields = check_client_company(&change.apply(&company.draft())).map_err(ApiError::Validation)?;
    if fields.code != company.code && client_companies::find_by_code(conn, &fields.code)?.is_some() {
        return Err(ApiError::CodeTaken);
    }
    company.set_fields(fields);
    let deactivated = change.active == Some(false) && company.active;
    if let Some(active) = change.active {
        company.active = active;
    }
    company.version += 1;
    company.updated_at = now();
    let written = client_companies::update_versioned(conn, &company, change.version)
        .map_err(|e| unique_violation_as(e, ApiError::CodeTaken))?;
    if !written {
        return Err(ApiError::VersionConflict);
    }
    let action = if deactivated { "client_company.deactivate" } else { "client_company.update" };
    audit::record(
        conn,
        actor,
        Change::new(action, "client_company", Some(&company.id)).before(&before).after(&company.view()),
    )?;
    Ok(company)
}
