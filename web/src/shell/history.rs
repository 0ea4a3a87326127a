//! Undo and redo, the same for both planners: what was saved before each step, up to [`UNDO_DEPTH`] steps
//! back, and what undo took away, until a new step clears it.

use std::rc::Rc;

use super::same::same;

/// How many steps undo remembers.
pub const UNDO_DEPTH: usize = 200;

/// The saved states before (undo) and after (redo) the current one.
#[derive(Debug)]
pub struct History<T> {
    pub undo: Vec<Rc<T>>,
    pub redo: Vec<Rc<T>>,
}

impl<T> Default for History<T> {
    fn default() -> Self {
        History { undo: Vec::new(), redo: Vec::new() }
    }
}

/// Histories are equal when they hold the same saved states (by identity, see [`super::same`]).
impl<T> PartialEq for History<T> {
    fn eq(&self, other: &Self) -> bool {
        let all_same = |a: &[Rc<T>], b: &[Rc<T>]| a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same(a, b));
        all_same(&self.undo, &other.undo) && all_same(&self.redo, &other.redo)
    }
}

impl<T> Clone for History<T> {
    fn clone(&self) -> Self {
        History { undo: self.undo.clone(), redo: self.redo.clone() }
    }
}

impl<T> History<T> {
    /// The history after a new step away from `previous`: it can be undone, and nothing is left to redo.
    pub fn after_step(&self, previous: Rc<T>) -> History<T> {
        let mut undo = self.undo.clone();
        undo.push(previous);
        if undo.len() > UNDO_DEPTH {
            undo.remove(0);
        }
        History { undo, redo: Vec::new() }
    }

    /// One step back (`back`) or forward from `current`: the state to go to and the history then, or `None`
    /// when there is nothing to undo or redo.
    pub fn step(&self, back: bool, current: Rc<T>) -> Option<(Rc<T>, History<T>)> {
        let (mut from, mut to) =
            if back { (self.undo.clone(), self.redo.clone()) } else { (self.redo.clone(), self.undo.clone()) };
        let target = from.pop()?;
        to.push(current);
        let (undo, redo) = if back { (from, to) } else { (to, from) };
        Some((target, History { undo, redo }))
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_go_back_and_forth_and_a_new_step_clears_redo() {
        let history = History::default().after_step(Rc::new(1)).after_step(Rc::new(2));
        let (back, history) = history.step(true, Rc::new(3)).unwrap();
        assert_eq!((*back, history.undo.len(), history.redo.len()), (2, 1, 1));
        let (forward, history) = history.step(false, back).unwrap();
        assert_eq!((*forward, history.can_redo()), (3, false));
        let history = history.step(true, forward).unwrap().1.after_step(Rc::new(9));
        assert!(!history.can_redo(), "a new step forgets what was undone");
        assert!(History::<u8>::default().step(true, Rc::new(0)).is_none());
    }

    #[test]
    fn undo_remembers_a_bounded_number_of_steps() {
        let mut history = History::default();
        for step in 0..UNDO_DEPTH + 10 {
            history = history.after_step(Rc::new(step));
        }
        assert_eq!(history.undo.len(), UNDO_DEPTH);
        assert_eq!(*history.undo[0], 10, "the oldest steps are forgotten first");
    }
}
