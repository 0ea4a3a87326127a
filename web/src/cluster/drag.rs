//! What a drag on the 2003 diagram means, on the shared press ([`crate::shell::drag`]): a press on a node
//! moves the node, a press on an EVS carries it to another node (a planned move), a press on the
//! background pans. A press that does not travel is a click. No DOM here: tests feed world positions.

use crate::shell::drag::{Press, Release};
use crate::shell::geometry::{Point, ViewBox};

pub use crate::shell::drag::CLICK_SLOP;

/// What the pointer grabbed.
#[derive(Debug, Clone, PartialEq)]
pub enum Grab {
    Node(String),
    Group(String),
    Background,
}

/// A press in progress, and the view when it started (panning moves it).
#[derive(Debug, Clone, PartialEq)]
pub struct Drag {
    pub press: Press<Grab>,
    pub view: ViewBox,
}

/// What a finished press means.
#[derive(Debug, Clone, PartialEq)]
pub enum DragEnd {
    /// A press that did not travel: a click on what it grabbed.
    Click(Grab),
    /// A node dropped at a new corner position.
    PlaceNode { node: String, at: Point },
    /// An EVS dropped on a node: ask the engine for a planned move.
    MoveGroup { group: String, node: String },
    /// An EVS dropped where no node is, or a cancelled press.
    Nothing,
    /// The background was dragged: the view moved.
    Panned(ViewBox),
}

/// A drag is its press (grab, pointer, positions, whether it travelled) with a view.
impl std::ops::Deref for Drag {
    type Target = Press<Grab>;

    fn deref(&self) -> &Press<Grab> {
        &self.press
    }
}

impl Drag {
    /// A press at world point `at`; `corner` is the grabbed node's corner (for a node).
    pub fn start(grab: Grab, pointer: i32, at: Point, corner: Point, view: ViewBox) -> Drag {
        Drag { press: Press::start(grab, pointer, at, corner), view }
    }

    /// The pointer moved to `at`. Only the pointer that pressed counts.
    pub fn move_to(&mut self, pointer: i32, at: Point) {
        self.press.move_to(pointer, at);
    }

    /// Where a dragged node's corner is now.
    pub fn node_corner(&self) -> Option<(&str, Point)> {
        match &self.press.grab {
            Grab::Node(name) if self.press.travelled => Some((name, self.press.corner())),
            _ => None,
        }
    }

    /// The view while panning: the world moves with the pointer. Background presses measure in the
    /// coordinates of the view they started in, so the press's travel is the pointer's.
    pub fn panned_view(&self) -> Option<ViewBox> {
        match self.press.grab {
            Grab::Background if self.press.travelled => Some(self.view.pan(self.press.travel())),
            _ => None,
        }
    }

    /// The press ended at the last position; `drop_node` is the node under it, if any.
    pub fn finish(self, drop_node: Option<&str>) -> DragEnd {
        let (corner, panned) = (self.press.corner(), self.view.pan(self.press.travel()));
        match self.press.release() {
            Release::Click(grab) => DragEnd::Click(grab),
            Release::Dropped { grab: Grab::Node(node), .. } => DragEnd::PlaceNode { at: corner, node },
            Release::Dropped { grab: Grab::Group(group), .. } => match drop_node {
                Some(node) => DragEnd::MoveGroup { group, node: node.to_string() },
                None => DragEnd::Nothing,
            },
            Release::Dropped { grab: Grab::Background, .. } => DragEnd::Panned(panned),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Feeds a press, moves and a release through the machine, as pointer events would.
    fn drag(grab: Grab, corner: Point, path: &[(f64, f64)], drop_node: Option<&str>) -> DragEnd {
        let (first, rest) = path.split_first().unwrap();
        let mut drag = Drag::start(grab, 1, Point::new(first.0, first.1), corner, ViewBox::default());
        for &(x, y) in rest {
            drag.move_to(1, Point::new(x, y));
        }
        drag.finish(drop_node)
    }

    #[test]
    fn a_press_that_stays_put_is_a_click() {
        let end = drag(Grab::Node("node1".into()), Point::new(0.0, 0.0), &[(10.0, 10.0), (12.0, 11.0)], None);
        assert_eq!(end, DragEnd::Click(Grab::Node("node1".into())));
    }

    #[test]
    fn a_node_moves_by_its_grab_point() {
        let corner = Point::new(100.0, 100.0);
        let end = drag(Grab::Node("node2".into()), corner, &[(120.0, 130.0), (160.0, 150.0), (220.0, 330.0)], None);
        assert_eq!(end, DragEnd::PlaceNode { node: "node2".into(), at: Point::new(200.0, 300.0) });
    }

    #[test]
    fn an_evs_dropped_on_a_node_asks_for_a_move() {
        let path = [(50.0, 50.0), (120.0, 60.0), (400.0, 70.0)];
        let end = drag(Grab::Group("EVS1".into()), Point::default(), &path, Some("node4"));
        assert_eq!(end, DragEnd::MoveGroup { group: "EVS1".into(), node: "node4".into() });
        let end = drag(Grab::Group("EVS1".into()), Point::default(), &path, None);
        assert_eq!(end, DragEnd::Nothing, "dropped on empty space: nothing happens");
    }

    #[test]
    fn other_pointers_are_ignored_and_background_pans() {
        let mut d = Drag::start(Grab::Background, 7, Point::new(0.0, 0.0), Point::default(), ViewBox::default());
        d.move_to(8, Point::new(500.0, 500.0));
        assert!(!d.travelled, "a second finger does not drag");
        d.move_to(7, Point::new(30.0, -20.0));
        assert_eq!(d.panned_view().map(|v| (v.x, v.y)), Some((-30.0, 20.0)));
        assert_eq!(d.clone().node_corner(), None);
        match d.finish(None) {
            DragEnd::Panned(view) => assert_eq!((view.x, view.y), (-30.0, 20.0)),
            other => panic!("expected a pan, got {other:?}"),
        }
    }
}
