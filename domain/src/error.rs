//! The error codes a client of the API can receive. The server maps each to an HTTP status in one
//! place (`backend/src/error.rs`); the codes and their messages live here so the SPA shows the
//! same words the API sends.

use serde::{Deserialize, Serialize};

use crate::{Lang, Severity};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// No valid access token was presented.
    Unauthenticated,
    /// The access token has expired: refresh it.
    TokenExpired,
    /// Email or password is wrong (deliberately the same answer for an unknown email).
    InvalidCredentials,
    /// Too many failed logins: the account (or the email tried) is locked for a while.
    AccountLocked,
    /// The refresh token is missing, expired, revoked or was already used.
    InvalidRefreshToken,
    /// The caller's role may not use this route.
    Forbidden,
    /// The record or route does not exist (or is not visible to the caller).
    NotFound,
    /// The request body or parameters could not be read.
    BadRequest,
    /// The data was read but breaks a rule; `details` lists every finding.
    ValidationFailed,
    /// The email address already belongs to a user.
    EmailTaken,
    /// The record was changed by someone else since it was read.
    VersionConflict,
    /// The record conflicts with an existing one.
    Conflict,
    /// A worker with this NIK is already registered. The details name that worker: one about
    /// `nik` with the worker's name, and one with field `existing_worker_id` whose message is the
    /// worker's id.
    NikTaken,
    /// The code is already used by another record (client company codes are unique).
    CodeTaken,
    /// The request body is larger than allowed.
    PayloadTooLarge,
    /// The case's state has no such step. `details` lists the allowed ones (field `allowed`, code
    /// the action).
    IllegalTransition,
    /// The step's checklist is not done. `details` names each missing item (field `checklist`,
    /// code the item's code).
    ChecklistIncomplete,
    /// The file is not one of the accepted types (PDF, JPEG, PNG), judged by its content.
    UnsupportedMediaType,
    /// Too many requests from this client in the last minute: retry after `Retry-After` seconds.
    RateLimited,
    /// The database cannot be reached.
    DatabaseUnavailable,
    /// An unexpected failure on the server; details are in the server log, never in the answer.
    Internal,
}

impl ErrorCode {
    pub fn message(self, lang: Lang) -> &'static str {
        use ErrorCode::*;
        match self {
            Unauthenticated => lang.pick(
                "Anda belum masuk atau sesi Anda tidak sah. Silakan masuk kembali.",
                "You are not signed in or your session is not valid. Please sign in again.",
            ),
            TokenExpired => lang.pick(
                "Sesi Anda telah berakhir. Silakan masuk kembali.",
                "Your session has expired. Please sign in again.",
            ),
            InvalidCredentials => lang.pick("Email atau kata sandi salah.", "Wrong email or password."),
            AccountLocked => lang.pick(
                "Terlalu banyak percobaan masuk yang gagal. Coba lagi nanti.",
                "Too many failed sign-in attempts. Try again later.",
            ),
            InvalidRefreshToken => lang.pick(
                "Sesi tidak dapat diperpanjang. Silakan masuk kembali.",
                "The session cannot be renewed. Please sign in again.",
            ),
            Forbidden => {
                lang.pick("Peran Anda tidak diizinkan melakukan tindakan ini.", "Your role is not allowed to do this.")
            }
            NotFound => lang.pick("Data tidak ditemukan.", "Not found."),
            BadRequest => lang.pick("Permintaan tidak dapat dibaca.", "The request could not be read."),
            ValidationFailed => lang.pick(
                "Data tidak valid. Periksa isian yang ditandai.",
                "The data is not valid. Check the marked fields.",
            ),
            EmailTaken => {
                lang.pick("Email ini sudah dipakai oleh pengguna lain.", "This email already belongs to another user.")
            }
            VersionConflict => lang.pick(
                "Data ini telah diubah oleh orang lain. Muat ulang lalu ulangi perubahan Anda.",
                "Someone else changed this record. Reload it and make your change again.",
            ),
            Conflict => lang
                .pick("Data bertentangan dengan data yang sudah ada.", "The data conflicts with an existing record."),
            NikTaken => lang
                .pick("NIK ini sudah terdaftar untuk pekerja lain.", "A worker with this NIK is already registered."),
            CodeTaken => lang.pick("Kode ini sudah dipakai.", "This code is already in use."),
            PayloadTooLarge => lang.pick("Data yang dikirim terlalu besar.", "The request is too large."),
            IllegalTransition => lang.pick(
                "Langkah ini tidak bisa dilakukan pada status kasus sekarang.",
                "This step is not possible in the case's current state.",
            ),
            ChecklistIncomplete => lang.pick(
                "Daftar periksa belum lengkap untuk langkah ini.",
                "The checklist is not complete for this step.",
            ),
            RateLimited => lang
                .pick("Terlalu banyak permintaan. Coba lagi sebentar lagi.", "Too many requests. Try again shortly."),
            UnsupportedMediaType => lang.pick(
                "Jenis berkas tidak diterima: hanya PDF, JPEG atau PNG.",
                "File type not accepted: only PDF, JPEG or PNG.",
            ),
            DatabaseUnavailable => lang.pick(
                "Basis data tidak dapat dihubungi. Coba lagi sebentar lagi.",
                "The database cannot be reached. Try again shortly.",
            ),
            Internal => lang.pick(
                "Terjadi kesalahan pada server. Coba lagi; bila berulang, hubungi admin.",
                "Something went wrong on the server. Try again; if it persists, contact the admin.",
            ),
        }
    }
}

/// One finding attached to an error: which field, which rule, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    /// The field the finding is about (JSON name), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// A stable code for the rule, e.g. `password_too_short`.
    pub code: String,
    /// `error` blocks the change; `warning` is shown and the change may go ahead.
    pub severity: Severity,
    /// The finding in the caller's language.
    pub message: String,
}

/// The one shape of every error the API answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ApiErrorBody {
    pub code: ErrorCode,
    pub message: String,
    #[serde(default)]
    pub details: Vec<ErrorDetail>,
}
