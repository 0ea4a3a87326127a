//! What the edits of both families share: an edit changes a scenario in place and gives back what it
//! added (a new thing's name), or it is refused, says why, and leaves the scenario as it was.

use std::fmt;

/// Why an edit was refused; the scenario is as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// What the edit names is not in the design.
    Missing(String),
    /// The name is taken.
    Taken(String),
    /// The design is at one of its limits (16 members, 16 copies of a database).
    Limit(String),
    /// Something still needs what the edit would remove or change.
    InUse(String),
    /// The value is not one the edit takes.
    Invalid(String),
}

impl Refused {
    /// Why, in words.
    pub fn words(&self) -> &str {
        match self {
            Refused::Missing(words)
            | Refused::Taken(words)
            | Refused::Limit(words)
            | Refused::InUse(words)
            | Refused::Invalid(words) => words,
        }
    }
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.words())
    }
}

impl std::error::Error for Refused {}

/// What an edit gives back: `T` (a new thing's name, or nothing), or why it was refused.
pub type Edited<T = ()> = Result<T, Refused>;
