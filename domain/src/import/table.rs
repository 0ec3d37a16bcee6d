//! A file read into cells, held compactly: all of the cells' text in one buffer and each cell as
//! where it ends there, so a roster of 100,000 rows takes about the size of its file rather than
//! a `String` (and its allocation) per cell; and reading CSV text into it.

use crate::Finding;

/// A file read into cells: the header and each data row with its spreadsheet row number.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub headers: Vec<String>,
    /// The data rows' cells, one after the other.
    text: String,
    /// Where each cell ends in `text`; a cell starts where the one before it ends.
    ends: Vec<usize>,
    /// Each data row's number and where its cells end in `ends`.
    rows: Vec<(usize, usize)>,
    /// Cells, as (row number, cell index) in row order, that a spreadsheet held as a number of 16
    /// or more digits. Excel keeps 15 significant digits, so a NIK or KK number typed as a number
    /// has lost its last digit whatever it reads now; [`Table::parse_row`] says so on such a cell.
    pub long_numbers: Vec<(usize, usize)>,
}

/// A data row of a [`Table`].
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    /// The spreadsheet row, as findings name it (the header is row 1).
    pub number: usize,
    text: &'a str,
    /// Where the row's first cell starts in `text`.
    start: usize,
    ends: &'a [usize],
}

impl<'a> Row<'a> {
    /// How many cells the row has (a row may be shorter than the header).
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The cell at `index` as written.
    pub fn get(&self, index: usize) -> Option<&'a str> {
        let end = *self.ends.get(index)?;
        let start = index.checked_sub(1).and_then(|i| self.ends.get(i)).copied().unwrap_or(self.start);
        self.text.get(start..end)
    }

    pub fn cells(&self) -> impl Iterator<Item = &'a str> + 'a {
        let row = *self;
        (0..row.len()).filter_map(move |i| row.get(i))
    }

    /// The cells as strings of their own.
    pub fn to_vec(&self) -> Vec<String> {
        self.cells().map(str::to_string).collect()
    }
}

impl Table {
    /// A table of the header only.
    pub fn new(headers: Vec<String>) -> Table {
        Table { headers, ..Table::default() }
    }

    /// Adds a data row.
    pub fn push_row<S: AsRef<str>>(&mut self, number: usize, cells: impl IntoIterator<Item = S>) {
        for cell in cells {
            self.text.push_str(cell.as_ref());
            self.ends.push(self.text.len());
        }
        self.rows.push((number, self.ends.len()));
    }

    /// The number of data rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The data row at `index`.
    pub fn row(&self, index: usize) -> Option<Row<'_>> {
        let &(number, end) = self.rows.get(index)?;
        let first = index.checked_sub(1).and_then(|i| self.rows.get(i)).map_or(0, |&(_, end)| end);
        let ends = self.ends.get(first..end)?;
        let start = first.checked_sub(1).and_then(|i| self.ends.get(i)).copied().unwrap_or(0);
        Some(Row { number, text: &self.text, start, ends })
    }

    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        (0..self.len()).filter_map(|i| self.row(i))
    }
}

/// A file without even a header row.
pub fn empty_file() -> Finding {
    Finding::error("file", "file_empty", "Berkas kosong: tidak ada baris judul.", "The file is empty: no header row.")
}

/// Reads CSV text. The delimiter is the one of `;` and `,` the header line has more of (Excel in
/// the Indonesian locale writes semicolons). Rows are numbered as a spreadsheet shows the file:
/// an empty line is an (empty, skipped) row, a line break inside quotes is not a new row. A quote
/// left open is an error naming its row.
pub fn read_csv(text: &str) -> Result<Table, Finding> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() { b';' } else { b',' };
    let mut reader = CsvReader { table: Table::default(), headers: None, field_start: 0, record_start: 0 };
    let (mut in_quotes, mut line, mut record_line) = (false, 1usize, 1usize);
    // The bytes that mark something (quotes, delimiters, line ends) are ASCII, so they never fall
    // inside a UTF-8 character: the text between them is copied as it is, a run at a time.
    let bytes = text.as_bytes();
    let (mut i, mut run) = (0, 0);
    while let Some(&b) = bytes.get(i) {
        match (b, in_quotes) {
            (b'"', true) => {
                reader.push(&text[run..i]);
                if bytes.get(i + 1) == Some(&b'"') {
                    // `""` is a quote: the second one starts the next run.
                    run = i + 1;
                    i += 1;
                } else {
                    in_quotes = false;
                    run = i + 1;
                }
            }
            (b'"', false) => {
                reader.push(&text[run..i]);
                run = i;
                if reader.field().trim().is_empty() {
                    reader.clear_field();
                    in_quotes = true;
                    run = i + 1;
                }
            }
            (b'\r', false) => {
                reader.push(&text[run..i]);
                run = i + 1;
            }
            (b'\n', false) => {
                reader.push(&text[run..i]);
                reader.end_field();
                reader.end_record(record_line);
                line += 1;
                record_line = line;
                run = i + 1;
            }
            (c, false) if c == delimiter => {
                reader.push(&text[run..i]);
                reader.end_field();
                run = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if in_quotes {
        return Err(Finding::error(
            "file",
            "quote_not_closed",
            format!("Tanda kutip pada baris {record_line} tidak ditutup."),
            format!("A quote on row {record_line} is never closed."),
        ));
    }
    reader.push(&text[run..]);
    if !reader.field().is_empty() || reader.table.ends.len() > reader.record_start {
        reader.end_field();
        reader.end_record(record_line);
    }
    let CsvReader { mut table, headers, .. } = reader;
    table.headers = headers.ok_or_else(empty_file)?;
    Ok(table)
}

/// CSV records written straight into a [`Table`]: the first one with a value is the header.
struct CsvReader {
    table: Table,
    headers: Option<Vec<String>>,
    /// Where the field being read starts in the table's text.
    field_start: usize,
    /// Where the record being read starts in the table's cells.
    record_start: usize,
}

impl CsvReader {
    fn push(&mut self, text: &str) {
        self.table.text.push_str(text);
    }

    fn field(&self) -> &str {
        self.table.text.get(self.field_start..).unwrap_or_default()
    }

    fn clear_field(&mut self) {
        self.table.text.truncate(self.field_start);
    }

    fn end_field(&mut self) {
        self.table.ends.push(self.table.text.len());
        self.field_start = self.table.text.len();
    }

    /// Keeps the record read since the last one, unless all its cells are blank; the first one
    /// kept is the header.
    fn end_record(&mut self, number: usize) {
        let t = &mut self.table;
        let start = self.record_start.checked_sub(1).and_then(|i| t.ends.get(i)).copied().unwrap_or(0);
        let record = Row { number, text: &t.text, start, ends: t.ends.get(self.record_start..).unwrap_or_default() };
        let blank = record.cells().all(|c| c.trim().is_empty());
        let header = !blank && self.headers.is_none();
        if header {
            self.headers = Some(record.cells().map(str::to_string).collect());
        }
        if blank || header {
            t.text.truncate(start);
            t.ends.truncate(self.record_start);
        } else {
            t.rows.push((number, t.ends.len()));
        }
        self.record_start = t.ends.len();
        self.field_start = t.text.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(t: &Table) -> Vec<(usize, Vec<&str>)> {
        t.rows().map(|r| (r.number, r.cells().collect())).collect()
    }

    #[test]
    fn semicolons_bom_crlf_and_quotes_are_read() {
        let t = read_csv(
            "\u{feff}NIK ; Nama;hubungan\r\n1;\"Nur'aini; S.Pd\";peserta\r\n\r\n2;\"Budi \"\"B\"\"\nSantoso\";anak\r\n",
        )
        .unwrap();
        assert_eq!(t.headers, ["NIK ", " Nama", "hubungan"]);
        assert_eq!(
            rows(&t),
            [(2, vec!["1", "Nur'aini; S.Pd", "peserta"]), (4, vec!["2", "Budi \"B\"\nSantoso", "anak"])]
        );
        // A line break inside quotes stays in its row, as a spreadsheet shows it.
        let multiline = read_csv("nik;catatan\n1;\"satu\ndua\"\n2;x\n").unwrap();
        assert_eq!(multiline.rows().map(|r| r.number).collect::<Vec<_>>(), [2, 3]);
    }

    #[test]
    fn commas_and_lf_and_an_unclosed_quote() {
        let t = read_csv("nik,nama\n1,Budi\n").unwrap();
        assert_eq!(rows(&t), [(2, vec!["1", "Budi"])]);
        assert_eq!(read_csv("nik,nama\n1,\"Budi\n").unwrap_err().code, "quote_not_closed");
    }

    #[test]
    fn quotes_only_open_a_field_and_blank_lines_are_no_rows() {
        // Blank lines before the header; spaces before an opening quote are dropped, a quote
        // inside a field is text, text after a closing quote is kept; a carriage return outside
        // quotes is dropped and one inside is kept; the last line needs no line break.
        let t = read_csv(" ; \n\nnik;nama;catatan\n  \"1\";a\"b;\"c\"d\r\n\"\";\"x\ry\";\n;;\n2;\u{e9};z").unwrap();
        assert_eq!(t.headers, ["nik", "nama", "catatan"]);
        assert_eq!(rows(&t), [(4, vec!["1", "a\"b", "cd"]), (5, vec!["", "x\ry", ""]), (7, vec!["2", "\u{e9}", "z"])]);
        assert_eq!(read_csv("\n\r\n").unwrap_err().code, "file_empty");
    }

    #[test]
    fn rows_of_any_length_are_kept_as_read() {
        let mut t = Table::new(vec!["a".into(), "b".into()]);
        t.push_row(2, ["x"]);
        t.push_row(3, Vec::<String>::new());
        t.push_row(5, ["", "y", "z"]);
        assert_eq!(rows(&t), [(2, vec!["x"]), (3, vec![]), (5, vec!["", "y", "z"])]);
        assert_eq!((t.len(), t.row(2).and_then(|r| r.get(1)), t.row(2).and_then(|r| r.get(3))), (3, Some("y"), None));
    }
}
