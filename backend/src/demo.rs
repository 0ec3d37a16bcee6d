//! `tertib demo`: fills an empty registry with synthetic but realistic data, so a newcomer sees the
//! product working at once. Four client companies, a few hundred workers with spouses and
//! children, some placed with a second company, some terminated.
//!
//! Everything is made from a seed ([`plan`] is a pure function of [`DemoOptions`]) and written
//! through the same registry functions as the API ([`load`]), so every worker passes the same
//! rules typed data must pass: NIKs are assembled from real Kemendagri district codes with the
//! holder's birth date and gender, family members share the worker's KK, children over 21 are
//! marked as studying.

use std::collections::HashSet;

use anyhow::Context;
use chrono::{Datelike, NaiveDate, TimeDelta};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use serde_json::json;
use tertib_domain::family::{FamilyMemberDraft, Relation};
use tertib_domain::kk::NoKk;
use tertib_domain::nik::Nik;
use tertib_domain::person::{Gender, MaritalStatus};
use tertib_domain::region::{self, DistrictCode};

use tertib_domain::registry::{ClientCompanyDraft, MembershipStatus, NewPlacement, NewWorker};
use tertib_domain::worker::{EmploymentStatus, TerminationReason, WorkerDraft};
use tertib_domain::Lang;

use crate::db::audit::{self, Actor, Change};
use crate::db::{workers as workers_db, Db};
use crate::error::ApiError;
use crate::registry;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoOptions {
    pub workers: usize,
    pub seed: u64,
    /// The day the data is made for (hire dates, ages): with the same seed and day, the same data.
    pub as_of: NaiveDate,
}

/// One synthetic worker: what is registered, and what happens to them afterwards.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedWorker {
    pub input: NewWorker,
    /// Index into [`DemoPlan::companies`] of the first placement.
    pub company: usize,
    /// A later move to another company: (company index, start date).
    pub moved: Option<(usize, NaiveDate)>,
    pub membership: MembershipStatus,
    pub membership_since: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DemoPlan {
    pub companies: Vec<ClientCompanyDraft>,
    pub workers: Vec<PlannedWorker>,
}

/// What [`load`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoSummary {
    pub companies: usize,
    pub workers: usize,
    pub family_members: usize,
    pub terminated: usize,
    pub moved: usize,
}

struct Company {
    code: &'static str,
    name: &'static str,
    address: &'static str,
    email: &'static str,
    regency: (u8, u8),
    /// UMK 2025 of the regency/city (UMP for Jakarta), whole Rupiah.
    minimum_wage: i64,
    positions: &'static [&'static str],
}

const COMPANIES: [Company; 4] = [
    Company {
        code: "CKR-PRIMA",
        name: "PT Cikarang Prima Manufaktur",
        address: "Kawasan Industri Jababeka Blok C-12, Cikarang Utara, Kabupaten Bekasi",
        email: "hrd@cikarangprima.example",
        regency: (32, 16),
        minimum_wage: 5_558_515,
        positions: &["Operator produksi", "Operator forklift", "Quality control", "Admin gudang", "Teknisi mesin"],
    },
    Company {
        code: "JKS-GRAHA",
        name: "PT Graha Selatan Properti",
        address: "Jl. TB Simatupang Kav. 18, Cilandak, Jakarta Selatan",
        email: "building@grahaselatan.example",
        regency: (31, 74),
        minimum_wage: 5_396_761,
        positions: &["Satpam", "Petugas kebersihan", "Teknisi gedung", "Resepsionis", "Pengemudi"],
    },
    Company {
        code: "SBY-SAMUDRA",
        name: "PT Samudra Timur Logistik",
        address: "Jl. Perak Barat No. 277, Krembangan, Surabaya",
        email: "personalia@samudratimur.example",
        regency: (35, 78),
        minimum_wage: 4_961_753,
        positions: &["Pengemudi", "Helper gudang", "Checker", "Admin ekspedisi", "Satpam"],
    },
    Company {
        code: "BDG-PARAHYANGAN",
        name: "PT Parahyangan Tekstil",
        address: "Jl. Raya Banjaran Km. 14, Kabupaten Bandung",
        email: "hr@parahyangantekstil.example",
        regency: (32, 4),
        minimum_wage: 3_757_284,
        positions: &["Operator tenun", "Operator jahit", "Petugas kebersihan", "Mekanik", "Admin produksi"],
    },
];

const MALE_NAMES: [&str; 40] = [
    "Budi", "Agus", "Andi", "Dedi", "Eko", "Fajar", "Hendra", "Irfan", "Joko", "Rudi", "Slamet", "Wahyu", "Yusuf",
    "Rizky", "Ahmad", "Muhammad", "Bambang", "Dimas", "Arif", "Hadi", "Teguh", "Asep", "Ujang", "Dadang", "Made",
    "Ketut", "Putu", "Imam", "Rahmat", "Sutrisno", "Bayu", "Galih", "Yoga", "Ilham", "Taufik", "Heru", "Wawan", "Nur",
    "Gilang", "Reza",
];
const FEMALE_NAMES: [&str; 40] = [
    "Siti", "Dewi", "Sri", "Ani", "Rina", "Wulan", "Indah", "Fitri", "Nur", "Ayu", "Lestari", "Yuni", "Ratna", "Nia",
    "Putri", "Rahma", "Eka", "Intan", "Dian", "Maya", "Wati", "Tuti", "Euis", "Neng", "Kadek", "Komang", "Sari",
    "Novi", "Desi", "Ratih", "Ika", "Mega", "Anisa", "Laila", "Yanti", "Rini", "Tri", "Endang", "Kartika", "Citra",
];
const SECOND_NAMES: [&str; 40] = [
    "Santoso",
    "Wijaya",
    "Saputra",
    "Hidayat",
    "Kurniawan",
    "Setiawan",
    "Pratama",
    "Nugroho",
    "Susanto",
    "Rahayu",
    "Permana",
    "Gunawan",
    "Hakim",
    "Syahputra",
    "Ramadhan",
    "Firmansyah",
    "Hasanah",
    "Lestari",
    "Maulana",
    "Purnomo",
    "Sulistyo",
    "Wibowo",
    "Suryani",
    "Handayani",
    "Nur'aini",
    "Ma'ruf",
    "Siregar",
    "Nasution",
    "Harahap",
    "Simanjuntak",
    "Sembiring",
    "Tanjung",
    "Lubis",
    "Pangaribuan",
    "Manurung",
    "Kusuma",
    "Anggraini",
    "Puspita",
    "Yulianti",
    "Sitompul",
];
const STREETS: [&str; 12] = [
    "Jl. Melati",
    "Jl. Kenanga",
    "Jl. Merdeka",
    "Jl. Pahlawan",
    "Jl. Mawar",
    "Jl. Sudirman",
    "Gg. Kelinci",
    "Jl. Raya Bogor",
    "Jl. Cempaka",
    "Jl. Anggrek",
    "Jl. Diponegoro",
    "Jl. Kartini",
];
/// Provinces people often come from to work in Java's industrial areas.
const HOME_PROVINCES: [u8; 12] = [33, 35, 32, 31, 36, 12, 18, 16, 13, 73, 52, 53];

fn pick<'a, T>(rng: &mut StdRng, items: &'a [T]) -> &'a T {
    // Every list here is a non-empty constant.
    &items[rng.gen_range(0..items.len())]
}

fn date_between(rng: &mut StdRng, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let days = (to - from).num_days().max(0);
    from + TimeDelta::days(rng.gen_range(0..=days))
}

fn years_before(date: NaiveDate, years: i32) -> NaiveDate {
    date.with_year(date.year() - years).unwrap_or_else(|| date - TimeDelta::days(i64::from(years) * 365))
}

fn text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Makes NIKs and KK numbers that are unique in the data set.
struct Numbers {
    used: HashSet<String>,
    districts_of_regency: Vec<Vec<DistrictCode>>,
    districts_of_province: Vec<(u8, Vec<DistrictCode>)>,
}

impl Numbers {
    fn new() -> Numbers {
        let all: Vec<DistrictCode> = region::districts().collect();
        let districts_of_regency = COMPANIES
            .iter()
            .map(|c| all.iter().copied().filter(|d| (d.province(), d.regency()) == c.regency).collect())
            .collect();
        let districts_of_province =
            HOME_PROVINCES.iter().map(|p| (*p, all.iter().copied().filter(|d| d.province() == *p).collect())).collect();
        Numbers { used: HashSet::new(), districts_of_regency, districts_of_province }
    }

    /// A district near company `company` (70%) or in a province people move from.
    fn district(&self, rng: &mut StdRng, company: usize) -> Option<DistrictCode> {
        let local = self.districts_of_regency.get(company).filter(|d| !d.is_empty());
        match local {
            Some(list) if rng.gen_bool(0.7) => Some(*pick(rng, list)),
            _ => {
                let (_, list) = pick(rng, &self.districts_of_province);
                list.choose(rng).copied()
            }
        }
    }

    fn nik(&mut self, rng: &mut StdRng, district: DistrictCode, birth: NaiveDate, gender: Gender) -> Option<String> {
        for _ in 0..50 {
            let nik: String = Nik::assemble(district, birth, gender, rng.gen_range(1..=2_500))?.into();
            if self.used.insert(nik.clone()) {
                return Some(nik);
            }
        }
        None
    }

    /// A KK issued in `district` on `issued`: the region code, the date and a serial.
    fn kk(&mut self, rng: &mut StdRng, district: DistrictCode, issued: NaiveDate) -> Option<String> {
        for _ in 0..50 {
            let kk = format!("{}{}{:04}", district.digits(), issued.format("%d%m%y"), rng.gen_range(1..=9_999));
            if NoKk::parse(&kk).is_ok() && self.used.insert(kk.clone()) {
                return Some(kk);
            }
        }
        None
    }
}

fn person_name(rng: &mut StdRng, gender: Gender) -> String {
    let first = if gender == Gender::Male { pick(rng, &MALE_NAMES) } else { pick(rng, &FEMALE_NAMES) };
    if rng.gen_bool(0.85) {
        format!("{first} {}", pick(rng, &SECOND_NAMES))
    } else {
        first.to_string()
    }
}

fn birth_place(district: DistrictCode) -> String {
    let name = district.regency_name().unwrap_or_default();
    name.strip_prefix("Kabupaten ").or_else(|| name.strip_prefix("Kota ")).unwrap_or(&name).to_string()
}

fn member(
    numbers: &mut Numbers,
    rng: &mut StdRng,
    relation: Relation,
    district: DistrictCode,
    birth: NaiveDate,
    gender: Gender,
) -> Option<FamilyMemberDraft> {
    Some(FamilyMemberDraft {
        relation: Some(relation),
        nik: numbers.nik(rng, district, birth, gender)?,
        full_name: person_name(rng, gender),
        birth_place: birth_place(district),
        birth_date: text(birth),
        gender: Some(gender),
        ..FamilyMemberDraft::default()
    })
}

/// The synthetic data for these options: the same options give the same data.
pub fn plan(options: &DemoOptions) -> anyhow::Result<DemoPlan> {
    let mut rng = StdRng::seed_from_u64(options.seed);
    let mut numbers = Numbers::new();
    let today = options.as_of;
    let companies: Vec<ClientCompanyDraft> = COMPANIES
        .iter()
        .map(|c| ClientCompanyDraft {
            code: c.code.to_string(),
            name: c.name.to_string(),
            address: c.address.to_string(),
            contact_emails: vec![c.email.to_string()],
            minimum_wage: Some(c.minimum_wage),
            regency_code: Some(format!("{:02}.{:02}", c.regency.0, c.regency.1)),
        })
        .collect();
    let earliest_hire = NaiveDate::from_ymd_opt(2016, 1, 4).context("a constant date")?;

    let mut workers = Vec::with_capacity(options.workers);
    for i in 0..options.workers {
        // Larger companies first: 35%, 30%, 20%, 15%.
        let company = match rng.gen_range(0..100) {
            0..35 => 0,
            35..65 => 1,
            65..85 => 2,
            _ => 3,
        };
        let spec = &COMPANIES[company];
        let gender = if rng.gen_bool(0.62) { Gender::Male } else { Gender::Female };
        let birth = date_between(&mut rng, years_before(today, 55), years_before(today, 19));
        let district = numbers.district(&mut rng, company).context("no district for a worker")?;
        let nik = numbers.nik(&mut rng, district, birth, gender).context("no free NIK")?;
        let age = today.years_since(birth).unwrap_or(0);
        let married = rng.gen_bool(if age >= 25 { 0.78 } else { 0.2 });
        let hire_from = years_before(birth, -18).max(earliest_hire);
        let hire = date_between(&mut rng, hire_from, today - TimeDelta::days(20));
        let kk_issued = date_between(&mut rng, years_before(birth, -18), today - TimeDelta::days(30));
        let kk = numbers.kk(&mut rng, district, kk_issued).context("no free KK number")?;
        let status = match rng.gen_range(0..10) {
            0..6 => EmploymentStatus::Pkwt,
            6..9 => EmploymentStatus::Pkwtt,
            _ => EmploymentStatus::PartTime,
        };
        // A few below the UMK, which the registry warns about.
        let wage = if rng.gen_bool(0.04) {
            spec.minimum_wage - rng.gen_range(1..=300) * 1_000
        } else {
            spec.minimum_wage + rng.gen_range(0..=1_800) * 1_000
        };
        let terminated = today - hire > TimeDelta::days(200) && rng.gen_bool(0.12);
        let (termination_date, termination_reason) = if terminated {
            let end = date_between(&mut rng, hire + TimeDelta::days(90), today - TimeDelta::days(1));
            let roll = rng.gen_range(0..10);
            let reason = match roll {
                _ if status == EmploymentStatus::Pkwt && roll < 7 => TerminationReason::EndOfContract,
                0..6 => TerminationReason::Resignation,
                6..9 => TerminationReason::Dismissal,
                _ => TerminationReason::Other,
            };
            (Some(end), Some(reason))
        } else {
            (None, None)
        };
        let membership = if terminated {
            MembershipStatus::Inactive
        } else {
            match rng.gen_range(0..100) {
                0..78 => MembershipStatus::Active,
                78..88 => MembershipStatus::RegistrationSubmitted,
                88..92 => MembershipStatus::ActiveElsewhere,
                _ => MembershipStatus::NotRegistered,
            }
        };
        let has_card = matches!(
            membership,
            MembershipStatus::Active | MembershipStatus::Inactive | MembershipStatus::ActiveElsewhere
        );
        let noka = if has_card { format!("000{:010}", rng.gen_range(0..10_000_000_000u64)) } else { String::new() };
        let membership_since = has_card.then(|| hire + TimeDelta::days(rng.gen_range(7..=40)));
        let first_name = person_name(&mut rng, gender);

        let mut family = Vec::new();
        if married {
            let spouse_gender = if gender == Gender::Male { Gender::Female } else { Gender::Male };
            let relation = if gender == Gender::Male { Relation::Wife } else { Relation::Husband };
            // Wives are mostly younger than their husbands, husbands mostly older.
            let delta = if gender == Gender::Male { rng.gen_range(-3..=7) } else { rng.gen_range(-7..=3) };
            let spouse_birth = (years_before(birth, -delta) + TimeDelta::days(rng.gen_range(-180..=180)))
                .clamp(years_before(today, 60), years_before(today, 19));
            let spouse_district = if rng.gen_bool(0.6) {
                district
            } else {
                numbers.district(&mut rng, company).context("no district for a spouse")?
            };
            let mut spouse = member(&mut numbers, &mut rng, relation, spouse_district, spouse_birth, spouse_gender)
                .context("no free NIK for a spouse")?;
            spouse.marital_status = Some(MaritalStatus::Married);
            family.push(spouse);

            let children = match rng.gen_range(0..100) {
                0..20 => 0,
                20..45 => 1,
                45..75 => 2,
                75..90 => 3,
                _ => 4,
            };
            let youngest_parent = birth.max(spouse_birth);
            let from = years_before(youngest_parent, -20);
            let to = today - TimeDelta::days(60);
            let mut births: Vec<NaiveDate> =
                if from < to { (0..children).map(|_| date_between(&mut rng, from, to)).collect() } else { Vec::new() };
            births.sort();
            let mut covered = 0;
            for child_birth in births {
                let child_age = today.years_since(child_birth).unwrap_or(0);
                if child_age >= 25 {
                    continue; // an adult, registered on their own
                }
                let relation = if covered < 3 { Relation::Child } else { Relation::ExtraChild };
                let child_gender = if rng.gen_bool(0.5) { Gender::Male } else { Gender::Female };
                let mut child = member(&mut numbers, &mut rng, relation, district, child_birth, child_gender)
                    .context("no free NIK for a child")?;
                child.marital_status = Some(MaritalStatus::Single);
                if child_age >= 21 {
                    child.in_formal_education = true;
                    child.education_until = text(years_before(child_birth, -24).max(today + TimeDelta::days(60)));
                }
                covered += 1;
                family.push(child);
            }
        }
        if rng.gen_bool(0.05) && age < 45 {
            let mother_birth = date_between(&mut rng, years_before(birth, 40), years_before(birth, 20));
            let home = numbers.district(&mut rng, company).context("no district for a parent")?;
            let mut mother = member(&mut numbers, &mut rng, Relation::Mother, home, mother_birth, Gender::Female)
                .context("no free NIK for a parent")?;
            mother.kk_number = numbers.kk(&mut rng, home, years_before(birth, -2)).context("no free KK number")?;
            family.push(mother);
        }

        let moved = if !terminated && today - hire > TimeDelta::days(400) && rng.gen_bool(0.1) {
            let to = (company + rng.gen_range(1..COMPANIES.len())) % COMPANIES.len();
            Some((to, date_between(&mut rng, hire + TimeDelta::days(180), today - TimeDelta::days(10))))
        } else {
            None
        };

        let worker = WorkerDraft {
            nik,
            kk_number: kk,
            full_name: first_name.clone(),
            birth_place: birth_place(district),
            birth_date: text(birth),
            gender: Some(gender),
            marital_status: Some(if married { MaritalStatus::Married } else { MaritalStatus::Single }),
            address: format!(
                "{} No. {}, RT {:03}/RW {:03}",
                pick(&mut rng, &STREETS),
                rng.gen_range(1..200),
                rng.gen_range(1..15),
                rng.gen_range(1..10)
            ),
            district_code: district.to_string(),
            phone: format!(
                "08{}-{:04}-{:04}",
                rng.gen_range(11..=99),
                rng.gen_range(0..10_000),
                rng.gen_range(0..10_000)
            ),
            email: if rng.gen_bool(0.4) {
                format!("{}.{}@contoh.co.id", first_name.split(' ').next().unwrap_or("pekerja").to_lowercase(), i + 1)
            } else {
                String::new()
            },
            employee_number: format!("TRT-{}{:04}", hire.year(), i + 1),
            position: pick(&mut rng, spec.positions).to_string(),
            employment_status: Some(status),
            hire_date: text(hire),
            termination_date: termination_date.map(text).unwrap_or_default(),
            termination_reason,
            wage_base: Some(wage),
            noka,
            faskes_code: format!("{:04}U{:03}", rng.gen_range(100..1_400), rng.gen_range(1..200)),
            family,
            ..WorkerDraft::default()
        };
        workers.push(PlannedWorker {
            input: NewWorker { worker, client_company_id: None },
            company,
            moved,
            membership,
            membership_since,
        });
    }
    Ok(DemoPlan { companies, workers })
}

fn refused(what: &str, e: ApiError) -> anyhow::Error {
    match e {
        ApiError::Validation(findings) => {
            let lines: Vec<String> =
                findings.iter().map(|f| format!("{} {}: {}", f.field, f.code, f.message(Lang::En))).collect();
            anyhow::anyhow!("{what} was refused: {}", lines.join("; "))
        }
        other => anyhow::anyhow!("{what}: {other}"),
    }
}

/// Writes the plan in one transaction, through the registry's own checks. Refuses a database
/// that has workers already.
pub fn load(db: &Db, plan: &DemoPlan, today: NaiveDate) -> anyhow::Result<DemoSummary> {
    let mut conn = db.conn()?;
    let existing = workers_db::count(&mut conn)?;
    if existing > 0 {
        anyhow::bail!("the database has {existing} workers already: `tertib demo` fills only an empty registry");
    }
    let actor = Actor::system("demo");
    crate::db::write_transaction(&mut conn, |conn| {
        let settings = crate::lifecycle::settings(conn).map_err(|e| anyhow::anyhow!("{e}"))?;
        let mut company_ids = Vec::new();
        for c in &plan.companies {
            let company = registry::companies::create(conn, &actor, c).map_err(|e| refused(&c.code, e))?;
            company_ids.push(company.id);
        }
        let mut summary =
            DemoSummary { companies: company_ids.len(), workers: 0, family_members: 0, terminated: 0, moved: 0 };
        for (i, w) in plan.workers.iter().enumerate() {
            let what = format!("worker {} ({})", i + 1, w.input.worker.full_name);
            let mut input = w.input.clone();
            input.client_company_id = company_ids.get(w.company).cloned();
            // Workers still employed start as new hires (the card comes with the registration's
            // acceptance) and go through the procedure as far as the plan says; those who left
            // long ago are history and get their status as it ended; those who left in the last
            // six weeks were registered and now wait for their deactivation.
            let card = std::mem::take(&mut input.worker.noka);
            let ended = tertib_domain::person::parse_date(&input.worker.termination_date);
            let recent = ended.filter(|d| (today - *d).num_days() <= 42);
            let left = ended.is_some() && recent.is_none();
            let termination = recent.and_then(|d| input.worker.termination_reason.map(|r| (d, r)));
            // A worker still active at a previous employer holds that employer's card: a transfer.
            if left || w.membership == MembershipStatus::ActiveElsewhere {
                input.worker.noka = card.clone();
            }
            if !left {
                input.worker.termination_date.clear();
                input.worker.termination_reason = None;
            }
            let (worker, family) =
                registry::workers::create(conn, &actor, today, input).map_err(|e| refused(&what, e))?;
            if let Some((to, start)) = w.moved {
                let placement = NewPlacement {
                    client_company_id: company_ids.get(to).cloned().unwrap_or_default(),
                    start_date: start.format("%Y-%m-%d").to_string(),
                };
                registry::placements::add(conn, &actor, today, &worker.id, &placement)
                    .map_err(|e| refused(&what, e))?;
                summary.moved += 1;
            }
            if left {
                workers_db::set_membership(conn, &worker.id, w.membership, w.membership_since)?;
                audit::record(
                    conn,
                    &actor,
                    Change::new("worker.membership", "worker", Some(&worker.id))
                        .after(&json!({"membership_status": w.membership, "membership_since": w.membership_since})),
                )?;
            } else {
                let planned = if termination.is_some() { MembershipStatus::Active } else { w.membership };
                follow_plan(conn, &actor, &worker.id, planned, &card, &settings).map_err(|e| refused(&what, e))?;
                if let Some((date, reason)) = termination {
                    let req = tertib_domain::lifecycle::api::TerminationRequest {
                        termination_date: date.format("%Y-%m-%d").to_string(),
                        reason,
                    };
                    crate::lifecycle::termination::record(conn, &actor, &worker.id, &req, today, &settings)
                        .map_err(|e| refused(&what, e))?;
                }
            }
            summary.workers += 1;
            summary.family_members += family.len();
            summary.terminated += usize::from(left || termination.is_some());
        }
        Ok(summary)
    })
}

/// Takes a new hire's registration as far as `planned`, through the procedure's own steps (as a
/// director would): submitted, accepted with the card number, or, for a worker still active at a
/// previous employer, a transfer blocked on it.
fn follow_plan(
    conn: &mut crate::db::DbConn,
    actor: &Actor,
    worker_id: &str,
    planned: MembershipStatus,
    card: &str,
    settings: &tertib_domain::lifecycle::LifecycleSettings,
) -> Result<(), crate::error::ApiError> {
    use tertib_domain::lifecycle::api::{CasePatch, TransitionRequest};
    use tertib_domain::lifecycle::case::{PreviousMembership, PreviousSegment, PreviousStatus};
    use tertib_domain::lifecycle::CaseAction;

    use crate::lifecycle::cases;
    let Some(case) = crate::db::cases::open_for_subject(conn, worker_id, "membership")? else { return Ok(()) };
    let step = |conn: &mut crate::db::DbConn, action, noka: Option<String>| {
        let req = TransitionRequest { action, version: None, reason: None, noka };
        cases::take_step(conn, actor, tertib_domain::Role::Director, &case.id, &req, settings).map(drop)
    };
    match planned {
        MembershipStatus::NotRegistered => Ok(()),
        MembershipStatus::ActiveElsewhere => {
            let previous = PreviousMembership {
                segment: PreviousSegment::OtherEmployer,
                status: PreviousStatus::Active,
                employer_name: "PT Sumber Karya Lama".into(),
                follow_up_date: None,
            };
            let patch =
                CasePatch { version: case.version, assignee_id: None, due_date: None, previous: Some(previous) };
            cases::patch(conn, actor, &case.id, &patch, settings).map(drop)
        }
        _ => {
            cases::tick(conn, actor, &case.id, "family_complete", true, settings)?;
            step(conn, CaseAction::Submit, None)?;
            if planned == MembershipStatus::RegistrationSubmitted {
                return Ok(());
            }
            step(conn, CaseAction::Accept, Some(card.to_string()).filter(|c| !c.is_empty()))
        }
    }
}

/// The plan's people as a roster in the import template's columns (semicolon-separated, as Excel
/// writes CSV in the Indonesian locale), `rows` data rows (fewer only when the plan has too few
/// people): each worker followed by his family, the last family cut short when needed.
/// Terminated workers are left out: an office's roster lists the people it employs. The
/// benchmark imports this file.
pub fn roster_csv(plan: &DemoPlan, rows: usize) -> String {
    use tertib_domain::import::COLUMNS;
    fn gender(g: Option<Gender>) -> &'static str {
        match g {
            Some(Gender::Male) => "L",
            Some(Gender::Female) => "P",
            None => "",
        }
    }
    fn marital(m: Option<MaritalStatus>) -> &'static str {
        match m {
            Some(MaritalStatus::Single) => "belum_kawin",
            Some(MaritalStatus::Married) => "kawin",
            Some(MaritalStatus::Divorced) => "cerai_hidup",
            Some(MaritalStatus::Widowed) => "cerai_mati",
            None => "",
        }
    }
    fn relation(r: Option<Relation>) -> &'static str {
        match r {
            None => "peserta",
            Some(Relation::Husband) => "suami",
            Some(Relation::Wife) => "istri",
            Some(Relation::Child) => "anak",
            Some(Relation::Father | Relation::Mother | Relation::ParentInLaw | Relation::ExtraChild) => "tambahan",
        }
    }
    let mut out = COLUMNS.join(";");
    out.push('\n');
    let mut written = 0;
    for planned in plan.workers.iter().filter(|p| p.input.worker.termination_date.is_empty()) {
        if written >= rows {
            break;
        }
        let w = &planned.input.worker;
        let company = &plan.companies[planned.company].code;
        let wage = w.wage_base.map(|v| v.to_string()).unwrap_or_default();
        let worker_row = [
            &w.nik,
            &w.kk_number,
            &w.full_name,
            &w.birth_place,
            &w.birth_date,
            gender(w.gender),
            marital(w.marital_status),
            relation(None),
            "",
            &w.hire_date,
            &wage,
            &w.noka,
            &w.faskes_code,
            company,
            &w.email,
            &w.phone,
        ];
        out.push_str(&worker_row.join(";"));
        out.push('\n');
        written += 1;
        for m in w.family.iter().take(rows - written) {
            let kk = if m.kk_number.is_empty() { &w.kk_number } else { &m.kk_number };
            let member_row = [
                &m.nik,
                kk,
                &m.full_name,
                &m.birth_place,
                &m.birth_date,
                gender(m.gender),
                marital(m.marital_status),
                relation(m.relation),
                &w.nik,
                "",
                "",
                &m.noka,
                &m.faskes_code,
                "",
                "",
                "",
            ];
            out.push_str(&member_row.join(";"));
            out.push('\n');
            written += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use tertib_domain::family::validate_family;
    use tertib_domain::worker::{validate_worker, ValidationSettings};

    use super::*;

    fn options(seed: u64) -> DemoOptions {
        DemoOptions { workers: 300, seed, as_of: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap() }
    }

    #[test]
    fn the_same_seed_gives_the_same_data_and_another_seed_other_data() {
        assert_eq!(plan(&options(7)).unwrap(), plan(&options(7)).unwrap());
        assert_ne!(plan(&options(7)).unwrap(), plan(&options(8)).unwrap());
    }

    #[test]
    fn the_roster_has_the_rows_asked_for_and_reads_back_without_findings() {
        use tertib_domain::import::{parse_row, read_csv, Columns, RowKind};
        let plan = plan(&options(3)).unwrap();
        let table = read_csv(&roster_csv(&plan, 250)).unwrap();
        assert_eq!(table.len(), 250);
        let columns = Columns::map(&table.headers);
        assert!(columns.missing.is_empty() && columns.unknown.is_empty());
        let rows: Vec<_> = table.rows().map(|r| parse_row(&columns, r)).collect();
        assert!(rows.iter().all(|r| r.findings.is_empty()), "{:?}", rows.iter().find(|r| !r.findings.is_empty()));
        let workers = rows.iter().filter(|r| matches!(r.kind, RowKind::Worker { .. })).count();
        assert!(workers > 50 && workers < 200, "{workers} workers");
    }

    #[test]
    fn every_synthetic_worker_passes_every_rule() {
        for seed in [1, 2026] {
            let opts = options(seed);
            let plan = plan(&opts).unwrap();
            let mut niks = HashSet::new();
            let mut members = 0;
            for w in &plan.workers {
                let umk = COMPANIES[w.company].minimum_wage;
                let settings = ValidationSettings {
                    minimum_wage: tertib_domain::money::Rupiah::new(umk),
                    ..ValidationSettings::default()
                };
                let findings = validate_worker(&w.input.worker, opts.as_of, &settings);
                let errors: Vec<_> = findings.iter().filter(|f| f.is_error()).map(|f| (&f.field, f.code)).collect();
                assert!(errors.is_empty(), "{}: {errors:?}", w.input.worker.full_name);
                // Only the intended warnings: a few wages below the UMK and extra children.
                for f in &findings {
                    assert!(
                        matches!(f.code, "wage_below_minimum" | "child_is_extra"),
                        "{}: {} {}",
                        w.input.worker.full_name,
                        f.field,
                        f.code
                    );
                }
                assert!(niks.insert(w.input.worker.nik.clone()));
                for m in &w.input.worker.family {
                    assert!(niks.insert(m.nik.clone()), "NIKs are unique");
                }
                members += w.input.worker.family.len();
                let review = validate_family(&w.input.worker, &w.input.worker.family, opts.as_of, &settings);
                assert_eq!(review.coverage.len(), w.input.worker.family.len());
            }
            let terminated = plan.workers.iter().filter(|w| !w.input.worker.termination_date.is_empty()).count();
            let women = plan.workers.iter().filter(|w| w.input.worker.gender == Some(Gender::Female)).count();
            assert!((15..=60).contains(&terminated), "{terminated} terminated");
            assert!((80..=150).contains(&women), "{women} women");
            assert!(members > 300, "{members} family members");
        }
    }
}
