//! Tertib's domain: the rules of BPJS Kesehatan membership and the shapes exchanged between the
//! server and its clients. Everything here is pure (no I/O) and builds for `wasm32-unknown-unknown`,
//! so the browser runs exactly the checks the server runs.

pub mod auth;
pub mod edabu;
pub mod email;
pub mod error;
pub mod export;
pub mod family;
pub mod finding;
pub mod identifiers;
pub mod import;
pub mod kk;
pub mod lang;
pub mod lifecycle;
pub mod money;
pub mod nik;
pub mod person;
pub mod portal;
pub mod region;
pub mod registry;
pub mod reminders;
pub mod role;
pub mod webhooks;
pub mod worker;

pub use error::{ApiErrorBody, ErrorCode, ErrorDetail};
pub use finding::{Finding, Severity};
pub use lang::Lang;
pub use role::Role;
