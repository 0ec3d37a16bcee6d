//! The first director: on a database with no users, Tertib creates one so that a fresh install
//! can be signed into at once.

use tertib_domain::auth::{check_password, CreateUserRequest};
use tertib_domain::email::Email;
use tertib_domain::{Lang, Role};

use crate::accounts;
use crate::auth::{password, random_token};
use crate::config::Config;
use crate::db::audit::Actor;
use crate::db::users::{self, User};
use crate::db::Db;
use crate::error::ApiError;

pub const DEFAULT_ADMIN_EMAIL: &str = "direktur@tertib.local";

/// Creates a user from the command line or start-up, checked by the same rules as the API.
pub fn create_user(db: &Db, req: &CreateUserRequest, actor: &Actor) -> anyhow::Result<User> {
    let email =
        tertib_domain::auth::check_new_user(req).map_err(|findings| anyhow::anyhow!("{}", describe(&findings)))?;
    let password_hash = password::hash(&req.password)?;
    let mut conn = db.conn()?;
    crate::db::write_transaction(&mut conn, |conn| accounts::create(conn, actor, req, &email, password_hash)).map_err(
        |e| match e {
            ApiError::Validation(findings) => anyhow::anyhow!("{}", describe(&findings)),
            ApiError::EmailTaken => anyhow::anyhow!("a user with email {email} exists already"),
            other => anyhow::anyhow!("{other}"),
        },
    )
}

fn describe(findings: &[tertib_domain::Finding]) -> String {
    findings.iter().map(|f| format!("{}: {}", f.field, f.message(Lang::En))).collect::<Vec<_>>().join("; ")
}

/// On an empty user table, creates the first director from `TERTIB_ADMIN_EMAIL` and
/// `TERTIB_ADMIN_PASSWORD`, or with a generated password printed once on the console.
pub fn ensure_first_director(db: &Db, config: &Config) -> anyhow::Result<()> {
    if users::count(&mut *db.conn()?)? > 0 {
        return Ok(());
    }
    let email = config.admin_email.clone().unwrap_or_else(|| DEFAULT_ADMIN_EMAIL.to_string());
    Email::parse(&email).map_err(|e| anyhow::anyhow!("TERTIB_ADMIN_EMAIL: {}", e.message(Lang::En)))?;
    let (password, generated) = match &config.admin_password {
        Some(p) => (p.expose().to_string(), false),
        None => (random_token(12), true),
    };
    if let Some(f) = check_password("TERTIB_ADMIN_PASSWORD", &password) {
        anyhow::bail!("{}: {}", f.field, f.message(Lang::En));
    }
    let req = CreateUserRequest {
        email: email.clone(),
        name: "Direktur".into(),
        password: password.clone(),
        role: Role::Director,
        client_company_id: None,
        language: None,
    };
    create_user(db, &req, &Actor::system("system"))?;
    tracing::info!(email = %email, "created the first director");
    if generated {
        // Deliberately on the console and not in the log: shown once, to whoever started Tertib.
        println!(
            "\n  Direktur pertama / first director\n    email:      {email}\n    kata sandi: {password}\n  Simpan kata sandi ini; ia tidak ditampilkan lagi. / Keep this password; it is not shown again.\n"
        );
    }
    Ok(())
}
