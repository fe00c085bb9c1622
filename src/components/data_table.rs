//! A data grid: a real `<table>` with a caption, keyed rows (`<For>`), an empty row, and a scroll
//! region that can take focus, so a wide table scrolls inside itself at 375 px, by keyboard too.

use leptos::prelude::*;
use std::hash::Hash;

/// The table. Rows are drawn by `row`, keyed by `key`; `headers` name the columns.
#[component]
pub fn DataTable<T, K, KF, RF, IV>(
    /// The table's caption (its accessible name, and the scroll region's).
    #[prop(into)]
    caption: String,
    /// Column headings; an empty one is read as `hidden` (action columns).
    headers: Vec<&'static str>,
    /// The rows.
    #[prop(into)]
    rows: Signal<Vec<T>>,
    /// A stable key per row.
    key: KF,
    /// One `<tr>`.
    row: RF,
    /// Said in a single cell when there are no rows.
    #[prop(into)]
    empty: String,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    K: Eq + Hash + 'static,
    KF: Fn(&T) -> K + Clone + Send + Sync + 'static,
    RF: Fn(T) -> IV + Clone + Send + Sync + 'static,
    IV: IntoView + 'static,
{
    let columns = headers.len().to_string();
    let heads = headers
        .into_iter()
        .map(|h| match h {
            "" => view! { <th scope="col"><span class="pim-visually-hidden">"Actions"</span></th> }
                .into_any(),
            h => view! { <th scope="col">{h}</th> }.into_any(),
        })
        .collect_view();
    let region = caption.clone();
    view! {
        <div class="pim-table-scroll" role="region" aria-label=region tabindex="0">
            <table class="pim-table">
                <caption>{caption}</caption>
                <thead><tr>{heads}</tr></thead>
                <tbody>
                    <For each=move || rows.get() key=key children=row />
                    {move || rows.with(Vec::is_empty).then(|| view! { <tr><td colspan=columns.clone()>{empty.clone()}</td></tr> })}
                </tbody>
            </table>
        </div>
    }
}
