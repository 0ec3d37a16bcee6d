//! e-Dabu batches (`/edabu`), for directors and HR: choose the kind, the client company and the
//! month, see which pending cases would go and which not (and why), create the batch (its cases
//! are submitted at once, exactly those seen) and download its file; the batches made, each with
//! its rows; e-Dabu's answer uploaded to a batch, with every finding on its row and column.
//!
//! Test ids: `edabu-page`, `edabu-kind`, `edabu-company`, `edabu-month`, `edabu-preview`,
//! `edabu-create`, `edabu-plan` (rows `edabu-picked` and `edabu-left-out`, with `data-case-id`;
//! the latter with `data-code`), `edabu-created`, `edabu-batches` (rows `edabu-batch` with
//! `data-batch-id` and `data-state`; buttons `edabu-download` and `edabu-show`),
//! `edabu-batch-rows` (rows `edabu-row` with `data-result`), and the upload's
//! `edabu-results-file`, `edabu-results-report` (with `data-applied`) and `edabu-finding` (with
//! `data-row` and `data-severity`).

mod results;

use leptos::prelude::*;
use leptos_router::components::A;
use tertib_domain::edabu::{BatchKind, BatchPage, BatchPlan, BatchSummary, BatchView, NewBatch};

use self::results::ResultsUpload;
use crate::api::{self, from_wire_name, wire_name, ApiFailure};
use crate::components::export::XLSX_MEDIA;
use crate::components::shell::page_title;
use crate::components::status::{LoadFailed, Loading};
use crate::components::table::{listing, ColumnHeader, EmptyRow, FilterSelect, Paged, Pager};
use crate::files::save_file;
use crate::i18n::{self, T};
use crate::pages::workers::choices::{company_options, load_companies};
use crate::pages::NotAllowedNote;
use crate::session::use_session;

impl Paged for BatchPage {
    fn total(&self) -> i64 {
        self.total
    }
    fn per_page(&self) -> u32 {
        self.per_page
    }
}

#[component]
pub fn EdabuPage() -> impl IntoView {
    page_title(Some(T::EdabuTitle));
    let session = use_session();
    let allowed = Memo::new(move |_| session.can_edit_registry());
    move || {
        if allowed.get() {
            view! { <Edabu /> }.into_any()
        } else {
            view! { <NotAllowedNote why=T::NotAllowedRegistry /> }.into_any()
        }
    }
}

/// The batch the choice asks for (`case_ids` to send exactly the cases previewed).
fn request(kind: &str, company: &str, month: &str, case_ids: Option<Vec<String>>) -> NewBatch {
    NewBatch {
        kind: from_wire_name(kind).unwrap_or(BatchKind::Registration),
        client_company_id: Some(company.to_string()).filter(|c| !c.is_empty()),
        month: Some(month.to_string()).filter(|m| !m.is_empty()),
        dry_run: case_ids.is_none(),
        case_ids,
    }
}

#[component]
fn Edabu() -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let companies = load_companies();
    let kind = RwSignal::new(wire_name(BatchKind::Registration));
    let company = RwSignal::new(String::new());
    let month = RwSignal::new(String::new());
    let plan: RwSignal<Option<Result<BatchPlan, ApiFailure>>> = RwSignal::new(None);
    let pending: RwSignal<Option<T>> = RwSignal::new(None);
    let created: RwSignal<Option<BatchSummary>> = RwSignal::new(None);
    let shown: RwSignal<Option<String>> = RwSignal::new(None);
    let page = RwSignal::new(1u32);
    let (batches, reload) = listing(move || {
        let page = page.get();
        async move { api::list_batches(session, page).await }
    });
    // A preview is of the choice it was made for.
    Effect::new(move |_| {
        kind.track();
        company.track();
        month.track();
        plan.set(None);
    });
    let send = move |case_ids: Option<Vec<String>>, busy: T| {
        if pending.get_untracked().is_some() {
            return;
        }
        pending.set(Some(busy));
        created.set(None);
        let batch = request(&kind.get_untracked(), &company.get_untracked(), &month.get_untracked(), case_ids);
        leptos::task::spawn_local(async move {
            match api::create_batch(session, &batch).await {
                Ok(answer) if !batch.dry_run => {
                    shown.set(answer.batch.as_ref().map(|b| b.id.clone()));
                    created.set(answer.batch);
                    plan.set(None);
                    reload();
                }
                answer => plan.set(Some(answer)),
            }
            pending.set(None);
        });
    };
    let picked = Memo::new(move |_| {
        plan.with(|p| match p {
            Some(Ok(p)) => p.picked.iter().map(|c| c.case_id.clone()).collect::<Vec<_>>(),
            _ => Vec::new(),
        })
    });
    let kinds = Signal::derive(move || {
        let lang = lang.get();
        BatchKind::ALL.into_iter().map(|k| (wire_name(k), k.label(lang).to_string())).collect::<Vec<_>>()
    });
    let choice_page = RwSignal::new(1u32);
    let (answer, loading, pages) = (batches.answer, batches.loading, batches.pages());
    view! {
        <section class="page" data-testid="edabu-page">
            <header class="page-header">
                <h1>{move || T::EdabuTitle.get(lang.get())}</h1>
                <p class="lede">{move || T::EdabuIntro.get(lang.get())}</p>
            </header>
            <div class="card">
                <h2>{move || T::NewBatchTitle.get(lang.get())}</h2>
                <div class="toolbar toolbar-wrap">
                    <FilterSelect label=T::BatchKindLabel all=None value=kind page=choice_page testid="edabu-kind" options=kinds />
                    <FilterSelect
                        label=T::ClientCompany
                        all=Some(T::AllCompanies)
                        value=company
                        page=choice_page
                        testid="edabu-company"
                        options=Signal::derive(move || companies.with(|c| company_options(c)))
                    />
                    <label class="filter">
                        <span>{move || T::DueMonth.get(lang.get())}</span>
                        " "
                        <input
                            type="month"
                            data-testid="edabu-month"
                            title=move || T::DueMonthHint.get(lang.get())
                            prop:value=move || month.get()
                            on:change=move |ev| month.set(event_target_value(&ev))
                        />
                    </label>
                </div>
                <div class="form-actions">
                    <button
                        type="button"
                        class="button"
                        data-testid="edabu-preview"
                        disabled=move || pending.get().is_some()
                        on:click=move |_| send(None, T::Previewing)
                    >
                        {move || T::PreviewBatch.get(lang.get())}
                    </button>
                    <button
                        type="button"
                        class="button button-primary"
                        data-testid="edabu-create"
                        disabled=move || pending.get().is_some() || picked.with(Vec::is_empty)
                        on:click=move |_| send(Some(picked.get_untracked()), T::CreatingBatch)
                    >
                        {move || T::CreateBatch.get(lang.get())}
                    </button>
                    <span class="hint" role="status">
                        {move || pending.get().map(|t| t.get(lang.get()))}
                    </span>
                </div>
                {move || {
                    created
                        .get()
                        .map(|batch| {
                            view! {
                                <div class="alert alert-success" role="status" data-testid="edabu-created">
                                    <span>{move || T::BatchCreated.get(lang.get())}</span>
                                    " "
                                    <DownloadButton id=batch.id.clone() name=batch.file_name.clone() />
                                </div>
                            }
                        })
                }}
                {move || match plan.get() {
                    None => None,
                    Some(Err(failure)) => {
                        Some(
                            view! {
                                <div class="alert alert-error" role="alert">
                                    {move || failure.message(lang.get())}
                                </div>
                            }
                                .into_any(),
                        )
                    }
                    Some(Ok(plan)) => Some(view! { <PlanView plan /> }.into_any()),
                }}
            </div>
            <div class="card">
                <h2>{move || T::BatchesTitle.get(lang.get())}</h2>
                {move || match answer.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(Err(failure)) => view! { <LoadFailed failure retry=reload /> }.into_any(),
                    Some(Ok(list)) => view! { <BatchesTable rows=list.items shown /> }.into_any(),
                }}
                <Pager page pages loading testid="edabu-batches" />
            </div>
            {move || shown.get().map(|id| view! { <BatchRows id on_change=Callback::new(move |()| reload()) /> })}
        </section>
    }
}

/// The cases that would go, and those left out with the reason.
#[component]
fn PlanView(plan: BatchPlan) -> impl IntoView {
    let lang = use_session().lang;
    let (picked, left_out) = (plan.picked, plan.left_out);
    let nothing = picked.is_empty();
    view! {
        <div data-testid="edabu-plan">
            <h3>{move || T::PickedCases.get(lang.get())}</h3>
            <div class="table-wrap">
                <table class="table">
                    <thead>
                        <tr>
                            <ColumnHeader label=T::ColWorker />
                            <ColumnHeader label=T::DueDate />
                            <ColumnHeader label=T::FormRows />
                        </tr>
                    </thead>
                    <tbody>
                        {nothing.then(|| view! { <EmptyRow columns=3 text=T::NoCasesPicked /> })}
                        {picked
                            .into_iter()
                            .map(|c| {
                                let href = format!("/kasus/{}", api::encode_segment(&c.case_id));
                                view! {
                                    <tr data-testid="edabu-picked" data-case-id=c.case_id.clone()>
                                        <td>
                                            <A href=href>{c.worker_name.clone()}</A>
                                        </td>
                                        <td class="cell-date">{i18n::day(&c.due_date)}</td>
                                        <td>{c.rows}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            {(!left_out.is_empty())
                .then(|| {
                    view! {
                        <h3>{move || T::LeftOutCases.get(lang.get())}</h3>
                        <div class="table-wrap">
                            <table class="table">
                                <thead>
                                    <tr>
                                        <ColumnHeader label=T::ColWorker />
                                        <ColumnHeader label=T::Reason />
                                    </tr>
                                </thead>
                                <tbody>
                                    {left_out
                                        .into_iter()
                                        .map(|c| {
                                            let href = format!("/kasus/{}", api::encode_segment(&c.case_id));
                                            let name = c.worker_name.clone().unwrap_or_else(|| c.case_id.clone());
                                            view! {
                                                <tr data-testid="edabu-left-out" data-case-id=c.case_id.clone() data-code=c.code.clone()>
                                                    <td>
                                                        <A href=href>{name}</A>
                                                    </td>
                                                    <td>{c.reason.clone()}</td>
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

/// Downloads a batch's file as it was sent.
#[component]
fn DownloadButton(id: String, name: String) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let failure: RwSignal<Option<ApiFailure>> = RwSignal::new(None);
    let download = move |_| {
        let (id, name) = (id.clone(), name.clone());
        leptos::task::spawn_local(async move {
            match api::batch_file(session, &id).await {
                Ok(bytes) => failure
                    .set(save_file(&bytes, &name, XLSX_MEDIA).err().map(|_| ApiFailure::Unexpected { status: 200 })),
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    view! {
        <button type="button" class="button button-small" data-testid="edabu-download" on:click=download>
            {move || T::Download.get(lang.get())}
        </button>
        {move || failure.get().map(|f| view! { <span class="field-error" role="alert">{f.message(lang.get())}</span> })}
    }
}

#[component]
fn BatchesTable(rows: Vec<BatchSummary>, shown: RwSignal<Option<String>>) -> impl IntoView {
    let lang = use_session().lang;
    let empty = rows.is_empty();
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="edabu-batches">
                <caption class="visually-hidden">{move || T::BatchesTitle.get(lang.get())}</caption>
                <thead>
                    <tr>
                        <ColumnHeader label=T::CreatedAt />
                        <ColumnHeader label=T::BatchKindLabel />
                        <ColumnHeader label=T::ClientCompany />
                        <ColumnHeader label=T::DueMonth />
                        <ColumnHeader label=T::CaseCount />
                        <ColumnHeader label=T::FormRows />
                        <ColumnHeader label=T::Accepted />
                        <ColumnHeader label=T::Rejected />
                        <ColumnHeader label=T::ColStatus />
                        <ColumnHeader label=T::ColActions />
                    </tr>
                </thead>
                <tbody>
                    {empty.then(|| view! { <EmptyRow columns=10 text=T::NoBatches /> })}
                    {rows
                        .into_iter()
                        .map(|b| {
                            let (kind, state, created) = (b.kind, b.state, b.created_at);
                            let id = b.id.clone();
                            view! {
                                <tr data-testid="edabu-batch" data-batch-id=b.id.clone() data-state=wire_name(b.state)>
                                    <td class="cell-date">{move || i18n::datetime(lang.get(), &created)}</td>
                                    <td>{move || kind.label(lang.get())}</td>
                                    <td>{b.client_company_name.clone()}</td>
                                    <td>{b.month.clone()}</td>
                                    <td>{b.cases}</td>
                                    <td>{b.rows}</td>
                                    <td>{b.accepted}</td>
                                    <td>{b.rejected}</td>
                                    <td>{move || state.label(lang.get())}</td>
                                    <td class="cell-actions">
                                        <DownloadButton id=b.id.clone() name=b.file_name.clone() />
                                        " "
                                        <button
                                            type="button"
                                            class="button button-small"
                                            data-testid="edabu-show"
                                            on:click=move |_| shown.set(Some(id.clone()))
                                        >
                                            {move || T::ShowBatch.get(lang.get())}
                                        </button>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// A batch's rows with e-Dabu's answers, and the upload of the next answer. `on_change` says the
/// batch list's counts changed.
#[component]
fn BatchRows(id: String, on_change: Callback<()>) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let view_of: RwSignal<Option<Result<BatchView, ApiFailure>>> = RwSignal::new(None);
    let load = {
        let id = id.clone();
        move || {
            let id = id.clone();
            leptos::task::spawn_local(async move { view_of.set(Some(api::get_batch(session, &id).await)) });
        }
    };
    load();
    let answered = Callback::new(move |()| {
        load();
        on_change.run(());
    });
    view! {
        <div class="card" data-testid="edabu-batch-rows">
            <h2>{move || T::BatchRowsTitle.get(lang.get())}</h2>
            {move || match view_of.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(failure)) => view! { <div class="alert alert-error" role="alert">{move || failure.message(lang.get())}</div> }.into_any(),
                Some(Ok(batch)) => view! { <RowsTable batch /> }.into_any(),
            }}
            <ResultsUpload batch_id=id on_done=answered />
        </div>
    }
}

#[component]
fn RowsTable(batch: BatchView) -> impl IntoView {
    let lang = use_session().lang;
    view! {
        <div class="table-wrap">
            <table class="table">
                <caption class="visually-hidden">{batch.summary.file_name.clone()}</caption>
                <thead>
                    <tr>
                        <ColumnHeader label=T::Row />
                        <ColumnHeader label=T::ColName />
                        <ColumnHeader label=T::Relation />
                        <ColumnHeader label=T::ColNik />
                        <ColumnHeader label=T::ColCase />
                        <ColumnHeader label=T::EdabuResult />
                        <ColumnHeader label=T::Noka />
                        <ColumnHeader label=T::Reason />
                    </tr>
                </thead>
                <tbody>
                    {batch
                        .rows
                        .into_iter()
                        .map(|r| {
                            let (relation, case_state, result) = (r.relation, r.case_state, r.result);
                            let href = format!("/kasus/{}", api::encode_segment(&r.case_id));
                            view! {
                                <tr data-testid="edabu-row" data-result=result.map(wire_name).unwrap_or_default()>
                                    <td>{r.number}</td>
                                    <td>{r.full_name.clone()}</td>
                                    <td>{move || relation.map_or(T::TheWorker.get(lang.get()), |rel| rel.label(lang.get()))}</td>
                                    <td class="mono">{r.nik.clone()}</td>
                                    <td>
                                        <A href=href>{move || case_state.label(lang.get())}</A>
                                    </td>
                                    <td>{move || result.map(|x| x.label(lang.get()))}</td>
                                    <td class="mono">{r.result_noka.clone().or(r.noka.clone())}</td>
                                    <td>{r.result_reason.clone()}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_preview_asks_for_a_dry_run_and_a_batch_for_the_cases_seen() {
        let preview = request("transfer", "", "2026-11", None);
        assert_eq!((preview.kind, preview.dry_run), (BatchKind::Transfer, true));
        assert_eq!((preview.client_company_id, preview.month.as_deref()), (None, Some("2026-11")));
        let batch = request("deactivation", "c1", "", Some(vec!["k1".into()]));
        assert_eq!((batch.kind, batch.dry_run, batch.month), (BatchKind::Deactivation, false, None));
        assert_eq!((batch.client_company_id.as_deref(), batch.case_ids), (Some("c1"), Some(vec!["k1".to_string()])));
    }
}
