//! Export buttons: the list as filtered now, as CSV or XLSX. The server writes the file (every
//! row in one request, formula-like cells neutralised, masked as the list is); the browser saves
//! it.

use leptos::prelude::*;
use tertib_domain::export::ExportFormat;

use crate::api::{self, ApiFailure};
use crate::files::save_file;
use crate::i18n::{self, T};
use crate::session::use_session;

/// The XLSX media type.
pub const XLSX_MEDIA: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// `pekerja-2026-11-25.xlsx`.
fn file_name(stem: &str, today: chrono::NaiveDate, format: ExportFormat) -> String {
    format!("{stem}-{}.{}", today.format("%Y-%m-%d"), format.extension())
}

fn media_type(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Csv => "text/csv;charset=utf-8",
        ExportFormat::Xlsx => XLSX_MEDIA,
    }
}

/// Where an export stands.
#[derive(Debug, Clone, PartialEq)]
enum Progress {
    Working,
    Done,
    Failed(ApiFailure),
}

/// "Export CSV" and "Export XLSX". `path` gives the API path of the export in a format for the
/// filters as they are now; the file is saved as `{stem}-{today}.{csv|xlsx}`. Test ids:
/// `{testid}-csv`, `{testid}-xlsx`, `{testid}-status`.
#[component]
pub fn ExportButtons(path: Callback<ExportFormat, String>, stem: &'static str, testid: &'static str) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let progress: RwSignal<Option<Progress>> = RwSignal::new(None);
    let busy = move || progress.get() == Some(Progress::Working);
    let export = move |format: ExportFormat| {
        if progress.get_untracked() == Some(Progress::Working) {
            return;
        }
        progress.set(Some(Progress::Working));
        let path = path.run(format);
        leptos::task::spawn_local(async move {
            let done = match api::export_file(session, &path).await {
                Ok(bytes) => match save_file(&bytes, &file_name(stem, i18n::today(), format), media_type(format)) {
                    Ok(()) => Progress::Done,
                    Err(_) => Progress::Failed(ApiFailure::Unexpected { status: 200 }),
                },
                Err(failure) => Progress::Failed(failure),
            };
            progress.set(Some(done));
        });
    };
    let words = move || {
        let lang = lang.get();
        progress.with(|p| match p {
            None => None,
            Some(Progress::Working) => Some(T::Loading.get(lang).to_string()),
            Some(Progress::Done) => Some(T::Exported.get(lang).to_string()),
            Some(Progress::Failed(failure)) => Some(failure.message(lang)),
        })
    };
    view! {
        {[(ExportFormat::Csv, T::ExportCsv), (ExportFormat::Xlsx, T::ExportXlsx)]
            .into_iter()
            .map(|(format, label)| {
                view! {
                    <button
                        type="button"
                        class="button button-small"
                        data-testid=format!("{testid}-{}", format.extension())
                        disabled=busy
                        on:click=move |_| export(format)
                    >
                        {move || label.get(lang.get())}
                    </button>
                }
            })
            .collect_view()}
        <span
            class="hint"
            class:field-error=move || matches!(progress.get(), Some(Progress::Failed(_)))
            role="status"
            data-testid=format!("{testid}-status")
        >
            {words}
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_is_named_by_its_list_day_and_format() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(file_name("pekerja", day, ExportFormat::Xlsx), "pekerja-2026-11-25.xlsx");
        assert_eq!(file_name("pekerja", day, ExportFormat::Csv), "pekerja-2026-11-25.csv");
        assert_eq!(media_type(ExportFormat::Xlsx), XLSX_MEDIA);
    }
}
