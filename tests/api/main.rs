//! Black-box API tests. Each test starts the real server on a free port with a database of its
//! own, and most run twice: on SQLite and on PostgreSQL.

mod access;
mod auth;
mod client_companies;
mod edabu;
mod exports;
mod family;
mod import_formats;
mod import_runs;
mod imports;
mod lifecycle;
mod openapi;
mod portal;
mod reminders;
mod schema;
mod system;
mod users;
mod webhooks;
mod workers;
