//! Today's digest as the signed-in user would get it (HTML in a sandboxed frame, or the plain
//! text), and for the director, sending it now.

use leptos::prelude::*;
use tertib_domain::reminders::DigestPreview;

use crate::api::{self, ApiFailure};
use crate::components::form::SuccessNote;
use crate::components::status::{LoadFailed, Loading};
use crate::i18n::T;
use crate::session::use_session;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Html,
    Text,
}

#[component]
pub fn DigestPanel(director: bool, on_queued: Callback<()>) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let preview: RwSignal<Option<Result<DigestPreview, ApiFailure>>> = RwSignal::new(None);
    let previewing = RwSignal::new(false);
    let load = move || {
        if previewing.get_untracked() {
            return;
        }
        previewing.set(true);
        leptos::task::spawn_local(async move {
            preview.set(Some(api::preview_digest(session).await));
            previewing.set(false);
        });
    };
    let sending = RwSignal::new(false);
    let sent: RwSignal<Option<Result<(), ApiFailure>>> = RwSignal::new(None);
    let send = move |_| {
        if sending.get_untracked() {
            return;
        }
        sending.set(true);
        sent.set(None);
        leptos::task::spawn_local(async move {
            let answer = api::send_digest(session).await.map(drop);
            if answer.is_ok() {
                on_queued.run(());
            }
            sent.set(Some(answer));
            sending.set(false);
        });
    };
    let part = RwSignal::new(Part::Html);
    let tab = move |words: T, which: Part, testid: &'static str| {
        view! {
            <button
                type="button"
                class="tab"
                data-testid=testid
                aria-pressed=move || if part.get() == which { "true" } else { "false" }
                on:click=move |_| part.set(which)
            >
                {move || words.get(lang.get())}
            </button>
        }
    };
    let send_failure = move || sent.with(|s| s.as_ref().and_then(|s| s.as_ref().err()).map(|f| f.message(lang.get())));
    view! {
        <p class="hint">{move || T::DigestIntro.get(lang.get())}</p>
        <div class="form-actions">
            <button
                type="button"
                class="button"
                data-testid="digest-preview"
                disabled=move || previewing.get()
                on:click=move |_| load()
            >
                {move || T::PreviewDigest.get(lang.get())}
            </button>
            {director
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="button button-primary"
                            data-testid="digest-send"
                            disabled=move || sending.get()
                            on:click=send
                        >
                            {move || T::SendDigestNow.get(lang.get())}
                        </button>
                    }
                })}
        </div>
        <SuccessNote
            text=Signal::derive(move || {
                sent.with(|s| matches!(s, Some(Ok(())))).then(|| T::DigestQueued.get(lang.get()).to_string())
            })
            testid="digest-queued"
        />
        <div class="alert alert-error" role="alert" data-testid="digest-send-error" hidden=move || send_failure().is_none()>
            {send_failure}
        </div>
        {move || match preview.get() {
            None if previewing.get() => view! { <Loading /> }.into_any(),
            None => ().into_any(),
            Some(Err(failure)) => view! { <LoadFailed failure retry=load /> }.into_any(),
            Some(Ok(p)) => {
                let DigestPreview { subject, text, html, would_send, .. } = p;
                view! {
                    <div class="digest-preview" data-testid="digest-preview-result">
                        <p>
                            <span class="muted">{move || T::Subject.get(lang.get())} ": "</span>
                            <strong data-testid="digest-subject">{subject}</strong>
                        </p>
                        {(!would_send)
                            .then(|| {
                                view! {
                                    <p class="alert alert-info" data-testid="digest-empty">
                                        {move || T::DigestWouldSkip.get(lang.get())}
                                    </p>
                                }
                            })}
                        <div class="tabs" role="group" aria-label=move || T::DigestTitle.get(lang.get())>
                            {tab(T::DigestHtmlPart, Part::Html, "digest-tab-html")}
                            {tab(T::DigestTextPart, Part::Text, "digest-tab-text")}
                        </div>
                        // The mail's HTML in a frame with every permission taken away: no script,
                        // no form, no navigation of this page.
                        <iframe
                            class="digest-frame"
                            sandbox=""
                            srcdoc=html
                            title=move || T::DigestHtmlPart.get(lang.get())
                            data-testid="digest-html"
                            hidden=move || part.get() != Part::Html
                        ></iframe>
                        <pre class="digest-text" data-testid="digest-text" hidden=move || part.get() != Part::Text>
                            {text}
                        </pre>
                    </div>
                }
                    .into_any()
            }
        }}
    }
}
