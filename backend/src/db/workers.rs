//! The `workers` table and the history of their family card numbers (`worker_kk_history`).

use chrono::{NaiveDate, NaiveDateTime, TimeZone, Utc};
use diesel::prelude::*;
use diesel::query_builder::QueryFragment;
use tertib_domain::person::Gender;
use tertib_domain::registry::WorkerView;
use tertib_domain::registry::{
    mask_number, name_words, search_key, CompanyRef, KkHistoryEntry, MembershipStatus, SortOrder, WorkerSort,
};
use tertib_domain::worker::{Citizenship, WorkerDraft};
use tertib_domain::Lang;

use super::schema::{worker_kk_history, worker_name_words, workers};
use super::{code_of, from_code, memo, warnings, DbBackend, DbConn};

#[derive(Debug, Clone, Queryable, QueryableByName, Selectable, Identifiable, Insertable, AsChangeset)]
#[diesel(table_name = workers, treat_none_as_null = true, treat_none_as_default_value = false)]
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
    /// Changed only by the membership lifecycle (`db::membership`), never by an edit of the
    /// record, which could otherwise write back a status read before a concurrent step.
    #[diesel(skip_update)]
    pub membership_status: String,
    #[diesel(skip_update)]
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

/// The workers with any of these NIKs (each NIK given once).
pub fn by_niks(conn: &mut DbConn, niks: &[&str]) -> QueryResult<Vec<Worker>> {
    let sql = format!("SELECT workers.* FROM {} JOIN workers ON workers.nik = j.value", super::values_table(conn));
    diesel::sql_query(sql).bind::<diesel::sql_types::Text, _>(serde_json::Value::from(niks).to_string()).load(conn)
}

/// Takes, until the transaction ends, PostgreSQL's advisory lock on giving out NIKs, so two writes
/// giving the same NIK to a worker and to a family member (no unique index spans both tables) take
/// turns: the second sees the first's row. One lock for every NIK, not one per NIK: a registration
/// is short, and a long transaction (an import, `tertib demo`) would fill the server's lock table
/// with one lock per NIK. SQLite needs none: its write transactions start with `BEGIN IMMEDIATE`
/// and so take turns already.
pub fn lock_niks(conn: &mut DbConn) -> QueryResult<()> {
    // "NIK" in ASCII: apart from any other advisory lock.
    const NIK_LOCK: i64 = 0x004e_494b;
    if let DbConn::Postgres(pg) = conn {
        diesel::sql_query("SELECT pg_advisory_xact_lock($1)")
            .bind::<diesel::sql_types::BigInt, _>(NIK_LOCK)
            .execute(pg)?;
    }
    Ok(())
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
    /// `worker_name_words`) that contain all of `q`. When `q` is `one_word`, a name with such a
    /// word contains `q` anyway (every word is part of the name), so the words alone answer.
    Name { low: String, high: String, pattern: String, one_word: bool },
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
        let one_word = !key.contains(' ');
        Some(Search::Name { low: first, high, pattern: format!("%{escaped}%"), one_word })
    }
}

#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub search: Option<Search>,
    pub client_company_id: Option<String>,
    pub membership_status: Option<MembershipStatus>,
    pub employment_status: Option<String>,
}

/// The filters other than a name search.
fn filtered_but_name(f: &Filter) -> workers::BoxedQuery<'_, DbBackend> {
    let mut q = workers::table.into_boxed();
    match &f.search {
        None | Some(Search::Name { .. }) => {}
        Some(Search::Nik(nik)) => q = q.filter(workers::nik.eq(nik)),
        Some(Search::Noka(noka)) => q = q.filter(workers::noka.eq(noka)),
        Some(Search::Code { as_typed, upper }) => {
            q = q.filter(workers::employee_number.eq(as_typed).or(workers::nik.eq(upper)))
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

/// Every filter. For a page read in the order of an index on `workers` (`walk`), a name search is
/// a correlated `EXISTS` on each worker's words, probed on the way; for counting, `id IN` the
/// workers found by the words' index.
fn filtered(f: &Filter, walk: bool) -> workers::BoxedQuery<'_, DbBackend> {
    let mut q = filtered_but_name(f);
    if let Some(Search::Name { low, high, pattern, one_word }) = &f.search {
        if walk {
            let words = worker_name_words::table
                .filter(worker_name_words::worker_id.eq(workers::id))
                .filter(worker_name_words::word.ge(low))
                .filter(worker_name_words::word.lt(high));
            q = q.filter(diesel::dsl::exists(words));
        } else {
            let ids = worker_name_words::table
                .filter(worker_name_words::word.ge(low))
                .filter(worker_name_words::word.lt(high))
                .select(worker_name_words::worker_id);
            q = q.filter(workers::id.eq_any(ids));
        }
        if !one_word {
            q = q.filter(workers::name_search.like(pattern).escape('\\'));
        }
    }
    q
}

/// The page's statement: the matching workers in the order asked for.
fn page_query(f: &Filter, sort: WorkerSort, order: SortOrder, offset: i64, limit: i64) -> PageQuery<'_> {
    let q = filtered(f, true).select(Worker::as_select());
    let q = match (sort, order) {
        (WorkerSort::Name, SortOrder::Asc) => q.order_by((workers::name_search.asc(), workers::id.asc())),
        (WorkerSort::Name, SortOrder::Desc) => q.order_by((workers::name_search.desc(), workers::id.desc())),
        (WorkerSort::HireDate, SortOrder::Asc) => q.order_by((workers::hire_date.asc(), workers::id.asc())),
        (WorkerSort::HireDate, SortOrder::Desc) => q.order_by((workers::hire_date.desc(), workers::id.desc())),
        // Ids are UUIDv7: their order is the order of creation.
        (WorkerSort::CreatedAt, SortOrder::Asc) => q.order_by(workers::id.asc()),
        (WorkerSort::CreatedAt, SortOrder::Desc) => q.order_by(workers::id.desc()),
    };
    q.offset(offset).limit(limit)
}

type PageQuery<'a> = diesel::dsl::Limit<
    diesel::dsl::Offset<
        diesel::dsl::Select<workers::BoxedQuery<'a, DbBackend>, diesel::dsl::AsSelect<Worker, DbBackend>>,
    >,
>;

/// Up to this many workers found by a name's words are read by id and sorted here; more are read
/// in the order of an index, where a page of dense matches is met early.
const FEW_NAME_MATCHES: i64 = 2_000;

/// One page of the matching workers, and how many match in all.
///
/// Counting every match is what a list costs most (a page is 25 rows read from an index; the total
/// may be 100,000), so totals and the sorted matches of a name are remembered (see [`memo`]) for as
/// long as the database has not changed since they were read.
pub fn list(
    conn: &mut DbConn,
    f: &Filter,
    sort: WorkerSort,
    order: SortOrder,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<Worker>, i64)> {
    list_with(conn, &mut Statements::Run, f, sort, order, offset, limit)
}

/// The database's plans for the statements [`list`] issues for this filter, in order and as they
/// are issued (`EXPLAIN` on PostgreSQL, `EXPLAIN QUERY PLAN` on SQLite), each as `(statement,
/// plan lines)`: what `cargo xtask bench registry` shows. The statements are run too, since which
/// follow depends on what they find; nothing remembered is used, so these are the statements of a
/// first reading.
pub fn explain_list(
    conn: &mut DbConn,
    f: &Filter,
    sort: WorkerSort,
    order: SortOrder,
    offset: i64,
    limit: i64,
) -> QueryResult<Vec<(&'static str, Vec<String>)>> {
    let mut statements = Statements::Explain(Vec::new());
    list_with(conn, &mut statements, f, sort, order, offset, limit)?;
    match statements {
        Statements::Explain(plans) => Ok(plans),
        Statements::Run => Ok(Vec::new()),
    }
}

/// Whether [`list_with`] runs its statements (using what is remembered) or explains each too.
enum Statements {
    Run,
    Explain(Vec<(&'static str, Vec<String>)>),
}

impl Statements {
    fn note<Q: QueryFragment<DbBackend>>(&mut self, conn: &mut DbConn, what: &'static str, q: Q) -> QueryResult<()> {
        if let Statements::Explain(plans) = self {
            plans.push((what, explain(conn, q)?));
        }
        Ok(())
    }

    /// The database's present version, to remember by; `None` when explaining.
    fn version(&self, conn: &mut DbConn) -> QueryResult<Option<memo::Version>> {
        match self {
            Statements::Run => memo::version(conn),
            Statements::Explain(_) => Ok(None),
        }
    }
}

fn list_with(
    conn: &mut DbConn,
    statements: &mut Statements,
    f: &Filter,
    sort: WorkerSort,
    order: SortOrder,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<Worker>, i64)> {
    let Some(Search::Name { low, high, one_word, .. }) = &f.search else {
        return page_then_total(conn, statements, f, sort, order, offset, limit);
    };
    let version = statements.version(conn)?;
    let key = format!("{sort:?} {order:?} {f:?}");
    let sorted = match version.as_ref().and_then(|v| memo::get(v, &key)) {
        Some(memo::Memo::Matches(sorted)) => sorted,
        Some(memo::Memo::Total(total)) => {
            return name_page_with_total(conn, statements, version.as_ref(), f, sort, order, offset, limit, total);
        }
        // Nothing (or not this list's kind of entry) remembered.
        _ => {
            // Which workers have a word starting with `q`'s first word: from the words' index.
            let words = || {
                worker_name_words::table
                    .filter(worker_name_words::word.ge(low))
                    .filter(worker_name_words::word.lt(high))
                    .select(worker_name_words::worker_id)
                    .distinct()
                    .limit(FEW_NAME_MATCHES + 1)
            };
            statements.note(conn, "worker ids by word", words())?;
            let ids: Vec<String> = words().load(conn)?;
            if ids.len() as i64 > FEW_NAME_MATCHES {
                // Many: the page in index order, probing each worker's words on the way.
                let only_name = *one_word
                    && f.client_company_id.is_none()
                    && f.membership_status.is_none()
                    && f.employment_status.is_none();
                if !only_name {
                    return page_then_total(conn, statements, f, sort, order, offset, limit);
                }
                // The words alone answer: count them in their index, without reading a worker.
                let total = || {
                    worker_name_words::table
                        .filter(worker_name_words::word.ge(low))
                        .filter(worker_name_words::word.lt(high))
                        .select(diesel::dsl::count(worker_name_words::worker_id).aggregate_distinct())
                };
                statements.note(conn, "total", total())?;
                let total = total().get_result(conn)?;
                if let Some(v) = &version {
                    memo::put(v, &key, memo::Memo::Total(total));
                }
                return name_page_with_total(conn, statements, version.as_ref(), f, sort, order, offset, limit, total);
            }
            // Few: each match's sort key, sorted here.
            let keys = || {
                let mut q = filtered_but_name(f).filter(workers::id.eq_any(&ids));
                if let Some(Search::Name { pattern, one_word: false, .. }) = &f.search {
                    q = q.filter(workers::name_search.like(pattern).escape('\\'));
                }
                q.select((workers::id, workers::name_search, workers::hire_date))
            };
            statements.note(conn, "sort keys of the matches", keys())?;
            let mut matches: Vec<(String, String, NaiveDate)> = keys().load(conn)?;
            matches.sort_by(|a, b| {
                let ascending = match sort {
                    WorkerSort::Name => (&a.1, &a.0).cmp(&(&b.1, &b.0)),
                    WorkerSort::HireDate => (a.2, &a.0).cmp(&(b.2, &b.0)),
                    WorkerSort::CreatedAt => a.0.cmp(&b.0),
                };
                if order == SortOrder::Desc {
                    ascending.reverse()
                } else {
                    ascending
                }
            });
            let sorted: std::sync::Arc<Vec<String>> = std::sync::Arc::new(matches.into_iter().map(|m| m.0).collect());
            if let Some(v) = &version {
                memo::put(v, &key, memo::Memo::Matches(sorted.clone()));
            }
            sorted
        }
    };
    // The page's rows by id.
    let total = sorted.len() as i64;
    let start = usize::try_from(offset.clamp(0, total)).unwrap_or(0);
    let end = usize::try_from(offset.saturating_add(limit).clamp(0, total)).unwrap_or(0);
    let items = rows_by_id(conn, statements, sorted.get(start..end).unwrap_or_default())?;
    Ok((items, total))
}

/// The page, then the total: when the page is not full, nothing follows it, and the total is
/// known without counting (one statement for a search by NIK or card number).
fn page_then_total(
    conn: &mut DbConn,
    statements: &mut Statements,
    f: &Filter,
    sort: WorkerSort,
    order: SortOrder,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<Worker>, i64)> {
    statements.note(conn, "page", page_query(f, sort, order, offset, limit))?;
    let items = page_query(f, sort, order, offset, limit).load(conn)?;
    let n = items.len() as i64;
    if (n > 0 && n < limit) || (n == 0 && offset == 0) {
        return Ok((items, offset + n));
    }
    let version = statements.version(conn)?;
    let key = format!("{f:?}");
    if let Some(memo::Memo::Total(total)) = version.as_ref().and_then(|v| memo::get(v, &key)) {
        return Ok((items, total));
    }
    statements.note(conn, "total", filtered(f, false).count())?;
    let total = filtered(f, false).count().get_result(conn)?;
    if let Some(v) = &version {
        memo::put(v, &key, memo::Memo::Total(total));
    }
    Ok((items, total))
}

/// The page of a name with many matches, the total known: read in index order the first time,
/// then by the ids remembered.
#[expect(clippy::too_many_arguments, reason = "the list's parameters, passed on")]
fn name_page_with_total(
    conn: &mut DbConn,
    statements: &mut Statements,
    version: Option<&memo::Version>,
    f: &Filter,
    sort: WorkerSort,
    order: SortOrder,
    offset: i64,
    limit: i64,
    total: i64,
) -> QueryResult<(Vec<Worker>, i64)> {
    if offset >= total {
        return Ok((Vec::new(), total));
    }
    let key = format!("{sort:?} {order:?} {f:?} {offset} {limit}");
    if let Some(memo::Memo::Matches(ids)) = version.and_then(|v| memo::get(v, &key)) {
        return Ok((rows_by_id(conn, statements, &ids)?, total));
    }
    statements.note(conn, "page", page_query(f, sort, order, offset, limit))?;
    let items = page_query(f, sort, order, offset, limit).load(conn)?;
    if let Some(v) = version {
        memo::put(v, &key, memo::Memo::Matches(std::sync::Arc::new(items.iter().map(|w| w.id.clone()).collect())));
    }
    Ok((items, total))
}

/// These workers, in this order.
fn rows_by_id(conn: &mut DbConn, statements: &mut Statements, ids: &[String]) -> QueryResult<Vec<Worker>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = || workers::table.filter(workers::id.eq_any(ids)).select(Worker::as_select());
    statements.note(conn, "page by id", rows())?;
    let mut items: Vec<Worker> = rows().load(conn)?;
    items.sort_by_key(|w| ids.iter().position(|id| *id == w.id));
    Ok(items)
}

fn explain<Q: QueryFragment<DbBackend>>(conn: &mut DbConn, query: Q) -> QueryResult<Vec<String>> {
    use diesel::sql_types::{Integer, Text};
    if matches!(conn, DbConn::Postgres(_)) {
        return Explain::<Q, Text> { query, prefix: "EXPLAIN ", row: std::marker::PhantomData }.load(conn);
    }
    let rows: Vec<(i32, i32, i32, String)> = Explain::<Q, (Integer, Integer, Integer, Text)> {
        query,
        prefix: "EXPLAIN QUERY PLAN ",
        row: std::marker::PhantomData,
    }
    .load(conn)?;
    // Indented by depth, as the sqlite3 shell prints it.
    let depth = |mut parent: i32| {
        let mut d = 0;
        while let Some(p) = rows.iter().find(|r| r.0 == parent) {
            d += 1;
            parent = p.1;
        }
        d
    };
    Ok(rows.iter().map(|(_, parent, _, detail)| format!("{}{detail}", "  ".repeat(depth(*parent)))).collect())
}

/// A query prefixed with `EXPLAIN`: the same SQL and binds the backend sends, planned instead of run.
struct Explain<Q, ST> {
    query: Q,
    prefix: &'static str,
    row: std::marker::PhantomData<ST>,
}

impl<Q: QueryFragment<DbBackend>, ST> QueryFragment<DbBackend> for Explain<Q, ST> {
    fn walk_ast<'b>(&'b self, mut pass: diesel::query_builder::AstPass<'_, 'b, DbBackend>) -> QueryResult<()> {
        pass.push_sql(self.prefix);
        self.query.walk_ast(pass.reborrow())
    }
}

impl<Q, ST> diesel::query_builder::QueryId for Explain<Q, ST> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Q, ST: 'static> diesel::query_builder::Query for Explain<Q, ST> {
    type SqlType = ST;
}

impl<Q, ST> RunQueryDsl<DbConn> for Explain<Q, ST> {}

pub fn count(conn: &mut DbConn) -> QueryResult<i64> {
    workers::table.count().get_result(conn)
}

/// The text stored for an employment status filter.
pub fn employment_code(status: tertib_domain::worker::EmploymentStatus) -> String {
    code_of(&status)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = worker_kk_history, treat_none_as_default_value = false)]
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_is_read_as_nik_card_number_code_or_name() {
        assert_eq!(Search::parse(" 3174 0512 0488 0001 "), Some(Search::Nik("3174051204880001".into())));
        assert_eq!(Search::parse("0001234567890"), Some(Search::Noka("0001234567890".into())));
        assert_eq!(
            Search::parse("trt-2024"),
            Some(Search::Code { as_typed: "trt-2024".into(), upper: "TRT-2024".into() })
        );
        assert_eq!(Search::parse("  "), None);
        let Some(Search::Name { low, high, pattern, one_word }) = Search::parse("Nur'aini") else { panic!("a name") };
        assert_eq!((low.as_str(), pattern.as_str(), one_word), ("nur'aini", "%nur'aini%", true));
        assert!(high.starts_with("nur'aini") && high > low);
        // Two words: found by the first, and the whole of `q` must be in the name (`%` and `_`
        // taken as typed).
        let Some(Search::Name { low, pattern, one_word, .. }) = Search::parse("Budi  San_to%") else {
            panic!("a name")
        };
        assert_eq!((low.as_str(), pattern.as_str(), one_word), ("budi", "%budi san\\_to\\%%", false));
    }
}
