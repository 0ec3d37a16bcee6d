//! A case's documents: choosing a file sends it at once (the raw bytes, with the kind), and each
//! document downloads with the session's token (a plain link would carry none) as a file.

use leptos::prelude::*;
use tertib_domain::lifecycle::api::DocumentView;
use tertib_domain::lifecycle::DocumentKind;

use super::detail::CaseCtx;
use crate::api::{self, ApiFailure};
use crate::components::table::{ColumnHeader, EmptyRow};
use crate::files::save_file;
use crate::i18n::{self, T};
use crate::session::use_session;

/// Every document of the case, and for the kinds no checklist item asks for, an upload with a
/// choice of kind.
#[component]
pub fn Documents(ctx: CaseCtx) -> impl IntoView {
    let lang = use_session().lang;
    let kind = RwSignal::new(DocumentKind::Other);
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="documents-table">
                <caption class="visually-hidden">{move || T::Documents.get(lang.get())}</caption>
                <thead>
                    <tr>
                        <ColumnHeader label=T::DocumentKindLabel />
                        <ColumnHeader label=T::FileName />
                        <ColumnHeader label=T::Size />
                        <ColumnHeader label=T::UploadedBy />
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let documents = ctx.case.with(|c| c.as_ref().map(|c| c.documents.clone()).unwrap_or_default());
                        if documents.is_empty() {
                            return view! { <EmptyRow columns=4 text=T::NoDocuments /> }.into_any();
                        }
                        documents
                            .into_iter()
                            .map(|d| {
                                let (kind, at, size) = (d.kind, d.uploaded_at, d.size_bytes);
                                let by = d.uploaded_by.clone();
                                view! {
                                    <tr data-testid="document-row" data-kind=kind.as_str()>
                                        <td>{move || kind.label(lang.get())}</td>
                                        <td>
                                            <DownloadButton document=d />
                                        </td>
                                        <td class="cell-date">{move || i18n::file_size(lang.get(), size)}</td>
                                        <td>
                                            {by}
                                            <span class="cell-user-email">{move || i18n::datetime(lang.get(), &at)}</span>
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()
                            .into_any()
                    }}
                </tbody>
            </table>
        </div>
        <Show when=move || !ctx.closed()>
            <div class="dialog-section">
                <h3>{move || T::OtherUpload.get(lang.get())}</h3>
                <div class="form-grid">
                    <div class="field">
                        <label for="document-other-kind">{move || T::DocumentKindLabel.get(lang.get())}</label>
                        <select
                            id="document-other-kind"
                            data-testid="document-other-kind"
                            on:change=move |ev| {
                                if let Some(k) = DocumentKind::parse(&event_target_value(&ev)) {
                                    kind.set(k);
                                }
                            }
                        >
                            {DocumentKind::ALL
                                .into_iter()
                                .map(|k| {
                                    view! {
                                        <option value=k.as_str() selected=move || kind.get() == k>
                                            {move || k.label(lang.get())}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <DocumentUpload ctx kind=Signal::from(kind) testid="document-upload-other" />
                </div>
            </div>
        </Show>
    }
}

/// A file input: the file chosen is attached at once as a document of `kind`, and the case is
/// loaded again (the checklist item it fulfils is then done).
#[component]
pub fn DocumentUpload(
    ctx: CaseCtx,
    kind: Signal<DocumentKind>,
    #[prop(default = "document-upload")] testid: &'static str,
) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let uploading = RwSignal::new(false);
    let failure: RwSignal<Option<ApiFailure>> = RwSignal::new(None);
    let id = move || format!("{testid}-{}", kind.get().as_str());
    let on_change = move |ev: leptos::ev::Event| {
        let input = event_target::<web_sys::HtmlInputElement>(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        // The same file chosen again (after a refusal, say) is a change too.
        input.set_value("");
        failure.set(None);
        uploading.set(true);
        let kind = kind.get_untracked();
        leptos::task::spawn_local(async move {
            match api::upload_document(session, &ctx.id(), kind, file).await {
                Ok(_) => ctx.reload(),
                Err(refused) => failure.set(Some(refused)),
            }
            uploading.set(false);
        });
    };
    let failure_text = move || failure.with(|f| f.as_ref().map(|f| f.message(lang.get())));
    view! {
        <div class="field upload">
            <label for=id>{move || T::UploadFile.get(lang.get())}</label>
            <input
                type="file"
                id=id
                accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                data-testid=testid
                data-kind=move || kind.get().as_str()
                disabled=move || uploading.get()
                on:change=on_change
            />
            <p class="hint" role="status">
                {move || uploading.get().then(|| T::Uploading.get(lang.get()))}
            </p>
            <p class="field-error" role="alert" data-testid="upload-error" hidden=move || failure_text().is_none()>
                {failure_text}
            </p>
        </div>
    }
}

/// The document's file name as a button that downloads it.
#[component]
pub fn DownloadButton(document: DocumentView) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let failure: RwSignal<Option<ApiFailure>> = RwSignal::new(None);
    let pending = RwSignal::new(false);
    let (id, name, media_type) = (document.id.clone(), document.file_name.clone(), document.media_type.clone());
    let label_name = name.clone();
    let download = move |_| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        failure.set(None);
        let (id, name, media_type) = (id.clone(), name.clone(), media_type.clone());
        leptos::task::spawn_local(async move {
            match api::download_document(session, &id).await {
                Ok(bytes) => {
                    // Only a browser without Blob or object URLs lands here.
                    if save_file(&bytes, &name, &media_type).is_err() {
                        failure.set(Some(ApiFailure::Unexpected { status: 200 }));
                    }
                }
                Err(refused) => failure.set(Some(refused)),
            }
            pending.set(false);
        });
    };
    let failure_text = move || failure.with(|f| f.as_ref().map(|f| f.message(lang.get())));
    view! {
        <button
            type="button"
            class="link-button"
            data-testid="document-download"
            data-document-id=document.id.clone()
            title=move || T::Download.get(lang.get())
            aria-label=move || format!("{} {}", T::Download.get(lang.get()), label_name)
            disabled=move || pending.get()
            on:click=download
        >
            {document.file_name.clone()}
        </button>
        <span class="field-error" role="alert" hidden=move || failure_text().is_none()>
            {failure_text}
        </span>
    }
}
