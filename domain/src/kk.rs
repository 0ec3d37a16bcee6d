//! No. KK, the number of a family card (Kartu Keluarga): 16 digits beginning with the code of the
//! region that issued it. Unlike a NIK it changes when the family moves, splits, divorces or its
//! head dies, so a worker has a history of them.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::region;
use crate::Finding;

pub const KK_DIGITS: usize = 16;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct NoKk(String);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KkError {
    Empty,
    NotDigits(char),
    WrongLength(usize),
    UnknownProvince(String),
}

impl NoKk {
    /// Drops spaces, then wants 16 digits starting with a known province code.
    pub fn parse(input: &str) -> Result<NoKk, KkError> {
        let digits: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.is_empty() {
            return Err(KkError::Empty);
        }
        if let Some(c) = digits.chars().find(|c| !c.is_ascii_digit()) {
            return Err(KkError::NotDigits(c));
        }
        if digits.len() != KK_DIGITS {
            return Err(KkError::WrongLength(digits.len()));
        }
        let province = digits[0..2].parse::<u8>().ok().and_then(region::province_name);
        if province.is_none() {
            return Err(KkError::UnknownProvince(digits[0..2].to_string()));
        }
        Ok(NoKk(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `3174********0001`, like a masked NIK.
    pub fn masked(&self) -> String {
        format!("{}********{}", &self.0[0..4], &self.0[12..16])
    }
}

impl KkError {
    pub fn code(&self) -> &'static str {
        match self {
            KkError::Empty => "kk_required",
            KkError::NotDigits(_) => "kk_not_digits",
            KkError::WrongLength(_) => "kk_wrong_length",
            KkError::UnknownProvince(_) => "kk_province_unknown",
        }
    }

    pub fn finding(&self, field: &str) -> Finding {
        let (id, en) = match self {
            KkError::Empty => {
                ("Nomor KK wajib diisi.".to_string(), "The family card number (KK) is required.".to_string())
            }
            KkError::NotDigits(c) => (
                format!("Nomor KK hanya boleh berisi angka (ada \u{201c}{c}\u{201d})."),
                format!("A family card number has digits only (found \u{201c}{c}\u{201d})."),
            ),
            KkError::WrongLength(n) => (
                format!("Nomor KK harus 16 digit (terisi {n} digit)."),
                format!("A family card number has 16 digits (this one has {n})."),
            ),
            KkError::UnknownProvince(p) => (
                format!("Dua digit pertama nomor KK ({p}) bukan kode provinsi yang dikenal."),
                format!("The first two digits of the family card number ({p}) are not a known province code."),
            ),
        };
        Finding::error(field, self.code(), id, en)
    }
}

impl TryFrom<String> for NoKk {
    type Error = &'static str;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        NoKk::parse(&value).map_err(|e| e.code())
    }
}

impl From<NoKk> for String {
    fn from(value: NoKk) -> String {
        value.0
    }
}

impl fmt::Display for NoKk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn family_card_numbers_need_sixteen_digits_and_a_known_province() {
        let cases = [
            ("3174050101100003", Ok("3174050101100003")),
            (" 3174 0501 0110 0003 ", Ok("3174050101100003")),
            ("9601012003220001", Ok("9601012003220001")),
            ("", Err("kk_required")),
            ("317405010110000", Err("kk_wrong_length")),
            ("31740501011000031", Err("kk_wrong_length")),
            ("3174O50101100003", Err("kk_not_digits")),
            ("3.17405E+15", Err("kk_not_digits")),
            ("0074050101100003", Err("kk_province_unknown")),
            ("9974050101100003", Err("kk_province_unknown")),
        ];
        for (input, want) in cases {
            let got = NoKk::parse(input);
            assert_eq!(got.as_ref().map(NoKk::as_str).map_err(KkError::code), want, "{input:?}");
        }
        assert_eq!(NoKk::parse("3174050101100003").map(|k| k.masked()), Ok("3174********0003".to_string()));
    }
}
