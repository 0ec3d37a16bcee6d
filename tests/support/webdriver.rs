//! A small W3C WebDriver client over HTTP, driving Debian's headless Chromium through
//! chromedriver. Enough for black-box tests of the SPA: open a page, find elements by CSS, type,
//! click, read text, wait for something to appear.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context};
use serde_json::{json, Value};

/// The key WebDriver uses for element references.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";
/// The Escape key, as WebDriver types it.
pub const ESCAPE: char = '\u{E00C}';
/// The Enter key, as WebDriver types it.
pub const ENTER: char = '\u{E007}';

pub struct Browser {
    driver: Child,
    base: String,
    http: reqwest::Client,
    profile: std::path::PathBuf,
}

pub struct Element {
    id: String,
}

fn free_port() -> anyhow::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

impl Browser {
    /// Starts chromedriver and a headless Chromium session. The flags keep Chromium off the
    /// network (this machine has none) and out of first-run dialogs.
    pub async fn start() -> anyhow::Result<Browser> {
        let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let port = free_port()?;
        let driver = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .with_context(|| format!("starting {chromedriver} (cargo xtask test installs it)"))?;
        let profile = std::env::temp_dir().join(format!("tertib-chromium-{}", uuid::Uuid::new_v4().simple()));
        let mut browser =
            Browser { driver, base: format!("http://127.0.0.1:{port}"), http: reqwest::Client::new(), profile };
        let deadline = Instant::now() + Duration::from_secs(20);
        while browser.http.get(format!("{}/status", browser.base)).send().await.is_err() {
            if Instant::now() > deadline {
                bail!("chromedriver did not start");
            }
            tokio_sleep(100).await;
        }
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync",
                         "--no-first-run", "--disable-quic", "--window-size=1280,900", "--lang=id",
                         format!("--user-data-dir={}", browser.profile.display())]
            }
        }}});
        let res: Value =
            browser.http.post(format!("{}/session", browser.base)).json(&caps).send().await?.json().await?;
        let session = res["value"]["sessionId"].as_str().ok_or_else(|| anyhow!("no WebDriver session: {res}"))?;
        browser.base = format!("{}/session/{session}", browser.base);
        Ok(browser)
    }

    async fn command(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> anyhow::Result<Value> {
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res: Value = req.send().await?.json().await?;
        if let Some(err) = res["value"]["error"].as_str() {
            bail!("WebDriver {path}: {err}: {}", res["value"]["message"]);
        }
        Ok(res["value"].clone())
    }

    pub async fn goto(&self, url: &str) -> anyhow::Result<()> {
        self.command(reqwest::Method::POST, "/url", Some(json!({"url": url}))).await.map(drop)
    }

    pub async fn current_url(&self) -> anyhow::Result<String> {
        Ok(self.command(reqwest::Method::GET, "/url", None).await?.as_str().unwrap_or_default().to_string())
    }

    pub async fn find(&self, css: &str) -> anyhow::Result<Element> {
        let v = self
            .command(reqwest::Method::POST, "/element", Some(json!({"using": "css selector", "value": css})))
            .await?;
        let id = v[ELEMENT_KEY].as_str().ok_or_else(|| anyhow!("no element id for {css}"))?;
        Ok(Element { id: id.to_string() })
    }

    /// Waits up to 15 s for an element to be present (the SPA renders after its wasm loads).
    pub async fn wait_for(&self, css: &str) -> anyhow::Result<Element> {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            match self.find(css).await {
                Ok(e) => return Ok(e),
                Err(e) if Instant::now() > deadline => {
                    let html = self.page_source().await.unwrap_or_default();
                    return Err(
                        e.context(format!("waiting for {css}; page: {}", html.chars().take(2000).collect::<String>()))
                    );
                }
                Err(_) => tokio_sleep(100).await,
            }
        }
    }

    /// Waits until the element's text contains `needle`.
    pub async fn wait_for_text(&self, css: &str, needle: &str) -> anyhow::Result<String> {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let text = match self.find(css).await {
                Ok(e) => self.text(&e).await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if text.contains(needle) {
                return Ok(text);
            }
            if Instant::now() > deadline {
                bail!("{css} never contained {needle:?}; last text {text:?}");
            }
            tokio_sleep(100).await;
        }
    }

    /// Waits until the element is there and its text no longer contains `needle` (a row
    /// removed from a table, say).
    pub async fn wait_for_text_without(&self, css: &str, needle: &str) -> anyhow::Result<String> {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let text = match self.find(css).await {
                Ok(e) => Some(self.text(&e).await.unwrap_or_default()),
                Err(_) => None,
            };
            match text {
                Some(text) if !text.contains(needle) => return Ok(text),
                text if Instant::now() > deadline => {
                    bail!("{css} still contained {needle:?} (or was missing); last text {text:?}")
                }
                _ => tokio_sleep(100).await,
            }
        }
    }

    /// Waits until no element matches (a form that was closed).
    pub async fn wait_for_absence(&self, css: &str) -> anyhow::Result<()> {
        let deadline = Instant::now() + Duration::from_secs(15);
        while self.find(css).await.is_ok() {
            if Instant::now() > deadline {
                bail!("{css} is still on the page");
            }
            tokio_sleep(100).await;
        }
        Ok(())
    }

    /// The element that has the keyboard focus.
    pub async fn active_element(&self) -> anyhow::Result<Element> {
        let v = self.command(reqwest::Method::GET, "/element/active", None).await?;
        let id = v[ELEMENT_KEY].as_str().ok_or_else(|| anyhow!("no focused element"))?;
        Ok(Element { id: id.to_string() })
    }

    /// An attribute of the element, `None` when it has none.
    pub async fn attribute(&self, el: &Element, name: &str) -> anyhow::Result<Option<String>> {
        let v = self.command(reqwest::Method::GET, &format!("/element/{}/attribute/{name}", el.id), None).await?;
        Ok(v.as_str().map(str::to_string))
    }

    /// A property of the element (`value` of an input: what it holds now, not what the page said).
    pub async fn property(&self, el: &Element, name: &str) -> anyhow::Result<Value> {
        self.command(reqwest::Method::GET, &format!("/element/{}/property/{name}", el.id), None).await
    }

    /// Waits until the input `css` finds holds `value`.
    pub async fn wait_for_value(&self, css: &str, value: &str) -> anyhow::Result<()> {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let held = match self.find(css).await {
                Ok(e) => self.property(&e, "value").await.unwrap_or_default(),
                Err(_) => Value::Null,
            };
            if held.as_str() == Some(value) {
                return Ok(());
            }
            if Instant::now() > deadline {
                bail!("{css} never held {value:?}; last {held}");
            }
            tokio_sleep(100).await;
        }
    }

    /// Waits until the keyboard focus is on the element `css` finds.
    pub async fn wait_for_focus(&self, css: &str) -> anyhow::Result<()> {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let wanted = self.find(css).await?;
            let focused = self.active_element().await?;
            if wanted.id == focused.id {
                return Ok(());
            }
            if Instant::now() > deadline {
                let testid = self.attribute(&focused, "data-testid").await.unwrap_or_default();
                bail!("the focus never reached {css}; it is on data-testid={testid:?}");
            }
            tokio_sleep(100).await;
        }
    }

    /// Presses a key (a WebDriver key code such as [`ESCAPE`]) in the element.
    pub async fn press(&self, el: &Element, key: char) -> anyhow::Result<()> {
        self.type_into(el, &key.to_string()).await
    }

    pub async fn type_into(&self, el: &Element, text: &str) -> anyhow::Result<()> {
        self.command(reqwest::Method::POST, &format!("/element/{}/value", el.id), Some(json!({"text": text})))
            .await
            .map(drop)
    }

    pub async fn clear(&self, el: &Element) -> anyhow::Result<()> {
        self.command(reqwest::Method::POST, &format!("/element/{}/clear", el.id), Some(json!({}))).await.map(drop)
    }

    /// Clicks the element. WebDriver scrolls only elements out of view; one in view but under the
    /// app's sticky top bar is brought to the middle of the window and clicked again.
    pub async fn click(&self, el: &Element) -> anyhow::Result<()> {
        let path = format!("/element/{}/click", el.id);
        match self.command(reqwest::Method::POST, &path, Some(json!({}))).await {
            Err(e) if e.to_string().contains("element click intercepted") => {
                let script = "arguments[0].scrollIntoView({block: 'center'})";
                let args = json!([{ ELEMENT_KEY: el.id }]);
                self.command(reqwest::Method::POST, "/execute/sync", Some(json!({"script": script, "args": args})))
                    .await?;
                self.command(reqwest::Method::POST, &path, Some(json!({}))).await.map(drop)
            }
            other => other.map(drop),
        }
    }

    pub async fn text(&self, el: &Element) -> anyhow::Result<String> {
        Ok(self
            .command(reqwest::Method::GET, &format!("/element/{}/text", el.id), None)
            .await?
            .as_str()
            .unwrap_or_default()
            .to_string())
    }

    pub async fn page_source(&self) -> anyhow::Result<String> {
        Ok(self.command(reqwest::Method::GET, "/source", None).await?.as_str().unwrap_or_default().to_string())
    }

    /// Saves a PNG screenshot (for looking at the page when a test fails).
    pub async fn screenshot(&self, path: &std::path::Path) -> anyhow::Result<()> {
        use base64::Engine;
        let b64 = self.command(reqwest::Method::GET, "/screenshot", None).await?;
        let bytes = base64::engine::general_purpose::STANDARD.decode(b64.as_str().unwrap_or_default())?;
        std::fs::write(path, bytes)?;
        Ok(())
    }

    pub async fn quit(mut self) {
        let _ = self.http.delete(self.base.clone()).send().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
    }
}

async fn tokio_sleep(ms: u64) {
    actix_rt::time::sleep(Duration::from_millis(ms)).await;
}
