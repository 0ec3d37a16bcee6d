//! Email addresses as users type them: trimmed, compared case-insensitively.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Lang;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailError {
    Empty,
    TooLong,
    Malformed,
}

impl EmailError {
    pub fn code(self) -> &'static str {
        match self {
            EmailError::Empty => "email_required",
            EmailError::TooLong => "email_too_long",
            EmailError::Malformed => "email_malformed",
        }
    }

    pub fn message(self, lang: Lang) -> &'static str {
        match self {
            EmailError::Empty => lang.pick("Email wajib diisi.", "Email is required."),
            EmailError::TooLong => {
                lang.pick("Email terlalu panjang (maks. 254 karakter).", "Email is too long (max. 254 characters).")
            }
            EmailError::Malformed => lang.pick(
                "Format email tidak valid (contoh: nama@perusahaan.co.id).",
                "The email is not valid (example: name@company.co.id).",
            ),
        }
    }
}

impl Email {
    /// Accepts `local@domain.tld` with no spaces; lower-cases it, since mail systems and people
    /// treat addresses case-insensitively and a login must not depend on capitals.
    pub fn parse(input: &str) -> Result<Email, EmailError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(EmailError::Empty);
        }
        if s.len() > 254 {
            return Err(EmailError::TooLong);
        }
        let (local, domain) = s.split_once('@').ok_or(EmailError::Malformed)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
        let local_ok = !local.is_empty() && local.len() <= 64 && !local.chars().any(|c| c.is_whitespace() || c == '@');
        if !domain_ok || !local_ok {
            return Err(EmailError::Malformed);
        }
        Ok(Email(s.to_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Email {
    type Error = &'static str;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Email::parse(&value).map_err(|e| e.code())
    }
}

impl From<Email> for String {
    fn from(value: Email) -> String {
        value.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_lowercased_and_checked() {
        let ok =
            [("  Siti@PT-Maju.co.id ", "siti@pt-maju.co.id"), ("hr.staff+bpjs@contoh.com", "hr.staff+bpjs@contoh.com")];
        for (input, want) in ok {
            assert_eq!(Email::parse(input).map(|e| e.0), Ok(want.to_string()));
        }
        let bad = [
            ("", EmailError::Empty),
            ("   ", EmailError::Empty),
            ("siti", EmailError::Malformed),
            ("siti@", EmailError::Malformed),
            ("@contoh.com", EmailError::Malformed),
            ("siti@contoh", EmailError::Malformed),
            ("siti@contoh..com", EmailError::Malformed),
            ("si ti@contoh.com", EmailError::Malformed),
            ("siti@con_toh.com", EmailError::Malformed),
        ];
        for (input, want) in bad {
            assert_eq!(Email::parse(input), Err(want), "input {input:?}");
        }
        let long = format!("{}@contoh.com", "a".repeat(250));
        assert_eq!(Email::parse(&long), Err(EmailError::TooLong));
    }
}
