//! A worker's family members and who of them the worker's contribution covers.
//!
//! Covered (Perpres 82/2018 as amended): the lawful spouse and up to three children, a child being
//! unmarried and under 21, or under 25 while in formal education. Everyone else the worker registers
//! (a 4th or later child, father, mother, parents-in-law) is an extra member at +1% of the wage
//! each, paid by the worker. When a covered child ages out, the next child takes the free place,
//! so children are ranked by birth date among those still eligible.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::kk::NoKk;
use crate::person::{age_on, check_date, format_date, required, string_or_null, Gender, MaritalStatus};
use crate::worker::{check_person, Citizenship, PersonFields, ValidationSettings, WorkerDraft};
use crate::{Finding, Lang};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    Husband,
    Wife,
    Child,
    /// Extra member.
    Father,
    /// Extra member.
    Mother,
    /// Extra member: father or mother of the spouse.
    ParentInLaw,
    /// Extra member: a child beyond the third.
    ExtraChild,
}

impl Relation {
    pub const ALL: [Relation; 7] = [
        Relation::Husband,
        Relation::Wife,
        Relation::Child,
        Relation::Father,
        Relation::Mother,
        Relation::ParentInLaw,
        Relation::ExtraChild,
    ];

    pub fn is_spouse(self) -> bool {
        matches!(self, Relation::Husband | Relation::Wife)
    }

    pub fn is_child(self) -> bool {
        matches!(self, Relation::Child | Relation::ExtraChild)
    }

    /// The gender the relation implies, if it implies one.
    pub fn gender(self) -> Option<Gender> {
        match self {
            Relation::Husband | Relation::Father => Some(Gender::Male),
            Relation::Wife | Relation::Mother => Some(Gender::Female),
            _ => None,
        }
    }

    /// The "Kode HubKel" of the e-Dabu form: 2 husband, 3 wife, 4 child, 5 extra.
    pub fn edabu_code(self) -> u8 {
        match self {
            Relation::Husband => 2,
            Relation::Wife => 3,
            Relation::Child => 4,
            Relation::Father | Relation::Mother | Relation::ParentInLaw | Relation::ExtraChild => 5,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Relation::Husband => lang.pick("suami", "husband"),
            Relation::Wife => lang.pick("istri", "wife"),
            Relation::Child => lang.pick("anak", "child"),
            Relation::Father => lang.pick("ayah", "father"),
            Relation::Mother => lang.pick("ibu", "mother"),
            Relation::ParentInLaw => lang.pick("mertua", "parent-in-law"),
            Relation::ExtraChild => lang.pick("anak ke-4 dst.", "4th or later child"),
        }
    }
}

/// A family member as typed or sent. Every field may be missing or `null`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct FamilyMemberDraft {
    pub relation: Option<Relation>,
    #[serde(deserialize_with = "string_or_null")]
    pub nik: String,
    /// Empty means the worker's KK. Spouse and children normally share it.
    #[serde(deserialize_with = "string_or_null")]
    pub kk_number: String,
    #[serde(deserialize_with = "string_or_null")]
    pub full_name: String,
    #[serde(deserialize_with = "string_or_null")]
    pub birth_place: String,
    #[serde(deserialize_with = "string_or_null")]
    pub birth_date: String,
    pub gender: Option<Gender>,
    pub marital_status: Option<MaritalStatus>,
    pub citizenship: Citizenship,
    #[serde(deserialize_with = "string_or_null")]
    pub noka: String,
    #[serde(deserialize_with = "string_or_null")]
    pub faskes_code: String,
    /// A child aged 21-24 is covered only while still in formal education.
    pub in_formal_education: bool,
    /// Expected end of that education.
    #[serde(deserialize_with = "string_or_null")]
    pub education_until: String,
}

/// Whether the worker's contribution covers a family member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    /// Covered by the worker's 5%.
    Covered,
    /// Extra member: +1% of the wage, paid by the worker.
    Extra,
    /// Cannot be registered through this worker (a child too old or married, a second spouse, no
    /// relation given).
    NotCovered,
}

/// The findings about a family, and the coverage of each member in the order given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FamilyReview {
    pub findings: Vec<Finding>,
    pub coverage: Vec<Coverage>,
}

impl FamilyReview {
    /// Extra members, each adding a contribution of 1% of the wage.
    pub fn extra_members(&self) -> u32 {
        self.coverage.iter().filter(|c| **c == Coverage::Extra).count() as u32
    }
}

fn member_field(i: usize, name: &str) -> String {
    format!("family[{i}].{name}")
}

/// Checks every member and the family as a whole against the worker, and classifies each member.
/// The worker's own `family` field is not read: pass the members to check (the draft's, or the
/// stored ones with a new one added). Findings name `family[i].field`, `i` counting from 0 in
/// `family`.
pub fn validate_family(
    worker: &WorkerDraft,
    family: &[FamilyMemberDraft],
    today: NaiveDate,
    settings: &ValidationSettings,
) -> FamilyReview {
    let worker_nik: String = worker.nik.chars().filter(|c| !c.is_whitespace()).collect();
    let worker_kk = NoKk::parse(&worker.kk_number).ok();
    let worker_birth = crate::person::parse_date(&worker.birth_date);
    let mut out = Vec::new();
    let mut coverage = vec![Coverage::NotCovered; family.len()];
    let mut seen_niks: Vec<(String, usize)> = Vec::new();
    let mut spouses = 0usize;
    let (mut fathers, mut mothers) = (0usize, 0usize);
    // (birth date, index) of children who may be covered
    let mut eligible_children: Vec<(Option<NaiveDate>, usize)> = Vec::new();

    for (i, m) in family.iter().enumerate() {
        let prefix = format!("family[{i}].");
        let person = check_person(
            &prefix,
            PersonFields {
                nik: &m.nik,
                full_name: &m.full_name,
                birth_place: &m.birth_place,
                birth_date: &m.birth_date,
                gender: m.gender,
                citizenship: m.citizenship,
                kk_number: &m.kk_number,
                kk_required: false,
                noka: &m.noka,
                faskes_code: &m.faskes_code,
            },
            today,
            &mut out,
        );

        let id = person.id_number.clone();
        if !id.is_empty() {
            if id == worker_nik {
                out.push(Finding::error(
                    member_field(i, "nik"),
                    "nik_same_as_worker",
                    "NIK anggota keluarga sama dengan NIK pekerja.",
                    "The family member's NIK is the worker's NIK.",
                ));
            } else if let Some((_, j)) = seen_niks.iter().find(|(n, _)| *n == id) {
                out.push(Finding::error(
                    member_field(i, "nik"),
                    "nik_duplicate_in_family",
                    format!("NIK ini sudah dipakai anggota keluarga ke-{}.", j + 1),
                    format!("This NIK is already used by family member no. {}.", j + 1),
                ));
            } else {
                seen_niks.push((id, i));
            }
        }

        let Some(relation) = m.relation else {
            out.push(required(&member_field(i, "relation")));
            continue;
        };

        if let (Some(want), Some(got)) = (relation.gender(), m.gender) {
            if want != got {
                out.push(Finding::error(
                    member_field(i, "relation"),
                    "relation_gender_mismatch",
                    format!(
                        "Hubungan {} tidak sesuai dengan jenis kelamin {}.",
                        relation.label(Lang::Id),
                        got.label(Lang::Id)
                    ),
                    format!(
                        "The relation {} does not match the gender {}.",
                        relation.label(Lang::En),
                        got.label(Lang::En)
                    ),
                ));
            }
        }

        let shares_kk = relation.is_spouse() || relation.is_child();
        if let (true, Some(kk), Some(worker_kk)) = (shares_kk, &person.kk, &worker_kk) {
            if kk != worker_kk {
                out.push(Finding::warning(
                    member_field(i, "kk_number"),
                    "kk_differs_from_worker",
                    "Nomor KK berbeda dengan KK pekerja. Suami/istri dan anak biasanya satu KK dengan pekerja; BPJS menggabungkan keluarga berdasarkan nomor KK.",
                    "The family card number differs from the worker's. Spouse and children usually share the worker's KK; BPJS groups a family by KK number.",
                ));
            }
        }

        let age = person.birth_date.map(|b| age_on(b, today));
        match relation {
            Relation::Husband | Relation::Wife => {
                check_spouse(i, relation, m, worker, spouses, &mut out, &mut coverage);
                spouses += 1;
            }
            Relation::Father | Relation::Mother | Relation::ParentInLaw => {
                coverage[i] = Coverage::Extra;
                let count = match relation {
                    Relation::Father => {
                        fathers += 1;
                        fathers
                    }
                    Relation::Mother => {
                        mothers += 1;
                        mothers
                    }
                    _ => 0,
                };
                if count > 1 {
                    // A stepfather next to a father is possible, though rarely meant: ask, do not refuse.
                    out.push(Finding::warning(
                        member_field(i, "relation"),
                        "relation_duplicate",
                        format!(
                            "Lebih dari satu {} didaftarkan: periksa apakah ini data ganda.",
                            relation.label(Lang::Id)
                        ),
                        format!("More than one {} is registered: check for a duplicate.", relation.label(Lang::En)),
                    ));
                }
                if relation != Relation::ParentInLaw {
                    if let (Some(b), Some(wb)) = (person.birth_date, worker_birth) {
                        if b >= wb {
                            out.push(Finding::warning(
                                member_field(i, "birth_date"),
                                "parent_younger_than_worker",
                                "Orang tua lahir setelah pekerja. Periksa tanggal lahir atau hubungan keluarga.",
                                "The parent was born after the worker. Check the birth date or the relation.",
                            ));
                        }
                    }
                }
            }
            Relation::Child | Relation::ExtraChild => {
                if let (Some(b), Some(wb)) = (person.birth_date, worker_birth) {
                    if b <= wb {
                        out.push(Finding::warning(
                            member_field(i, "birth_date"),
                            "child_older_than_worker",
                            "Anak lahir sebelum pekerja. Periksa tanggal lahir atau hubungan keluarga.",
                            "The child was born before the worker. Check the birth date or the relation.",
                        ));
                    }
                }
                if child_is_eligible(i, m, age, today, settings, &mut out) {
                    eligible_children.push((person.birth_date, i));
                }
            }
        }
    }

    // Oldest first; a child without a readable birth date goes last.
    eligible_children.sort_by_key(|(birth, i)| (birth.is_none(), *birth, *i));
    for (rank, (_, i)) in eligible_children.into_iter().enumerate() {
        let covered = rank < settings.covered_children;
        coverage[i] = if covered { Coverage::Covered } else { Coverage::Extra };
        match (family[i].relation, covered) {
            (Some(Relation::Child), false) => out.push(Finding::warning(
                member_field(i, "relation"),
                "child_is_extra",
                format!(
                    "Hanya {} anak yang ditanggung: anak ini didaftarkan sebagai anggota keluarga tambahan (iuran +1% upah, dibayar pekerja).",
                    settings.covered_children
                ),
                format!(
                    "Only {} children are covered: this child is registered as an extra member (+1% of the wage, paid by the worker).",
                    settings.covered_children
                ),
            )),
            (Some(Relation::ExtraChild), true) => out.push(Finding::warning(
                member_field(i, "relation"),
                "extra_child_is_covered",
                format!(
                    "Anak ini termasuk {} anak yang ditanggung (tanpa iuran tambahan), bukan anggota keluarga tambahan.",
                    settings.covered_children
                ),
                format!(
                    "This child is among the {} covered children (no extra contribution), not an extra member.",
                    settings.covered_children
                ),
            )),
            _ => {}
        }
    }

    if spouses > 0 && worker.marital_status.is_some_and(|s| s != MaritalStatus::Married) {
        out.push(Finding::warning(
            "marital_status",
            "marital_status_conflicts_with_spouse",
            "Status kawin pekerja bukan \u{201c}kawin\u{201d}, tetapi suami/istri didaftarkan.",
            "The worker's marital status is not \u{201c}married\u{201d}, but a spouse is registered.",
        ));
    }

    FamilyReview { findings: out, coverage }
}

fn check_spouse(
    i: usize,
    relation: Relation,
    m: &FamilyMemberDraft,
    worker: &WorkerDraft,
    spouses_before: usize,
    out: &mut Vec<Finding>,
    coverage: &mut [Coverage],
) {
    // Indonesian marriage law knows husband and wife only: a husband's spouse is his wife.
    let worker_fits = !matches!(
        (relation, worker.gender),
        (Relation::Husband, Some(Gender::Male)) | (Relation::Wife, Some(Gender::Female))
    );
    if !worker_fits {
        out.push(Finding::error(
            member_field(i, "relation"),
            "spouse_relation_worker_gender",
            format!(
                "Pekerja {} tidak dapat memiliki {}: periksa hubungan keluarga atau jenis kelamin pekerja.",
                worker.gender.map_or("", |g| g.label(Lang::Id)),
                relation.label(Lang::Id)
            ),
            format!(
                "A {} worker cannot have a {}: check the relation or the worker's gender.",
                worker.gender.map_or("", |g| g.label(Lang::En)),
                relation.label(Lang::En)
            ),
        ));
    }
    if m.marital_status.is_some_and(|s| s != MaritalStatus::Married) {
        out.push(Finding::warning(
            member_field(i, "marital_status"),
            "spouse_not_married",
            "Status kawin suami/istri bukan \u{201c}kawin\u{201d}.",
            "The spouse's marital status is not \u{201c}married\u{201d}.",
        ));
    }
    if spouses_before == 0 {
        coverage[i] = Coverage::Covered;
    } else if relation == Relation::Husband {
        out.push(Finding::error(
            member_field(i, "relation"),
            "spouse_duplicate",
            "Hanya satu suami yang dapat didaftarkan.",
            "Only one husband can be registered.",
        ));
    } else {
        out.push(Finding::warning(
            member_field(i, "relation"),
            "additional_wife_not_covered",
            "Hanya satu istri yang ditanggung iuran pekerja; istri berikutnya tidak dapat didaftarkan melalui pekerja ini.",
            "Only one wife is covered by the worker's contribution; a further wife cannot be registered through this worker.",
        ));
    }
}

/// Whether a child may be covered (or be an extra member); warns when not.
fn child_is_eligible(
    i: usize,
    m: &FamilyMemberDraft,
    age: Option<u32>,
    today: NaiveDate,
    settings: &ValidationSettings,
    out: &mut Vec<Finding>,
) -> bool {
    let until = match check_date(&member_field(i, "education_until"), &m.education_until) {
        Ok(d) => d,
        Err(f) => {
            out.push(f);
            None
        }
    };
    if m.marital_status.is_some_and(|s| s != MaritalStatus::Single) {
        out.push(Finding::warning(
            member_field(i, "marital_status"),
            "child_married",
            "Anak yang sudah (pernah) menikah tidak lagi ditanggung sebagai anak.",
            "A child who is or has been married is no longer covered as a child.",
        ));
        return false;
    }
    let Some(age) = age else { return true };
    let (limit, student_limit) = (settings.child_age_limit, settings.student_age_limit);
    if age >= student_limit {
        out.push(Finding::warning(
            member_field(i, "birth_date"),
            "child_over_age_limit",
            format!("Anak berusia {age} tahun: anak hanya ditanggung sampai usia {student_limit} tahun."),
            format!("The child is {age}: children are covered only until {student_limit}."),
        ));
        return false;
    }
    if age >= limit {
        if !m.in_formal_education {
            out.push(Finding::warning(
                member_field(i, "in_formal_education"),
                "child_over_21_not_in_education",
                format!(
                    "Anak berusia {age} tahun hanya ditanggung bila masih menempuh pendidikan formal (sampai usia {student_limit} tahun)."
                ),
                format!("A child aged {age} is covered only while in formal education (until {student_limit})."),
            ));
            return false;
        }
        match until {
            Some(end) if end < today => {
                out.push(Finding::warning(
                    member_field(i, "education_until"),
                    "education_ended",
                    format!("Pendidikan formal anak berakhir {}: anak tidak lagi ditanggung.", format_date(end)),
                    format!(
                        "The child's formal education ended on {}: the child is no longer covered.",
                        format_date(end)
                    ),
                ));
                return false;
            }
            Some(_) => {}
            None => out.push(Finding::warning(
                member_field(i, "education_until"),
                "education_until_missing",
                "Isi perkiraan akhir pendidikan formal anak (untuk anak 21-25 tahun).",
                "Enter when the child's formal education is expected to end (for children aged 21-25).",
            )),
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nik::Nik;
    use crate::region::DistrictCode;
    use crate::worker::validate_worker;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, 15).unwrap()
    }

    /// A man born 12-04-1988, KK 3174050101100003.
    fn budi() -> WorkerDraft {
        WorkerDraft {
            nik: "3174051204880001".into(),
            kk_number: "3174050101100003".into(),
            full_name: "Budi Santoso".into(),
            birth_date: "1988-04-12".into(),
            gender: Some(Gender::Male),
            marital_status: Some(MaritalStatus::Married),
            hire_date: "2020-01-02".into(),
            wage_base: Some(6_000_000),
            ..WorkerDraft::default()
        }
    }

    const NAMES: [&str; 6] = ["Dewi Lestari", "Ni Made Ayu", "Muh. Rizky", "Nur'aini", "Putu Ayu-Sari", "Yohanes"];

    /// A member with a NIK that agrees with the birth date and gender.
    fn member(relation: Relation, birth: &str, gender: Gender, serial: u16) -> FamilyMemberDraft {
        let b = NaiveDate::parse_from_str(birth, "%Y-%m-%d").unwrap();
        let district = DistrictCode::parse("31.74.05").unwrap();
        FamilyMemberDraft {
            relation: Some(relation),
            nik: Nik::assemble(district, b, gender, serial).unwrap().into(),
            full_name: NAMES[usize::from(serial) % NAMES.len()].to_string(),
            birth_date: birth.into(),
            gender: Some(gender),
            ..FamilyMemberDraft::default()
        }
    }

    fn wife() -> FamilyMemberDraft {
        FamilyMemberDraft {
            marital_status: Some(MaritalStatus::Married),
            ..member(Relation::Wife, "1990-04-12", Gender::Female, 2)
        }
    }

    fn child(birth: &str, serial: u16) -> FamilyMemberDraft {
        member(Relation::Child, birth, Gender::Male, serial)
    }

    fn review(family: &[FamilyMemberDraft]) -> (Vec<(String, &'static str)>, Vec<Coverage>) {
        let r = validate_family(&budi(), family, today(), &ValidationSettings::default());
        let mut codes: Vec<_> = r.findings.into_iter().map(|f| (f.field, f.code)).collect();
        codes.sort();
        (codes, r.coverage)
    }

    fn found(pairs: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
        let mut v: Vec<_> = pairs.iter().map(|(f, c)| (f.to_string(), *c)).collect();
        v.sort();
        v
    }

    use Coverage::{Covered, Extra, NotCovered};

    #[test]
    fn a_wife_and_three_children_are_covered_and_a_fourth_child_is_extra() {
        let family = [wife(), child("2012-01-01", 3), child("2014-05-05", 4), child("2016-07-07", 5)];
        assert_eq!(review(&family), (vec![], vec![Covered, Covered, Covered, Covered]));

        let mut family = family.to_vec();
        family.push(FamilyMemberDraft { relation: Some(Relation::ExtraChild), ..child("2019-09-09", 6) });
        assert_eq!(review(&family), (vec![], vec![Covered, Covered, Covered, Covered, Extra]));

        // Entered as "child", the 4th is still extra, and HR is told.
        family[4].relation = Some(Relation::Child);
        assert_eq!(
            review(&family),
            (found(&[("family[4].relation", "child_is_extra")]), vec![Covered, Covered, Covered, Covered, Extra])
        );
    }

    #[test]
    fn children_are_ranked_by_birth_date_not_by_the_order_typed() {
        let family = [child("2019-09-09", 6), child("2012-01-01", 3), child("2016-07-07", 5), child("2014-05-05", 4)];
        let (codes, coverage) = review(&family);
        assert_eq!(coverage, vec![Extra, Covered, Covered, Covered]);
        assert_eq!(codes, found(&[("family[0].relation", "child_is_extra")]));
    }

    #[test]
    fn a_child_who_ages_out_frees_a_place_for_the_next() {
        // The eldest is 26: not covered; the 4th child moves up.
        let family = [child("1999-01-01", 2), child("2012-01-01", 3), child("2014-05-05", 4), child("2016-07-07", 5)];
        let (codes, coverage) = review(&family);
        assert_eq!(coverage, vec![NotCovered, Covered, Covered, Covered]);
        assert_eq!(codes, found(&[("family[0].birth_date", "child_over_age_limit")]));
    }

    #[test]
    fn children_from_21_are_covered_only_in_formal_education_until_25() {
        let student = |birth: &str, until: &str| FamilyMemberDraft {
            in_formal_education: true,
            education_until: until.into(),
            ..child(birth, 3)
        };
        type Case = (FamilyMemberDraft, Vec<(&'static str, &'static str)>, Coverage);
        let cases: Vec<Case> = vec![
            // 20 years old: covered without more
            (child("2004-06-16", 3), vec![], Covered),
            // 21 today: needs the flag
            (
                child("2004-06-15", 3),
                vec![("family[0].in_formal_education", "child_over_21_not_in_education")],
                NotCovered,
            ),
            (student("2004-06-15", "2027-08-31"), vec![], Covered),
            (student("2003-01-01", ""), vec![("family[0].education_until", "education_until_missing")], Covered),
            (student("2003-01-01", "2025-01-31"), vec![("family[0].education_until", "education_ended")], NotCovered),
            (
                student("2003-01-01", "31/02/2026"),
                vec![
                    ("family[0].education_until", "date_invalid"),
                    ("family[0].education_until", "education_until_missing"),
                ],
                Covered,
            ),
            // 24 and 364 days: still covered while studying
            (student("2000-06-16", "2025-12-31"), vec![], Covered),
            // 25 today: no longer covered, studying or not
            (student("2000-06-15", "2025-12-31"), vec![("family[0].birth_date", "child_over_age_limit")], NotCovered),
            // married
            (
                FamilyMemberDraft { marital_status: Some(MaritalStatus::Married), ..child("2005-01-01", 3) },
                vec![("family[0].marital_status", "child_married")],
                NotCovered,
            ),
        ];
        for (i, (m, want, cov)) in cases.into_iter().enumerate() {
            assert_eq!(review(&[m]), (found(&want), vec![cov]), "case {i}");
        }
    }

    #[test]
    fn the_spouse_must_fit_the_relation_and_the_worker() {
        let cases: Vec<(FamilyMemberDraft, Vec<(&str, &'static str)>)> = vec![
            (wife(), vec![]),
            // A wife entered as a man: relation and gender disagree.
            (
                FamilyMemberDraft { gender: Some(Gender::Male), ..wife() },
                vec![("family[0].relation", "relation_gender_mismatch"), ("family[0].nik", "nik_gender_mismatch")],
            ),
            // A male worker with a "husband".
            (
                member(Relation::Husband, "1985-03-03", Gender::Male, 2),
                vec![("family[0].relation", "spouse_relation_worker_gender")],
            ),
            (
                FamilyMemberDraft { marital_status: Some(MaritalStatus::Single), ..wife() },
                vec![("family[0].marital_status", "spouse_not_married")],
            ),
        ];
        for (i, (m, want)) in cases.into_iter().enumerate() {
            assert_eq!(review(&[m]).0, found(&want), "case {i}");
        }
    }

    #[test]
    fn only_one_spouse_is_covered() {
        let second = FamilyMemberDraft { nik: "3174054505920003".into(), birth_date: "1992-05-05".into(), ..wife() };
        assert_eq!(
            review(&[wife(), second]),
            (found(&[("family[1].relation", "additional_wife_not_covered")]), vec![Covered, NotCovered])
        );
        let mut siti = budi();
        siti.gender = Some(Gender::Female);
        siti.nik = "3174055204880001".into();
        let h1 = member(Relation::Husband, "1985-03-03", Gender::Male, 2);
        let h2 = member(Relation::Husband, "1986-03-03", Gender::Male, 3);
        let r = validate_family(&siti, &[h1, h2], today(), &ValidationSettings::default());
        assert_eq!(
            r.findings.iter().map(|f| (f.field.as_str(), f.code, f.is_error())).collect::<Vec<_>>(),
            [("family[1].relation", "spouse_duplicate", true)]
        );
    }

    #[test]
    fn niks_differ_from_the_workers_and_from_each_other() {
        let same_as_worker = FamilyMemberDraft { nik: budi().nik, ..wife() };
        let (codes, _) = review(&[same_as_worker]);
        assert!(codes.contains(&("family[0].nik".to_string(), "nik_same_as_worker")), "{codes:?}");

        let twin_a = child("2012-01-01", 3);
        let twin_b = FamilyMemberDraft { full_name: "Kembaran".into(), ..twin_a.clone() };
        let (codes, _) = review(&[wife(), twin_a, twin_b]);
        assert_eq!(codes, found(&[("family[2].nik", "nik_duplicate_in_family")]));
    }

    #[test]
    fn spouse_and_children_should_share_the_workers_family_card() {
        let other_kk = |m: FamilyMemberDraft| FamilyMemberDraft { kk_number: "3273010101150007".into(), ..m };
        let father = member(Relation::Father, "1960-01-01", Gender::Male, 7);
        let family = [other_kk(wife()), other_kk(child("2012-01-01", 3)), other_kk(father), child("2014-05-05", 4)];
        let (codes, coverage) = review(&family);
        assert_eq!(
            codes,
            found(&[
                ("family[0].kk_number", "kk_differs_from_worker"),
                ("family[1].kk_number", "kk_differs_from_worker")
            ])
        );
        assert_eq!(coverage, vec![Covered, Covered, Extra, Covered]);
        assert!(validate_family(&budi(), &family, today(), &ValidationSettings::default())
            .findings
            .iter()
            .all(|f| !f.is_error()));
    }

    #[test]
    fn parents_and_parents_in_law_are_extra_members() {
        let family = [
            member(Relation::Father, "1960-01-01", Gender::Male, 7),
            member(Relation::Mother, "1962-02-02", Gender::Female, 8),
            member(Relation::ParentInLaw, "1961-03-03", Gender::Male, 9),
            member(Relation::ParentInLaw, "1963-04-04", Gender::Female, 10),
        ];
        let r = validate_family(&budi(), &family, today(), &ValidationSettings::default());
        assert_eq!(r.findings, vec![]);
        assert_eq!(r.coverage, vec![Extra; 4]);
        assert_eq!(r.extra_members(), 4);

        let cases: Vec<(FamilyMemberDraft, Vec<(&str, &'static str)>)> = vec![
            (
                member(Relation::Mother, "1960-01-01", Gender::Male, 7),
                vec![("family[0].relation", "relation_gender_mismatch")],
            ),
            (
                member(Relation::Father, "1990-01-01", Gender::Male, 7),
                vec![("family[0].birth_date", "parent_younger_than_worker")],
            ),
        ];
        for (m, want) in cases {
            assert_eq!(review(&[m]).0, found(&want));
        }
        let two_fathers = [
            member(Relation::Father, "1960-01-01", Gender::Male, 7),
            member(Relation::Father, "1961-01-01", Gender::Male, 8),
        ];
        assert_eq!(review(&two_fathers).0, found(&[("family[1].relation", "relation_duplicate")]));
    }

    #[test]
    fn a_member_is_checked_like_a_person_with_the_index_in_every_field() {
        let broken = FamilyMemberDraft {
            relation: None,
            nik: "3174".into(),
            full_name: "Anak 1".into(),
            birth_date: "2030-01-01".into(),
            gender: None,
            noka: "12".into(),
            faskes_code: "x".into(),
            kk_number: "12".into(),
            ..FamilyMemberDraft::default()
        };
        let (codes, coverage) = review(&[wife(), broken]);
        assert_eq!(
            codes,
            found(&[
                ("family[1].relation", "required"),
                ("family[1].nik", "nik_wrong_length"),
                ("family[1].full_name", "name_contains_digit"),
                ("family[1].birth_date", "date_in_future"),
                ("family[1].gender", "required"),
                ("family[1].noka", "noka_wrong_length"),
                ("family[1].faskes_code", "faskes_code_invalid"),
                ("family[1].kk_number", "kk_wrong_length"),
            ])
        );
        assert_eq!(coverage, vec![Covered, NotCovered]);
    }

    #[test]
    fn a_child_older_than_the_worker_is_questioned() {
        let (codes, _) = review(&[child("1987-01-01", 3)]);
        assert!(codes.contains(&("family[0].birth_date".to_string(), "child_older_than_worker")), "{codes:?}");
    }

    #[test]
    fn the_worker_validation_includes_the_family_and_marital_status() {
        let mut w = budi();
        w.family = vec![wife(), child("2012-01-01", 3), child("2012-01-01", 3)];
        w.marital_status = Some(MaritalStatus::Single);
        let got: Vec<_> = validate_worker(&w, today(), &ValidationSettings::default())
            .into_iter()
            .map(|f| (f.field, f.code))
            .collect();
        assert_eq!(
            got,
            vec![
                ("family[2].nik".to_string(), "nik_duplicate_in_family"),
                ("marital_status".to_string(), "marital_status_conflicts_with_spouse")
            ]
        );
    }

    #[test]
    fn a_wife_and_two_children_as_json_validate_cleanly() {
        let json = r#"{
            "nik": "3174051204880001", "kk_number": "3174 0501 0110 0003", "full_name": "I Gusti Ngurah Rai",
            "birth_date": "12/04/1988", "gender": "male", "marital_status": "married", "hire_date": "2020-01-02",
            "wage_base": 6000000,
            "family": [
                {"relation": "wife", "nik": "3174055204900002", "full_name": "Ni Luh Putu Ayu-Sari",
                 "birth_date": "1990-04-12", "gender": "female", "kk_number": null},
                {"relation": "child", "nik": "3174050101120003", "full_name": "Muh. Ali",
                 "birth_date": "2012-01-01", "gender": "male"},
                {"relation": "child", "nik": "3174056902160004", "full_name": "Siti Nur'aini",
                 "birth_date": "2016-02-29", "gender": "female"}
            ]
        }"#;
        let w: WorkerDraft = serde_json::from_str(json).unwrap();
        assert_eq!(validate_worker(&w, today(), &ValidationSettings::default()), vec![]);
        let r = validate_family(&w, &w.family, today(), &ValidationSettings::default());
        assert_eq!(r.coverage, vec![Covered; 3]);
        assert_eq!(serde_json::to_string(&r.coverage).unwrap(), r#"["covered","covered","covered"]"#);
    }

    #[test]
    fn relations_map_to_edabu_codes_and_round_trip_as_json() {
        for r in Relation::ALL {
            let json = serde_json::to_string(&r).unwrap();
            assert_eq!(serde_json::from_str::<Relation>(&json).unwrap(), r);
        }
        assert_eq!(serde_json::to_string(&Relation::ParentInLaw).unwrap(), "\"parent_in_law\"");
        assert_eq!(Relation::ALL.map(Relation::edabu_code), [2, 3, 4, 5, 5, 5, 5]);
    }
}
