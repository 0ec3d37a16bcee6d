//! Arrears (tunggakan). Unpaid contributions suspend coverage from the 1st of the next month;
//! reactivation requires paying the arrears, at most 24 months counted; inpatient care within 45
//! days of reactivation costs a service fine of 5% of the care cost per month in arrears (at most
//! 12 months), capped at Rp30,000,000 (Perpres 64/2020 art. 42).

use serde::{Deserialize, Serialize};

use crate::money::Rupiah;
use crate::Lang;

/// Months of arrears BPJS counts at most.
pub const MAX_COUNTED_MONTHS: u32 = 24;
/// Months of arrears the service fine counts at most.
pub const MAX_FINE_MONTHS: u32 = 12;
/// Fine per month in arrears, in percent of the care cost.
pub const FINE_PERCENT_PER_MONTH: i64 = 5;
/// The fine's ceiling.
pub const FINE_CAP: i64 = 30_000_000;
/// Days after reactivation during which inpatient care costs the fine.
pub const FINE_WINDOW_DAYS: u32 = 45;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ArrearsSource {
    PreviousEmployer,
    /// The worker's own self-paying (mandiri) membership: blocks a transfer until paid.
    SelfPaying,
    ThisCompany,
}

impl ArrearsSource {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ArrearsSource::PreviousEmployer => lang.pick("badan usaha sebelumnya", "previous employer"),
            ArrearsSource::SelfPaying => lang.pick("iuran mandiri", "self-paying"),
            ArrearsSource::ThisCompany => lang.pick("perusahaan ini", "this company"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ArrearsStatus {
    Open,
    Paid,
    Waived,
}

impl ArrearsStatus {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ArrearsStatus::Open => lang.pick("belum lunas", "open"),
            ArrearsStatus::Paid => lang.pick("lunas", "paid"),
            ArrearsStatus::Waived => lang.pick("dihapuskan", "waived"),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ArrearsStatus::Open => "open",
            ArrearsStatus::Paid => "paid",
            ArrearsStatus::Waived => "waived",
        }
    }
}

/// The months BPJS counts of `months` in arrears.
pub fn counted_months(months: u32) -> u32 {
    months.min(MAX_COUNTED_MONTHS)
}

/// The service fine for inpatient care costing `care_cost` within the window after reactivating
/// a membership that was `months` in arrears.
pub fn service_fine(months: u32, care_cost: Rupiah) -> Rupiah {
    let percent = FINE_PERCENT_PER_MONTH * i64::from(months.min(MAX_FINE_MONTHS));
    let fine = care_cost.amount().saturating_mul(percent) / 100;
    Rupiah::new(fine.min(FINE_CAP)).unwrap_or(Rupiah::ZERO)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rp(amount: i64) -> Rupiah {
        Rupiah::new(amount).unwrap_or(Rupiah::ZERO)
    }

    #[test]
    fn the_fine_counts_at_most_twelve_months_and_thirty_million() {
        assert_eq!(service_fine(0, rp(10_000_000)), rp(0));
        assert_eq!(service_fine(3, rp(10_000_000)), rp(1_500_000));
        assert_eq!(service_fine(12, rp(10_000_000)), rp(6_000_000));
        assert_eq!(service_fine(30, rp(10_000_000)), rp(6_000_000));
        assert_eq!(service_fine(12, rp(100_000_000)), rp(30_000_000));
        assert_eq!(counted_months(30), 24);
        assert_eq!(counted_months(7), 7);
    }
}
