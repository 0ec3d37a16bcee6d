//! Pieces shared by the pages: the signed-in frame and form fields.

pub mod badge;
pub mod export;
pub mod form;
pub mod shell;
pub mod status;
pub mod table;
pub mod timeline;
