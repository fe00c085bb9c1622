//! The Activations tab's two charts, drawn as inline SVG, each with its figures as a table.

use crate::components::data_table::DataTable;
use chrono::NaiveDate;
use leptos::prelude::*;

/// Bars, `(label, count)` each; the chart's name says its sum and its peak for a screen reader.
fn bars(name: &'static str, points: &[(String, usize)], vertical: bool) -> impl IntoView {
    let max = points.iter().map(|p| p.1).max().unwrap_or(0).max(1);
    let total: usize = points.iter().map(|p| p.1).sum();
    let peak = points
        .iter()
        .max_by_key(|p| p.1)
        .map(|p| format!(", most: {} ({})", p.0, p.1))
        .unwrap_or_default();
    let label = format!("{name}: {total} in all{peak}");
    let n = points.len().max(1);
    let (w, h) = if vertical {
        (n * 12, 100)
    } else {
        (300, n * 14)
    };
    let rects = points
        .iter()
        .enumerate()
        .map(|(i, (what, count))| {
            let size = count * if vertical { 96 } else { 296 } / max;
            let (x, y, width, height) = if vertical {
                (i * 12 + 1, 100 - size, 10, size)
            } else {
                (0, i * 14 + 1, size, 12)
            };
            view! { <rect x=x y=y width=width height=height><title>{format!("{what}: {count}")}</title></rect> }
        })
        .collect_view();
    view! {
        <svg role="img" aria-label=label viewBox=format!("0 0 {w} {h}") width="100%"
            height=if vertical { 160 } else { n * 24 } preserveAspectRatio="none" fill="currentColor">{rects}</svg>
    }
}

/// The chart and, in a disclosure, the same figures as a table.
fn figure(
    name: &'static str,
    head: &'static str,
    points: Vec<(String, usize)>,
    vertical: bool,
) -> impl IntoView {
    let chart = bars(name, &points, vertical);
    let row = |p: (String, usize)| view! { <tr><td>{p.0}</td><td>{p.1}</td></tr> };
    view! {
        <figure class="pim-chart">
            <figcaption>{name}</figcaption>
            {chart}
            <details>
                <summary>{format!("{name} as a table")}</summary>
                <DataTable caption=name headers=vec![head, "Activations"] rows=Signal::stored(points)
                    key=|p: &(String, usize)| p.0.clone() row empty="None." />
            </details>
        </figure>
    }
}

/// Activations per day of the window.
pub fn per_day(days: Vec<(NaiveDate, usize)>) -> impl IntoView {
    let points = days
        .into_iter()
        .map(|(d, n)| (crate::domain::stamp::ymd(d), n))
        .collect();
    figure("Activations per day", "Day", points, true)
}

/// The groups most activated.
pub fn top_groups(groups: Vec<(String, usize)>) -> impl IntoView {
    figure("Groups most activated", "Group", groups, false)
}
