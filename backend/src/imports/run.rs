//! An import as a recorded run: the record is written before the import's transaction starts and
//! after it ends, and the rows done so far are kept in memory meanwhile (the transaction cannot
//! be looked into), so `GET /api/v1/imports/{id}` can show a progress bar for a large file.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use chrono::{NaiveDate, NaiveDateTime};
use tertib_domain::import::{ImportMode, ImportReport, ImportState, ImportStatus, Table};
use tertib_domain::Lang;

use crate::db::audit::Actor;
use crate::db::imports::{self as imports_db, ImportRecord};
use crate::db::{code_of, from_code, now, Db};
use crate::error::ApiError;

/// The imports this process is running, with their rows done.
#[derive(Debug, Clone, Default)]
pub struct Running(Arc<Mutex<HashMap<String, Arc<AtomicUsize>>>>);

impl Running {
    fn start(&self, id: &str) {
        if let Ok(mut map) = self.0.lock() {
            map.insert(id.to_string(), Arc::default());
        }
    }

    fn counter(&self, id: &str) -> Arc<AtomicUsize> {
        self.0.lock().ok().and_then(|map| map.get(id).cloned()).unwrap_or_default()
    }

    fn end(&self, id: &str) {
        if let Ok(mut map) = self.0.lock() {
            map.remove(id);
        }
    }

    fn rows_done(&self, id: &str) -> Option<usize> {
        self.0.lock().ok()?.get(id).map(|d| d.load(Ordering::Relaxed))
    }
}

/// What is imported, how.
pub struct Job {
    pub table: Table,
    pub file_name: String,
    pub mode: ImportMode,
    pub dry_run: bool,
    pub lang: Lang,
    pub today: NaiveDate,
}

/// Records the import as running (in the database, and in `running` for its progress); answers
/// its id, which names the import in the audit log.
pub async fn record_start(db: &Db, running: &Running, actor: &Actor, job: &Job) -> Result<String, ApiError> {
    let record = ImportRecord {
        id: crate::db::new_id(),
        kind: "workers".into(),
        file_name: job.file_name.chars().take(200).collect(),
        dry_run: job.dry_run,
        mode: code_of(&job.mode),
        state: code_of(&ImportState::Running),
        rows_total: i64::try_from(job.table.len()).unwrap_or(i64::MAX),
        report_json: None,
        error: String::new(),
        started_by: actor.id.clone(),
        started_by_label: actor.label.clone(),
        started_at: now(),
        finished_at: None,
    };
    let id = record.id.clone();
    db.run(move |conn| Ok(imports_db::insert(conn, &record)?)).await?;
    running.start(&id);
    Ok(id)
}

/// Runs the import recorded by [`record_start`] and records how it ended.
pub async fn run(db: Db, running: Running, mut actor: Actor, id: String, job: Job) -> Result<ImportReport, ApiError> {
    actor.request_id = Some(format!("import:{id}"));
    let done = running.counter(&id);
    let import_id = id.clone();
    let lang = job.lang;
    let outcome = db.run(move |conn| super::import(conn, &actor, &job, &import_id, &done)).await;
    let (state, report_json, error) = match &outcome {
        Ok(report) => (ImportState::Done, serde_json::to_string(report).ok(), String::new()),
        // In the language of whoever started it, who is the one to read it.
        Err(e) => (ImportState::Failed, None, e.body(lang).message),
    };
    let at = now();
    let finished = db
        .run({
            let id = id.clone();
            move |conn| Ok(imports_db::finish(conn, &id, &code_of(&state), report_json.as_deref(), &error, at)?)
        })
        .await;
    if let Err(e) = finished {
        tracing::error!(error = %e, "the end of an import was not recorded");
    }
    // Only now: until its end is recorded, the import must not look abandoned.
    running.end(&id);
    outcome
}

fn utc(at: NaiveDateTime) -> chrono::DateTime<chrono::Utc> {
    at.and_utc()
}

/// The import as the API shows it.
pub async fn status(db: &Db, running: &Running, id: String, lang: Lang) -> Result<ImportStatus, ApiError> {
    let rows_done = running.rows_done(&id);
    let (record, abandoned) = db
        .run(move |conn| {
            let record = imports_db::find(conn, &id)?.ok_or(ApiError::NotFound)?;
            let abandoned = rows_done.is_none() && record.state == "running" && imports_db::abandoned(conn, &id)?;
            Ok((record, abandoned))
        })
        .await?;
    let mut state: ImportState = from_code(&record.state).unwrap_or(ImportState::Failed);
    if abandoned {
        state = ImportState::Interrupted;
    }
    let rows_total = usize::try_from(record.rows_total).unwrap_or(0);
    let report: Option<ImportReport> = record.report_json.as_deref().and_then(|j| serde_json::from_str(j).ok());
    let error = match state {
        ImportState::Interrupted => Some(
            lang.pick(
                "Server berhenti di tengah impor; tidak ada data dari berkas ini yang tersimpan. Impor ulang berkasnya.",
                "The server stopped in the middle of the import; nothing of this file was stored. Import the file again.",
            )
            .to_string(),
        ),
        ImportState::Failed => Some(record.error.clone()),
        ImportState::Running | ImportState::Done => None,
    };
    Ok(ImportStatus {
        id: record.id,
        state,
        dry_run: record.dry_run,
        mode: from_code(&record.mode).unwrap_or_default(),
        file_name: record.file_name,
        rows_total,
        rows_done: match state {
            ImportState::Done => rows_total,
            _ => rows_done.unwrap_or(0),
        },
        started_by: record.started_by_label,
        started_at: utc(record.started_at),
        finished_at: record.finished_at.map(utc),
        report,
        error,
    })
}
