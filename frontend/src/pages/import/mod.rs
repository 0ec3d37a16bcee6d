//! Roster import (`/impor`), for directors and HR: a CSV or Excel (XLSX) file dropped or picked,
//! read for a preview (a CSV file here, with the domain's own reader; an Excel file by the server,
//! `POST /imports/workers/rows`, which answers its rows exactly as the import reads them, so the
//! page does not carry a zip and XML reader), checked by the server without writing anything
//! ("Periksa": what would be created, updated or left unchanged, and every wrong cell with its
//! message on the file's own row and column), then imported all or nothing or only the valid
//! rows. The file comes back (as CSV, whatever it was) with a `kesalahan` column to fix in the
//! spreadsheet.
//!
//! Both the check and the import run in the server's background (`background=true`): the page
//! asks `GET /imports/{id}` how far it is every [`POLL_EVERY`] and shows a progress bar of the rows
//! done until the import is no longer running, then its report (or why it failed). It stops
//! asking when the page is left; the import itself goes on on the server. A file without a
//! required column is sent without `background`, so the server's refusal names the columns.
//!
//! Test ids: `import-page`, `import-template` (CSV), `import-template-xlsx`, `import-dropzone`,
//! `import-file` (the file input), `import-file-name`, `import-sheet` (an Excel file's sheet),
//! `import-edabu` (the file is e-Dabu's form), `import-read-error`, `import-mode-all_or_nothing`,
//! `import-mode-valid_rows`, `import-check`, `import-commit`, `import-errors-download`,
//! `import-progress` (the `<progress>` of the running or last import, with `data-state`, the
//! import's state `running`, `done`, `failed` or `interrupted`, and `data-rows-done`,
//! `data-rows-total`), `import-progress-text` ("12.345 dari 100.000 baris"), `import-refusal`
//! (items `import-refusal-item` with `data-field`), `import-report` (with `data-dry-run`),
//! `import-rows-total`, `import-rows-valid`, `import-created`, `import-updated`,
//! `import-unchanged`, `import-errors`, `import-warnings`, `import-outcome`,
//! `import-file-findings`, `import-preview-count`, `import-preview` (rows `import-row` with
//! `data-row`; cells with `data-column`, class `cell-error` or `cell-warning`),
//! `import-row-messages`, `import-only-marked`.

mod marks;

use std::time::Duration;

use leptos::prelude::*;
use tertib_domain::import::{
    read_csv, Columns, Form, ImportMode, ImportReport, ImportState, ImportStatus, Row, Table, TemplateFormat,
};
use tertib_domain::{ErrorCode, Lang};

use self::marks::{header_key, with_error_column, Marks};
use crate::api::{self, ApiFailure};
use crate::components::form::{CheckField, Msg};
use crate::components::shell::page_title;
use crate::files::{excel_csv, read_bytes, save_file};
use crate::i18n::{self, T};
use crate::pages::NotAllowedNote;
use crate::session::{use_session, Session};

/// Rows the preview shows at most (the file itself may hold many more).
const PREVIEW_ROWS: usize = 200;

/// Time between two looks at a running import.
const POLL_EVERY: Duration = Duration::from_millis(400);

/// Looks in a row that may find no server (a moment offline) before the page stops following an
/// import.
const POLL_MISSES: u32 = 5;

const XLSX_MEDIA: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// How a chosen file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileFormat {
    Csv,
    Xlsx,
}

impl FileFormat {
    fn media_type(self) -> &'static str {
        match self {
            FileFormat::Csv => "text/csv",
            FileFormat::Xlsx => XLSX_MEDIA,
        }
    }
}

/// The file chosen.
#[derive(Debug, Clone, PartialEq)]
struct Chosen {
    name: String,
    bytes: Vec<u8>,
    format: FileFormat,
    /// The file read for the preview, or why it cannot be read.
    table: Result<Table, Msg>,
}

/// A file's format by its first bytes (an XLSX file is a zip archive) or its name; an old
/// binary Excel file cannot be read.
fn format_of(name: &str, bytes: &[u8]) -> Result<FileFormat, Msg> {
    let lower = name.to_lowercase();
    if bytes.starts_with(b"PK\x03\x04") || lower.ends_with(".xlsx") {
        Ok(FileFormat::Xlsx)
    } else if lower.ends_with(".xls") {
        Err(Msg::Text(T::XlsNotSupported))
    } else {
        Ok(FileFormat::Csv)
    }
}

fn csv_table(bytes: &[u8]) -> Result<Table, Msg> {
    match std::str::from_utf8(bytes) {
        Ok(text) => read_csv(text).map_err(Msg::Finding),
        Err(_) => Err(Msg::Text(T::NotUtf8)),
    }
}

/// Why the server could not read the file, in its own words (the sheets the book has, say).
fn unread(failure: ApiFailure) -> Msg {
    match &failure {
        ApiFailure::Api { body, .. } if !body.details.is_empty() => {
            Msg::Server(body.details.iter().map(|d| d.message.as_str()).collect::<Vec<_>>().join(" "))
        }
        _ => Msg::Failure(failure),
    }
}

/// The chosen file read for the preview: a CSV file here, an Excel file (its sheet `sheet`, the
/// first when empty) by the server.
async fn read_chosen(session: Session, name: String, bytes: Vec<u8>, sheet: &str) -> Chosen {
    let (format, table) = match format_of(&name, &bytes) {
        Ok(FileFormat::Xlsx) => {
            let rows = api::import_rows(session, bytes.clone(), XLSX_MEDIA, sheet).await;
            (FileFormat::Xlsx, rows.map(Table::from).map_err(unread))
        }
        Ok(FileFormat::Csv) => (FileFormat::Csv, csv_table(&bytes)),
        Err(why) => (FileFormat::Csv, Err(why)),
    };
    Chosen { name, bytes, format, table }
}

/// Why the server gave no report.
#[derive(Debug, Clone, PartialEq)]
enum Refusal {
    /// The call was refused (a required column missing, say) or found no server.
    Api(ApiFailure),
    /// The import started, then failed or was cut short by the server stopping: the server's
    /// words. Nothing of the file was kept.
    Stopped(String),
}

impl Refusal {
    fn message(&self, lang: Lang) -> String {
        match self {
            Refusal::Api(failure) => failure.message(lang),
            Refusal::Stopped(error) if error.trim().is_empty() => ErrorCode::Internal.message(lang).to_string(),
            Refusal::Stopped(error) => error.clone(),
        }
    }

    /// The findings about fields (a missing column, say), as (field, message).
    fn details(&self) -> Vec<(Option<String>, String)> {
        match self {
            Refusal::Api(ApiFailure::Api { body, .. }) => {
                body.details.iter().map(|d| (d.field.clone(), d.message.clone())).collect()
            }
            _ => Vec::new(),
        }
    }
}

/// The server's last answer about the chosen file.
#[derive(Debug, Clone, PartialEq)]
struct Outcome {
    /// `None` for a check; the mode of an import.
    import: Option<ImportMode>,
    answer: Result<ImportReport, Refusal>,
}

impl Outcome {
    /// An import that wrote the file (or its valid rows).
    fn written(&self) -> bool {
        match (&self.import, &self.answer) {
            (Some(ImportMode::ValidRows), Ok(_)) => true,
            (Some(ImportMode::AllOrNothing), Ok(report)) => report.errors.is_empty(),
            _ => false,
        }
    }

    /// An all-or-nothing import refused because of the errors: nothing was written.
    fn refused(&self) -> bool {
        self.import == Some(ImportMode::AllOrNothing) && self.answer.as_ref().is_ok_and(|r| !r.errors.is_empty())
    }
}

/// What an import that is no longer running answered; `None` while it runs.
fn finished(status: &ImportStatus) -> Option<Result<ImportReport, Refusal>> {
    match status.state {
        ImportState::Running => None,
        ImportState::Done => Some(status.report.clone().ok_or(Refusal::Api(ApiFailure::Unexpected { status: 200 }))),
        ImportState::Failed | ImportState::Interrupted => {
            Some(Err(Refusal::Stopped(status.error.clone().unwrap_or_default())))
        }
    }
}

/// Waits `time` on a browser timer; the page goes on meanwhile.
async fn pause(time: Duration) {
    let (done, wait) = futures::channel::oneshot::channel::<()>();
    set_timeout(
        move || {
            let _ = done.send(());
        },
        time,
    );
    let _ = wait.await;
}

/// Follows a background import from its first status until it no longer runs, each status shown
/// in `progress`: its report, or why it gave none. `None` when the page was left meanwhile (its
/// signals are gone): nothing is asked or shown any more.
async fn follow(
    session: Session,
    first: ImportStatus,
    progress: RwSignal<Option<ImportStatus>>,
) -> Option<Result<ImportReport, Refusal>> {
    let id = first.id.clone();
    let mut latest = Some(first);
    let mut misses = 0;
    loop {
        if progress.is_disposed() {
            return None;
        }
        if let Some(status) = latest.take() {
            let end = finished(&status);
            progress.set(Some(status));
            if end.is_some() {
                return end;
            }
        }
        pause(POLL_EVERY).await;
        if progress.is_disposed() {
            return None;
        }
        match api::import_status(session, &id).await {
            Ok(status) => {
                latest = Some(status);
                misses = 0;
            }
            Err(ApiFailure::Network) if misses < POLL_MISSES => misses += 1,
            Err(failure) => return Some(Err(Refusal::Api(failure))),
        }
    }
}

/// "roster.csv" -> "roster-kesalahan.csv".
fn errors_file_name(name: &str) -> String {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    format!("{stem}-kesalahan.csv")
}

#[component]
pub fn ImportPage() -> impl IntoView {
    page_title(Some(T::ImportTitle));
    let session = use_session();
    let allowed = Memo::new(move |_| session.can_edit_registry());
    move || {
        if allowed.get() {
            view! { <Import /> }.into_any()
        } else {
            view! { <NotAllowedNote why=T::NotAllowedRegistry /> }.into_any()
        }
    }
}

#[component]
fn Import() -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let chosen: RwSignal<Option<Chosen>> = RwSignal::new(None);
    let reading = RwSignal::new(false);
    let outcome: RwSignal<Option<Outcome>> = RwSignal::new(None);
    let mode = RwSignal::new(ImportMode::AllOrNothing);
    let pending: RwSignal<Option<T>> = RwSignal::new(None);
    // The running (or last) import, as the server last counted it.
    let progress: RwSignal<Option<ImportStatus>> = RwSignal::new(None);
    // The sheet of an Excel file, as typed; empty for the first.
    let sheet = RwSignal::new(String::new());
    let on_file = Callback::new(move |file: web_sys::File| {
        reading.set(true);
        outcome.set(None);
        progress.set(None);
        sheet.set(String::new());
        leptos::task::spawn_local(async move {
            let name = file.name();
            let read = match read_bytes(&file).await {
                Some(bytes) => read_chosen(session, name, bytes, "").await,
                None => Chosen {
                    name,
                    bytes: Vec::new(),
                    format: FileFormat::Csv,
                    table: Err(Msg::Text(T::FileUnreadable)),
                },
            };
            chosen.set(Some(read));
            reading.set(false);
        });
    });
    let on_sheet = move |_| {
        let Some((name, bytes)) = chosen.with_untracked(|c| c.as_ref().map(|c| (c.name.clone(), c.bytes.clone())))
        else {
            return;
        };
        reading.set(true);
        outcome.set(None);
        progress.set(None);
        leptos::task::spawn_local(async move {
            chosen.set(Some(read_chosen(session, name, bytes, &sheet.get_untracked()).await));
            reading.set(false);
        });
    };
    let is_xlsx = Memo::new(move |_| chosen.with(|c| c.as_ref().is_some_and(|c| c.format == FileFormat::Xlsx)));
    let edabu = Memo::new(move |_| {
        chosen.with(|c| {
            c.as_ref().and_then(|c| c.table.as_ref().ok()).is_some_and(|t| Columns::map(&t.headers).form == Form::EDabu)
        })
    });
    let readable = Memo::new(move |_| chosen.with(|c| c.as_ref().is_some_and(|c| c.table.is_ok())));
    let send = move |import: Option<ImportMode>, busy: T| {
        if pending.get_untracked().is_some() || !readable.get_untracked() {
            return;
        }
        let Some((bytes, format, columns_missing)) = chosen.with_untracked(|c| {
            c.as_ref().map(|c| {
                let missing = c.table.as_ref().is_ok_and(|t| !Columns::map(&t.headers).missing.is_empty());
                (c.bytes.clone(), c.format, missing)
            })
        }) else {
            return;
        };
        pending.set(Some(busy));
        progress.set(None);
        leptos::task::spawn_local(async move {
            let (dry_run, mode) = (import.is_none(), import.unwrap_or_default());
            let (sheet, media_type) = (sheet.get_untracked(), format.media_type());
            let answer = if columns_missing {
                // Refused at once, naming the columns; in the background it would only fail.
                api::import_workers(session, bytes, media_type, &sheet, dry_run, mode).await.map_err(Refusal::Api)
            } else {
                match api::import_workers_background(session, bytes, media_type, &sheet, dry_run, mode).await {
                    Ok(status) => match follow(session, status, progress).await {
                        Some(answer) => answer,
                        // The page was left.
                        None => return,
                    },
                    Err(failure) => Err(Refusal::Api(failure)),
                }
            };
            outcome.set(Some(Outcome { import, answer }));
            pending.set(None);
        });
    };
    let checked = Memo::new(move |_| outcome.with(|o| o.as_ref().is_some_and(|o| o.answer.is_ok() && !o.written())));
    let marks = Memo::new(move |_| {
        outcome.with(|o| o.as_ref().and_then(|o| o.answer.as_ref().ok()).map(Marks::of).unwrap_or_default())
    });
    let download_errors = move |_| {
        let lang = lang.get_untracked();
        let file = chosen.with_untracked(|c| {
            let c = c.as_ref()?;
            let table = c.table.as_ref().ok()?;
            let rows = marks.with_untracked(|m| with_error_column(table, m, T::WarningWord.get(lang)));
            Some((excel_csv(&rows), errors_file_name(&c.name)))
        });
        if let Some((csv, name)) = file {
            let _ = save_file(csv.as_bytes(), &name, "text/csv;charset=utf-8");
        }
    };
    let read_error =
        move || chosen.with(|c| c.as_ref().and_then(|c| c.table.as_ref().err().map(|m| m.text(lang.get()))));
    let mode_choice = move |value: ImportMode, words: T, hint: T| {
        let name = api::wire_name(value);
        let id = format!("import-mode-{name}");
        view! {
            <div class="field field-check">
                <input
                    type="radio"
                    name="import-mode"
                    id=id.clone()
                    value=name
                    data-testid=id.clone()
                    prop:checked=move || mode.get() == value
                    on:change=move |_| mode.set(value)
                />
                <label for=id>{move || words.get(lang.get())}</label>
                <p class="hint">{move || hint.get(lang.get())}</p>
            </div>
        }
    };
    view! {
        <section class="page" data-testid="import-page">
            <header class="page-header page-header-actions">
                <div>
                    <h1>{move || T::ImportTitle.get(lang.get())}</h1>
                    <p class="lede">{move || T::ImportIntro.get(lang.get())}</p>
                </div>
                <div class="form-actions">
                    <TemplateButton format=TemplateFormat::Xlsx />
                    <TemplateButton format=TemplateFormat::Csv />
                </div>
            </header>
            <div class="card">
                <DropZone on_file disabled=Signal::derive(move || reading.get() || pending.get().is_some()) />
                <p class="hint" role="status" data-testid="import-file-name">
                    {move || {
                        if reading.get() {
                            return Some(T::ReadingFile.get(lang.get()).to_string());
                        }
                        chosen
                            .with(|c| {
                                c.as_ref()
                                    .map(|c| {
                                        let rows = c.table.as_ref().map_or(0, |t| t.len());
                                        i18n::chosen_file(lang.get(), &c.name, rows)
                                    })
                            })
                    }}
                </p>
                <div class="field" hidden=move || !is_xlsx.get()>
                    <label for="import-sheet">{move || T::SheetLabel.get(lang.get())}</label>
                    <input
                        type="text"
                        id="import-sheet"
                        data-testid="import-sheet"
                        aria-describedby="import-sheet-hint"
                        prop:value=move || sheet.get()
                        disabled=move || reading.get() || pending.get().is_some()
                        on:input=move |ev| sheet.set(event_target_value(&ev))
                        on:change=on_sheet
                    />
                    <p class="hint" id="import-sheet-hint">{move || T::SheetHint.get(lang.get())}</p>
                </div>
                <p class="hint" data-testid="import-edabu" hidden=move || !edabu.get()>
                    {move || T::EdabuRecognised.get(lang.get())}
                </p>
                <div class="alert alert-error" role="alert" data-testid="import-read-error" hidden=move || read_error().is_none()>
                    {read_error}
                </div>
                <fieldset class="choices">
                    <legend>{move || T::ImportModeLabel.get(lang.get())}</legend>
                    {mode_choice(ImportMode::AllOrNothing, T::AllOrNothing, T::AllOrNothingHint)}
                    {mode_choice(ImportMode::ValidRows, T::OnlyValidRows, T::OnlyValidRowsHint)}
                </fieldset>
                <div class="form-actions">
                    <button
                        type="button"
                        class="button"
                        data-testid="import-check"
                        disabled=move || !readable.get() || pending.get().is_some()
                        on:click=move |_| send(None, T::Checking)
                    >
                        {move || T::CheckFile.get(lang.get())}
                    </button>
                    <button
                        type="button"
                        class="button button-primary"
                        data-testid="import-commit"
                        title=move || (!checked.get()).then(|| T::CheckFirst.get(lang.get()))
                        disabled=move || !checked.get() || pending.get().is_some()
                        on:click=move |_| send(Some(mode.get_untracked()), T::Importing)
                    >
                        {move || T::ImportNow.get(lang.get())}
                    </button>
                    <button
                        type="button"
                        class="button button-quiet"
                        data-testid="import-errors-download"
                        disabled=move || !readable.get() || marks.with(|m| *m == Marks::default())
                        on:click=download_errors
                    >
                        {move || T::DownloadWithErrors.get(lang.get())}
                    </button>
                    <span class="hint" role="status">
                        {move || pending.get().map(|t| t.get(lang.get()))}
                    </span>
                </div>
                <ImportProgress progress />
            </div>
            {move || outcome.get().map(|o| view! { <OutcomeView outcome=o /> })}
            {move || {
                let marks = marks.get();
                chosen
                    .with(|c| c.as_ref().and_then(|c| c.table.as_ref().ok()).cloned())
                    .map(|table| view! { <Preview table marks /> })
            }}
        </section>
    }
}

/// How far the running (or last) import is, by the rows the server has done.
#[component]
fn ImportProgress(progress: RwSignal<Option<ImportStatus>>) -> impl IntoView {
    let lang = use_session().lang;
    let rows = move || progress.with(|p| p.as_ref().map_or((0, 0), |s| (s.rows_done, s.rows_total)));
    let state = move || progress.with(|p| p.as_ref().map(|s| api::wire_name(s.state)));
    // A file of no rows is wholly done once it is no longer running.
    let bar = move || {
        progress.with(|p| match p {
            Some(s) if s.rows_total > 0 => (s.rows_done.min(s.rows_total), s.rows_total),
            Some(s) if s.state != ImportState::Running => (1, 1),
            _ => (0, 1),
        })
    };
    // style.css has no rule for it: spaced from the buttons above, the bar as wide as the card.
    view! {
        <div class="field" style="margin: 1rem 0 0" hidden=move || progress.with(Option::is_none)>
            <label for="import-progress" data-testid="import-progress-text">
                {move || {
                    let (done, total) = rows();
                    i18n::rows_done(lang.get(), done, total)
                }}
            </label>
            <progress
                id="import-progress"
                data-testid="import-progress"
                style="width: 100%"
                max=move || bar().1.to_string()
                value=move || bar().0.to_string()
                data-state=state
                data-rows-done=move || rows().0.to_string()
                data-rows-total=move || rows().1.to_string()
            ></progress>
        </div>
    }
}

/// Drag and drop, or the file picker.
#[component]
fn DropZone(on_file: Callback<web_sys::File>, #[prop(into)] disabled: Signal<bool>) -> impl IntoView {
    let lang = use_session().lang;
    let over = RwSignal::new(false);
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        over.set(false);
        if disabled.get_untracked() {
            return;
        }
        if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|files| files.get(0)) {
            on_file.run(file);
        }
    };
    let on_change = move |ev: leptos::ev::Event| {
        let input = event_target::<web_sys::HtmlInputElement>(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        // The same file chosen again (after fixing it) is a change too.
        input.set_value("");
        on_file.run(file);
    };
    view! {
        <div
            class="dropzone"
            class:dropzone-over=move || over.get()
            data-testid="import-dropzone"
            on:dragover=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                over.set(true);
            }
            on:dragleave=move |_| over.set(false)
            on:drop=on_drop
        >
            <p class="dropzone-text">
                <strong>{move || T::DropHere.get(lang.get())}</strong>
            </p>
            <label for="import-file">{move || T::OrPickFile.get(lang.get())}</label>
            <input
                type="file"
                id="import-file"
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                data-testid="import-file"
                aria-describedby="import-file-hint"
                disabled=move || disabled.get()
                on:change=on_change
            />
            <p class="hint" id="import-file-hint">{move || T::ImportFileHint.get(lang.get())}</p>
        </div>
    }
}

/// The template in `format`, downloaded with the session's token (a plain link would carry none).
#[component]
fn TemplateButton(format: TemplateFormat) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let failure: RwSignal<Option<ApiFailure>> = RwSignal::new(None);
    let pending = RwSignal::new(false);
    let download = move |_| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        failure.set(None);
        leptos::task::spawn_local(async move {
            let (name, media_type) = match format {
                TemplateFormat::Csv => ("template-pekerja.csv", "text/csv;charset=utf-8"),
                TemplateFormat::Xlsx => ("template-pekerja.xlsx", XLSX_MEDIA),
            };
            match api::import_template(session, format).await {
                Ok(bytes) => {
                    if save_file(&bytes, name, media_type).is_err() {
                        failure.set(Some(ApiFailure::Unexpected { status: 200 }));
                    }
                }
                Err(refused) => failure.set(Some(refused)),
            }
            pending.set(false);
        });
    };
    let failure_text = move || failure.with(|f| f.as_ref().map(|f| f.message(lang.get())));
    let (testid, words) = match format {
        TemplateFormat::Csv => ("import-template", T::DownloadTemplate),
        TemplateFormat::Xlsx => ("import-template-xlsx", T::DownloadTemplateXlsx),
    };
    view! {
        <div class="stack">
            <button
                type="button"
                class="button"
                data-testid=testid
                disabled=move || pending.get()
                on:click=download
            >
                {move || words.get(lang.get())}
            </button>
            <span class="field-error" role="alert" hidden=move || failure_text().is_none()>
                {failure_text}
            </span>
        </div>
    }
}

/// What the server answered: a refusal (a required column missing, say), or the report.
#[component]
fn OutcomeView(outcome: Outcome) -> impl IntoView {
    let lang = use_session().lang;
    let (written, refused) = (outcome.written(), outcome.refused());
    let report = match outcome.answer {
        Err(refusal) => {
            let details = refusal.details();
            return view! {
                <div class="alert alert-error" role="alert" data-testid="import-refusal">
                    <p>{move || refusal.message(lang.get())}</p>
                    <ul>
                        {details
                            .into_iter()
                            .map(|(field, message)| view! { <li data-testid="import-refusal-item" data-field=field>{message}</li> })
                            .collect_view()}
                    </ul>
                </div>
            }
                .into_any();
        }
        Ok(report) => report,
    };
    let dry = !written;
    let errors = report.errors.len();
    let (note_class, note) = if written {
        ("alert alert-success", T::ImportDone)
    } else if refused {
        ("alert alert-error", T::ImportRefused)
    } else if errors == 0 {
        ("alert alert-success", T::FileReady)
    } else {
        ("alert alert-warning", T::FileHasErrors)
    };
    let fact = |label: T, value: usize, testid: &'static str| {
        view! {
            <div>
                <dt>{move || label.get(lang.get())}</dt>
                <dd data-testid=testid>{value}</dd>
            </div>
        }
    };
    let file_marks: Vec<(bool, String)> =
        Marks::of(&report).file().into_iter().map(|m| (m.error, format!("{}: {}", m.column, m.message))).collect();
    view! {
        <section class="card" data-testid="import-report" data-dry-run=dry.to_string() aria-labelledby="import-report-title">
            <h2 id="import-report-title">
                {move || if dry { T::CheckResult.get(lang.get()) } else { T::ImportResult.get(lang.get()) }}
            </h2>
            <p class=note_class role="status" data-testid="import-outcome">
                {move || note.get(lang.get())}
            </p>
            <dl class="facts">
                {fact(T::RowsTotal, report.rows_total, "import-rows-total")}
                {fact(T::RowsValid, report.rows_valid, "import-rows-valid")}
                {fact(if dry { T::WouldCreate } else { T::CreatedCount }, report.created, "import-created")}
                {fact(if dry { T::WouldUpdate } else { T::UpdatedCount }, report.updated, "import-updated")}
                {fact(T::UnchangedCount, report.unchanged, "import-unchanged")}
                {fact(T::ErrorCount, errors, "import-errors")}
                {fact(T::Warnings, report.warnings.len(), "import-warnings")}
            </dl>
            {(!file_marks.is_empty())
                .then(|| {
                    view! {
                        <ul class="findings" data-testid="import-file-findings">
                            {file_marks
                                .into_iter()
                                .map(|(error, text)| {
                                    view! { <li class=if error { "field-error" } else { "field-warning" }>{text}</li> }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
        </section>
    }
        .into_any()
}

/// The file's rows as read here, each wrong cell marked with its message.
#[component]
fn Preview(table: Table, marks: Marks) -> impl IntoView {
    let lang = use_session().lang;
    let only_marked = RwSignal::new(false);
    let any_marked = table.rows().any(|r| marks.has(r.number));
    let keys: Vec<String> = table.headers.iter().map(|h| header_key(h)).collect();
    let header_marks = marks.row(1).to_vec();
    let total = table.len();
    let headers = table.headers.clone();
    let body = move || {
        let only = only_marked.get();
        let shown: Vec<Row<'_>> = table.rows().filter(|r| !only || marks.has(r.number)).take(PREVIEW_ROWS).collect();
        let count = shown.len();
        let rows = shown
            .into_iter()
            .map(|row| {
                let row_marks = marks.row(row.number);
                let has_error = row_marks.iter().any(|m| m.error);
                let cells = keys
                    .iter()
                    .enumerate()
                    .map(|(i, key)| {
                        let here: Vec<_> = row_marks.iter().filter(|m| m.column == *key).collect();
                        let error = here.iter().any(|m| m.error);
                        let warning = !error && !here.is_empty();
                        let title = here.iter().map(|m| m.message.as_str()).collect::<Vec<_>>().join(" ");
                        view! {
                            <td
                                data-column=key.clone()
                                class:cell-error=error
                                class:cell-warning=warning
                                title=(!title.is_empty()).then_some(title)
                            >
                                {row.get(i).unwrap_or_default().to_string()}
                            </td>
                        }
                    })
                    .collect_view();
                let messages = row_marks
                    .iter()
                    .map(|m| {
                        let class = if m.error { "field-error" } else { "field-warning" };
                        view! {
                            <li class=class data-column=m.column.clone()>
                                <span class="mono">{m.column.clone()}</span>
                                ": "
                                {m.message.clone()}
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <tr
                        data-testid="import-row"
                        data-row=row.number.to_string()
                        class:row-error=has_error
                        class:row-warning=!has_error && !row_marks.is_empty()
                    >
                        <th scope="row" class="mono">{row.number}</th>
                        {cells}
                        <td data-testid="import-row-messages">
                            <ul class="findings">{messages}</ul>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        (rows, count)
    };
    let columns = headers.len() + 2;
    view! {
        <section class="card" aria-labelledby="import-preview-title">
            <div class="card-head">
                <h2 id="import-preview-title">{move || T::FileContent.get(lang.get())}</h2>
                {any_marked
                    .then(|| {
                        view! {
                            <CheckField
                                id="import-only-marked"
                                label=T::OnlyMarkedRows
                                value=only_marked
                                testid="import-only-marked"
                            />
                        }
                    })}
            </div>
            {move || {
                let (rows, count) = body();
                view! {
                    <p class="hint" data-testid="import-preview-count">
                        {move || i18n::rows_shown(lang.get(), count, total)}
                    </p>
                    <div class="table-wrap">
                        <table class="table import-preview" data-testid="import-preview">
                            <caption class="visually-hidden">{move || T::FileContent.get(lang.get())}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{move || T::Row.get(lang.get())}</th>
                                    {headers
                                        .iter()
                                        .map(|h| {
                                            let unknown = header_marks.iter().any(|m| m.column == h.trim());
                                            view! { <th scope="col" class:cell-warning=unknown>{h.clone()}</th> }
                                        })
                                        .collect_view()}
                                    <th scope="col">{move || T::Messages.get(lang.get())}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {(count == 0)
                                    .then(|| {
                                        view! {
                                            <tr>
                                                <td colspan=columns.to_string() class="empty">
                                                    {move || T::NoRows.get(lang.get())}
                                                </td>
                                            </tr>
                                        }
                                    })}
                                {rows}
                            </tbody>
                        </table>
                    </div>
                }
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_file_is_read_here_and_an_excel_file_is_known_by_its_name_or_first_bytes() {
        assert_eq!(csv_table(b"nik;nama\n1;Budi\n").map(|t| t.len()), Ok(1));
        assert_eq!(csv_table(&[b'n', b';', 0xe9, b'\n']), Err(Msg::Text(T::NotUtf8)));
        assert_eq!(format_of("Daftar.XLSX", b""), Ok(FileFormat::Xlsx));
        assert_eq!(format_of("unduhan", b"PK\x03\x04..."), Ok(FileFormat::Xlsx));
        assert_eq!(format_of("daftar.csv", b"nik;nama"), Ok(FileFormat::Csv));
        assert_eq!(format_of("lama.xls", &[0xd0, 0xcf]), Err(Msg::Text(T::XlsNotSupported)));
        assert_eq!(FileFormat::Xlsx.media_type(), XLSX_MEDIA);
        assert_eq!(errors_file_name("daftar pekerja.csv"), "daftar pekerja-kesalahan.csv");
        assert_eq!(errors_file_name("daftar"), "daftar-kesalahan.csv");
    }

    #[test]
    fn an_import_is_written_unless_all_or_nothing_met_an_error() {
        let with_error = ImportReport {
            errors: vec![tertib_domain::import::CellFinding {
                row: 3,
                column: "nik".into(),
                code: "nik_wrong_length".into(),
                message: "x".into(),
            }],
            ..ImportReport::default()
        };
        let outcome = |import, report: &ImportReport| Outcome { import, answer: Ok(report.clone()) };
        assert!(!outcome(None, &ImportReport::default()).written());
        assert!(outcome(Some(ImportMode::AllOrNothing), &ImportReport::default()).written());
        assert!(outcome(Some(ImportMode::AllOrNothing), &with_error).refused());
        assert!(!outcome(Some(ImportMode::AllOrNothing), &with_error).written());
        assert!(outcome(Some(ImportMode::ValidRows), &with_error).written());
    }

    #[test]
    fn a_followed_import_ends_with_its_report_or_the_servers_words_and_not_while_it_runs() {
        let report =
            ImportReport { dry_run: true, rows_total: 2, rows_valid: 2, created: 1, ..ImportReport::default() };
        let status = |state, report: Option<ImportReport>, error: Option<&str>| ImportStatus {
            id: "imp".into(),
            state,
            dry_run: true,
            mode: ImportMode::AllOrNothing,
            file_name: String::new(),
            rows_total: 2,
            rows_done: 1,
            started_by: "direktur@tertib.local".into(),
            started_at: chrono::DateTime::UNIX_EPOCH,
            finished_at: None,
            report,
            error: error.map(str::to_string),
        };
        assert_eq!(finished(&status(ImportState::Running, None, None)), None);
        assert_eq!(finished(&status(ImportState::Done, Some(report.clone()), None)), Some(Ok(report)));
        assert_eq!(
            finished(&status(ImportState::Done, None, None)),
            Some(Err(Refusal::Api(ApiFailure::Unexpected { status: 200 })))
        );
        let stopped = finished(&status(ImportState::Interrupted, None, Some("Server berhenti di tengah impor.")));
        let Some(Err(refusal)) = stopped else { panic!("an interrupted import gives no report") };
        assert_eq!(refusal.message(Lang::En), "Server berhenti di tengah impor.");
        assert!(refusal.details().is_empty());
        let Some(Err(failed)) = finished(&status(ImportState::Failed, None, None)) else { panic!("no report") };
        assert_eq!(failed.message(Lang::Id), ErrorCode::Internal.message(Lang::Id));
    }
}
