//! Creating user accounts: one path for the API, the command line and the first director, so
//! each is checked and audited the same way.

use tertib_domain::auth::CreateUserRequest;
use tertib_domain::email::Email;
use tertib_domain::Finding;

use crate::db::audit::{self, Actor, Change};
use crate::db::users::{self, User};
use crate::db::{client_companies, new_id, now, DbConn};
use crate::error::ApiError;

/// A client user's company must exist.
pub fn company_must_exist(conn: &mut DbConn, company: Option<&str>) -> Result<(), ApiError> {
    match company {
        Some(id) if !client_companies::exists(conn, id)? => Err(ApiError::invalid(Finding::error(
            "client_company_id",
            "client_company_unknown",
            "Perusahaan klien tidak ditemukan.",
            "No such client company.",
        ))),
        _ => Ok(()),
    }
}

/// Stores a user already checked by `check_new_user` (which gave `email`), with its password
/// hash, and records the creation. Call it inside a write transaction.
pub fn create(
    conn: &mut DbConn,
    actor: &Actor,
    req: &CreateUserRequest,
    email: &Email,
    password_hash: String,
) -> Result<User, ApiError> {
    if users::find_by_email(conn, email.as_str())?.is_some() {
        return Err(ApiError::EmailTaken);
    }
    let company = req.client_company_id.as_deref().map(str::trim);
    company_must_exist(conn, company)?;
    let at = now();
    let user = User {
        id: new_id(),
        email: email.to_string(),
        name: req.name.trim().to_string(),
        password_hash,
        role: req.role.as_str().to_string(),
        client_company_id: company.map(str::to_string),
        language: req.language.unwrap_or_default().code().to_string(),
        disabled: false,
        session_epoch: 0,
        created_at: at,
        updated_at: at,
        last_login_at: None,
    };
    users::insert(conn, &user)?;
    audit::record(conn, actor, Change::new("user.create", "user", Some(&user.id)).after(&user.view()))?;
    Ok(user)
}
