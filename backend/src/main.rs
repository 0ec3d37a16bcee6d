//! The `tertib` command: serve (default), migrate, create users, fill a demo database, print the
//! OpenAPI document.

use std::io::Write;

use anyhow::Context;
use clap::{Parser, Subcommand};
use tertib::config::{Config, Secret};
use tertib::db::audit::Actor;
use tertib::db::Db;
use tertib::demo::DemoOptions;
use tertib::startup::Application;
use tertib_domain::auth::CreateUserRequest;
use tertib_domain::Role;

#[derive(Parser)]
#[command(
    name = "tertib",
    version,
    about = "Kepesertaan BPJS Kesehatan pekerja alih daya / BPJS Kesehatan membership for outsourced workers"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Manage users.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Print the OpenAPI document.
    Openapi {
        /// The portal's published contract instead of the whole API.
        #[arg(long)]
        portal: bool,
    },
    /// Fill an empty database with synthetic demo data: 4 client companies and workers with
    /// their families, all passing the registry's rules. The same seed gives the same data.
    Demo {
        /// How many workers to make.
        #[arg(long, default_value_t = 300)]
        workers: usize,
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// The day the data is made for (YYYY-MM-DD); today (WIB) by default.
        #[arg(long)]
        as_of: Option<chrono::NaiveDate>,
    },
    /// Print a synthetic roster (the import template's columns, CSV) of the demo's people: for
    /// trying and benchmarking the import. Needs no database.
    Roster {
        /// How many data rows (workers and family members).
        #[arg(long, default_value_t = 1000)]
        rows: usize,
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a user. The password comes from TERTIB_NEW_PASSWORD or a prompt.
    Create {
        #[arg(long, value_parser = parse_role)]
        role: Role,
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "")]
        name: String,
        /// For role `client`: the client company's id.
        #[arg(long)]
        client_company_id: Option<String>,
    },
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::parse(s).ok_or_else(|| format!("unknown role {s:?}: director, hr, admin_ops or client"))
}

fn read_new_password() -> anyhow::Result<Secret> {
    if let Ok(p) = std::env::var("TERTIB_NEW_PASSWORD") {
        return Ok(Secret::new(p));
    }
    eprint!("Kata sandi / password: ");
    std::io::stderr().flush()?;
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).context("reading the password")?;
    Ok(Secret::new(line.trim_end_matches(['\r', '\n'])))
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    if let Some(Command::Openapi { portal }) = cli.command {
        print!("{}", if portal { tertib::openapi::portal_spec_json()? } else { tertib::openapi::spec_json()? });
        return Ok(());
    }
    // Standard output is the file: nothing else may be written there.
    if let Some(Command::Roster { rows, seed }) = cli.command {
        let options = DemoOptions { workers: rows, seed, as_of: tertib::registry::today() };
        print!("{}", tertib::demo::roster_csv(&tertib::demo::plan(&options)?, rows));
        return Ok(());
    }
    let config = Config::from_env()?;
    tertib::telemetry::init(config.log_json);
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => actix_web::rt::System::new().block_on(async {
            let app = Application::build(config).await?;
            app.run_until_stopped().await.context("serving")
        }),
        Command::Migrate => {
            let db = Db::connect(&config.database_url, 1)?;
            let applied = db.migrate()?;
            println!("migrations up to date ({} applied now)", applied.len());
            Ok(())
        }
        Command::User { command: UserCommand::Create { role, email, name, client_company_id } } => {
            let db = Db::connect(&config.database_url, 1)?;
            let password = read_new_password()?;
            let req = CreateUserRequest {
                email,
                name,
                password: password.expose().to_string(),
                role,
                client_company_id,
                language: None,
            };
            let user = tertib::bootstrap::create_user(&db, &req, &Actor::system("cli"))?;
            println!("created {} ({}) with id {}", user.email, user.role, user.id);
            Ok(())
        }
        Command::Demo { workers, seed, as_of } => {
            let db = Db::connect(&config.database_url, 1)?;
            let today = tertib::registry::today();
            let options = DemoOptions { workers, seed, as_of: as_of.unwrap_or(today).min(today) };
            let plan = tertib::demo::plan(&options)?;
            let started = std::time::Instant::now();
            let summary = tertib::demo::load(&db, &plan, today)?;
            println!(
                "demo data: {} client companies, {} workers ({} terminated, {} moved to another client) with {} family members, in {:.1} s",
                summary.companies,
                summary.workers,
                summary.terminated,
                summary.moved,
                summary.family_members,
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Command::Openapi { .. } | Command::Roster { .. } => Ok(()),
    }
}
