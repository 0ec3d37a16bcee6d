//! The import template as an Excel workbook, for offices that fill rosters in Excel: a `Data`
//! sheet with the template's header (bold, frozen) and the example rows of the CSV template, and
//! a `Petunjuk` sheet saying, in Indonesian, what every column means and takes. The cells are
//! prepared so that Excel keeps what is typed: identifiers and dates are text (a NIK typed into
//! a General cell becomes a number and loses its last digit; a date typed into a date cell is
//! read in the locale's order, day and month swapped in an English one), and the coded columns
//! offer their values as a list.

use rust_xlsxwriter::{DataValidation, Format, Workbook, Worksheet, XlsxError};
use tertib_domain::import::{read_csv, template_csv};
use tertib_domain::money::Rupiah;

/// The last row a validation covers (Excel's last row, 0-based).
const LAST_ROW: u32 = 1_048_575;

/// How a column's cells are written.
#[derive(Clone, Copy)]
enum Cells {
    /// Text typed as it is: identifiers (digits with their leading zeros) and names.
    Text,
    /// Text too (see the module's comment), with a hint on the expected shape.
    Date,
    /// An amount of Rupiah, a number shown with thousands separators.
    Money,
    /// One of the listed values.
    List(&'static [&'static str]),
}

/// A column of the template: how it is written and what the instructions say about it.
struct Guide {
    column: &'static str,
    cells: Cells,
    meaning: &'static str,
    required: &'static str,
    accepted: &'static str,
}

/// Every column of the template, in its order (a test checks it against the domain's `COLUMNS`).
const GUIDE: [Guide; 16] = [
    Guide {
        column: "nik",
        cells: Cells::Text,
        meaning: "NIK orang pada baris ini (pekerja atau anggota keluarga), seperti tertulis di KTP atau KK.",
        required: "Ya",
        accepted: "16 digit angka. Untuk WNA tanpa NIK: nomor KITAS/KITAP.",
    },
    Guide {
        column: "no_kk",
        cells: Cells::Text,
        meaning: "Nomor Kartu Keluarga.",
        required: "Ya untuk pekerja; boleh kosong untuk anggota keluarga.",
        accepted: "16 digit angka.",
    },
    Guide {
        column: "nama",
        cells: Cells::Text,
        meaning: "Nama lengkap seperti di KTP atau KK.",
        required: "Ya",
        accepted: "Huruf, tanpa angka.",
    },
    Guide {
        column: "tempat_lahir",
        cells: Cells::Text,
        meaning: "Kota atau kabupaten tempat lahir.",
        required: "Tidak",
        accepted: "Teks bebas.",
    },
    Guide {
        column: "tanggal_lahir",
        cells: Cells::Date,
        meaning: "Tanggal lahir; harus cocok dengan tanggal di dalam NIK.",
        required: "Ya",
        accepted: "Tanggal DD-MM-YYYY (juga DD/MM/YYYY atau YYYY-MM-DD).",
    },
    Guide {
        column: "jenis_kelamin",
        cells: Cells::List(&["L", "P"]),
        meaning: "Jenis kelamin; harus cocok dengan NIK (tanggal lahir perempuan di NIK ditambah 40).",
        required: "Ya",
        accepted: "L atau P (juga 1 = L, 2 = P, Laki-laki, Perempuan).",
    },
    Guide {
        column: "status_kawin",
        cells: Cells::List(&["belum_kawin", "kawin", "cerai_hidup", "cerai_mati"]),
        meaning: "Status perkawinan.",
        required: "Tidak",
        accepted: "belum_kawin, kawin, cerai_hidup, cerai_mati (juga 1-4; kode e-Dabu 0 TD, 1 B, 2 K, 3 C).",
    },
    Guide {
        column: "hubungan",
        cells: Cells::List(&["peserta", "suami", "istri", "anak", "tambahan", "ayah", "ibu", "mertua"]),
        meaning: "Hubungan dengan pekerja. Baris pekerja sendiri: peserta.",
        required: "Ya",
        accepted: "peserta, suami, istri, anak, tambahan (anak keempat dan seterusnya, atau orang tua bila lebih \
                   tua dari pekerja), ayah, ibu, mertua; juga kode e-Dabu 1-5.",
    },
    Guide {
        column: "nik_peserta",
        cells: Cells::Text,
        meaning: "Untuk anggota keluarga: NIK pekerjanya. Kosong pada baris pekerja.",
        required: "Ya untuk anggota keluarga, kecuali barisnya di bawah baris pekerjanya dengan no_kk yang sama.",
        accepted: "NIK pekerja yang ada di berkas ini atau sudah terdaftar di Tertib.",
    },
    Guide {
        column: "tmt_kerja",
        cells: Cells::Date,
        meaning: "Tanggal mulai kerja (TMT).",
        required: "Ya untuk pekerja.",
        accepted: "Tanggal DD-MM-YYYY (juga DD/MM/YYYY atau YYYY-MM-DD), tidak di masa depan.",
    },
    Guide {
        column: "gaji",
        cells: Cells::Money,
        meaning: "Gaji pokok ditambah tunjangan tetap sebulan: dasar perhitungan iuran.",
        required: "Ya untuk pekerja.",
        accepted: "Rupiah tanpa desimal: 5000000 atau 5.000.000.",
    },
    Guide {
        column: "no_kartu",
        cells: Cells::Text,
        meaning: "Nomor kartu BPJS Kesehatan, bila orang ini sudah menjadi peserta (pengalihan).",
        required: "Tidak",
        accepted: "13 digit angka, termasuk nol di depan.",
    },
    Guide {
        column: "kode_faskes",
        cells: Cells::Text,
        meaning: "Kode faskes tingkat pertama (FKTP) yang dipilih.",
        required: "Tidak",
        accepted: "8 karakter huruf dan angka.",
    },
    Guide {
        column: "perusahaan_klien",
        cells: Cells::Text,
        meaning: "Kode perusahaan klien tempat pekerja ditempatkan.",
        required: "Tidak",
        accepted: "Kode perusahaan klien yang aktif di Tertib.",
    },
    Guide {
        column: "email",
        cells: Cells::Text,
        meaning: "Alamat email pekerja.",
        required: "Tidak",
        accepted: "Alamat email.",
    },
    Guide {
        column: "no_hp",
        cells: Cells::Text,
        meaning: "Nomor telepon seluler pekerja.",
        required: "Tidak",
        accepted: "7 sampai 15 digit, boleh diawali +.",
    },
];

/// What the `Petunjuk` sheet says before the table of columns.
const NOTES: [&str; 6] = [
    "Satu baris per orang: baris pekerja (hubungan = peserta), lalu baris anggota keluarganya.",
    "Isi data di lembar Data mulai baris 2. Nama kolom di baris 1 jangan diubah; urutan kolom boleh \
     berubah dan kolom lain diabaikan. Contoh di baris 2 dan 3 dihapus sebelum mengimpor.",
    "Kolom nomor (NIK, no_kk, nik_peserta, no_kartu, no_hp) dan tanggal berformat Teks: ketik apa adanya. \
     Nomor 16 digit yang tersimpan sebagai angka kehilangan digit terakhirnya dan ditolak.",
    "Formulir unggah e-Dabu BPJS juga dapat diimpor langsung: anggota keluarga dikaitkan ke pekerja di \
     atasnya dengan No KK yang sama.",
    "Di Tertib, tekan Periksa dulu: setiap kesalahan ditunjukkan pada baris dan kolomnya, dan tidak ada \
     yang disimpan sampai Anda menekan Impor.",
    "Mengimpor berkas yang sama lagi tidak mengubah apa pun: baris dicocokkan dengan NIK.",
];

/// The template workbook.
pub fn workbook() -> Result<Vec<u8>, XlsxError> {
    let examples: Vec<(usize, Vec<String>)> =
        read_csv(&template_csv()).map(|t| t.rows().map(|r| (r.number, r.to_vec())).collect()).unwrap_or_default();
    let mut book = Workbook::new();
    book.push_worksheet(data_sheet(&examples)?);
    book.push_worksheet(guide_sheet(&examples)?);
    book.save_to_buffer()
}

fn data_sheet(examples: &[(usize, Vec<String>)]) -> Result<Worksheet, XlsxError> {
    let mut sheet = Worksheet::new();
    sheet.set_name("Data")?;
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    let money = Format::new().set_num_format("#,##0");
    for (col, guide) in (0u16..).zip(&GUIDE) {
        sheet.write_string_with_format(0, col, guide.column, &bold)?;
        sheet.set_column_width(col, if guide.column == "nama" { 24 } else { 17 })?;
        let (format, validation) = match guide.cells {
            Cells::Text => (&text, None),
            Cells::Date => (
                &text,
                Some(
                    DataValidation::new()
                        .allow_any_value()
                        .set_input_title("Tanggal")?
                        .set_input_message("Ketik DD-MM-YYYY, misalnya 12-04-1988.")?,
                ),
            ),
            Cells::Money => (&money, None),
            Cells::List(values) => (
                &text,
                Some(
                    DataValidation::new()
                        .allow_list_strings(values)?
                        .set_error_title("Nilai tidak dikenal")?
                        .set_error_message(format!("Pilih salah satu: {}.", values.join(", ")))?,
                ),
            ),
        };
        sheet.set_column_format(col, format)?;
        if let Some(validation) = validation {
            sheet.add_data_validation(1, col, LAST_ROW, col, &validation)?;
        }
        for (row, (_, cells)) in (1u32..).zip(examples) {
            let value = cells.get(usize::from(col)).map_or("", String::as_str);
            match (guide.cells, Rupiah::parse(value)) {
                (Cells::Money, Some(amount)) => {
                    // A wage is far below 2^53 Rupiah: exact as a spreadsheet's f64.
                    sheet.write_number_with_format(row, col, amount.amount() as f64, &money)?;
                }
                _ if value.is_empty() => {}
                _ => {
                    sheet.write_string_with_format(row, col, value, format)?;
                }
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(sheet)
}

fn guide_sheet(examples: &[(usize, Vec<String>)]) -> Result<Worksheet, XlsxError> {
    let mut sheet = Worksheet::new();
    sheet.set_name("Petunjuk")?;
    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(14);
    let wrap = Format::new().set_text_wrap();
    sheet.write_string_with_format(0, 0, "Petunjuk pengisian templat pekerja Tertib", &title)?;
    for (row, note) in (2u32..).zip(NOTES) {
        sheet.write_string(row, 0, note)?;
    }
    let head = 3 + NOTES.len() as u32;
    for (col, (name, width)) in
        (0u16..).zip([("Kolom", 18), ("Arti", 50), ("Wajib?", 30), ("Nilai yang diterima", 55), ("Contoh", 22)])
    {
        sheet.write_string_with_format(head, col, name, &bold)?;
        sheet.set_column_width(col, width)?;
    }
    for ((row, guide), index) in (head + 1..).zip(&GUIDE).zip(0usize..) {
        // The example is the first example row that has this column filled.
        let example = examples.iter().filter_map(|(_, cells)| cells.get(index)).find(|c| !c.is_empty());
        sheet.write_string_with_format(row, 0, guide.column, &bold)?;
        sheet.write_string_with_format(row, 1, guide.meaning, &wrap)?;
        sheet.write_string_with_format(row, 2, guide.required, &wrap)?;
        sheet.write_string_with_format(row, 3, guide.accepted, &wrap)?;
        sheet.write_string(row, 4, example.map_or("", String::as_str))?;
    }
    Ok(sheet)
}

#[cfg(test)]
mod tests {
    use tertib_domain::import::COLUMNS;

    use super::*;

    #[test]
    fn the_guide_covers_every_template_column_in_order() {
        let columns: Vec<&str> = GUIDE.iter().map(|g| g.column).collect();
        assert_eq!(columns, COLUMNS);
    }

    #[test]
    fn the_workbook_reads_back_as_the_csv_template() -> Result<(), Box<dyn std::error::Error>> {
        let csv = read_csv(&template_csv()).map_err(|f| f.code)?;
        let mut rows = Vec::new();
        crate::sheets::read_xlsx(&workbook()?, Some("Data"), |r| rows.push((r.row, r.cells))).map_err(|f| f.code)?;
        assert_eq!(rows.len(), 1 + csv.len());
        assert_eq!(rows[0].1, COLUMNS);
        for ((row, cells), csv_row) in rows[1..].iter().zip(csv.rows()) {
            assert_eq!(*row, csv_row.number);
            let csv_cells = csv_row.to_vec();
            // The same cells, the wage as a number.
            let wage = |c: &[String]| c.get(10).and_then(|w| Rupiah::parse(w)).map(|r| r.amount());
            assert_eq!(wage(cells), wage(&csv_cells));
            for (i, (a, b)) in cells.iter().zip(&csv_cells).enumerate().filter(|(i, _)| *i != 10) {
                assert_eq!(a, b, "column {i}");
            }
        }
        Ok(())
    }
}
