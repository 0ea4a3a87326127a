//! The findings panel both planners show: is the design supported, every rule that fired with its
//! severity and source, errors first; a click on a finding selects what it is about. The header's count
//! of errors and warnings leads to it.

use std::rc::Rc;

use clusterplan_core::finding::{Finding, Severity, SubjectKind};
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct FindingsProps {
    pub findings: Rc<Vec<Finding>>,
    /// The subject of a clicked finding.
    pub onselect: Callback<(SubjectKind, String)>,
}

/// "1 error, 2 warnings" (or that there are none).
fn counts(findings: &[Finding]) -> String {
    let count = |severity| findings.iter().filter(|f| f.severity == severity).count();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (count(Severity::Error), count(Severity::Warning)) {
        (0, 0) => "No errors or warnings".to_string(),
        (errors, warnings) => format!("{}, {}", plural(errors, "error"), plural(warnings, "warning")),
    }
}

/// The header's count of errors and warnings: a button that brings the findings into view.
pub fn findings_count(findings: &[Finding]) -> Html {
    let worst = if findings.iter().any(|f| f.severity == Severity::Error) {
        "error"
    } else if findings.iter().any(|f| f.severity == Severity::Warning) {
        "warning"
    } else {
        "none"
    };
    let onclick = Callback::from(|_: MouseEvent| {
        if let Ok(Some(panel)) = gloo::utils::document().query_selector(".findings") {
            panel.scroll_into_view();
        }
        if let Some(title) = gloo::utils::document().get_element_by_id("findings-title")
            && let Ok(title) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(title)
        {
            let _ = title.focus();
        }
    });
    html! {
        <button class={classes!("findings-count", worst)} {onclick} title="Show the findings">{ counts(findings) }</button>
    }
}

#[component]
pub fn Findings(props: &FindingsProps) -> Html {
    let findings = &props.findings;
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
        <section id="findings" tabindex="-1" class="panel findings" aria-labelledby="findings-title">
            <h2 id="findings-title" tabindex="-1">{ format!("Is it supported? {}", counts(findings)) }</h2>
            <ul>{ for items }</ul>
        </section>
    }
}

/// The design's findings and the advice after them; the same shared list when there is no advice.
pub fn with_advice(findings: &Rc<Vec<Finding>>, advice: Vec<Finding>) -> Rc<Vec<Finding>> {
    if advice.is_empty() {
        return findings.clone();
    }
    Rc::new(findings.iter().cloned().chain(advice).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clusterplan_core::cluster::{Design, presets, rules};

    #[test]
    fn the_count_names_errors_and_warnings() {
        let findings = |id: &str| rules::validate(&Design::new(presets::preset(id).unwrap()).unwrap());
        assert_eq!(counts(&findings("four-node-3a1p")), "No errors or warnings");
        assert_eq!(counts(&findings("two-node-active-active")), "0 errors, 1 warning");
        assert_eq!(counts(&[]), "No errors or warnings");
    }

    #[test]
    fn advice_comes_after_the_findings_and_no_advice_keeps_the_list() {
        use clusterplan_core::finding::Rule;
        const RULE: Rule = Rule { id: "r", severity: Severity::Info, summary: "", source: "s" };
        let findings = Rc::new(vec![Finding::new(&RULE, SubjectKind::Dag, "DAG1", "a finding".into())]);
        assert!(Rc::ptr_eq(&super::with_advice(&findings, Vec::new()), &findings), "nothing new to render");
        let advice = Finding::new(&RULE, SubjectKind::Dag, "DAG1", "advice".into());
        let both = super::with_advice(&findings, vec![advice]);
        assert_eq!(both.iter().map(|f| f.message.as_str()).collect::<Vec<_>>(), ["a finding", "advice"]);
    }
}
