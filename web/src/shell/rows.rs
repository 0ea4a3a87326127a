//! Long tables drawn a window at a time: only the rows in view (and a few either side) are in the page,
//! with two spacers standing in for the rest, so a failure on a 200-database DAG repaints the twenty rows
//! on screen, not all two hundred. Short tables are drawn whole (find in page and printing see every row).

use std::ops::Range;

use gloo::events::{EventListener, EventListenerOptions, EventListenerPhase};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Tables with more rows than this are windowed.
pub const WINDOWED_ABOVE: usize = 60;
/// Rows drawn before the first measurement (a tall window's worth).
const FIRST_DRAWN: usize = 40;
/// Rows drawn beyond each edge of the view, so a scroll or a Tab reaches rows already drawn.
const OVERSCAN: usize = 8;

/// The rows to draw of `count` rows `height` pixels tall each, when the rows' top is `top` pixels below the
/// view's top (negative once scrolled past) and the view is `view` pixels tall: those in view and
/// `OVERSCAN` either side. Before any row is measured (`height` 0), the first `FIRST_DRAWN`.
pub fn rows_in_view(count: usize, height: f64, top: f64, view: f64) -> Range<usize> {
    if height <= 0.0 || !height.is_finite() || !top.is_finite() || !view.is_finite() {
        return 0..count.min(FIRST_DRAWN);
    }
    // Casts of negative floats saturate at 0, of huge ones at usize::MAX; both are clamped below.
    let first = (-top / height).floor() as usize;
    let last = ((view - top) / height).ceil() as usize;
    let start = first.saturating_sub(OVERSCAN).min(count);
    let end = last.saturating_add(OVERSCAN).min(count).max(start);
    start..end
}

/// Which rows of a table to draw, and the spacers to put before and after them.
pub struct RowWindow {
    /// The rows to draw (all of them in a short table).
    pub rows: Range<usize>,
    /// Whether the table is windowed (then the spacers are drawn, as `<tbody>`s of their own around the
    /// rows' own `<tbody>`, so the keyed rows are the only children of theirs).
    pub windowed: bool,
    /// The spacer before the rows: a `<tbody>` whose row's height the hook sets.
    pub before: NodeRef,
    /// The spacer after the rows.
    pub after: NodeRef,
}

#[derive(Clone, PartialEq)]
struct Drawn {
    rows: Range<usize>,
    /// One row's height in pixels, as last measured (0 before the first measurement).
    height: f64,
}

/// The window of `count` rows whose `<tbody>` is `body`: measured after each render that changes the
/// count, and on every scroll (of the page or any box in it) and resize. The spacers' heights are set
/// through the style object, which the page's Content-Security-Policy allows (a `style` attribute it does
/// not).
#[hook]
pub fn use_row_window(body: NodeRef, count: usize) -> RowWindow {
    let windowed = count > WINDOWED_ABOVE;
    let drawn = use_state_eq(|| Drawn { rows: 0..count.min(FIRST_DRAWN), height: 0.0 });
    let (before, after) = (use_node_ref(), use_node_ref());
    {
        let (drawn, before) = (drawn.clone(), before.clone());
        use_effect_with(count, move |&count| {
            let measure = {
                let body = body.clone();
                move || {
                    if let Some(measured) = measure(&body, &before, count, drawn.height) {
                        drawn.set(measured);
                    }
                }
            };
            let listeners = windowed.then(|| {
                measure();
                let on = |target: &web_sys::EventTarget, name: &'static str, phase| {
                    let (measure, body) = (measure.clone(), body.clone());
                    let options = EventListenerOptions { phase, passive: true };
                    EventListener::new_with_options(target, name, options, move |event| {
                        // Only the page's or the table's own scrolling box moves its rows (a panel beside it
                        // scrolls when its content changes length, and measuring then would cost a layout).
                        let moves_rows = event
                            .target()
                            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                            .is_none_or(|scroller| body.get().is_some_and(|body| scroller.contains(Some(&body))));
                        if moves_rows {
                            measure();
                        }
                    })
                };
                let window = gloo::utils::window();
                // Scroll events do not bubble: caught on the way down, any scrolling box's are heard.
                [on(&window, "scroll", EventListenerPhase::Capture), on(&window, "resize", EventListenerPhase::Bubble)]
            });
            move || drop(listeners)
        });
    }
    let rows = if windowed { drawn.rows.start.min(count)..drawn.rows.end.min(count) } else { 0..count };
    {
        let (before, after, height) = (before.clone(), after.clone(), drawn.height);
        let (above, below) = (rows.start, count - rows.end);
        use_effect(move || {
            set_height(&before, above as f64 * height);
            set_height(&after, below as f64 * height);
        });
    }
    RowWindow { rows, windowed, before, after }
}

/// The rows in view now: where the spacer before the drawn rows starts (the table's first row would), the
/// view's height, and a row's height averaged over the rows drawn (`known` while none is).
fn measure(body: &NodeRef, before: &NodeRef, count: usize, known: f64) -> Option<Drawn> {
    let body = body.cast::<web_sys::Element>()?;
    let top = before.cast::<web_sys::Element>()?.get_bounding_client_rect().top();
    let view = gloo::utils::window().inner_height().ok()?.as_f64()?;
    let drawn = body.children();
    let height = match (drawn.item(0), drawn.length().checked_sub(1).and_then(|last| drawn.item(last))) {
        (Some(first), Some(last)) => {
            let span = last.get_bounding_client_rect().bottom() - first.get_bounding_client_rect().top();
            span / f64::from(drawn.length())
        }
        _ => known,
    };
    Some(Drawn { rows: rows_in_view(count, height, top, view), height })
}

fn set_height(spacer: &NodeRef, pixels: f64) {
    let Some(row) = spacer.cast::<web_sys::Element>().and_then(|spacer| spacer.first_element_child()) else { return };
    if let Ok(row) = row.dyn_into::<web_sys::HtmlElement>() {
        let _ = row.style().set_property("height", &format!("{pixels:.0}px"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rows_in_view_and_a_few_either_side_are_drawn() {
        // 200 rows of 40 px, the table's top at the view's top, a view of 800 px: rows 0..20 are in view.
        assert_eq!(rows_in_view(200, 40.0, 0.0, 800.0), 0..28);
        // Scrolled 4,000 px down: rows 100..120 in view, 92..128 drawn.
        assert_eq!(rows_in_view(200, 40.0, -4000.0, 800.0), 92..128);
        // At the end: the last rows, never beyond the count.
        assert_eq!(rows_in_view(200, 40.0, -7600.0, 800.0), 182..200);
        // The table below the view (its top 2,000 px down): nothing in view, the overscan's first rows are ready.
        assert_eq!(rows_in_view(200, 40.0, 2000.0, 800.0), 0..OVERSCAN);
        assert_eq!(rows_in_view(200, 40.0, 700.0, 800.0), 0..11);
        // Scrolled past its end: nothing drawn, and never an inverted range.
        assert_eq!(rows_in_view(200, 40.0, -20_000.0, 800.0), 200..200);
    }

    #[test]
    fn before_any_measurement_the_first_rows_are_drawn() {
        assert_eq!(rows_in_view(200, 0.0, 0.0, 800.0), 0..FIRST_DRAWN);
        assert_eq!(rows_in_view(10, 0.0, 0.0, 800.0), 0..10);
        assert_eq!(rows_in_view(200, f64::NAN, 0.0, 800.0), 0..FIRST_DRAWN);
    }
}
