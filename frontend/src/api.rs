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
use tertib_domain::family::FamilyMemberDraft;
use tertib_domain::registry::{
    ClientCompanyDraft, ClientCompanyView, FamilyMemberView, KkHistoryEntry, NewPlacement, NewWorker, PlacementView,
    UpdateClientCompanyRequest, WorkerListQuery, WorkerPage, WorkerView,
};
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

async fn send(
    session: Session,
    method: Method,
    path: &str,
    body: Option<&str>,
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
        Some(json) => builder.header("Content-Type", "application/json").body(json.to_string()),
        None => builder.build(),
    };
    request.map_err(|_| ApiFailure::Network)?.send().await.map_err(|_| ApiFailure::Network)
}

/// Reads an answer: the promised JSON on success, the error shape otherwise.
async fn read<T: DeserializeOwned>(response: Response) -> Result<T, ApiFailure> {
    let status = response.status();
    let text = response.text().await.map_err(|_| ApiFailure::Network)?;
    if (200..300).contains(&status) {
        return serde_json::from_str(&text).map_err(|_| ApiFailure::Unexpected { status });
    }
    Err(match serde_json::from_str::<ApiErrorBody>(&text) {
        Ok(body) => ApiFailure::Api { status, body },
        Err(_) => ApiFailure::Unexpected { status },
    })
}

fn to_json<B: Serialize>(body: &B) -> Result<String, ApiFailure> {
    serde_json::to_string(body).map_err(|_| ApiFailure::Unexpected { status: 0 })
}

fn is_expired_token(failure: &ApiFailure) -> bool {
    matches!(failure, ApiFailure::Api { status: 401, body } if body.code == ErrorCode::TokenExpired)
}

/// A call with the access token. An expired token is renewed once and the call retried; any
/// other 401 means the session is over, and the app goes back to the sign-in page.
async fn authed<T: DeserializeOwned>(
    session: Session,
    method: Method,
    path: &str,
    body: Option<String>,
) -> Result<T, ApiFailure> {
    let Some(token) = session.access_token() else {
        session.end(Some(ErrorCode::Unauthenticated));
        return Err(ApiFailure::unauthenticated());
    };
    let first = match send(session, method.clone(), path, body.as_deref(), Some(&token)).await {
        Ok(response) => read(response).await,
        Err(e) => Err(e),
    };
    let result = match first {
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
            match send(session, method, path, body.as_deref(), Some(&fresh)).await {
                Ok(response) => read(response).await,
                Err(e) => Err(e),
            }
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
                let result = match send(session, Method::POST, "/auth/refresh", None, None).await {
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
    let response = send(session, Method::POST, "/auth/login", Some(&body), None).await?;
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
    let _ = send(session, Method::POST, "/auth/logout", None, None).await;
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

/// The query string of a worker list: only the parameters that are set.
fn worker_query(query: &WorkerListQuery) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut push = |key: &str, value: &str| parts.push(format!("{key}={}", encode(value)));
    if let Some(q) = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        push("q", q);
    }
    if let Some(company) = query.client_company_id.as_deref().filter(|c| !c.is_empty()) {
        push("client_company_id", company);
    }
    if let Some(status) = query.membership_status {
        push("membership_status", status.as_str());
    }
    if let Some(status) = query.employment_status {
        push("employment_status", &wire_name(status));
    }
    if let Some(sort) = query.sort {
        push("sort", &wire_name(sort));
    }
    if let Some(order) = query.order {
        push("order", &wire_name(order));
    }
    if let Some(page) = query.page {
        push("page", &page.to_string());
    }
    if let Some(per_page) = query.per_page {
        push("per_page", &per_page.to_string());
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
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

fn encode(segment: &str) -> String {
    js_sys::encode_uri_component(segment).into()
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
}
