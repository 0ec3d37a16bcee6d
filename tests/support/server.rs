//! The server as a process of its own, configured from the environment as `tertib serve` is, for
//! tests that must kill it (`kill -9` in the middle of an import).

fn main() -> anyhow::Result<()> {
    let config = tertib::config::Config::from_env()?;
    actix_rt::System::new().block_on(async {
        let app = tertib::startup::Application::build(config).await?;
        app.run_until_stopped().await?;
        Ok(())
    })
}
