//! Liveness and database reachability, for load balancers and monitoring.

use actix_web::{get, web, HttpResponse};
use diesel::RunQueryDsl;
use serde::Serialize;
use utoipa::ToSchema;

use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `ok`, or `degraded` when the database cannot be reached.
    #[schema(example = "ok")]
    status: &'static str,
    /// `ok` or `unreachable`.
    #[schema(example = "ok")]
    database: &'static str,
    #[schema(example = "0.1.0")]
    version: &'static str,
}

/// Service health
///
/// Answers 200 when the service and its database work, 503 when the database cannot be reached.
#[utoipa::path(
    tag = "system",
    responses(
        (status = 200, description = "Service and database are up", body = Health),
        (status = 503, description = "The database cannot be reached", body = Health),
    )
)]
#[get("/health")]
pub async fn health(state: web::Data<AppState>) -> HttpResponse {
    let db_ok = state.db.run(|conn| diesel::sql_query("SELECT 1").execute(conn).map_err(Into::into)).await.is_ok();
    let version = env!("CARGO_PKG_VERSION");
    if db_ok {
        HttpResponse::Ok().json(Health { status: "ok", database: "ok", version })
    } else {
        HttpResponse::ServiceUnavailable().json(Health { status: "degraded", database: "unreachable", version })
    }
}
