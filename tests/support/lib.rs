//! The test harness: starts the real Tertib server on a free port against a database of its own
//! (a fresh SQLite file, or a fresh PostgreSQL database), and talks to it over HTTP like any
//! client. Test bodies are written once and run on both databases through [`db_tests!`].

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use diesel::{Connection, PgConnection, RunQueryDsl};
use serde_json::{json, Value};
use tertib::config::{Config, LoginPolicy, Secret};
use tertib::startup::Application;
use tertib_domain::Role;

pub const DIRECTOR_EMAIL: &str = "direktur@uji.co.id";
pub const DIRECTOR_PASSWORD: &str = "direktur-rahasia-1";
pub const JWT_SECRET: &str = "test-secret-that-is-long-enough-for-hs256-signing";
/// Every user the harness creates has this password.
pub const USER_PASSWORD: &str = "pengguna-rahasia-1";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbKind {
    Sqlite,
    Postgres,
}

/// The PostgreSQL server the tests create their databases on.
pub fn postgres_admin_url() -> String {
    std::env::var("TERTIB_TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// The database of one test; removed when the test ends.
pub struct TestDb {
    pub kind: DbKind,
    pub url: String,
    name: String,
}

impl TestDb {
    pub fn create(kind: DbKind) -> TestDb {
        static SEQ: AtomicU64 = AtomicU64::new(0);
        let name = format!(
            "tertib_t_{}_{}_{}",
            std::process::id(),
            SEQ.fetch_add(1, Ordering::Relaxed),
            uuid::Uuid::new_v4().simple().to_string().get(..8).unwrap_or("x")
        );
        match kind {
            DbKind::Sqlite => {
                let dir = std::env::temp_dir().join("tertib-tests");
                std::fs::create_dir_all(&dir).unwrap();
                let url = dir.join(format!("{name}.sqlite3")).to_string_lossy().into_owned();
                TestDb { kind, url, name }
            }
            DbKind::Postgres => {
                let admin = postgres_admin_url();
                let mut conn = PgConnection::establish(&admin).unwrap_or_else(|e| {
                    panic!(
                        "PostgreSQL at {admin} is unreachable ({e}); the tests need it (set TERTIB_TEST_POSTGRES_URL)"
                    )
                });
                diesel::sql_query(format!("CREATE DATABASE {name}")).execute(&mut conn).unwrap();
                let base = admin.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap_or(admin);
                TestDb { kind, url: format!("{base}/{name}"), name }
            }
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match self.kind {
            DbKind::Sqlite => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", self.url));
                }
            }
            DbKind::Postgres => {
                if let Ok(mut conn) = PgConnection::establish(&postgres_admin_url()) {
                    let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name))
                        .execute(&mut conn);
                }
            }
        }
    }
}

pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// The settings a test app runs with; tests may change them before [`TestApp::spawn_with`].
pub fn test_config(db: &TestDb) -> Config {
    Config {
        database_url: db.url.clone(),
        database_pool_size: 4,
        bind: "127.0.0.1:0".into(),
        workers: Some(1),
        data_dir: std::env::temp_dir().join("tertib-tests"),
        jwt_secret: Secret::new(JWT_SECRET),
        access_token_ttl: Duration::from_secs(15 * 60),
        refresh_token_ttl: Duration::from_secs(7 * 24 * 3600),
        cookie_secure: false,
        admin_email: Some(DIRECTOR_EMAIL.into()),
        admin_password: Some(Secret::new(DIRECTOR_PASSWORD)),
        site_dir: workspace_root().join("frontend/dist"),
        login: LoginPolicy { delay_per_failure: Duration::from_millis(5), ..LoginPolicy::default() },
        log_json: false,
        public_url: "http://tertib.test".into(),
        smtp_url: None,
        mail_from: "Tertib Uji <tertib@uji.co.id>".into(),
        // Runs on demand in tests (see `tests/support/mail.rs`), not by the clock.
        reminder_schedule: "0 0 0 1 1 *".into(),
        portal_user_rate_per_minute: 120,
    }
}

pub struct TestApp {
    pub address: String,
    pub db: TestDb,
    /// A client with a cookie store, like a browser.
    pub client: reqwest::Client,
}

impl TestApp {
    pub async fn spawn(kind: DbKind) -> TestApp {
        TestApp::spawn_with(kind, |_| {}).await
    }

    pub async fn spawn_with(kind: DbKind, adjust: impl FnOnce(&mut Config)) -> TestApp {
        let db = actix_rt::task::spawn_blocking(move || TestDb::create(kind)).await.unwrap();
        let mut config = test_config(&db);
        adjust(&mut config);
        let app = Application::build(config).await.expect("the app starts");
        let address = format!("http://127.0.0.1:{}", app.port());
        actix_rt::spawn(app.run_until_stopped());
        TestApp { address, db, client: TestApp::new_client() }
    }

    /// A separate "browser": its own cookie jar.
    pub fn new_client() -> reqwest::Client {
        reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn login_with(&self, client: &reqwest::Client, email: &str, password: &str) -> reqwest::Response {
        client
            .post(self.url("/api/v1/auth/login"))
            .json(&json!({"email": email, "password": password}))
            .send()
            .await
            .unwrap()
    }

    /// Signs in and returns the access token; panics unless the sign-in succeeds.
    pub async fn token(&self, email: &str, password: &str) -> String {
        let res = self.login_with(&self.client, email, password).await;
        assert_eq!(res.status(), 200, "signing in as {email}");
        let body: Value = res.json().await.unwrap();
        body["access_token"].as_str().unwrap().to_string()
    }

    pub async fn director_token(&self) -> String {
        self.token(DIRECTOR_EMAIL, DIRECTOR_PASSWORD).await
    }

    pub async fn get(&self, path: &str, token: &str) -> reqwest::Response {
        self.client.get(self.url(path)).bearer_auth(token).send().await.unwrap()
    }

    pub async fn post(&self, path: &str, token: &str, body: &Value) -> reqwest::Response {
        self.client.post(self.url(path)).bearer_auth(token).json(body).send().await.unwrap()
    }

    pub async fn patch(&self, path: &str, token: &str, body: &Value) -> reqwest::Response {
        self.client.patch(self.url(path)).bearer_auth(token).json(body).send().await.unwrap()
    }

    pub async fn put(&self, path: &str, token: &str, body: &Value) -> reqwest::Response {
        self.client.put(self.url(path)).bearer_auth(token).json(body).send().await.unwrap()
    }

    /// Adds a client company straight into the database (its API comes with the worker registry)
    /// and returns its id.
    pub async fn insert_client_company(&self, code: &str) -> String {
        let url = self.db.url.clone();
        let code = code.to_string();
        actix_rt::task::spawn_blocking(move || {
            let db = tertib::db::Db::connect(&url, 1).unwrap();
            let id = tertib::db::new_id();
            let now = tertib::db::now();
            let mut conn = db.conn().unwrap();
            diesel::insert_into(tertib::db::schema::client_companies::table)
                .values((
                    tertib::db::schema::client_companies::id.eq(&id),
                    tertib::db::schema::client_companies::code.eq(&code),
                    tertib::db::schema::client_companies::name.eq(format!("PT {code}")),
                    tertib::db::schema::client_companies::created_at.eq(now),
                    tertib::db::schema::client_companies::updated_at.eq(now),
                ))
                .execute(&mut *conn)
                .unwrap();
            id
        })
        .await
        .unwrap()
    }

    /// Creates a user of `role` through the API (as the director) and returns their email.
    pub async fn create_user(&self, role: Role) -> String {
        let director = self.director_token().await;
        let email = format!("{}-{}@uji.co.id", role.as_str(), uuid::Uuid::new_v4().simple());
        let company = match role {
            Role::Client => Some(self.insert_client_company(&format!("K{}", &email[7..13])).await),
            _ => None,
        };
        let res = self
            .post(
                "/api/v1/users",
                &director,
                &json!({"email": email, "password": USER_PASSWORD, "role": role, "client_company_id": company}),
            )
            .await;
        assert_eq!(res.status(), 201, "creating a {role:?} user: {}", res.text().await.unwrap_or_default());
        email
    }

    /// A signed-in token for a fresh user of `role` (the seeded director for `Director`).
    pub async fn token_for(&self, role: Role) -> String {
        match role {
            Role::Director => self.director_token().await,
            other => {
                let email = self.create_user(other).await;
                self.token(&email, USER_PASSWORD).await
            }
        }
    }

    /// Writes with raw SQL on a connection of its own, as another server or a database tool
    /// would, and answers the rows changed.
    pub async fn execute_outside(&self, sql: &str) -> usize {
        let (url, sql) = (self.db.url.clone(), sql.to_string());
        actix_rt::task::spawn_blocking(move || {
            let db = tertib::db::Db::connect(&url, 1).unwrap();
            let mut conn = db.conn().unwrap();
            diesel::RunQueryDsl::execute(diesel::sql_query(sql), &mut *conn).unwrap()
        })
        .await
        .unwrap()
    }

    /// Reads rows with raw SQL on the test's database (for checks the API does not expose).
    pub async fn count_rows(&self, sql: &str) -> i64 {
        #[derive(diesel::QueryableByName)]
        struct Count {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        let (url, sql) = (self.db.url.clone(), sql.to_string());
        actix_rt::task::spawn_blocking(move || {
            let db = tertib::db::Db::connect(&url, 1).unwrap();
            let mut conn = db.conn().unwrap();
            diesel::sql_query(sql).get_result::<Count>(&mut *conn).unwrap().n
        })
        .await
        .unwrap()
    }
}

use diesel::ExpressionMethods;

pub mod lifecycle;
pub mod mail;
pub mod registry;
pub mod webdriver;

/// Runs each named `async fn(TestApp)` once on SQLite and once on PostgreSQL, each on a fresh
/// database: `sqlite::name` and `postgres::name`.
#[macro_export]
macro_rules! db_tests {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[actix_rt::test]
                async fn $name() {
                    super::$name($crate::TestApp::spawn($crate::DbKind::Sqlite).await).await
                }
            )*
        }
        mod postgres {
            $(
                #[actix_rt::test]
                async fn $name() {
                    super::$name($crate::TestApp::spawn($crate::DbKind::Postgres).await).await
                }
            )*
        }
    };
}
