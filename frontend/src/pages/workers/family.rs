//! A worker's family on their page: the members with their coverage, and for directors and HR the
//! member form (add, or change the member chosen) and removal after a confirmation. A removed
//! member's record is kept by the server; the others' coverage is worked out again.

use leptos::prelude::*;
use tertib_domain::registry::{FamilyMemberView, WorkerView};

use super::member_form::MemberForm;
use crate::api::{self, ApiFailure};
use crate::components::badge::{CoverageBadge, MembershipSince};
use crate::components::form::{focus_first, ConflictAlert, SuccessNote};
use crate::components::table::{ColumnHeader, ConfirmRow, EmptyRow};
use crate::i18n::{self, T};
use crate::session::use_session;

#[component]
pub fn FamilySection(
    worker: Memo<Option<WorkerView>>,
    family: RwSignal<Vec<FamilyMemberView>>,
    /// Directors and HR, on a record they see in full.
    editable: Memo<bool>,
    /// Loads the family and the worker again (coverage and warnings follow every change).
    reload: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let editing: RwSignal<Option<FamilyMemberView>> = RwSignal::new(None);
    let removing: RwSignal<Option<String>> = RwSignal::new(None);
    let remove_pending = RwSignal::new(false);
    let remove_failure: RwSignal<Option<ApiFailure>> = RwSignal::new(None);
    let note: RwSignal<Option<T>> = RwSignal::new(None);
    // The family loaded again (after a version conflict, say): the member being changed is the
    // one stored now, or gone.
    Effect::new(move |_| {
        family.with(|list| {
            let Some((id, version)) = editing.with_untracked(|e| e.as_ref().map(|m| (m.id.clone(), m.version))) else {
                return;
            };
            match list.iter().find(|m| m.id == id) {
                Some(fresh) if fresh.version != version => editing.set(Some(fresh.clone())),
                Some(_) => {}
                None => editing.set(None),
            }
        });
    });
    let on_saved = Callback::new(move |words: T| {
        note.set(Some(words));
        reload.run(());
    });
    let start_edit = Callback::new(move |member: FamilyMemberView| {
        note.set(None);
        removing.set(None);
        editing.set(Some(member));
    });
    let ask_remove = Callback::new(move |id: String| {
        note.set(None);
        remove_failure.set(None);
        removing.set(Some(id));
        focus_first("[data-testid=member-remove-confirm]".to_string());
    });
    let cancel_remove = Callback::new(move |()| {
        let Some(id) = removing.get_untracked() else { return };
        removing.set(None);
        focus_first(format!("[data-testid=member-remove][data-member-id=\"{id}\"]"));
    });
    let confirm_remove = Callback::new(move |member: FamilyMemberView| {
        if remove_pending.get_untracked() {
            return;
        }
        let Some(worker_id) = worker.with_untracked(|w| w.as_ref().map(|w| w.id.clone())) else { return };
        remove_pending.set(true);
        leptos::task::spawn_local(async move {
            match api::remove_family_member(session, &worker_id, &member.id, member.version).await {
                Ok(_) => {
                    removing.set(None);
                    if editing.with_untracked(|e| e.as_ref().is_some_and(|m| m.id == member.id)) {
                        editing.set(None);
                    }
                    note.set(Some(T::MemberRemoved));
                    reload.run(());
                }
                Err(failure) => remove_failure.set(Some(failure)),
            }
            remove_pending.set(false);
        });
    });
    let conflict =
        Signal::derive(move || remove_failure.with(|f| f.as_ref().is_some_and(ApiFailure::is_version_conflict)));
    let other_failure =
        move || remove_failure.with(|f| f.as_ref().filter(|f| !f.is_version_conflict()).map(|f| f.message(lang.get())));
    let reload_after_conflict = Callback::new(move |()| {
        remove_failure.set(None);
        removing.set(None);
        reload.run(());
    });
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="family-table">
                <caption class="visually-hidden">{move || T::Family.get(lang.get())}</caption>
                <thead>
                    <tr>
                        <ColumnHeader label=T::Relation />
                        <ColumnHeader label=T::ColName />
                        <ColumnHeader label=T::ColNik />
                        <ColumnHeader label=T::BirthDate />
                        <ColumnHeader label=T::Gender />
                        <ColumnHeader label=T::Coverage />
                        <Show when=move || editable.get()>
                            <ColumnHeader label=T::ColActions />
                        </Show>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let members = family.get();
                        let can_edit = editable.get();
                        let columns: u8 = if can_edit { 7 } else { 6 };
                        if members.is_empty() {
                            return view! { <EmptyRow columns text=T::NoFamily /> }.into_any();
                        }
                        members
                            .into_iter()
                            .map(|m| {
                                let asked = removing.with(|r| r.as_deref() == Some(m.id.as_str()));
                                let edited = editing.with(|e| e.as_ref().is_some_and(|e| e.id == m.id));
                                view! {
                                    <MemberRow member=m.clone() edited can_edit on_edit=start_edit on_remove=ask_remove />
                                    {asked
                                        .then(|| {
                                            let name = m.full_name.clone();
                                            view! {
                                                <ConfirmRow
                                                    columns
                                                    question=Signal::derive(move || i18n::remove_member_question(lang.get(), &name))
                                                    hint=T::RemoveMemberHint
                                                    confirm=T::ConfirmRemove
                                                    pending=remove_pending
                                                    testid="member-remove"
                                                    on_confirm=Callback::new(move |()| confirm_remove.run(m.clone()))
                                                    on_cancel=cancel_remove
                                                />
                                            }
                                        })}
                                }
                            })
                            .collect_view()
                            .into_any()
                    }}
                </tbody>
            </table>
        </div>
        <div class="alert alert-error" role="alert" data-testid="member-remove-error" hidden=move || other_failure().is_none()>
            {other_failure}
        </div>
        <ConflictAlert show=conflict on_reload=reload_after_conflict testid="member-remove-conflict" />
        <SuccessNote text=Signal::derive(move || note.get().map(|t| t.get(lang.get()).to_string())) testid="family-note" />
        <Show when=move || editable.get()>
            <MemberForm worker family editing on_saved on_reload=reload />
        </Show>
    }
}

/// One member: relation, name with the saved warnings, NIK, birth date, gender, coverage and,
/// for those who may change the family, Edit and Remove (named with the member, for screen
/// readers).
#[component]
fn MemberRow(
    member: FamilyMemberView,
    /// The member is in the form, being changed.
    edited: bool,
    can_edit: bool,
    on_edit: Callback<FamilyMemberView>,
    on_remove: Callback<String>,
) -> impl IntoView {
    let lang = use_session().lang;
    let relation = member.relation;
    let gender = member.gender;
    let warnings: Vec<String> = member.warnings.iter().map(|d| d.message.clone()).collect();
    let (name, row_name) = (member.full_name.clone(), member.full_name.clone());
    let id = member.id.clone();
    let actions = can_edit.then(|| {
        let (edit_name, remove_name) = (name.clone(), name.clone());
        let (edit_id, remove_attr, remove_id) = (id.clone(), id.clone(), id.clone());
        let chosen = member.clone();
        view! {
            <td class="cell-actions">
                <button
                    type="button"
                    class="button button-small button-quiet"
                    data-testid="member-edit"
                    data-member-id=edit_id
                    aria-label=move || i18n::edit_label(lang.get(), &edit_name)
                    on:click=move |_| on_edit.run(chosen.clone())
                >
                    {move || T::Edit.get(lang.get())}
                </button>
                <button
                    type="button"
                    class="button button-small button-quiet button-danger"
                    data-testid="member-remove"
                    data-member-id=remove_attr
                    aria-label=move || i18n::remove_label(lang.get(), &remove_name)
                    on:click=move |_| on_remove.run(remove_id.clone())
                >
                    {move || T::Remove.get(lang.get())}
                </button>
            </td>
        }
    });
    view! {
        <tr data-testid="family-row" data-member-id=id data-member-name=row_name class:row-current=edited>
            <td>{move || relation.label(lang.get())}</td>
            <td class="cell-user">
                <span class="cell-user-name">{name}</span>
                <span class="cell-membership">
                    <MembershipSince status=member.membership_status since=member.membership_since testid="family-membership" />
                </span>
                {warnings.into_iter().map(|w| view! { <span class="field-warning">{w}</span> }).collect_view()}
            </td>
            <td class="mono">{member.nik.clone()}</td>
            <td class="cell-date">{i18n::day(&member.birth_date)}</td>
            <td>{move || gender.label(lang.get())}</td>
            <td>
                <CoverageBadge coverage=member.coverage />
            </td>
            {actions}
        </tr>
    }
}
