//! The written SOP, printed from the same tables the server enforces ([`super::case`]), so the
//! document and the system cannot disagree. It is built as a few plain blocks and rendered as
//! Markdown (`docs/SOP.md`, `GET /api/v1/sop`) or HTML (the SPA's SOP page).

use chrono::NaiveDate;

use super::arrears::{FINE_CAP, FINE_PERCENT_PER_MONTH, FINE_WINDOW_DAYS, MAX_COUNTED_MONTHS, MAX_FINE_MONTHS};
use super::case::{
    checklist, membership_effect, CaseAction, CaseDetail, CaseKind, CaseState, FamilyChange, ItemKind,
    PreviousMembership, PreviousSegment, PreviousStatus, Subject, CASE_WORK_ROLES, TRANSITIONS,
};
use super::deadline::{report_due, LifecycleSettings};
use super::status::MembershipStatus;
use crate::worker::TerminationReason;
use crate::{Lang, Role};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading(u8, String),
    Paragraph(String),
    List(Vec<String>),
    Table(Vec<String>, Vec<Vec<String>>),
}

fn roles(list: &[Role], lang: Lang) -> String {
    list.iter().map(|r| r.label(lang)).collect::<Vec<_>>().join(", ")
}

fn day(date: NaiveDate) -> String {
    date.format("%d-%m-%Y").to_string()
}

/// Representative cases of each kind, each with the words that name the variant.
fn variants(kind: CaseKind, lang: Lang) -> Vec<(String, CaseDetail)> {
    let date = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
    let prev = |segment, status| CaseDetail::Transfer {
        previous: Some(PreviousMembership { segment, status, employer_name: String::new(), follow_up_date: None }),
    };
    match kind {
        CaseKind::Registration => vec![(String::new(), CaseDetail::Registration)],
        CaseKind::Transfer => {
            [PreviousSegment::OtherEmployer, PreviousSegment::SelfPaying, PreviousSegment::StateSubsidised]
                .into_iter()
                .map(|s| (format!("{} {}", lang.pick("dari", "from"), s.label(lang)), prev(s, PreviousStatus::Active)))
                .collect()
        }
        CaseKind::Deactivation => vec![
            (
                TerminationReason::Dismissal.label(lang).to_string(),
                CaseDetail::Deactivation { reason: TerminationReason::Dismissal, termination_date: date },
            ),
            (
                lang.pick(
                    "kontrak berakhir, mengundurkan diri, meninggal dunia, lainnya",
                    "end of contract, resignation, death, other",
                )
                .to_string(),
                CaseDetail::Deactivation { reason: TerminationReason::EndOfContract, termination_date: date },
            ),
        ],
        CaseKind::FamilyChange => [
            FamilyChange::AddMember,
            FamilyChange::RemoveMember,
            FamilyChange::KkChange,
            FamilyChange::ChildTurns21,
            FamilyChange::ChildTurns25,
        ]
        .into_iter()
        .map(|c| {
            (c.label(lang).to_string(), CaseDetail::FamilyChange { change: c, member_id: None, effective_date: None })
        })
        .collect(),
    }
}

fn trigger(kind: CaseKind, lang: Lang, s: &LifecycleSettings) -> String {
    match kind {
        CaseKind::Registration => lang
            .pick(
                "Dibuka otomatis saat pekerja baru dicatat tanpa nomor kartu BPJS (noka).",
                "Opened automatically when a new worker is recorded without a BPJS card number (noka).",
            )
            .to_string(),
        CaseKind::Transfer => lang
            .pick(
                "Dibuka otomatis saat pekerja baru dicatat dengan nomor kartu: ia sudah peserta di segmen lain. \
                 Kasus tertahan sampai kepesertaan sebelumnya dicatat dan penghalangnya selesai.",
                "Opened automatically when a new worker is recorded with a card number: they are already a member \
                 elsewhere. The case is blocked until the previous membership is recorded and its blockers are cleared.",
            )
            .to_string(),
        CaseKind::Deactivation => lang
            .pick(
                "Dibuka otomatis saat pemutusan hubungan kerja dicatat (tanggal dan alasan). Keluarga dinonaktifkan bersama pekerja.",
                "Opened automatically when a termination is recorded (date and reason). The family is deactivated with the worker.",
            )
            .to_string(),
        CaseKind::FamilyChange => match lang {
            Lang::Id => format!(
                "Dibuka saat anggota keluarga pekerja aktif ditambah atau dikeluarkan, dan otomatis oleh pemeriksaan \
                 harian {} hari sebelum anak berusia 21 atau 25 tahun.",
                s.ageing_notice_days
            ),
            Lang::En => format!(
                "Opened when a family member of an active worker is added or removed, and automatically by the daily \
                 check {} days before a child turns 21 or 25.",
                s.ageing_notice_days
            ),
        },
    }
}

fn due_rule(kind: CaseKind, lang: Lang, s: &LifecycleSettings) -> String {
    let event = match kind {
        CaseKind::Registration | CaseKind::Transfer => lang.pick(
            "tanggal mulai kerja (TMT) atau tanggal pekerja dicatat, mana yang lebih akhir",
            "the hire date or the day the worker is recorded, whichever is later",
        ),
        CaseKind::Deactivation => lang.pick("tanggal berhenti bekerja", "the termination date"),
        CaseKind::FamilyChange => lang.pick(
            "tanggal kasus dibuka (ulang tahun anak untuk batas usia)",
            "the day the case opens (the child's birthday for ageing out)",
        ),
    };
    match lang {
        Lang::Id => format!(
            "Tenggat: batas akhir (cut-off) tanggal {} pada bulan {event}; bila {event} lewat dari tanggal itu, \
             tenggatnya tanggal {} bulan berikutnya.",
            s.cutoff_day, s.cutoff_day
        ),
        Lang::En => format!(
            "Due: the cut-off on day {} of the month of {event}; when {event} falls after that day, day {} of the next month.",
            s.cutoff_day, s.cutoff_day
        ),
    }
}

fn effect_text(detail: &CaseDetail, action: CaseAction, lang: Lang, s: &LifecycleSettings) -> String {
    match membership_effect(detail, action, s) {
        None => "-".into(),
        Some((subject, status, _)) => {
            let who = match subject {
                Subject::WorkerAndFamily => lang.pick("pekerja dan keluarga", "worker and family"),
                Subject::Member => lang.pick("anggota keluarga tsb.", "that family member"),
            };
            let until = if status == MembershipStatus::PhkCover {
                match lang {
                    Lang::Id => format!(" ({} bulan)", s.phk_cover_months),
                    Lang::En => format!(" ({} months)", s.phk_cover_months),
                }
            } else {
                String::new()
            };
            format!("{who}: {}{until}", status.label(lang))
        }
    }
}

fn kind_section(kind: CaseKind, lang: Lang, s: &LifecycleSettings, out: &mut Vec<Block>) {
    out.push(Block::Heading(2, kind.label(lang).to_string()));
    out.push(Block::Paragraph(trigger(kind, lang, s)));
    out.push(Block::Paragraph(due_rule(kind, lang, s)));
    for (name, detail) in variants(kind, lang) {
        if !name.is_empty() {
            out.push(Block::Heading(3, format!("{} — {name}", kind.label(lang))));
        }
        let items = checklist(&detail);
        if items.is_empty() {
            out.push(Block::Paragraph(
                lang.pick("Daftar periksa: tidak ada syarat.", "Checklist: nothing required.").into(),
            ));
        } else {
            let rows = items
                .iter()
                .map(|i| {
                    let how = match i.key.item_kind() {
                        ItemKind::Check => lang.pick("diperiksa Tertib", "checked by Tertib"),
                        ItemKind::Confirmation => lang.pick("dicentang petugas", "ticked by staff"),
                        ItemKind::Document => lang.pick("unggah dokumen", "upload"),
                    };
                    vec![i.key.label(lang).to_string(), how.to_string(), i.stage.label(lang).to_string()]
                })
                .collect();
            out.push(Block::Table(
                vec![
                    lang.pick("Daftar periksa", "Checklist").into(),
                    lang.pick("Cara", "How").into(),
                    lang.pick("Kapan wajib", "Required").into(),
                ],
                rows,
            ));
        }
        let effects: Vec<Vec<String>> = CaseAction::ALL
            .into_iter()
            .map(|a| (a, effect_text(&detail, a, lang, s)))
            .filter(|(_, e)| e != "-")
            .map(|(a, e)| vec![a.label(lang).to_string(), e])
            .collect();
        if !effects.is_empty() {
            out.push(Block::Table(
                vec![lang.pick("Langkah", "Step").into(), lang.pick("Status kepesertaan", "Membership status").into()],
                effects,
            ));
        }
    }
}

/// The SOP as blocks, in `lang`, with the settings in force.
pub fn document(lang: Lang, s: &LifecycleSettings) -> Vec<Block> {
    let mut out =
        vec![Block::Heading(1, lang.pick("SOP Kepesertaan BPJS Kesehatan", "BPJS Kesehatan membership SOP").into())];
    out.push(Block::Paragraph(
        lang.pick(
            "Dokumen ini dicetak oleh Tertib dari aturan yang dijalankan sistem: setiap langkah, syarat dan peran \
             di bawah ini ditegakkan oleh server, dan setiap perubahan dicatat di log audit (siapa, kapan, dari mana, \
             sebelum dan sesudah).",
            "This document is printed by Tertib from the rules the system runs: every step, condition and role \
             below is enforced by the server, and every change is recorded in the audit log (who, when, from where, \
             before and after).",
        )
        .into(),
    ));
    out.push(Block::List(vec![
        match lang {
            Lang::Id => format!("Batas akhir laporan bulanan (cut-off): tanggal {}.", s.cutoff_day),
            Lang::En => format!("Monthly report cut-off: day {}.", s.cutoff_day),
        },
        match lang {
            Lang::Id => format!("Jaminan setelah PHK: {} bulan.", s.phk_cover_months),
            Lang::En => format!("Cover after dismissal: {} months.", s.phk_cover_months),
        },
        match lang {
            Lang::Id => format!("Pemberitahuan anak mencapai batas usia: {} hari sebelumnya.", s.ageing_notice_days),
            Lang::En => format!("Notice of a child reaching the age limit: {} days ahead.", s.ageing_notice_days),
        },
    ]));

    out.push(Block::Heading(2, lang.pick("Peran", "Roles").into()));
    out.push(Block::List(vec![
        format!(
            "{}: {}",
            roles(CASE_WORK_ROLES, lang),
            lang.pick(
                "mengisi daftar periksa, mengunggah dokumen, menulis catatan, menugaskan dan menjadwalkan kasus",
                "tick checklists, upload documents, write notes, assign and schedule cases",
            )
        ),
        format!(
            "{}: {}",
            Role::Client.label(lang),
            lang.pick(
                "hanya melihat status kepesertaan pekerja yang ditempatkan padanya; tidak pernah dokumen atau catatan",
                "only sees the membership status of the workers placed with it; never documents or notes",
            )
        ),
    ]));

    out.push(Block::Heading(2, lang.pick("Alur setiap kasus", "The flow of every case").into()));
    out.push(Block::List(
        CaseState::ALL
            .into_iter()
            .map(|st| {
                let terminal = if st.is_terminal() { lang.pick(" (akhir)", " (final)") } else { "" };
                format!("{}{terminal}", st.label(lang))
            })
            .collect(),
    ));
    let rows = TRANSITIONS
        .iter()
        .map(|t| {
            let from = t.from.iter().map(|s| s.label(lang)).collect::<Vec<_>>().join(", ");
            let reason = if t.action.needs_reason() { lang.pick("wajib alasan", "reason required") } else { "" };
            vec![t.action.label(lang).into(), from, t.to.label(lang).into(), roles(t.roles, lang), reason.into()]
        })
        .collect();
    out.push(Block::Table(
        vec![
            lang.pick("Langkah", "Step").into(),
            lang.pick("Dari", "From").into(),
            lang.pick("Ke", "To").into(),
            lang.pick("Oleh", "By").into(),
            lang.pick("Catatan", "Note").into(),
        ],
        rows,
    ));
    out.push(Block::Paragraph(
        lang.pick(
            "Langkah yang tidak ada dari status kasus ditolak (dengan daftar langkah yang boleh); langkah yang daftar \
             periksanya belum lengkap ditolak dengan menyebut yang kurang. Kasus terbuka yang memiliki penghalang \
             ditahan otomatis.",
            "A step the case's state does not have is refused (listing the allowed ones); a step whose checklist is \
             incomplete is refused naming what is missing. An open case with an unmet blocker is blocked automatically.",
        )
        .into(),
    ));

    for kind in CaseKind::ALL {
        kind_section(kind, lang, s, &mut out);
    }

    out.push(Block::Heading(2, lang.pick("Contoh tenggat", "Deadline examples").into()));
    let examples = ["2026-01-05", "2026-01-21", "2026-02-27", "2026-12-31"]
        .iter()
        .filter_map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map(|d| vec![day(d), day(report_due(d, s.cutoff_day))])
        .collect();
    out.push(Block::Table(
        vec![lang.pick("Tanggal kejadian", "Event date").into(), lang.pick("Tenggat", "Due").into()],
        examples,
    ));

    out.push(Block::Heading(2, lang.pick("Tunggakan", "Arrears").into()));
    out.push(Block::List(match lang {
        Lang::Id => vec![
            format!("Tunggakan dihitung paling banyak {MAX_COUNTED_MONTHS} bulan."),
            "Tunggakan iuran mandiri yang belum lunas menahan pengalihan.".into(),
            format!(
                "Rawat inap dalam {FINE_WINDOW_DAYS} hari setelah aktif kembali: denda {FINE_PERCENT_PER_MONTH}% biaya \
                 x bulan tertunggak (paling banyak {MAX_FINE_MONTHS}), paling tinggi Rp{FINE_CAP}, dibayar pemberi kerja."
            ),
        ],
        Lang::En => vec![
            format!("Arrears count at most {MAX_COUNTED_MONTHS} months."),
            "Unpaid self-paying arrears block a transfer.".into(),
            format!(
                "Inpatient care within {FINE_WINDOW_DAYS} days of reactivation: a fine of {FINE_PERCENT_PER_MONTH}% of \
                 the cost x months in arrears (at most {MAX_FINE_MONTHS}), at most Rp{FINE_CAP}, paid by the employer."
            ),
        ],
    }));

    out.push(Block::Heading(2, lang.pick("Status kepesertaan", "Membership statuses").into()));
    out.push(Block::List(
        MembershipStatus::ALL.into_iter().map(|m| format!("`{}`: {}", m.as_str(), m.label(lang))).collect(),
    ));
    out
}

/// Where the SOP with the default settings is committed, per language (relative to the
/// repository root), so it can be read without running Tertib.
pub const COMMITTED: [(Lang, &str); 2] = [(Lang::Id, "docs/SOP.md"), (Lang::En, "docs/SOP.en.md")];

/// The committed form: Markdown with the default settings.
pub fn committed_markdown(lang: Lang) -> String {
    to_markdown(&document(lang, &LifecycleSettings::default()))
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|")
}

pub fn to_markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Heading(level, text) => {
                out.push_str(&"#".repeat(usize::from(*level)));
                out.push(' ');
                out.push_str(text);
                out.push_str("\n\n");
            }
            Block::Paragraph(text) => {
                out.push_str(text);
                out.push_str("\n\n");
            }
            Block::List(items) => {
                for i in items {
                    out.push_str("- ");
                    out.push_str(i);
                    out.push('\n');
                }
                out.push('\n');
            }
            Block::Table(head, rows) => {
                let line = |cells: &[String]| {
                    format!("| {} |\n", cells.iter().map(|c| md_cell(c)).collect::<Vec<_>>().join(" | "))
                };
                out.push_str(&line(head));
                out.push_str(&format!("|{}\n", "---|".repeat(head.len())));
                for r in rows {
                    out.push_str(&line(r));
                }
                out.push('\n');
            }
        }
    }
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The SOP as an HTML fragment (no `<html>` wrapper); every text is escaped.
pub fn to_html(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Heading(level, text) => out.push_str(&format!("<h{level}>{}</h{level}>\n", escape(text))),
            Block::Paragraph(text) => out.push_str(&format!("<p>{}</p>\n", escape(text))),
            Block::List(items) => {
                out.push_str("<ul>");
                for i in items {
                    out.push_str(&format!("<li>{}</li>", escape(i)));
                }
                out.push_str("</ul>\n");
            }
            Block::Table(head, rows) => {
                out.push_str("<table><thead><tr>");
                for h in head {
                    out.push_str(&format!("<th>{}</th>", escape(h)));
                }
                out.push_str("</tr></thead><tbody>");
                for r in rows {
                    out.push_str("<tr>");
                    for c in r {
                        out.push_str(&format!("<td>{}</td>", escape(c)));
                    }
                    out.push_str("</tr>");
                }
                out.push_str("</tbody></table>\n");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sop_names_every_step_its_roles_and_every_required_document() {
        let s = LifecycleSettings { cutoff_day: 25, ..LifecycleSettings::default() };
        for lang in Lang::ALL {
            let md = to_markdown(&document(lang, &s));
            for t in TRANSITIONS {
                let row = md.lines().find(|l| l.starts_with(&format!("| {} |", t.action.label(lang))));
                let row = row.unwrap_or_else(|| panic!("no row for {:?}", t.action));
                assert!(row.contains(&roles(t.roles, lang)), "{row}");
            }
            for kind in CaseKind::ALL {
                for (_, detail) in variants(kind, lang) {
                    for i in checklist(&detail) {
                        assert!(md.contains(i.key.label(lang)), "{:?} missing in {lang:?}", i.key);
                    }
                }
            }
            assert!(md.contains("25"), "the cut-off setting is printed");
            // 27 February is after the 25th: due on 25 March.
            assert!(md.contains("| 27-02-2026 | 25-03-2026 |"), "{md}");
        }
    }

    #[test]
    fn html_escapes_text() {
        let html = to_html(&[Block::Paragraph("<script>&".into())]);
        assert_eq!(html, "<p>&lt;script&gt;&amp;</p>\n");
    }
}
