//! The upload form written as XLSX.

use tertib_domain::edabu::{cell, CodeTables, Person, SheetLayout};

use crate::sheets::{self, Cells};

/// The e-Dabu upload form: one sheet named as `layout` says, its header, then one row per person
/// with each column's field in the form's codes. Cells are written as they are (see
/// [`Cells::AsTheyAre`]), as strings, so identity and card numbers keep every digit.
///
/// A plain function of its inputs, so a benchmark can call it without HTTP or a database.
pub fn write_batch_xlsx<'a>(
    layout: &SheetLayout,
    codes: &CodeTables,
    people: impl IntoIterator<Item = &'a Person>,
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let header: Vec<&str> = layout.columns.iter().map(|c| c.header.as_str()).collect();
    let rows = people
        .into_iter()
        .enumerate()
        .map(|(i, person)| layout.columns.iter().map(move |c| cell(c.field, i + 1, person, codes)));
    sheets::write_xlsx(&layout.sheet, &header, rows, Cells::AsTheyAre)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tertib_domain::edabu::EdabuSettings;

    #[test]
    fn the_form_reads_back_row_by_row_under_its_layout() -> Result<(), Box<dyn std::error::Error>> {
        let settings = EdabuSettings::default();
        let people = vec![
            Person {
                nik: "3174051204880001".into(),
                full_name: "Budi".into(),
                noka: "0001234567890".into(),
                ..Person::default()
            },
            Person { nik: "3174055204900002".into(), full_name: "Dewi".into(), ..Person::default() },
        ];
        let bytes = write_batch_xlsx(&settings.transfer, &settings.codes, &people)?;
        let mut rows = Vec::new();
        sheets::read_xlsx(&bytes, Some("Mutasi"), |r| rows.push(r.cells)).map_err(|f| f.code)?;
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0][..3], ["No", "No Kartu", "NIK/KITAS/KITAP"]);
        assert_eq!(rows[1][..4], ["1", "0001234567890", "3174051204880001", "Budi"]);
        assert_eq!(rows[2][..4], ["2", "", "3174055204900002", "Dewi"]);
        Ok(())
    }
}
