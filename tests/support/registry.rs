//! Builders for worker-registry tests: valid NIKs (assembled by the domain's own function, so they
//! pass every rule) and request bodies.

use chrono::NaiveDate;
use serde_json::{json, Value};
use tertib_domain::nik::Nik;
use tertib_domain::person::Gender;
use tertib_domain::region::DistrictCode;

use crate::TestApp;

/// The family card of the test family (Kebayoran Lama, Jakarta Selatan).
pub const KK: &str = "3174050101100003";
pub const OTHER_KK: &str = "3273010101150007";

/// A NIK issued in Kebayoran Lama (31.74.05) for someone born on `birth` (`YYYY-MM-DD`).
pub fn nik(birth: &str, gender: Gender, serial: u16) -> String {
    let date = NaiveDate::parse_from_str(birth, "%Y-%m-%d").unwrap();
    Nik::assemble(DistrictCode::parse("31.74.05").unwrap(), date, gender, serial).unwrap().into()
}

/// A valid male worker born 12-04-1988, hired 02-01-2020, on the test KK.
pub fn worker(name: &str, serial: u16) -> Value {
    json!({
        "nik": nik("1988-04-12", Gender::Male, serial),
        "kk_number": KK,
        "full_name": name,
        "birth_place": "Jakarta",
        "birth_date": "1988-04-12",
        "gender": "male",
        "marital_status": "married",
        "employee_number": format!("EMP-{serial:04}"),
        "position": "Satpam",
        "employment_status": "pkwt",
        "hire_date": "2020-01-02",
        "wage_base": 6_000_000,
    })
}

/// A family member whose NIK agrees with their birth date and gender.
pub fn member(relation: &str, name: &str, birth: &str, gender: Gender, serial: u16) -> Value {
    json!({
        "relation": relation,
        "nik": nik(birth, gender, serial),
        "full_name": name,
        "birth_date": birth,
        "gender": if gender == Gender::Male { "male" } else { "female" },
    })
}

pub fn wife(serial: u16) -> Value {
    member("wife", "Dewi Lestari", "1990-04-12", Gender::Female, serial)
}

pub fn child(name: &str, birth: &str, serial: u16) -> Value {
    member("child", name, birth, Gender::Male, serial)
}

impl TestApp {
    /// Creates a worker through the API; panics unless it is created. Returns the answer.
    pub async fn create_worker(&self, token: &str, body: &Value) -> Value {
        let res = self.post("/api/v1/workers", token, body).await;
        let status = res.status();
        let answer: Value = res.json().await.unwrap();
        assert_eq!(status, 201, "creating a worker: {answer}");
        answer
    }

    /// Creates a client company through the API and returns it.
    pub async fn create_company(&self, token: &str, code: &str, minimum_wage: Option<i64>) -> Value {
        let res = self
            .post(
                "/api/v1/client-companies",
                token,
                &json!({"code": code, "name": format!("PT {code}"), "minimum_wage": minimum_wage, "regency_code": "31.74"}),
            )
            .await;
        let status = res.status();
        let answer: Value = res.json().await.unwrap();
        assert_eq!(status, 201, "creating a client company: {answer}");
        answer
    }

    pub async fn json(&self, res: reqwest::Response) -> (u16, Value) {
        let status = res.status().as_u16();
        (status, res.json().await.unwrap_or(Value::Null))
    }
}

/// `(field, code)` of each detail of an error answer.
pub fn details(body: &Value) -> Vec<(String, String)> {
    body["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["field"].as_str().unwrap_or("").to_string(), d["code"].as_str().unwrap().to_string()))
        .collect()
}

/// `(field, code)` of a record's saved warnings.
pub fn warnings(record: &Value) -> Vec<(String, String)> {
    record["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["field"].as_str().unwrap_or("").to_string(), d["code"].as_str().unwrap().to_string()))
        .collect()
}
