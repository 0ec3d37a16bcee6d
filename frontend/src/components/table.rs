//! The pieces every data table of the app shares.

use leptos::prelude::*;

use crate::i18n::T;
use crate::session::use_session;

/// A column heading in the user's language.
#[component]
pub fn ColumnHeader(label: T) -> impl IntoView {
    let lang = use_session().lang;
    view! { <th scope="col">{move || label.get(lang.get())}</th> }
}

/// The one row a table shows when it has nothing to list.
#[component]
pub fn EmptyRow(columns: u8, text: T) -> impl IntoView {
    let lang = use_session().lang;
    view! {
        <tr>
            <td colspan=columns.to_string() class="empty">
                {move || text.get(lang.get())}
            </td>
        </tr>
    }
}
