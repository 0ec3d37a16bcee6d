//! Sign-in, sessions and user administration: the shapes on the wire and the rules for them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::email::Email;
use crate::{Finding, Lang, Role};

/// Shortest password we accept. Long passphrases beat complexity rules (NIST SP 800-63B).
pub const PASSWORD_MIN_CHARS: usize = 10;
pub const PASSWORD_MAX_CHARS: usize = 128;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    #[cfg_attr(feature = "server", schema(example = "direktur@contoh.co.id"))]
    pub email: String,
    #[cfg_attr(feature = "server", schema(example = "kata-sandi-rahasia"))]
    pub password: String,
}

/// A fresh access token. The refresh token travels only in the HttpOnly cookie.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TokenResponse {
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    pub user: UserView,
}

/// A user as other users (and the user themself) see it. Never carries the password hash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct UserView {
    pub id: String,
    pub email: String,
    pub name: String,
    pub role: Role,
    /// The client company a `client` user belongs to; empty for staff.
    pub client_company_id: Option<String>,
    pub language: Lang,
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
    pub last_login_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CreateUserRequest {
    pub email: String,
    #[serde(default)]
    pub name: String,
    pub password: String,
    pub role: Role,
    /// Required for role `client`, refused for the others.
    #[serde(default)]
    pub client_company_id: Option<String>,
    #[serde(default)]
    pub language: Option<Lang>,
}

/// A partial change to a user: only the fields present are changed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct UpdateUserRequest {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub role: Option<Role>,
    #[serde(default)]
    pub client_company_id: Option<String>,
    /// `true` disables the user at once: their tokens stop working.
    #[serde(default)]
    pub disabled: Option<bool>,
    /// A new password set by the director (reset); the user's other sessions end.
    #[serde(default)]
    pub password: Option<String>,
    #[serde(default)]
    pub language: Option<Lang>,
}

/// A user's change to their own profile.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct UpdateMeRequest {
    #[serde(default)]
    pub name: Option<String>,
    /// The language of the app and of emails sent to this user.
    #[serde(default)]
    pub language: Option<Lang>,
}

/// A user changing their own password. Every other session of the user ends.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ChangePasswordRequest {
    pub current_password: String,
    pub new_password: String,
}

/// Checks a display name: optional, at most 200 characters.
pub fn check_name(name: &str) -> Option<Finding> {
    (name.chars().count() > 200).then(|| {
        Finding::error(
            "name",
            "name_too_long",
            "Nama maksimal 200 karakter.",
            "The name may have at most 200 characters.",
        )
    })
}

/// Checks a new password and says what is wrong with it.
pub fn check_password(field: &str, password: &str) -> Option<Finding> {
    let chars = password.chars().count();
    if chars < PASSWORD_MIN_CHARS {
        return Some(Finding::error(
            field,
            "password_too_short",
            format!("Kata sandi minimal {PASSWORD_MIN_CHARS} karakter."),
            format!("The password needs at least {PASSWORD_MIN_CHARS} characters."),
        ));
    }
    if chars > PASSWORD_MAX_CHARS {
        return Some(Finding::error(
            field,
            "password_too_long",
            format!("Kata sandi maksimal {PASSWORD_MAX_CHARS} karakter."),
            format!("The password may have at most {PASSWORD_MAX_CHARS} characters."),
        ));
    }
    if password.trim().is_empty() {
        return Some(Finding::error(
            field,
            "password_blank",
            "Kata sandi tidak boleh hanya spasi.",
            "The password cannot be only spaces.",
        ));
    }
    None
}

/// Checks a user as a director enters it: email, password, and the client company that a
/// client user must (and staff must not) have.
pub fn check_new_user(req: &CreateUserRequest) -> Result<Email, Vec<Finding>> {
    let mut findings = Vec::new();
    let email = match Email::parse(&req.email) {
        Ok(e) => Some(e),
        Err(e) => {
            findings.push(Finding::error("email", e.code(), e.message(Lang::Id), e.message(Lang::En)));
            None
        }
    };
    findings.extend(check_password("password", &req.password));
    findings.extend(check_client_company(req.role, req.client_company_id.as_deref()));
    findings.extend(check_name(&req.name));
    match email {
        Some(email) if findings.is_empty() => Ok(email),
        _ => Err(findings),
    }
}

/// A client user belongs to exactly one client company; staff belong to none.
pub fn check_client_company(role: Role, client_company_id: Option<&str>) -> Option<Finding> {
    let has_company = client_company_id.is_some_and(|c| !c.trim().is_empty());
    match (role, has_company) {
        (Role::Client, false) => Some(Finding::error(
            "client_company_id",
            "client_company_required",
            "Pengguna perusahaan klien wajib terhubung ke satu perusahaan klien.",
            "A client user must belong to one client company.",
        )),
        (r, true) if r.is_internal() => Some(Finding::error(
            "client_company_id",
            "client_company_not_allowed",
            "Hanya pengguna berperan klien yang terhubung ke perusahaan klien.",
            "Only users with the client role belong to a client company.",
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(role: Role, company: Option<&str>, password: &str) -> CreateUserRequest {
        CreateUserRequest {
            email: "hr@contoh.co.id".into(),
            name: "Siti".into(),
            password: password.into(),
            role,
            client_company_id: company.map(str::to_string),
            language: None,
        }
    }

    #[test]
    fn passwords_shorter_than_ten_characters_are_refused() {
        assert_eq!(check_password("p", "123456789").map(|f| f.code), Some("password_too_short"));
        assert_eq!(check_password("p", "1234567890"), None);
        assert_eq!(check_password("p", "          ").map(|f| f.code), Some("password_blank"));
        assert_eq!(check_password("p", &"x".repeat(129)).map(|f| f.code), Some("password_too_long"));
    }

    #[test]
    fn client_users_need_a_company_and_staff_must_not_have_one() {
        let codes = |r: CreateUserRequest| match check_new_user(&r) {
            Ok(_) => vec![],
            Err(f) => f.into_iter().map(|f| f.code).collect::<Vec<_>>(),
        };
        assert_eq!(codes(request(Role::Client, None, "panjang-sekali")), ["client_company_required"]);
        assert_eq!(codes(request(Role::Client, Some("c1"), "panjang-sekali")), Vec::<&str>::new());
        assert_eq!(codes(request(Role::Hr, Some("c1"), "panjang-sekali")), ["client_company_not_allowed"]);
        assert_eq!(codes(request(Role::Hr, None, "pendek")), ["password_too_short"]);
    }
}
