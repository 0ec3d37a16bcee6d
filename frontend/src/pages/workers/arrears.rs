//! A worker's contribution arrears (tunggakan), the worker's own or a family member's: what BPJS
//! counts of them (at most 24 months) and the service fine care after reactivation would cost.
//! Directors and HR record them and settle them (paid or waived, with the evidence); open
//! self-paying arrears hold a transfer up, so the worker's cases follow every change.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use tertib_domain::lifecycle::api::{ArrearsPatch, ArrearsView, NewArrears};
use tertib_domain::lifecycle::arrears::{ArrearsSource, ArrearsStatus};
use tertib_domain::money::Rupiah;
use tertib_domain::person::required;
use tertib_domain::registry::FamilyMemberView;

use crate::api::{self, from_wire_name, wire_name, ApiFailure};
use crate::components::form::{
    escape_cancels, field_error, focus_first, focus_first_invalid, FormAlert, FormErrors, Msg, SelectField,
    SuccessNote, TextField,
};
use crate::components::status::{LoadFailed, Loading};
use crate::components::table::{ColumnHeader, EmptyRow};
use crate::i18n::{self, T};
use crate::session::use_session;

const SOURCES: [ArrearsSource; 3] =
    [ArrearsSource::SelfPaying, ArrearsSource::PreviousEmployer, ArrearsSource::ThisCompany];

#[component]
pub fn ArrearsSection(
    worker_id: Memo<String>,
    family: RwSignal<Vec<FamilyMemberView>>,
    arrears: RwSignal<Option<Result<Vec<ArrearsView>, ApiFailure>>>,
    retry: impl Fn() + Copy + Send + Sync + 'static,
    /// Arrears changed: they move the worker's cases and status.
    on_changed: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let can_edit = Memo::new(move |_| session.can_edit_registry());
    let note: RwSignal<Option<T>> = RwSignal::new(None);
    // The arrears being settled and how: the row then asks for the evidence.
    let settling: RwSignal<Option<(ArrearsView, ArrearsStatus)>> = RwSignal::new(None);
    let person = move |member: &Option<String>| match member {
        None => T::TheWorker.get(lang.get()).to_string(),
        Some(id) => family.with(|f| f.iter().find(|m| &m.id == id).map(|m| m.full_name.clone())).unwrap_or_default(),
    };
    let on_settled = Callback::new(move |()| {
        settling.set(None);
        note.set(Some(T::ArrearsSettled));
        on_changed.run(());
    });
    let on_added = Callback::new(move |()| {
        note.set(Some(T::ArrearsAdded));
        on_changed.run(());
    });
    view! {
        <p class="hint">{move || T::ArrearsIntro.get(lang.get())}</p>
        {move || match arrears.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(failure)) => view! { <LoadFailed failure retry /> }.into_any(),
            Some(Ok(list)) => {
                let editable = can_edit.get();
                let columns: u8 = if editable { 8 } else { 7 };
                view! {
                    <div class="table-wrap">
                        <table class="table" data-testid="arrears-table">
                            <caption class="visually-hidden">{move || T::Arrears.get(lang.get())}</caption>
                            <thead>
                                <tr>
                                    <ColumnHeader label=T::Person />
                                    <ColumnHeader label=T::Source />
                                    <ColumnHeader label=T::Months />
                                    <ColumnHeader label=T::Amount />
                                    <ColumnHeader label=T::ColStatus />
                                    <ColumnHeader label=T::ServiceFine />
                                    <ColumnHeader label=T::Note />
                                    {editable.then(|| view! { <ColumnHeader label=T::ColActions /> })}
                                </tr>
                            </thead>
                            <tbody>
                                {list.is_empty().then(|| view! { <EmptyRow columns text=T::NoArrears /> })}
                                {list
                                    .into_iter()
                                    .map(|a| {
                                        let (source, status, amount) = (a.source, a.status, a.amount.amount());
                                        let (months, counted, fine, cap) = (a.months, a.counted_months, a.fine_percent, a.fine_cap.amount());
                                        let who = a.family_member_id.clone();
                                        let remarks = [a.evidence.clone(), a.note.clone()]
                                            .into_iter()
                                            .filter(|t| !t.trim().is_empty())
                                            .collect::<Vec<_>>()
                                            .join(" · ");
                                        let asked = settling.with(|s| s.as_ref().map(|(row, how)| (row.id == a.id).then_some(*how))).flatten();
                                        let row = a.clone();
                                        let actions = (editable && status == ArrearsStatus::Open)
                                            .then(|| {
                                                let (paid, waived) = (row.clone(), row.clone());
                                                view! {
                                                    <td class="cell-actions">
                                                        <button
                                                            type="button"
                                                            class="button button-small"
                                                            data-testid="arrears-paid"
                                                            on:click=move |_| {
                                                                note.set(None);
                                                                settling.set(Some((paid.clone(), ArrearsStatus::Paid)));
                                                                focus_first("[data-testid=arrears-evidence]".to_string());
                                                            }
                                                        >
                                                            {move || T::MarkPaid.get(lang.get())}
                                                        </button>
                                                        <button
                                                            type="button"
                                                            class="button button-small button-quiet"
                                                            data-testid="arrears-waive"
                                                            on:click=move |_| {
                                                                note.set(None);
                                                                settling.set(Some((waived.clone(), ArrearsStatus::Waived)));
                                                                focus_first("[data-testid=arrears-evidence]".to_string());
                                                            }
                                                        >
                                                            {move || T::MarkWaived.get(lang.get())}
                                                        </button>
                                                    </td>
                                                }
                                            });
                                        let empty_cell = (editable && status != ArrearsStatus::Open).then(|| view! { <td></td> });
                                        view! {
                                            <tr data-testid="arrears-row" data-status=status.as_str()>
                                                <td>{person(&who)}</td>
                                                <td>{move || source.label(lang.get())}</td>
                                                <td>{move || i18n::arrears_months(lang.get(), months, counted)}</td>
                                                <td class="cell-date">{move || i18n::rupiah(lang.get(), amount)}</td>
                                                <td>
                                                    <span class=format!("badge badge-arrears-{}", status.as_str())>
                                                        {move || i18n::arrears_status(lang.get(), status)}
                                                    </span>
                                                </td>
                                                <td>{move || i18n::service_fine(lang.get(), fine, cap)}</td>
                                                <td>{remarks}</td>
                                                {actions}
                                                {empty_cell}
                                            </tr>
                                            {asked.map(|how| view! { <SettleRow arrears=row how columns on_settled settling /> })}
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                    .into_any()
            }
        }}
        <SuccessNote text=Signal::derive(move || note.get().map(|t| t.get(lang.get()).to_string())) testid="arrears-note" />
        <Show when=move || can_edit.get()>
            <AddArrears worker_id family on_added />
        </Show>
    }
}

/// The evidence of a settlement (receipt number, letter), asked in a row under the arrears.
#[component]
fn SettleRow(
    arrears: ArrearsView,
    how: ArrearsStatus,
    columns: u8,
    on_settled: Callback<()>,
    settling: RwSignal<Option<(ArrearsView, ArrearsStatus)>>,
) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let evidence = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());
    let pending = RwSignal::new(false);
    let cancel = Callback::new(move |()| settling.set(None));
    let id = arrears.id.clone();
    let version = arrears.version;
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let text = evidence.get_untracked().trim().to_string();
        if text.is_empty() {
            let mut found = FormErrors::default();
            found.add_findings([required("evidence")]);
            errors.set(found);
            focus_first_invalid("arrears-settle");
            return;
        }
        let change = ArrearsPatch { version, status: how, evidence: text, note: None };
        let id = id.clone();
        pending.set(true);
        leptos::task::spawn_local(async move {
            match api::settle_arrears(session, &id, &change).await {
                Ok(_) => on_settled.run(()),
                Err(failure) => errors.set(FormErrors::from_failure(failure, &["evidence"], &[])),
            }
            pending.set(false);
        });
    };
    view! {
        <tr class="row-confirm" on:keydown=escape_cancels(cancel)>
            <td colspan=columns.to_string()>
                <form id="arrears-settle" class="inline-form" novalidate on:submit=submit>
                    <TextField
                        id="arrears-settle-evidence"
                        label=T::Evidence
                        value=evidence
                        testid="arrears-evidence"
                        required=true
                        error=field_error(errors, "evidence")
                    />
                    <button type="submit" class="button button-small button-primary" data-testid="arrears-confirm" disabled=move || pending.get()>
                        {move || if how == ArrearsStatus::Paid { T::MarkPaid.get(lang.get()) } else { T::MarkWaived.get(lang.get()) }}
                    </button>
                    <button type="button" class="button button-small" on:click=move |_| cancel.run(())>
                        {move || T::Cancel.get(lang.get())}
                    </button>
                </form>
                <FormAlert errors />
            </td>
        </tr>
    }
}

/// Records arrears of the worker or a family member.
#[component]
fn AddArrears(
    worker_id: Memo<String>,
    family: RwSignal<Vec<FamilyMemberView>>,
    on_added: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let member = RwSignal::new(String::new());
    let source = RwSignal::new(String::new());
    let months = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());
    let pending = RwSignal::new(false);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let mut found = FormErrors::default();
        let chosen: Option<ArrearsSource> = from_wire_name(&source.get_untracked());
        if chosen.is_none() {
            found.add_findings([required("source")]);
        }
        let month_count = months.get_untracked().trim().parse::<u32>().ok().filter(|m| *m >= 1);
        if month_count.is_none() {
            found.add("months", Msg::Text(T::MonthsInvalid));
        }
        let sum = Rupiah::parse(&amount.get_untracked());
        if sum.is_none() {
            found.add("amount", Msg::Text(T::AmountInvalid));
        }
        let (Some(source_kind), Some(month_count), Some(sum)) = (chosen, month_count, sum) else {
            errors.set(found);
            focus_first_invalid("arrears-add");
            return;
        };
        errors.set(FormErrors::default());
        let request = NewArrears {
            family_member_id: Some(member.get_untracked()).filter(|m| !m.is_empty()),
            source: source_kind,
            months: month_count,
            amount: sum,
            note: note.get_untracked().trim().to_string(),
        };
        let id = worker_id.get_untracked();
        pending.set(true);
        leptos::task::spawn_local(async move {
            match api::add_arrears(session, &id, &request).await {
                Ok(_) => {
                    for field in [member, source, months, amount, note] {
                        field.set(String::new());
                    }
                    on_added.run(());
                }
                Err(failure) => {
                    errors.set(FormErrors::from_failure(
                        failure,
                        &["family_member_id", "source", "months", "amount", "note"],
                        &[],
                    ));
                    focus_first_invalid("arrears-add");
                }
            }
            pending.set(false);
        });
    };
    view! {
        <form id="arrears-add" class="dialog-section" data-testid="arrears-form" novalidate on:submit=submit>
            <h3>{move || T::AddArrears.get(lang.get())}</h3>
            <div class="form-grid">
                <SelectField
                    id="arrears-family_member_id"
                    label=T::Person
                    value=member
                    placeholder=T::TheWorker
                    testid="arrears-person"
                    options=Signal::derive(move || {
                        family.with(|f| {
                            f.iter().filter(|m| m.removed_at.is_none()).map(|m| (m.id.clone(), m.full_name.clone())).collect()
                        })
                    })
                    error=field_error(errors, "family_member_id")
                />
                <SelectField
                    id="arrears-source"
                    label=T::Source
                    value=source
                    placeholder=T::Choose
                    testid="arrears-source"
                    required=true
                    options=Signal::derive(move || {
                        let lang = lang.get();
                        SOURCES.iter().map(|s| (wire_name(*s), s.label(lang).to_string())).collect()
                    })
                    error=field_error(errors, "source")
                />
                <TextField
                    id="arrears-months"
                    label=T::Months
                    value=months
                    testid="arrears-months"
                    inputmode="numeric"
                    required=true
                    error=field_error(errors, "months")
                />
                <TextField
                    id="arrears-amount"
                    label=T::Amount
                    value=amount
                    testid="arrears-amount"
                    inputmode="numeric"
                    required=true
                    error=field_error(errors, "amount")
                />
                <TextField id="arrears-note" label=T::Note value=note testid="arrears-note-input" error=field_error(errors, "note") />
            </div>
            <FormAlert errors testid="arrears-error" />
            <div class="form-actions">
                <button type="submit" class="button button-primary" data-testid="arrears-submit" disabled=move || pending.get()>
                    {move || if pending.get() { T::Saving.get(lang.get()) } else { T::AddArrears.get(lang.get()) }}
                </button>
            </div>
        </form>
    }
}
