//! Checking a chunk of the file's families on every core: each family's rows read into drafts and
//! put through the form's rules against what the database holds, without writing or reporting
//! anything. Families are independent of each other, so they are checked side by side; the
//! report is then made from the results in the file's order, the same whatever the cores.

use std::collections::HashMap;
use std::num::NonZeroUsize;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Arc;
use std::thread::Scope;

use chrono::NaiveDate;
use tertib_domain::family::{FamilyMemberDraft, Relation};
use tertib_domain::import::{column_of, extra_member_relation, Columns, ParsedRow, RowKind, Table};
use tertib_domain::worker::{validate_worker, WorkerDraft};
use tertib_domain::Finding;

use super::{member_field, Family, Stored};
use crate::db::client_companies::ClientCompany;
use crate::error::ApiError;
use crate::registry::Review;

/// A worker row with the family rows that name it.
pub(super) struct Group {
    pub worker: Option<ParsedRow>,
    pub worker_nik: String,
    pub members: Vec<ParsedRow>,
}

impl Group {
    /// The worker's row, else the first member's.
    pub fn worker_row(&self) -> usize {
        self.worker.as_ref().map(|w| w.row).unwrap_or_else(|| self.members.first().map_or(0, |m| m.row))
    }

    pub fn rows(&self) -> impl Iterator<Item = usize> + '_ {
        self.worker.iter().chain(&self.members).map(|r| r.row)
    }
}

/// A family as checked, before anything of it is reported or written.
pub(super) struct Checked<'a> {
    pub group: Group,
    /// What reading its rows found, in row order.
    pub read: Vec<(usize, Finding)>,
    /// When a row could not be read, `Err` with the form's other errors on the family, at their
    /// rows.
    pub verdict: Result<Verdict<'a>, Vec<(usize, Finding)>>,
}

pub(super) enum Verdict<'a> {
    /// A worker not stored yet, with their family, to create.
    New(Box<NewFamily<'a>>),
    /// A worker not stored yet whom the form's create would refuse.
    Refused(ApiError),
    /// A worker stored already: their changes go through the registry, in the database.
    Stored,
    /// Family rows whose worker is neither in the file nor stored.
    Missing,
}

pub(super) struct NewFamily<'a> {
    pub draft: WorkerDraft,
    pub company: Option<&'a ClientCompany>,
    pub review: Review,
}

/// What checking needs, shared by the threads.
pub(super) struct Rules<'a> {
    pub table: &'a Table,
    pub columns: &'a Columns,
    /// The active client companies by code.
    pub companies: &'a HashMap<String, ClientCompany>,
    pub today: NaiveDate,
}

/// A part of a chunk for one checking thread, with what the database holds for the chunk.
type Part<'s> = (&'s [Family], Arc<Stored>);

/// Threads that check families, one per core, started once for the whole file (a 100,000-row
/// roster has 50 chunks) and fed a part of each chunk in turn.
pub(super) struct Checkers<'s, 'a> {
    threads: Vec<(Sender<Part<'s>>, Receiver<Vec<Checked<'a>>>)>,
}

impl<'s, 'a: 's> Checkers<'s, 'a> {
    pub fn start<'env>(scope: &'s Scope<'s, 'env>, rules: &'s Rules<'a>) -> Checkers<'s, 'a> {
        let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
        let threads = (0..cores)
            .map(|_| {
                let (parts, part) = channel::<Part<'s>>();
                let (done, results) = channel();
                scope.spawn(move || {
                    for (families, stored) in part {
                        let checked = families.iter().map(|f| rules.family(&f.rows, &stored)).collect();
                        if done.send(checked).is_err() {
                            return;
                        }
                    }
                });
                (parts, results)
            })
            .collect();
        Checkers { threads }
    }

    /// The families of a chunk checked on every core, in order.
    pub fn chunk(&self, families: &'s [Family], stored: &Arc<Stored>) -> Result<Vec<Checked<'a>>, ApiError> {
        let per_thread = families.len().div_ceil(self.threads.len()).max(1);
        let mut busy = Vec::new();
        for (part, (parts, results)) in families.chunks(per_thread).zip(&self.threads) {
            parts.send((part, stored.clone())).map_err(|_| stopped())?;
            busy.push(results);
        }
        let mut checked = Vec::with_capacity(families.len());
        for results in busy {
            checked.extend(results.recv().map_err(|_| stopped())?);
        }
        Ok(checked)
    }
}

/// A checking thread ended before its part was done: it panicked, which the scope it runs in
/// reports when it ends.
fn stopped() -> ApiError {
    ApiError::internal(anyhow::anyhow!("a thread checking the file stopped"))
}

impl<'a> Rules<'a> {
    fn family(&self, rows: &[usize], stored: &Stored) -> Checked<'a> {
        let mut group = Group { worker: None, worker_nik: String::new(), members: Vec::new() };
        let mut read = Vec::new();
        for &i in rows {
            let Some(row) = self.table.parse_row(self.columns, i) else { continue };
            read.extend(row.findings.iter().map(|f| (row.row, f.clone())));
            match &row.kind {
                RowKind::Worker { company_code: Some(code), .. } if !self.companies.contains_key(code) => {
                    let f = Finding::error(
                        "perusahaan_klien",
                        "client_company_unknown",
                        format!("Tidak ada perusahaan klien aktif dengan kode \u{201c}{code}\u{201d}."),
                        format!("No active client company has the code \u{201c}{code}\u{201d}."),
                    );
                    read.push((row.row, f));
                }
                _ => {}
            }
            match &row.kind {
                RowKind::Worker { .. } => {
                    group.worker_nik = row.nik.clone();
                    group.worker = Some(row);
                }
                RowKind::Member { worker_nik, .. } => {
                    group.worker_nik = worker_nik.clone();
                    group.members.push(row);
                }
            }
        }
        let verdict = if read.iter().any(|(_, f)| f.is_error()) {
            Err(self.rules_only(&group, &read))
        } else {
            Ok(match (&group.worker, stored.workers.contains_key(&group.worker_nik)) {
                (Some(_), false) => self.new_worker(&group, stored),
                (_, true) => Verdict::Stored,
                (None, false) => Verdict::Missing,
            })
        };
        Checked { group, read, verdict }
    }

    /// The form's rules on a family that will not be written (some row is already wrong), for
    /// their errors only, each cell named once (not again where reading found it wrong).
    fn rules_only(&self, group: &Group, read: &[(usize, Finding)]) -> Vec<(usize, Finding)> {
        let Some((draft, _)) = family_draft(group) else { return Vec::new() };
        let worker_row = group.worker.as_ref().map_or(0, |w| w.row);
        let mut named: Vec<(usize, String)> =
            read.iter().filter(|(_, f)| f.is_error()).map(|(row, f)| (*row, column_of(&f.field).to_string())).collect();
        let mut out = Vec::new();
        for f in validate_worker(&draft, self.today, &Default::default()).into_iter().filter(Finding::is_error) {
            let (row, field) = member_field(&f.field)
                .and_then(|(i, rest)| group.members.get(i).map(|m| (m.row, rest.to_string())))
                .unwrap_or((worker_row, f.field.clone()));
            let column = column_of(&field).to_string();
            if named.iter().any(|(r, c)| *r == row && *c == column) {
                continue;
            }
            named.push((row, column));
            let mut g = f;
            g.field = field;
            out.push((row, g));
        }
        out
    }

    /// A new worker with their family, checked like the form's create.
    fn new_worker(&self, group: &Group, stored: &Stored) -> Verdict<'a> {
        let Some((draft, company_code)) = family_draft(group) else { return Verdict::Missing };
        let company = company_code.and_then(|c| self.companies.get(c));
        let settings = company.map(ClientCompany::validation_settings).unwrap_or_default();
        let review = Review::of(&draft, self.today, &settings);
        if review.all.iter().any(Finding::is_error) {
            return Verdict::Refused(ApiError::Validation(review.all));
        }
        if let Err(e) = stored.nik_conflict(&draft, self.today) {
            return Verdict::Refused(e);
        }
        Verdict::New(Box::new(NewFamily { draft, company, review }))
    }
}

pub(super) fn with_resolved_relation(mut m: FamilyMemberDraft, worker_birth: &str) -> FamilyMemberDraft {
    if m.relation == Some(Relation::ExtraChild) {
        m.relation = Some(extra_member_relation(&m, worker_birth));
    }
    m
}

/// The worker row's draft with the family rows that name it.
fn family_draft(group: &Group) -> Option<(WorkerDraft, Option<&String>)> {
    let Some(RowKind::Worker { draft, company_code }) = group.worker.as_ref().map(|w| &w.kind) else { return None };
    let mut draft = (**draft).clone();
    draft.family = group
        .members
        .iter()
        .filter_map(|m| match &m.kind {
            RowKind::Member { draft: d, .. } => Some(with_resolved_relation(d.clone(), &draft.birth_date)),
            RowKind::Worker { .. } => None,
        })
        .collect();
    Some((draft, company_code.as_ref()))
}
