//! Serves the built single-page app. Unknown paths outside `/api` get `index.html`, so the SPA's
//! history-mode routes survive a reload; `/api/…` never falls back to it.

use std::path::PathBuf;

use actix_files::{Files, NamedFile};
use actix_web::dev::{fn_service, ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::HttpResponse;

const NOT_BUILT: &str = "<!doctype html><meta charset=utf-8><title>Tertib</title><p>Aplikasi web belum dibangun: jalankan <code>cargo xtask run</code>.<br>The web app is not built: run <code>cargo xtask run</code>.";

pub fn files(site_dir: PathBuf) -> Files {
    let index = site_dir.join("index.html");
    Files::new("/", site_dir).index_file("index.html").default_handler(fn_service(move |req: ServiceRequest| {
        let index = index.clone();
        async move {
            let (req, _) = req.into_parts();
            let res = match NamedFile::open_async(&index).await {
                Ok(file) => {
                    let mut res = file.into_response(&req);
                    res.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-cache"));
                    res
                }
                Err(_) => HttpResponse::ServiceUnavailable().content_type("text/html; charset=utf-8").body(NOT_BUILT),
            };
            Ok(ServiceResponse::new(req, res))
        }
    }))
}
