//! Argon2id password hashes (PHC strings, with their own salt and parameters).
//!
//! Parameters: m = 7 MiB, t = 5, p = 1, one of the equivalent argon2id settings of the OWASP
//! Password Storage Cheat Sheet. The lower memory matters on a small server: the allocator keeps
//! the freed hashing memory resident, and 19 MiB of it would be most of an idle server's RSS.
//! Stored hashes carry their parameters, so hashes made with other settings still verify.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::OnceLock;

fn hasher() -> anyhow::Result<Argon2<'static>> {
    let params = Params::new(7 * 1024, 5, 1, None).map_err(|e| anyhow::anyhow!("argon2 parameters: {e}"))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

pub fn hash(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()?
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing a password: {e}"))
}

/// [`hash`] on the blocking thread pool: hashing takes milliseconds of CPU, too long for the
/// async executor that serves other requests.
pub async fn hash_off_executor(password: String) -> Result<String, crate::error::ApiError> {
    actix_web::web::block(move || hash(&password))
        .await
        .map_err(crate::error::ApiError::internal)?
        .map_err(crate::error::ApiError::Internal)
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
