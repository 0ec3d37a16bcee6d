//! A worker's placements with client companies: the history, and a new placement.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use tertib_domain::person::{check_required_date, required};
use tertib_domain::registry::{NewPlacement, PlacementView};

use super::checks::errors_only;
use super::choices::{company_options, load_companies};
use crate::api;
use crate::components::form::{focus_first_invalid, FormAlert, FormErrors, SelectField, SuccessNote, TextField};
use crate::components::table::{ColumnHeader, EmptyRow};
use crate::i18n::{self, T};
use crate::session::use_session;

#[component]
pub fn PlacementsTable(placements: RwSignal<Vec<PlacementView>>) -> impl IntoView {
    let lang = use_session().lang;
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="placements-table">
                <caption class="visually-hidden">{move || T::Placements.get(lang.get())}</caption>
                <thead>
                    <tr>
                        <ColumnHeader label=T::ClientCompany />
                        <ColumnHeader label=T::StartDate />
                        <ColumnHeader label=T::EndDate />
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let list = placements.get();
                        if list.is_empty() {
                            return view! { <EmptyRow columns=3 text=T::NoPlacements /> }
                                .into_any();
                        }
                        list.into_iter()
                            .map(|p| {
                                let current = p.current;
                                view! {
                                    <tr data-testid="placement-row" class:row-current=current>
                                        <td>
                                            {format!("{} · {}", p.client_company.code, p.client_company.name)}
                                            {current
                                                .then(|| {
                                                    view! {
                                                        " "
                                                        <span class="badge badge-m-active">
                                                            {move || T::Current.get(lang.get())}
                                                        </span>
                                                    }
                                                })}
                                        </td>
                                        <td class="cell-date">{i18n::day(&p.start_date)}</td>
                                        <td class="cell-date">{p.end_date.map(|d| i18n::day(&d))}</td>
                                    </tr>
                                }
                            })
                            .collect_view()
                            .into_any()
                    }}
                </tbody>
            </table>
        </div>
    }
}

#[component]
pub fn AddPlacement(worker_id: Memo<String>, on_added: Callback<()>) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let companies = load_companies();
    let company = RwSignal::new(String::new());
    let start = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());
    let pending = RwSignal::new(false);
    let added = RwSignal::new(false);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        added.set(false);
        let mut found = FormErrors::default();
        if company.get_untracked().is_empty() {
            found.add_findings([required("client_company_id")]);
        }
        if let Err(finding) = check_required_date("start_date", &start.get_untracked()) {
            found.add_findings([finding]);
        }
        if !found.is_empty() {
            errors.set(found);
            focus_first_invalid("placement-add");
            return;
        }
        errors.set(FormErrors::default());
        let request = NewPlacement { client_company_id: company.get_untracked(), start_date: start.get_untracked() };
        let id = worker_id.get_untracked();
        pending.set(true);
        leptos::task::spawn_local(async move {
            match api::add_placement(session, &id, &request).await {
                Ok(_) => {
                    company.set(String::new());
                    start.set(String::new());
                    added.set(true);
                    on_added.run(());
                }
                Err(failure) => {
                    errors.set(FormErrors::from_failure(
                        errors_only(failure),
                        &["client_company_id", "start_date"],
                        &[],
                    ));
                    focus_first_invalid("placement-add");
                }
            }
            pending.set(false);
        });
    };
    let err =
        move |field: &'static str| Signal::derive(move || errors.with(|e| e.field(field).map(|m| m.text(lang.get()))));
    view! {
        <form id="placement-add" class="dialog-section" novalidate on:submit=submit>
            <h3>{move || T::AddPlacement.get(lang.get())}</h3>
            <p class="hint">{move || T::PlacementHint.get(lang.get())}</p>
            <div class="form-grid">
                <SelectField
                    id="placement-client_company_id"
                    label=T::ClientCompany
                    value=company
                    placeholder=T::Choose
                    testid="placement-add-company"
                    required=true
                    options=Signal::derive(move || companies.with(|c| company_options(c)))
                    error=err("client_company_id")
                />
                <TextField
                    id="placement-start_date"
                    label=T::StartDate
                    value=start
                    hint=T::DateHint
                    testid="placement-add-start"
                    required=true
                    error=err("start_date")
                />
            </div>
            <FormAlert errors testid="placement-add-error" />
            <SuccessNote text=Signal::derive(move || added.get().then(|| T::PlacementAdded.get(lang.get()).to_string())) />
            <div class="form-actions">
                <button
                    type="submit"
                    class="button button-primary"
                    data-testid="placement-add-submit"
                    disabled=move || pending.get()
                >
                    {move || if pending.get() { T::Saving.get(lang.get()) } else { T::AddPlacement.get(lang.get()) }}
                </button>
            </div>
        </form>
    }
}
