//! The role sets routes admit. A handler names one in its extractor (`Auth<Staff>`), and the same
//! set is listed in its OpenAPI `security` entry; the route-table test checks the two agree.

use tertib_domain::Role;

pub trait RoleSet {
    const ROLES: &'static [Role];
}

/// Directors only: user administration.
pub struct DirectorOnly;
/// Director and HR: personal data in full, submissions to BPJS.
pub struct Staff;
/// Everyone of the outsourcing company: director, HR, operational admins.
pub struct Internal;
/// Any signed-in user, client users included.
pub struct AnyUser;

impl RoleSet for DirectorOnly {
    const ROLES: &'static [Role] = &[Role::Director];
}
impl RoleSet for Staff {
    const ROLES: &'static [Role] = &[Role::Director, Role::Hr];
}
impl RoleSet for Internal {
    const ROLES: &'static [Role] = &[Role::Director, Role::Hr, Role::AdminOps];
}
impl RoleSet for AnyUser {
    const ROLES: &'static [Role] = &[Role::Director, Role::Hr, Role::AdminOps, Role::Client];
}
