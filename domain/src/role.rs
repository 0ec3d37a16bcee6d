//! Who a user is to Tertib. Every route admits an explicit set of roles; nothing is open by default.

use serde::{Deserialize, Serialize};

use crate::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The company's director: everything, including user administration.
    Director,
    /// HR staff: workers, families and BPJS procedures.
    Hr,
    /// Operational admins: collect documents and data, read workers.
    AdminOps,
    /// A user of one client company: sees only the workers placed with that company.
    Client,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Director, Role::Hr, Role::AdminOps, Role::Client];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Director => "director",
            Role::Hr => "hr",
            Role::AdminOps => "admin_ops",
            Role::Client => "client",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Role::Director => lang.pick("Direktur", "Director"),
            Role::Hr => lang.pick("HR", "HR"),
            Role::AdminOps => lang.pick("Admin operasional", "Operations admin"),
            Role::Client => lang.pick("Perusahaan klien", "Client company"),
        }
    }

    /// Staff of the outsourcing company itself, as opposed to a client company's user.
    pub fn is_internal(self) -> bool {
        !matches!(self, Role::Client)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_round_trips_through_its_name() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
            let json = serde_json::to_string(&role).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", role.as_str()));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
