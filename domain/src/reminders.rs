//! Email reminders: the director's daily digest of pending deactivations and other deadlines, the
//! alert when a termination comes close to the cut-off, the monthly contribution reminder. What a
//! message says and when it is due are decided here (pure, testable); the server collects the
//! facts, queues the messages in its outbox and sends them.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, Offset, Utc};
use serde::{Deserialize, Serialize};

use crate::money::Rupiah;
use crate::Lang;

/// The office's time zone (Indonesia has three, none with daylight saving).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub enum OfficeZone {
    /// WIB, UTC+7.
    #[default]
    #[serde(rename = "Asia/Jakarta")]
    Jakarta,
    /// WITA, UTC+8.
    #[serde(rename = "Asia/Makassar")]
    Makassar,
    /// WIT, UTC+9.
    #[serde(rename = "Asia/Jayapura")]
    Jayapura,
}

impl OfficeZone {
    pub fn offset(self) -> FixedOffset {
        let hours = match self {
            OfficeZone::Jakarta => 7,
            OfficeZone::Makassar => 8,
            OfficeZone::Jayapura => 9,
        };
        FixedOffset::east_opt(hours * 3600).unwrap_or_else(|| Utc.fix())
    }
}

/// What a director sets about reminders; read by every run of the schedule, so a change applies
/// without a restart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ReminderSettings {
    /// Local time of the daily digest, `HH:MM`.
    #[cfg_attr(feature = "server", schema(example = "07:00"))]
    pub digest_time: String,
    pub time_zone: OfficeZone,
    /// HR users get the digest too (directors always do).
    pub include_hr: bool,
    /// No digest on a day with nothing to say.
    pub skip_empty: bool,
    /// Alert at once when a termination is recorded less than this many days before its cut-off.
    pub alert_days_before_cutoff: u32,
    /// Day of the month of the contribution reminder (contributions are due by the 10th).
    pub monthly_reminder_day: u32,
    /// Attempts before a message stays failed.
    pub max_attempts: u32,
}

impl Default for ReminderSettings {
    fn default() -> Self {
        ReminderSettings {
            digest_time: "07:00".into(),
            time_zone: OfficeZone::Jakarta,
            include_hr: false,
            skip_empty: true,
            alert_days_before_cutoff: 3,
            monthly_reminder_day: 5,
            max_attempts: 8,
        }
    }
}

impl ReminderSettings {
    pub fn digest_at(&self) -> Option<NaiveTime> {
        NaiveTime::parse_from_str(self.digest_time.trim(), "%H:%M").ok()
    }

    /// The fields out of range, empty when the settings can be saved.
    pub fn problems(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.digest_at().is_none() {
            out.push("digest_time");
        }
        if self.alert_days_before_cutoff > 31 {
            out.push("alert_days_before_cutoff");
        }
        if !(1..=9).contains(&self.monthly_reminder_day) {
            out.push("monthly_reminder_day");
        }
        if !(1..=20).contains(&self.max_attempts) {
            out.push("max_attempts");
        }
        out
    }

    /// The local date whose digest is due at `now`: today's, once the digest time has passed.
    pub fn digest_due(&self, now: DateTime<Utc>) -> Option<NaiveDate> {
        let local = now.with_timezone(&self.time_zone.offset());
        (local.time() >= self.digest_at()?).then(|| local.date_naive())
    }

    /// The month (its first day) whose contribution reminder is due at `now`: on the reminder
    /// day from the digest time, and on the later days before the 10th (if a run was missed).
    pub fn monthly_due(&self, now: DateTime<Utc>) -> Option<NaiveDate> {
        let local = now.with_timezone(&self.time_zone.offset());
        let day = local.day();
        let started = day > self.monthly_reminder_day
            || (day == self.monthly_reminder_day && local.time() >= self.digest_at()?);
        (started && day < 10).then(|| local.date_naive().with_day(1)).flatten()
    }
}

/// The delay before attempt `attempt` (1-based) of a failed message: 30 s doubling, at most 1 h.
pub fn retry_delay_secs(attempt: u32) -> i64 {
    let exp = attempt.saturating_sub(1).min(7);
    (30_i64 << exp).min(3600)
}

/// One line of a digest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct DigestItem {
    pub case_id: Option<String>,
    pub worker_id: String,
    pub worker_name: String,
    /// Always masked (`3174********0001`): emails leave the system.
    pub nik_masked: String,
    pub client_company: Option<String>,
    /// Due date, follow-up date or birthday, as the section says.
    pub date: Option<NaiveDate>,
    /// What the line is about, in the reader's language (reason, previous employer, months...).
    pub note: String,
    /// The contribution a month of delay costs (employer and worker shares).
    pub at_stake: Option<Rupiah>,
}

/// The digest a user gets on a day.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Digest {
    pub date: NaiveDate,
    /// This month's cut-off (deactivations reported after it cost another month).
    pub cutoff: NaiveDate,
    pub overdue_deactivations: Vec<DigestItem>,
    pub deactivations_before_cutoff: Vec<DigestItem>,
    pub later_deactivations: Vec<DigestItem>,
    pub blocked_transfers: Vec<DigestItem>,
    pub open_arrears: Vec<DigestItem>,
    pub ageing_children: Vec<DigestItem>,
    pub rejected_registrations: Vec<DigestItem>,
}

impl Digest {
    fn sections(&self, lang: Lang) -> [(&'static str, &Vec<DigestItem>); 7] {
        [
            (lang.pick("Penonaktifan terlambat", "Overdue deactivations"), &self.overdue_deactivations),
            (
                lang.pick(
                    "Penonaktifan yang harus dilaporkan sebelum cut-off bulan ini",
                    "Deactivations due before this month's cut-off",
                ),
                &self.deactivations_before_cutoff,
            ),
            (lang.pick("Penonaktifan berikutnya", "Later deactivations"), &self.later_deactivations),
            (lang.pick("Pengalihan tertahan", "Blocked transfers"), &self.blocked_transfers),
            (lang.pick("Tunggakan terbuka", "Open arrears"), &self.open_arrears),
            (
                lang.pick("Anak mencapai batas usia dalam 60 hari", "Children reaching the age limit within 60 days"),
                &self.ageing_children,
            ),
            (
                lang.pick(
                    "Pendaftaran ditolak BPJS, belum diperbaiki",
                    "Registrations rejected by BPJS, not yet fixed",
                ),
                &self.rejected_registrations,
            ),
        ]
    }

    pub fn is_empty(&self) -> bool {
        self.sections(Lang::Id).iter().all(|(_, items)| items.is_empty())
    }

    /// The contribution at stake per month over every pending deactivation.
    pub fn at_stake(&self) -> Rupiah {
        [&self.overdue_deactivations, &self.deactivations_before_cutoff, &self.later_deactivations]
            .into_iter()
            .flatten()
            .filter_map(|i| i.at_stake)
            .fold(Rupiah::ZERO, Rupiah::saturating_add)
    }

    pub fn subject(&self, lang: Lang) -> String {
        let pending =
            self.overdue_deactivations.len() + self.deactivations_before_cutoff.len() + self.later_deactivations.len();
        match lang {
            Lang::Id => format!(
                "Tertib: ringkasan {} - {pending} penonaktifan tertunda ({} terlambat)",
                date_text(self.date),
                self.overdue_deactivations.len()
            ),
            Lang::En => format!(
                "Tertib: digest {} - {pending} pending deactivations ({} overdue)",
                date_text(self.date),
                self.overdue_deactivations.len()
            ),
        }
    }

    fn intro(&self, lang: Lang) -> String {
        match lang {
            Lang::Id => format!(
                "Batas akhir laporan (cut-off) bulan ini: {}. Iuran yang dipertaruhkan per bulan keterlambatan penonaktifan: {}.",
                date_text(self.cutoff),
                self.at_stake()
            ),
            Lang::En => format!(
                "This month's report cut-off: {}. Contribution at stake per month of late deactivation: {}.",
                date_text(self.cutoff),
                self.at_stake()
            ),
        }
    }

    pub fn text(&self, lang: Lang, public_url: &str) -> String {
        let mut out = format!("{}\n\n{}\n", self.subject(lang), self.intro(lang));
        for (title, items) in self.sections(lang) {
            if items.is_empty() {
                continue;
            }
            out.push_str(&format!("\n{title} ({})\n", items.len()));
            for i in items {
                out.push_str(&format!("- {}\n", line(i, lang)));
                if let Some(url) = link(i, public_url) {
                    out.push_str(&format!("  {url}\n"));
                }
            }
        }
        out.push_str(&format!("\n{}\n", footer(lang, public_url)));
        out
    }

    pub fn html(&self, lang: Lang, public_url: &str) -> String {
        let mut out = format!(
            "<html><body style=\"font-family:sans-serif\"><h2>{}</h2><p>{}</p>",
            escape(&self.subject(lang)),
            escape(&self.intro(lang))
        );
        for (title, items) in self.sections(lang) {
            if items.is_empty() {
                continue;
            }
            out.push_str(&format!("<h3>{} ({})</h3><ul>", escape(title), items.len()));
            for i in items {
                let text = escape(&line(i, lang));
                match link(i, public_url) {
                    Some(url) => out.push_str(&format!("<li><a href=\"{}\">{text}</a></li>", escape(&url))),
                    None => out.push_str(&format!("<li>{text}</li>")),
                }
            }
            out.push_str("</ul>");
        }
        out.push_str(&format!("<p style=\"color:#666\">{}</p></body></html>", escape(&footer(lang, public_url))));
        out
    }
}

fn line(i: &DigestItem, lang: Lang) -> String {
    let mut parts = vec![format!("{} (NIK {})", i.worker_name, i.nik_masked)];
    if let Some(c) = &i.client_company {
        parts.push(c.clone());
    }
    if !i.note.is_empty() {
        parts.push(i.note.clone());
    }
    if let Some(d) = i.date {
        parts.push(format!("{} {}", lang.pick("tanggal", "date"), date_text(d)));
    }
    if let Some(r) = i.at_stake {
        parts.push(format!("{} {r}", lang.pick("iuran/bulan", "contribution/month")));
    }
    parts.join(" - ")
}

fn link(i: &DigestItem, public_url: &str) -> Option<String> {
    let base = public_url.trim_end_matches('/');
    if base.is_empty() {
        return None;
    }
    Some(match &i.case_id {
        Some(case) => format!("{base}/kasus/{case}"),
        None => format!("{base}/pekerja/{}", i.worker_id),
    })
}

fn footer(lang: Lang, public_url: &str) -> String {
    let base = public_url.trim_end_matches('/');
    match lang {
        Lang::Id => format!("Dikirim oleh Tertib. Pengaturan pengingat: {base}/sop"),
        Lang::En => format!("Sent by Tertib. Reminder settings: {base}/sop"),
    }
}

pub fn date_text(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A message ready for the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// The immediate alert: a termination recorded close to its cut-off.
pub fn termination_alert(item: &DigestItem, days_left: i64, lang: Lang, public_url: &str) -> Mail {
    let subject = match lang {
        Lang::Id => {
            format!("Tertib: segera laporkan penonaktifan {} ({days_left} hari lagi cut-off)", item.worker_name)
        }
        Lang::En => {
            format!("Tertib: report the deactivation of {} now ({days_left} days to the cut-off)", item.worker_name)
        }
    };
    let body = match lang {
        Lang::Id => format!(
            "Pemutusan hubungan kerja baru dicatat, {days_left} hari sebelum cut-off. Laporkan penonaktifan sebelum tanggal itu agar tidak menanggung iuran satu bulan lagi."
        ),
        Lang::En => format!(
            "A termination was just recorded, {days_left} days before the cut-off. Report the deactivation before that day to avoid another month of contributions."
        ),
    };
    let text =
        format!("{subject}\n\n{body}\n\n- {}\n{}\n", line(item, lang), link(item, public_url).unwrap_or_default());
    let html = format!(
        "<html><body style=\"font-family:sans-serif\"><h2>{}</h2><p>{}</p><p>{}</p></body></html>",
        escape(&subject),
        escape(&body),
        match link(item, public_url) {
            Some(url) => format!("<a href=\"{}\">{}</a>", escape(&url), escape(&line(item, lang))),
            None => escape(&line(item, lang)),
        }
    );
    Mail { subject, text, html }
}

/// The monthly reminder: contributions due by the 10th.
pub fn contribution_reminder(month: NaiveDate, workers: usize, total: Rupiah, lang: Lang, public_url: &str) -> Mail {
    let month_text = month.format("%m-%Y").to_string();
    let subject = match lang {
        Lang::Id => format!("Tertib: iuran BPJS Kesehatan {month_text} jatuh tempo tanggal 10"),
        Lang::En => format!("Tertib: BPJS Kesehatan contributions for {month_text} due on the 10th"),
    };
    let body = match lang {
        Lang::Id => format!("{workers} pekerja aktif; perkiraan iuran bulan ini {total} (5% upah, dengan batas atas dan bawah). Bayar sebelum tanggal 10 agar kepesertaan tidak ditangguhkan."),
        Lang::En => format!("{workers} active workers; estimated contributions this month {total} (5% of wages, floor and cap applied). Pay before the 10th so membership is not suspended."),
    };
    let base = public_url.trim_end_matches('/');
    Mail {
        text: format!("{subject}\n\n{body}\n\n{base}/pekerja\n"),
        html: format!(
            "<html><body style=\"font-family:sans-serif\"><h2>{}</h2><p>{}</p><p><a href=\"{}/pekerja\">Tertib</a></p></body></html>",
            escape(&subject),
            escape(&body),
            escape(base)
        ),
        subject,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).map(|t| t.with_timezone(&Utc)).unwrap_or_default()
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn the_digest_is_due_from_its_local_time() {
        let s = ReminderSettings::default();
        assert_eq!(s.digest_due(at("2026-11-24T23:59:00Z")), None, "06:59 WIB");
        assert_eq!(s.digest_due(at("2026-11-25T00:00:00Z")), Some(d("2026-11-25")), "07:00 WIB");
        assert_eq!(s.digest_due(at("2026-11-25T16:59:00Z")), Some(d("2026-11-25")));
        assert_eq!(s.digest_due(at("2026-11-25T17:00:00Z")), None, "00:00 WIB of the 26th");
        let wit = ReminderSettings { time_zone: OfficeZone::Jayapura, ..s };
        assert_eq!(wit.digest_due(at("2026-11-24T22:00:00Z")), Some(d("2026-11-25")), "07:00 WIT");
    }

    #[test]
    fn the_monthly_reminder_runs_from_its_day_until_the_tenth() {
        let s = ReminderSettings::default();
        assert_eq!(s.monthly_due(at("2026-12-04T12:00:00Z")), None);
        assert_eq!(s.monthly_due(at("2026-12-04T23:59:00Z")), None, "06:59 WIB on the 5th");
        assert_eq!(s.monthly_due(at("2026-12-05T00:00:00Z")), Some(d("2026-12-01")));
        assert_eq!(s.monthly_due(at("2026-12-09T10:00:00Z")), Some(d("2026-12-01")));
        assert_eq!(s.monthly_due(at("2026-12-10T00:00:00Z")), None);
    }

    #[test]
    fn retries_back_off_up_to_an_hour() {
        let delays: Vec<i64> = (1..=9).map(retry_delay_secs).collect();
        assert_eq!(delays, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
    }

    #[test]
    fn settings_are_checked() {
        assert!(ReminderSettings::default().problems().is_empty());
        let bad = ReminderSettings { digest_time: "25:00".into(), monthly_reminder_day: 12, ..Default::default() };
        assert_eq!(bad.problems(), ["digest_time", "monthly_reminder_day"]);
    }

    #[test]
    fn a_digest_lists_its_sections_with_masked_numbers_and_links_in_both_parts() {
        let item = DigestItem {
            case_id: Some("c1".into()),
            worker_id: "w1".into(),
            worker_name: "Budi <Santoso>".into(),
            nik_masked: "3174********0001".into(),
            client_company: Some("PT Maju".into()),
            date: Some(d("2026-11-20")),
            note: "PHK".into(),
            at_stake: Rupiah::new(300_000),
        };
        let digest = Digest {
            date: d("2026-11-25"),
            cutoff: d("2026-11-20"),
            overdue_deactivations: vec![item.clone()],
            ..Digest::default()
        };
        assert!(!digest.is_empty() && Digest::default().is_empty());
        let text = digest.text(Lang::Id, "https://tertib.example/");
        assert!(text.contains("Penonaktifan terlambat (1)"), "{text}");
        assert!(text.contains("https://tertib.example/kasus/c1"));
        assert!(text.contains("3174********0001"));
        let html = digest.html(Lang::En, "https://tertib.example");
        assert!(html.contains("Overdue deactivations (1)") && html.contains("Budi &lt;Santoso&gt;"), "{html}");
        assert!(digest.subject(Lang::Id).contains("1 penonaktifan tertunda (1 terlambat)"));
    }
}

/// `POST /api/v1/reminders/digest/preview`: the digest the caller would get today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct DigestPreview {
    pub subject: String,
    pub text: String,
    pub html: String,
    pub digest: Digest,
    /// Whether a digest with nothing to say would be sent (see `skip_empty`).
    pub would_send: bool,
}

/// A message in the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OutboxView {
    pub id: String,
    /// `digest`, `termination_alert` or `contribution_reminder`.
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    /// `queued`, `sending`, `sent` or `failed`.
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: String,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OutboxPage {
    pub items: Vec<OutboxView>,
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
    /// `false`: no SMTP server is configured (`TERTIB_SMTP_URL`), so mails wait here.
    pub smtp_configured: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "server", into_params(parameter_in = Query))]
#[serde(default)]
pub struct OutboxQuery {
    /// `queued`, `sending`, `sent` or `failed`.
    pub status: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

/// `POST /api/v1/reminders/digest/send`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Queued {
    pub outbox_id: String,
}
