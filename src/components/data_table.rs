//! A data grid: a real `<table>` with a caption, keyed rows (`<For>`), an empty row, and a scroll
//! region that can take focus, so a wide table scrolls inside itself at 375 px, by keyboard too.
//! A long table (groups, assignments, audit) draws only the rows in view.

use leptos::html::Tbody;
use leptos::prelude::*;
use std::hash::Hash;
use std::ops::Range;
use wasm_bindgen::JsCast;

/// Tables longer than this are windowed: the region gets a height and scrolls, and only the
/// rows on screen (and a few either side) are in the page.
const WINDOW_FROM: usize = 200;
/// Rows drawn above and below the visible ones, so a fast scroll never shows a gap.
const OVERSCAN: usize = 12;

/// Where the window stands: what has scrolled by, how tall the region and a row are.
#[derive(Clone, Copy, PartialEq)]
struct Scroll {
    scrolled: f64,
    height: f64,
    row: f64,
    /// The body's distance from the region's top (caption and header).
    body_top: f64,
}

/// The rows to draw out of `n`.
fn window(n: usize, v: Scroll) -> Range<usize> {
    if n <= WINDOW_FROM {
        return 0..n;
    }
    let row = v.row.max(1.0);
    let first = ((v.scrolled - v.body_top).max(0.0) / row) as usize;
    let shown = (v.height / row).ceil() as usize + 1;
    let start = first.saturating_sub(OVERSCAN).min(n);
    (start)..(first + shown + OVERSCAN).min(n)
}

/// A spacer row standing for `rows` rows that are not drawn.
fn spacer(rows: usize, v: Scroll, columns: String) -> impl IntoView {
    (rows > 0).then(|| {
        view! {
            <tr class="pim-table__spacer" aria-hidden="true" style:height=format!("{}px", (rows as f64 * v.row).round() as i64)>
                <td colspan=columns></td>
            </tr>
        }
    })
}

/// The windowing of one table, kept out of the generic component so its code exists once.
#[derive(Clone, Copy)]
struct Windowing {
    at: RwSignal<Scroll>,
    windowed: Memo<bool>,
    range: Memo<Range<usize>>,
    body: NodeRef<Tbody>,
}

impl Windowing {
    fn new(count: Memo<usize>) -> Self {
        let at = RwSignal::new(Scroll {
            scrolled: 0.0,
            height: 600.0,
            row: 40.0,
            body_top: 0.0,
        });
        let windowed = Memo::new(move |_| count.get() > WINDOW_FROM);
        let range = Memo::new(move |_| window(count.get(), at.get()));
        let body = NodeRef::<Tbody>::new();
        // Once a windowed table has rows, measure one: rows differ in height between themes and
        // widths, and the spacers must stand for what the drawn rows would have taken.
        Effect::new(move |_| {
            if !windowed.get() {
                return;
            }
            let _ = range.get();
            let Some(tbody) = body.get() else { return };
            let drawn = tbody
                .query_selector("tr:not(.pim-table__spacer)")
                .ok()
                .flatten();
            if let Some(tr) = drawn.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                let (h, top) = (tr.offset_height() as f64, tbody.offset_top() as f64);
                let now = at.get_untracked();
                if h > 0.0 && (h != now.row || top != now.body_top) {
                    at.update(|v| {
                        v.row = h;
                        v.body_top = top;
                    });
                }
            }
        });
        Windowing {
            at,
            windowed,
            range,
            body,
        }
    }

    fn scrolled(self, e: leptos::ev::Event) {
        if let Some(el) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let (scrolled, height) = (el.scroll_top() as f64, el.client_height() as f64);
            self.at.update(|v| {
                v.scrolled = scrolled;
                v.height = height;
            });
        }
    }
}

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
    empty: Signal<String>,
    /// While rows are still being read, no rows is not yet "none": the empty row waits.
    #[prop(optional, into)]
    loading: Signal<bool>,
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
    let count = Memo::new(move |_| rows.with(Vec::len));
    let w = Windowing::new(count);
    let range = w.range;
    let shown = move || rows.with(|r| r[range.get()].to_vec());
    let (c1, c2, c3) = (columns.clone(), columns.clone(), columns.clone());
    view! {
        <div class="pim-table-scroll" class:pim-table-scroll--windowed=w.windowed role="region" aria-label=region tabindex="0" on:scroll=move |e| w.scrolled(e)>
            <table class="pim-table" aria-rowcount=move || w.windowed.get().then(|| (count.get() + 1).to_string())>
                <caption>{caption}</caption>
                <thead><tr>{heads}</tr></thead>
                <tbody node_ref=w.body>
                    {move || spacer(range.get().start, w.at.get(), c1.clone())}
                    <For each=shown key=key children=row />
                    {move || spacer(count.get() - range.get().end, w.at.get(), c2.clone())}
                    {move || (count.get() == 0 && !loading.get()).then(|| view! { <tr><td colspan=c3.clone()>{move || empty.get()}</td></tr> })}
                </tbody>
            </table>
        </div>
    }
}
