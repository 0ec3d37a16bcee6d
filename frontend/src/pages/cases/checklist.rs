//! The case's checklist: each item with its done mark and the step it is needed for. Staff tick
//! the items they confirm, attach the documents an item asks for right there, and see the rest
//! checked by Tertib from the data.

use leptos::prelude::*;
use tertib_domain::lifecycle::api::{ChecklistItemView, DocumentView};
use tertib_domain::lifecycle::case::ItemKind;
use tertib_domain::lifecycle::ChecklistKey;

use super::detail::CaseCtx;
use super::documents::{DocumentUpload, DownloadButton};
use crate::api::{self, ApiFailure};
use crate::i18n::T;
use crate::session::use_session;

#[component]
pub fn Checklist(ctx: CaseCtx) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let pending: RwSignal<Option<String>> = RwSignal::new(None);
    let failure: RwSignal<Option<ApiFailure>> = RwSignal::new(None);
    let tick = Callback::new(move |(key, done): (String, bool)| {
        if pending.with_untracked(Option::is_some) {
            return;
        }
        failure.set(None);
        pending.set(Some(key.clone()));
        leptos::task::spawn_local(async move {
            match api::tick(session, &ctx.id(), &key, done).await {
                Ok(view) => ctx.show(view),
                Err(refused) => {
                    if ctx.keep_failure(&refused) {
                        failure.set(Some(refused));
                    }
                }
            }
            pending.set(None);
        });
    });
    let failure_text = move || failure.with(|f| f.as_ref().map(|f| f.message(lang.get())));
    view! {
        {move || {
            let Some((items, documents)) = ctx.case.with(|c| c.as_ref().map(|c| (c.checklist.clone(), c.documents.clone())))
            else {
                return ().into_any();
            };
            if items.is_empty() {
                return view! { <p class="muted">{move || T::NoChecklist.get(lang.get())}</p> }.into_any();
            }
            let closed = ctx.closed();
            view! {
                <ul class="checklist" data-testid="checklist">
                    {items
                        .into_iter()
                        .map(|item| {
                            let attached: Vec<DocumentView> = documents
                                .iter()
                                .filter(|d| ChecklistKey::Document(d.kind).code() == item.key)
                                .cloned()
                                .collect();
                            view! { <ChecklistRow ctx item attached closed pending tick /> }
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
        <div class="alert alert-error" role="alert" data-testid="checklist-error" hidden=move || failure_text().is_none()>
            {failure_text}
        </div>
    }
}

#[component]
fn ChecklistRow(
    ctx: CaseCtx,
    item: ChecklistItemView,
    /// The documents attached of the kind the item asks for.
    attached: Vec<DocumentView>,
    closed: bool,
    /// The item being ticked.
    pending: RwSignal<Option<String>>,
    tick: Callback<(String, bool)>,
) -> impl IntoView {
    let lang = use_session().lang;
    let key = ChecklistKey::parse(&item.key);
    let fallback = item.label.clone();
    let label = move || key.map_or_else(|| fallback.clone(), |k| k.label(lang.get()).to_string());
    let (done, stage, how) = (item.done, item.stage, item.how);
    let control = match (how, key) {
        (ItemKind::Confirmation, _) if !closed => {
            let code = item.key.clone();
            let busy = item.key.clone();
            Some(
                view! {
                    <button
                        type="button"
                        class="button button-small"
                        data-testid="checklist-tick"
                        data-key=item.key.clone()
                        disabled=move || pending.with(|p| p.as_deref() == Some(busy.as_str()))
                        on:click=move |_| tick.run((code.clone(), !done))
                    >
                        {move || if done { T::Untick.get(lang.get()) } else { T::Tick.get(lang.get()) }}
                    </button>
                }
                .into_any(),
            )
        }
        (ItemKind::Document, Some(ChecklistKey::Document(kind))) => Some(
            view! {
                {(!attached.is_empty())
                    .then(|| {
                        view! {
                            <ul class="attached">
                                {attached
                                    .into_iter()
                                    .map(|d| view! { <li><DownloadButton document=d /></li> })
                                    .collect_view()}
                            </ul>
                        }
                    })}
                {(!closed).then(|| view! { <DocumentUpload ctx kind=Signal::stored(kind) /> })}
            }
            .into_any(),
        ),
        (ItemKind::Check, _) => {
            Some(view! { <p class="hint">{move || T::CheckedByTertib.get(lang.get())}</p> }.into_any())
        }
        _ => None,
    };
    view! {
        <li
            class="checklist-item"
            class:done=done
            data-testid="checklist-item"
            data-key=item.key.clone()
            data-done=done.to_string()
        >
            <span class="check-mark" aria-hidden="true">
                {if done { "✓" } else { "" }}
            </span>
            <div class="checklist-body">
                <p class="checklist-label">
                    {label}
                    <span class="visually-hidden">
                        {move || format!(" ({})", if done { T::Done.get(lang.get()) } else { T::NotDone.get(lang.get()) })}
                    </span>
                </p>
                <p class="hint">{move || stage.label(lang.get())}</p>
                {control}
            </div>
        </li>
    }
}
