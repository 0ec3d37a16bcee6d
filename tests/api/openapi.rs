//! The committed spec is what the code generates.

#[test]
fn the_committed_openapi_file_is_what_the_code_generates() {
    let path = tertib_tests::workspace_root().join("openapi/openapi.json");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let generated = tertib::openapi::spec_json().unwrap();
    assert!(
        committed == generated,
        "{} is stale or missing: regenerate it with `cargo xtask openapi` and commit it",
        path.display()
    );
}
