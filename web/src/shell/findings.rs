//! The findings panel both planners show: is the design supported, every rule that fired with its
//! severity and source, errors first; a click on a finding selects what it is about.

use std::rc::Rc;

use clusterplan_core::finding::{Finding, Severity, SubjectKind};
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct FindingsProps {
    pub findings: Rc<Vec<Finding>>,
    /// The subject of a clicked finding.
    pub onselect: Callback<(SubjectKind, String)>,
}

#[component]
pub fn Findings(props: &FindingsProps) -> Html {
    let findings = &props.findings;
    let count = |severity| findings.iter().filter(|f| f.severity == severity).count();
    let items = findings.iter().map(|f| {
        let severity = f.severity.word();
        let select = {
            let subject = (f.subject_kind, f.subject.clone());
            props.onselect.reform(move |_| subject.clone())
        };
        html! {
            <li class={classes!("finding", severity)} data-rule={f.rule}>
                <button class="finding-button" onclick={select}>
                    <span class="severity">{ severity }</span>
                    <span class="message">{ f.message.clone() }</span>
                </button>
                <span class="source">{ format!("{} — {}", f.rule, f.source) }</span>
            </li>
        }
    });
    html! {
        <section class="panel findings" aria-labelledby="findings-title">
            <h2 id="findings-title">
                { format!("Is it supported? {} errors, {} warnings", count(Severity::Error), count(Severity::Warning)) }
            </h2>
            <ul>{ for items }</ul>
        </section>
    }
}
