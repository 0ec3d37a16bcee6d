//! Importing a roster: every row through the same rules and the same registry writes as the forms
//! (so new workers open their registration or transfer exactly as the form does), plus the file's
//! own rules (a NIK twice in the file, a family row without its worker, an unknown client
//! company). The whole file is one transaction: all or nothing by default, or only the valid
//! rows (`valid_rows`, each worker with its family in a savepoint of its own); a dry run does
//! everything and rolls it back, so its counts are exactly what a commit would do. Importing the
//! same file again changes nothing (`unchanged`): rows are matched by NIK.

mod check;
pub mod run;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use chrono::NaiveDate;
use diesel::Connection;
pub use run::{Job, Running};
use serde_json::{json, Map, Value};
use tertib_domain::import::{family_of, CellFinding, Columns, ImportMode, ImportReport, RowKind, Table};
use tertib_domain::lifecycle::LifecycleSettings;
use tertib_domain::person::parse_date;
use tertib_domain::worker::WorkerDraft;
use tertib_domain::{Finding, Lang};

use crate::db::audit::{self, Actor, Change};
use crate::db::bulk::NewRows;
use crate::db::client_companies::{self, ClientCompany};
use crate::db::family::{self as family_db, FamilyMember};
use crate::db::imports as imports_db;
use crate::db::workers::{self as workers_db, Worker};
use crate::db::{write_transaction, DbConn};
use crate::error::ApiError;
use crate::registry;
use crate::registry::family::{held_by_member, worker_may_not_hold};
use crate::registry::workers::identity_number;
use check::{with_resolved_relation, Checked, Checkers, Group, NewFamily, Rules, Verdict};

pub mod template;

/// Why the transaction ends without a commit.
enum Abort {
    /// A dry run, or errors in all-or-nothing mode: the report stands, nothing is kept.
    Rollback(Box<ImportReport>),
    Failed(ApiError),
}

impl From<diesel::result::Error> for Abort {
    fn from(e: diesel::result::Error) -> Abort {
        Abort::Failed(e.into())
    }
}

impl From<ApiError> for Abort {
    fn from(e: ApiError) -> Abort {
        Abort::Failed(e)
    }
}

struct Run<'a> {
    actor: &'a Actor,
    today: NaiveDate,
    lang: Lang,
    report: ImportReport,
    /// Rows with an error (counted once each).
    bad_rows: HashSet<usize>,
}

impl Run<'_> {
    fn error(&mut self, row: usize, f: &Finding) {
        self.bad_rows.insert(row);
        self.report.errors.push(CellFinding::of(row, f, self.lang));
    }

    fn finding(&mut self, row: usize, f: &Finding) {
        if f.is_error() {
            self.error(row, f);
        } else {
            self.report.warnings.push(CellFinding::of(row, f, self.lang));
        }
    }

    /// A registry refusal, put at the rows and columns it is about.
    fn refusal(&mut self, group: &Group, e: ApiError) -> Result<(), Abort> {
        let worker_row = group.worker_row();
        let body = e.body(self.lang);
        match e {
            ApiError::Validation(findings) => {
                for f in findings {
                    let (row, field) = member_field(&f.field)
                        .and_then(|(i, rest)| group.members.get(i).map(|m| (m.row, rest.to_string())))
                        .unwrap_or((worker_row, f.field.clone()));
                    let mut g = f.clone();
                    g.field = field;
                    if g.is_error() {
                        self.error(row, &g);
                    }
                }
            }
            ApiError::NikTaken { .. } | ApiError::NikHeld { .. } | ApiError::VersionConflict | ApiError::Conflict => {
                self.bad_rows.insert(worker_row);
                for d in body.details.iter().filter(|d| d.code != "existing_record") {
                    self.report.errors.push(CellFinding {
                        row: worker_row,
                        column: d.field.as_deref().map(tertib_domain::import::column_of).unwrap_or("nik").to_string(),
                        code: d.code.clone(),
                        message: d.message.clone(),
                    });
                }
                if body.details.is_empty() {
                    self.report.errors.push(CellFinding {
                        row: worker_row,
                        column: "nik".into(),
                        code: crate::db::code_of(&body.code),
                        message: body.message,
                    });
                }
            }
            other => return Err(Abort::Failed(other)),
        }
        Ok(())
    }
}

/// `family[3].nik` -> `(3, "nik")`.
fn member_field(field: &str) -> Option<(usize, &str)> {
    let rest = field.strip_prefix("family[")?;
    let (index, rest) = rest.split_once("].")?;
    Some((index.parse().ok()?, rest))
}

/// The draft's fields given in the row (non-empty) that differ from the stored worker, as a
/// PATCH body. Empty cells never clear a stored value.
fn changes(stored: &WorkerDraft, row: &WorkerDraft) -> Result<Map<String, Value>, ApiError> {
    // Dates as stored (ISO), whichever way the sheet wrote them.
    let iso = |d: &str| parse_date(d).map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_else(|| d.to_string());
    let mut row = row.clone();
    row.birth_date = iso(&row.birth_date);
    row.hire_date = iso(&row.hire_date);
    let stored = serde_json::to_value(stored).map_err(ApiError::internal)?;
    let row = serde_json::to_value(&row).map_err(ApiError::internal)?;
    let mut out = Map::new();
    if let (Some(s), Some(r)) = (stored.as_object(), row.as_object()) {
        for (key, value) in r {
            let given = !(value.is_null()
                || value.as_str().is_some_and(str::is_empty)
                || key == "family"
                || key == "citizenship");
            if given && s.get(key) != Some(value) {
                out.insert(key.clone(), value.clone());
            }
        }
    }
    Ok(out)
}

/// What the database holds for a chunk of the file's families, read with a few statements:
/// the workers and the active family members with any of the chunk's NIKs.
struct Stored {
    workers: HashMap<String, Worker>,
    members: HashMap<String, (FamilyMember, String)>,
}

impl Stored {
    /// Of the chunk's workers and every NIK in its rows.
    fn load(conn: &mut DbConn, table: &Table, columns: &Columns, chunk: &[Family]) -> Result<Stored, ApiError> {
        let niks: Vec<Cow<'_, str>> = chunk
            .iter()
            .flat_map(|f| {
                let rows = f.rows.iter().filter_map(|&i| table.row(i)).map(|row| family_of(columns, row).0);
                std::iter::once(Cow::Borrowed(f.worker_nik.as_str())).chain(rows)
            })
            .filter(|n| !n.is_empty())
            .collect();
        let mut niks: Vec<&str> = niks.iter().map(|n| &**n).collect();
        // In order, once each: the worker's NIK is also its row's, and sorted lookups touch the
        // indexes' pages in order.
        niks.sort_unstable();
        niks.dedup();
        let workers = workers_db::by_niks(conn, &niks)?.into_iter().map(|w| (w.nik.clone(), w)).collect();
        let mut members = HashMap::new();
        for (m, worker_name) in family_db::active_by_niks(conn, &niks)? {
            members.entry(m.nik.clone()).or_insert((m, worker_name));
        }
        Ok(Stored { workers, members })
    }

    /// The checks [`registry::workers::create`] makes against the database, on what was read:
    /// the worker's NIK may not be an active family member's, nor a member's NIK another
    /// worker's or another family's.
    fn nik_conflict(&self, draft: &WorkerDraft, today: NaiveDate) -> Result<(), ApiError> {
        let nik = identity_number(&draft.nik);
        if let Some((m, worker_name)) = self.members.get(&nik) {
            return Err(held_by_member("nik", m.clone(), worker_name.clone()));
        }
        for (i, m) in draft.family.iter().enumerate() {
            let field = format!("family[{i}].nik");
            let nik = identity_number(&m.nik);
            if let Some(w) = self.workers.get(&nik) {
                worker_may_not_hold(&field, w, None, today)?;
            }
            if let Some((m, worker_name)) = self.members.get(&nik) {
                return Err(held_by_member(&field, m.clone(), worker_name.clone()));
            }
        }
        Ok(())
    }
}

/// A new worker with their family, checked: planned into the new rows when the import writes
/// (else only counted).
fn new_worker(
    run: &mut Run<'_>,
    group: &Group,
    new: NewFamily<'_>,
    write: &mut Option<Writing<'_>>,
) -> Result<(), Abort> {
    let NewFamily { draft, company, review } = new;
    if let Some(w) = write {
        registry::workers::plan_new(&mut w.rows, run.actor, run.today, &draft, company, &review, w.lifecycle)?;
    }
    let worker_row = group.worker.as_ref().map_or(0, |w| w.row);
    for f in &review.worker {
        run.finding(worker_row, f);
    }
    run.report.created += 1 + draft.family.len();
    Ok(())
}

/// A worker stored already: the row's changes (empty cells never clear a stored value) and the
/// members not yet in the family, through the registry's update and add, as the forms do.
fn stored_worker(conn: &mut DbConn, run: &mut Run<'_>, group: &Group, worker: &Worker) -> Result<(), Abort> {
    if let Some(RowKind::Worker { draft, .. }) = group.worker.as_ref().map(|w| &w.kind) {
        let mut patch = changes(&worker.draft(), draft)?;
        if patch.is_empty() {
            run.report.unchanged += 1;
        } else {
            patch.insert("version".into(), json!(worker.version));
            match registry::workers::update(conn, run.actor, run.today, &worker.id, patch) {
                Ok(_) => run.report.updated += 1,
                Err(e) => return run.refusal(group, e),
            }
        }
    }
    let family = family_db::list(conn, &worker.id, false)?;
    let birth = worker.birth_date.format("%Y-%m-%d").to_string();
    for m in &group.members {
        let RowKind::Member { draft, .. } = &m.kind else { continue };
        if family.iter().any(|f| f.nik == m.nik) {
            run.report.unchanged += 1;
            continue;
        }
        let single = Group { worker: None, worker_nik: group.worker_nik.clone(), members: vec![m.clone()] };
        match registry::family::add(
            conn,
            run.actor,
            run.today,
            &worker.id,
            with_resolved_relation(draft.clone(), &birth),
        ) {
            Ok(_) => run.report.created += 1,
            Err(ApiError::Validation(findings)) => {
                // The member's own fields are named plainly; the others' as family[i].
                for f in findings.iter().filter(|f| member_field(&f.field).is_none() && f.is_error()) {
                    run.error(m.row, f);
                }
            }
            Err(e) => run.refusal(&single, e)?,
        }
    }
    Ok(())
}

fn worker_missing(run: &mut Run<'_>, group: &Group) {
    for m in &group.members {
        run.error(
            m.row,
            &Finding::error(
                "nik_peserta",
                "worker_missing",
                format!("Pekerja dengan NIK {} tidak ada di berkas ini maupun di Tertib.", group.worker_nik),
                format!("No worker with NIK {} in this file or in Tertib.", group.worker_nik),
            ),
        );
    }
}

/// Families read and checked per chunk: the database is asked about a chunk's NIKs in a few
/// statements, and a chunk's new rows are written in a few multi-row inserts.
const FAMILIES_PER_CHUNK: usize = 2_000;

/// SQLite's page cache while an import runs, in KiB. A roster touches every index of the
/// registry at random places (NIKs and names come in no order); with the default 2 MB most of
/// those pages would be written out and read back several times within the transaction. Bounded,
/// because it adds to the import's memory; the default comes back for the pooled connection.
pub const SQLITE_CACHE_KIB: u32 = 32_768;

/// What a writing import carries between chunks.
struct Writing<'a> {
    rows: NewRows,
    lifecycle: &'a LifecycleSettings,
}

/// A family of the file: its worker's NIK and its rows, as indexes into the table's rows (the
/// worker's row first when the file has it).
struct Family {
    worker_nik: String,
    rows: Vec<usize>,
}

/// The families of the file in the order of their first row, from three cells of each row; and
/// the file's own rule that a NIK appears once.
fn families(run: &mut Run<'_>, table: &Table, columns: &Columns) -> Vec<Family> {
    // A fast hash: three lookups for every row of the file.
    let mut seen: foldhash::HashMap<Cow<'_, str>, usize> =
        foldhash::HashMap::with_capacity_and_hasher(table.len(), Default::default());
    let mut by_worker: foldhash::HashMap<Cow<'_, str>, usize> = foldhash::HashMap::default();
    let mut families: Vec<Family> = Vec::new();
    for (i, cells) in table.rows().enumerate() {
        let row = cells.number;
        let (nik, worker_nik) = family_of(columns, cells);
        if !nik.is_empty() {
            if let Some(first) = seen.get(&nik) {
                let f = Finding::error(
                    "nik",
                    "nik_duplicate_in_file",
                    format!("NIK ini sudah ada di baris {first} berkas ini."),
                    format!("This NIK is already on row {first} of this file."),
                );
                run.error(row, &f);
                continue;
            }
            seen.insert(nik.clone(), row);
        }
        let is_worker = worker_nik.is_none();
        let key = worker_nik.unwrap_or(nik);
        let at = *by_worker.entry(key).or_insert_with_key(|key| {
            families.push(Family { worker_nik: key.to_string(), rows: Vec::new() });
            families.len() - 1
        });
        if is_worker {
            families[at].rows.insert(0, i);
        } else {
            families[at].rows.push(i);
        }
    }
    families
}

/// A family with a wrong row: still every other error of the form's rules at once, so one round
/// of fixes suffices; and its other rows are not imported either (a family is written with its
/// worker or not at all).
fn wrong_family(run: &mut Run<'_>, group: &Group, findings: &[(usize, Finding)]) {
    for (row, f) in findings {
        run.error(*row, f);
    }
    for r in group.rows().filter(|r| !run.bad_rows.contains(r)).collect::<Vec<_>>() {
        run.error(
            r,
            &Finding::error(
                "nik_peserta",
                "family_row_invalid",
                "Baris lain dari keluarga ini salah; keluarga ini tidak diimpor.",
                "Another row of this family is wrong; this family is not imported.",
            ),
        );
    }
}

/// Reports (and, when writing, plans) a checked family, in the file's order.
fn report_family(
    conn: &mut DbConn,
    run: &mut Run<'_>,
    group: &Group,
    verdict: Verdict<'_>,
    stored: &Stored,
    mode: ImportMode,
    writing: &mut Option<Writing<'_>>,
) -> Result<(), Abort> {
    // All or nothing: after the first error nothing more is written (it would be rolled back),
    // but every row is still checked and counted.
    if mode == ImportMode::AllOrNothing && !run.bad_rows.is_empty() {
        *writing = None;
    }
    match verdict {
        Verdict::New(new) => new_worker(run, group, *new, writing),
        Verdict::Refused(e) => run.refusal(group, e),
        Verdict::Stored => {
            let Some(worker) = stored.workers.get(&group.worker_nik) else { return Ok(()) };
            let before = (run.report.created, run.report.updated, run.report.unchanged);
            let errors_before = run.bad_rows.len();
            // Each stored family in a savepoint: a refused one leaves no trace.
            let outcome = conn.transaction::<(), Abort, _>(|conn| {
                stored_worker(conn, run, group, worker)?;
                if run.bad_rows.len() > errors_before {
                    return Err(Abort::Rollback(Box::default()));
                }
                Ok(())
            });
            match outcome {
                Err(Abort::Rollback(_)) => {
                    (run.report.created, run.report.updated, run.report.unchanged) = before;
                    Ok(())
                }
                other => other,
            }
        }
        Verdict::Missing => {
            worker_missing(run, group);
            Ok(())
        }
    }
}

/// Runs the import `id` of `job` (see [`run::run`], which records it). Missing required columns
/// answer 422 before any row is read. `progress` counts the rows done, for whoever watches.
pub fn import(
    conn: &mut DbConn,
    actor: &Actor,
    job: &Job,
    id: &str,
    progress: &AtomicUsize,
) -> Result<ImportReport, ApiError> {
    let Job { table, mode, dry_run, lang, today, .. } = job;
    let (mode, dry_run, lang, today) = (*mode, *dry_run, *lang, *today);
    let columns = Columns::map(&table.headers);
    if !columns.missing.is_empty() {
        return Err(ApiError::Validation(
            columns
                .missing
                .iter()
                .map(|c| {
                    Finding::error(
                        *c,
                        "column_missing",
                        format!("Kolom wajib \u{201c}{c}\u{201d} tidak ada di baris judul."),
                        format!("The required column \u{201c}{c}\u{201d} is not in the header row."),
                    )
                })
                .collect(),
        ));
    }
    set_sqlite_cache_kib(conn, SQLITE_CACHE_KIB)?;
    let result = write_transaction(conn, |conn| -> Result<ImportReport, Abort> {
        imports_db::hold_while_running(conn, id)?;
        // PostgreSQL plans from statistics that do not count the rows this transaction wrote, so
        // after the first chunks it would scan the growing tables for each chunk's lookups (20k
        // rows: 6.0 s of checking instead of 0.9 s). Every lookup here is by an indexed key.
        if let DbConn::Postgres(pg) = conn {
            diesel::connection::SimpleConnection::batch_execute(pg, "SET LOCAL enable_seqscan = off")?;
        }
        workers_db::lock_niks(conn)?;
        let companies: HashMap<String, ClientCompany> =
            client_companies::list(conn)?.into_iter().filter(|c| c.active).map(|c| (c.code.clone(), c)).collect();
        let lifecycle = crate::lifecycle::settings(conn)?;
        let mut run = Run {
            actor,
            today,
            lang,
            report: ImportReport { dry_run, rows_total: table.len(), ..ImportReport::default() },
            bad_rows: HashSet::new(),
        };
        for name in &columns.unknown {
            run.report.warnings.push(CellFinding {
                row: 1,
                column: name.clone(),
                code: "column_unknown".into(),
                message: lang
                    .pick("Kolom tidak dikenal; isinya diabaikan.", "Unknown column; its values are ignored.")
                    .into(),
            });
        }
        let started = std::time::Instant::now();
        let families = families(&mut run, table, &columns);
        let grouped = started.elapsed();
        let (mut checking, mut writing_time) = (std::time::Duration::ZERO, std::time::Duration::ZERO);
        let mut writing = (!dry_run).then(|| Writing { rows: NewRows::default(), lifecycle: &lifecycle });
        let rules = Rules { table, columns: &columns, companies: &companies, today };
        std::thread::scope(|scope| -> Result<(), Abort> {
            let checkers = Checkers::start(scope, &rules);
            for chunk in families.chunks(FAMILIES_PER_CHUNK) {
                let chunk_started = std::time::Instant::now();
                let stored = Arc::new(Stored::load(conn, table, &columns, chunk)?);
                let checked = checkers.chunk(chunk, &stored)?;
                // What reading the chunk's rows found first, then each family's outcome, as when
                // the rows were read one after the other.
                for Checked { read, .. } in &checked {
                    for (row, f) in read {
                        run.finding(*row, f);
                    }
                }
                for Checked { group, verdict, .. } in checked {
                    match verdict {
                        Ok(verdict) => report_family(conn, &mut run, &group, verdict, &stored, mode, &mut writing)?,
                        Err(findings) => wrong_family(&mut run, &group, &findings),
                    }
                }
                let checked = std::time::Instant::now();
                checking += checked - chunk_started;
                if let Some(w) = writing.as_mut() {
                    w.rows.write(conn)?;
                }
                writing_time += checked.elapsed();
                progress.fetch_add(chunk.iter().map(|f| f.rows.len()).sum(), Ordering::Relaxed);
            }
            Ok(())
        })?;
        // Where a large import's time goes, for whoever tunes it.
        tracing::info!(
            rows = table.len(),
            grouping_ms = grouped.as_millis(),
            checking_ms = checking.as_millis(),
            writing_ms = writing_time.as_millis(),
            "import checked"
        );
        run.report.rows_valid = run.report.rows_total.saturating_sub(run.bad_rows.len());
        run.report.errors.sort_by(|a, b| (a.row, &a.column).cmp(&(b.row, &b.column)));
        let keep = !dry_run && (mode == ImportMode::ValidRows || run.report.errors.is_empty());
        audit::record(
            conn,
            actor,
            Change::new("import.workers", "import", actor.request_id.as_deref()).after(&json!({
                "rows_total": run.report.rows_total, "rows_valid": run.report.rows_valid,
                "created": run.report.created, "updated": run.report.updated, "unchanged": run.report.unchanged,
                "errors": run.report.errors.len(), "mode": mode, "dry_run": dry_run, "committed": keep,
            })),
        )?;
        if keep {
            Ok(run.report)
        } else {
            Err(Abort::Rollback(Box::new(run.report)))
        }
    });
    set_sqlite_cache_kib(conn, 2_000)?;
    match result {
        Ok(report) => Ok(report),
        Err(Abort::Rollback(report)) => Ok(*report),
        Err(Abort::Failed(e)) => Err(e),
    }
}

fn set_sqlite_cache_kib(conn: &mut DbConn, kib: u32) -> Result<(), ApiError> {
    use diesel::connection::SimpleConnection;
    if let DbConn::Sqlite(sqlite) = conn {
        sqlite.batch_execute(&format!("PRAGMA cache_size = -{kib}"))?;
    }
    Ok(())
}
