//! The pointer press both planners drag with, fed positions of one pointer: a press that travels beyond
//! the click slop is a drag, one that does not is a click on what it grabbed. What a drag means (move a
//! node, an EVS, a server, a copy) is each family's `drag` module. No DOM here: tests feed positions.

use super::geometry::Point;

/// How far a pointer travels before a press becomes a drag.
pub const CLICK_SLOP: f64 = 4.0;

/// A press in progress on something of kind `G`.
#[derive(Debug, Clone, PartialEq)]
pub struct Press<G> {
    pub grab: G,
    pub pointer: i32,
    /// Where the press started.
    pub start: Point,
    /// Where the pointer is now.
    pub current: Point,
    /// The press point minus the grabbed thing's corner, so the thing does not jump under the pointer.
    pub offset: Point,
    /// Whether it travelled beyond the click slop.
    pub travelled: bool,
}

/// How a press ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Release<G> {
    /// It did not travel: a click on what it grabbed.
    Click(G),
    /// It was dragged to `at`.
    Dropped { grab: G, at: Point },
}

impl<G> Press<G> {
    /// A press at `at` on a thing whose corner is at `corner`.
    pub fn start(grab: G, pointer: i32, at: Point, corner: Point) -> Press<G> {
        Press { grab, pointer, start: at, current: at, offset: at.minus(corner), travelled: false }
    }

    /// The pointer moved to `at`. Only the pointer that pressed counts.
    pub fn move_to(&mut self, pointer: i32, at: Point) {
        if pointer != self.pointer {
            return;
        }
        self.current = at;
        if self.current.distance(self.start) > CLICK_SLOP {
            self.travelled = true;
        }
    }

    /// Where the grabbed thing's corner is now.
    pub fn corner(&self) -> Point {
        self.current.minus(self.offset)
    }

    /// How far the pointer has come from the press.
    pub fn travel(&self) -> Point {
        self.current.minus(self.start)
    }

    /// The press ended at its last position.
    pub fn release(self) -> Release<G> {
        if self.travelled { Release::Dropped { at: self.current, grab: self.grab } } else { Release::Click(self.grab) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_press_is_a_click_until_it_travels() {
        let mut press = Press::start("copy", 1, Point::new(10.0, 10.0), Point::new(0.0, 0.0));
        press.move_to(1, Point::new(12.0, 11.0));
        assert_eq!(press.clone().release(), Release::Click("copy"));
        press.move_to(2, Point::new(500.0, 500.0));
        assert!(!press.travelled, "another pointer does not drag it");
        press.move_to(1, Point::new(40.0, 30.0));
        assert_eq!(press.corner(), Point::new(30.0, 20.0));
        assert_eq!(press.travel(), Point::new(30.0, 20.0));
        assert_eq!(press.release(), Release::Dropped { grab: "copy", at: Point::new(40.0, 30.0) });
    }
}
