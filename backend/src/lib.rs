//! Tertib's server: the HTTP API, the jobs and the command line behind the `tertib` binary.

pub mod accounts;
pub mod auth;
pub mod bootstrap;
pub mod config;
pub mod db;
pub mod demo;
pub mod edabu;
pub mod error;
pub mod imports;
pub mod jobs;
pub mod lifecycle;
pub mod mail;
pub mod openapi;
pub mod registry;
pub mod reminders;
pub mod routes;
pub mod sheets;
pub mod spa;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod webhooks;
