//! The route table: every operation in the published spec, called without a token and with each
//! role, must answer exactly as its `security` entry says.

use reqwest::Method;
use serde_json::{json, Value};
use tertib_domain::Role;
use tertib_tests::{db_tests, TestApp};

struct Operation {
    method: Method,
    path: String,
    roles: Option<Vec<Role>>,
    documented: Vec<String>,
}

fn operations(spec: &Value) -> Vec<Operation> {
    let mut ops = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let Ok(method) = method.to_uppercase().parse::<Method>() else { continue };
            let roles = op["security"].as_array().map(|reqs| {
                reqs.iter()
                    .flat_map(|r| r["bearer"].as_array().cloned().unwrap_or_default())
                    .map(|r| Role::parse(r.as_str().unwrap()).unwrap_or_else(|| panic!("unknown role {r} on {path}")))
                    .collect()
            });
            let documented = op["responses"].as_object().unwrap().keys().cloned().collect();
            // Path parameters get an id that exists nowhere: the answer may be 404, never 401/403 confusion.
            let path = path.replace("{id}", "00000000-0000-0000-0000-000000000000");
            ops.push(Operation { method, path, roles, documented });
        }
    }
    ops
}

async fn call(app: &TestApp, op: &Operation, token: Option<&str>) -> (u16, Value) {
    let mut req = app.client.request(op.method.clone(), app.url(&op.path));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    if op.method == Method::POST || op.method == Method::PATCH || op.method == Method::PUT {
        req = req.json(&json!({}));
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn every_route_admits_exactly_the_roles_its_spec_lists(app: TestApp) {
    let spec: Value = app.client.get(app.url("/api/openapi.json")).send().await.unwrap().json().await.unwrap();
    let ops = operations(&spec);
    assert!(ops.len() >= 10, "the spec lists {} operations", ops.len());
    let mut tokens = Vec::new();
    for role in Role::ALL {
        tokens.push((role, app.token_for(role).await));
    }
    let mut protected = 0;
    for op in &ops {
        let name = format!("{} {}", op.method, op.path);
        let Some(roles) = &op.roles else { continue };
        protected += 1;
        assert!(!roles.is_empty(), "{name}: a protected route must list its roles");
        assert!(op.documented.contains(&"401".to_string()), "{name}: 401 undocumented");
        if roles.len() < Role::ALL.len() {
            assert!(op.documented.contains(&"403".to_string()), "{name}: 403 undocumented");
        }
        let (status, body) = call(&app, op, None).await;
        assert_eq!((status, body["code"].as_str()), (401, Some("unauthenticated")), "{name} without a token");
        let (status, _) = call(&app, op, Some("garbage.token.here")).await;
        assert_eq!(status, 401, "{name} with a garbage token");
        for (role, token) in &tokens {
            let (status, body) = call(&app, op, Some(token)).await;
            if roles.contains(role) {
                assert!(status != 401 && status != 403, "{name} as {role:?}: {status} {body}");
            } else {
                assert_eq!((status, body["code"].as_str()), (403, Some("forbidden")), "{name} as {role:?}");
            }
        }
    }
    assert!(protected >= 7, "{protected} protected operations");
}

db_tests!(every_route_admits_exactly_the_roles_its_spec_lists);
