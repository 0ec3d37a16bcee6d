//! Spreadsheets in and out. Reading streams an XLSX sheet row by row (a 100,000-row roster is
//! never held as a grid of cells); writing neutralises every text cell that a spreadsheet would
//! take for a formula, because exported names and addresses are typed by people outside the office.

use std::borrow::Cow;
use std::io::Cursor;

use calamine::{DataRef, Reader, Xlsx};
use tertib_domain::Finding;

/// The XLSX media type.
pub const XLSX_MEDIA: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A row as read: its spreadsheet number (1-based, as the user sees it) and its cells as text.
/// `long_numbers` are the indexes of cells that held a number of 16 or more digits: Excel keeps
/// only 15 significant digits, so a NIK or card number typed as a number has lost its last digit.
pub struct SheetRow {
    pub row: usize,
    pub cells: Vec<String>,
    pub long_numbers: Vec<usize>,
}

fn unreadable_file() -> Finding {
    Finding::error(
        "file",
        "xlsx_unreadable",
        "Berkas Excel tidak dapat dibaca: simpan ulang sebagai \u{201c}Excel Workbook (.xlsx)\u{201d}.",
        "The Excel file cannot be read: save it again as \u{201c}Excel Workbook (.xlsx)\u{201d}.",
    )
}

/// Reads the sheet named `sheet` (or the first sheet) of an XLSX file, calling `each` with every
/// row that has a non-empty cell, in order.
pub fn read_xlsx(bytes: &[u8], sheet: Option<&str>, mut each: impl FnMut(SheetRow)) -> Result<(), Finding> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|_| unreadable_file())?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(wanted) => {
            names.iter().find(|n| n.trim().eq_ignore_ascii_case(wanted.trim())).cloned().ok_or_else(|| {
                Finding::error(
                    "sheet",
                    "sheet_missing",
                    format!("Tidak ada lembar \u{201c}{wanted}\u{201d}; lembar yang ada: {}.", names.join(", ")),
                    format!("There is no sheet \u{201c}{wanted}\u{201d}; the sheets are: {}.", names.join(", ")),
                )
            })?
        }
        None => names.first().cloned().ok_or_else(unreadable_file)?,
    };
    let mut reader = book.worksheet_cells_reader(&name).map_err(|_| unreadable_file())?;
    let mut current: Option<SheetRow> = None;
    let flush = |row: Option<SheetRow>, each: &mut dyn FnMut(SheetRow)| {
        if let Some(row) = row.filter(|r| r.cells.iter().any(|c| !c.trim().is_empty())) {
            each(row);
        }
    };
    while let Some(cell) = reader.next_cell().map_err(|_| unreadable_file())? {
        let (r, c) = cell.get_position();
        let (r, c) = (r as usize + 1, c as usize);
        if current.as_ref().is_none_or(|cur| cur.row != r) {
            flush(current.take(), &mut each);
            current = Some(SheetRow { row: r, cells: Vec::new(), long_numbers: Vec::new() });
        }
        if let Some(cur) = current.as_mut() {
            let (text, long) = cell_text(cell.get_value());
            if cur.cells.len() <= c {
                cur.cells.resize(c + 1, String::new());
            }
            cur.cells[c] = text;
            if long {
                cur.long_numbers.push(c);
            }
        }
    }
    flush(current, &mut each);
    Ok(())
}

/// A cell as the user typed it: whole numbers without a decimal point, dates as `YYYY-MM-DD`.
/// The flag says the number has 16 or more digits (see [`SheetRow::long_numbers`]).
fn cell_text(value: &DataRef<'_>) -> (String, bool) {
    match value {
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => (s.clone(), false),
        DataRef::SharedString(s) => ((*s).to_string(), false),
        DataRef::Int(i) => (i.to_string(), i.unsigned_abs() >= 1_000_000_000_000_000),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e19 => (format!("{f:.0}"), f.abs() >= 1e15),
        DataRef::Float(f) => (f.to_string(), false),
        DataRef::Bool(b) => (if *b { "TRUE" } else { "FALSE" }.to_string(), false),
        DataRef::DateTime(d) => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            (format!("{y:04}-{m:02}-{day:02}"), false)
        }
        DataRef::Error(e) => (e.to_string(), false),
        DataRef::Empty => (String::new(), false),
    }
}

/// A text cell made safe to open: one that starts with `=`, `+`, `-`, `@`, a tab or a carriage
/// return gets a leading apostrophe, so a spreadsheet shows it as text instead of running it
/// (OWASP "CSV injection").
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

// ---------------------------------------------------------------------------------------------
// Writing: exports (CSV and XLSX) and the e-Dabu upload form (XLSX)

/// How text cells are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cells {
    /// Each as it is: a form another system reads (the e-Dabu upload), where an apostrophe would
    /// be taken for part of the data. Cells are XLSX strings, which no spreadsheet runs.
    AsTheyAre,
    /// Each through [`neutralise`]: lists people open and pass on (exports).
    Neutralised,
}

impl Cells {
    fn apply(self, text: &str) -> Cow<'_, str> {
        match self {
            Cells::AsTheyAre => Cow::Borrowed(text),
            Cells::Neutralised => neutralise(text),
        }
    }
}

/// Widest column set from its contents' length (Excel's width units are about a character).
const MAX_COLUMN_WIDTH: usize = 40;

/// An XLSX workbook of one sheet: a bold, frozen header row, then `rows`, every cell a string
/// (identity and card numbers keep their leading zeros and their 16 digits), empty cells left out.
/// Columns are formatted as text, so what a user types in later stays text too.
pub fn write_xlsx<R, C>(
    sheet: &str,
    header: &[&str],
    rows: R,
    cells: Cells,
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError>
where
    R: IntoIterator,
    R::Item: IntoIterator<Item = C>,
    C: AsRef<str>,
{
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    // Excel's own level: most of the time of a large sheet is compressing its XML, and level 3
    // takes about 30% less of it than the default 6 for a file about 5% larger.
    book.set_zip_compression_level(3);
    let ws = book.add_worksheet();
    ws.set_name(sheet)?;
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for (c, h) in header.iter().enumerate() {
        let col = u16::try_from(c).map_err(|_| rust_xlsxwriter::XlsxError::RowColumnLimitError)?;
        ws.write_string_with_format(0, col, cells.apply(h), &bold)?;
    }
    for (r, row) in rows.into_iter().enumerate() {
        let row_number = u32::try_from(r + 1).map_err(|_| rust_xlsxwriter::XlsxError::RowColumnLimitError)?;
        for (c, value) in row.into_iter().enumerate() {
            let value = value.as_ref();
            if value.is_empty() {
                continue;
            }
            let col = u16::try_from(c).map_err(|_| rust_xlsxwriter::XlsxError::RowColumnLimitError)?;
            ws.write_string(row_number, col, cells.apply(value))?;
            if let Some(w) = widths.get_mut(c) {
                *w = (*w).max(value.len().min(MAX_COLUMN_WIDTH));
            }
        }
    }
    for (c, width) in widths.iter().enumerate() {
        let col = u16::try_from(c).map_err(|_| rust_xlsxwriter::XlsxError::RowColumnLimitError)?;
        ws.set_column_format(col, &text)?;
        ws.set_column_width(col, (*width).clamp(6, MAX_COLUMN_WIDTH) as f64 + 2.0)?;
    }
    ws.set_freeze_panes(1, 0)?;
    book.save_to_buffer()
}

/// The byte order mark Excel needs to read a CSV file as UTF-8.
const BOM: char = '\u{feff}';

/// One CSV field: neutralised, then quoted when it holds the separator, a quote or a line break.
fn csv_field(out: &mut String, cell: &str) {
    let cell = neutralise(cell);
    if cell.contains([';', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&cell);
    }
}

/// One CSV line: the cells separated by semicolons, then CRLF.
fn csv_line<C: AsRef<str>>(out: &mut String, cells: impl IntoIterator<Item = C>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        csv_field(out, cell.as_ref());
    }
    out.push_str("\r\n");
}

/// Rows as CSV the way Excel opens it in the Indonesian locale (a BOM, semicolons, CRLF), every
/// cell neutralised.
pub fn write_csv<R, C>(header: &[&str], rows: R) -> String
where
    R: IntoIterator,
    R::Item: IntoIterator<Item = C>,
    C: AsRef<str>,
{
    let mut out = String::from(BOM);
    csv_line(&mut out, header);
    for row in rows {
        csv_line(&mut out, row);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_plain_text_is_not() {
        for bad in ["=HYPERLINK(\"x\")", "+62", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise(bad), format!("'{bad}"));
        }
        for good in ["Budi", "0812", "", " =spaced"] {
            assert_eq!(neutralise(good), good);
        }
    }

    #[test]
    fn numbers_read_as_typed_and_long_ones_flagged() {
        assert_eq!(cell_text(&DataRef::Float(3_500_000.0)), ("3500000".to_string(), false));
        assert_eq!(cell_text(&DataRef::Float(3_201_123_456_789_010.0)), ("3201123456789010".to_string(), true));
        assert_eq!(cell_text(&DataRef::Float(1.5)), ("1.5".to_string(), false));
    }

    #[test]
    fn a_written_book_reads_back() -> Result<(), Box<dyn std::error::Error>> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name("Data")?;
        sheet.write_string(0, 0, "nik")?;
        sheet.write_string(0, 1, "nama")?;
        sheet.write_string(2, 0, "3201123456789012")?;
        sheet.write_string(2, 1, "Budi")?;
        sheet.write_number(3, 0, 3_201_123_456_789_010.0)?;
        let bytes = book.save_to_buffer()?;
        let mut rows = Vec::new();
        read_xlsx(&bytes, Some("data"), |r| rows.push((r.row, r.cells, r.long_numbers))).map_err(|f| f.code)?;
        assert_eq!(
            rows,
            vec![
                (1, vec!["nik".to_string(), "nama".to_string()], vec![]),
                (3, vec!["3201123456789012".to_string(), "Budi".to_string()], vec![]),
                (4, vec!["3201123456789010".to_string()], vec![0]),
            ]
        );
        assert!(read_xlsx(&bytes, Some("Other"), |_| {}).is_err());
        assert!(read_xlsx(b"not a zip", None, |_| {}).is_err());
        Ok(())
    }

    #[test]
    fn written_tables_are_neutralised_in_csv_and_xlsx_alike() -> Result<(), Box<dyn std::error::Error>> {
        let rows = vec![vec!["=HYPERLINK(\"x\")".to_string(), "Nur'aini; S.Pd".to_string(), String::new()]];
        let csv = write_csv(&["nama", "catatan", "kosong"], &rows);
        assert_eq!(csv, "\u{feff}nama;catatan;kosong\r\n\"'=HYPERLINK(\"\"x\"\")\";\"Nur'aini; S.Pd\";\r\n");
        let table =
            tertib_domain::import::read_csv(&csv).map_err(|f| f.message(tertib_domain::Lang::En).to_string())?;
        assert_eq!(table.row(0).and_then(|r| r.get(1)), Some("Nur'aini; S.Pd"));

        for (cells, first) in [(Cells::Neutralised, "'=HYPERLINK(\"x\")"), (Cells::AsTheyAre, "=HYPERLINK(\"x\")")] {
            let bytes = write_xlsx("Pekerja", &["nama", "catatan", "kosong"], &rows, cells)?;
            let mut read = Vec::new();
            read_xlsx(&bytes, Some("Pekerja"), |r| read.push(r.cells)).map_err(|f| f.code)?;
            assert_eq!(
                read,
                vec![
                    vec!["nama".to_string(), "catatan".into(), "kosong".into()],
                    vec![first.to_string(), "Nur'aini; S.Pd".into()]
                ]
            );
        }
        Ok(())
    }
}
