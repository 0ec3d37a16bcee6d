//! Exporting the portal's list as CSV for Excel: every page of the current search and status
//! filter (100 workers a request), put together in the browser. The portal limits a client
//! company's user to some requests a minute (120 unless the server is set otherwise): an export
//! that meets the limit waits and goes on.

use std::time::Duration;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use tertib_domain::portal::PortalWorker;
use tertib_domain::{ErrorCode, Lang};

use super::portal_query;
use crate::api::{self, ApiFailure};
use crate::components::table::Paged;
use crate::files::{excel_csv, save_file};
use crate::i18n::{self, T};
use crate::session::{use_session, Session};

const PER_REQUEST: u32 = 100;
/// Waits after a "too many requests" before the export gives up.
const PATIENCE: u32 = 6;

/// Where an export stands.
#[derive(Debug, Clone, PartialEq)]
enum Progress {
    /// Pages read so far, of how many.
    Reading(u32, u32),
    /// Over the portal's rate: waiting a little before the next page.
    Waiting,
    Done(usize),
    Failed(ApiFailure),
}

/// Waits `duration` without holding up the page.
async fn pause(duration: Duration) {
    let (done, waited) = futures::channel::oneshot::channel::<()>();
    set_timeout(
        move || {
            let _ = done.send(());
        },
        duration,
    );
    let _ = waited.await;
}

/// Every worker of the list as filtered now, page after page.
async fn every_worker(
    session: Session,
    q: &str,
    status: &str,
    progress: RwSignal<Option<Progress>>,
) -> Result<Vec<PortalWorker>, ApiFailure> {
    let mut all = Vec::new();
    let (mut page, mut waits) = (1u32, 0u32);
    loop {
        match api::portal_workers(session, &portal_query(q, status, page, PER_REQUEST)).await {
            Ok(answer) => {
                let pages = answer.pages();
                all.extend(answer.items);
                progress.set(Some(Progress::Reading(page, pages)));
                if page >= pages {
                    return Ok(all);
                }
                page += 1;
            }
            Err(failure) if failure.code() == Some(ErrorCode::RateLimited) && waits < PATIENCE => {
                waits += 1;
                progress.set(Some(Progress::Waiting));
                pause(Duration::from_secs(10)).await;
            }
            Err(failure) => return Err(failure),
        }
    }
}

/// The spreadsheet: a header in `lang`, then one row a worker, as the table shows them.
fn rows(workers: &[PortalWorker], lang: Lang, moment: impl Fn(&DateTime<Utc>) -> String) -> Vec<Vec<String>> {
    let header = [
        T::ColName,
        T::ColNik,
        T::Noka,
        T::EmployeeNumber,
        T::ColStatus,
        T::StatusSince,
        T::PlacedFrom,
        T::PlacedUntil,
        T::LastChange,
    ]
    .map(|t| t.get(lang).to_string())
    .to_vec();
    let day = |d: Option<chrono::NaiveDate>| d.as_ref().map(i18n::day).unwrap_or_default();
    let mut out = vec![header];
    out.extend(workers.iter().map(|w| {
        vec![
            w.full_name.clone(),
            w.nik.clone(),
            w.noka.clone().unwrap_or_default(),
            w.employee_number.clone(),
            w.status.label(lang).to_string(),
            day(w.status_since),
            day(Some(w.placed_from)),
            day(w.placed_until),
            moment(&w.updated_at),
        ]
    }));
    out
}

/// "pekerja-2026-11-25.csv".
fn file_name(today: chrono::NaiveDate) -> String {
    format!("pekerja-{}.csv", today.format("%Y-%m-%d"))
}

/// Exports what the list holds now (search and status), every page of it.
#[component]
pub fn ExportButton(q: RwSignal<String>, status: RwSignal<String>) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let progress: RwSignal<Option<Progress>> = RwSignal::new(None);
    let busy = move || matches!(progress.get(), Some(Progress::Reading(..) | Progress::Waiting));
    let export = move |_| {
        if busy() {
            return;
        }
        let (q, status) = (q.get_untracked(), status.get_untracked());
        progress.set(Some(Progress::Reading(0, 1)));
        leptos::task::spawn_local(async move {
            let done = match every_worker(session, &q, &status, progress).await {
                Ok(workers) => {
                    let lang = lang.get_untracked();
                    let csv = excel_csv(&rows(&workers, lang, |at| i18n::datetime(lang, at)));
                    match save_file(csv.as_bytes(), &file_name(i18n::today()), "text/csv;charset=utf-8") {
                        Ok(()) => Progress::Done(workers.len()),
                        Err(_) => Progress::Failed(ApiFailure::Unexpected { status: 200 }),
                    }
                }
                Err(failure) => Progress::Failed(failure),
            };
            progress.set(Some(done));
        });
    };
    let words = move || {
        let lang = lang.get();
        progress.with(|p| match p {
            None => None,
            Some(Progress::Reading(page, pages)) => Some(i18n::export_progress(lang, *page, *pages)),
            Some(Progress::Waiting) => Some(T::ExportWaiting.get(lang).to_string()),
            Some(Progress::Done(n)) => Some(i18n::exported(lang, *n)),
            Some(Progress::Failed(failure)) => Some(failure.message(lang)),
        })
    };
    view! {
        <button
            type="button"
            class="button button-small"
            data-testid="portal-export"
            disabled=busy
            on:click=export
        >
            {move || T::ExportCsv.get(lang.get())}
        </button>
        <span
            class="hint"
            class:field-error=move || matches!(progress.get(), Some(Progress::Failed(_)))
            role="status"
            data-testid="portal-export-status"
        >
            {words}
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tertib_domain::portal::PortalStatus;

    #[test]
    fn a_worker_becomes_a_row_as_the_table_shows_it() {
        let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let worker = PortalWorker {
            id: "w1".into(),
            full_name: "Siti Aminah".into(),
            nik: "3174********0001".into(),
            noka: None,
            employee_number: "EMP-0001".into(),
            status: PortalStatus::RegistrationInProgress,
            status_since: Some(day("2026-01-02")),
            placed_from: day("2026-01-02"),
            placed_until: None,
            updated_at: DateTime::parse_from_rfc3339("2026-11-25T03:00:00Z").unwrap().with_timezone(&Utc),
        };
        let out = rows(&[worker], Lang::Id, |at| at.to_rfc3339());
        assert_eq!(out[0][0], "Nama");
        assert_eq!(out[0].len(), out[1].len());
        assert_eq!(
            out[1],
            [
                "Siti Aminah",
                "3174********0001",
                "",
                "EMP-0001",
                "pendaftaran diproses",
                "02-01-2026",
                "02-01-2026",
                "",
                "2026-11-25T03:00:00+00:00"
            ]
        );
        assert_eq!(rows(&[], Lang::En, |at| at.to_rfc3339())[0][4], "Status");
        assert_eq!(file_name(day("2026-11-25")), "pekerja-2026-11-25.csv");
    }
}
