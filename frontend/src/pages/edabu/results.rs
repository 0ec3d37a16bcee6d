//! e-Dabu's answer uploaded to a batch: the file as it is (the server reads XLSX and CSV and
//! finds the columns by their headers), then what it did, with each finding on the file's own
//! row and column.

use leptos::prelude::*;
use tertib_domain::edabu::ResultsReport;
use tertib_domain::import::CellFinding;

use crate::api::{self, ApiFailure};
use crate::components::export::XLSX_MEDIA;
use crate::components::table::ColumnHeader;
use crate::files::read_bytes;
use crate::i18n::{self, T};
use crate::session::use_session;

/// The media type of a chosen file by its name (the server judges by the content anyway).
fn media_of(name: &str) -> &'static str {
    if name.to_lowercase().ends_with(".csv") {
        "text/csv"
    } else {
        XLSX_MEDIA
    }
}

#[component]
pub fn ResultsUpload(batch_id: String, on_done: Callback<()>) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let report: RwSignal<Option<Result<ResultsReport, ApiFailure>>> = RwSignal::new(None);
    let pending = RwSignal::new(false);
    let on_change = move |ev: leptos::ev::Event| {
        let input = event_target::<web_sys::HtmlInputElement>(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        // The same file chosen again (after fixing it) is a change too.
        input.set_value("");
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        let id = batch_id.clone();
        leptos::task::spawn_local(async move {
            let answer = match read_bytes(&file).await {
                Some(bytes) => api::upload_results(session, &id, bytes, media_of(&file.name())).await,
                None => Err(ApiFailure::Unexpected { status: 0 }),
            };
            if answer.as_ref().is_ok_and(|r| r.applied) {
                on_done.run(());
            }
            report.set(Some(answer));
            pending.set(false);
        });
    };
    view! {
        <div class="field">
            <label for="edabu-results-file">{move || T::UploadResults.get(lang.get())}</label>
            <input
                type="file"
                id="edabu-results-file"
                data-testid="edabu-results-file"
                accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                aria-describedby="edabu-results-hint"
                disabled=move || pending.get()
                on:change=on_change
            />
            <p class="hint" id="edabu-results-hint">{move || T::UploadResultsHint.get(lang.get())}</p>
        </div>
        {move || match report.get() {
            None => None,
            Some(Err(failure)) => {
                Some(view! { <div class="alert alert-error" role="alert">{move || failure.message(lang.get())}</div> }.into_any())
            }
            Some(Ok(report)) => Some(view! { <ReportView report /> }.into_any()),
        }}
    }
}

#[component]
fn ReportView(report: ResultsReport) -> impl IntoView {
    let lang = use_session().lang;
    let applied = report.applied;
    let summary = report.clone();
    let findings: Vec<(&'static str, CellFinding)> = report
        .errors
        .into_iter()
        .map(|f| ("error", f))
        .chain(report.warnings.into_iter().map(|f| ("warning", f)))
        .collect();
    let any = !findings.is_empty();
    view! {
        <div data-testid="edabu-results-report" data-applied=applied.to_string()>
            <div class=if applied { "alert alert-success" } else { "alert alert-error" } role="status">
                <strong>
                    {move || if applied { T::ResultsApplied.get(lang.get()) } else { T::ResultsRefused.get(lang.get()) }}
                </strong>
                " "
                <span>{move || i18n::results_summary(lang.get(), &summary)}</span>
            </div>
            {any
                .then(|| {
                    view! {
                        <div class="table-wrap">
                            <table class="table">
                                <thead>
                                    <tr>
                                        <ColumnHeader label=T::Row />
                                        <ColumnHeader label=T::Column />
                                        <ColumnHeader label=T::Messages />
                                    </tr>
                                </thead>
                                <tbody>
                                    {findings
                                        .into_iter()
                                        .map(|(severity, f)| {
                                            view! {
                                                <tr
                                                    data-testid="edabu-finding"
                                                    data-row=f.row.to_string()
                                                    data-severity=severity
                                                    class=format!("cell-{severity}")
                                                >
                                                    <td>{f.row}</td>
                                                    <td>{f.column.clone()}</td>
                                                    <td>{f.message.clone()}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_sent_as_what_its_name_says() {
        assert_eq!(media_of("hasil.CSV"), "text/csv");
        assert_eq!(media_of("hasil.xlsx"), XLSX_MEDIA);
    }
}
