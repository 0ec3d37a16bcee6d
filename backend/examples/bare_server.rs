//! The yardstick for `cargo xtask bench foundation`: the least an authenticated read can do on
//! this stack — actix-web, an HS256 JWT check and one SQLite primary-key read through a diesel
//! pool on the blocking thread pool — with none of Tertib's middleware, roles or error handling.
//!
//! Usage: `bare_server <sqlite-file> <port>`; prints a valid token on stdout, then serves
//! `GET /me`.

use actix_web::{get, web, App, HttpRequest, HttpResponse, HttpServer};
use diesel::prelude::*;
use diesel::r2d2::{ConnectionManager, Pool};
use jsonwebtoken::{decode, encode, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

const SECRET: &[u8] = b"bare-server-secret-of-thirty-two-bytes";

#[derive(Serialize, Deserialize)]
struct Claims {
    sub: String,
    exp: i64,
}

#[derive(QueryableByName, Serialize)]
struct User {
    #[diesel(sql_type = diesel::sql_types::Text)]
    id: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    email: String,
}

type DbPool = Pool<ConnectionManager<SqliteConnection>>;

#[get("/me")]
async fn me(pool: web::Data<DbPool>, req: HttpRequest) -> HttpResponse {
    let token =
        req.headers().get("authorization").and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    let Some(claims) = token
        .and_then(|t| decode::<Claims>(t, &DecodingKey::from_secret(SECRET), &Validation::default()).ok())
        .map(|d| d.claims)
    else {
        return HttpResponse::Unauthorized().finish();
    };
    let pool = pool.clone();
    let user = web::block(move || {
        let mut conn = pool.get().ok()?;
        diesel::sql_query("SELECT id, email FROM users WHERE id = ?")
            .bind::<diesel::sql_types::Text, _>(claims.sub)
            .get_result::<User>(&mut conn)
            .ok()
    })
    .await
    .ok()
    .flatten();
    match user {
        Some(u) => HttpResponse::Ok().json(u),
        None => HttpResponse::NotFound().finish(),
    }
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (path, port) = match args.as_slice() {
        [_, path, port] => (path.clone(), port.parse::<u16>()?),
        _ => anyhow::bail!("usage: bare_server <sqlite-file> <port>"),
    };
    let pool: DbPool = Pool::builder().max_size(8).build(ConnectionManager::new(path))?;
    {
        let mut conn = pool.get()?;
        diesel::sql_query("PRAGMA journal_mode = WAL").execute(&mut conn)?;
        diesel::sql_query("CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, email TEXT NOT NULL)")
            .execute(&mut conn)?;
        diesel::sql_query("INSERT OR IGNORE INTO users VALUES ('u1', 'bench@tertib.local')").execute(&mut conn)?;
    }
    let claims = Claims { sub: "u1".into(), exp: chrono::Utc::now().timestamp() + 3600 };
    println!("{}", encode(&Header::default(), &claims, &EncodingKey::from_secret(SECRET))?);
    actix_web::rt::System::new().block_on(async move {
        HttpServer::new(move || App::new().app_data(web::Data::new(pool.clone())).service(me))
            .bind(("127.0.0.1", port))?
            .run()
            .await
    })?;
    Ok(())
}
