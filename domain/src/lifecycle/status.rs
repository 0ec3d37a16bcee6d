//! Where a covered person (a worker or a family member) stands with BPJS Kesehatan through this
//! company. The current status is kept on the person with the date it began; every change is also
//! kept as history.

use serde::{Deserialize, Serialize};

use crate::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MembershipStatus {
    /// Not (yet) registered through this company.
    #[default]
    NotRegistered,
    /// Sent to BPJS (e-Dabu), waiting for the card number.
    RegistrationSubmitted,
    /// Covered through this company.
    Active,
    /// Coverage suspended: contributions in arrears at the end of a month.
    Suspended,
    /// Deactivation reported, not yet confirmed by the branch.
    DeactivationSubmitted,
    /// No longer covered through this company (see the reason and date).
    Inactive,
    /// The six months of class III cover after a dismissal (PHK), until the end date.
    PhkCover,
    /// Still an active member under another employer: a transfer waits for its deactivation.
    ActiveElsewhere,
}

impl MembershipStatus {
    pub const ALL: [MembershipStatus; 8] = [
        MembershipStatus::NotRegistered,
        MembershipStatus::RegistrationSubmitted,
        MembershipStatus::Active,
        MembershipStatus::Suspended,
        MembershipStatus::DeactivationSubmitted,
        MembershipStatus::Inactive,
        MembershipStatus::PhkCover,
        MembershipStatus::ActiveElsewhere,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MembershipStatus::NotRegistered => "not_registered",
            MembershipStatus::RegistrationSubmitted => "registration_submitted",
            MembershipStatus::Active => "active",
            MembershipStatus::Suspended => "suspended",
            MembershipStatus::DeactivationSubmitted => "deactivation_submitted",
            MembershipStatus::Inactive => "inactive",
            MembershipStatus::PhkCover => "phk_cover",
            MembershipStatus::ActiveElsewhere => "active_elsewhere",
        }
    }

    pub fn parse(s: &str) -> Option<MembershipStatus> {
        MembershipStatus::ALL.into_iter().find(|m| m.as_str() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            MembershipStatus::NotRegistered => lang.pick("belum terdaftar", "not registered"),
            MembershipStatus::RegistrationSubmitted => lang.pick("pendaftaran diajukan", "registration submitted"),
            MembershipStatus::Active => lang.pick("aktif", "active"),
            MembershipStatus::Suspended => lang.pick("ditangguhkan (tunggakan)", "suspended (arrears)"),
            MembershipStatus::DeactivationSubmitted => lang.pick("penonaktifan diajukan", "deactivation submitted"),
            MembershipStatus::Inactive => lang.pick("nonaktif", "inactive"),
            MembershipStatus::PhkCover => lang.pick("jaminan pasca-PHK", "post-dismissal cover"),
            MembershipStatus::ActiveElsewhere => lang.pick("aktif di badan usaha lain", "active at another employer"),
        }
    }

    /// Whether BPJS covers the person through this company in this status (the contribution is
    /// owed): what a client company wants to be sure of.
    pub fn is_covered(self) -> bool {
        matches!(self, MembershipStatus::Active | MembershipStatus::DeactivationSubmitted | MembershipStatus::PhkCover)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip_through_their_names_and_json() {
        for m in MembershipStatus::ALL {
            assert_eq!(MembershipStatus::parse(m.as_str()), Some(m));
            assert_eq!(serde_json::to_value(m).ok(), Some(serde_json::Value::from(m.as_str())));
        }
        assert_eq!(MembershipStatus::parse("pending"), None);
    }
}
