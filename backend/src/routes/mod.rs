//! The HTTP API, one module per resource. Every handler is registered here and nowhere else, so
//! the OpenAPI document (collected from these registrations) lists exactly what is served.

pub mod auth;
pub mod health;
pub mod me;
pub mod users;

use utoipa_actix_web::service_config::ServiceConfig;

/// Where the API lives; everything under it answers JSON, never the SPA.
pub const API_PREFIX: &str = "/api/v1";

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(health::health)
        .service(auth::login)
        .service(auth::refresh)
        .service(auth::logout)
        .service(me::get_me)
        .service(me::update_me)
        .service(me::change_password)
        .service(users::list_users)
        .service(users::create_user)
        .service(users::get_user)
        .service(users::update_user);
}
