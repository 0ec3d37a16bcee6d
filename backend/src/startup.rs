//! Builds the application: database, first user, HTTP server. Tests call [`Application::build`]
//! with their own config and port 0, then talk to [`Application::port`].

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::middleware::{from_fn, Compress, DefaultHeaders};
use actix_web::{web, App, HttpServer};
use tracing_actix_web::TracingLogger;
use utoipa_swagger_ui::SwaggerUi;

use crate::auth::jwt::JwtKeys;
use crate::config::Config;
use crate::db::Db;
use crate::error::{self, ApiError};
use crate::state::AppState;
use crate::{bootstrap, routes, spa, telemetry};

pub struct Application {
    port: u16,
    server: actix_web::dev::Server,
    /// Kept so the scheduled jobs run as long as the server does.
    _jobs: tokio_cron_scheduler::JobScheduler,
}

/// The OpenAPI documents (the whole API, and the portal's published contract), serialised once
/// at start-up and shared by every worker.
struct Specs {
    api: String,
    portal: String,
}

async fn serve_spec(specs: web::Data<Specs>) -> actix_web::HttpResponse {
    actix_web::HttpResponse::Ok().content_type("application/json").body(specs.api.clone())
}

async fn serve_portal_spec(specs: web::Data<Specs>) -> actix_web::HttpResponse {
    actix_web::HttpResponse::Ok().content_type("application/json").body(specs.portal.clone())
}

async fn api_not_found() -> Result<actix_web::HttpResponse, ApiError> {
    Err(ApiError::NotFound)
}

impl Application {
    pub async fn build(config: Config) -> anyhow::Result<Application> {
        let config = Arc::new(config);
        let db = {
            let config = config.clone();
            actix_web::rt::task::spawn_blocking(move || -> anyhow::Result<Db> {
                let db = Db::connect(&config.database_url, config.database_pool_size)?;
                bootstrap::ensure_first_director(&db, &config)?;
                Ok(db)
            })
            .await??
        };
        let listener = TcpListener::bind(&config.bind)?;
        let port = listener.local_addr()?.port();
        tracing::info!(address = %listener.local_addr()?, database = ?db.backend(), "Tertib is listening");
        let state = web::Data::new(AppState {
            jwt: JwtKeys::new(config.jwt_secret.expose()),
            db,
            config: config.clone(),
            portal_limits: Default::default(),
            imports: Default::default(),
        });
        let jobs = crate::jobs::start(state.db.clone(), &config).await?;
        let site_dir = config.site_dir.clone();
        let spec =
            web::Data::new(Specs { api: crate::openapi::spec_json()?, portal: crate::openapi::portal_spec_json()? });
        let workers = config.workers.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
        let server = HttpServer::new(move || {
            App::new()
                .app_data(state.clone())
                .app_data(spec.clone())
                .app_data(web::JsonConfig::default().limit(1 << 20).error_handler(error::json_error))
                .app_data(web::QueryConfig::default().error_handler(error::query_error))
                .app_data(web::PathConfig::default().error_handler(error::path_error))
                .service(
                    web::scope(routes::API_PREFIX)
                        .wrap(DefaultHeaders::new().add(("Cache-Control", "no-store")))
                        .configure(routes::configure_served)
                        .default_service(web::to(api_not_found)),
                )
                .route("/api/openapi.json", web::get().to(serve_spec))
                .route("/api/portal/openapi.json", web::get().to(serve_portal_spec))
                .service(
                    SwaggerUi::new("/api/docs/{_:.*}").config(utoipa_swagger_ui::Config::from("/api/openapi.json")),
                )
                .service(web::scope("/api").default_service(web::to(api_not_found)))
                .service(spa::files(site_dir.clone()))
                .wrap(from_fn(error::localize))
                .wrap(Compress::default())
                .wrap(
                    DefaultHeaders::new()
                        .add(("X-Content-Type-Options", "nosniff"))
                        .add(("X-Frame-Options", "DENY"))
                        .add(("Referrer-Policy", "no-referrer"))
                        // The app's files are revalidated (ETag) on every load; the API said no-store.
                        .add(("Cache-Control", "no-cache")),
                )
                .wrap(from_fn(telemetry::request_id_header))
                .wrap(TracingLogger::default())
        })
        .listen(listener)?
        .workers(workers)
        // Blocking work is almost all database work, which waits for a pooled connection anyway:
        // more threads than connections only add context switches, and threads queued on the
        // pool are not served in turn (the blocking pools' queues are), which makes the slowest
        // answers under load much slower. Each worker has its own pool of threads.
        .worker_max_blocking_threads((config.database_pool_size as usize).div_ceil(workers).max(2))
        .shutdown_timeout(10);
        Ok(Application { port, server: server.run(), _jobs: jobs })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until SIGTERM or SIGINT, then finishes the requests in flight (up to 10 s).
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}
