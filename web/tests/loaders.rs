//! The planners' doors under bad input, natively: a file imported, a link opened, an event typed. Texts
//! are the presets' saved designs cut, spliced and salted with stray tokens, and event strings half right;
//! each must either open (and then read back the same) or leave the design, its history and its events as
//! they were, with an error notice — never a panic. 2,000 inputs per door in each run.

use std::rc::Rc;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use clusterplan_core::link;
use clusterplan_tests::mutate::{edited, text_edit};
use clusterplan_web::shell::notice::NoticeKind;
use clusterplan_web::shell::planner;
use clusterplan_web::shell::share::{self, to_json};
use clusterplan_web::{cluster, dag};
use proptest::prelude::*;
use proptest::sample::Index;
use yew::Reducible;

/// Stray tokens for the text edits.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "null",
    "-1",
    "1e999",
    "\\u0000",
    "\u{0}",
    "\n",
    "xyz",
    "\"kind\": \"dag\",",
    "\"DAG\"",
    "\"events\": [\"fail:node1\"],",
    "\u{1b}[31m",
];

fn config() -> ProptestConfig {
    ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() }
}

/// The texts mutations start from: every preset of the family, as a bare scenario and saved with an event.
fn cluster_texts() -> Vec<String> {
    let mut texts = Vec::new();
    for (id, _) in clusterplan_core::cluster::presets::PRESETS {
        let saved = cluster::state::Saved::preset(id).unwrap();
        texts.push(to_json(&saved.scenario));
        texts.push(to_json(&cluster::state::Saved { events: vec!["fail:node1".into()], ..saved }));
    }
    texts
}

fn dag_texts() -> Vec<String> {
    let mut texts = Vec::new();
    for (id, _) in clusterplan_core::dag::presets::PRESETS {
        let saved = dag::state::Saved::preset(id).unwrap();
        texts.push(to_json(&saved.scenario));
        texts.push(to_json(&dag::state::Saved { events: vec!["fail:ex1".into()], ..saved }));
    }
    texts
}

const EVENTS: &[&str] = &[
    "fail:node1",
    "fail:node9",
    "restore:node1",
    "fail-resource:EVS1/Store",
    "fail-resource:EVS1",
    "move:EVS1=node4",
    "fail:node1@30s",
    "fail:node1@-5s",
    "fail:ex1",
    "fail-site:dc1",
    "fail-copy:db1@ex2",
    "switchover:db1=ex2",
    "fail:ex1@30s",
    "fail-wan:dc1-dc1",
    "",
    ":",
    "fail:",
    "fail:\u{1b}[31m",
    "explode:everything",
];

fn cluster_start(id: &str) -> Rc<cluster::state::AppState> {
    Rc::new(cluster::state::AppState::new(cluster::state::Saved::preset(id).unwrap()))
}

fn dag_start(id: &str) -> Rc<dag::state::AppState> {
    Rc::new(dag::state::AppState::new(dag::state::Saved::preset(id).unwrap()))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn cluster_imports_open_or_change_nothing(seed in any::<Index>(), edits in prop::collection::vec(text_edit(TOKENS), 0..3)) {
        let texts = cluster_texts();
        let text = edited(&texts[seed.index(texts.len())], &edits);
        let before = cluster_start("two-node-active-passive").reduce(cluster::state::Action::Apply("fail:node1".into()));
        let after = before.clone().reduce(cluster::state::Action::Import(text.clone()));
        match clusterplan_core::cluster::Design::from_json(&text) {
            Ok(design) => prop_assert_eq!(&after.saved.scenario, &design.scenario),
            Err(_) => {
                prop_assert_eq!(&after.saved, &before.saved);
                prop_assert_eq!(&after.history, &before.history);
                prop_assert_eq!(after.notice.as_ref().map(|n| n.kind), Some(NoticeKind::Error));
            }
        }
        // The same text in a link: it reads, or says why not; what reads goes back into a link unchanged.
        let fragment = format!("#design={}", URL_SAFE_NO_PAD.encode(&text));
        let read = |fragment: &str| link::read(fragment)?.map(|text| share::saved_from_json::<clusterplan_core::cluster::model::Scenario>(&text)).transpose();
        if let Ok(Some(saved)) = read(&fragment) {
            prop_assert_eq!(read(&link::write(&to_json(&saved))).unwrap(), Some(saved));
        }
    }

    #[test]
    fn dag_imports_open_or_change_nothing(seed in any::<Index>(), edits in prop::collection::vec(text_edit(TOKENS), 0..3)) {
        let texts = dag_texts();
        let text = edited(&texts[seed.index(texts.len())], &edits);
        let before = dag_start("dag-pa-8").reduce(dag::state::Action::Apply("fail-site:dc1".into()));
        let after = before.clone().reduce(dag::state::Action::Import(text.clone()));
        // It opens when it reads and its design loads, with the events that apply to it; the others are
        // dropped and the notice names them.
        let analysed = dag::state::from_json(&text).ok().and_then(|saved| {
            planner::analyse::<dag::state::Dag>(&saved, None).ok().map(|(kept, _, dropped)| (saved, kept, dropped))
        });
        match analysed {
            Some((saved, kept, dropped)) => {
                prop_assert_eq!(&*after.saved, &kept);
                prop_assert_eq!(dropped.is_some(), kept.events != saved.events);
                if let Some(dropped) = dropped {
                    prop_assert_eq!(after.notice.as_ref(), Some(&dropped));
                }
            }
            None => {
                prop_assert_eq!(&after.saved, &before.saved);
                prop_assert_eq!(&after.history, &before.history);
                prop_assert_eq!(after.notice.as_ref().map(|n| n.kind), Some(NoticeKind::Error));
            }
        }
        let fragment = format!("#design={}", URL_SAFE_NO_PAD.encode(&text));
        let read = |fragment: &str| link::read(fragment)?.map(|text| dag::state::from_json(&text)).transpose();
        if let Ok(Some(saved)) = read(&fragment) {
            prop_assert_eq!(read(&link::write(&to_json(&saved))).unwrap(), Some(saved));
        }
    }

    #[test]
    fn typed_events_apply_or_change_nothing(event in prop::sample::select(EVENTS), edits in prop::collection::vec(text_edit(TOKENS), 0..2)) {
        let event = edited(event, &edits);
        let before = cluster_start("four-node-3a1p");
        let after = before.clone().reduce(cluster::state::Action::Apply(event.clone()));
        if after.notice.as_ref().is_some_and(|n| n.kind != NoticeKind::Info) {
            prop_assert_eq!(&after.saved, &before.saved);
        }
        let before = dag_start("dag-2-member");
        let after = before.clone().reduce(dag::state::Action::Apply(event));
        if after.notice.as_ref().is_some_and(|n| n.kind != NoticeKind::Info) {
            prop_assert_eq!(&after.saved, &before.saved);
        }
    }
}

#[test]
fn the_new_formats_errors_reach_the_planners() {
    // A preset with text after it, in the 2003 planner.
    let four = to_json(&cluster::state::Saved::preset("four-node-3a1p").unwrap().scenario);
    let state = cluster_start("two-node-active-passive");
    let after = state.clone().reduce(cluster::state::Action::Import(format!("{four}\nxyz")));
    assert_eq!(after.saved, state.saved);
    assert!(after.notice.as_ref().unwrap().text.contains("text after the design"), "{:?}", after.notice);
    // A broken DAG file is still seen as a DAG there, and sent to its planner.
    let dag_text = to_json(&dag::state::Saved::preset("dag-2-member").unwrap().scenario);
    let after = state.reduce(cluster::state::Action::Import(dag_text[..dag_text.len() / 2].to_string()));
    assert!(after.notice.as_ref().unwrap().text.contains("open it in the DAG planner"), "{:?}", after.notice);
    // In the DAG planner, a broken DAG file is reported in DAG terms.
    let state = dag_start("dag-pa-8");
    for (text, says) in [
        (dag_text[..dag_text.len() / 2].to_string(), "the file ends too early"),
        (dag_text.replace("\"kind\": \"dag\"", "\"kind\": \"DAG\""), "unknown variant `DAG`, expected `dag`"),
        (format!("{dag_text}{dag_text}"), "text after the design"),
    ] {
        let after = state.clone().reduce(dag::state::Action::Import(text));
        assert_eq!(after.saved, state.saved);
        let notice = after.notice.clone().unwrap();
        assert!(notice.text.contains(says) && !notice.text.contains("windows"), "{}", notice.text);
    }
    // A link with text after the saved design.
    let saved = to_json(&*state.saved);
    let fragment = format!("#design={}", URL_SAFE_NO_PAD.encode(format!("{saved} xyz")));
    let read = link::read(&fragment).unwrap().map(|text| dag::state::from_json(&text));
    assert!(read.unwrap().unwrap_err().contains("text after the design"));
}
