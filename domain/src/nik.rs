//! NIK (Nomor Induk Kependudukan), the 16-digit population number:
//!
//! ```text
//! 32 04 05 | 52 08 90 | 0001
//! PP RR DD | DD MM YY | serial
//! ```
//!
//! the district that first issued it (province, regency/city, district: it does not change when
//! the person moves), the birth date with 40 added to the day for women (so 41-71), and a serial
//! 0001-9999. The year has two digits; the century is the one that puts the birth date in the past.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::person::{format_date, Gender};
use crate::region::{self, DistrictCode};
use crate::Finding;

pub const NIK_DIGITS: usize = 16;

/// A NIK that passed every hard rule: 16 digits, a known province, non-zero regency and district
/// codes, a real birth date and a non-zero serial. An unknown regency or district is allowed (see
/// [`Nik::region_findings`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Nik(String);

/// What is wrong with a NIK, hard enough to refuse it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NikError {
    Empty,
    /// Something other than digits (and spaces, which are dropped). Carries the first offender.
    NotDigits(char),
    /// Holds the number of digits given.
    WrongLength(usize),
    /// The first two digits are no province code.
    UnknownProvince(String),
    /// Regency/city code `00`.
    InvalidRegency,
    /// District code `00`.
    InvalidDistrict,
    /// Digits 7-12 are no date `DDMMYY` (day 01-31 for men, 41-71 for women).
    InvalidBirthDate(String),
    /// Serial `0000`.
    ZeroSerial,
}

/// Strips what people put inside a NIK without meaning anything: spaces of every kind and the
/// invisible characters copy-paste carries along.
fn normalise(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'))
        .collect()
}

fn num(s: &str) -> u32 {
    s.bytes().fold(0, |n, b| n * 10 + u32::from(b - b'0'))
}

/// The birth date as written: (day without the +40, month, two-digit year, gender).
fn date_parts(digits: &str) -> (u32, u32, u32, Gender) {
    let raw_day = num(&digits[6..8]);
    let (day, gender) = if raw_day > 40 { (raw_day - 40, Gender::Female) } else { (raw_day, Gender::Male) };
    (day, num(&digits[8..10]), num(&digits[10..12]), gender)
}

/// The birth date in whichever of 19YY and 20YY is a real date not after `today`; when neither is
/// (a date past `today` in both centuries), the earlier real one.
fn resolve_birth_date(day: u32, month: u32, yy: u32, today: Option<NaiveDate>) -> Option<NaiveDate> {
    let yy = i32::try_from(yy).ok()?;
    let recent = NaiveDate::from_ymd_opt(2000 + yy, month, day);
    let older = NaiveDate::from_ymd_opt(1900 + yy, month, day);
    match (recent, today) {
        (Some(d), Some(t)) if d <= t => Some(d),
        (Some(d), None) => Some(d),
        _ => older.or(recent),
    }
}

impl Nik {
    /// Checks every hard rule and answers all that fail at once.
    pub fn parse(input: &str) -> Result<Nik, Vec<NikError>> {
        let digits = normalise(input);
        if digits.is_empty() {
            return Err(vec![NikError::Empty]);
        }
        if let Some(c) = digits.chars().find(|c| !c.is_ascii_digit()) {
            return Err(vec![NikError::NotDigits(c)]);
        }
        if digits.len() != NIK_DIGITS {
            return Err(vec![NikError::WrongLength(digits.len())]);
        }
        let mut errors = Vec::new();
        if region::province_name(num(&digits[0..2]) as u8).is_none() {
            errors.push(NikError::UnknownProvince(digits[0..2].to_string()));
        }
        if &digits[2..4] == "00" {
            errors.push(NikError::InvalidRegency);
        }
        if &digits[4..6] == "00" {
            errors.push(NikError::InvalidDistrict);
        }
        let (day, month, yy, _) = date_parts(&digits);
        let raw_day = num(&digits[6..8]);
        let day_ok = (1..=31).contains(&raw_day) || (41..=71).contains(&raw_day);
        if !day_ok || resolve_birth_date(day, month, yy, None).is_none() {
            errors.push(NikError::InvalidBirthDate(digits[6..12].to_string()));
        }
        if &digits[12..16] == "0000" {
            errors.push(NikError::ZeroSerial);
        }
        if errors.is_empty() {
            Ok(Nik(digits))
        } else {
            Err(errors)
        }
    }

    /// Builds the NIK of a person: for synthetic data and tests. `None` when the district code is
    /// not in the region table or the serial is not 1-9999.
    pub fn assemble(district: DistrictCode, birth_date: NaiveDate, gender: Gender, serial: u16) -> Option<Nik> {
        if !district.is_known() || !(1..=9999).contains(&serial) || !(1900..=2099).contains(&birth_date.year()) {
            return None;
        }
        let day = birth_date.day() + if gender == Gender::Female { 40 } else { 0 };
        let s = format!(
            "{}{:02}{:02}{:02}{:04}",
            district.digits(),
            day,
            birth_date.month(),
            birth_date.year() % 100,
            serial
        );
        Nik::parse(&s).ok()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `3174********0001`: enough to tell records apart in a list without showing the person's
    /// birth date and full number.
    pub fn masked(&self) -> String {
        format!("{}********{}", &self.0[0..4], &self.0[12..16])
    }

    pub fn district_code(&self) -> DistrictCode {
        let d = &self.0;
        DistrictCode::wrapping(num(&d[0..2]) as u8, num(&d[2..4]) as u8, num(&d[4..6]) as u8)
    }

    pub fn gender(&self) -> Gender {
        date_parts(&self.0).3
    }

    /// The birth date, with the century that puts it on or before `today`.
    pub fn birth_date(&self, today: NaiveDate) -> NaiveDate {
        let (day, month, yy, _) = date_parts(&self.0);
        // `parse` made sure one century gives a real date; the default is never reached.
        resolve_birth_date(day, month, yy, Some(today)).unwrap_or_default()
    }

    /// Whether a birth date is the one the NIK encodes. The NIK holds only two digits of the year,
    /// so 1925 and 2025 both agree with `..25`.
    pub fn agrees_with_birth_date(&self, date: NaiveDate) -> bool {
        let (day, month, yy, _) = date_parts(&self.0);
        date.day() == day && date.month() == month && date.year().rem_euclid(100) == yy as i32
    }

    pub fn serial(&self) -> u16 {
        num(&self.0[12..16]) as u16
    }

    /// Warnings for a regency or district code the region table does not know. Such NIKs exist
    /// (codes of regions since split or renumbered), so they are not refused.
    pub fn region_findings(&self, field: &str) -> Vec<Finding> {
        let code = self.district_code();
        let (p, r) = (code.province(), code.regency());
        if region::regency_name(p, r).is_none() {
            vec![Finding::warning(
                field,
                "nik_regency_unknown",
                format!(
                    "Kode kabupaten/kota {p:02}.{r:02} di NIK tidak ada dalam daftar wilayah Kemendagri. Periksa NIK; bila benar, mungkin kode lama wilayah yang sudah dimekarkan."
                ),
                format!(
                    "The regency/city code {p:02}.{r:02} in the NIK is not in the Kemendagri region list. Check the NIK; if it is right, it may be the old code of a region since split."
                ),
            )]
        } else if !code.is_known() {
            vec![Finding::warning(
                field,
                "nik_district_unknown",
                format!(
                    "Kode kecamatan {code} di NIK tidak ada dalam daftar wilayah Kemendagri. Periksa NIK; bila benar, mungkin kode lama kecamatan yang sudah dimekarkan."
                ),
                format!(
                    "The district code {code} in the NIK is not in the Kemendagri region list. Check the NIK; if it is right, it may be the old code of a district since split."
                ),
            )]
        } else {
            Vec::new()
        }
    }

    /// What the NIK says about its holder.
    pub fn decode(&self, today: NaiveDate) -> NikInfo {
        let code = self.district_code();
        let names = code.names();
        NikInfo {
            nik: self.0.clone(),
            province_code: format!("{:02}", code.province()),
            province_name: names.province,
            regency_code: format!("{:02}.{:02}", code.province(), code.regency()),
            regency_name: names.regency,
            district_code: code.to_string(),
            district_name: names.district,
            birth_date: self.birth_date(today),
            gender: self.gender(),
            serial: self.0[12..16].to_string(),
        }
    }
}

impl fmt::Display for Nik {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Nik {
    type Error = &'static str;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Nik::parse(&value).map_err(|e| e.first().map(NikError::code).unwrap_or("nik_invalid"))
    }
}

impl From<Nik> for String {
    fn from(value: Nik) -> String {
        value.0
    }
}

impl NikError {
    pub fn code(&self) -> &'static str {
        match self {
            NikError::Empty => "nik_required",
            NikError::NotDigits(_) => "nik_not_digits",
            NikError::WrongLength(_) => "nik_wrong_length",
            NikError::UnknownProvince(_) => "nik_province_unknown",
            NikError::InvalidRegency => "nik_regency_invalid",
            NikError::InvalidDistrict => "nik_district_invalid",
            NikError::InvalidBirthDate(_) => "nik_birth_date_invalid",
            NikError::ZeroSerial => "nik_serial_zero",
        }
    }

    pub fn finding(&self, field: &str) -> Finding {
        let (id, en) = match self {
            NikError::Empty => ("NIK wajib diisi.".to_string(), "The NIK is required.".to_string()),
            NikError::NotDigits(c) => (
                format!(
                    "NIK hanya boleh berisi angka (ada \u{201c}{c}\u{201d}). Dari Excel, pastikan kolom NIK berformat Teks."
                ),
                format!(
                    "A NIK has digits only (found \u{201c}{c}\u{201d}). From Excel, make sure the NIK column is formatted as Text."
                ),
            ),
            NikError::WrongLength(n) => (
                format!("NIK harus 16 digit (terisi {n} digit)."),
                format!("A NIK has 16 digits (this one has {n})."),
            ),
            NikError::UnknownProvince(p) => (
                format!("Dua digit pertama NIK ({p}) bukan kode provinsi yang dikenal."),
                format!("The first two digits of the NIK ({p}) are not a known province code."),
            ),
            NikError::InvalidRegency => (
                "Digit 3-4 NIK (kode kabupaten/kota) tidak boleh 00.".to_string(),
                "Digits 3-4 of the NIK (regency/city code) cannot be 00.".to_string(),
            ),
            NikError::InvalidDistrict => (
                "Digit 5-6 NIK (kode kecamatan) tidak boleh 00.".to_string(),
                "Digits 5-6 of the NIK (district code) cannot be 00.".to_string(),
            ),
            NikError::InvalidBirthDate(d) => (
                format!(
                    "Digit 7-12 NIK ({d}) bukan tanggal lahir yang valid (DDMMYY; untuk perempuan tanggal ditambah 40)."
                ),
                format!(
                    "Digits 7-12 of the NIK ({d}) are not a valid birth date (DDMMYY; for women the day plus 40)."
                ),
            ),
            NikError::ZeroSerial => (
                "Empat digit terakhir NIK (nomor urut) tidak boleh 0000.".to_string(),
                "The last four digits of the NIK (serial number) cannot be 0000.".to_string(),
            ),
        };
        Finding::error(field, self.code(), id, en)
    }
}

/// What a valid NIK encodes, for showing next to the field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct NikInfo {
    #[cfg_attr(feature = "server", schema(example = "3204054508900001"))]
    pub nik: String,
    #[cfg_attr(feature = "server", schema(example = "32"))]
    pub province_code: String,
    pub province_name: Option<String>,
    #[cfg_attr(feature = "server", schema(example = "32.04"))]
    pub regency_code: String,
    pub regency_name: Option<String>,
    #[cfg_attr(feature = "server", schema(example = "32.04.05"))]
    pub district_code: String,
    pub district_name: Option<String>,
    pub birth_date: NaiveDate,
    pub gender: Gender,
    #[cfg_attr(feature = "server", schema(example = "0001"))]
    pub serial: String,
}

/// What the digits typed so far encode: each part appears once its digits are there and make
/// sense, so a form can show the region after 6 digits and the birth date after 12.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct NikPreview {
    /// The digits read (spaces dropped).
    pub digits: String,
    pub province_name: Option<String>,
    pub regency_name: Option<String>,
    pub district_name: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub gender: Option<Gender>,
    /// Exactly 16 digits were typed (the NIK may still break a rule: see [`check_nik`]).
    pub complete: bool,
}

/// Reads as much of a NIK as has been typed. Anything but digits and spaces gives an empty preview.
pub fn preview(input: &str, today: NaiveDate) -> NikPreview {
    let digits = normalise(input);
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return NikPreview::default();
    }
    let part = |range: std::ops::Range<usize>| digits.get(range).map(|s| num(s) as u8);
    let mut p = NikPreview { complete: digits.len() == NIK_DIGITS, ..NikPreview::default() };
    if let Some(pp) = part(0..2) {
        p.province_name = region::province_name(pp).map(str::to_string);
        if let Some(rr) = part(2..4) {
            p.regency_name = region::regency_name(pp, rr);
            if let Some(dd) = part(4..6) {
                p.district_name = region::district_name(pp, rr, dd).map(str::to_string);
            }
        }
    }
    if digits.len() >= 12 {
        let (day, month, yy, gender) = date_parts(&digits);
        let raw_day = num(&digits[6..8]);
        if (1..=31).contains(&raw_day) || (41..=71).contains(&raw_day) {
            p.birth_date = resolve_birth_date(day, month, yy, Some(today));
            p.gender = p.birth_date.map(|_| gender);
        }
    }
    p.digits = digits;
    p
}

/// What the rest of the record says about the NIK's holder, to compare with what the NIK encodes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Holder {
    pub birth_date: Option<NaiveDate>,
    pub gender: Option<Gender>,
}

/// Every finding about a NIK field: hard errors, unknown-region warnings, and disagreement with the
/// holder's birth date and gender. The parsed NIK comes back when there is no error.
pub fn check_nik(field: &str, input: &str, holder: Holder, today: NaiveDate) -> (Option<Nik>, Vec<Finding>) {
    let nik = match Nik::parse(input) {
        Ok(nik) => nik,
        Err(errors) => return (None, errors.iter().map(|e| e.finding(field)).collect()),
    };
    let mut findings = nik.region_findings(field);
    if let Some(birth) = holder.birth_date {
        if !nik.agrees_with_birth_date(birth) {
            let encoded = format_date(nik.birth_date(today));
            findings.push(Finding::error(
                field,
                "nik_birth_date_mismatch",
                format!(
                    "NIK menunjukkan tanggal lahir {encoded}, tetapi tanggal lahir yang diisi {}.",
                    format_date(birth)
                ),
                format!(
                    "The NIK encodes the birth date {encoded}, but the birth date given is {}.",
                    format_date(birth)
                ),
            ));
        }
    }
    if let Some(gender) = holder.gender {
        let encoded = nik.gender();
        if encoded != gender {
            findings.push(Finding::error(
                field,
                "nik_gender_mismatch",
                format!(
                    "NIK menunjukkan jenis kelamin {} (tanggal lahir di NIK {}), tetapi yang diisi {}.",
                    encoded.label(crate::Lang::Id),
                    if encoded == Gender::Female { "ditambah 40" } else { "tidak ditambah 40" },
                    gender.label(crate::Lang::Id)
                ),
                format!(
                    "The NIK encodes the gender {} (its birth day is {}), but the gender given is {}.",
                    encoded.label(crate::Lang::En),
                    if encoded == Gender::Female { "plus 40" } else { "not plus 40" },
                    gender.label(crate::Lang::En)
                ),
            ));
        }
    }
    (Some(nik), findings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    const TODAY: (i32, u32, u32) = (2025, 6, 15);

    fn today() -> NaiveDate {
        date(TODAY.0, TODAY.1, TODAY.2)
    }

    fn codes(input: &str) -> Vec<&'static str> {
        match Nik::parse(input) {
            Ok(_) => vec![],
            Err(e) => e.iter().map(NikError::code).collect(),
        }
    }

    #[test]
    fn valid_niks_decode_to_region_birth_date_and_gender() {
        let cases = [
            // man, Kebayoran Lama, 12-04-1990
            ("3174051204900001", "31.74.05", Some("Kebayoran Lama"), date(1990, 4, 12), Gender::Male, 1),
            // woman: day 52 = 12 + 40
            ("3174055204900002", "31.74.05", Some("Kebayoran Lama"), date(1990, 4, 12), Gender::Female, 2),
            // woman born on the 1st (41) and on the 31st (71)
            ("3204054101850123", "32.04.05", Some("Cileunyi"), date(1985, 1, 1), Gender::Female, 123),
            ("3204057112999999", "32.04.05", Some("Cileunyi"), date(1999, 12, 31), Gender::Female, 9999),
            // man born on the 31st
            ("5103013112000010", "51.03.01", Some("Kuta"), date(2000, 12, 31), Gender::Male, 10),
            // two-digit years: 24 is 2024 (in the past), 26 is 1926 (2026 is still to come)
            ("3174050101240001", "31.74.05", Some("Kebayoran Lama"), date(2024, 1, 1), Gender::Male, 1),
            ("3174050101260001", "31.74.05", Some("Kebayoran Lama"), date(1926, 1, 1), Gender::Male, 1),
            // the birthday this year is still to come: 16-06-25 is 1925, 15-06-25 is today
            ("3174051606250001", "31.74.05", Some("Kebayoran Lama"), date(1925, 6, 16), Gender::Male, 1),
            ("3174051506250001", "31.74.05", Some("Kebayoran Lama"), date(2025, 6, 15), Gender::Male, 1),
            // leap days: 2000 and 2024 are leap years; 29-02-00 only exists in 2000, not in 1900
            ("3174052902000001", "31.74.05", Some("Kebayoran Lama"), date(2000, 2, 29), Gender::Male, 1),
            ("3174056902240001", "31.74.05", Some("Kebayoran Lama"), date(2024, 2, 29), Gender::Female, 1),
            ("3174056902880001", "31.74.05", Some("Kebayoran Lama"), date(1988, 2, 29), Gender::Female, 1),
            // spaces inside are dropped
            (" 3174 0512 0490 0001 ", "31.74.05", Some("Kebayoran Lama"), date(1990, 4, 12), Gender::Male, 1),
        ];
        for (input, district, district_name, birth, gender, serial) in cases {
            let nik = Nik::parse(input).unwrap_or_else(|e| panic!("{input}: {e:?}"));
            let info = nik.decode(today());
            assert_eq!(info.district_code, district, "{input}");
            assert_eq!(info.district_name.as_deref(), district_name, "{input}");
            assert_eq!(info.birth_date, birth, "{input}");
            assert_eq!(info.gender, gender, "{input}");
            assert_eq!(nik.serial(), serial, "{input}");
            assert!(nik.region_findings("nik").is_empty(), "{input}");
        }
    }

    #[test]
    fn broken_niks_are_refused_with_every_reason() {
        let cases: &[(&str, &[&str])] = &[
            ("", &["nik_required"]),
            ("   ", &["nik_required"]),
            ("317405120490000", &["nik_wrong_length"]),
            ("31740512049000011", &["nik_wrong_length"]),
            ("3174", &["nik_wrong_length"]),
            ("31740512049O0001", &["nik_not_digits"]),
            ("3.17405E+15", &["nik_not_digits"]),
            ("3174-0512-0490-0001", &["nik_not_digits"]),
            // province codes that do not exist
            ("0074051204900001", &["nik_province_unknown"]),
            ("9974051204900001", &["nik_province_unknown"]),
            ("2074051204900001", &["nik_province_unknown"]),
            ("5474051204900001", &["nik_province_unknown"]),
            ("3100051204900001", &["nik_regency_invalid"]),
            ("3174001204900001", &["nik_district_invalid"]),
            // days: 00, 32-40 and above 71 are no day; month 00 and 13 are no month
            ("3174050004900001", &["nik_birth_date_invalid"]),
            ("3174053204900001", &["nik_birth_date_invalid"]),
            ("3174054004900001", &["nik_birth_date_invalid"]),
            ("3174057204900001", &["nik_birth_date_invalid"]),
            ("3174051200900001", &["nik_birth_date_invalid"]),
            ("3174051213900001", &["nik_birth_date_invalid"]),
            // 31 April, 30 February (man and woman)
            ("3174053104900001", &["nik_birth_date_invalid"]),
            ("3174053002900001", &["nik_birth_date_invalid"]),
            ("3174057002900001", &["nik_birth_date_invalid"]),
            // 29 February of common years (1923/2023, 1901/2001)
            ("3174052902230001", &["nik_birth_date_invalid"]),
            ("3174056902010001", &["nik_birth_date_invalid"]),
            ("3174051204900000", &["nik_serial_zero"]),
            // several at once
            (
                "9900003213990000",
                &[
                    "nik_province_unknown",
                    "nik_regency_invalid",
                    "nik_district_invalid",
                    "nik_birth_date_invalid",
                    "nik_serial_zero",
                ],
            ),
        ];
        for (input, want) in cases {
            assert_eq!(codes(input), *want, "{input:?}");
        }
    }

    #[test]
    fn unknown_regencies_and_districts_are_warnings_not_errors() {
        let cases = [
            ("3174051204900001", vec![]),
            // Kabupaten Bandung has no district 01: its numbering starts at 05
            ("3204011204900001", vec!["nik_district_unknown"]),
            // Merauke before Papua Selatan was formed (now 93.01)
            ("9101011204900001", vec!["nik_regency_unknown"]),
            // Jakarta has no regency 50
            ("3150011204900001", vec!["nik_regency_unknown"]),
            ("3174991204900001", vec!["nik_district_unknown"]),
        ];
        for (input, want) in cases {
            let (nik, findings) = check_nik("nik", input, Holder::default(), today());
            assert!(nik.is_some(), "{input}");
            assert!(findings.iter().all(|f| !f.is_error()), "{input}");
            assert_eq!(findings.iter().map(|f| f.code).collect::<Vec<_>>(), want, "{input}");
        }
    }

    #[test]
    fn the_nik_must_agree_with_the_birth_date_and_gender_given() {
        let woman = "3174055204900002"; // 12-04-1990, female
        let cases = [
            (woman, Some(date(1990, 4, 12)), Some(Gender::Female), vec![]),
            (woman, Some(date(1990, 4, 13)), Some(Gender::Female), vec!["nik_birth_date_mismatch"]),
            (woman, Some(date(1991, 4, 12)), Some(Gender::Female), vec!["nik_birth_date_mismatch"]),
            (woman, Some(date(1990, 4, 12)), Some(Gender::Male), vec!["nik_gender_mismatch"]),
            (
                woman,
                Some(date(1990, 5, 12)),
                Some(Gender::Male),
                vec!["nik_birth_date_mismatch", "nik_gender_mismatch"],
            ),
            (woman, None, None, vec![]),
            // a man's NIK with the day typed +40 reads as a woman's
            ("3174051204900001", Some(date(1990, 4, 12)), Some(Gender::Female), vec!["nik_gender_mismatch"]),
            // the NIK has two year digits: a centenarian born in 1925 agrees with ..25
            ("3174051606250001", Some(date(1925, 6, 16)), Some(Gender::Male), vec![]),
            ("3174050101250001", Some(date(1925, 1, 1)), Some(Gender::Male), vec![]),
            ("3174052902000001", Some(date(2000, 2, 29)), Some(Gender::Male), vec![]),
        ];
        for (input, birth_date, gender, want) in cases {
            let (_, findings) = check_nik("nik", input, Holder { birth_date, gender }, today());
            assert_eq!(findings.iter().map(|f| f.code).collect::<Vec<_>>(), want, "{input} {birth_date:?}");
            assert!(findings.iter().all(|f| f.is_error() && f.field == "nik"));
        }
    }

    #[test]
    fn messages_name_the_problem_in_both_languages() {
        let (_, findings) = check_nik("family[1].nik", "317405120490001", Holder::default(), today());
        let f = &findings[0];
        assert_eq!(f.field, "family[1].nik");
        assert_eq!(f.message(crate::Lang::Id), "NIK harus 16 digit (terisi 15 digit).");
        assert_eq!(f.message(crate::Lang::En), "A NIK has 16 digits (this one has 15).");
    }

    #[test]
    fn a_nik_is_masked_to_its_region_and_serial() {
        let nik = Nik::parse("3174055204900002").unwrap();
        assert_eq!(nik.masked(), "3174********0002");
    }

    #[test]
    fn a_partly_typed_nik_shows_what_it_encodes_so_far() {
        let p = preview("32", today());
        assert_eq!(p.province_name.as_deref(), Some("Jawa Barat"));
        assert_eq!(p.regency_name, None);
        let p = preview("3204 05", today());
        assert_eq!(p.regency_name.as_deref(), Some("Kabupaten Bandung"));
        assert_eq!(p.district_name.as_deref(), Some("Cileunyi"));
        assert_eq!(p.birth_date, None);
        let p = preview("320405690224", today());
        assert_eq!(p.birth_date, Some(date(2024, 2, 29)));
        assert_eq!(p.gender, Some(Gender::Female));
        assert!(!p.complete);
        let p = preview("320405300224", today());
        assert_eq!(p.birth_date, None);
        assert!(preview("3204055204900001", today()).complete);
        assert_eq!(preview("32a", today()), NikPreview::default());
    }

    #[test]
    fn assembling_refuses_unknown_districts_and_bad_serials() {
        let kebayoran = DistrictCode::parse("31.74.05").unwrap();
        let birth = date(1990, 4, 12);
        assert_eq!(
            Nik::assemble(kebayoran, birth, Gender::Female, 2).map(String::from).as_deref(),
            Some("3174055204900002")
        );
        assert_eq!(Nik::assemble(kebayoran, birth, Gender::Male, 0), None);
        assert_eq!(Nik::assemble(kebayoran, birth, Gender::Male, 10_000), None);
        assert_eq!(Nik::assemble(DistrictCode::parse("32.04.01").unwrap(), birth, Gender::Male, 1), None);
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    fn district() -> impl Strategy<Value = DistrictCode> {
        let all: Vec<DistrictCode> = region::districts().collect();
        prop::sample::select(all)
    }

    fn birth_date() -> impl Strategy<Value = NaiveDate> {
        // Every day from 1 Jan 1926 to 15 Jun 2025: within a century of `today`, so the two-digit
        // year decodes unambiguously.
        let first = NaiveDate::from_ymd_opt(1926, 1, 1).unwrap();
        let last = NaiveDate::from_ymd_opt(2025, 6, 15).unwrap();
        (0..=(last - first).num_days()).prop_map(move |d| first + chrono::Days::new(d as u64))
    }

    fn gender() -> impl Strategy<Value = Gender> {
        prop_oneof![Just(Gender::Male), Just(Gender::Female)]
    }

    proptest! {
        #[test]
        fn a_nik_assembled_from_valid_parts_parses_and_decodes_back(
            district in district(),
            birth in birth_date(),
            gender in gender(),
            serial in 1u16..=9999,
        ) {
            let today = NaiveDate::from_ymd_opt(2025, 6, 15).unwrap();
            let nik = Nik::assemble(district, birth, gender, serial);
            prop_assert!(nik.is_some());
            let nik = nik.unwrap();
            let reparsed = Nik::parse(nik.as_str());
            prop_assert_eq!(reparsed.as_ref(), Ok(&nik));
            let info = nik.decode(today);
            prop_assert_eq!(info.district_code, district.to_string());
            prop_assert_eq!(info.birth_date, birth);
            prop_assert_eq!(info.gender, gender);
            prop_assert_eq!(nik.serial(), serial);
            prop_assert!(info.province_name.is_some() && info.regency_name.is_some() && info.district_name.is_some());
            let (checked, findings) = check_nik("nik", nik.as_str(), Holder { birth_date: Some(birth), gender: Some(gender) }, today);
            prop_assert_eq!(checked, Some(nik));
            prop_assert!(findings.is_empty(), "{:?}", findings);
        }

        #[test]
        fn any_input_is_answered_without_panicking(input in "\\PC{0,20}") {
            let _ = Nik::parse(&input);
            let _ = preview(&input, NaiveDate::from_ymd_opt(2025, 6, 15).unwrap());
        }

        #[test]
        fn sixteen_digit_strings_either_parse_or_say_why(digits in "[0-9]{16}") {
            match Nik::parse(&digits) {
                Ok(nik) => prop_assert_eq!(nik.as_str(), digits.as_str()),
                Err(errors) => prop_assert!(!errors.is_empty()),
            }
        }
    }
}
