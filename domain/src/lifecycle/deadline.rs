//! Deadlines. BPJS branches take deactivations (and registrations) up to a monthly cut-off day: a
//! report after it counts for the next month, which costs one more month of contribution. The
//! day is branch practice, so it is a setting.

use chrono::{DateTime, Datelike, FixedOffset, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The settings of the procedures. A director changes them; the SOP prints them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct LifecycleSettings {
    /// Day of the month by which the branch must have the report (1-31; in a shorter month, its
    /// last day).
    #[cfg_attr(feature = "server", schema(example = 20, minimum = 1, maximum = 31))]
    pub cutoff_day: u32,
    /// Months of class III cover after a dismissal (Perpres 82/2018 art. 27 as amended).
    pub phk_cover_months: u32,
    /// How many days before a child turns 21 (or 25) the family-change case is opened.
    pub ageing_notice_days: u32,
    /// Largest document accepted, in bytes.
    pub max_document_bytes: u64,
}

impl Default for LifecycleSettings {
    fn default() -> Self {
        LifecycleSettings { cutoff_day: 20, phk_cover_months: 6, ageing_notice_days: 60, max_document_bytes: 5_000_000 }
    }
}

impl LifecycleSettings {
    /// The settings' problems, empty when they can be saved.
    pub fn problems(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if !(1..=31).contains(&self.cutoff_day) {
            out.push("cutoff_day");
        }
        if !(1..=24).contains(&self.phk_cover_months) {
            out.push("phk_cover_months");
        }
        if !(1..=366).contains(&self.ageing_notice_days) {
            out.push("ageing_notice_days");
        }
        if !(10_000..=50_000_000).contains(&self.max_document_bytes) {
            out.push("max_document_bytes");
        }
        out
    }
}

/// The office's date at an instant: West Indonesian Time (WIB, UTC+7, no daylight saving), where
/// the head office and the BPJS branch deadlines are. Never the server's own zone: at 23:30 UTC
/// on the 20th it is already the 21st in Jakarta, after the cut-off.
pub fn office_date(at: DateTime<Utc>) -> NaiveDate {
    match FixedOffset::east_opt(7 * 3600) {
        Some(wib) => at.with_timezone(&wib).date_naive(),
        None => at.date_naive(),
    }
}

/// The cut-off date of the month `date` falls in: `cutoff_day`, or the month's last day when the
/// month is shorter.
pub fn cutoff_of_month(date: NaiveDate, cutoff_day: u32) -> NaiveDate {
    let first = date.with_day(1).unwrap_or(date);
    let last = first.checked_add_months(Months::new(1)).and_then(|d| d.pred_opt()).unwrap_or(date);
    first.with_day(cutoff_day.clamp(1, last.day())).unwrap_or(last)
}

/// When a report about an event on `event` is due: this month's cut-off if the event falls on or
/// before it, otherwise next month's.
pub fn report_due(event: NaiveDate, cutoff_day: u32) -> NaiveDate {
    let this_month = cutoff_of_month(event, cutoff_day);
    if event <= this_month {
        return this_month;
    }
    let next = event.with_day(1).and_then(|d| d.checked_add_months(Months::new(1))).unwrap_or(event);
    cutoff_of_month(next, cutoff_day)
}

/// The last day of the cover after a dismissal on `termination`.
pub fn phk_cover_end(termination: NaiveDate, months: u32) -> NaiveDate {
    termination.checked_add_months(Months::new(months)).unwrap_or(termination)
}

/// The day a person born on `birth` turns `age` (29 February counts as 1 March in common years).
pub fn birthday(birth: NaiveDate, age: u32) -> Option<NaiveDate> {
    let year = birth.year().checked_add(i32::try_from(age).ok()?)?;
    NaiveDate::from_ymd_opt(year, birth.month(), birth.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1).filter(|_| birth.month() == 2 && birth.day() == 29))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn a_report_is_due_at_this_or_next_months_cut_off() {
        let cases = [
            // (event, cut-off day, due)
            ("2026-01-05", 20, "2026-01-20"),
            ("2026-01-20", 20, "2026-01-20"), // on the cut-off day itself: still this month
            ("2026-01-21", 20, "2026-02-20"),
            ("2026-12-21", 20, "2027-01-20"), // across the year end
            ("2026-01-31", 31, "2026-01-31"),
            ("2026-02-01", 31, "2026-02-28"), // a 31st cut-off in February is its last day
            ("2028-02-29", 30, "2028-02-29"), // leap year
            ("2026-02-28", 30, "2026-02-28"),
            ("2026-03-31", 30, "2026-04-30"),
            ("2026-01-31", 30, "2026-02-28"),
            ("2026-05-01", 1, "2026-05-01"),
            ("2026-05-02", 1, "2026-06-01"),
        ];
        for (event, day, due) in cases {
            assert_eq!(report_due(d(event), day), d(due), "event {event}, cut-off day {day}");
        }
    }

    #[test]
    fn the_office_date_is_jakartas_across_midnight_and_month_ends() {
        let at = |s: &str| DateTime::parse_from_rfc3339(s).map(|t| t.with_timezone(&Utc)).unwrap_or_default();
        assert_eq!(office_date(at("2026-01-20T16:59:59Z")), d("2026-01-20"));
        assert_eq!(office_date(at("2026-01-20T17:00:00Z")), d("2026-01-21"));
        // A termination recorded at 00:30 on 1 February in Jakarta is still 31 January in UTC.
        assert_eq!(office_date(at("2026-01-31T17:30:00Z")), d("2026-02-01"));
        assert_eq!(report_due(office_date(at("2026-01-20T17:00:00Z")), 20), d("2026-02-20"));
        assert_eq!(office_date(at("2026-12-31T18:00:00Z")), d("2027-01-01"));
    }

    #[test]
    fn phk_cover_runs_six_months_from_the_termination() {
        assert_eq!(phk_cover_end(d("2026-01-15"), 6), d("2026-07-15"));
        assert_eq!(phk_cover_end(d("2026-08-31"), 6), d("2027-02-28"));
    }

    #[test]
    fn birthdays_count_leap_day_children() {
        assert_eq!(birthday(d("2005-06-10"), 21), Some(d("2026-06-10")));
        assert_eq!(birthday(d("2004-02-29"), 21), Some(d("2025-03-01")));
        assert_eq!(birthday(d("2004-02-29"), 24), Some(d("2028-02-29")));
    }

    #[test]
    fn settings_out_of_range_are_named() {
        assert!(LifecycleSettings::default().problems().is_empty());
        let bad = LifecycleSettings { cutoff_day: 0, phk_cover_months: 0, ..LifecycleSettings::default() };
        assert_eq!(bad.problems(), vec!["cutoff_day", "phk_cover_months"]);
    }
}
