//! The warnings a record is saved with (`warnings_json` columns): findings of severity warning,
//! with their messages in both languages, so they are answered in whichever language the reader
//! uses.

use serde::{Deserialize, Serialize};
use tertib_domain::{ErrorDetail, Finding, Lang, Severity};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredFinding {
    pub field: String,
    pub code: String,
    pub id: String,
    pub en: String,
}

impl StoredFinding {
    pub fn of(finding: &Finding) -> StoredFinding {
        StoredFinding {
            field: finding.field.clone(),
            code: finding.code.to_string(),
            id: finding.message(Lang::Id).to_string(),
            en: finding.message(Lang::En).to_string(),
        }
    }

    pub fn detail(&self, lang: Lang) -> ErrorDetail {
        ErrorDetail {
            field: Some(self.field.clone()),
            code: self.code.clone(),
            severity: Severity::Warning,
            message: match lang {
                Lang::Id => self.id.clone(),
                Lang::En => self.en.clone(),
            },
        }
    }
}

/// The JSON kept for these warnings.
pub fn to_json(warnings: &[StoredFinding]) -> String {
    serde_json::to_string(warnings).unwrap_or_else(|_| "[]".to_string())
}

/// The warnings kept as JSON, in `lang`. Unreadable JSON reads as no warnings.
pub fn render(json: &str, lang: Lang) -> Vec<ErrorDetail> {
    serde_json::from_str::<Vec<StoredFinding>>(json).unwrap_or_default().iter().map(|w| w.detail(lang)).collect()
}
