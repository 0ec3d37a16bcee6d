//! The two languages Tertib speaks. Bahasa Indonesia is the default: it is the office's language.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Id,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Id, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "id" | "in" => Some(Lang::Id),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the language from an HTTP `Accept-Language` value, honouring `q` weights. Anything we
    /// do not speak falls back to Bahasa Indonesia.
    pub fn from_accept_language(header: &str) -> Lang {
        let mut best: Option<(f32, Lang)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or("").trim();
            let primary = tag.split('-').next().unwrap_or("");
            let q =
                pieces.filter_map(|p| p.trim().strip_prefix("q=")).find_map(|v| v.parse::<f32>().ok()).unwrap_or(1.0);
            if let Some(lang) = Lang::from_code(primary) {
                if best.is_none_or(|(bq, _)| q > bq) {
                    best = Some((q, lang));
                }
            }
        }
        best.map(|(_, l)| l).unwrap_or_default()
    }

    /// Chooses between the Indonesian and English text of a message.
    pub fn pick(self, id: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Id => id,
            Lang::En => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_is_read_with_weights_and_falls_back_to_indonesian() {
        let cases = [
            ("", Lang::Id),
            ("en", Lang::En),
            ("en-US,en;q=0.9", Lang::En),
            ("id-ID,id;q=0.9,en;q=0.8", Lang::Id),
            ("fr-FR,en;q=0.5", Lang::En),
            ("en;q=0.3,id;q=0.7", Lang::Id),
            ("de", Lang::Id),
            ("*", Lang::Id),
        ];
        for (header, want) in cases {
            assert_eq!(Lang::from_accept_language(header), want, "header {header:?}");
        }
    }
}
