//! Rupiah amounts and the BPJS Kesehatan contribution of a wage earner (segment PPU).
//!
//! Amounts are whole Rupiah in an `i64`: no fractions, no floating point. The contribution rates
//! and the wage ceiling change by decree, so they are settings ([`ContributionSettings`]) with
//! today's values as defaults, not constants.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Finding;

/// A non-negative amount of whole Rupiah.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(try_from = "i64", into = "i64")]
pub struct Rupiah(i64);

impl Rupiah {
    pub const ZERO: Rupiah = Rupiah(0);

    /// `None` for a negative amount.
    pub const fn new(amount: i64) -> Option<Rupiah> {
        if amount < 0 {
            None
        } else {
            Some(Rupiah(amount))
        }
    }

    pub const fn amount(self) -> i64 {
        self.0
    }

    /// Reads an amount as people and spreadsheets write it: `5000000`, `5.000.000`, `Rp 5.000.000`,
    /// `Rp5.000.000,00`, `5,000,000`. Thousands separators must group by three; cents must be zero.
    pub fn parse(input: &str) -> Option<Rupiah> {
        let mut s = input.trim();
        for prefix in ["Rp.", "Rp", "RP", "rp", "IDR"] {
            if let Some(rest) = s.strip_prefix(prefix) {
                s = rest.trim_start();
                break;
            }
        }
        if s.is_empty() {
            return None;
        }
        // A trailing ",00" / ".00" (or ",0") is a zero fraction, not a thousands group.
        let whole = match s.rfind([',', '.']) {
            Some(i) if s.len() - i - 1 <= 2 => {
                let frac = &s[i + 1..];
                if frac.is_empty() || !frac.bytes().all(|b| b == b'0') {
                    return None;
                }
                &s[..i]
            }
            _ => s,
        };
        let separators: Vec<char> = whole.chars().filter(|c| matches!(c, '.' | ',' | ' ')).collect();
        if let Some(&sep) = separators.first() {
            if separators.iter().any(|&c| c != sep) {
                return None;
            }
            let groups: Vec<&str> = whole.split(sep).collect();
            let first_ok = (1..=3).contains(&groups[0].len());
            if !first_ok || groups[1..].iter().any(|g| g.len() != 3) {
                return None;
            }
        }
        let digits: String = whole.chars().filter(|c| !matches!(c, '.' | ',' | ' ')).collect();
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.parse::<i64>().ok().map(Rupiah)
    }

    pub fn saturating_add(self, other: Rupiah) -> Rupiah {
        Rupiah(self.0.saturating_add(other.0))
    }

    /// `rate_basis_points` hundredths of a percent of this amount (400 = 4%), rounded to the nearest
    /// Rupiah, halves up.
    pub fn percent_bp(self, rate_basis_points: u32) -> Rupiah {
        let product = i128::from(self.0) * i128::from(rate_basis_points);
        let rounded = (product + 5_000) / 10_000;
        Rupiah(i64::try_from(rounded).unwrap_or(i64::MAX))
    }
}

impl TryFrom<i64> for Rupiah {
    type Error = &'static str;
    fn try_from(value: i64) -> Result<Self, Self::Error> {
        Rupiah::new(value).ok_or("wage_negative")
    }
}

impl From<Rupiah> for i64 {
    fn from(value: Rupiah) -> i64 {
        value.0
    }
}

/// `Rp5.000.000`, the way Indonesians write amounts.
impl fmt::Display for Rupiah {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.0.to_string();
        let head = match digits.len() % 3 {
            0 => 3.min(digits.len()),
            n => n,
        };
        let mut out = String::from("Rp");
        out.push_str(&digits[..head]);
        let mut rest = &digits[head..];
        while rest.len() >= 3 {
            out.push('.');
            out.push_str(&rest[..3]);
            rest = &rest[3..];
        }
        f.write_str(&out)
    }
}

/// The rates and ceiling of the PPU contribution (Perpres 82/2018 art. 30 as amended, Perpres
/// 64/2020): 5% of the wage base, 4% paid by the employer and 1% by the worker, on a wage base of
/// at most Rp12,000,000 and at least the regional minimum wage; each extra family member another 1%,
/// paid by the worker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ContributionSettings {
    /// Highest wage base contributions are computed on.
    pub wage_cap: Rupiah,
    /// Employer's share, in hundredths of a percent (400 = 4%).
    pub employer_rate_bp: u32,
    /// Worker's share, in hundredths of a percent (100 = 1%).
    pub worker_rate_bp: u32,
    /// For each extra family member, paid by the worker, in hundredths of a percent (100 = 1%).
    pub extra_member_rate_bp: u32,
}

impl Default for ContributionSettings {
    fn default() -> Self {
        ContributionSettings {
            wage_cap: Rupiah(12_000_000),
            employer_rate_bp: 400,
            worker_rate_bp: 100,
            extra_member_rate_bp: 100,
        }
    }
}

/// One month's contribution for one worker and their family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Contribution {
    /// The wage the rates were applied to: the wage, raised to the minimum wage and capped.
    pub wage_base: Rupiah,
    /// Employer's share (4%).
    pub employer: Rupiah,
    /// Worker's own share (1%).
    pub worker: Rupiah,
    /// For the extra family members (1% each), paid by the worker.
    pub extra_members: Rupiah,
    /// Everything deducted from the worker: `worker + extra_members`.
    pub worker_total: Rupiah,
    /// Everything paid to BPJS: `employer + worker_total`.
    pub total: Rupiah,
}

/// The contribution for a wage with `extra_members` extra family members. `minimum_wage` is the
/// UMK of the workplace, the floor of the wage base; the ceiling is in `settings`. The extra
/// members' 1% is taken on the same wage base.
pub fn contribution(
    wage: Rupiah,
    extra_members: u32,
    minimum_wage: Option<Rupiah>,
    settings: &ContributionSettings,
) -> Contribution {
    let floored = minimum_wage.map_or(wage, |floor| wage.max(floor));
    let wage_base = floored.min(settings.wage_cap);
    let employer = wage_base.percent_bp(settings.employer_rate_bp);
    let worker = wage_base.percent_bp(settings.worker_rate_bp);
    let per_member = wage_base.percent_bp(settings.extra_member_rate_bp);
    let extra = Rupiah(per_member.0.saturating_mul(i64::from(extra_members)));
    let worker_total = worker.saturating_add(extra);
    Contribution {
        wage_base,
        employer,
        worker,
        extra_members: extra,
        worker_total,
        total: employer.saturating_add(worker_total),
    }
}

/// Checks a wage base: given, not negative, and (a warning) not below the minimum wage of the
/// workplace when that is known.
pub fn check_wage(field: &str, wage: Option<i64>, minimum_wage: Option<Rupiah>) -> Vec<Finding> {
    let Some(amount) = wage else {
        return vec![Finding::error(
            field,
            "wage_required",
            "Upah (gaji pokok + tunjangan tetap) wajib diisi: iuran BPJS dihitung darinya.",
            "The wage (basic wage + fixed allowances) is required: the BPJS contribution is computed from it.",
        )];
    };
    let Some(wage) = Rupiah::new(amount) else {
        return vec![Finding::error(
            field,
            "wage_negative",
            "Upah tidak boleh negatif.",
            "The wage cannot be negative.",
        )];
    };
    match minimum_wage {
        Some(min) if wage < min => vec![Finding::warning(
            field,
            "wage_below_minimum",
            format!("Upah {wage} di bawah upah minimum {min}; iuran BPJS tetap dihitung dari upah minimum."),
            format!("The wage {wage} is below the minimum wage {min}; the BPJS contribution is still computed on the minimum wage."),
        )],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rp(n: i64) -> Rupiah {
        Rupiah::new(n).unwrap()
    }

    #[test]
    fn amounts_are_read_as_people_write_them() {
        let cases = [
            ("5000000", Some(5_000_000)),
            ("5.000.000", Some(5_000_000)),
            ("Rp 5.000.000", Some(5_000_000)),
            ("Rp5.000.000,00", Some(5_000_000)),
            ("Rp. 4.901.798", Some(4_901_798)),
            ("5,000,000", Some(5_000_000)),
            ("5,000,000.00", Some(5_000_000)),
            ("IDR 750.000", Some(750_000)),
            ("0", Some(0)),
            ("5 000 000", Some(5_000_000)),
            ("5.00.000", None),
            ("5.000,50", None),
            ("5,5", None),
            ("-5000", None),
            ("lima juta", None),
            ("", None),
            ("Rp", None),
            ("5.000.000,-", None),
        ];
        for (input, want) in cases {
            assert_eq!(Rupiah::parse(input).map(Rupiah::amount), want, "{input:?}");
        }
    }

    #[test]
    fn amounts_are_shown_with_dots_between_thousands() {
        let cases = [
            (0, "Rp0"),
            (999, "Rp999"),
            (1_000, "Rp1.000"),
            (12_000_000, "Rp12.000.000"),
            (123_456_789, "Rp123.456.789"),
        ];
        for (n, want) in cases {
            assert_eq!(rp(n).to_string(), want);
        }
        assert_eq!(Rupiah::new(-1), None);
    }

    #[test]
    fn contributions_follow_rates_cap_floor_and_extra_members() {
        let s = ContributionSettings::default();
        // (wage, extra members, UMK) -> (base, employer, worker, extra, total)
        let cases = [
            (5_000_000, 0, None, (5_000_000, 200_000, 50_000, 0, 250_000)),
            (5_000_000, 2, None, (5_000_000, 200_000, 50_000, 100_000, 350_000)),
            // capped at Rp12,000,000
            (20_000_000, 0, None, (12_000_000, 480_000, 120_000, 0, 600_000)),
            (20_000_000, 1, None, (12_000_000, 480_000, 120_000, 120_000, 720_000)),
            // raised to the UMK
            (3_000_000, 0, Some(5_396_761), (5_396_761, 215_870, 53_968, 0, 269_838)),
            (6_000_000, 0, Some(5_396_761), (6_000_000, 240_000, 60_000, 0, 300_000)),
            // rounding to the nearest Rupiah
            (4_901_798, 0, None, (4_901_798, 196_072, 49_018, 0, 245_090)),
            (0, 0, None, (0, 0, 0, 0, 0)),
        ];
        for (wage, extra, umk, (base, employer, worker, extra_rp, total)) in cases {
            let c = contribution(rp(wage), extra, umk.map(rp), &s);
            assert_eq!(
                (
                    c.wage_base.amount(),
                    c.employer.amount(),
                    c.worker.amount(),
                    c.extra_members.amount(),
                    c.total.amount()
                ),
                (base, employer, worker, extra_rp, total),
                "wage {wage}, extra {extra}, umk {umk:?}"
            );
            assert_eq!(c.worker_total, c.worker.saturating_add(c.extra_members));
        }
        // A changed decree is a changed setting.
        let raised = ContributionSettings { wage_cap: rp(15_000_000), ..ContributionSettings::default() };
        assert_eq!(contribution(rp(20_000_000), 0, None, &raised).total, rp(750_000));
    }

    #[test]
    fn wages_must_be_given_not_negative_and_not_below_the_minimum() {
        let umk = Some(rp(5_396_761));
        let cases = [
            (Some(6_000_000), umk, vec![]),
            (Some(5_396_761), umk, vec![]),
            (Some(5_000_000), umk, vec!["wage_below_minimum"]),
            (Some(0), umk, vec!["wage_below_minimum"]),
            (Some(0), None, vec![]),
            (Some(-1), umk, vec!["wage_negative"]),
            (None, umk, vec!["wage_required"]),
        ];
        for (wage, umk, want) in cases {
            let findings = check_wage("wage_base", wage, umk);
            assert_eq!(findings.iter().map(|f| f.code).collect::<Vec<_>>(), want, "{wage:?}");
        }
        assert!(!check_wage("wage_base", Some(1), umk)[0].is_error());
    }
}
