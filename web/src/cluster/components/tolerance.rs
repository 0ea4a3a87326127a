//! What the 2003 cluster tolerates: whether it survives any single node failure, and how many failed nodes
//! at once it survives, from every set of failed nodes worked out in the component's worker.

use yew::prelude::*;

use crate::cluster::analysis::ToleranceSummary as Summary;
use crate::shell::matrix::{Matrix, percent};

/// The panel: a plain function rather than a component, since it has no state of its own and the page's
/// bundle is at its budget.
pub fn tolerance(matrix: &Matrix<Summary>) -> Html {
    let answer = match matrix {
        Matrix::Working { done, total } => html! {
            <span class="muted working">
                <progress max="100" value={percent(*done, *total).to_string()}
                          aria-label="Failure analysis progress" />
                { if *total == 0 { "working out…".to_string() } else { format!(" working out: {done} of {total} node sets") } }
            </span>
        },
        Matrix::Ready { summary, limited } => {
            let survives = summary.survives_any_single_failure;
            let word = if survives { "yes" } else { "no" };
            let scope = match limited {
                Some(k) => format!(" (any {} at once, of every set of up to {k} failed nodes)", summary.tolerates_any),
                None => format!(" (any {} at once)", summary.tolerates_any),
            };
            html! { <><strong class={classes!("answer", word)}>{ word }</strong>{ scope }</> }
        }
        Matrix::Failed(why) => html! { <span class="muted">{ format!("not worked out: {why}") }</span> },
    };
    html! {
        <section class="panel tolerance" aria-label="What it tolerates">
            <p class="tolerance" aria-live="polite">
                { "Survives any single node failure? " }
                { answer }
            </p>
        </section>
    }
}
