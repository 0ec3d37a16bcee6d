//! "Riwayat": the audit log of a worker or a case, oldest first, each entry in words.
//!
//! The words come from the domain's labels where it has them (case kinds, states, steps,
//! checklist items, documents, membership statuses, termination reasons), so an entry reads the
//! same as the page it is about.

use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::Value;
use tertib_domain::lifecycle::api::AuditEntryView;
use tertib_domain::lifecycle::arrears::ArrearsStatus;
use tertib_domain::lifecycle::case::{CaseDetail, PreviousMembership};
use tertib_domain::lifecycle::{CaseAction, CaseKind, CaseState, ChecklistKey, DocumentKind, MembershipStatus};
use tertib_domain::worker::TerminationReason;
use tertib_domain::Lang;

use crate::api::{from_wire_name, ApiFailure};
use crate::components::status::{LoadFailed, Loading};
use crate::i18n::{self, T};
use crate::session::use_session;

/// Entries that record a reading (of personal data, a document, the log), not a change.
const READINGS: [&str; 3] = ["worker.view_personal", "document.view", "audit.view"];

/// The log of one record. Readings are left out unless asked for: every visit to a worker's page
/// records one, and they would bury the changes.
#[component]
pub fn Timeline(
    entries: RwSignal<Option<Result<Vec<AuditEntryView>, ApiFailure>>>,
    retry: impl Fn() + Copy + Send + Sync + 'static,
    /// Names of the records the entries are about (family members), by id.
    #[prop(optional, into)]
    names: Signal<Vec<(String, String)>>,
    testid: &'static str,
) -> impl IntoView {
    let lang = use_session().lang;
    let show_readings = RwSignal::new(false);
    let checkbox_id = format!("{testid}-readings");
    view! {
        <div class="field field-check timeline-filter">
            <input
                type="checkbox"
                id=checkbox_id.clone()
                data-testid=format!("{testid}-readings")
                prop:checked=move || show_readings.get()
                on:change=move |ev| show_readings.set(event_target_checked(&ev))
            />
            <label for=checkbox_id>{move || T::ShowReadings.get(lang.get())}</label>
        </div>
        {move || match entries.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(failure)) => view! { <LoadFailed failure retry /> }.into_any(),
            Some(Ok(list)) => {
                let readings = show_readings.get();
                let shown: Vec<AuditEntryView> =
                    list.into_iter().filter(|e| readings || !READINGS.contains(&e.action.as_str())).collect();
                if shown.is_empty() {
                    return view! { <p class="muted">{move || T::NoHistory.get(lang.get())}</p> }.into_any();
                }
                view! {
                    <ol class="timeline" data-testid=testid>
                        {shown
                            .into_iter()
                            .map(|entry| {
                                let at = entry.at;
                                let actor = entry.actor.clone();
                                let action = entry.action.clone();
                                view! {
                                    <li class="timeline-entry" data-testid="timeline-entry" data-action=action>
                                        <p class="timeline-text">
                                            {move || names.with(|n| describe(&entry, lang.get(), n))}
                                        </p>
                                        <p class="timeline-meta">
                                            <time datetime=at.to_rfc3339()>{move || i18n::datetime(lang.get(), &at)}</time>
                                            " · "
                                            {move || actor_name(&actor, lang.get())}
                                        </p>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }
                    .into_any()
            }
        }}
    }
}

/// Who did it: a user's email, or Tertib itself for its own steps.
fn actor_name(actor: &str, lang: Lang) -> String {
    if actor == "system" || actor.is_empty() {
        T::TertibItself.get(lang).to_string()
    } else {
        actor.to_string()
    }
}

fn text<'a>(value: &'a Option<Value>, key: &str) -> Option<&'a str> {
    value.as_ref()?.get(key)?.as_str().filter(|s| !s.is_empty())
}

fn enum_of<E: serde::de::DeserializeOwned>(value: &Option<Value>, key: &str) -> Option<E> {
    text(value, key).and_then(from_wire_name)
}

fn date_of(value: &Option<Value>, key: &str) -> Option<NaiveDate> {
    text(value, key).and_then(|d| d.parse::<NaiveDate>().ok())
}

fn day_of(value: &Option<Value>, key: &str) -> Option<String> {
    date_of(value, key).map(|d| i18n::day(&d))
}

/// One entry in words, in `lang`. `names` are the names of family members by id.
pub fn describe(entry: &AuditEntryView, lang: Lang, names: &[(String, String)]) -> String {
    let (before, after) = (&entry.before, &entry.after);
    let pick = |id: &'static str, en: &'static str| lang.pick(id, en).to_string();
    match entry.action.as_str() {
        "case.open" => {
            let kind = enum_of::<CaseKind>(after, "kind").map_or("", |k| k.label(lang));
            let due = day_of(after, "due_date").unwrap_or_default();
            match lang {
                Lang::Id => format!("Kasus {kind} dibuka, tenggat {due}."),
                Lang::En => format!("{kind} case opened, due {due}."),
            }
        }
        "case.transition" => {
            let action = enum_of::<CaseAction>(after, "action").map_or("", |a| a.label(lang));
            let state = enum_of::<CaseState>(after, "state").map_or("", |s| s.label(lang));
            let mut out = match lang {
                Lang::Id => format!("Langkah \u{201c}{action}\u{201d}: kasus kini {state}."),
                Lang::En => format!("Step \u{201c}{action}\u{201d}: the case is now {state}."),
            };
            if let Some(reason) = text(after, "reason") {
                out.push_str(&format!(" {} {reason}", T::ReasonLabel.get(lang)));
            }
            out
        }
        "case.update" => describe_case_update(before, after, lang),
        "case.checklist" => {
            let item = text(after, "item").and_then(ChecklistKey::parse).map_or("", |k| k.label(lang));
            let done = after.as_ref().and_then(|a| a.get("done")).and_then(Value::as_bool).unwrap_or(false);
            match (lang, done) {
                (Lang::Id, true) => format!("Dicentang: {item}."),
                (Lang::Id, false) => format!("Centang dibatalkan: {item}."),
                (Lang::En, true) => format!("Ticked: {item}."),
                (Lang::En, false) => format!("Unticked: {item}."),
            }
        }
        "case.note" => pick("Catatan ditambahkan.", "Note added."),
        "case.document_added" => {
            let kind = enum_of::<DocumentKind>(after, "kind").map_or("", |k| k.label(lang));
            let file = text(after, "file_name").unwrap_or_default();
            match lang {
                Lang::Id => format!("Dokumen diunggah: {kind} ({file})."),
                Lang::En => format!("Document uploaded: {kind} ({file})."),
            }
        }
        "document.view" => pick("Dokumen dibuka.", "Document opened."),
        "membership.change" => {
            let status = enum_of::<MembershipStatus>(after, "status").map_or("", |s| s.label(lang));
            let previous = enum_of::<MembershipStatus>(before, "status").map_or("", |s| s.label(lang));
            let whose = (entry.entity_type == "family_member")
                .then_some(entry.entity_id.as_deref())
                .flatten()
                .and_then(|id| names.iter().find(|(i, _)| i == id).map(|(_, n)| n.clone()));
            let mut out = match (lang, whose) {
                (Lang::Id, Some(name)) => format!("Status kepesertaan {name}: {previous} \u{2192} {status}"),
                (Lang::Id, None) => format!("Status kepesertaan: {previous} \u{2192} {status}"),
                (Lang::En, Some(name)) => format!("Membership of {name}: {previous} \u{2192} {status}"),
                (Lang::En, None) => format!("Membership: {previous} \u{2192} {status}"),
            };
            if let Some(since) = date_of(after, "since") {
                out.push_str(&format!(", {}", i18n::since(lang, &since)));
            }
            if let Some(until) = day_of(after, "until") {
                out.push_str(&format!(" {} {until}", T::Until.get(lang)));
            }
            out.push('.');
            out
        }
        "worker.create" => pick("Pekerja didaftarkan di Tertib.", "Worker entered in Tertib."),
        "worker.update" => pick("Data pekerja diubah.", "Worker data changed."),
        "worker.view_personal" => pick("Data pribadi (NIK/KK) dibuka.", "Personal data (NIK/KK) opened."),
        "worker.membership" => pick("Status kepesertaan awal dicatat.", "Initial membership status recorded."),
        // A member's comes with e-Dabu's answer to a batch.
        "worker.card_number" | "family_member.card_number" => {
            let noka = text(after, "noka").unwrap_or_default();
            match lang {
                Lang::Id => format!("Nomor kartu BPJS dicatat: {noka}."),
                Lang::En => format!("BPJS card number recorded: {noka}."),
            }
        }
        "worker.terminate" => {
            let reason = enum_of::<TerminationReason>(after, "reason").map_or("", |r| r.label(lang));
            let date = day_of(after, "termination_date").unwrap_or_default();
            match lang {
                Lang::Id => format!("Berhenti bekerja dicatat: {reason}, hari terakhir {date}."),
                Lang::En => format!("Termination recorded: {reason}, last day {date}."),
            }
        }
        "family_member.create" | "family_member.update" | "family_member.remove" => {
            let name = text(after, "full_name").unwrap_or_default();
            let (id, en) = match entry.action.as_str() {
                "family_member.create" => ("Anggota keluarga ditambahkan", "Family member added"),
                "family_member.remove" => ("Anggota keluarga dikeluarkan", "Family member removed"),
                _ => ("Data anggota keluarga diubah", "Family member changed"),
            };
            format!("{}: {name}.", lang.pick(id, en))
        }
        "placement.create" => {
            let company =
                after.as_ref().and_then(|a| a.pointer("/client_company/name")).and_then(Value::as_str).unwrap_or("");
            match lang {
                Lang::Id => format!("Ditempatkan di {company}."),
                Lang::En => format!("Placed with {company}."),
            }
        }
        "arrears.create" => {
            let months = after.as_ref().and_then(|a| a.get("months")).and_then(Value::as_u64).unwrap_or(0);
            let amount = after.as_ref().and_then(|a| a.get("amount")).and_then(Value::as_i64).unwrap_or(0);
            match lang {
                Lang::Id => format!("Tunggakan dicatat: {months} bulan, {}.", i18n::rupiah(lang, amount)),
                Lang::En => format!("Arrears recorded: {months} month(s), {}.", i18n::rupiah(lang, amount)),
            }
        }
        "arrears.update" => {
            let status = enum_of::<ArrearsStatus>(after, "status").map_or("", |s| i18n::arrears_status(lang, s));
            let mut out = match lang {
                Lang::Id => format!("Tunggakan kini {status}."),
                Lang::En => format!("Arrears now {status}."),
            };
            if let Some(evidence) = text(after, "evidence") {
                out.push_str(&format!(" {} {evidence}", T::EvidenceLabel.get(lang)));
            }
            out
        }
        other => other.to_string(),
    }
}

/// What a change to a case did: assignee, due date, previous membership.
fn describe_case_update(before: &Option<Value>, after: &Option<Value>, lang: Lang) -> String {
    let field = |v: &Option<Value>, key: &str| v.as_ref().and_then(|v| v.get(key)).cloned().unwrap_or(Value::Null);
    let mut parts = Vec::new();
    let assignee = field(after, "assignee_id");
    if field(before, "assignee_id") != assignee {
        parts.push(if assignee.is_null() {
            lang.pick("petugas dilepas", "assignee removed").to_string()
        } else {
            lang.pick("kasus ditugaskan ke petugas", "case assigned").to_string()
        });
    }
    if field(before, "due_date") != field(after, "due_date") {
        let due = day_of(after, "due_date").unwrap_or_default();
        parts.push(match lang {
            Lang::Id => format!("tenggat menjadi {due}"),
            Lang::En => format!("due date now {due}"),
        });
    }
    let previous = |v: &Option<Value>| -> Option<PreviousMembership> {
        match serde_json::from_value::<CaseDetail>(field(v, "detail")).ok()? {
            CaseDetail::Transfer { previous } => previous,
            _ => None,
        }
    };
    if let Some(p) = previous(after).filter(|p| previous(before).as_ref() != Some(p)) {
        parts.push(format!(
            "{}: {}, {}",
            T::PreviousMembership.get(lang).to_lowercase(),
            p.segment.label(lang),
            i18n::previous_status(lang, p.status)
        ));
    }
    if parts.is_empty() {
        return lang.pick("Kasus diubah.", "Case changed.").to_string();
    }
    let mut text = parts.join("; ");
    if let Some(first) = text.get(..1) {
        text = first.to_uppercase() + &text[1..];
    }
    text.push('.');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;
    use serde_json::json;

    fn entry(action: &str, before: Option<Value>, after: Value) -> AuditEntryView {
        AuditEntryView {
            id: "1".into(),
            at: Utc::now(),
            actor_id: None,
            actor: "hr@tertib.local".into(),
            ip: None,
            request_id: None,
            action: action.into(),
            entity_type: "case".into(),
            entity_id: Some("c".into()),
            subject_id: None,
            before,
            after: Some(after),
        }
    }

    #[test]
    fn a_step_reads_with_the_domain_labels_in_both_languages() {
        let e = entry(
            "case.transition",
            Some(json!({"state": "submitted"})),
            json!({"action": "reject", "state": "rejected", "reason": "NIK tidak padan"}),
        );
        assert_eq!(
            describe(&e, Lang::Id, &[]),
            "Langkah \u{201c}Ditolak BPJS\u{201d}: kasus kini Ditolak BPJS. Alasan: NIK tidak padan"
        );
        assert_eq!(
            describe(&e, Lang::En, &[]),
            "Step \u{201c}Rejected by BPJS\u{201d}: the case is now Rejected by BPJS. Reason: NIK tidak padan"
        );
    }

    #[test]
    fn uploads_ticks_and_membership_changes_name_what_they_are_about() {
        let upload = entry("case.document_added", None, json!({"kind": "sptjm", "file_name": "sptjm.pdf"}));
        assert_eq!(
            describe(&upload, Lang::Id, &[]),
            "Dokumen diunggah: SPTJM ditandatangani pimpinan perusahaan (sptjm.pdf)."
        );
        let tick = entry("case.checklist", None, json!({"item": "family_complete", "done": true}));
        assert_eq!(describe(&tick, Lang::En, &[]), "Ticked: Every family member is entered.");
        let mut change = entry(
            "membership.change",
            Some(json!({"status": "deactivation_submitted"})),
            json!({"status": "inactive", "since": "2026-10-26", "until": null}),
        );
        change.entity_type = "family_member".into();
        change.entity_id = Some("m1".into());
        let names = [("m1".to_string(), "Dewi Lestari".to_string())];
        assert_eq!(
            describe(&change, Lang::Id, &names),
            "Status kepesertaan Dewi Lestari: penonaktifan diajukan \u{2192} nonaktif, sejak 26-10-2026."
        );
    }

    #[test]
    fn a_case_change_says_what_changed() {
        let before =
            json!({"assignee_id": null, "due_date": "2026-11-20", "detail": {"kind": "transfer", "previous": null}});
        let after = json!({"assignee_id": "u1", "due_date": "2026-12-20", "detail": {"kind": "transfer",
            "previous": {"segment": "other_employer", "status": "active", "employer_name": "PT Lama"}}});
        let e = entry("case.update", Some(before), after);
        assert_eq!(
            describe(&e, Lang::Id, &[]),
            "Kasus ditugaskan ke petugas; tenggat menjadi 20-12-2026; kepesertaan sebelumnya: PPU badan usaha lain, masih aktif."
        );
        assert_eq!(actor_name("system", Lang::Id), "Tertib (otomatis)");
    }
}
