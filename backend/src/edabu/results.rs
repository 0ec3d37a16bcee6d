//! e-Dabu's answer to a batch, read back: its validation result or a member list, as XLSX or
//! CSV. Rows are matched to the batch's people by NIK (else card number); columns are found by
//! their headers ([`ResultColumns::recognise`]). Accepted rows record the card number and, once
//! every row of a case is accepted, accept the case; a rejected row returns its case to HR with
//! e-Dabu's reason. Both through the case machine. A file with any error changes nothing, and the
//! same file read again changes nothing either: answers already recorded are left as they are.

use std::collections::{BTreeMap, HashMap};

use serde_json::json;
use tertib_domain::edabu::{verdict, BatchKind, ResultColumns, ResultsReport, RowResult};
use tertib_domain::identifiers::Noka;
use tertib_domain::import::{read_csv, CellFinding};
use tertib_domain::lifecycle::api::TransitionRequest;
use tertib_domain::lifecycle::case::missing_for;
use tertib_domain::lifecycle::{CaseAction, CaseState};
use tertib_domain::{Finding, Lang, Role};

use super::{batch_reference, kind_of, result_code};
use crate::db::audit::{self, Actor, Change};
use crate::db::cases as cases_db;
use crate::db::edabu::{self as edabu_db, Batch, BatchRow};
use crate::db::{family as family_db, from_code, membership as membership_db, now, workers as workers_db, DbConn};
use crate::error::ApiError;
use crate::lifecycle::{self, cases};
use crate::sheets::{read_xlsx, SheetRow};

/// Rows above the header a file may have (a title, the company's name, the date).
const HEADER_SEARCH_ROWS: usize = 20;
/// Longest reason kept on a case (the machine keeps at most 4000 characters).
const MAX_REASON_CHARS: usize = 3_500;

/// The rows of a result file: an XLSX workbook (its first sheet) or CSV text, told apart by their
/// first bytes rather than by the name or media type the browser gave.
pub fn read_rows(bytes: &[u8]) -> Result<Vec<SheetRow>, Finding> {
    if bytes.starts_with(b"PK\x03\x04") {
        let mut rows = Vec::new();
        read_xlsx(bytes, None, |r| rows.push(r))?;
        return Ok(rows);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| {
        Finding::error(
            "file",
            "not_utf8",
            "Berkas bukan Excel (.xlsx) atau teks UTF-8: simpan sebagai \u{201c}CSV UTF-8\u{201d} atau .xlsx.",
            "The file is neither Excel (.xlsx) nor UTF-8 text: save it as \u{201c}CSV UTF-8\u{201d} or .xlsx.",
        )
    })?;
    let table = read_csv(text)?;
    let header = SheetRow { row: 1, cells: table.headers.clone(), long_numbers: Vec::new() };
    let rows = table.rows().map(|r| SheetRow { row: r.number, cells: r.to_vec(), long_numbers: Vec::new() });
    Ok(std::iter::once(header).chain(rows).collect())
}

fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// A row's answer as read, before it is recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Answer {
    result: RowResult,
    noka: Option<String>,
    reason: String,
    /// The file's row it came from.
    line: usize,
}

/// What a case gets from the batch's answers.
enum Decision {
    Accept { noka: Option<String> },
    Reject { reason: String },
}

/// Reads `lines` against the batch and, unless something is wrong, records the answers and takes
/// the cases' steps (in the caller's transaction) as `role`.
pub fn apply(
    conn: &mut DbConn,
    actor: &Actor,
    role: Role,
    batch: &Batch,
    lines: &[SheetRow],
    lang: Lang,
) -> Result<ResultsReport, ApiError> {
    let header_at = lines
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .position(|l| ResultColumns::recognise(&l.cells).identifies())
        .ok_or_else(|| {
            ApiError::invalid(Finding::error(
                "file",
                "results_columns_missing",
                "Baris judul dengan kolom NIK atau No Kartu tidak ditemukan.",
                "No header row with a NIK or card number (No Kartu) column was found.",
            ))
        })?;
    let headers = &lines[header_at].cells;
    let cols = ResultColumns::recognise(headers);
    let kind = kind_of(batch);
    let mut rows = edabu_db::rows(conn, &batch.id)?;
    let reading = Reading { headers, cols: &cols, kind, lang };
    let (answers, mut report) = reading.match_rows(&rows, &lines[header_at + 1..]);
    let decisions = decide(&rows, &answers, kind);
    let mut steps = Vec::new();
    for (case_id, decision) in decisions {
        let Some(case) = cases_db::find(conn, &case_id)? else { continue };
        let worker_line = worker_line(&rows, &answers, &case_id);
        if from_code::<CaseState>(&case.state) != Some(CaseState::Submitted) {
            report.warnings.push(reading.finding(
                worker_line,
                None,
                Finding::warning(
                    "case",
                    "case_not_submitted",
                    format!(
                        "Kasus ini tidak lagi menunggu jawaban BPJS ({}); jawabannya dicatat pada batch saja.",
                        state_label(&case.state, Lang::Id)
                    ),
                    format!(
                        "This case no longer awaits BPJS's answer ({}); the answer is recorded on the batch only.",
                        state_label(&case.state, Lang::En)
                    ),
                ),
            ));
            continue;
        }
        if let Decision::Accept { noka } = &decision {
            let worker = workers_db::find(conn, &case.worker_id)?.ok_or(ApiError::NotFound)?;
            let mut facts = cases::facts(conn, &case, &worker)?;
            facts.card_number |= noka.is_some();
            let missing = missing_for(CaseAction::Accept, &case.detail()?, &facts);
            if !missing.is_empty() {
                let labels = |l: Lang| missing.iter().map(|k| k.label(l)).collect::<Vec<_>>().join("; ");
                report.errors.push(reading.finding(
                    worker_line,
                    cols.noka,
                    Finding::error(
                        "noka",
                        "accept_incomplete",
                        format!("Diterima, tetapi kasus belum dapat diselesaikan: {}.", labels(Lang::Id)),
                        format!("Accepted, but the case cannot be completed yet: {}.", labels(Lang::En)),
                    ),
                ));
                continue;
            }
        }
        steps.push((case.id, decision));
    }
    if !report.errors.is_empty() {
        return Ok(report);
    }
    report.applied = true;
    let at = now();
    for (index, answer) in &answers {
        let row = &mut rows[*index];
        row.result = Some(result_code(answer.result));
        row.result_noka.clone_from(&answer.noka);
        row.result_reason.clone_from(&answer.reason);
        row.result_at = Some(at);
        edabu_db::set_result(conn, row)?;
        match answer.result {
            RowResult::Accepted => report.accepted += 1,
            RowResult::Rejected => report.rejected += 1,
        }
        if let (Some(member_id), Some(noka)) = (&row.family_member_id, &answer.noka) {
            record_member_card(conn, actor, row, member_id, noka)?;
        }
    }
    let settings = lifecycle::settings(conn)?;
    for (case_id, decision) in steps {
        let reference = batch_reference(&batch.id);
        let step = match decision {
            Decision::Accept { noka } => {
                report.cases_completed += 1;
                TransitionRequest { action: CaseAction::Accept, version: None, reason: Some(reference), noka }
            }
            Decision::Reject { reason } => {
                report.cases_rejected += 1;
                let reason: String = format!("{reference}: {reason}").chars().take(MAX_REASON_CHARS).collect();
                TransitionRequest { action: CaseAction::Reject, version: None, reason: Some(reason), noka: None }
            }
        };
        cases::take_step(conn, actor, role, &case_id, &step, &settings)?;
    }
    if !answers.is_empty() {
        audit::record(
            conn,
            actor,
            Change::new("edabu.results", "edabu_batch", Some(&batch.id)).after(&json!({
                "accepted": report.accepted,
                "rejected": report.rejected,
                "unchanged": report.unchanged,
                "skipped": report.skipped,
                "cases_completed": report.cases_completed,
                "cases_rejected": report.cases_rejected,
            })),
        )?;
    }
    Ok(report)
}

fn state_label(code: &str, lang: Lang) -> &'static str {
    from_code::<CaseState>(code).map_or("", |s| s.label(lang))
}

/// A family member's card number as e-Dabu gave it, recorded with its audit entry.
fn record_member_card(
    conn: &mut DbConn,
    actor: &Actor,
    row: &BatchRow,
    member_id: &str,
    noka: &str,
) -> Result<(), ApiError> {
    let Some(member) = family_db::find(conn, &row.worker_id, member_id)? else { return Ok(()) };
    if member.noka.as_deref() == Some(noka) {
        return Ok(());
    }
    membership_db::set_member_noka(conn, member_id, noka)?;
    audit::record(
        conn,
        actor,
        Change::new("family_member.card_number", "family_member", Some(member_id))
            .about(&row.worker_id)
            .before(&json!({ "noka": member.noka }))
            .after(&json!({ "noka": noka, "case_id": row.case_id, "batch_id": row.batch_id })),
    )?;
    Ok(())
}

/// The file's row that answered the case's worker (else any of the case's), for findings about
/// the case.
fn worker_line(rows: &[BatchRow], answers: &BTreeMap<usize, Answer>, case_id: &str) -> usize {
    let of_case = |worker_only: bool| {
        answers
            .iter()
            .find(|(i, _)| rows[**i].case_id == case_id && (!worker_only || rows[**i].family_member_id.is_none()))
            .map(|(_, a)| a.line)
    };
    of_case(true).or_else(|| of_case(false)).unwrap_or(0)
}

/// The cases the new answers decide, in the batch's order: rejected as soon as one of its rows
/// is, accepted once all are (with the card number of the worker's row, for registrations and
/// transfers); the others wait for more answers.
fn decide(rows: &[BatchRow], answers: &BTreeMap<usize, Answer>, kind: BatchKind) -> Vec<(String, Decision)> {
    let mut order: Vec<&str> = Vec::new();
    for index in answers.keys() {
        let case = rows[*index].case_id.as_str();
        if !order.contains(&case) {
            order.push(case);
        }
    }
    let result_of = |i: usize, r: &BatchRow| -> Option<(RowResult, Option<String>, String)> {
        match answers.get(&i) {
            Some(a) => Some((a.result, a.noka.clone(), a.reason.clone())),
            None => {
                r.result.as_deref().and_then(from_code).map(|res| (res, r.result_noka.clone(), r.result_reason.clone()))
            }
        }
    };
    order
        .into_iter()
        .filter_map(|case_id| {
            let mine: Vec<(usize, &BatchRow)> = rows.iter().enumerate().filter(|(_, r)| r.case_id == case_id).collect();
            let results: Vec<_> = mine.iter().map(|(i, r)| (*r, result_of(*i, r))).collect();
            let rejected: Vec<String> = results
                .iter()
                .filter_map(|(r, res)| match res {
                    Some((RowResult::Rejected, _, reason)) if r.family_member_id.is_some() => {
                        Some(format!("{}: {reason}", r.full_name))
                    }
                    Some((RowResult::Rejected, _, reason)) => Some(reason.clone()),
                    _ => None,
                })
                .collect();
            let decision = if !rejected.is_empty() {
                Decision::Reject { reason: rejected.join("; ") }
            } else if results.iter().all(|(_, res)| matches!(res, Some((RowResult::Accepted, ..)))) {
                let worker_card = results
                    .iter()
                    .find(|(r, _)| r.family_member_id.is_none())
                    .and_then(|(_, res)| res.as_ref().and_then(|(_, noka, _)| noka.clone()));
                Decision::Accept { noka: worker_card.filter(|_| kind != BatchKind::Deactivation) }
            } else {
                return None;
            };
            Some((case_id.to_string(), decision))
        })
        .collect()
}

/// How a file is read: its header, where each column is, the batch's kind, the reader's language.
struct Reading<'a> {
    headers: &'a [String],
    cols: &'a ResultColumns,
    kind: BatchKind,
    lang: Lang,
}

impl Reading<'_> {
    /// A finding about the file's `line`, at the column `col` (named by the file's own header).
    fn finding(&self, line: usize, col: Option<usize>, f: Finding) -> CellFinding {
        let column = col.and_then(|c| self.headers.get(c)).map_or_else(|| f.field.clone(), |h| h.trim().to_string());
        CellFinding { row: line, column, code: f.code.to_string(), message: f.message(self.lang).to_string() }
    }

    fn cell<'l>(&self, line: &'l SheetRow, col: Option<usize>) -> &'l str {
        col.and_then(|c| line.cells.get(c)).map_or("", |c| c.trim())
    }

    /// Each data line matched to a row of the batch and read as an answer: the answers that are
    /// new (by the batch row's index) and the report so far.
    fn match_rows(&self, rows: &[BatchRow], lines: &[SheetRow]) -> (BTreeMap<usize, Answer>, ResultsReport) {
        let mut by_nik: HashMap<&str, usize> = HashMap::new();
        let mut by_card: HashMap<&str, usize> = HashMap::new();
        for (i, r) in rows.iter().enumerate() {
            by_nik.entry(r.nik.as_str()).or_insert(i);
            for card in [&r.noka, &r.result_noka].into_iter().flatten() {
                by_card.entry(card.as_str()).or_insert(i);
            }
        }
        let mut report = ResultsReport::default();
        let mut answers: BTreeMap<usize, Answer> = BTreeMap::new();
        let cols = self.cols;
        for line in lines {
            report.rows_total += 1;
            if cols.nik.is_some_and(|c| line.long_numbers.contains(&c)) {
                report.errors.push(self.finding(
                    line.row,
                    cols.nik,
                    Finding::error(
                        "nik",
                        "nik_as_number",
                        "NIK tersimpan sebagai angka sehingga digit terakhirnya hilang: format kolom sebagai teks lalu ketik ulang.",
                        "The NIK was stored as a number and lost its last digit: format the column as text and type it again.",
                    ),
                ));
                continue;
            }
            let (nik, card_text) = (digits(self.cell(line, cols.nik)), self.cell(line, cols.noka));
            let card_digits = digits(card_text);
            let found = by_nik.get(nik.as_str()).or_else(|| by_card.get(card_digits.as_str())).copied();
            let Some(index) = found.filter(|_| !nik.is_empty() || !card_digits.is_empty()) else {
                report.skipped += 1;
                if !nik.is_empty() || !card_digits.is_empty() {
                    report.warnings.push(self.finding(
                        line.row,
                        cols.nik.or(cols.noka),
                        Finding::warning(
                            "nik",
                            "not_in_batch",
                            "Tidak ada orang dengan NIK atau nomor kartu ini dalam batch; baris dilewati.",
                            "Nobody of the batch has this NIK or card number; the row is skipped.",
                        ),
                    ));
                }
                continue;
            };
            match self.answer(line, card_text) {
                Err(f) => report.errors.push(f),
                Ok(None) => {
                    report.skipped += 1;
                    report.warnings.push(self.finding(
                        line.row,
                        cols.status.or(cols.reason),
                        Finding::warning(
                            "status",
                            "no_verdict",
                            "Baris ini tidak menyebut diterima atau ditolak; dilewati.",
                            "This row says neither accepted nor rejected; it is skipped.",
                        ),
                    ));
                }
                Ok(Some(answer)) => self.take(&rows[index], index, answer, &mut answers, &mut report),
            }
        }
        (answers, report)
    }

    /// What a line says, if anything; an error for an unreadable card number on an accepted row.
    fn answer(&self, line: &SheetRow, card_text: &str) -> Result<Option<Answer>, CellFinding> {
        let (status, reason) = (self.cell(line, self.cols.status), self.cell(line, self.cols.reason));
        let Some(result) = verdict(self.kind, status, reason, !card_text.is_empty()) else { return Ok(None) };
        let noka = match result {
            RowResult::Accepted if self.kind != BatchKind::Deactivation && !card_text.is_empty() => {
                let field = self.cols.noka.and_then(|c| self.headers.get(c)).map_or("noka", |h| h.trim());
                let parsed =
                    Noka::parse_for(field, card_text).map_err(|f| self.finding(line.row, self.cols.noka, f))?;
                Some(parsed.as_str().to_string())
            }
            _ => None,
        };
        let reason = match result {
            RowResult::Accepted => String::new(),
            RowResult::Rejected if !reason.is_empty() => reason.to_string(),
            RowResult::Rejected if !status.is_empty() => status.to_string(),
            RowResult::Rejected => self.lang.pick("ditolak e-Dabu", "rejected by e-Dabu").to_string(),
        };
        Ok(Some(Answer { result, noka, reason, line: line.row }))
    }

    /// Keeps a line's answer unless the row already has it (unchanged), already has another
    /// (kept, with a warning), or another line of this file said otherwise (an error).
    fn take(
        &self,
        row: &BatchRow,
        index: usize,
        answer: Answer,
        answers: &mut BTreeMap<usize, Answer>,
        report: &mut ResultsReport,
    ) {
        let recorded = row.result.as_deref().and_then(from_code::<RowResult>);
        let same_as = |result: RowResult, noka: &Option<String>| {
            result == answer.result && (answer.noka.is_none() || *noka == answer.noka)
        };
        if let Some(result) = recorded {
            if same_as(result, &row.result_noka) {
                report.unchanged += 1;
            } else {
                report.skipped += 1;
                report.warnings.push(self.finding(
                    answer.line,
                    self.cols.status.or(self.cols.nik),
                    Finding::warning(
                        "status",
                        "already_answered",
                        format!(
                            "Jawaban lain sudah tercatat untuk orang ini ({}); baris dilewati.",
                            result.label(Lang::Id)
                        ),
                        format!(
                            "Another answer is already recorded for this person ({}); the row is skipped.",
                            result.label(Lang::En)
                        ),
                    ),
                ));
            }
            return;
        }
        match answers.get(&index) {
            Some(earlier) if same_as(earlier.result, &earlier.noka) => report.unchanged += 1,
            Some(earlier) => report.errors.push(self.finding(
                answer.line,
                self.cols.status.or(self.cols.nik),
                Finding::error(
                    "status",
                    "conflicting_rows",
                    format!("Baris {} menyebut jawaban lain untuk orang yang sama.", earlier.line),
                    format!("Row {} gives another answer for the same person.", earlier.line),
                ),
            )),
            None => {
                answers.insert(index, answer);
            }
        }
    }
}
