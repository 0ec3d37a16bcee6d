//! The `workers` table and the history of their family card numbers (`worker_kk_history`).

use chrono::{NaiveDate, NaiveDateTime, TimeZone, Utc};
use diesel::prelude::*;
use tertib_domain::person::Gender;
use tertib_domain::registry::WorkerView;
use tertib_domain::registry::{
    mask_number, name_words, search_key, CompanyRef, KkHistoryEntry, MembershipStatus, SortOrder, WorkerSort,
};
use tertib_domain::worker::{Citizenship, WorkerDraft};
use tertib_domain::Lang;

use super::schema::{worker_kk_history, worker_name_words, workers};
use super::{code_of, from_code, warnings, DbBackend, DbConn};

#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Insertable, AsChangeset)]
#[diesel(table_name = workers, treat_none_as_null = true)]
pub struct Worker {
    pub id: String,
    /// 16 digits, or a foreigner's KITAS/KITAP number.
    pub nik: String,
    pub kk_number: Option<String>,
    pub full_name: String,
    pub name_search: String,
    pub birth_place: String,
    pub birth_date: NaiveDate,
    pub gender: String,
    pub marital_status: Option<String>,
    pub citizenship: String,
    pub address: String,
    pub district_code: String,
    pub village_code: String,
    pub phone: String,
    pub email: String,
    pub employee_number: String,
    pub position: String,
    pub employment_status: Option<String>,
    pub hire_date: NaiveDate,
    pub termination_date: Option<NaiveDate>,
    pub termination_reason: Option<String>,
    pub wage_base: i64,
    pub noka: Option<String>,
    pub faskes_code: String,
    pub client_company_id: Option<String>,
    pub membership_status: String,
    pub membership_since: Option<NaiveDate>,
    pub warnings_json: String,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub(crate) fn date_text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

impl Worker {
    /// The stored worker as a draft (without family members), to apply a change to and check.
    pub fn draft(&self) -> WorkerDraft {
        WorkerDraft {
            nik: self.nik.clone(),
            kk_number: self.kk_number.clone().unwrap_or_default(),
            full_name: self.full_name.clone(),
            birth_place: self.birth_place.clone(),
            birth_date: date_text(self.birth_date),
            gender: from_code(&self.gender),
            marital_status: self.marital_status.as_deref().and_then(from_code),
            citizenship: from_code(&self.citizenship).unwrap_or_default(),
            address: self.address.clone(),
            district_code: self.district_code.clone(),
            village_code: self.village_code.clone(),
            phone: self.phone.clone(),
            email: self.email.clone(),
            employee_number: self.employee_number.clone(),
            position: self.position.clone(),
            employment_status: self.employment_status.as_deref().and_then(from_code),
            hire_date: date_text(self.hire_date),
            termination_date: self.termination_date.map(date_text).unwrap_or_default(),
            termination_reason: self.termination_reason.as_deref().and_then(from_code),
            wage_base: Some(self.wage_base),
            noka: self.noka.clone().unwrap_or_default(),
            faskes_code: self.faskes_code.clone(),
            family: Vec::new(),
        }
    }

    pub fn membership(&self) -> MembershipStatus {
        MembershipStatus::parse(&self.membership_status).unwrap_or_default()
    }

    /// The worker as the API answers, NIK and KK masked unless `full_identity`.
    pub fn view(&self, company: Option<CompanyRef>, full_identity: bool, lang: Lang) -> WorkerView {
        let shown = |n: &str| if full_identity { n.to_string() } else { mask_number(n) };
        WorkerView {
            id: self.id.clone(),
            nik: shown(&self.nik),
            kk_number: self.kk_number.as_deref().map(shown),
            identity_masked: !full_identity,
            full_name: self.full_name.clone(),
            birth_place: self.birth_place.clone(),
            birth_date: self.birth_date,
            gender: from_code(&self.gender).unwrap_or(Gender::Male),
            marital_status: self.marital_status.as_deref().and_then(from_code),
            citizenship: from_code(&self.citizenship).unwrap_or(Citizenship::Wni),
            address: self.address.clone(),
            district_code: self.district_code.clone(),
            village_code: self.village_code.clone(),
            phone: self.phone.clone(),
            email: self.email.clone(),
            employee_number: self.employee_number.clone(),
            position: self.position.clone(),
            employment_status: self.employment_status.as_deref().and_then(from_code),
            hire_date: self.hire_date,
            termination_date: self.termination_date,
            termination_reason: self.termination_reason.as_deref().and_then(from_code),
            wage_base: self.wage_base,
            noka: self.noka.clone(),
            faskes_code: self.faskes_code.clone(),
            membership_status: self.membership(),
            membership_since: self.membership_since,
            client_company: company,
            warnings: warnings::render(&self.warnings_json, lang),
            version: self.version,
            created_at: Utc.from_utc_datetime(&self.created_at),
            updated_at: Utc.from_utc_datetime(&self.updated_at),
        }
    }
}

pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<Worker>> {
    workers::table.find(id).select(Worker::as_select()).first(conn).optional()
}

/// The worker holding this NIK (or stay-permit number), as stored (normalised).
pub fn find_by_nik(conn: &mut DbConn, nik: &str) -> QueryResult<Option<Worker>> {
    workers::table.filter(workers::nik.eq(nik)).select(Worker::as_select()).first(conn).optional()
}

pub fn insert(conn: &mut DbConn, worker: &Worker) -> QueryResult<()> {
    diesel::insert_into(workers::table).values(worker).execute(conn).map(drop)
}

/// Writes the worker if it still has `expected_version`; returns whether it did.
pub fn update_versioned(conn: &mut DbConn, worker: &Worker, expected_version: i64) -> QueryResult<bool> {
    let n =
        diesel::update(workers::table.filter(workers::id.eq(&worker.id)).filter(workers::version.eq(expected_version)))
            .set(worker)
            .execute(conn)?;
    Ok(n == 1)
}

/// Sets what is derived from other records (warnings, current company) without a new version:
/// someone editing the worker meanwhile does not conflict with it.
pub fn set_derived(
    conn: &mut DbConn,
    id: &str,
    warnings_json: &str,
    client_company_id: Option<&str>,
) -> QueryResult<()> {
    diesel::update(workers::table.find(id))
        .set((workers::warnings_json.eq(warnings_json), workers::client_company_id.eq(client_company_id)))
        .execute(conn)
        .map(drop)
}

/// Sets where the worker stands with BPJS (the registration and deactivation flows do; so does
/// `tertib demo`).
pub fn set_membership(
    conn: &mut DbConn,
    id: &str,
    status: MembershipStatus,
    since: Option<NaiveDate>,
) -> QueryResult<()> {
    diesel::update(workers::table.find(id))
        .set((workers::membership_status.eq(status.as_str()), workers::membership_since.eq(since)))
        .execute(conn)
        .map(drop)
}

/// Replaces the words the worker's name is found by.
pub fn set_name_words(conn: &mut DbConn, worker_id: &str, name_search: &str) -> QueryResult<()> {
    diesel::delete(worker_name_words::table.filter(worker_name_words::worker_id.eq(worker_id))).execute(conn)?;
    for word in name_words(name_search) {
        diesel::insert_into(worker_name_words::table)
            .values((worker_name_words::word.eq(word), worker_name_words::worker_id.eq(worker_id)))
            .execute(conn)?;
    }
    Ok(())
}

/// What the list's `q` asks for. Every kind is answered from an index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Search {
    /// A full NIK: exact match only (a prefix would let anyone enumerate birth dates).
    Nik(String),
    /// A BPJS card number.
    Noka(String),
    /// Has a digit, so it is no name: an employee number or a stay-permit number, exactly.
    Code { as_typed: String, upper: String },
    /// Part of a name: names with a word starting with the first word of `q` (an index range on
    /// `worker_name_words`) that contain all of `q`.
    Name { low: String, high: String, pattern: String },
}

impl Search {
    /// Reads `q`: 16 digits are a NIK, 13 digits a card number, anything else with a digit an
    /// employee number, the rest a name.
    pub fn parse(q: &str) -> Option<Search> {
        let q = q.trim();
        if q.is_empty() {
            return None;
        }
        let digits: String = q.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.bytes().all(|b| b.is_ascii_digit()) {
            match digits.len() {
                16 => return Some(Search::Nik(digits)),
                13 => return Some(Search::Noka(digits)),
                _ => {}
            }
        }
        if q.chars().any(|c| c.is_numeric()) {
            return Some(Search::Code { as_typed: q.to_string(), upper: digits.to_uppercase() });
        }
        let key = search_key(q);
        let first = key.split(' ').next().unwrap_or_default().to_string();
        let escaped: String = key
            .chars()
            .flat_map(|c| match c {
                '\\' | '%' | '_' => vec!['\\', c],
                c => vec![c],
            })
            .collect();
        // Every word starting with `first` sorts between `first` and `first` + the last code point.
        let high = format!("{first}{}", char::MAX);
        Some(Search::Name { low: first, high, pattern: format!("%{escaped}%") })
    }
}

#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub search: Option<Search>,
    pub client_company_id: Option<String>,
    pub membership_status: Option<MembershipStatus>,
    pub employment_status: Option<String>,
}

fn filtered(f: &Filter) -> workers::BoxedQuery<'_, DbBackend> {
    let mut q = workers::table.into_boxed();
    match &f.search {
        None => {}
        Some(Search::Nik(nik)) => q = q.filter(workers::nik.eq(nik)),
        Some(Search::Noka(noka)) => q = q.filter(workers::noka.eq(noka)),
        Some(Search::Code { as_typed, upper }) => {
            q = q.filter(workers::employee_number.eq(as_typed).or(workers::nik.eq(upper)))
        }
        Some(Search::Name { low, high, pattern }) => {
            let ids = worker_name_words::table
                .filter(worker_name_words::word.ge(low))
                .filter(worker_name_words::word.lt(high))
                .select(worker_name_words::worker_id);
            q = q.filter(workers::id.eq_any(ids)).filter(workers::name_search.like(pattern).escape('\\'));
        }
    }
    if let Some(c) = &f.client_company_id {
        q = q.filter(workers::client_company_id.eq(c));
    }
    if let Some(m) = f.membership_status {
        q = q.filter(workers::membership_status.eq(m.as_str()));
    }
    if let Some(e) = &f.employment_status {
        q = q.filter(workers::employment_status.eq(e));
    }
    q
}

/// One page of the matching workers, and how many match in all.
pub fn list(
    conn: &mut DbConn,
    f: &Filter,
    sort: WorkerSort,
    order: SortOrder,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<Worker>, i64)> {
    let total: i64 = filtered(f).count().get_result(conn)?;
    if total == 0 || offset >= total {
        return Ok((Vec::new(), total));
    }
    let q = filtered(f).select(Worker::as_select());
    let q = match (sort, order) {
        (WorkerSort::Name, SortOrder::Asc) => q.order_by((workers::name_search.asc(), workers::id.asc())),
        (WorkerSort::Name, SortOrder::Desc) => q.order_by((workers::name_search.desc(), workers::id.desc())),
        (WorkerSort::HireDate, SortOrder::Asc) => q.order_by((workers::hire_date.asc(), workers::id.asc())),
        (WorkerSort::HireDate, SortOrder::Desc) => q.order_by((workers::hire_date.desc(), workers::id.desc())),
        // Ids are UUIDv7: their order is the order of creation.
        (WorkerSort::CreatedAt, SortOrder::Asc) => q.order_by(workers::id.asc()),
        (WorkerSort::CreatedAt, SortOrder::Desc) => q.order_by(workers::id.desc()),
    };
    let items = q.offset(offset).limit(limit).load(conn)?;
    Ok((items, total))
}

pub fn count(conn: &mut DbConn) -> QueryResult<i64> {
    workers::table.count().get_result(conn)
}

/// The text stored for an employment status filter.
pub fn employment_code(status: tertib_domain::worker::EmploymentStatus) -> String {
    code_of(&status)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = worker_kk_history)]
pub struct KkHistory {
    pub id: String,
    pub worker_id: String,
    pub kk_number: String,
    pub valid_from: Option<NaiveDate>,
    pub recorded_at: NaiveDateTime,
    pub recorded_by: String,
}

impl KkHistory {
    pub fn view(&self, full_identity: bool) -> KkHistoryEntry {
        KkHistoryEntry {
            kk_number: if full_identity { self.kk_number.clone() } else { mask_number(&self.kk_number) },
            identity_masked: !full_identity,
            valid_from: self.valid_from,
            recorded_at: Utc.from_utc_datetime(&self.recorded_at),
            recorded_by: self.recorded_by.clone(),
        }
    }
}

pub fn insert_kk(conn: &mut DbConn, entry: &KkHistory) -> QueryResult<()> {
    diesel::insert_into(worker_kk_history::table).values(entry).execute(conn).map(drop)
}

/// The worker's family card numbers, newest first.
pub fn kk_history(conn: &mut DbConn, worker_id: &str) -> QueryResult<Vec<KkHistory>> {
    worker_kk_history::table
        .filter(worker_kk_history::worker_id.eq(worker_id))
        .order((worker_kk_history::recorded_at.desc(), worker_kk_history::id.desc()))
        .select(KkHistory::as_select())
        .load(conn)
}
