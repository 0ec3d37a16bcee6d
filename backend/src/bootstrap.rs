//! The first director: on a database with no users, Tertib creates one so that a fresh install
//! can be signed into at once.

use tertib_domain::auth::{check_password, CreateUserRequest};
use tertib_domain::email::Email;
use tertib_domain::{Lang, Role};

use crate::auth::{password, random_token};
use crate::config::Config;
use crate::db::audit::{self, Actor, Change};
use crate::db::users::{self, User};
use crate::db::{new_id, now, Db};

pub const DEFAULT_ADMIN_EMAIL: &str = "direktur@tertib.local";

/// Creates a user from the command line or start-up, checked by the same rules as the API.
pub fn create_user(db: &Db, req: &CreateUserRequest, actor: &Actor) -> anyhow::Result<User> {
    let email = tertib_domain::auth::check_new_user(req).map_err(|findings| {
        let lines: Vec<String> = findings.iter().map(|f| format!("{}: {}", f.field, f.message(Lang::En))).collect();
        anyhow::anyhow!("{}", lines.join("; "))
    })?;
    let password_hash = password::hash(&req.password)?;
    let mut conn = db.conn()?;
    crate::db::write_transaction(&mut conn, |conn| {
        if users::find_by_email(conn, email.as_str())?.is_some() {
            anyhow::bail!("a user with email {email} exists already");
        }
        let at = now();
        let user = User {
            id: new_id(),
            email: email.to_string(),
            name: req.name.trim().to_string(),
            password_hash,
            role: req.role.as_str().to_string(),
            client_company_id: req.client_company_id.clone(),
            language: req.language.unwrap_or_default().code().to_string(),
            disabled: false,
            session_epoch: 0,
            created_at: at,
            updated_at: at,
            last_login_at: None,
        };
        users::insert(conn, &user)?;
        audit::record(conn, actor, Change::new("user.create", "user", Some(&user.id)).after(&user.view()))?;
        Ok(user)
    })
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
