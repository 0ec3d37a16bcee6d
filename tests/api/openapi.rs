//! The committed files made from code (the OpenAPI spec, the written SOP) are what the code
//! generates now.

#[test]
fn the_committed_openapi_file_is_what_the_code_generates() {
    let path = tertib_tests::workspace_root().join("openapi/openapi.json");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let generated = tertib::openapi::spec_json().unwrap();
    assert!(
        committed == generated,
        "{} is stale or missing: regenerate it with `cargo xtask generate` and commit it",
        path.display()
    );
}

#[test]
fn the_committed_sop_is_what_the_rules_print() {
    for (lang, path) in tertib_domain::lifecycle::sop::COMMITTED {
        let path = tertib_tests::workspace_root().join(path);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == tertib_domain::lifecycle::sop::committed_markdown(lang),
            "{} is stale or missing: regenerate it with `cargo xtask generate` and commit it",
            path.display()
        );
    }
}

#[test]
fn the_committed_portal_contract_is_what_the_code_generates() {
    let path = tertib_tests::workspace_root().join("openapi/portal.json");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == tertib::openapi::portal_spec_json().unwrap(),
        "{} is stale or missing: regenerate it with `cargo xtask generate` and commit it",
        path.display()
    );
}
