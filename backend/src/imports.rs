//! Importing a roster: every row through the same rules and the same registry writes as the forms
//! (so new workers open their registration or transfer exactly as the form does), plus the file's
//! own rules (a NIK twice in the file, a family row without its worker, an unknown client
//! company). The whole file is one transaction: all or nothing by default, or only the valid
//! rows (`valid_rows`, each worker with its family in a savepoint of its own); a dry run does
//! everything and rolls it back, so its counts are exactly what a commit would do. Importing the
//! same file again changes nothing (`unchanged`): rows are matched by NIK.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use diesel::Connection;
use serde_json::{json, Map, Value};
use tertib_domain::family::FamilyMemberDraft;
use tertib_domain::family::Relation;
use tertib_domain::import::{
    extra_member_relation, CellFinding, Columns, ImportMode, ImportReport, ParsedRow, RowKind, Table,
};
use tertib_domain::person::parse_date;
use tertib_domain::registry::NewWorker;
use tertib_domain::worker::{validate_worker, WorkerDraft};
use tertib_domain::{Finding, Lang};

use crate::db::audit::{self, Actor, Change};
use crate::db::{client_companies, family as family_db, new_id, workers as workers_db, write_transaction, DbConn};
use crate::error::ApiError;
use crate::registry;

/// A worker row with the family rows that name it.
struct Group {
    worker: Option<ParsedRow>,
    worker_nik: String,
    members: Vec<ParsedRow>,
}

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

    fn findings(&mut self, row: usize, findings: &[Finding]) {
        for f in findings {
            if f.is_error() {
                self.error(row, f);
            } else {
                self.report.warnings.push(CellFinding::of(row, f, self.lang));
            }
        }
    }

    /// A registry refusal, put at the rows and columns it is about.
    fn refusal(&mut self, group: &Group, e: ApiError) -> Result<(), Abort> {
        let worker_row =
            group.worker.as_ref().map(|w| w.row).unwrap_or_else(|| group.members.first().map_or(0, |m| m.row));
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

fn with_resolved_relation(mut m: FamilyMemberDraft, worker_birth: &str) -> FamilyMemberDraft {
    if m.relation == Some(Relation::ExtraChild) {
        m.relation = Some(extra_member_relation(&m, worker_birth));
    }
    m
}

fn process_group(
    conn: &mut DbConn,
    run: &mut Run<'_>,
    group: &Group,
    companies: &HashMap<String, String>,
) -> Result<(), Abort> {
    let stored = workers_db::find_by_nik(conn, &group.worker_nik)?;
    match (&group.worker, stored) {
        (Some(row), None) => {
            let RowKind::Worker { draft, company_code } = &row.kind else { return Ok(()) };
            let mut draft = (**draft).clone();
            draft.family = group
                .members
                .iter()
                .filter_map(|m| match &m.kind {
                    RowKind::Member { draft: d, .. } => Some(with_resolved_relation(d.clone(), &draft.birth_date)),
                    RowKind::Worker { .. } => None,
                })
                .collect();
            let company_id = company_code.as_ref().and_then(|c| companies.get(c)).cloned();
            let settings = match &company_id {
                Some(id) => client_companies::find(conn, id)?.map(|c| c.validation_settings()).unwrap_or_default(),
                None => Default::default(),
            };
            let findings = validate_worker(&draft, run.today, &settings);
            if findings.iter().any(Finding::is_error) {
                return run.refusal(group, ApiError::Validation(findings));
            }
            let members = draft.family.len();
            match registry::workers::create(
                conn,
                run.actor,
                run.today,
                NewWorker { worker: draft, client_company_id: company_id },
            ) {
                Ok(_) => {
                    run.findings(
                        row.row,
                        &findings.iter().filter(|f| member_field(&f.field).is_none()).cloned().collect::<Vec<_>>(),
                    );
                    run.report.created += 1 + members;
                }
                Err(e) => run.refusal(group, e)?,
            }
        }
        (worker_row, Some(worker)) => {
            if let Some(row) = worker_row {
                if let RowKind::Worker { draft, .. } = &row.kind {
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
                        let own: Vec<Finding> =
                            findings.into_iter().filter(|f| member_field(&f.field).is_none()).collect();
                        for f in own.iter().filter(|f| f.is_error()) {
                            run.error(m.row, f);
                        }
                    }
                    Err(e) => run.refusal(&single, e)?,
                }
            }
        }
        (None, None) => {
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
    }
    Ok(())
}

/// The form's rules on a family that will not be written (some row is already wrong), for their
/// findings only.
fn rules_only(run: &mut Run<'_>, group: &Group) {
    let Some(RowKind::Worker { draft, .. }) = group.worker.as_ref().map(|w| &w.kind) else { return };
    let worker_row = group.worker.as_ref().map_or(0, |w| w.row);
    let mut draft = (**draft).clone();
    draft.family = group
        .members
        .iter()
        .filter_map(|m| match &m.kind {
            RowKind::Member { draft: d, .. } => Some(with_resolved_relation(d.clone(), &draft.birth_date)),
            RowKind::Worker { .. } => None,
        })
        .collect();
    for f in validate_worker(&draft, run.today, &Default::default()).into_iter().filter(Finding::is_error) {
        let (row, field) = member_field(&f.field)
            .and_then(|(i, rest)| group.members.get(i).map(|m| (m.row, rest.to_string())))
            .unwrap_or((worker_row, f.field.clone()));
        let column = tertib_domain::import::column_of(&field).to_string();
        if run.report.errors.iter().any(|e| e.row == row && e.column == column) {
            continue;
        }
        let mut g = f.clone();
        g.field = field;
        run.error(row, &g);
    }
}

/// Imports `table`. Missing required columns answer 422 before any row is read.
pub fn import(
    conn: &mut DbConn,
    actor: &Actor,
    today: NaiveDate,
    table: &Table,
    mode: ImportMode,
    dry_run: bool,
    lang: Lang,
) -> Result<ImportReport, ApiError> {
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
    let mut run = Run {
        actor,
        today,
        lang,
        report: ImportReport { dry_run, rows_total: table.rows.len(), ..ImportReport::default() },
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
    let rows: Vec<ParsedRow> =
        table.rows.iter().map(|(n, cells)| tertib_domain::import::parse_row(&columns, *n, cells)).collect();

    let result = write_transaction(conn, |conn| -> Result<ImportReport, Abort> {
        // Client companies by code.
        let mut companies: HashMap<String, String> = HashMap::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut groups: BTreeMap<String, Group> = BTreeMap::new();
        let mut order: Vec<String> = Vec::new();
        for row in &rows {
            run.findings(row.row, &row.findings);
            if let Some(first) = seen.get(&row.nik).filter(|_| !row.nik.is_empty()) {
                let f = Finding::error(
                    "nik",
                    "nik_duplicate_in_file",
                    format!("NIK ini sudah ada di baris {first} berkas ini."),
                    format!("This NIK is already on row {first} of this file."),
                );
                run.error(row.row, &f);
                continue;
            }
            seen.insert(row.nik.clone(), row.row);
            let key = match &row.kind {
                RowKind::Worker { company_code: Some(code), .. } => {
                    if !companies.contains_key(code) {
                        match client_companies::find_by_code(conn, code)? {
                            Some(c) if c.active => {
                                companies.insert(code.clone(), c.id);
                            }
                            _ => {
                                let f = Finding::error(
                                    "perusahaan_klien",
                                    "client_company_unknown",
                                    format!("Tidak ada perusahaan klien aktif dengan kode \u{201c}{code}\u{201d}."),
                                    format!("No active client company has the code \u{201c}{code}\u{201d}."),
                                );
                                run.error(row.row, &f);
                            }
                        }
                    }
                    row.nik.clone()
                }
                RowKind::Worker { .. } => row.nik.clone(),
                RowKind::Member { worker_nik, .. } => worker_nik.clone(),
            };
            if !groups.contains_key(&key) {
                order.push(key.clone());
                groups.insert(key.clone(), Group { worker: None, worker_nik: key.clone(), members: Vec::new() });
            }
            if let Some(g) = groups.get_mut(&key) {
                match row.kind {
                    RowKind::Worker { .. } => g.worker = Some(row.clone()),
                    RowKind::Member { .. } => g.members.push(row.clone()),
                }
            }
        }
        for key in order {
            let Some(group) = groups.remove(&key) else { continue };
            let rows_of_group: Vec<usize> = group.worker.iter().chain(&group.members).map(|r| r.row).collect();
            if rows_of_group.iter().any(|r| run.bad_rows.contains(r)) {
                // Still every other finding of the form's rules at once, so one round of fixes
                // suffices (a cell already found unreadable is not named twice).
                rules_only(&mut run, &group);
                // A family is written with its worker or not at all.
                for r in rows_of_group.iter().filter(|r| !run.bad_rows.contains(r)).copied().collect::<Vec<_>>() {
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
                continue;
            }
            let before = (run.report.created, run.report.updated, run.report.unchanged);
            let errors_before = run.bad_rows.len();
            // Each family in a savepoint: a refused one leaves no trace in `valid_rows` mode.
            let outcome = conn.transaction::<(), Abort, _>(|conn| {
                process_group(conn, &mut run, &group, &companies)?;
                if run.bad_rows.len() > errors_before {
                    return Err(Abort::Rollback(Box::default()));
                }
                Ok(())
            });
            match outcome {
                Ok(()) => {}
                Err(Abort::Rollback(_)) => {
                    (run.report.created, run.report.updated, run.report.unchanged) = before;
                }
                Err(e) => return Err(e),
            }
        }
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
            Ok(run.report.clone())
        } else {
            Err(Abort::Rollback(Box::new(run.report.clone())))
        }
    });
    match result {
        Ok(report) => Ok(report),
        Err(Abort::Rollback(report)) => Ok(*report),
        Err(Abort::Failed(e)) => Err(e),
    }
}

/// A fresh id naming one import in the audit log.
pub fn import_id() -> String {
    format!("import:{}", new_id())
}
