//! Builds the SPA into `frontend/dist/`: `index.html`, `tertib_frontend.js`,
//! `tertib_frontend_bg.wasm` and `style.css`.
//!
//! Steps: `cargo build` for `wasm32-unknown-unknown` (profile `wasm-release` or `dev`), the JS
//! bindings from `wasm-bindgen-cli-support` used as a library (its version is pinned to the
//! `wasm-bindgen` in `Cargo.lock`, which the two must share), then in release `wasm-opt -Oz` from
//! the npm package `binaryen` (Debian's binaryen is too old for the wasm that rustc emits now and
//! breaks the page). The file names stay fixed; `index.html` asks for them with a `?v=` content
//! hash, so a browser never mixes an old wasm with a new page.

use std::fmt;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context};

const WASM_TARGET: &str = "wasm32-unknown-unknown";
const OUT_NAME: &str = "tertib_frontend";
const BINARYEN: &str = "binaryen@132";
/// What rustc enables by default for `wasm32-unknown-unknown`: wasm-opt must accept the same.
const WASM_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-bulk-memory-opt",
    "--enable-call-indirect-overlong",
    "--enable-multivalue",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-reference-types",
    "--enable-sign-ext",
];

/// The size of the wasm a browser downloads, as stored and gzip-compressed (level 9).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WasmSize {
    pub raw: u64,
    pub gzip: u64,
}

impl fmt::Display for WasmSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kib = |bytes: u64| bytes as f64 / 1024.0;
        write!(f, "{:.0} KiB raw, {:.0} KiB gzip ({} / {} bytes)", kib(self.raw), kib(self.gzip), self.raw, self.gzip)
    }
}

/// What [`build`] made.
#[derive(Debug, Clone)]
pub struct Dist {
    /// `frontend/dist`.
    pub dir: PathBuf,
    pub wasm: WasmSize,
}

impl AsRef<Path> for Dist {
    fn as_ref(&self) -> &Path {
        &self.dir
    }
}

/// Adds the wasm target with rustup when the toolchain lacks it.
pub fn ensure_wasm_target() -> anyhow::Result<()> {
    let listed = match Command::new("rustup").args(["target", "list", "--installed"]).output() {
        Ok(out) if out.status.success() => out,
        Ok(out) => bail!("`rustup target list --installed` failed: {}", String::from_utf8_lossy(&out.stderr)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return check_target_without_rustup(),
        Err(e) => return Err(e).context("running rustup"),
    };
    if String::from_utf8_lossy(&listed.stdout).lines().any(|l| l.trim() == WASM_TARGET) {
        return Ok(());
    }
    run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
}

/// A toolchain installed without rustup (a distribution's rustc) must bring the target itself.
fn check_target_without_rustup() -> anyhow::Result<()> {
    let out = Command::new("rustc")
        .args(["--print", "target-libdir", "--target", WASM_TARGET])
        .output()
        .context("running rustc")?;
    let libdir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    if out.status.success() && libdir.is_dir() {
        return Ok(());
    }
    bail!("the Rust toolchain has no {WASM_TARGET} target and rustup is not installed to add it")
}

/// Builds `frontend/dist` and returns where it is, with the wasm's size. `release` optimises for
/// size (profile `wasm-release` and `wasm-opt -Oz`); otherwise a quick debug build.
pub fn build(workspace_root: &Path, release: bool) -> anyhow::Result<Dist> {
    let started = Instant::now();
    let frontend = workspace_root.join("frontend");
    let (profile, profile_dir) = if release { ("wasm-release", "wasm-release") } else { ("dev", "debug") };
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    eprintln!("\n$ cargo build -p tertib-frontend --target {WASM_TARGET} --profile {profile}");
    run(Command::new(&cargo).current_dir(workspace_root).args([
        "build",
        "-p",
        "tertib-frontend",
        "--target",
        WASM_TARGET,
        "--profile",
        profile,
    ]))?;
    let compiled = target_dir(workspace_root).join(WASM_TARGET).join(profile_dir).join("tertib-frontend.wasm");

    // Everything is made next to `dist` and swapped in at the end: a failed build leaves the
    // previous app in place.
    let staging = frontend.join("dist.new");
    if staging.exists() {
        fs::remove_dir_all(&staging).with_context(|| format!("removing {}", staging.display()))?;
    }
    fs::create_dir_all(&staging)?;
    let size = match assemble(workspace_root, &compiled, &staging, release) {
        Ok(size) => size,
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    let dist = frontend.join("dist");
    if dist.exists() {
        fs::remove_dir_all(&dist).with_context(|| format!("removing {}", dist.display()))?;
    }
    fs::rename(&staging, &dist).with_context(|| format!("moving the build to {}", dist.display()))?;

    let built = Dist { dir: dist, wasm: size };
    eprintln!(
        "frontend: {} ({}) in {:.0} s; wasm: {}",
        built.dir.display(),
        if release { "release" } else { "debug" },
        started.elapsed().as_secs_f64(),
        built.wasm
    );
    Ok(built)
}

/// Bindings, optimisation, stylesheet and page, written into `out`; answers the wasm's size.
fn assemble(workspace_root: &Path, compiled: &Path, out: &Path, release: bool) -> anyhow::Result<WasmSize> {
    let frontend = workspace_root.join("frontend");
    let mut bindgen = wasm_bindgen_cli_support::Bindgen::new();
    bindgen
        .input_path(compiled)
        .out_name(OUT_NAME)
        .typescript(false)
        .debug(!release)
        .keep_debug(!release)
        .remove_name_section(release)
        .remove_producers_section(release);
    bindgen.web(true)?;
    bindgen.generate(out).with_context(|| format!("generating JS bindings for {}", compiled.display()))?;

    let wasm_name = format!("{OUT_NAME}_bg.wasm");
    let wasm = out.join(&wasm_name);
    if release {
        let wasm_opt = ensure_wasm_opt(workspace_root)?;
        let optimised = out.join(format!("{OUT_NAME}_bg.opt.wasm"));
        eprintln!("$ wasm-opt -Oz {}", wasm.display());
        run(Command::new(&wasm_opt).arg(&wasm).arg("-o").arg(&optimised).arg("-Oz").args(WASM_FEATURES))?;
        fs::rename(&optimised, &wasm)?;
    }

    let style = "style.css";
    fs::copy(frontend.join(style), out.join(style)).context("copying frontend/style.css")?;
    let js_name = format!("{OUT_NAME}.js");
    let template = fs::read_to_string(frontend.join("index.html")).context("reading frontend/index.html")?;
    let versioned = |name: &str| -> anyhow::Result<String> {
        let bytes = fs::read(out.join(name)).with_context(|| format!("reading {name}"))?;
        Ok(format!("{name}?v={:012x}", fnv1a(&bytes) >> 16))
    };
    let index = template
        .replace("{{STYLE}}", &versioned(style)?)
        .replace("{{JS}}", &versioned(&js_name)?)
        .replace("{{WASM}}", &versioned(&wasm_name)?);
    fs::write(out.join("index.html"), index)?;
    measure(&wasm)
}

/// Cargo's target directory: `CARGO_TARGET_DIR` when set, else `target/` in the workspace.
fn target_dir(workspace_root: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from) {
        Some(dir) if dir.is_absolute() => dir,
        Some(dir) => workspace_root.join(dir),
        None => workspace_root.join("target"),
    }
}

/// `wasm-opt` from the npm package `binaryen`, installed under `target/npm` on first use.
fn ensure_wasm_opt(workspace_root: &Path) -> anyhow::Result<PathBuf> {
    let prefix = workspace_root.join("target/npm");
    let wasm_opt = prefix.join("node_modules/.bin/wasm-opt");
    if wasm_opt.exists() {
        return Ok(wasm_opt);
    }
    fs::create_dir_all(&prefix)?;
    eprintln!("$ npm install --no-save --prefix {} {BINARYEN}", prefix.display());
    run(Command::new("npm")
        .args(["install", "--no-save", "--no-audit", "--no-fund", "--prefix"])
        .arg(&prefix)
        .arg(BINARYEN))
    .context("installing wasm-opt (npm package binaryen); is npm installed?")?;
    if !wasm_opt.exists() {
        bail!("npm installed {BINARYEN} but {} is missing", wasm_opt.display());
    }
    Ok(wasm_opt)
}

fn measure(wasm: &Path) -> anyhow::Result<WasmSize> {
    let bytes = fs::read(wasm).with_context(|| format!("reading {}", wasm.display()))?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&bytes)?;
    let gzip = gz.finish()?.len();
    Ok(WasmSize { raw: bytes.len() as u64, gzip: gzip as u64 })
}

/// FNV-1a: a content fingerprint for cache busting, not for security.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

fn run(command: &mut Command) -> anyhow::Result<()> {
    let status = command.status().with_context(|| format!("running {:?}", command.get_program()))?;
    if !status.success() {
        bail!("{:?} failed ({status})", command.get_program());
    }
    Ok(())
}
