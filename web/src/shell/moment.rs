//! One moment of a design: what every panel of a planner shows. A planner has exactly one way to an
//! outcome to show — its state's `moment()`: the player's, at its time, while a script plays, else the
//! engine's outcome of the events applied — so no two panels can show different moments: the settled
//! outcome and the player's are private to their modules and reached only through this.

use std::rc::Rc;

/// The design as it stands at one moment.
#[derive(Debug)]
pub struct Moment<O> {
    pub outcome: Rc<O>,
    /// The player's time, or `None` for now: the events applied, with nothing playing.
    pub time_ms: Option<u64>,
}

impl<O> Moment<O> {
    /// Now: the outcome of the events applied.
    pub fn now(outcome: Rc<O>) -> Moment<O> {
        Moment { outcome, time_ms: None }
    }

    /// Whether this is the player's moment rather than now: acting then acts on what is shown.
    pub fn playing(&self) -> bool {
        self.time_ms.is_some()
    }
}

impl<O> Clone for Moment<O> {
    fn clone(&self) -> Self {
        Moment { outcome: self.outcome.clone(), time_ms: self.time_ms }
    }
}

/// Equal when it is the same outcome at the same time: the outcome by identity, as every shared value.
impl<O> PartialEq for Moment<O> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.outcome, &other.outcome) && self.time_ms == other.time_ms
    }
}

impl<O> std::ops::Deref for Moment<O> {
    type Target = O;
    fn deref(&self) -> &O {
        &self.outcome
    }
}
