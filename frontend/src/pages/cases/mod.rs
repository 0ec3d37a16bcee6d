//! Cases: the board (`/kasus`) and one case (`/kasus/:id`), where staff work through a procedure
//! (registration, transfer, deactivation, family change): the checklist, documents, the steps
//! their role may take, notes and the case's history.
//!
//! Everything a case may do comes from the server (`allowed_actions`, the checklist with what is
//! done); the page shows it and names, in the domain's words, what a refused step still needs.
//!
//! Test ids (`data-testid`) the browser tests rely on: on the board `cases-table`, `case-row`
//! (with `data-case-id`, `data-kind`, `data-state`), `case-link`, `cases-filter-state` (values:
//! empty for unfinished, a state, or `any`), `cases-filter-kind`, `cases-tab-all`,
//! `cases-tab-mine`, `cases-overdue`, `cases-count`, `cases-prev`/`cases-next`. On a case's page
//! `case-page`, `case-title`, `case-state` (with `data-state`), `case-due` (with
//! `data-overdue`), `case-worker-link`, `case-blocking`, `case-assignee`, `case-assign-me`,
//! `case-unassign`, `case-assignee-pick`, `case-assign`, `case-due-input`, `case-due-save`,
//! `case-action-<action>` (one button per allowed step), `case-step-form`, `case-step-reason`,
//! `case-step-noka`, `case-step-confirm`, `case-step-error` (with `data-code`), `case-conflict`,
//! `checklist`, `checklist-item` (with `data-key`, `data-done`), `checklist-tick`,
//! `document-upload` (a checklist item's file input, with `data-kind`), `document-upload-other` (with
//! `document-other-kind`), `upload-error`, `documents-table`,
//! `document-download`, `note-body`, `note-submit`, `notes-list`, `previous-form` and its
//! controls (`previous-segment`, `previous-status`, `previous-employer`, `previous-follow-up`,
//! `previous-submit`), and `case-history` (entries `timeline-entry` with `data-action`).

mod board;
mod checklist;
mod detail;
mod documents;
mod notes;
mod previous;
mod steps;
mod table;
mod work;

pub use board::CasesPage;
pub use detail::CasePage;
pub use table::CasesTable;
