//! Lessons as files: every built-in lesson asks at least one question, reads back from its own file, and its
//! answers are the engine's at that step (held to `simulate` of the steps so far); `clusterplan lesson
//! check` of each, and broken lessons refused with the path of what is wrong.

use clusterplan_core::quiz::CheckedLesson;
use clusterplan_core::verbs::{self, LessonOf, Options, Simulated};
use clusterplan_tests::run;
use expect_test::expect;
use serde_json::Value;

/// What `simulate` says of a question's subject after `events`, independently of the lesson's answer.
fn simulated(lesson: &LessonOf, events: &[String], about: &str) -> String {
    let design = match lesson {
        LessonOf::Cluster(l) => serde_json::to_string(&l.design).unwrap(),
        LessonOf::Dag(l) => serde_json::to_string(&l.design).unwrap(),
    };
    let loaded = verbs::load(&design).unwrap();
    let outcome = verbs::simulate(&loaded, events, &Options::default()).unwrap();
    let (kind, subject) = about.split_once(':').unwrap_or((about, ""));
    match (&outcome, kind) {
        (Simulated::Cluster(o), "owner") => {
            let group = o.groups.iter().find(|g| g.name == subject).unwrap();
            let online = serde_json::to_value(group.state).unwrap() == "online";
            group.owner.clone().filter(|_| online).unwrap_or("none".into())
        }
        (Simulated::Cluster(o), "survivors") => o
            .groups
            .iter()
            .filter(|g| serde_json::to_value(g.state).unwrap() == "online")
            .map(|g| g.name.clone())
            .collect::<Vec<_>>()
            .join(", "),
        (Simulated::Cluster(o), "quorum") => o.quorum.owner.clone().unwrap_or("none".into()),
        (Simulated::Cluster(o), "ip-count") => o.ips.total.to_string(),
        (Simulated::Dag(o), "which-copy") => {
            let database = o.databases.iter().find(|d| d.name == subject).unwrap();
            let mounted = serde_json::to_value(database.state).unwrap() == "mounted";
            database.server.clone().filter(|_| mounted).unwrap_or("none".into())
        }
        (Simulated::Dag(o), "quorum") => if o.quorum.held { "yes" } else { "no" }.into(),
        (Simulated::Dag(o), "mounted") => o.mounted.to_string(),
        (_, "tolerates") => {
            let options = Options { summary: true, ..Options::default() };
            let summary =
                verbs::analyze(&loaded, &options, &mut |_, _| {}, |analysis| serde_json::to_value(analysis).unwrap());
            summary.unwrap()["summary"]["tolerates_any"].to_string()
        }
        (Simulated::Dag(_), "ip-count") => {
            let plan = serde_json::to_value(verbs::ips(&loaded, &Options::default()).unwrap()).unwrap();
            plan["total"].to_string()
        }
        other => panic!("no independent check for {other:?}"),
    }
}

fn steps(lesson: &LessonOf) -> Vec<String> {
    match lesson {
        LessonOf::Cluster(l) => l.steps.iter().map(|s| s.event.clone()).collect(),
        LessonOf::Dag(l) => l.steps.iter().map(|s| s.event.clone()).collect(),
    }
}

#[test]
fn every_built_in_lesson_asks_and_its_answers_are_the_engines_at_that_step() {
    let lessons = verbs::lessons();
    assert_eq!(lessons.iter().filter(|l| l.family == "cluster").count(), 8);
    assert_eq!(lessons.iter().filter(|l| l.family == "dag").count(), 9);
    let mut kinds = std::collections::BTreeSet::new();
    for listed in lessons {
        let lesson = verbs::lesson_file(listed.id).unwrap();
        // The file reads back as the same lesson.
        let text = serde_json::to_string_pretty(&lesson).unwrap();
        let again = verbs::load_lesson(&text).unwrap();
        assert_eq!(serde_json::to_string_pretty(&again).unwrap(), text, "{} round trip", listed.id);
        let checked: CheckedLesson = verbs::check_lesson(&again).unwrap();
        assert!(!checked.questions.is_empty(), "{} asks nothing", listed.id);
        let events = steps(&lesson);
        for question in &checked.questions {
            let expected = simulated(&lesson, &events[..=question.after], &question.about);
            assert_eq!(
                question.answer.value, expected,
                "{}: {} after step {}",
                listed.id, question.ask, question.after
            );
            assert!(question.answer.grade(&expected));
            assert!(!question.answer.why.is_empty() && !question.answer.source.is_empty());
            if !question.answer.several && !question.answer.choices.is_empty() {
                assert!(
                    question.answer.choices.contains(&question.answer.value),
                    "{}: the answer is a choice",
                    question.ask
                );
            }
            kinds.insert(format!("{}:{}", checked.family, question.about.split(':').next().unwrap()));
        }
    }
    // Every kind of question of each family is asked by some built-in lesson.
    let expected = [
        "cluster:ip-count",
        "cluster:owner",
        "cluster:quorum",
        "cluster:survivors",
        "cluster:tolerates",
        "dag:ip-count",
        "dag:mounted",
        "dag:quorum",
        "dag:tolerates",
        "dag:which-copy",
    ];
    assert_eq!(kinds.iter().map(String::as_str).collect::<Vec<_>>(), expected);
}

#[test]
fn lesson_list_and_check_on_the_command_line() {
    let list = run(&["--format", "text", "lesson", "list"], "");
    assert_eq!(list.code, 0);
    assert!(list.stdout.starts_with("LESSON"), "{}", list.stdout);
    assert_eq!(list.stdout.lines().count(), 18);
    let checked = run(&["--format", "text", "lesson", "check", "lagged-copy-last-resort"], "");
    assert_eq!(checked.code, 0, "{}", checked.stderr);
    expect![[r#"
        A lagged copy, used only as the last resort (lagged-copy-last-resort, 3 steps)

        after step 1 (fail:ex2@1min): db1's copy on ex5 has failed, then ex2. Which server mounts db1?
          answer: ex1  (db1 is mounted on ex1.)
          why: mounted on ex1, its active copy (active)
          source: learn.microsoft.com, "Active Manager" (best copy and server selection)

        after step 2 (fail:ex1@2min): ex1 fails too. Which server mounts db1 now?
          answer: ex6  (db1 is mounted on ex6.)
          why: moved from ex1: ex1 is down; best copy selection chose ex6: the lagged copy, as no copy without lag qualified; criteria set 1 (content index healthy, copy queue < 10, replay queue < 50) (lagged-criteria-1)
          source: learn.microsoft.com, "Active Manager" (best copy and server selection)
    "#]]
    .assert_eq(&checked.stdout);
    // A lesson file on standard input: the built-in one, shown and checked back, answers the same in JSON.
    let shown = run(&["lesson", "show", "single-node-failure"], "");
    assert_eq!(shown.code, 0);
    let json = run(&["lesson", "check", "-"], &shown.stdout);
    assert_eq!(json.code, 0, "{}", json.stderr);
    let report: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(report["family"], "cluster");
    assert_eq!(report["questions"][0]["about"], "owner:EVS3");
    assert_eq!(report["questions"][0]["answer"]["value"], "node4");
    assert_eq!(
        report["questions"][0]["answer"]["choices"],
        serde_json::json!(["node1", "node2", "node3", "node4", "none"])
    );
    let schema = run(&["schema", "lesson"], "");
    assert_eq!(schema.code, 0);
    assert!(
        schema.stdout.contains("\"which-copy\"") && schema.stdout.contains("\"owner\""),
        "both families' questions"
    );
}

/// A lesson that cannot be played is refused, exit 2, with the path of each problem in the file.
#[test]
fn a_lesson_that_cannot_be_played_is_refused_with_its_path() {
    let lesson: Value = serde_json::from_str(&run(&["lesson", "show", "single-node-failure"], "").stdout).unwrap();
    let dag: Value = serde_json::from_str(&run(&["lesson", "show", "lagged-copy-last-resort"], "").stdout).unwrap();
    let refused = |lesson: &Value| {
        let result = run(&["lesson", "check", "-"], &lesson.to_string());
        assert_eq!(result.code, 2, "{}", result.stdout);
        result.stderr
    };
    let mut unknown_node = lesson.clone();
    unknown_node["steps"][0]["event"] = "fail:node9@0s".into();
    let mut unknown_group = lesson.clone();
    unknown_group["questions"][0]["about"]["group"] = "EVS9".into();
    let mut answer_key = lesson.clone();
    answer_key["questions"][0]["answer"] = "node4".into();
    let mut too_late = lesson.clone();
    too_late["questions"][1]["after"] = 5.into();
    let mut broken_design = lesson.clone();
    broken_design["design"]["groups"][0]["owner"] = "node9".into();
    let mut unknown_database = dag.clone();
    unknown_database["questions"][1]["about"]["database"] = "db99".into();
    let mut wrong_kind = dag;
    wrong_kind["questions"][0]["about"]["kind"] = "owner".into();
    let mut no_steps = lesson;
    no_steps["steps"] = serde_json::json!([]);
    let messages: Vec<String> =
        [unknown_node, unknown_group, answer_key, too_late, broken_design, unknown_database, wrong_kind, no_steps]
            .iter()
            .map(refused)
            .collect();
    expect![[r#"
        clusterplan: <stdin>: steps[0].event: event "fail:node9": no node named "node9"
        clusterplan: <stdin>: questions[0].about.group: no group named "EVS9" in the design
        clusterplan: <stdin>: questions[0].answer: a question stores no answer: the engine works it out at its step (clusterplan lesson check shows it)
        clusterplan: <stdin>: questions[1].after: asked after step 5, but the lesson has 1 step, counted from 0
        clusterplan: <stdin>: design.groups[0].owner: no node named "node9"
        clusterplan: <stdin>: questions[1].about.database: no database named "db99" in the design
        clusterplan: <stdin>: questions[0].about.kind: unknown variant `owner`, expected one of `which-copy`, `quorum`, `mounted`, `tolerates`, `ip-count` (at line 1, column 4025)
        clusterplan: <stdin>: steps: a lesson plays at least one step, or sets a goal
    "#]]
    .assert_eq(&messages.concat());
}

/// A goal: the learner edits the design until it keeps something through a failure. The engine says how
/// the design as given falls short, and the same goal is reached once the design is edited; goals that
/// cannot be set are refused with their path.
#[test]
fn a_goal_is_checked_against_the_design_and_reached_by_an_edit() {
    use clusterplan_core::cluster::questions::{Keep, Nodes};
    use clusterplan_core::dag::questions::{Keep as DagKeep, Servers};
    use clusterplan_core::quiz::{Goal, Survive, reach};

    // 2003: EVS2's store may run only on node2, so node2 failing takes EVS2 down; with the limit gone the
    // passive node takes it.
    let mut lesson: Value = serde_json::from_str(&run(&["lesson", "show", "single-node-failure"], "").stdout).unwrap();
    lesson["design"]["groups"][1]["resources"][5]["possible_owners"] = serde_json::json!(["node2"]);
    lesson["steps"] = serde_json::json!([]);
    lesson["questions"] = serde_json::json!([]);
    lesson["goal"] = serde_json::json!({ "keep": { "kind": "group", "group": "EVS2" }, "survive": { "kind": "any", "at_once": 1 }, "edits": 1 });
    let checked = run(&["--format", "text", "lesson", "check", "-"], &lesson.to_string());
    assert_eq!(checked.code, 0, "{}", checked.stderr);
    expect![[r#"
        One node fails in a 3 active / 1 passive cluster (single-node-failure, 0 steps)

        goal: Keep EVS2 online through any one node failing, in at most 1 edit.
          as given: with node2 failed, EVS2 is failed
    "#]]
    .assert_eq(&checked.stdout);
    let goal = Goal { keep: Keep::Group { group: "EVS2".into() }, survive: Survive::Any { at_once: 1 }, edits: 1 };
    let design = |scenario: &Value| {
        let text = scenario.to_string();
        clusterplan_core::cluster::Design::new(clusterplan_core::scenario::parse_json(&text).unwrap()).unwrap()
    };
    assert!(!reach::<Nodes>(&design(&lesson["design"]), &goal).unwrap().reached);
    let mut edited = lesson["design"].clone();
    edited["groups"][1]["resources"][5].as_object_mut().unwrap().remove("possible_owners");
    let reached = reach::<Nodes>(&design(&edited), &goal).unwrap();
    assert!(reached.reached, "{}", reached.says);
    // Two at once are more than 3 active / 1 passive survive: EVS1 takes the passive node first.
    let two = Goal { survive: Survive::Any { at_once: 2 }, ..goal };
    assert_eq!(reach::<Nodes>(&design(&edited), &two).unwrap().says, "with node1 + node2 failed, EVS2 is failed");

    // A DAG: db1 with one copy is dismounted when its server fails; a second copy keeps it mounted.
    let dag_text = run(&["preset", "dag-2-member"], "").stdout;
    let mut dag: Value = serde_json::from_str(&dag_text).unwrap();
    dag["databases"][0]["copies"].as_array_mut().unwrap().truncate(1);
    let dag_design = |scenario: &Value| {
        clusterplan_core::dag::Design::new(clusterplan_core::scenario::parse_json(&scenario.to_string()).unwrap())
            .unwrap()
    };
    let keep_db1 = Goal {
        keep: DagKeep::Database { database: "db1".into() },
        survive: Survive::Events { events: vec!["fail:ex1".into()] },
        edits: 1,
    };
    assert_eq!(reach::<Servers>(&dag_design(&dag), &keep_db1).unwrap().says, "after fail:ex1, db1 is dismounted");
    let whole: Value = serde_json::from_str(&dag_text).unwrap();
    assert!(reach::<Servers>(&dag_design(&whole), &keep_db1).unwrap().reached);

    // Refused: a goal already reached, one about a group the design lacks, failing no node at once, an event
    // of another design.
    let refused = |lesson: &Value| {
        let result = run(&["lesson", "check", "-"], &lesson.to_string());
        assert_eq!(result.code, 2, "{}", result.stdout);
        result.stderr
    };
    let mut reached = lesson.clone();
    reached["design"] = edited;
    let mut unknown_group = lesson.clone();
    unknown_group["goal"]["keep"]["group"] = "EVS9".into();
    let mut none_at_once = lesson.clone();
    none_at_once["goal"]["survive"]["at_once"] = 0.into();
    let mut unknown_event = lesson;
    unknown_event["goal"]["survive"] = serde_json::json!({ "kind": "events", "events": ["fail-site:dc1"] });
    let messages: Vec<String> = [reached, unknown_group, none_at_once, unknown_event].iter().map(refused).collect();
    expect![[r#"
        clusterplan: <stdin>: goal: the design already reaches the goal (EVS2 online through any one node failing): there is nothing to do
        clusterplan: <stdin>: goal.keep.group: no group named "EVS9" in the design
        clusterplan: <stdin>: goal.survive.at_once: fail between 1 and 4 nodes at once
        clusterplan: <stdin>: goal.survive.events[0]: event "fail-site:dc1": unknown event "fail-site"; known: fail, restore, fail-resource, fail-network, restore-network, fail-nic, restore-nic, fail-disk, restore-disk, move, pause, resume, evict, online, fail-frontend, restore-frontend, fail-nlb, restore-nlb
    "#]]
    .assert_eq(&messages.concat());
}

/// A lesson's fork travels in its file (`lesson show`), is checked with the lesson (`lesson check` writes its
/// whole script), and one that cannot be played is refused with its path.
#[test]
fn a_lesson_s_fork_is_in_its_file_and_checked_with_it() {
    let shown = run(&["lesson", "show", "patch-with-or-without-maintenance"], "");
    let lesson: Value = serde_json::from_str(&shown.stdout).unwrap();
    assert_eq!(
        lesson["fork"],
        serde_json::json!({
            "name": "Patched without maintenance mode",
            "at": "0s",
            "steps": ["fail:ex1@1min", "restore:ex1@5min", "redistribute@7min"]
        })
    );
    let checked = run(&["lesson", "check", "-"], &lesson.to_string());
    assert_eq!(checked.code, 0, "{}", checked.stderr);
    let checked: Value = serde_json::from_str(&checked.stdout).unwrap();
    assert_eq!(
        checked["fork"]["script"],
        serde_json::json!(["fail:ex1@1min", "restore:ex1@5min", "redistribute@7min"])
    );
    // Forked later, the fork keeps the script's steps before its moment.
    let mut later = lesson.clone();
    later["fork"]["at"] = "6min".into();
    later["fork"]["steps"] = serde_json::json!(["redistribute@7min"]);
    let checked: Value = serde_json::from_str(&run(&["lesson", "check", "-"], &later.to_string()).stdout).unwrap();
    assert_eq!(
        checked["fork"]["script"],
        serde_json::json!(["maintenance:ex1@0s", "fail:ex1@1min", "restore:ex1@5min", "redistribute@7min"])
    );
    let refused = |lesson: &Value| {
        let result = run(&["lesson", "check", "-"], &lesson.to_string());
        assert_eq!(result.code, 2, "{}", result.stdout);
        result.stderr
    };
    let mut too_early = lesson.clone();
    too_early["fork"]["at"] = "2min".into();
    let mut unknown = lesson.clone();
    unknown["fork"]["steps"][1] = "restore:ex9@5min".into();
    let mut no_time = lesson;
    no_time["fork"]["at"] = "later".into();
    let messages: Vec<String> = [too_early, unknown, no_time].iter().map(refused).collect();
    expect![[r#"
        clusterplan: <stdin>: fork.steps[0]: "fail:ex1@1min" is at 60.0 s, before the fork at 2 min 00 s: a fork changes only what comes after it
        clusterplan: <stdin>: fork.steps[1]: event "restore:ex9": no server named "ex9"
        clusterplan: <stdin>: fork.at: "later" is not a time such as 30s, 10min or 2h
    "#]].assert_eq(&messages.concat());
}
