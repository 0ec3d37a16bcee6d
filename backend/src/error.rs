//! One error type for every handler, mapped to HTTP in exactly one place.
//!
//! Policy: `anyhow` in start-up, jobs and the command line; `QueryResult` in `db/`; `ApiError` in
//! handlers. An `ApiError` answers `{"code","message","details"}` with the message in the caller's
//! language (see [`localize`]); internal failures are logged with their cause and answered with a
//! generic message, so nothing internal leaks.

use actix_web::body::{BoxBody, EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::middleware::Next;
use actix_web::{HttpResponse, ResponseError};
use tertib_domain::lifecycle::{CaseAction, ChecklistKey};
use tertib_domain::{ApiErrorBody, ErrorCode, ErrorDetail, Finding, Lang, Severity};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("unauthenticated")]
    Unauthenticated,
    #[error("token expired")]
    TokenExpired,
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("account locked for {retry_after_secs} s")]
    AccountLocked { retry_after_secs: i64 },
    #[error("invalid refresh token")]
    InvalidRefreshToken,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("validation failed: {0:?}")]
    Validation(Vec<Finding>),
    #[error("email taken")]
    EmailTaken,
    #[error("version conflict")]
    VersionConflict,
    #[error("NIK taken by worker {worker_id}")]
    NikTaken { worker_id: String, full_name: String },
    /// The NIK at `field` (`nik`, `family[1].nik`) is another person's on record here.
    #[error("NIK at {field} held by {holder:?}")]
    NikHeld { field: String, holder: NikHolder },
    #[error("code taken")]
    CodeTaken,
    #[error("conflict")]
    Conflict,
    #[error("payload too large")]
    PayloadTooLarge,
    #[error("illegal transition; allowed: {allowed:?}")]
    IllegalTransition { allowed: Vec<CaseAction> },
    #[error("checklist incomplete: {missing:?}")]
    ChecklistIncomplete { missing: Vec<ChecklistKey> },
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("rate limited for {retry_after_secs} s")]
    RateLimited { retry_after_secs: i64 },
    #[error("database unavailable")]
    DatabaseUnavailable,
    #[error("internal error: {0:#}")]
    Internal(anyhow::Error),
}

/// Who already holds an NIK: a worker, or an active family member of a worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NikHolder {
    Worker { id: String, full_name: String },
    FamilyMember { id: String, full_name: String, worker_id: String, worker_name: String },
}

impl ApiError {
    pub fn internal(e: impl Into<anyhow::Error>) -> ApiError {
        ApiError::Internal(e.into())
    }

    /// One finding as a validation error.
    pub fn invalid(finding: Finding) -> ApiError {
        ApiError::Validation(vec![finding])
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            ApiError::Unauthenticated => ErrorCode::Unauthenticated,
            ApiError::TokenExpired => ErrorCode::TokenExpired,
            ApiError::InvalidCredentials => ErrorCode::InvalidCredentials,
            ApiError::AccountLocked { .. } => ErrorCode::AccountLocked,
            ApiError::InvalidRefreshToken => ErrorCode::InvalidRefreshToken,
            ApiError::Forbidden => ErrorCode::Forbidden,
            ApiError::NotFound => ErrorCode::NotFound,
            ApiError::BadRequest(_) => ErrorCode::BadRequest,
            ApiError::Validation(_) => ErrorCode::ValidationFailed,
            ApiError::EmailTaken => ErrorCode::EmailTaken,
            ApiError::VersionConflict => ErrorCode::VersionConflict,
            ApiError::NikTaken { .. } | ApiError::NikHeld { .. } => ErrorCode::NikTaken,
            ApiError::CodeTaken => ErrorCode::CodeTaken,
            ApiError::Conflict => ErrorCode::Conflict,
            ApiError::PayloadTooLarge => ErrorCode::PayloadTooLarge,
            ApiError::IllegalTransition { .. } => ErrorCode::IllegalTransition,
            ApiError::ChecklistIncomplete { .. } => ErrorCode::ChecklistIncomplete,
            ApiError::UnsupportedMediaType => ErrorCode::UnsupportedMediaType,
            ApiError::RateLimited { .. } => ErrorCode::RateLimited,
            ApiError::DatabaseUnavailable => ErrorCode::DatabaseUnavailable,
            ApiError::Internal(_) => ErrorCode::Internal,
        }
    }

    pub fn body(&self, lang: Lang) -> ApiErrorBody {
        let details = match self {
            ApiError::Validation(findings) => findings.iter().map(|f| f.to_detail(lang)).collect(),
            ApiError::BadRequest(why) => vec![ErrorDetail {
                field: None,
                code: "malformed_request".into(),
                severity: Severity::Error,
                message: why.clone(),
            }],
            ApiError::AccountLocked { retry_after_secs } => {
                let minutes = (retry_after_secs + 59) / 60;
                vec![ErrorDetail {
                    field: None,
                    code: "retry_after".into(),
                    severity: Severity::Error,
                    message: match lang {
                        Lang::Id => format!("Coba lagi dalam {minutes} menit."),
                        Lang::En => format!("Try again in {minutes} minute(s)."),
                    },
                }]
            }
            ApiError::NikHeld { field, holder: NikHolder::Worker { id, full_name } } => vec![
                ErrorDetail {
                    field: Some(field.clone()),
                    code: "nik_taken".into(),
                    severity: Severity::Error,
                    message: match lang {
                        Lang::Id => format!("NIK ini sudah terdaftar sebagai pekerja atas nama {full_name} (id {id})."),
                        Lang::En => format!("This NIK is already registered as the worker {full_name} (id {id})."),
                    },
                },
                existing("existing_worker_id", id),
            ],
            ApiError::NikHeld { field, holder: NikHolder::FamilyMember { id, full_name, worker_id, worker_name } } => {
                vec![
                    ErrorDetail {
                        field: Some(field.clone()),
                        code: "nik_taken".into(),
                        severity: Severity::Error,
                        message: match lang {
                            Lang::Id => format!(
                                "NIK ini sudah terdaftar sebagai anggota keluarga {worker_name}: {full_name} (id {id})."
                            ),
                            Lang::En => format!(
                                "This NIK is already registered as a family member of {worker_name}: {full_name} (id {id})."
                            ),
                        },
                    },
                    existing("existing_worker_id", worker_id),
                    existing("existing_family_member_id", id),
                ]
            }
            ApiError::NikTaken { worker_id, full_name } => vec![
                ErrorDetail {
                    field: Some("nik".into()),
                    code: "nik_taken".into(),
                    severity: Severity::Error,
                    message: match lang {
                        Lang::Id => format!("NIK ini sudah terdaftar atas nama {full_name} (id {worker_id})."),
                        Lang::En => format!("This NIK is already registered for {full_name} (id {worker_id})."),
                    },
                },
                ErrorDetail {
                    field: Some("existing_worker_id".into()),
                    code: "existing_record".into(),
                    severity: Severity::Error,
                    message: worker_id.clone(),
                },
            ],
            ApiError::IllegalTransition { allowed } => allowed
                .iter()
                .map(|a| ErrorDetail {
                    field: Some("allowed".into()),
                    code: a.as_str().into(),
                    severity: Severity::Error,
                    message: a.label(lang).into(),
                })
                .collect(),
            ApiError::ChecklistIncomplete { missing } => missing
                .iter()
                .map(|k| ErrorDetail {
                    field: Some("checklist".into()),
                    code: k.code(),
                    severity: Severity::Error,
                    message: k.label(lang).into(),
                })
                .collect(),
            _ => Vec::new(),
        };
        ApiErrorBody { code: self.code(), message: self.code().message(lang).to_string(), details }
    }

    fn response_in(&self, lang: Lang) -> HttpResponse {
        let mut res = HttpResponse::build(self.status_code()).json(self.body(lang));
        if let ApiError::AccountLocked { retry_after_secs } | ApiError::RateLimited { retry_after_secs } = self {
            if let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string()) {
                res.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        if matches!(self, ApiError::Unauthenticated | ApiError::TokenExpired) {
            res.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        res
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::Unauthenticated
            | ApiError::TokenExpired
            | ApiError::InvalidCredentials
            | ApiError::InvalidRefreshToken => StatusCode::UNAUTHORIZED,
            ApiError::AccountLocked { .. } | ApiError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Forbidden => StatusCode::FORBIDDEN,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::EmailTaken
            | ApiError::VersionConflict
            | ApiError::NikTaken { .. }
            | ApiError::NikHeld { .. }
            | ApiError::CodeTaken
            | ApiError::IllegalTransition { .. }
            | ApiError::Conflict => StatusCode::CONFLICT,
            ApiError::ChecklistIncomplete { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::DatabaseUnavailable => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let ApiError::Internal(cause) = self {
            tracing::error!(error = format!("{cause:#}"), "internal error");
        }
        self.response_in(Lang::default())
    }
}

/// The id of the record a conflict is with, as a detail of its own so a client can link to it.
fn existing(field: &str, id: &str) -> ErrorDetail {
    ErrorDetail {
        field: Some(field.into()),
        code: "existing_record".into(),
        severity: Severity::Error,
        message: id.into(),
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(e: diesel::result::Error) -> ApiError {
        match e {
            diesel::result::Error::NotFound => ApiError::NotFound,
            other => ApiError::Internal(other.into()),
        }
    }
}

/// Middleware: re-renders an `ApiError` answer in the language of the request's
/// `Accept-Language`. Errors are created deep in handlers and extractors that do not know the
/// request's language; rendering them here keeps that concern in one place.
pub async fn localize(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody, BoxBody>>, actix_web::Error> {
    let lang = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::from_accept_language)
        .unwrap_or_default();
    let res = next.call(req).await?;
    if lang == Lang::default() {
        return Ok(res.map_into_left_body());
    }
    let localized = res.response().error().and_then(|e| e.as_error::<ApiError>()).map(|e| e.body(lang));
    match localized.and_then(|body| serde_json::to_string(&body).ok()) {
        // Only the body changes: status and headers (Retry-After, cookies) stay as they were.
        Some(json) => Ok(res.map_body(|_, _| BoxBody::new(json)).map_into_right_body()),
        None => Ok(res.map_into_left_body()),
    }
}

/// Turns actix's own extractor failures (malformed JSON, bad path or query) into our shape.
pub fn json_error(err: actix_web::error::JsonPayloadError, _: &actix_web::HttpRequest) -> actix_web::Error {
    use actix_web::error::JsonPayloadError as J;
    match err {
        J::Overflow { .. } | J::OverflowKnownLength { .. } => ApiError::PayloadTooLarge.into(),
        J::ContentType => {
            ApiError::BadRequest("Content-Type harus application/json / must be application/json".into()).into()
        }
        J::Deserialize(e) => ApiError::BadRequest(format!("JSON: {e}")).into(),
        other => ApiError::BadRequest(other.to_string()).into(),
    }
}

pub fn query_error(err: actix_web::error::QueryPayloadError, _: &actix_web::HttpRequest) -> actix_web::Error {
    ApiError::BadRequest(format!("query: {err}")).into()
}

pub fn path_error(err: actix_web::error::PathError, _: &actix_web::HttpRequest) -> actix_web::Error {
    ApiError::BadRequest(format!("path: {err}")).into()
}
