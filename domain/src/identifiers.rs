//! BPJS's own numbers: the card number (noka) and the code of a health facility (kode faskes).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Finding;

/// Nomor kartu BPJS Kesehatan: 13 digits, kept as text because it starts with zeros
/// (`0001234567890`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Noka(String);

pub const NOKA_DIGITS: usize = 13;

impl Noka {
    /// Drops spaces, then wants exactly 13 digits.
    pub fn parse(input: &str) -> Result<Noka, Finding> {
        Noka::parse_for("noka", input)
    }

    /// As [`Noka::parse`], with the finding about `field`.
    pub fn parse_for(field: &str, input: &str) -> Result<Noka, Finding> {
        let digits: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if let Some(c) = digits.chars().find(|c| !c.is_ascii_digit()) {
            return Err(Finding::error(
                field,
                "noka_not_digits",
                format!("Nomor kartu BPJS hanya boleh berisi angka (ada \u{201c}{c}\u{201d})."),
                format!("A BPJS card number has digits only (found \u{201c}{c}\u{201d})."),
            ));
        }
        if digits.len() != NOKA_DIGITS {
            let n = digits.len();
            return Err(Finding::error(
                field,
                "noka_wrong_length",
                format!("Nomor kartu BPJS harus 13 digit, termasuk angka 0 di depan (terisi {n} digit)."),
                format!("A BPJS card number has 13 digits, leading zeros included (this one has {n})."),
            ));
        }
        Ok(Noka(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Kode faskes: the 8-character code BPJS gives a health facility. Two shapes are in use: four
/// digits (the BPJS branch), a letter for the kind of facility and three digits, as `0138U020` (a
/// clinic or doctor; hospitals have `R`), and eight digits, as `03010701` (a puskesmas). Only the
/// shape can be checked here; whether the facility exists is BPJS's to say.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct FaskesCode(String);

pub const FASKES_CODE_CHARS: usize = 8;

impl FaskesCode {
    /// Trims and upper-cases, then wants `NNNNANNN` or `NNNNNNNN`.
    pub fn parse(input: &str) -> Result<FaskesCode, Finding> {
        FaskesCode::parse_for("faskes_code", input)
    }

    /// As [`FaskesCode::parse`], with the finding about `field`.
    pub fn parse_for(field: &str, input: &str) -> Result<FaskesCode, Finding> {
        let code = input.trim().to_ascii_uppercase();
        let b = code.as_bytes();
        let shape_ok = b.len() == FASKES_CODE_CHARS
            && b[0..4].iter().all(u8::is_ascii_digit)
            && (b[4].is_ascii_uppercase() || b[4].is_ascii_digit())
            && b[5..8].iter().all(u8::is_ascii_digit);
        if !shape_ok {
            return Err(Finding::error(
                field,
                "faskes_code_invalid",
                "Kode faskes terdiri dari 8 karakter: 4 angka, 1 huruf atau angka, 3 angka (contoh: 0138U020 atau 03010701).",
                "A facility code has 8 characters: 4 digits, a letter or digit, 3 digits (e.g. 0138U020 or 03010701).",
            ));
        }
        Ok(FaskesCode(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

macro_rules! string_newtype {
    ($t:ty) => {
        impl TryFrom<String> for $t {
            type Error = &'static str;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                <$t>::parse(&value).map_err(|f| f.code)
            }
        }

        impl From<$t> for String {
            fn from(value: $t) -> String {
                value.0
            }
        }

        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

string_newtype!(Noka);
string_newtype!(FaskesCode);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_numbers_are_thirteen_digits_with_their_leading_zeros() {
        let cases = [
            ("0001234567890", Ok("0001234567890")),
            (" 0001 2345 6789 0 ", Ok("0001234567890")),
            ("1234567890", Err("noka_wrong_length")),
            ("00012345678901", Err("noka_wrong_length")),
            ("", Err("noka_wrong_length")),
            ("000123456789O", Err("noka_not_digits")),
            ("1.23457E+12", Err("noka_not_digits")),
        ];
        for (input, want) in cases {
            assert_eq!(Noka::parse(input).as_ref().map(Noka::as_str).map_err(|f| f.code), want, "{input:?}");
        }
    }

    #[test]
    fn facility_codes_have_one_of_the_two_shapes_bpjs_uses() {
        let cases = [
            ("0138U020", Ok("0138U020")),
            (" 0114u163 ", Ok("0114U163")),
            ("0301R001", Ok("0301R001")),
            ("03010701", Ok("03010701")),
            ("0138U02", Err("faskes_code_invalid")),
            ("0138U0200", Err("faskes_code_invalid")),
            ("0138UU20", Err("faskes_code_invalid")),
            ("A138U020", Err("faskes_code_invalid")),
            ("0138-020", Err("faskes_code_invalid")),
            ("0138É020", Err("faskes_code_invalid")),
            ("", Err("faskes_code_invalid")),
        ];
        for (input, want) in cases {
            assert_eq!(
                FaskesCode::parse(input).as_ref().map(FaskesCode::as_str).map_err(|f| f.code),
                want,
                "{input:?}"
            );
        }
    }
}
