//! The outbox: every mail, newest first, with its status; why nothing leaves when no SMTP server
//! is configured; a failed mail's last error and "send again".

use leptos::prelude::*;
use tertib_domain::reminders::OutboxView;

use crate::api::{self, ApiFailure};
use crate::components::badge::MailStatusBadge;
use crate::components::status::{LoadFailed, Loading};
use crate::components::table::{listing, ColumnHeader, EmptyRow, FilterSelect, Pager};
use crate::i18n::{self, T};
use crate::session::use_session;

const STATUSES: [&str; 4] = ["queued", "sending", "sent", "failed"];

#[component]
pub fn Outbox(
    /// Bumped when a mail was queued on this page: the outbox is loaded again.
    changed: RwSignal<u32>,
) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let status = RwSignal::new(String::new());
    let page = RwSignal::new(1u32);
    let (list, fetch) = listing(move || {
        changed.track();
        let (status, page) = (status.get(), page.get());
        async move { api::list_outbox(session, &status, page).await }
    });
    let (answer, loading, pages) = (list.answer, list.loading, list.pages());
    let smtp_missing = move || answer.with(|a| matches!(a, Some(Ok(p)) if !p.smtp_configured));
    let resend_failure: RwSignal<Option<ApiFailure>> = RwSignal::new(None);
    let on_resent = Callback::new(move |result: Result<(), ApiFailure>| {
        resend_failure.set(result.err());
        fetch();
    });
    let failure_text = move || resend_failure.with(|f| f.as_ref().map(|f| f.message(lang.get())));
    view! {
        <div class="alert alert-warning" role="status" data-testid="smtp-missing" hidden=move || !smtp_missing()>
            {move || T::SmtpMissing.get(lang.get())}
        </div>
        <div class="toolbar toolbar-wrap">
            <FilterSelect
                label=T::ColStatus
                all=Some(T::AllMail)
                value=status
                page
                testid="outbox-filter-status"
                options=Signal::derive(move || {
                    let lang = lang.get();
                    STATUSES.into_iter().map(|s| (s.to_string(), i18n::mail_status(lang, s))).collect::<Vec<_>>()
                })
            />
            <span class="count" aria-live="polite" data-testid="outbox-count">
                {move || {
                    answer
                        .with(|a| match a {
                            Some(Ok(p)) => Some(i18n::mail_count(lang.get(), p.total, p.page, pages.get())),
                            _ => None,
                        })
                }}
            </span>
            <button
                type="button"
                class="button button-small"
                data-testid="outbox-refresh"
                disabled=move || loading.get()
                on:click=move |_| fetch()
            >
                {move || T::Refresh.get(lang.get())}
            </button>
        </div>
        <div class="alert alert-error" role="alert" data-testid="outbox-resend-error" hidden=move || failure_text().is_none()>
            {failure_text}
        </div>
        {move || match answer.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(failure)) => view! { <LoadFailed failure retry=fetch /> }.into_any(),
            Some(Ok(p)) => view! { <OutboxTable mails=p.items on_resent /> }.into_any(),
        }}
        <Pager page pages loading testid="outbox" />
    }
}

#[component]
fn OutboxTable(mails: Vec<OutboxView>, on_resent: Callback<Result<(), ApiFailure>>) -> impl IntoView {
    let lang = use_session().lang;
    let empty = mails.is_empty();
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="outbox-table">
                <caption class="visually-hidden">{move || T::OutboxTitle.get(lang.get())}</caption>
                <thead>
                    <tr>
                        <ColumnHeader label=T::QueuedAt />
                        <ColumnHeader label=T::MailKind />
                        <ColumnHeader label=T::Recipient />
                        <ColumnHeader label=T::Subject />
                        <ColumnHeader label=T::ColStatus />
                        <ColumnHeader label=T::Attempts />
                        <ColumnHeader label=T::ColActions />
                    </tr>
                </thead>
                <tbody>
                    {empty.then(|| view! { <EmptyRow columns=7 text=T::NoMail /> })}
                    {mails.into_iter().map(|mail| view! { <OutboxRow mail on_resent /> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn OutboxRow(mail: OutboxView, on_resent: Callback<Result<(), ApiFailure>>) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let pending = RwSignal::new(false);
    let id = mail.id.clone();
    let resend = move |_| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        let id = id.clone();
        leptos::task::spawn_local(async move {
            let result = api::resend_mail(session, &id).await.map(drop);
            pending.set(false);
            on_resent.run(result);
        });
    };
    let OutboxView {
        kind, recipient, subject, status, attempts, next_attempt_at, last_error, created_at, sent_at, ..
    } = mail;
    let failed = status == "failed";
    // When it went, or when the next try is (a mail that has not gone yet).
    let when = match (sent_at, status.as_str()) {
        (Some(at), _) => Some((T::SentAt, at)),
        (None, "queued") if attempts > 0 => Some((T::NextAttempt, next_attempt_at)),
        _ => None,
    };
    let has_error = !last_error.is_empty();
    let row_status = status.clone();
    view! {
        <tr data-testid="outbox-row" data-status=row_status class:row-overdue=failed>
            <td class="cell-date">{move || i18n::datetime(lang.get(), &created_at)}</td>
            <td>{move || i18n::mail_kind(lang.get(), &kind)}</td>
            <td>{recipient}</td>
            <td>{subject}</td>
            <td>
                <MailStatusBadge status />
                {when
                    .map(|(words, at)| {
                        view! {
                            <span class="cell-user-email">
                                {move || format!("{} {}", words.get(lang.get()), i18n::datetime(lang.get(), &at))}
                            </span>
                        }
                    })}
                {has_error
                    .then(|| {
                        view! {
                            <span class="cell-note field-error" data-testid="outbox-last-error">
                                {last_error}
                            </span>
                        }
                    })}
            </td>
            <td>{attempts}</td>
            <td class="cell-actions">
                {failed
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="button button-small"
                                data-testid="outbox-resend"
                                disabled=move || pending.get()
                                on:click=resend
                            >
                                {move || T::Resend.get(lang.get())}
                            </button>
                        }
                    })}
            </td>
        </tr>
    }
}
