//! Files in the browser: reading what the user chose, writing CSV for spreadsheets, and handing
//! a file to the browser as a download.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// The byte order mark Excel needs to read a CSV file as UTF-8.
const BOM: char = '\u{feff}';

/// The content of a file the user chose (picked or dropped); `None` when the browser cannot read
/// it.
pub async fn read_bytes(file: &web_sys::File) -> Option<Vec<u8>> {
    // A `Response` around the file reads it as a promise, with what gloo already brings.
    let raw = web_sys::Response::new_with_opt_blob(Some(file)).ok()?;
    gloo_net::http::Response::from(raw).binary().await.ok()
}

/// One CSV field: quoted when it holds the separator, a quote or a line break (quotes doubled).
fn field(cell: &str, separator: char) -> String {
    if cell.contains([separator, '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
}

/// Rows as CSV the way Excel opens it in the Indonesian locale: semicolons, CRLF, and a BOM so
/// that names with accents stay intact.
pub fn excel_csv(rows: &[Vec<String>]) -> String {
    let mut out = String::from(BOM);
    for row in rows {
        let line: Vec<String> = row.iter().map(|c| field(c, ';')).collect();
        out.push_str(&line.join(";"));
        out.push_str("\r\n");
    }
    out
}

/// Hands `bytes` to the browser as a downloaded file called `name`.
pub fn save_file(bytes: &[u8], name: &str, media_type: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media_type);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let link: web_sys::HtmlAnchorElement = document().create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // The browser has started the download once the click is handled; then the URL can go.
    set_timeout(move || drop(web_sys::Url::revoke_object_url(&url)), Duration::from_secs(30));
    Ok(())
}

/// Puts `text` on the clipboard; `false` where the browser offers no clipboard (a page not
/// served over HTTPS or from this machine), and the user copies by hand.
pub fn copy_text(text: &str) -> bool {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else { return false };
    let clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard")).unwrap_or(JsValue::UNDEFINED);
    match clipboard.dyn_into::<web_sys::Clipboard>() {
        Ok(clipboard) => {
            // The promise settles later; a refusal leaves the text on screen to copy by hand.
            let _ = clipboard.write_text(text);
            true
        }
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_for_excel_has_a_bom_semicolons_and_quotes_where_needed() {
        let rows = vec![
            vec!["nama".to_string(), "catatan".to_string()],
            vec!["Nur'aini; S.Pd".to_string(), "kata \"B\"\nbaris dua".to_string()],
        ];
        assert_eq!(excel_csv(&rows), "\u{feff}nama;catatan\r\n\"Nur'aini; S.Pd\";\"kata \"\"B\"\"\nbaris dua\"\r\n");
    }

    #[test]
    fn what_is_written_reads_back_the_same() {
        let rows = vec![
            vec!["nik".to_string(), "nama".to_string()],
            vec!["3174051204880001".to_string(), "Budi \"B\"; Santoso".to_string()],
        ];
        let table = tertib_domain::import::read_csv(&excel_csv(&rows)).unwrap();
        assert_eq!(table.headers, rows[0]);
        let read: Vec<(usize, Vec<&str>)> = table.rows().map(|r| (r.number, r.cells().collect())).collect();
        assert_eq!(read, [(2, vec![rows[1][0].as_str(), &rows[1][1]])]);
    }
}
