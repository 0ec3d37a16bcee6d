//! The `client_companies` table: the companies workers are placed with. Never deleted: an
//! inactive company keeps its placements and users.

use chrono::{NaiveDateTime, TimeZone, Utc};
use diesel::prelude::*;
use tertib_domain::registry::{
    parse_regency_code, ClientCompanyDraft, ClientCompanyFields, ClientCompanyView, CompanyRef,
};
use tertib_domain::worker::ValidationSettings;

use super::schema::client_companies;
use super::DbConn;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Insertable, AsChangeset)]
#[diesel(table_name = client_companies, treat_none_as_null = true)]
pub struct ClientCompany {
    pub id: String,
    pub code: String,
    pub name: String,
    pub address: String,
    /// Comma-separated, lower case.
    pub contact_emails: String,
    pub active: bool,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub minimum_wage: Option<i64>,
    /// `PP.RR`.
    pub regency_code: Option<String>,
}

impl ClientCompany {
    pub fn emails(&self) -> Vec<String> {
        self.contact_emails.split(',').filter(|e| !e.is_empty()).map(str::to_string).collect()
    }

    pub fn view(&self) -> ClientCompanyView {
        ClientCompanyView {
            id: self.id.clone(),
            code: self.code.clone(),
            name: self.name.clone(),
            address: self.address.clone(),
            contact_emails: self.emails(),
            minimum_wage: self.minimum_wage,
            regency_code: self.regency_code.clone(),
            regency_name: self
                .regency_code
                .as_deref()
                .and_then(parse_regency_code)
                .and_then(|(p, r)| tertib_domain::region::regency_name(p, r)),
            active: self.active,
            version: self.version,
            created_at: Utc.from_utc_datetime(&self.created_at),
            updated_at: Utc.from_utc_datetime(&self.updated_at),
        }
    }

    pub fn reference(&self) -> CompanyRef {
        CompanyRef { id: self.id.clone(), code: self.code.clone(), name: self.name.clone() }
    }

    /// The company as a draft, to apply a change to.
    pub fn draft(&self) -> ClientCompanyDraft {
        ClientCompanyDraft {
            code: self.code.clone(),
            name: self.name.clone(),
            address: self.address.clone(),
            contact_emails: self.emails(),
            minimum_wage: self.minimum_wage,
            regency_code: self.regency_code.clone(),
        }
    }

    pub fn set_fields(&mut self, fields: ClientCompanyFields) {
        self.code = fields.code;
        self.name = fields.name;
        self.address = fields.address;
        self.contact_emails = fields.contact_emails.join(",");
        self.minimum_wage = fields.minimum_wage;
        self.regency_code = fields.regency_code;
    }

    /// The rules' settings for a worker placed here: the UMK is the minimum wage.
    pub fn validation_settings(&self) -> ValidationSettings {
        ValidationSettings {
            minimum_wage: self.minimum_wage.and_then(tertib_domain::money::Rupiah::new),
            ..ValidationSettings::default()
        }
    }
}

pub fn exists(conn: &mut DbConn, id: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(client_companies::table.find(id))).get_result(conn)
}

pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<ClientCompany>> {
    client_companies::table.find(id).select(ClientCompany::as_select()).first(conn).optional()
}

pub fn find_by_code(conn: &mut DbConn, code: &str) -> QueryResult<Option<ClientCompany>> {
    client_companies::table
        .filter(client_companies::code.eq(code))
        .select(ClientCompany::as_select())
        .first(conn)
        .optional()
}

/// Active companies first, then by name.
pub fn list(conn: &mut DbConn) -> QueryResult<Vec<ClientCompany>> {
    client_companies::table
        .order((client_companies::active.desc(), client_companies::name.asc(), client_companies::id.asc()))
        .select(ClientCompany::as_select())
        .load(conn)
}

/// The companies with these ids (for the short references in lists).
pub fn by_ids(conn: &mut DbConn, ids: &[String]) -> QueryResult<Vec<ClientCompany>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    client_companies::table.filter(client_companies::id.eq_any(ids)).select(ClientCompany::as_select()).load(conn)
}

pub fn insert(conn: &mut DbConn, company: &ClientCompany) -> QueryResult<()> {
    diesel::insert_into(client_companies::table).values(company).execute(conn).map(drop)
}

/// Writes the company if it still has `expected_version`; returns whether it did.
pub fn update_versioned(conn: &mut DbConn, company: &ClientCompany, expected_version: i64) -> QueryResult<bool> {
    let n = diesel::update(
        client_companies::table
            .filter(client_companies::id.eq(&company.id))
            .filter(client_companies::version.eq(expected_version)),
    )
    .set(company)
    .execute(conn)?;
    Ok(n == 1)
}
