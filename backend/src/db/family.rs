//! The `family_members` table. A member is never deleted: removing one sets `removed_at`.

use chrono::{NaiveDate, NaiveDateTime, TimeZone, Utc};
use diesel::prelude::*;
use tertib_domain::family::{Coverage, FamilyMemberDraft, Relation};
use tertib_domain::person::Gender;
use tertib_domain::registry::{mask_number, FamilyMemberView};
use tertib_domain::worker::Citizenship;
use tertib_domain::Lang;

use super::schema::{family_members, workers};
use super::workers::date_text;
use super::{from_code, warnings, DbConn};

#[derive(Debug, Clone, Queryable, QueryableByName, Selectable, Identifiable, Insertable, AsChangeset)]
#[diesel(table_name = family_members, treat_none_as_null = true, treat_none_as_default_value = false)]
pub struct FamilyMember {
    pub id: String,
    pub worker_id: String,
    pub relation: String,
    pub nik: String,
    pub kk_number: Option<String>,
    pub full_name: String,
    pub birth_place: String,
    pub birth_date: NaiveDate,
    pub gender: String,
    pub marital_status: Option<String>,
    pub citizenship: String,
    pub noka: Option<String>,
    pub faskes_code: String,
    pub in_formal_education: bool,
    pub education_until: Option<NaiveDate>,
    pub coverage: String,
    pub warnings_json: String,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub removed_at: Option<NaiveDateTime>,
}

impl FamilyMember {
    pub fn draft(&self) -> FamilyMemberDraft {
        FamilyMemberDraft {
            relation: from_code(&self.relation),
            nik: self.nik.clone(),
            kk_number: self.kk_number.clone().unwrap_or_default(),
            full_name: self.full_name.clone(),
            birth_place: self.birth_place.clone(),
            birth_date: date_text(self.birth_date),
            gender: from_code(&self.gender),
            marital_status: self.marital_status.as_deref().and_then(from_code),
            citizenship: from_code(&self.citizenship).unwrap_or_default(),
            noka: self.noka.clone().unwrap_or_default(),
            faskes_code: self.faskes_code.clone(),
            in_formal_education: self.in_formal_education,
            education_until: self.education_until.map(date_text).unwrap_or_default(),
        }
    }

    pub fn view(&self, full_identity: bool, lang: Lang) -> FamilyMemberView {
        let shown = |n: &str| if full_identity { n.to_string() } else { mask_number(n) };
        FamilyMemberView {
            id: self.id.clone(),
            worker_id: self.worker_id.clone(),
            relation: from_code(&self.relation).unwrap_or(Relation::ExtraChild),
            nik: shown(&self.nik),
            kk_number: self.kk_number.as_deref().map(shown),
            identity_masked: !full_identity,
            full_name: self.full_name.clone(),
            birth_place: self.birth_place.clone(),
            birth_date: self.birth_date,
            gender: from_code(&self.gender).unwrap_or(Gender::Male),
            marital_status: self.marital_status.as_deref().and_then(from_code),
            citizenship: from_code(&self.citizenship).unwrap_or(Citizenship::Wni),
            noka: self.noka.clone(),
            faskes_code: self.faskes_code.clone(),
            in_formal_education: self.in_formal_education,
            education_until: self.education_until,
            coverage: from_code(&self.coverage).unwrap_or(Coverage::NotCovered),
            // Kept apart from the record's editable fields; see `routes::family::with_membership`.
            membership_status: Default::default(),
            membership_since: None,
            warnings: warnings::render(&self.warnings_json, lang),
            version: self.version,
            created_at: Utc.from_utc_datetime(&self.created_at),
            updated_at: Utc.from_utc_datetime(&self.updated_at),
            removed_at: self.removed_at.map(|t| Utc.from_utc_datetime(&t)),
        }
    }
}

pub fn find(conn: &mut DbConn, worker_id: &str, id: &str) -> QueryResult<Option<FamilyMember>> {
    family_members::table
        .filter(family_members::id.eq(id))
        .filter(family_members::worker_id.eq(worker_id))
        .select(FamilyMember::as_select())
        .first(conn)
        .optional()
}

/// An active (not removed) member with this NIK in the family of a worker other than
/// `except_worker`, with that worker's name. Answered from the `family_members_nik` index.
pub fn find_active_by_nik(
    conn: &mut DbConn,
    nik: &str,
    except_worker: Option<&str>,
) -> QueryResult<Option<(FamilyMember, String)>> {
    let mut q = family_members::table
        .inner_join(workers::table)
        .filter(family_members::nik.eq(nik))
        .filter(family_members::removed_at.is_null())
        .into_boxed();
    if let Some(w) = except_worker {
        q = q.filter(family_members::worker_id.ne(w));
    }
    q.order(family_members::id.asc()).select((FamilyMember::as_select(), workers::full_name)).first(conn).optional()
}

/// [`find_active_by_nik`] for many NIKs at once (each given once; any worker), with the worker's name.
pub fn active_by_niks(conn: &mut DbConn, niks: &[&str]) -> QueryResult<Vec<(FamilyMember, String)>> {
    #[derive(QueryableByName)]
    struct Found {
        #[diesel(embed)]
        member: FamilyMember,
        #[diesel(sql_type = diesel::sql_types::Text)]
        worker_name: String,
    }
    let sql = format!(
        "SELECT family_members.*, workers.full_name AS worker_name FROM {} \
         JOIN family_members ON family_members.nik = j.value JOIN workers ON workers.id = family_members.worker_id \
         WHERE family_members.removed_at IS NULL ORDER BY family_members.id",
        super::values_table(conn)
    );
    let found: Vec<Found> = diesel::sql_query(sql)
        .bind::<diesel::sql_types::Text, _>(serde_json::Value::from(niks).to_string())
        .load(conn)?;
    Ok(found.into_iter().map(|f| (f.member, f.worker_name)).collect())
}

/// The worker's members in the order they were added (ids are UUIDv7); removed ones only when
/// asked for.
pub fn list(conn: &mut DbConn, worker_id: &str, include_removed: bool) -> QueryResult<Vec<FamilyMember>> {
    let mut q = family_members::table.filter(family_members::worker_id.eq(worker_id)).into_boxed();
    if !include_removed {
        q = q.filter(family_members::removed_at.is_null());
    }
    q.order(family_members::id.asc()).select(FamilyMember::as_select()).load(conn)
}

pub fn insert(conn: &mut DbConn, member: &FamilyMember) -> QueryResult<()> {
    diesel::insert_into(family_members::table).values(member).execute(conn).map(drop)
}

/// Writes the member if it still has `expected_version`; returns whether it did.
pub fn update_versioned(conn: &mut DbConn, member: &FamilyMember, expected_version: i64) -> QueryResult<bool> {
    let n = diesel::update(
        family_members::table
            .filter(family_members::id.eq(&member.id))
            .filter(family_members::version.eq(expected_version)),
    )
    .set(member)
    .execute(conn)?;
    Ok(n == 1)
}

/// Sets coverage and warnings, which follow from the rest of the family, without a new version.
pub fn set_derived(conn: &mut DbConn, id: &str, coverage: &str, warnings_json: &str) -> QueryResult<()> {
    diesel::update(family_members::table.find(id))
        .set((family_members::coverage.eq(coverage), family_members::warnings_json.eq(warnings_json)))
        .execute(conn)
        .map(drop)
}
