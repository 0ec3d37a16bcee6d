//! Who is calling: password hashing, access tokens, refresh-token sessions and the extractor that
//! every protected handler takes.

mod extract;
pub mod jwt;
pub mod password;
pub mod portal;
pub mod roles;
pub mod session;

use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

pub use extract::{request_origin, Auth, Caller};

/// `bytes` random bytes from the OS generator, base64url without padding.
pub fn random_token(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rngs::OsRng.fill_bytes(&mut buf);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buf)
}

/// Refresh tokens are stored only as their SHA-256: a copy of the database cannot be replayed.
/// (A fast hash suffices: the token has 256 random bits, unlike a password.)
pub fn hash_token(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
