//! What the server found in a roster, put on the file's own rows and cells: the spreadsheet row
//! (the header is row 1) and the template column of each finding, matched to the file's headers
//! the way the server matches them.

use std::collections::BTreeMap;

use tertib_domain::import::{column_name, CellFinding, ImportReport, Table};

/// One finding about a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// The template column (`nik`, `tanggal_lahir`, …) or `file`.
    pub column: String,
    pub message: String,
    pub error: bool,
}

/// The findings of a report by spreadsheet row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks(BTreeMap<usize, Vec<Mark>>);

impl Marks {
    pub fn of(report: &ImportReport) -> Marks {
        let mut by_row: BTreeMap<usize, Vec<Mark>> = BTreeMap::new();
        let both = report.errors.iter().map(|f| (f, true)).chain(report.warnings.iter().map(|f| (f, false)));
        for (CellFinding { row, column, message, .. }, error) in both {
            by_row.entry(*row).or_default().push(Mark { column: column.clone(), message: message.clone(), error });
        }
        Marks(by_row)
    }

    pub fn row(&self, row: usize) -> &[Mark] {
        self.0.get(&row).map_or(&[], Vec::as_slice)
    }

    /// Findings about the file as a whole (row 0) or its header (row 1).
    pub fn file(&self) -> Vec<&Mark> {
        self.0.range(..=1).flat_map(|(_, marks)| marks).collect()
    }

    /// Whether a data row has any finding.
    pub fn has(&self, row: usize) -> bool {
        !self.row(row).is_empty()
    }
}

/// A header as findings name it: the template column it is (e-Dabu's names too, the server's
/// own reading), or the header itself (an unknown column's warning names it so).
pub fn header_key(header: &str) -> String {
    column_name(header).map_or_else(|| header.trim().to_string(), str::to_string)
}

/// "nik: NIK harus 16 digit …" for each finding of a row, errors first.
pub fn row_text(marks: &[Mark], warning: &str) -> String {
    let mut sorted: Vec<&Mark> = marks.iter().collect();
    sorted.sort_by_key(|m| !m.error);
    sorted
        .iter()
        .map(|m| {
            if m.error {
                format!("{}: {}", m.column, m.message)
            } else {
                format!("{warning} {}: {}", m.column, m.message)
            }
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

/// The file as it was read, with a `kesalahan` column saying what is wrong with each row (empty
/// for a good row): to fix in the spreadsheet and import again (the import knows that column and
/// ignores it).
pub fn with_error_column(table: &Table, marks: &Marks, warning: &str) -> Vec<Vec<String>> {
    let mut header = table.headers.clone();
    header.push("kesalahan".to_string());
    let mut out = vec![header];
    for row in table.rows() {
        let mut line = row.to_vec();
        line.resize(table.headers.len(), String::new());
        line.push(row_text(marks.row(row.number), warning));
        out.push(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use tertib_domain::import::read_csv;

    fn finding(row: usize, column: &str, message: &str) -> CellFinding {
        CellFinding { row, column: column.into(), code: "x".into(), message: message.into() }
    }

    fn report() -> ImportReport {
        ImportReport {
            dry_run: true,
            rows_total: 2,
            rows_valid: 1,
            created: 1,
            errors: vec![finding(3, "nik", "NIK harus 16 digit (terisi 13 digit).")],
            warnings: vec![finding(1, "catatan", "Kolom tidak dikenal."), finding(3, "no_hp", "Aneh.")],
            ..ImportReport::default()
        }
    }

    #[test]
    fn findings_land_on_their_rows_and_the_header_ones_on_the_file() {
        let marks = Marks::of(&report());
        assert!(!marks.has(2) && marks.has(3));
        assert_eq!(marks.row(3)[0].column, "nik");
        assert!(marks.row(3)[0].error && !marks.row(3)[1].error);
        assert_eq!(marks.file().len(), 1);
        assert_eq!(header_key(" Tanggal Lahir "), "tanggal_lahir");
        assert_eq!(header_key("Tgl Lahir (dd/mm/yyyy)"), "tanggal_lahir");
        assert_eq!(header_key(" catatan "), "catatan");
    }

    #[test]
    fn the_file_goes_back_with_what_is_wrong_in_a_column_of_its_own() {
        let table = read_csv("nik;nama;catatan\n3174051204880001;Budi\n3174051204880;Andi;x\n").unwrap();
        let out = with_error_column(&table, &Marks::of(&report()), "peringatan");
        assert_eq!(out[0], ["nik", "nama", "catatan", "kesalahan"]);
        assert_eq!(out[1], ["3174051204880001", "Budi", "", ""]);
        assert_eq!(out[2][3], "nik: NIK harus 16 digit (terisi 13 digit). | peringatan no_hp: Aneh.");
    }
}
