//! Every call to Tertib's API (`/api/v1`, same origin).
//!
//! Each request carries `Accept-Language`, so the server answers in the language on screen. Calls
//! that need the access token go through [`authed`]: when the server says `token_expired`, the
//! token is renewed once (one refresh at a time for the whole app: the server takes a refresh
//! token presented twice for a stolen one and ends the session) and the call is retried.

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use gloo_net::http::{Method, RequestBuilder, Response};
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use tertib_domain::auth::{
    ChangePasswordRequest, CreateUserRequest, LoginRequest, TokenResponse, UpdateMeRequest, UpdateUserRequest, UserView,
};
use tertib_domain::edabu::{BatchPage, BatchPlan, BatchView, NewBatch, ResultsReport};
use tertib_domain::export::ExportFormat;
use tertib_domain::family::FamilyMemberDraft;
use tertib_domain::import::{FileRows, ImportMode, ImportReport, ImportStatus, TemplateFormat};
use tertib_domain::lifecycle::api::{
    ArrearsPatch, ArrearsView, AuditEntryView, CaseListQuery, CasePage, CaseSummary, CaseView, ChecklistTick,
    DocumentView, MembershipEventView, NewArrears, NewNote, TerminationOutcome, TerminationRequest, TransitionRequest,
};
use tertib_domain::lifecycle::{DocumentKind, LifecycleSettings};
use tertib_domain::portal::{ApiClientCreated, ApiClientView, NewApiClient, PortalPage, PortalQuery, PortalSummary};
use tertib_domain::registry::{
    ClientCompanyDraft, ClientCompanyView, FamilyMemberView, KkHistoryEntry, NewPlacement, NewWorker, PlacementView,
    UpdateClientCompanyRequest, WorkerListQuery, WorkerPage, WorkerView,
};
use tertib_domain::reminders::{DigestPreview, OutboxPage, OutboxView, Queued, ReminderSettings};
use tertib_domain::webhooks::{WebhookDelivery, WebhookSaved, WebhookSettings, WebhookView};
use tertib_domain::{ApiErrorBody, ErrorCode, Lang};
use web_sys::RequestCredentials;

use crate::i18n::{self, T};
use crate::session::Session;

const BASE: &str = "/api/v1";

/// Why a call did not give its answer.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiFailure {
    /// The server refused with its error shape (`code`, `message`, `details`).
    Api { status: u16, body: ApiErrorBody },
    /// No answer at all: offline, or the server is down.
    Network,
    /// An answer that is not what the API promises (a proxy's error page, say).
    Unexpected { status: u16 },
}

impl ApiFailure {
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            ApiFailure::Api { body, .. } => Some(body.code),
            _ => None,
        }
    }

    /// Someone else saved the record after it was read: the change was not made.
    pub fn is_version_conflict(&self) -> bool {
        self.code() == Some(ErrorCode::VersionConflict)
    }

    fn unauthenticated() -> ApiFailure {
        ApiFailure::Api {
            status: 401,
            body: ApiErrorBody {
                code: ErrorCode::Unauthenticated,
                message: ErrorCode::Unauthenticated.message(Lang::default()).to_string(),
                details: Vec::new(),
            },
        }
    }

    /// The failure in words. The code's text comes from the domain in the language on screen
    /// now; details that belong to no field (such as when a locked account may try again) are
    /// the server's words and follow.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ApiFailure::Api { body, .. } => {
                let mut text = body.code.message(lang).to_string();
                for detail in body.details.iter().filter(|d| d.field.is_none()) {
                    text.push(' ');
                    text.push_str(&detail.message);
                }
                text
            }
            ApiFailure::Network => T::NetworkError.get(lang).to_string(),
            ApiFailure::Unexpected { status } => i18n::unexpected_answer(lang, *status),
        }
    }
}

pub type RefreshFuture = Shared<LocalBoxFuture<'static, Result<TokenResponse, ApiFailure>>>;

/// What a request carries.
#[derive(Clone)]
enum Payload {
    Empty,
    Json(String),
    /// A file as it is (a document upload): the raw bytes, `application/octet-stream`.
    File(web_sys::Blob),
    /// Bytes read in the browser (a roster), with their media type.
    Bytes {
        bytes: Vec<u8>,
        media_type: &'static str,
    },
}

impl Payload {
    fn json(body: Option<String>) -> Payload {
        body.map_or(Payload::Empty, Payload::Json)
    }
}

async fn send(
    session: Session,
    method: Method,
    path: &str,
    body: &Payload,
    token: Option<&str>,
) -> Result<Response, ApiFailure> {
    let mut builder = RequestBuilder::new(&format!("{BASE}{path}"))
        .method(method)
        .credentials(RequestCredentials::SameOrigin)
        .header("Accept", "application/json")
        .header("Accept-Language", session.lang.get_untracked().code());
    if let Some(token) = token {
        builder = builder.header("Authorization", &format!("Bearer {token}"));
    }
    let request = match body {
        Payload::Empty => builder.build(),
        Payload::Json(json) => builder.header("Content-Type", "application/json").body(json.clone()),
        Payload::File(file) => builder.header("Content-Type", "application/octet-stream").body(file.clone()),
        Payload::Bytes { bytes, media_type } => {
            builder.header("Content-Type", media_type).body(js_sys::Uint8Array::from(bytes.as_slice()))
        }
    };
    request.map_err(|_| ApiFailure::Network)?.send().await.map_err(|_| ApiFailure::Network)
}

/// An answer that is not a success, as a failure: the error shape when the server sent one.
async fn failure_of(response: Response) -> ApiFailure {
    let status = response.status();
    let Ok(text) = response.text().await else { return ApiFailure::Network };
    match serde_json::from_str::<ApiErrorBody>(&text) {
        Ok(body) => ApiFailure::Api { status, body },
        Err(_) => ApiFailure::Unexpected { status },
    }
}

fn is_success(response: &Response) -> bool {
    (200..300).contains(&response.status())
}

/// Reads an answer: the promised JSON on success, the error shape otherwise.
async fn read<T: DeserializeOwned>(response: Response) -> Result<T, ApiFailure> {
    let status = response.status();
    if !is_success(&response) {
        return Err(failure_of(response).await);
    }
    let text = response.text().await.map_err(|_| ApiFailure::Network)?;
    serde_json::from_str(&text).map_err(|_| ApiFailure::Unexpected { status })
}

fn to_json<B: Serialize>(body: &B) -> Result<String, ApiFailure> {
    serde_json::to_string(body).map_err(|_| ApiFailure::Unexpected { status: 0 })
}

fn is_expired_token(failure: &ApiFailure) -> bool {
    matches!(failure, ApiFailure::Api { status: 401, body } if body.code == ErrorCode::TokenExpired)
}

/// A call with the access token, answering the JSON it promises. See [`authed_response`].
async fn authed<T: DeserializeOwned>(
    session: Session,
    method: Method,
    path: &str,
    body: Option<String>,
) -> Result<T, ApiFailure> {
    read(authed_response(session, method, path, Payload::json(body)).await?).await
}

/// One try of a call with the token: a success as it came, anything else as a failure.
async fn attempt(
    session: Session,
    method: Method,
    path: &str,
    body: &Payload,
    token: &str,
) -> Result<Response, ApiFailure> {
    let response = send(session, method, path, body, Some(token)).await?;
    if is_success(&response) {
        Ok(response)
    } else {
        Err(failure_of(response).await)
    }
}

/// A call with the access token, answering the successful response as it came (JSON, text or a
/// file). An expired token is renewed once and the call retried; any other 401 means the session
/// is over, and the app goes back to the sign-in page.
async fn authed_response(session: Session, method: Method, path: &str, body: Payload) -> Result<Response, ApiFailure> {
    let Some(token) = session.access_token() else {
        session.end(Some(ErrorCode::Unauthenticated));
        return Err(ApiFailure::unauthenticated());
    };
    let result = match attempt(session, method.clone(), path, &body, &token).await {
        Err(failure) if is_expired_token(&failure) => {
            // Another call may have renewed the token while this one was on its way.
            let fresh = match session.access_token() {
                Some(current) if current != token => current,
                _ => match refresh(session).await {
                    Ok(tokens) => tokens.access_token,
                    Err(failure) => {
                        end_if_signed_out(session, &failure, ErrorCode::TokenExpired);
                        return Err(failure);
                    }
                },
            };
            attempt(session, method, path, &body, &fresh).await
        }
        other => other,
    };
    if let Err(failure) = &result {
        end_if_signed_out(session, failure, ErrorCode::Unauthenticated);
    }
    result
}

/// A 401 on a call that carried a token means the server no longer knows this session.
fn end_if_signed_out(session: Session, failure: &ApiFailure, reason: ErrorCode) {
    if matches!(failure, ApiFailure::Api { status: 401, .. }) {
        session.end(Some(reason));
    }
}

/// Renews the access token with the refresh cookie. Calls made while a refresh is in flight
/// wait for that one instead of starting another.
pub async fn refresh(session: Session) -> Result<TokenResponse, ApiFailure> {
    let in_flight = session.refreshing.get_value();
    let shared = match in_flight {
        Some(shared) => shared,
        None => {
            let shared = async move {
                let result = match send(session, Method::POST, "/auth/refresh", &Payload::Empty, None).await {
                    Ok(response) => read::<TokenResponse>(response).await,
                    Err(e) => Err(e),
                };
                if let Ok(tokens) = &result {
                    session.accept(tokens);
                }
                session.refreshing.set_value(None);
                result
            }
            .boxed_local()
            .shared();
            session.refreshing.set_value(Some(shared.clone()));
            shared
        }
    };
    shared.await
}

/// Restores the session of the refresh cookie, if there is one, when the app starts.
pub async fn restore(session: Session) {
    match refresh(session).await {
        Ok(_) => session.adopt_profile_language(),
        // No cookie, an expired one, or no server: the sign-in page handles all of them.
        Err(_) => session.end(None),
    }
}

pub async fn login(session: Session, request: &LoginRequest) -> Result<TokenResponse, ApiFailure> {
    let body = to_json(request)?;
    let response = send(session, Method::POST, "/auth/login", &Payload::Json(body), None).await?;
    let tokens = read::<TokenResponse>(response).await?;
    session.accept(&tokens);
    session.settle_language_after_sign_in();
    Ok(tokens)
}

/// Ends the session on the server (the refresh cookie is revoked and cleared) and here. The
/// session ends here even when the server cannot be reached.
pub async fn logout(session: Session) {
    // A refresh in flight would hand out a new token right after the sign-out.
    if let Some(in_flight) = session.refreshing.get_value() {
        let _ = in_flight.await;
    }
    let _ = send(session, Method::POST, "/auth/logout", &Payload::Empty, None).await;
    session.end(None);
}

pub async fn me(session: Session) -> Result<UserView, ApiFailure> {
    let user: UserView = authed(session, Method::GET, "/me", None).await?;
    session.user.set(Some(user.clone()));
    Ok(user)
}

pub async fn update_me(session: Session, change: &UpdateMeRequest) -> Result<UserView, ApiFailure> {
    let user: UserView = authed(session, Method::PATCH, "/me", Some(to_json(change)?)).await?;
    session.user.set(Some(user.clone()));
    Ok(user)
}

pub async fn change_password(session: Session, change: &ChangePasswordRequest) -> Result<TokenResponse, ApiFailure> {
    let tokens: TokenResponse = authed(session, Method::POST, "/me/password", Some(to_json(change)?)).await?;
    session.accept(&tokens);
    Ok(tokens)
}

pub async fn list_users(session: Session) -> Result<Vec<UserView>, ApiFailure> {
    authed(session, Method::GET, "/users", None).await
}

pub async fn get_user(session: Session, id: &str) -> Result<UserView, ApiFailure> {
    authed(session, Method::GET, &format!("/users/{}", encode(id)), None).await
}

pub async fn create_user(session: Session, new_user: &CreateUserRequest) -> Result<UserView, ApiFailure> {
    authed(session, Method::POST, "/users", Some(to_json(new_user)?)).await
}

pub async fn update_user(session: Session, id: &str, change: &UpdateUserRequest) -> Result<UserView, ApiFailure> {
    let user: UserView =
        authed(session, Method::PATCH, &format!("/users/{}", encode(id)), Some(to_json(change)?)).await?;
    // A director changing their own account sees it at once in the shell.
    if session.user.with_untracked(|me| me.as_ref().is_some_and(|me| me.id == user.id)) {
        session.user.set(Some(user.clone()));
    }
    Ok(user)
}

pub async fn list_companies(session: Session) -> Result<Vec<ClientCompanyView>, ApiFailure> {
    authed(session, Method::GET, "/client-companies", None).await
}

pub async fn create_company(session: Session, draft: &ClientCompanyDraft) -> Result<ClientCompanyView, ApiFailure> {
    authed(session, Method::POST, "/client-companies", Some(to_json(draft)?)).await
}

pub async fn update_company(
    session: Session,
    id: &str,
    change: &UpdateClientCompanyRequest,
) -> Result<ClientCompanyView, ApiFailure> {
    authed(session, Method::PATCH, &format!("/client-companies/{}", encode(id)), Some(to_json(change)?)).await
}

/// A query string from the parameters that are set (`?a=1&b=2`, or nothing).
#[derive(Default)]
struct Query(Vec<String>);

impl Query {
    fn push(&mut self, key: &str, value: &str) {
        self.0.push(format!("{key}={}", encode(value)));
    }

    fn push_opt(&mut self, key: &str, value: Option<impl ToString>) {
        if let Some(value) = value {
            self.push(key, &value.to_string());
        }
    }

    fn finish(self) -> String {
        if self.0.is_empty() {
            String::new()
        } else {
            format!("?{}", self.0.join("&"))
        }
    }
}

/// The query string of a worker list: only the parameters that are set.
fn worker_query(query: &WorkerListQuery) -> String {
    let mut q = Query::default();
    q.push_opt("q", query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()));
    q.push_opt("client_company_id", query.client_company_id.as_deref().filter(|c| !c.is_empty()));
    q.push_opt("membership_status", query.membership_status.map(|s| s.as_str()));
    q.push_opt("employment_status", query.employment_status.map(wire_name));
    q.push_opt("sort", query.sort.map(wire_name));
    q.push_opt("order", query.order.map(wire_name));
    q.push_opt("page", query.page);
    q.push_opt("per_page", query.per_page);
    q.finish()
}

/// The query string of the case board: only the parameters that are set.
fn case_query(query: &CaseListQuery) -> String {
    let mut q = Query::default();
    q.push_opt("kind", query.kind.map(|k| k.as_str()));
    q.push_opt("state", query.state.map(|s| s.as_str()));
    q.push_opt("open", query.open);
    q.push_opt("overdue", query.overdue);
    q.push_opt("worker_id", query.worker_id.as_deref().filter(|w| !w.is_empty()));
    q.push_opt("assignee", query.assignee.as_deref().filter(|a| !a.is_empty()));
    q.push_opt("page", query.page);
    q.push_opt("per_page", query.per_page);
    q.finish()
}

pub async fn list_workers(session: Session, query: &WorkerListQuery) -> Result<WorkerPage, ApiFailure> {
    authed(session, Method::GET, &format!("/workers{}", worker_query(query)), None).await
}

pub async fn get_worker(session: Session, id: &str) -> Result<WorkerView, ApiFailure> {
    authed(session, Method::GET, &format!("/workers/{}", encode(id)), None).await
}

pub async fn create_worker(session: Session, worker: &NewWorker) -> Result<WorkerView, ApiFailure> {
    authed(session, Method::POST, "/workers", Some(to_json(worker)?)).await
}

/// Changes the fields in `changes` (see [`changed_fields`]) of the worker read at `version`.
pub async fn update_worker(
    session: Session,
    id: &str,
    version: i64,
    changes: Map<String, Value>,
) -> Result<WorkerView, ApiFailure> {
    authed(session, Method::PATCH, &format!("/workers/{}", encode(id)), Some(versioned(version, changes))).await
}

/// Every family card number the worker has had, newest first.
pub async fn kk_history(session: Session, worker_id: &str) -> Result<Vec<KkHistoryEntry>, ApiFailure> {
    authed(session, Method::GET, &format!("/workers/{}/kk-history", encode(worker_id)), None).await
}

pub async fn list_family(session: Session, worker_id: &str) -> Result<Vec<FamilyMemberView>, ApiFailure> {
    authed(session, Method::GET, &format!("/workers/{}/family", encode(worker_id)), None).await
}

pub async fn add_family_member(
    session: Session,
    worker_id: &str,
    member: &FamilyMemberDraft,
) -> Result<FamilyMemberView, ApiFailure> {
    authed(session, Method::POST, &format!("/workers/{}/family", encode(worker_id)), Some(to_json(member)?)).await
}

fn member_path(worker_id: &str, member_id: &str) -> String {
    format!("/workers/{}/family/{}", encode(worker_id), encode(member_id))
}

/// Changes the fields in `changes` (see [`changed_fields`]) of the member read at `version`.
pub async fn update_family_member(
    session: Session,
    worker_id: &str,
    member_id: &str,
    version: i64,
    changes: Map<String, Value>,
) -> Result<FamilyMemberView, ApiFailure> {
    authed(session, Method::PATCH, &member_path(worker_id, member_id), Some(versioned(version, changes))).await
}

/// Takes the member read at `version` out of the family (the server keeps the record).
pub async fn remove_family_member(
    session: Session,
    worker_id: &str,
    member_id: &str,
    version: i64,
) -> Result<FamilyMemberView, ApiFailure> {
    let mut body = Map::new();
    body.insert("removed".into(), Value::Bool(true));
    authed(session, Method::PATCH, &member_path(worker_id, member_id), Some(versioned(version, body))).await
}

pub async fn list_placements(session: Session, worker_id: &str) -> Result<Vec<PlacementView>, ApiFailure> {
    authed(session, Method::GET, &format!("/workers/{}/placements", encode(worker_id)), None).await
}

pub async fn add_placement(
    session: Session,
    worker_id: &str,
    placement: &NewPlacement,
) -> Result<PlacementView, ApiFailure> {
    authed(session, Method::POST, &format!("/workers/{}/placements", encode(worker_id)), Some(to_json(placement)?))
        .await
}

// ---------------------------------------------------------------------------------------------
// The membership lifecycle: cases, documents, terminations, arrears, history, the SOP.

pub async fn list_cases(session: Session, query: &CaseListQuery) -> Result<CasePage, ApiFailure> {
    authed(session, Method::GET, &format!("/cases{}", case_query(query)), None).await
}

/// A worker's cases, newest first.
pub async fn worker_cases(session: Session, worker_id: &str) -> Result<Vec<CaseSummary>, ApiFailure> {
    authed(session, Method::GET, &format!("/workers/{}/cases", encode(worker_id)), None).await
}

pub async fn get_case(session: Session, id: &str) -> Result<CaseView, ApiFailure> {
    authed(session, Method::GET, &format!("/cases/{}", encode(id)), None).await
}

/// Takes a step (`submit`, `accept`, …) of the case.
pub async fn take_step(session: Session, id: &str, step: &TransitionRequest) -> Result<CaseView, ApiFailure> {
    authed(session, Method::POST, &format!("/cases/{}/transitions", encode(id)), Some(to_json(step)?)).await
}

/// Changes the fields in `changes` (`assignee_id`, `due_date`, `previous`) of the case read at
/// `version`. A map rather than `CasePatch`: a field left out must stay out of the body (an
/// `assignee_id` of `null` unassigns).
pub async fn update_case(
    session: Session,
    id: &str,
    version: i64,
    changes: Map<String, Value>,
) -> Result<CaseView, ApiFailure> {
    authed(session, Method::PATCH, &format!("/cases/{}", encode(id)), Some(versioned(version, changes))).await
}

/// Ticks (or unticks) a checklist item staff confirm.
pub async fn tick(session: Session, id: &str, key: &str, done: bool) -> Result<CaseView, ApiFailure> {
    let path = format!("/cases/{}/checklist/{}", encode(id), encode(key));
    authed(session, Method::PUT, &path, Some(to_json(&ChecklistTick { done })?)).await
}

pub async fn add_note(session: Session, id: &str, note: &NewNote) -> Result<CaseView, ApiFailure> {
    authed(session, Method::POST, &format!("/cases/{}/notes", encode(id)), Some(to_json(note)?)).await
}

/// Attaches `file` to the case as a document of `kind`; the server judges the type by its content.
pub async fn upload_document(
    session: Session,
    case_id: &str,
    kind: DocumentKind,
    file: web_sys::File,
) -> Result<DocumentView, ApiFailure> {
    let path =
        format!("/cases/{}/documents?kind={}&file_name={}", encode(case_id), kind.as_str(), encode(&file.name()));
    read(authed_response(session, Method::POST, &path, Payload::File(file.into())).await?).await
}

/// A document's content (reading it is recorded in the audit log).
pub async fn download_document(session: Session, id: &str) -> Result<Vec<u8>, ApiFailure> {
    let response = authed_response(session, Method::GET, &format!("/documents/{}", encode(id)), Payload::Empty).await?;
    response.binary().await.map_err(|_| ApiFailure::Network)
}

/// Every audited change to the case, oldest first.
pub async fn case_history(session: Session, id: &str) -> Result<Vec<AuditEntryView>, ApiFailure> {
    authed(session, Method::GET, &format!("/cases/{}/history", encode(id)), None).await
}

/// Every audited change about the worker (family, placements, membership and cases included),
/// oldest first.
pub async fn worker_history(session: Session, worker_id: &str) -> Result<Vec<AuditEntryView>, ApiFailure> {
    authed(session, Method::GET, &format!("/workers/{}/history", encode(worker_id)), None).await
}

/// The membership statuses of the worker and the family, as they changed.
pub async fn membership_history(session: Session, worker_id: &str) -> Result<Vec<MembershipEventView>, ApiFailure> {
    authed(session, Method::GET, &format!("/workers/{}/membership", encode(worker_id)), None).await
}

pub async fn record_termination(
    session: Session,
    worker_id: &str,
    termination: &TerminationRequest,
) -> Result<TerminationOutcome, ApiFailure> {
    let path = format!("/workers/{}/termination", encode(worker_id));
    authed(session, Method::POST, &path, Some(to_json(termination)?)).await
}

pub async fn list_arrears(session: Session, worker_id: &str) -> Result<Vec<ArrearsView>, ApiFailure> {
    authed(session, Method::GET, &format!("/workers/{}/arrears", encode(worker_id)), None).await
}

pub async fn add_arrears(session: Session, worker_id: &str, arrears: &NewArrears) -> Result<ArrearsView, ApiFailure> {
    authed(session, Method::POST, &format!("/workers/{}/arrears", encode(worker_id)), Some(to_json(arrears)?)).await
}

/// Settles (paid, waived) or reopens arrears read at `change.version`.
pub async fn settle_arrears(session: Session, id: &str, change: &ArrearsPatch) -> Result<ArrearsView, ApiFailure> {
    authed(session, Method::PATCH, &format!("/arrears/{}", encode(id)), Some(to_json(change)?)).await
}

/// The written SOP as an HTML fragment (every text escaped by the server) in `lang`.
pub async fn sop_html(session: Session, lang: Lang) -> Result<String, ApiFailure> {
    let path = format!("/sop?format=html&lang={}", lang.code());
    let response = authed_response(session, Method::GET, &path, Payload::Empty).await?;
    response.text().await.map_err(|_| ApiFailure::Network)
}

pub async fn lifecycle_settings(session: Session) -> Result<LifecycleSettings, ApiFailure> {
    authed(session, Method::GET, "/settings/lifecycle", None).await
}

pub async fn save_lifecycle_settings(
    session: Session,
    settings: &LifecycleSettings,
) -> Result<LifecycleSettings, ApiFailure> {
    authed(session, Method::PUT, "/settings/lifecycle", Some(to_json(settings)?)).await
}

// ---------------------------------------------------------------------------------------------
// Reminders: the director's settings, the digest, the outbox.

pub async fn reminder_settings(session: Session) -> Result<ReminderSettings, ApiFailure> {
    authed(session, Method::GET, "/settings/reminders", None).await
}

pub async fn save_reminder_settings(
    session: Session,
    settings: &ReminderSettings,
) -> Result<ReminderSettings, ApiFailure> {
    authed(session, Method::PUT, "/settings/reminders", Some(to_json(settings)?)).await
}

/// The digest the signed-in user would get today; nothing is sent.
pub async fn preview_digest(session: Session) -> Result<DigestPreview, ApiFailure> {
    authed(session, Method::POST, "/reminders/digest/preview", None).await
}

/// Queues today's digest for the signed-in director at once.
pub async fn send_digest(session: Session) -> Result<Queued, ApiFailure> {
    authed(session, Method::POST, "/reminders/digest/send", None).await
}

/// One page of the outbox, newest first; `status` empty for every mail.
pub async fn list_outbox(session: Session, status: &str, page: u32) -> Result<OutboxPage, ApiFailure> {
    authed(session, Method::GET, &format!("/outbox{}", outbox_query(status, page)), None).await
}

/// Queues a failed mail again.
pub async fn resend_mail(session: Session, id: &str) -> Result<OutboxView, ApiFailure> {
    authed(session, Method::POST, &format!("/outbox/{}/resend", encode(id)), None).await
}

fn outbox_query(status: &str, page: u32) -> String {
    let mut q = Query::default();
    q.push_opt("status", Some(status).filter(|s| !s.is_empty()));
    q.push("page", &page.to_string());
    q.finish()
}

// ---------------------------------------------------------------------------------------------
// The client-company portal, and the API clients staff create for client companies.

/// Totals by status of the workers placed with the signed-in client user's company.
pub async fn portal_summary(session: Session) -> Result<PortalSummary, ApiFailure> {
    authed(session, Method::GET, "/portal/summary", None).await
}

/// The workers placed with the signed-in client user's company.
pub async fn portal_workers(session: Session, query: &PortalQuery) -> Result<PortalPage, ApiFailure> {
    authed(session, Method::GET, &format!("/portal/workers{}", portal_query(query)), None).await
}

/// The query string of the portal's worker list: only the parameters that are set.
fn portal_query(query: &PortalQuery) -> String {
    let mut q = Query::default();
    q.push_opt("q", query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()));
    q.push_opt("status", query.status.map(wire_name));
    q.push_opt("updated_since", query.updated_since.map(|t| t.to_rfc3339()));
    q.push_opt("page", query.page);
    q.push_opt("per_page", query.per_page);
    q.finish()
}

pub async fn list_api_clients(session: Session, company_id: &str) -> Result<Vec<ApiClientView>, ApiFailure> {
    authed(session, Method::GET, &format!("/client-companies/{}/api-clients", encode(company_id)), None).await
}

/// Creates an API client of the company; the answer holds its secret, shown this once.
pub async fn create_api_client(
    session: Session,
    company_id: &str,
    client: &NewApiClient,
) -> Result<ApiClientCreated, ApiFailure> {
    let path = format!("/client-companies/{}/api-clients", encode(company_id));
    authed(session, Method::POST, &path, Some(to_json(client)?)).await
}

/// Revokes an API client: its tokens stop working at once.
pub async fn revoke_api_client(session: Session, id: &str) -> Result<ApiClientView, ApiFailure> {
    authed(session, Method::POST, &format!("/api-clients/{}/revoke", encode(id)), None).await
}

fn webhook_path(company_id: &str, rest: &str) -> String {
    format!("/client-companies/{}/webhook{rest}", encode(company_id))
}

/// The company's webhook, `None` when it has none.
pub async fn get_webhook(session: Session, company_id: &str) -> Result<Option<WebhookView>, ApiFailure> {
    match authed(session, Method::GET, &webhook_path(company_id, ""), None).await {
        Ok(view) => Ok(Some(view)),
        Err(ApiFailure::Api { status: 404, .. }) => Ok(None),
        Err(failure) => Err(failure),
    }
}

/// Creates the company's webhook (the answer holds its secret, shown this once) or changes it.
pub async fn save_webhook(
    session: Session,
    company_id: &str,
    settings: &WebhookSettings,
) -> Result<WebhookSaved, ApiFailure> {
    authed(session, Method::PUT, &webhook_path(company_id, ""), Some(to_json(settings)?)).await
}

/// A new signing secret for the company's webhook, shown this once; the old one stops at once.
pub async fn rotate_webhook_secret(session: Session, company_id: &str) -> Result<WebhookSaved, ApiFailure> {
    authed(session, Method::POST, &webhook_path(company_id, "/secret"), None).await
}

/// The webhook's latest deliveries, newest first.
pub async fn webhook_deliveries(session: Session, company_id: &str) -> Result<Vec<WebhookDelivery>, ApiFailure> {
    authed(session, Method::GET, &webhook_path(company_id, "/deliveries"), None).await
}

// ---------------------------------------------------------------------------------------------
// Roster import.

/// A roster request's path with the sheet of an Excel file, when one is named.
fn with_sheet(path: String, sheet: &str) -> String {
    let sheet = sheet.trim();
    if sheet.is_empty() {
        return path;
    }
    let separator = if path.contains('?') { '&' } else { '?' };
    format!("{path}{separator}sheet={}", encode(sheet))
}

/// The path of a roster import: checked only when `dry_run`, otherwise written in `mode`; with
/// `background`, answered at once with the import's status.
fn import_path(dry_run: bool, mode: ImportMode, background: bool, sheet: &str) -> String {
    let mut q = Query::default();
    if dry_run {
        q.push("dry_run", "true");
    } else {
        q.push("mode", &wire_name(mode));
    }
    if background {
        q.push("background", "true");
    }
    with_sheet(format!("/imports/workers{}", q.finish()), sheet)
}

/// Sends a roster (the file's bytes as they are, `text/csv` or XLSX): checked only when
/// `dry_run`, otherwise written in `mode`. The answer waits for the import's end.
pub async fn import_workers(
    session: Session,
    file: Vec<u8>,
    media_type: &'static str,
    sheet: &str,
    dry_run: bool,
    mode: ImportMode,
) -> Result<ImportReport, ApiFailure> {
    let body = Payload::Bytes { bytes: file, media_type };
    let path = import_path(dry_run, mode, false, sheet);
    read(authed_response(session, Method::POST, &path, body).await?).await
}

/// Sends a roster as [`import_workers`] does, but the import runs in the background: the answer
/// is its status at once; follow it with [`import_status`].
pub async fn import_workers_background(
    session: Session,
    file: Vec<u8>,
    media_type: &'static str,
    sheet: &str,
    dry_run: bool,
    mode: ImportMode,
) -> Result<ImportStatus, ApiFailure> {
    let body = Payload::Bytes { bytes: file, media_type };
    let path = import_path(dry_run, mode, true, sheet);
    read(authed_response(session, Method::POST, &path, body).await?).await
}

/// How an import stands: its rows done while it runs, then its report (or why it stopped).
pub async fn import_status(session: Session, id: &str) -> Result<ImportStatus, ApiFailure> {
    authed(session, Method::GET, &format!("/imports/{}", encode(id)), None).await
}

/// A roster's rows as the server reads them, without checking them (an Excel file's preview).
pub async fn import_rows(
    session: Session,
    file: Vec<u8>,
    media_type: &'static str,
    sheet: &str,
) -> Result<FileRows, ApiFailure> {
    let path = with_sheet("/imports/workers/rows".to_string(), sheet);
    let body = Payload::Bytes { bytes: file, media_type };
    read(authed_response(session, Method::POST, &path, body).await?).await
}

/// The import template: CSV (with a BOM for Excel) or an Excel workbook.
pub async fn import_template(session: Session, format: TemplateFormat) -> Result<Vec<u8>, ApiFailure> {
    let path = format!("/imports/workers/template?format={}", wire_name(format));
    let response = authed_response(session, Method::GET, &path, Payload::Empty).await?;
    response.binary().await.map_err(|_| ApiFailure::Network)
}

// ---------------------------------------------------------------------------------------------
// e-Dabu batches, and lists exported as spreadsheets.

/// Creates a batch of the pending cases (or, with `dry_run`, says which would go and which not).
pub async fn create_batch(session: Session, batch: &NewBatch) -> Result<BatchPlan, ApiFailure> {
    authed(session, Method::POST, "/edabu/batches", Some(to_json(batch)?)).await
}

pub async fn list_batches(session: Session, page: u32) -> Result<BatchPage, ApiFailure> {
    authed(session, Method::GET, &format!("/edabu/batches?page={page}"), None).await
}

pub async fn get_batch(session: Session, id: &str) -> Result<BatchView, ApiFailure> {
    authed(session, Method::GET, &format!("/edabu/batches/{}", encode(id)), None).await
}

/// A file the server makes (a batch's form, an export), as bytes.
async fn file_at(session: Session, path: &str) -> Result<Vec<u8>, ApiFailure> {
    let response = authed_response(session, Method::GET, path, Payload::Empty).await?;
    response.binary().await.map_err(|_| ApiFailure::Network)
}

/// A batch's upload form, as it was sent.
pub async fn batch_file(session: Session, id: &str) -> Result<Vec<u8>, ApiFailure> {
    file_at(session, &format!("/edabu/batches/{}/file", encode(id))).await
}

/// Sends e-Dabu's answer (XLSX or CSV, as read from the file) to the batch.
pub async fn upload_results(
    session: Session,
    id: &str,
    bytes: Vec<u8>,
    media_type: &'static str,
) -> Result<ResultsReport, ApiFailure> {
    let path = format!("/edabu/batches/{}/results", encode(id));
    read(authed_response(session, Method::POST, &path, Payload::Bytes { bytes, media_type }).await?).await
}

/// `query` with the export's format added.
fn with_format(query: String, format: ExportFormat) -> String {
    let separator = if query.is_empty() { '?' } else { '&' };
    format!("{query}{separator}format={}", format.extension())
}

/// The worker export of the list as filtered by `query` (its page left out: an export has none).
pub fn workers_export_path(query: &WorkerListQuery, format: ExportFormat) -> String {
    let query = WorkerListQuery { page: None, per_page: None, ..query.clone() };
    format!("/workers/export{}", with_format(worker_query(&query), format))
}

/// The portal export of the list as filtered by `query`.
pub fn portal_export_path(query: &PortalQuery, format: ExportFormat) -> String {
    let query = PortalQuery { page: None, per_page: None, ..query.clone() };
    format!("/portal/workers/export{}", with_format(portal_query(&query), format))
}

/// An export (see [`workers_export_path`], [`portal_export_path`]).
pub async fn export_file(session: Session, path: &str) -> Result<Vec<u8>, ApiFailure> {
    file_at(session, path).await
}

/// The fields of `after` that differ from `before`, by their JSON names: the body of a change
/// (JSON merge patch), so that a field no form shows, or that nobody touched, keeps what is
/// stored (and a change by someone else to another field is not undone).
pub fn changed_fields<D: Serialize>(before: &D, after: &D) -> Map<String, Value> {
    let as_map = |d: &D| match serde_json::to_value(d) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    let before = as_map(before);
    as_map(after).into_iter().filter(|(key, value)| before.get(key) != Some(value)).collect()
}

/// A change's body: the version it was read at, and the changed fields.
fn versioned(version: i64, mut changes: Map<String, Value>) -> String {
    changes.insert("version".into(), Value::from(version));
    Value::Object(changes).to_string()
}

/// An enum's name on the wire (`part_time`): a query parameter, or a `<select>` value.
pub fn wire_name<E: Serialize>(value: E) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// The enum of a wire name; `None` for the empty choice or an unknown name.
pub fn from_wire_name<E: DeserializeOwned>(name: &str) -> Option<E> {
    if name.is_empty() {
        return None;
    }
    serde_json::from_value(Value::String(name.to_string())).ok()
}

/// A path segment made safe for a URL.
pub fn encode_segment(segment: &str) -> String {
    encode(segment)
}

/// What `encodeURIComponent` does, in Rust (so it runs in unit tests too): every byte of the
/// UTF-8 but letters, digits and `-_.!~*'()` as `%XX`.
fn encode(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use tertib_domain::family::{FamilyMemberDraft, Relation};
    use tertib_domain::person::Gender;
    use tertib_domain::worker::{EmploymentStatus, WorkerDraft};

    #[test]
    fn a_change_names_only_the_fields_that_differ() {
        let before = WorkerDraft {
            full_name: "Budi Santoso".into(),
            phone: "0812".into(),
            termination_date: "2026-01-31".into(),
            wage_base: Some(5_000_000),
            ..WorkerDraft::default()
        };
        let after = WorkerDraft { phone: "0813".into(), wage_base: None, ..before.clone() };
        let changes = changed_fields(&before, &after);
        assert_eq!(Value::Object(changes), serde_json::json!({"phone": "0813", "wage_base": null}));
        assert!(changed_fields(&before, &before).is_empty());
    }

    #[test]
    fn a_change_carries_the_version_it_was_read_at() {
        let before = FamilyMemberDraft { relation: Some(Relation::Child), ..FamilyMemberDraft::default() };
        let after = FamilyMemberDraft { gender: Some(Gender::Female), ..before.clone() };
        let body: Value = serde_json::from_str(&versioned(3, changed_fields(&before, &after))).unwrap();
        assert_eq!(body, serde_json::json!({"version": 3, "gender": "female"}));
    }

    #[test]
    fn select_values_are_the_wire_names() {
        assert_eq!(wire_name(EmploymentStatus::PartTime), "part_time");
        assert_eq!(from_wire_name::<Relation>("parent_in_law"), Some(Relation::ParentInLaw));
        assert_eq!(from_wire_name::<Gender>(""), None);
        assert_eq!(from_wire_name::<Gender>("x"), None);
    }

    #[test]
    fn a_case_board_query_names_only_the_filters_set() {
        use tertib_domain::lifecycle::{CaseKind, CaseState};
        let query = CaseListQuery {
            kind: Some(CaseKind::FamilyChange),
            state: Some(CaseState::Blocked),
            open: Some(true),
            assignee: Some("me".into()),
            page: Some(2),
            ..CaseListQuery::default()
        };
        assert_eq!(case_query(&query), "?kind=family_change&state=blocked&open=true&assignee=me&page=2");
        assert_eq!(case_query(&CaseListQuery::default()), "");
    }

    #[test]
    fn portal_and_outbox_queries_name_only_what_is_set() {
        use tertib_domain::portal::PortalStatus;
        let query = PortalQuery {
            q: Some(" Siti ".into()),
            status: Some(PortalStatus::RegistrationInProgress),
            page: Some(2),
            per_page: Some(100),
            ..PortalQuery::default()
        };
        assert_eq!(portal_query(&query), "?q=Siti&status=registration_in_progress&page=2&per_page=100");
        assert_eq!(portal_query(&PortalQuery { q: Some("  ".into()), ..PortalQuery::default() }), "");
        assert_eq!(outbox_query("failed", 3), "?status=failed&page=3");
        assert_eq!(outbox_query("", 1), "?page=1");
    }

    #[test]
    fn export_paths_carry_the_filters_and_the_format_but_no_page() {
        let query = WorkerListQuery {
            client_company_id: Some("c1".into()),
            page: Some(3),
            per_page: Some(25),
            ..WorkerListQuery::default()
        };
        assert_eq!(workers_export_path(&query, ExportFormat::Xlsx), "/workers/export?client_company_id=c1&format=xlsx");
        assert_eq!(workers_export_path(&WorkerListQuery::default(), ExportFormat::Csv), "/workers/export?format=csv");
        let portal = PortalQuery { q: Some("siti".into()), page: Some(2), ..PortalQuery::default() };
        assert_eq!(portal_export_path(&portal, ExportFormat::Csv), "/portal/workers/export?q=siti&format=csv");
    }

    #[test]
    fn an_import_path_names_the_check_or_the_mode_the_background_and_the_sheet() {
        assert_eq!(import_path(true, ImportMode::ValidRows, false, ""), "/imports/workers?dry_run=true");
        assert_eq!(
            import_path(false, ImportMode::ValidRows, true, " Data "),
            "/imports/workers?mode=valid_rows&background=true&sheet=Data"
        );
        assert_eq!(
            import_path(true, ImportMode::AllOrNothing, true, ""),
            "/imports/workers?dry_run=true&background=true"
        );
    }

    #[test]
    fn parameters_are_encoded_as_encode_uri_component_does() {
        assert_eq!(encode("document:sptjm"), "document%3Asptjm");
        assert_eq!(encode("Surat PHK (1).pdf"), "Surat%20PHK%20(1).pdf");
        assert_eq!(encode("a&b=c/ü"), "a%26b%3Dc%2F%C3%BC");
    }
}
