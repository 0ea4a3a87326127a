//! What a drag on the DAG planner means, on the shared press ([`crate::shell::drag`]): a server dropped on
//! a site moves it there, a copy dropped on another server's cell of its row moves it to that server; a
//! press that does not travel selects what it grabbed. No DOM here: the page says what lies under the
//! pointer, and tests feed positions directly.

use super::state::{Action, DagAction, Selection};
use crate::shell::drag::{Press, Release};
use crate::shell::notice::Notice;

/// What the pointer grabbed.
#[derive(Debug, Clone, PartialEq)]
pub enum Grab {
    Server(String),
    Copy { database: String, server: String },
}

/// What lies under the pointer when it is released.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// A site's region on the topology.
    Site(String),
    /// A server's cell in a database's row.
    Cell { database: String, server: String },
}

/// What a finished press asks for, if anything.
pub fn finish(press: Press<Grab>, target: Option<Target>) -> Option<Action> {
    match press.release() {
        Release::Click(Grab::Server(server)) => Some(Action::Select(Selection::Server(server))),
        Release::Click(Grab::Copy { database, server }) => Some(Action::Select(Selection::Copy { database, server })),
        Release::Dropped { grab, .. } => match (grab, target?) {
            (Grab::Server(server), Target::Site(site)) => Some(Action::Family(DagAction::MoveServer { server, site })),
            (Grab::Copy { database, server }, Target::Cell { database: row, server: to }) if row == database => {
                (to != server).then_some(Action::Family(DagAction::MoveCopy { database, from: server, to }))
            }
            (Grab::Copy { database, .. }, Target::Cell { .. }) => Some(Action::Notify(Notice::refused(format!(
                "A copy of {database} stays in its own row: drop it on another server's cell of {database}."
            )))),
            _ => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::geometry::Point;

    /// Presses on `grab` at the origin, moves the pointer along `path`, and releases over `target`.
    fn drag(grab: Grab, path: &[(f64, f64)], target: Option<Target>) -> Option<Action> {
        let mut press = Press::start(grab, 1, Point::new(0.0, 0.0), Point::new(0.0, 0.0));
        for &(x, y) in path {
            press.move_to(1, Point::new(x, y));
        }
        finish(press, target)
    }

    fn copy(database: &str, server: &str) -> Grab {
        Grab::Copy { database: database.into(), server: server.into() }
    }

    fn cell(database: &str, server: &str) -> Option<Target> {
        Some(Target::Cell { database: database.into(), server: server.into() })
    }

    #[test]
    fn a_press_that_stays_put_selects() {
        assert_eq!(
            drag(copy("db1", "ex2"), &[(1.0, 2.0)], cell("db1", "ex3")),
            Some(Action::Select(Selection::Copy { database: "db1".into(), server: "ex2".into() }))
        );
        assert_eq!(drag(Grab::Server("ex4".into()), &[], None), Some(Action::Select(Selection::Server("ex4".into()))));
    }

    #[test]
    fn servers_go_to_sites_and_copies_along_their_row() {
        let far = [(40.0, 0.0), (120.0, 10.0)];
        assert_eq!(
            drag(Grab::Server("ex4".into()), &far, Some(Target::Site("dc2".into()))),
            Some(Action::Family(DagAction::MoveServer { server: "ex4".into(), site: "dc2".into() }))
        );
        assert_eq!(
            drag(copy("db1", "ex2"), &far, cell("db1", "ex3")),
            Some(Action::Family(DagAction::MoveCopy { database: "db1".into(), from: "ex2".into(), to: "ex3".into() }))
        );
        assert_eq!(drag(copy("db1", "ex2"), &far, cell("db1", "ex2")), None, "dropped where it was");
        assert_eq!(drag(copy("db1", "ex2"), &far, None), None, "dropped on nothing");
        assert_eq!(drag(Grab::Server("ex4".into()), &far, cell("db1", "ex3")), None);
        match drag(copy("db1", "ex2"), &far, cell("db2", "ex3")) {
            Some(Action::Notify(notice)) => assert!(notice.text.contains("stays in its own row"), "{}", notice.text),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }
}
