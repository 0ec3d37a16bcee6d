//! The client-company portal on the wire: what a client company (its users and its systems) may
//! read about the workers placed with it. Deliberately small: status and masked identifiers,
//! never wages, family, documents or notes.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::lifecycle::MembershipStatus;
use crate::Lang;

/// A placed worker's BPJS status as a client company needs to know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PortalStatus {
    /// Covered through the outsourcing company.
    Active,
    /// Not covered yet: registration or transfer under way.
    RegistrationInProgress,
    /// The worker left; the deactivation is under way (still covered until it is done).
    DeactivationInProgress,
    /// No longer covered through the outsourcing company (see `status_since`).
    Inactive,
    /// Coverage blocked: still active at a previous employer, or suspended for arrears.
    Blocked,
}

impl PortalStatus {
    pub const ALL: [PortalStatus; 5] = [
        PortalStatus::Active,
        PortalStatus::RegistrationInProgress,
        PortalStatus::DeactivationInProgress,
        PortalStatus::Inactive,
        PortalStatus::Blocked,
    ];

    /// From the worker's membership status and whether a termination is recorded.
    pub fn of(membership: MembershipStatus, terminated: bool) -> PortalStatus {
        use MembershipStatus as M;
        match membership {
            // Left before being registered (or before the transfer): never covered here.
            M::NotRegistered | M::ActiveElsewhere if terminated => PortalStatus::Inactive,
            M::RegistrationSubmitted if terminated => PortalStatus::DeactivationInProgress,
            M::NotRegistered | M::RegistrationSubmitted => PortalStatus::RegistrationInProgress,
            M::Active if terminated => PortalStatus::DeactivationInProgress,
            M::Active => PortalStatus::Active,
            M::DeactivationSubmitted => PortalStatus::DeactivationInProgress,
            M::Inactive | M::PhkCover => PortalStatus::Inactive,
            M::Suspended | M::ActiveElsewhere => PortalStatus::Blocked,
        }
    }

    /// The `(membership status, terminated)` pairs that show as `self` (the inverse of [`Self::of`]),
    /// for filtering in the database.
    pub fn sources(self) -> Vec<(MembershipStatus, bool)> {
        MembershipStatus::ALL
            .into_iter()
            .flat_map(|m| [(m, false), (m, true)])
            .filter(|(m, t)| PortalStatus::of(*m, *t) == self)
            .collect()
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            PortalStatus::Active => lang.pick("aktif", "active"),
            PortalStatus::RegistrationInProgress => lang.pick("pendaftaran diproses", "registration in progress"),
            PortalStatus::DeactivationInProgress => lang.pick("penonaktifan diproses", "deactivation in progress"),
            PortalStatus::Inactive => lang.pick("nonaktif", "inactive"),
            PortalStatus::Blocked => lang.pick("tertahan", "blocked"),
        }
    }
}

/// A worker placed with the client company (now, or until at most six months ago).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PortalWorker {
    pub id: String,
    #[cfg_attr(feature = "server", schema(example = "Budi Santoso"))]
    pub full_name: String,
    /// Always masked.
    #[cfg_attr(feature = "server", schema(example = "3174********0001"))]
    pub nik: String,
    /// BPJS card number, always masked; none before registration.
    #[cfg_attr(feature = "server", schema(example = "0001*****7890"))]
    pub noka: Option<String>,
    #[cfg_attr(feature = "server", schema(example = "EMP-0001"))]
    pub employee_number: String,
    pub status: PortalStatus,
    /// Since when the membership status holds (for `inactive`: since when not covered).
    pub status_since: Option<NaiveDate>,
    /// The placement with this company.
    pub placed_from: NaiveDate,
    pub placed_until: Option<NaiveDate>,
    /// The last change to anything shown here.
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PortalPage {
    pub items: Vec<PortalWorker>,
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "server", into_params(parameter_in = Query))]
#[serde(default)]
pub struct PortalQuery {
    pub status: Option<PortalStatus>,
    /// Only workers changed at or after this instant (RFC 3339), for incremental sync.
    pub updated_since: Option<DateTime<Utc>>,
    /// The start of a word of the name (case-insensitive), or an employee number.
    pub q: Option<String>,
    pub page: Option<u32>,
    /// 1-100 (default 25).
    pub per_page: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct StatusCount {
    pub status: PortalStatus,
    pub count: i64,
}

/// Totals by status of the workers the portal lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PortalSummary {
    pub client_company: String,
    pub total: i64,
    pub by_status: Vec<StatusCount>,
}

/// `POST /api/v1/auth/token` (OAuth 2.0 client credentials, RFC 6749 §4.4), form-encoded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TokenRequest {
    /// `client_credentials`.
    pub grant_type: String,
    /// Or in HTTP Basic authentication.
    #[serde(default)]
    pub client_id: Option<String>,
    #[serde(default)]
    pub client_secret: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TokenResponse {
    pub access_token: String,
    /// `Bearer`.
    pub token_type: String,
    /// Seconds.
    pub expires_in: i64,
}

/// An API client of a client company (its secret is never shown again after creation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ApiClientView {
    /// The `client_id`.
    pub id: String,
    pub client_company_id: String,
    pub name: String,
    pub rate_limit_per_minute: i32,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewApiClient {
    pub name: String,
    /// Requests per minute (default 120).
    #[serde(default)]
    pub rate_limit_per_minute: Option<i32>,
}

/// The answer to creating an API client: the secret, shown this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ApiClientCreated {
    pub client: ApiClientView,
    pub client_secret: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_membership_status_shows_as_one_portal_status_and_back() {
        for s in PortalStatus::ALL {
            for (m, t) in s.sources() {
                assert_eq!(PortalStatus::of(m, t), s);
            }
        }
        let all: usize = PortalStatus::ALL.iter().map(|s| s.sources().len()).sum();
        assert_eq!(all, MembershipStatus::ALL.len() * 2);
        assert_eq!(PortalStatus::of(MembershipStatus::Active, true), PortalStatus::DeactivationInProgress);
    }
}
