//! One moment on every part of a played script: every lesson of both families, seen at each of its steps and
//! at times between them, is one state — what the narration says at a time is what the state shows then,
//! the parts agree with each other (a server's active databases are those mounted on it, nothing runs on a
//! node the cluster knows is down), and the last moment is the outcome `simulate` gives.

use clusterplan_core::timeline::{Played, Step};
use clusterplan_core::{cluster, dag};

/// The times a test looks at: every step's, one just before each, and some between.
fn times(played: &impl Played) -> Vec<u64> {
    let mut times: Vec<u64> = played.steps().iter().map(Step::t_ms).flat_map(|t| [t.saturating_sub(1), t]).collect();
    let end = played.end_ms();
    times.extend((0..=16).map(|i| end * i / 16));
    times.sort_unstable();
    times.dedup();
    times
}

/// A DAG seen at one time is one state: each server's active databases are those mounted on it; nothing is
/// mounted on a server the cluster knows is down, stopped or cut off, nor without quorum; a copy is mounted
/// exactly where its database is; the counts are the databases'.
pub fn check_dag_moment(view: &dag::report::Outcome) -> Result<(), String> {
    use dag::report::{CopyState, MountState, ServerState};
    let mounted_on = |server: &str| {
        view.databases.iter().filter(|d| d.state == MountState::Mounted && d.server.as_deref() == Some(server)).count()
    };
    for server in &view.servers {
        let mounted = mounted_on(&server.name);
        if server.active as usize != mounted {
            return Err(format!("{} reads {} active, {mounted} mounted on it", server.name, server.active));
        }
        if matches!(server.state, ServerState::Down | ServerState::Stopped | ServerState::CutOff) && mounted > 0 {
            return Err(format!("{mounted} databases mounted on {}, which is {}", server.name, server.state));
        }
    }
    let mounted = view.databases.iter().filter(|d| d.state == MountState::Mounted).count();
    if (view.mounted, view.dismounted) != (mounted, view.databases.len() - mounted) {
        return Err(format!("{} mounted, {} dismounted; the databases say {mounted}", view.mounted, view.dismounted));
    }
    if !view.quorum.held && mounted > 0 {
        return Err(format!("quorum lost and {mounted} databases mounted"));
    }
    for database in &view.databases {
        for copy in &database.copies {
            let here = database.state == MountState::Mounted && database.server.as_ref() == Some(&copy.server);
            if here != (copy.state == CopyState::Mounted) {
                return Err(format!(
                    "{}@{}: copy {} while the database is {}",
                    database.name, copy.server, copy.state, database.state
                ));
            }
        }
    }
    if let Some(clients) = &view.clients
        && clients.served
        && mounted < view.databases.len()
    {
        return Err("clients served while a database is not mounted".into());
    }
    Ok(())
}

/// A 2003 cluster seen at one time is one state: a group online runs on a node the cluster counts as a
/// member (up, or failed and not noticed yet); each node lists the groups on it; nothing is online
/// without quorum; a pending group runs nowhere.
pub fn check_cluster_moment(view: &cluster::report::Outcome) -> Result<(), String> {
    use cluster::report::{GroupState, NodeState};
    for group in &view.groups {
        match (group.state, &group.owner) {
            (GroupState::Online, Some(owner)) => {
                let node = view.nodes.iter().find(|n| &n.name == owner).ok_or(format!("{owner} is no node"))?;
                if !matches!(node.state, NodeState::Up | NodeState::Unnoticed) {
                    return Err(format!("{} online on {owner}, which is {}", group.name, node.state));
                }
                if !view.quorum.held {
                    return Err(format!("{} online without quorum", group.name));
                }
            }
            (GroupState::Online, None) => return Err(format!("{} online nowhere", group.name)),
            (_, Some(owner)) => return Err(format!("{} is {} but on {owner}", group.name, group.state)),
            (_, None) => {}
        }
    }
    for node in &view.nodes {
        let on: Vec<&str> =
            view.groups.iter().filter(|g| g.owner.as_ref() == Some(&node.name)).map(|g| g.name.as_str()).collect();
        if node.groups != on {
            return Err(format!("{} lists {:?}, the groups say {on:?}", node.name, node.groups));
        }
    }
    Ok(())
}

/// What a DAG narration line says, seen in the state at its time: a database mounted, moving or
/// dismounted; quorum held or lost; a server's new state.
fn dag_says(entry: &dag::timeline::Entry, view: &dag::report::Outcome) -> Result<(), String> {
    use dag::report::MountState;
    let wrong = |what: &str| Err(format!("\"{} — {}\" but {what}", entry.subject, entry.change));
    if let Some(database) = view.databases.iter().find(|d| d.name == entry.subject) {
        let shown = (database.state, database.server.as_deref());
        if let Some(server) = entry.change.strip_prefix("mounted on ") {
            if shown != (MountState::Mounted, Some(server)) {
                return wrong(&format!("the database is {} on {:?}", database.state, database.server));
            }
        } else if entry.change.starts_with("best copy selection chooses") && shown.0 != MountState::FailingOver {
            return wrong(&format!("the database is {}", database.state));
        } else if entry.change.starts_with("dismounted") && shown.0 == MountState::Mounted {
            return wrong("the database is mounted");
        }
    } else if entry.subject == "quorum" {
        let held = entry.change.starts_with("held") || entry.change.starts_with("recounted");
        if held != view.quorum.held {
            return wrong(&format!("quorum is held: {}", view.quorum.held));
        }
    } else if let Some(server) = view.servers.iter().find(|s| s.name == entry.subject) {
        // An operator's step on a server says what it starts or ends, not the server's state.
        if entry.change.starts_with("an administrator") {
            let starts = entry.change.contains("starts its maintenance");
            if (starts || entry.change.contains("ends its maintenance")) && server.maintenance != starts {
                return wrong(&format!("in maintenance: {}", server.maintenance));
            }
        } else if entry.change != "fails" && entry.change != "comes back" && server.state.word() != entry.change {
            return wrong(&format!("the server is {}", server.state));
        }
    }
    Ok(())
}

/// What a 2003 narration line says, seen in the state at its time: where a group ends up, quorum, a node
/// leaving or joining.
fn cluster_says(entry: &cluster::timeline::Entry, view: &cluster::report::Outcome) -> Result<(), String> {
    use cluster::report::NodeState;
    let wrong = |what: String| Err(format!("\"{} — {}\" but {what}", entry.subject, entry.change));
    if let Some((state, owner)) = &entry.group_state {
        let group = view.groups.iter().find(|g| g.name == entry.subject).ok_or("no such group")?;
        if (group.state, &group.owner) != (*state, owner) {
            return wrong(format!("the group is {} on {:?}", group.state, group.owner));
        }
    } else if entry.subject == "quorum" && view.quorum.held == (entry.change == "lost") {
        return wrong(format!("quorum is held: {}", view.quorum.held));
    } else if let Some(node) = view.nodes.iter().find(|n| n.name == entry.subject) {
        let member = matches!(node.state, NodeState::Up | NodeState::Unnoticed);
        if (entry.change == "leaves the cluster" && member) || (entry.change == "joins the cluster" && !member) {
            return wrong(format!("the node is {}", node.state));
        }
        if entry.change == "noticed by the cluster" && node.state == NodeState::Unnoticed {
            return wrong("the node is still unnoticed".into());
        }
    }
    Ok(())
}

/// Checks one played script: each moment is consistent, and tells what its narration says (the last line of
/// each subject at that time).
fn check_played<P: Played>(
    name: &str,
    played: &P,
    design: &P::Design,
    consistent: impl Fn(&P::Outcome) -> Result<(), String>,
    says: impl Fn(&P::Entry, &P::Outcome) -> Result<(), String>,
) -> Vec<String> {
    let mut problems = Vec::new();
    for t in times(played) {
        let view = played.at(design, t);
        if let Err(problem) = consistent(&view) {
            problems.push(format!("{name} at {t} ms: {problem}"));
        }
        let moment = played.moment(t);
        for (i, entry) in moment.iter().enumerate() {
            let later = moment[i + 1..].iter().any(|e| e.subject() == entry.subject());
            if !later && let Err(problem) = says(entry, &view) {
                problems.push(format!("{name} at {t} ms: {problem}"));
            }
        }
    }
    problems
}

/// A DAG lesson played: its lesson, design and timeline.
fn dag_lesson(id: &str) -> (dag::lessons::Lesson, dag::Design, dag::timeline::Timeline) {
    let lesson = dag::lessons::lesson(id).expect("the lesson");
    let design = dag::Design::new(lesson.scenario.clone()).expect("it loads");
    let events: Vec<dag::event::TimedEvent> =
        lesson.scenario.script.iter().map(|e| dag::event::TimedEvent::parse(e, &design).unwrap()).collect();
    let played = dag::timeline::play(&design, &events);
    (lesson, design, played)
}

/// A 2003 lesson played: its lesson, design and timeline.
fn cluster_lesson(id: &str) -> (cluster::lessons::Lesson, cluster::Design, cluster::timeline::Timeline) {
    let lesson = cluster::lessons::lesson(id).expect("the lesson");
    let design = cluster::Design::new(lesson.scenario.clone()).expect("it loads");
    let events: Vec<cluster::event::TimedEvent> =
        lesson.scenario.script.iter().map(|e| cluster::event::TimedEvent::parse(e, &design).unwrap()).collect();
    let played = cluster::timeline::play(&design, &events, cluster::Options::default());
    (lesson, design, played)
}

#[test]
fn every_dag_lesson_is_one_moment_at_every_time() {
    let mut problems = Vec::new();
    for id in dag::lessons::ids() {
        let (_, design, played) = dag_lesson(id);
        problems.extend(check_played(id, &played, &design, check_dag_moment, dag_says));
        if played.at(&design, played.end_ms()) != played.outcome {
            problems.push(format!("{id}: the last moment is not the outcome"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_cluster_lesson_is_one_moment_at_every_time() {
    let mut problems = Vec::new();
    for id in cluster::lessons::ids() {
        let (_, design, played) = cluster_lesson(id);
        problems.extend(check_played(id, &played, &design, check_cluster_moment, cluster_says));
        // The last moment is the outcome (a group's reason there is its last step's words).
        let place = |o: &cluster::report::Outcome| {
            let groups: Vec<_> = o.groups.iter().map(|g| (g.state, g.owner.clone(), g.resources.clone())).collect();
            let nodes: Vec<_> = o.nodes.iter().map(|n| (n.state, n.groups.clone())).collect();
            (groups, nodes, o.quorum.held, o.clients.clone())
        };
        if place(&played.at(&design, played.end_ms())) != place(&played.outcome) {
            let (shown, settled) = (place(&played.at(&design, played.end_ms())), place(&played.outcome));
            problems.push(format!("{id}: the last moment is not the outcome:\n{shown:?}\n{settled:?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// At 0 s of the third-site witness lesson, dc1 has failed and nobody has noticed: its servers are
/// `unnoticed` with their databases still on them, quorum as it was (9 votes); the fault was the topology
/// showing the end (ex1–ex4 down with none active, ex5–ex8 with four each) beside a table that said db1
/// was on ex1. Once noticed, the decisive test is told as it happens (5 of 9), then the recount.
#[test]
fn the_third_site_lesson_at_zero_shows_the_failure_unnoticed() {
    let (_, design, played) = dag_lesson("third-site-witness-failover");
    let seen = |t: u64| {
        let view = played.at(&design, t);
        let servers: Vec<String> =
            view.servers.iter().map(|s| format!("{} {} {}", s.name, s.state, s.active)).collect();
        format!(
            "{} s: {}; quorum {} of {}; {} mounted\n",
            t / 1000,
            servers.join(", "),
            view.quorum.votes,
            view.quorum.total,
            view.mounted
        )
    };
    let quorum: Vec<String> =
        played.moment(10_000).iter().filter(|e| e.subject == "quorum").map(|e| e.change.clone()).collect();
    expect_test::expect![[r#"
        0 s: ex1 unnoticed 2, ex2 unnoticed 2, ex3 unnoticed 2, ex4 unnoticed 2, ex5 up 2, ex6 up 2, ex7 up 2, ex8 up 2; quorum 9 of 9; 16 mounted
        10 s: ex1 down 0, ex2 down 0, ex3 down 0, ex4 down 0, ex5 up 2, ex6 up 2, ex7 up 2, ex8 up 2; quorum 5 of 5; 8 mounted
        22 s: ex1 down 0, ex2 down 0, ex3 down 0, ex4 down 0, ex5 up 4, ex6 up 4, ex7 up 4, ex8 up 4; quorum 5 of 5; 16 mounted
        held: 5 of 9 votes, 5 needed
        recounted: 5 of 5 votes, 3 needed from now on
    "#]]
    .assert_eq(&format!("{}{}{}{}\n", seen(0), seen(10_000), seen(22_000), quorum.join("\n")));
}

/// Every mark a lesson sets is the time of one of its steps: the player can stand on it, and says it there.
#[test]
fn every_lesson_marks_moments_it_has() {
    let mut problems = Vec::new();
    for id in dag::lessons::ids() {
        let (lesson, _, played) = dag_lesson(id);
        problems.extend(unmarked(id, lesson.moments, &played));
    }
    for id in cluster::lessons::ids() {
        let (lesson, _, played) = cluster_lesson(id);
        problems.extend(unmarked(id, lesson.moments, &played));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn unmarked(id: &str, marks: &[clusterplan_core::timeline::KeyMoment], played: &impl Played) -> Vec<String> {
    let mut problems: Vec<String> = marks
        .iter()
        .filter(|mark| !played.steps().iter().any(|e| e.t_ms() == mark.at_ms))
        .map(|mark| format!("{id}: no step at {} ms for \"{}\"", mark.at_ms, mark.say))
        .collect();
    if marks.is_empty() {
        problems.push(format!("{id} marks no moment"));
    }
    if !marks.windows(2).all(|w| w[0].at_ms < w[1].at_ms) {
        problems.push(format!("{id}: its marks are not in time order"));
    }
    problems
}
