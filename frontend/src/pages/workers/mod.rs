//! The worker registry: the list (`/pekerja`), the form for a new worker (`/pekerja/baru`) and a
//! worker's page (`/pekerja/:id`), where directors and HR change the worker and their family.
//!
//! Forms run the rules of `tertib_domain` (the same code the server runs) while they are filled,
//! and a change is sent with the version it was read at: when someone else saved first, the form
//! says so and offers the record as it is now.
//!
//! Test ids (`data-testid`) the browser tests rely on: `worker-form` and its controls
//! (`worker-nik`, `worker-phone`, …, `worker-submit`, `worker-cancel`), `worker-edit` and
//! `worker-saved` on the worker's page, the facts (`worker-phone-value`, …), `family-row`
//! (with `data-member-name`), `member-edit`, `member-remove`, `member-remove-confirm`,
//! `member-form` and its controls (`member-relation`, `member-nik`, `member-name`,
//! `member-birth-date`, `member-gender`, `member-submit`), `family-note`, `kk-history-table`
//! `workers-sort`, and the export buttons `workers-export-csv`, `workers-export-xlsx` (with
//! `workers-export-status`). A field's error is `field-error-<control id>`.
//!
//! The membership on the worker's page: `worker-membership` (the status badge, with
//! `data-status`, and since when), `worker-cases` (the cases, rows `case-row`),
//! `membership-history` (rows `membership-event`), the family's `family-membership` cells,
//! `termination-form` and its controls (`termination-date`, `termination-reason`,
//! `termination-submit`), `termination-outcome` with `termination-case-link`,
//! `worker-terminated`, `arrears-table` (rows `arrears-row` with `data-status`, `arrears-paid`,
//! `arrears-waive`, `arrears-evidence`, `arrears-confirm`), `arrears-form` and its controls
//! (`arrears-person`, `arrears-source`, `arrears-months`, `arrears-amount`,
//! `arrears-note-input`, `arrears-submit`), `arrears-note`, and `worker-history` (the
//! "Riwayat", entries `timeline-entry` with `data-action`).

mod arrears;
mod checks;
pub(crate) mod choices;
mod detail;
mod drafts;
mod facts;
mod family;
mod form;
mod kk_history;
mod lifecycle;
mod list;
mod member_form;
mod new;
mod nik_preview;
mod placements;

pub use detail::WorkerDetailPage;
pub use list::WorkersPage;
pub use new::NewWorkerPage;
