//! Helpers for lifecycle tests: taking a case through its steps, uploading documents, running the
//! daily check the way the scheduler does.

use chrono::NaiveDate;
use serde_json::{json, Value};

use crate::TestApp;

/// The smallest file each accepted type is recognised by (its signature and a little more).
pub const PDF: &[u8] = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01";

impl TestApp {
    /// The worker's cases (newest first).
    pub async fn cases_of(&self, token: &str, worker_id: &str) -> Vec<Value> {
        let res = self.get(&format!("/api/v1/workers/{worker_id}/cases"), token).await;
        assert_eq!(res.status(), 200);
        res.json::<Value>().await.unwrap().as_array().unwrap().clone()
    }

    /// The one case of `kind` the worker has, in full.
    pub async fn case_of(&self, token: &str, worker_id: &str, kind: &str) -> Value {
        let cases = self.cases_of(token, worker_id).await;
        let found: Vec<&Value> = cases.iter().filter(|c| c["kind"] == kind).collect();
        assert_eq!(found.len(), 1, "one {kind} case expected: {cases:?}");
        let id = found[0]["id"].as_str().unwrap();
        self.get(&format!("/api/v1/cases/{id}"), token).await.json().await.unwrap()
    }

    /// Takes a step; answers `(status, body)`.
    pub async fn step(&self, token: &str, case_id: &str, body: Value) -> (u16, Value) {
        let res = self.post(&format!("/api/v1/cases/{case_id}/transitions"), token, &body).await;
        self.json(res).await
    }

    pub async fn tick(&self, token: &str, case_id: &str, key: &str) -> (u16, Value) {
        let res = self.put(&format!("/api/v1/cases/{case_id}/checklist/{key}"), token, &json!({"done": true})).await;
        self.json(res).await
    }

    pub async fn upload(&self, token: &str, case_id: &str, kind: &str, name: &str, bytes: &[u8]) -> (u16, Value) {
        let res = self
            .client
            .post(self.url(&format!("/api/v1/cases/{case_id}/documents?kind={kind}&file_name={name}")))
            .bearer_auth(token)
            .header("Content-Type", "application/octet-stream")
            .body(bytes.to_vec())
            .send()
            .await
            .unwrap();
        self.json(res).await
    }

    /// The worker's current membership status.
    pub async fn membership(&self, token: &str, worker_id: &str) -> String {
        let w: Value = self.get(&format!("/api/v1/workers/{worker_id}"), token).await.json().await.unwrap();
        w["membership_status"].as_str().unwrap().to_string()
    }

    /// Takes a new worker's registration to `completed` (family confirmed, submitted, accepted with
    /// a card number), so the worker is active.
    pub async fn activate(&self, token: &str, worker_id: &str, noka: &str) {
        let case = self.case_of(token, worker_id, "registration").await;
        let id = case["id"].as_str().unwrap();
        assert_eq!(self.tick(token, id, "family_complete").await.0, 200);
        let (status, body) = self.step(token, id, json!({"action": "submit"})).await;
        assert_eq!(status, 200, "{body}");
        let (status, body) = self.step(token, id, json!({"action": "accept", "noka": noka})).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(self.membership(token, worker_id).await, "active");
    }

    /// Runs the daily check for `day` as the scheduler does, on this app's database.
    pub async fn run_daily_check(&self, day: NaiveDate) -> tertib::lifecycle::daily::DailyReport {
        let url = self.db.url.clone();
        actix_rt::task::spawn_blocking(move || {
            let db = tertib::db::Db::connect(&url, 1).unwrap();
            tertib::jobs::run_daily_check(&db, day).unwrap()
        })
        .await
        .unwrap()
    }
}
