//! Kemendagri region codes: 38 provinces, 514 regencies/cities and 7,285 districts, as NIK and
//! No. KK numbers begin with them. The table is derived from `idn-area-data` 4.0.1 (ODbL, see
//! `domain/data/REGIONS-LICENSE.md`) and compiled in, so the browser names a region without asking
//! the server. It is read once, on first use.
//!
//! A code missing from the table is not proof that a number is false: a person keeps the NIK of the
//! region that first issued it, and regions are split and renumbered (Papua in 2022, Kalimantan
//! Utara in 2012). That is why the NIK rules treat an unknown regency or district as a warning.

use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

static SOURCE: &str = include_str!("../data/regions.txt");

struct Table {
    /// `(province, name)`, sorted by code.
    provinces: Vec<(u8, &'static str)>,
    /// `(province * 100 + regency, name without "Kabupaten"/"Kota")`, sorted by code.
    regencies: Vec<(u16, &'static str)>,
    /// `(province * 10_000 + regency * 100 + district, name)`, sorted by code.
    districts: Vec<(u32, &'static str)>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| parse_table(SOURCE))
}

fn two_digits(s: &str) -> Option<u8> {
    let b = s.as_bytes();
    (b.len() == 2 && b.iter().all(u8::is_ascii_digit)).then(|| (b[0] - b'0') * 10 + (b[1] - b'0'))
}

// The format is described in `domain/data/derive_regions.py`. A line that does not fit is skipped;
// the tests check that every province, regency and district arrived.
fn parse_table(src: &'static str) -> Table {
    let mut t = Table { provinces: Vec::new(), regencies: Vec::new(), districts: Vec::new() };
    let (mut province, mut regency, mut next_district) = (None::<u8>, None::<u16>, 1u8);
    for line in src.lines() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let coded = |rest: &'static str| rest.split_once(' ').and_then(|(c, n)| Some((two_digits(c)?, n)));
        if let Some(rest) = line.strip_prefix('*') {
            province = coded(rest).map(|(code, name)| {
                t.provinces.push((code, name));
                code
            });
            regency = None;
        } else if let Some(rest) = line.strip_prefix('+') {
            regency = province.zip(coded(rest)).map(|(p, (code, name))| {
                let full = u16::from(p) * 100 + u16::from(code);
                t.regencies.push((full, name));
                full
            });
            next_district = 1;
        } else if let Some(reg) = regency {
            let (code, name) = match line.strip_prefix('=') {
                Some(rest) => match coded(rest) {
                    Some(cn) => cn,
                    None => continue,
                },
                None => (next_district, line),
            };
            t.districts.push((u32::from(reg) * 100 + u32::from(code), name));
            next_district = code.saturating_add(1);
        }
    }
    // The file is written sorted; sorting again keeps the lookups right should it ever not be.
    t.provinces.sort_unstable_by_key(|e| e.0);
    t.regencies.sort_unstable_by_key(|e| e.0);
    t.districts.sort_unstable_by_key(|e| e.0);
    t
}

fn find<K: Ord + Copy>(entries: &[(K, &'static str)], key: K) -> Option<&'static str> {
    entries.binary_search_by_key(&key, |e| e.0).ok().map(|i| entries[i].1)
}

/// Whether a regency code names a regency (kabupaten, 01-69) or a city (kota, 71-99).
pub fn regency_kind(regency: u8) -> RegencyKind {
    if regency >= 70 {
        RegencyKind::City
    } else {
        RegencyKind::Regency
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RegencyKind {
    /// Kabupaten.
    Regency,
    /// Kota.
    City,
}

/// The name of a province, e.g. `31` -> `Daerah Khusus Ibukota Jakarta`.
pub fn province_name(province: u8) -> Option<&'static str> {
    find(&table().provinces, province)
}

/// The name of a regency or city with its kind, e.g. `(31, 74)` -> `Kota Administrasi Jakarta
/// Selatan`, `(32, 4)` -> `Kabupaten Bandung`.
pub fn regency_name(province: u8, regency: u8) -> Option<String> {
    let name = find(&table().regencies, u16::from(province) * 100 + u16::from(regency))?;
    Some(match regency_kind(regency) {
        RegencyKind::Regency => format!("Kabupaten {name}"),
        RegencyKind::City => format!("Kota {name}"),
    })
}

/// The name of a district (kecamatan), e.g. `(32, 4, 5)` -> `Cileunyi`.
pub fn district_name(province: u8, regency: u8, district: u8) -> Option<&'static str> {
    find(&table().districts, district_key(province, regency, district))
}

fn district_key(province: u8, regency: u8, district: u8) -> u32 {
    u32::from(province) * 10_000 + u32::from(regency) * 100 + u32::from(district)
}

/// Every known province code, in order.
pub fn provinces() -> impl Iterator<Item = u8> {
    table().provinces.iter().map(|e| e.0)
}

/// Every known regency/city as `(province, regency)`, in order.
pub fn regencies() -> impl Iterator<Item = (u8, u8)> {
    table().regencies.iter().map(|e| ((e.0 / 100) as u8, (e.0 % 100) as u8))
}

/// Every known district, in order (useful to make synthetic data that follows the rules).
pub fn districts() -> impl ExactSizeIterator<Item = DistrictCode> {
    table().districts.iter().map(|e| DistrictCode {
        province: (e.0 / 10_000) as u8,
        regency: (e.0 / 100 % 100) as u8,
        district: (e.0 % 100) as u8,
    })
}

/// A six-digit district code `PP.RR.DD` (province, regency/city, district), as NIK and KK numbers
/// begin with. It may or may not be in the table: see [`DistrictCode::is_known`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DistrictCode {
    province: u8,
    regency: u8,
    district: u8,
}

impl DistrictCode {
    /// Each part must be 0-99.
    pub fn new(province: u8, regency: u8, district: u8) -> Option<DistrictCode> {
        (province < 100 && regency < 100 && district < 100).then_some(DistrictCode { province, regency, district })
    }

    /// Keeps the last two decimal digits of each part: for callers that already hold two digits.
    pub(crate) fn wrapping(province: u8, regency: u8, district: u8) -> DistrictCode {
        DistrictCode { province: province % 100, regency: regency % 100, district: district % 100 }
    }

    /// Reads `31.74.05` or `317405` (surrounding spaces ignored).
    pub fn parse(input: &str) -> Option<DistrictCode> {
        let s = input.trim();
        let digits: String = if s.len() == 8 && s.as_bytes()[2] == b'.' && s.as_bytes()[5] == b'.' {
            s.split('.').collect()
        } else {
            s.to_string()
        };
        if digits.len() != 6 {
            return None;
        }
        Some(DistrictCode {
            province: two_digits(&digits[0..2])?,
            regency: two_digits(&digits[2..4])?,
            district: two_digits(&digits[4..6])?,
        })
    }

    pub fn province(self) -> u8 {
        self.province
    }

    pub fn regency(self) -> u8 {
        self.regency
    }

    pub fn district(self) -> u8 {
        self.district
    }

    /// The six digits without dots, as they stand in an NIK.
    pub fn digits(self) -> String {
        format!("{:02}{:02}{:02}", self.province, self.regency, self.district)
    }

    pub fn is_known(self) -> bool {
        self.district_name().is_some()
    }

    pub fn province_name(self) -> Option<&'static str> {
        province_name(self.province)
    }

    pub fn regency_name(self) -> Option<String> {
        regency_name(self.province, self.regency)
    }

    pub fn district_name(self) -> Option<&'static str> {
        district_name(self.province, self.regency, self.district)
    }

    /// The names of the three levels, each `None` when the table does not know it.
    pub fn names(self) -> RegionNames {
        RegionNames {
            province: self.province_name().map(str::to_string),
            regency: self.regency_name(),
            district: self.district_name().map(str::to_string),
        }
    }
}

impl fmt::Display for DistrictCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}.{:02}.{:02}", self.province, self.regency, self.district)
    }
}

/// What the region table says about a district code.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RegionNames {
    #[cfg_attr(feature = "server", schema(example = "Jawa Barat"))]
    pub province: Option<String>,
    #[cfg_attr(feature = "server", schema(example = "Kabupaten Bandung"))]
    pub regency: Option<String>,
    #[cfg_attr(feature = "server", schema(example = "Cileunyi"))]
    pub district: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_holds_every_province_regency_and_district_of_the_source() {
        assert_eq!(provinces().count(), 38);
        assert_eq!(regencies().count(), 514);
        assert_eq!(districts().len(), 7285);
        // Every regency has districts and belongs to a known province.
        for (p, r) in regencies() {
            assert!(province_name(p).is_some(), "{p}.{r}");
            assert!(districts().any(|d| d.province() == p && d.regency() == r), "{p}.{r}");
        }
    }

    #[test]
    fn codes_are_named_as_kemendagri_names_them() {
        let cases = [
            ("11.01.01", Some("Aceh"), Some("Kabupaten Aceh Selatan"), Some("Bakongan")),
            (
                "31.74.05",
                Some("Daerah Khusus Ibukota Jakarta"),
                Some("Kota Administrasi Jakarta Selatan"),
                Some("Kebayoran Lama"),
            ),
            ("317101", Some("Daerah Khusus Ibukota Jakarta"), Some("Kota Administrasi Jakarta Pusat"), Some("Gambir")),
            // Kabupaten Bandung's districts start at 05: the numbering has gaps.
            ("32.04.05", Some("Jawa Barat"), Some("Kabupaten Bandung"), Some("Cileunyi")),
            ("32.04.01", Some("Jawa Barat"), Some("Kabupaten Bandung"), None),
            ("35.29.22", Some("Jawa Timur"), Some("Kabupaten Sumenep"), Some("Ra\"as")),
            ("51.03.01", Some("Bali"), Some("Kabupaten Badung"), Some("Kuta")),
            ("93.01.01", Some("Papua Selatan"), Some("Kabupaten Merauke"), Some("Merauke")),
            ("96.01.01", Some("Papua Barat Daya"), Some("Kabupaten Sorong"), Some("Makbon")),
            ("12.71.21", Some("Sumatera Utara"), Some("Kota Medan"), Some("Medan Selayang")),
            // Merauke was 91.01 before Papua Selatan was formed; old NIKs still say so.
            ("91.01.01", Some("Papua"), None, None),
            ("99.01.01", None, None, None),
        ];
        for (code, province, regency, district) in cases {
            let names = DistrictCode::parse(code).map(DistrictCode::names).unwrap_or_default();
            assert_eq!(names.province.as_deref(), province, "{code}");
            assert_eq!(names.regency.as_deref(), regency, "{code}");
            assert_eq!(names.district.as_deref(), district, "{code}");
        }
    }

    #[test]
    fn district_codes_are_read_with_or_without_dots() {
        let cases = [
            ("31.74.05", Some("31.74.05")),
            (" 317405 ", Some("31.74.05")),
            ("31.7405", None),
            ("3174.05", None),
            ("31740", None),
            ("3174055", None),
            ("31.74.0a", None),
            ("", None),
        ];
        for (input, want) in cases {
            assert_eq!(DistrictCode::parse(input).map(|c| c.to_string()).as_deref(), want, "{input:?}");
        }
    }

    #[test]
    fn regency_codes_from_71_are_cities() {
        assert_eq!(regency_kind(1), RegencyKind::Regency);
        assert_eq!(regency_kind(69), RegencyKind::Regency);
        assert_eq!(regency_kind(71), RegencyKind::City);
    }
}
