//! Documents attached to cases. The type is judged by the file's first bytes, never by the name
//! or the header the browser sent; files are kept in the database and only ever answered to
//! internal staff, each reading recorded as an access.

use chrono::{TimeZone, Utc};
use serde_json::json;
use sha2::{Digest, Sha256};
use tertib_domain::lifecycle::api::DocumentView;
use tertib_domain::lifecycle::{DocumentKind, LifecycleSettings};
use tertib_domain::Finding;

use crate::db::audit::{self, Actor, Change};
use crate::db::documents::{self as documents_db, DocumentMeta, NewDocument};
use crate::db::{cases as cases_db, code_of, from_code, new_id, now, DbConn};
use crate::error::ApiError;

/// The media type of a PDF, JPEG or PNG file, from its signature.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else {
        None
    }
}

fn extension(media_type: &str) -> &'static str {
    match media_type {
        "application/pdf" => "pdf",
        "image/jpeg" => "jpg",
        _ => "png",
    }
}

/// A file name safe to keep and to send back in `Content-Disposition`: the last path part, no
/// control characters or quotes, at most 120 characters.
pub fn clean_file_name(name: Option<&str>, media_type: &str) -> String {
    let base = name.unwrap_or("").rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | ';'))
        .take(120)
        .collect::<String>()
        .trim()
        .to_string();
    if cleaned.is_empty() || cleaned.starts_with('.') {
        format!("dokumen.{}", extension(media_type))
    } else {
        cleaned
    }
}

pub fn upload(
    conn: &mut DbConn,
    actor: &Actor,
    case_id: &str,
    kind: DocumentKind,
    file_name: Option<&str>,
    bytes: &[u8],
    settings: &LifecycleSettings,
) -> Result<DocumentMeta, ApiError> {
    let case = cases_db::find(conn, case_id)?.ok_or(ApiError::NotFound)?;
    if bytes.len() as u64 > settings.max_document_bytes {
        return Err(ApiError::PayloadTooLarge);
    }
    if bytes.is_empty() {
        return Err(ApiError::invalid(Finding::error("file", "file_empty", "Berkas kosong.", "The file is empty.")));
    }
    let media_type = sniff(bytes).ok_or(ApiError::UnsupportedMediaType)?;
    let id = new_id();
    let name = clean_file_name(file_name, media_type);
    let sha256: String = Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
    let kind = code_of(&kind);
    let size = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
    documents_db::insert(
        conn,
        &NewDocument {
            id: &id,
            case_id: &case.id,
            kind: &kind,
            file_name: &name,
            media_type,
            size_bytes: size,
            sha256: &sha256,
            content: bytes,
            uploaded_at: now(),
            uploaded_by: &actor.label,
        },
    )?;
    audit::record(
        conn,
        actor,
        Change::new("case.document_added", "case", Some(&case.id)).about(&case.worker_id).after(
            &json!({ "document_id": id, "kind": kind, "file_name": name, "media_type": media_type, "size_bytes": size, "sha256": sha256 }),
        ),
    )?;
    documents_db::find(conn, &id)?.ok_or_else(|| ApiError::internal(anyhow::anyhow!("document vanished")))
}

pub fn view(d: DocumentMeta) -> DocumentView {
    DocumentView {
        kind: from_code(&d.kind).unwrap_or(DocumentKind::Other),
        id: d.id,
        case_id: d.case_id,
        file_name: d.file_name,
        media_type: d.media_type,
        size_bytes: d.size_bytes,
        sha256: d.sha256,
        uploaded_at: Utc.from_utc_datetime(&d.uploaded_at),
        uploaded_by: d.uploaded_by,
    }
}

/// A document's content, recorded as an access by `actor`.
pub fn read(conn: &mut DbConn, actor: &Actor, id: &str) -> Result<(DocumentMeta, Vec<u8>), ApiError> {
    let meta = documents_db::find(conn, id)?.ok_or(ApiError::NotFound)?;
    let case = cases_db::find(conn, &meta.case_id)?.ok_or(ApiError::NotFound)?;
    audit::record(
        conn,
        actor,
        Change::new("document.view", "document", Some(&meta.id))
            .about(&case.worker_id)
            .after(&json!({ "case_id": case.id })),
    )?;
    let content = documents_db::content(conn, id)?;
    Ok((meta, content))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_come_from_the_content() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some("application/pdf"));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]), Some("image/jpeg"));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(sniff(b"MZ\x90\x00 an exe named scan.pdf"), None);
        assert_eq!(sniff(b"<html>"), None);
    }

    #[test]
    fn file_names_are_cleaned() {
        assert_eq!(clean_file_name(Some("C:\\Users\\hr\\SPTJM Budi.pdf"), "application/pdf"), "SPTJM Budi.pdf");
        assert_eq!(clean_file_name(Some("../../etc/passwd"), "application/pdf"), "passwd");
        assert_eq!(clean_file_name(Some("a\"b;c\r\n.png"), "image/png"), "abc.png");
        assert_eq!(clean_file_name(None, "image/jpeg"), "dokumen.jpg");
        assert_eq!(clean_file_name(Some(".htaccess"), "image/png"), "dokumen.png");
    }
}
