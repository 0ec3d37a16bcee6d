//! A person as Dukcapil records them: name, gender, marital status, dates of life events.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize};

use crate::{Finding, Lang};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    /// Laki-laki (L).
    Male,
    /// Perempuan (P).
    Female,
}

impl Gender {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Gender::Male => lang.pick("laki-laki", "male"),
            Gender::Female => lang.pick("perempuan", "female"),
        }
    }

    /// Reads the codes found in rosters and the e-Dabu form: `L`/`P`, `1`/`2`, the words in either
    /// language.
    pub fn from_code(code: &str) -> Option<Gender> {
        match code.trim().to_lowercase().as_str() {
            "l" | "1" | "lk" | "laki-laki" | "laki laki" | "pria" | "m" | "male" => Some(Gender::Male),
            "p" | "2" | "pr" | "perempuan" | "wanita" | "f" | "female" => Some(Gender::Female),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MaritalStatus {
    /// Belum kawin.
    Single,
    /// Kawin.
    Married,
    /// Cerai hidup.
    Divorced,
    /// Cerai mati.
    Widowed,
}

impl MaritalStatus {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            MaritalStatus::Single => lang.pick("belum kawin", "single"),
            MaritalStatus::Married => lang.pick("kawin", "married"),
            MaritalStatus::Divorced => lang.pick("cerai hidup", "divorced"),
            MaritalStatus::Widowed => lang.pick("cerai mati", "widowed"),
        }
    }
}

/// Longest name we keep. Dukcapil allows 60 characters for names recorded since 2022
/// (Permendagri 73/2022); older records can be longer, and titles are often typed along.
pub const NAME_MAX_CHARS: usize = 100;

/// A person's name: trimmed, runs of spaces collapsed to one, typographic apostrophes made plain.
/// Letters of any script, spaces, apostrophes, dots, commas and hyphens; no digits.
/// `Siti Nur'aini`, `I Gusti Ngurah Rai`, `Muh. Ali, S.E.`, `Ni Luh Putu Ayu-Sari` are all names.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PersonName(String);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameError {
    Empty,
    TooLong,
    /// The first digit found.
    ContainsDigit(char),
    /// The first character that is not a letter, space, apostrophe, dot, comma or hyphen.
    InvalidCharacter(char),
    /// Only punctuation, no letter.
    NoLetter,
}

fn is_apostrophe(c: char) -> bool {
    // ’ ‘ ʼ ` ´ are what phones and word processors put where people type an apostrophe.
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' | '\u{00B4}')
}

fn is_combining_mark(c: char) -> bool {
    // A decomposed accent (e + U+0301) is part of a letter.
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}')
}

impl PersonName {
    pub fn parse(input: &str) -> Result<PersonName, NameError> {
        let mut out = String::with_capacity(input.len());
        for word in input.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            for c in word.chars() {
                if c.is_numeric() {
                    return Err(NameError::ContainsDigit(c));
                }
                if is_apostrophe(c) {
                    out.push('\'');
                } else if c.is_alphabetic() || is_combining_mark(c) || matches!(c, '.' | ',' | '-') {
                    out.push(c);
                } else {
                    return Err(NameError::InvalidCharacter(c));
                }
            }
        }
        if out.is_empty() {
            return Err(NameError::Empty);
        }
        if out.chars().count() > NAME_MAX_CHARS {
            return Err(NameError::TooLong);
        }
        if !out.chars().any(char::is_alphabetic) {
            return Err(NameError::NoLetter);
        }
        Ok(PersonName(out))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl NameError {
    pub fn code(&self) -> &'static str {
        match self {
            NameError::Empty => "name_required",
            NameError::TooLong => "name_too_long",
            NameError::ContainsDigit(_) => "name_contains_digit",
            NameError::InvalidCharacter(_) => "name_invalid_character",
            NameError::NoLetter => "name_without_letters",
        }
    }

    pub fn finding(&self, field: &str) -> Finding {
        let (id, en) = match self {
            NameError::Empty => ("Nama wajib diisi.".to_string(), "The name is required.".to_string()),
            NameError::TooLong => (
                format!("Nama maksimal {NAME_MAX_CHARS} karakter."),
                format!("The name may have at most {NAME_MAX_CHARS} characters."),
            ),
            NameError::ContainsDigit(c) => (
                format!("Nama tidak boleh mengandung angka (\u{201c}{c}\u{201d})."),
                format!("A name cannot contain digits (\u{201c}{c}\u{201d})."),
            ),
            NameError::InvalidCharacter(c) => (
                format!(
                    "Karakter \u{201c}{c}\u{201d} tidak boleh ada di nama. Yang boleh: huruf, spasi, apostrof ('), titik, koma dan tanda hubung."
                ),
                format!(
                    "The character \u{201c}{c}\u{201d} cannot be in a name. Allowed: letters, spaces, apostrophes ('), dots, commas and hyphens."
                ),
            ),
            NameError::NoLetter => {
                ("Nama harus berisi huruf.".to_string(), "A name must contain letters.".to_string())
            }
        };
        Finding::error(field, self.code(), id, en)
    }
}

impl TryFrom<String> for PersonName {
    type Error = &'static str;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        PersonName::parse(&value).map_err(|e| e.code())
    }
}

impl From<PersonName> for String {
    fn from(value: PersonName) -> String {
        value.0
    }
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Reads a date as forms and rosters write it: `2024-02-29` (ISO, what a date input sends),
/// `29/02/2024` or `29-02-2024` (Indonesian order, as the e-Dabu form asks). Four-digit years
/// only. `None` when it is not a real date.
pub fn parse_date(input: &str) -> Option<NaiveDate> {
    let s = input.trim();
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    let [a, b, c] = parts.as_slice() else { return None };
    let num = |p: &str| {
        (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let (year, month, day) = if a.len() == 4 && s.as_bytes().get(4) == Some(&b'-') {
        (num(a)?, num(b)?, num(c)?)
    } else if c.len() == 4 && a.len() <= 2 && b.len() <= 2 {
        (num(c)?, num(b)?, num(a)?)
    } else {
        return None;
    };
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// Full years of age on a day. Someone born on 29 February is a year older on 1 March of a common
/// year.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> u32 {
    on.years_since(birth).unwrap_or(0)
}

/// `dd-mm-yyyy`, how dates are shown in messages (the order Indonesians read).
pub fn format_date(date: NaiveDate) -> String {
    format!("{:02}-{:02}-{:04}", date.day(), date.month(), date.year())
}

/// Reads a date field: `Ok(None)` when empty, a finding when it is not a real date.
pub fn check_date(field: &str, input: &str) -> Result<Option<NaiveDate>, Finding> {
    if input.trim().is_empty() {
        return Ok(None);
    }
    parse_date(input).map(Some).ok_or_else(|| {
        Finding::error(
            field,
            "date_invalid",
            format!("\u{201c}{}\u{201d} bukan tanggal yang valid (contoh: 1990-08-17 atau 17/08/1990).", input.trim()),
            format!("\u{201c}{}\u{201d} is not a valid date (example: 1990-08-17 or 17/08/1990).", input.trim()),
        )
    })
}

/// Reads a date that must be given.
pub fn check_required_date(field: &str, input: &str) -> Result<NaiveDate, Finding> {
    match check_date(field, input)? {
        Some(d) => Ok(d),
        None => Err(required(field)),
    }
}

/// The finding for a field that must be filled in.
pub fn required(field: &str) -> Finding {
    Finding::error(field, "required", "Wajib diisi.", "This field is required.")
}

/// A date that must not lie after `today` (a birth date).
pub fn check_not_future(field: &str, date: NaiveDate, today: NaiveDate) -> Option<Finding> {
    (date > today).then(|| {
        Finding::error(
            field,
            "date_in_future",
            format!("Tanggal {} belum terjadi.", format_date(date)),
            format!("The date {} lies in the future.", format_date(date)),
        )
    })
}

/// Deserialises a JSON `null` as an empty string: integrators send `null` for an empty field.
pub(crate) fn string_or_null<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn real_names_are_accepted_and_tidied() {
        let cases = [
            ("Siti Nur'aini", "Siti Nur'aini"),
            ("I Gusti Ngurah Rai", "I Gusti Ngurah Rai"),
            ("Muh. Ali, S.E.", "Muh. Ali, S.E."),
            ("Ni Luh Putu Ayu-Sari", "Ni Luh Putu Ayu-Sari"),
            ("  Sukarno  ", "Sukarno"),
            ("Ahmad   Dhani\tPrasetyo", "Ahmad Dhani Prasetyo"),
            ("Nur\u{2019}aini", "Nur'aini"),
            ("Ma`ruf", "Ma'ruf"),
            ("Ir. H. Joko Widodo", "Ir. H. Joko Widodo"),
            ("dr. Andi Fatimah, Sp.A.", "dr. Andi Fatimah, Sp.A."),
            ("R.A. Kartini", "R.A. Kartini"),
            ("René Müller", "René Müller"),
            ("Rene\u{0301} Mu\u{0308}ller", "Rene\u{0301} Mu\u{0308}ller"),
            ("Lâm Thị Hương", "Lâm Thị Hương"),
            ("O'Neil", "O'Neil"),
            ("Tan Sioe Lie", "Tan Sioe Lie"),
            ("李小龙", "李小龙"),
            ("A", "A"),
            ("Ni\u{00A0}Made Sri", "Ni Made Sri"),
        ];
        for (input, want) in cases {
            assert_eq!(PersonName::parse(input).map(String::from), Ok(want.to_string()), "{input:?}");
        }
    }

    #[test]
    fn names_with_digits_symbols_or_nothing_are_refused() {
        let cases = [
            ("", NameError::Empty),
            ("   ", NameError::Empty),
            ("Budi 2", NameError::ContainsDigit('2')),
            ("Siti Aminah 3174", NameError::ContainsDigit('3')),
            ("Budi_Santoso", NameError::InvalidCharacter('_')),
            ("Budi@Santoso", NameError::InvalidCharacter('@')),
            ("Budi (Alm)", NameError::InvalidCharacter('(')),
            ("Budi/Santoso", NameError::InvalidCharacter('/')),
            ("...", NameError::NoLetter),
            ("- -", NameError::NoLetter),
        ];
        for (input, want) in cases {
            assert_eq!(PersonName::parse(input), Err(want), "{input:?}");
        }
        assert_eq!(PersonName::parse(&"a".repeat(NAME_MAX_CHARS + 1)), Err(NameError::TooLong));
        assert!(PersonName::parse(&"a".repeat(NAME_MAX_CHARS)).is_ok());
    }

    #[test]
    fn dates_are_read_in_iso_and_indonesian_order() {
        let cases = [
            ("2024-02-29", Some(date(2024, 2, 29))),
            ("29/02/2024", Some(date(2024, 2, 29))),
            ("29-02-2024", Some(date(2024, 2, 29))),
            ("1/2/1990", Some(date(1990, 2, 1))),
            (" 17.08.1945 ", Some(date(1945, 8, 17))),
            ("2023-02-29", None),
            ("29/02/2023", None),
            ("1900-02-29", None),
            ("2000-02-29", Some(date(2000, 2, 29))),
            ("31/04/1990", None),
            ("1990-13-01", None),
            ("29/02/24", None),
            ("2024/02/29", None),
            ("2024-2-29", Some(date(2024, 2, 29))),
            ("tanggal", None),
            ("", None),
            ("+2024-02-29", None),
        ];
        for (input, want) in cases {
            assert_eq!(parse_date(input), want, "{input:?}");
        }
    }

    #[test]
    fn age_counts_full_years_and_leap_day_birthdays_come_on_the_first_of_march() {
        let cases = [
            (date(2000, 1, 15), date(2015, 1, 14), 14),
            (date(2000, 1, 15), date(2015, 1, 15), 15),
            (date(2004, 2, 29), date(2022, 2, 28), 17),
            (date(2004, 2, 29), date(2022, 3, 1), 18),
            (date(2004, 2, 29), date(2024, 2, 29), 20),
            (date(2010, 5, 1), date(2000, 1, 1), 0),
        ];
        for (birth, on, want) in cases {
            assert_eq!(age_on(birth, on), want, "{birth} on {on}");
        }
    }

    #[test]
    fn gender_codes_from_rosters_are_understood() {
        for (code, want) in
            [("L", Some(Gender::Male)), ("p", Some(Gender::Female)), ("2", Some(Gender::Female)), ("x", None)]
        {
            assert_eq!(Gender::from_code(code), want, "{code}");
        }
    }
}
