//! A finding is what a rule says about one field: an error blocks saving, a warning is shown and
//! kept with the record. Messages are carried in both languages so the same finding can be shown
//! in the browser and answered by the API in whichever language the reader uses.

use serde::{Deserialize, Serialize};

use crate::{ErrorDetail, Lang};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub field: String,
    pub code: &'static str,
    pub severity: Severity,
    id: String,
    en: String,
}

impl Finding {
    pub fn error(
        field: impl Into<String>,
        code: &'static str,
        id: impl Into<String>,
        en: impl Into<String>,
    ) -> Finding {
        Finding { field: field.into(), code, severity: Severity::Error, id: id.into(), en: en.into() }
    }

    pub fn warning(
        field: impl Into<String>,
        code: &'static str,
        id: impl Into<String>,
        en: impl Into<String>,
    ) -> Finding {
        Finding { field: field.into(), code, severity: Severity::Warning, id: id.into(), en: en.into() }
    }

    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.id,
            Lang::En => &self.en,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    pub fn to_detail(&self, lang: Lang) -> ErrorDetail {
        ErrorDetail {
            field: Some(self.field.clone()),
            code: self.code.to_string(),
            severity: self.severity,
            message: self.message(lang).to_string(),
        }
    }
}
