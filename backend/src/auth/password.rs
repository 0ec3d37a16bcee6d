//! Argon2id password hashes (PHC strings, with their own salt and parameters).

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use std::sync::OnceLock;

pub fn hash(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing a password: {e}"))
}

pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// Spends the same time as a real check when the email is unknown, so response times do not
/// reveal which accounts exist.
pub fn verify_against_nothing(password: &str) {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash("tertib-dummy-password").unwrap_or_default());
    let _ = verify(password, dummy);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_only_its_own_password() {
        let h = hash("kata-sandi-rahasia").unwrap_or_default();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("kata-sandi-rahasia", &h));
        assert!(!verify("kata-sandi-salah", &h));
        assert!(!verify("kata-sandi-rahasia", "not a hash"));
    }
}
