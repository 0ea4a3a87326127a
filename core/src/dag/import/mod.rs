//! DAG designs brought in from elsewhere: the Exchange Server Role Requirements Calculator's CSV exports
//! ([`calculator`], and back) and a running DAG's cmdlet output ([`ems`]); and what differs between a plan
//! and a running DAG ([`drift`](super::drift)). An import is all or nothing: a [`Problem`] names the file and the line
//! (CSV) or the JSON path, and every property taken by assumption or left out is a [`Note`] for the user.

pub mod calculator;
pub mod ems;
mod text;

use serde::{Deserialize, Serialize};

use super::model::Scenario;
use crate::read::Read;
pub use text::decode;

/// A file the user brought: its name (for messages) and its bytes as they are on disk.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// What an import made: the design, and what it assumed or left out. As JSON (the component's
/// `importFrom` and its worker) `{design, notes}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Read)]
pub struct Imported {
    #[serde(rename = "design")]
    pub scenario: Scenario,
    pub notes: Vec<Note>,
}

/// Something the user should know about an import: a property taken by assumption, or one left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read)]
pub struct Note {
    /// The file (or `the files`) it is about.
    pub file: String,
    pub kind: NoteKind,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Read)]
#[serde(rename_all = "kebab-case")]
pub enum NoteKind {
    /// Something the files do not say, which the import chose.
    Assumed,
    /// Something the files say that clusterplan does not model.
    LeftOut,
}

/// Why an import was refused: the file, where in it (`line 4`, `$["Get-MailboxDatabase"][2].Server`), and
/// what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub file: String,
    pub at: String,
    pub message: String,
}

impl Problem {
    pub fn new(file: &str, at: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem { file: file.to_string(), at: at.into(), message: message.into() }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.at.is_empty() {
            true => write!(f, "{}: {}", self.file, self.message),
            false => write!(f, "{}, {}: {}", self.file, self.at, self.message),
        }
    }
}

/// The imported design, once the engine reads it as any design: its first problems otherwise.
fn check(scenario: Scenario, notes: Vec<Note>) -> Result<Imported, Problem> {
    match super::Design::new(scenario.clone()) {
        Ok(_) => Ok(Imported { scenario, notes }),
        Err(errors) => {
            let first = errors.0.into_iter().next().unwrap_or_default();
            Err(Problem::new("the imported design", first.path, first.message))
        }
    }
}

/// The most databases an import takes: 100 database copies per server (Exchange Server Enterprise) on 16
/// members. A file with more is refused before it is read whole.
pub const MAX_DATABASES: usize = 1_600;

/// The most members of a DAG.
pub const MAX_MEMBERS: usize = 16;

/// A .NET TimeSpan as text (`7.00:00:00`, `14.0:00:00`, `00:15:00`, `-1.00:00:00` is refused) in seconds.
pub fn timespan_seconds(text: &str) -> Option<u64> {
    let text = text.trim();
    let (days, clock) = match text.split_once(':') {
        // `d.hh:mm:ss`: the days stand before the first dot, which comes before the first colon.
        Some((head, _)) if head.contains('.') => {
            let (days, rest) = text.split_once('.')?;
            (days.parse::<u64>().ok()?, rest)
        }
        Some(_) => (0, text),
        // A bare number of days (`7`), as a user may type it.
        None => (text.parse::<u64>().ok()?, "0:0:0"),
    };
    let mut parts = clock.split(':');
    let hours: u64 = parts.next()?.parse().ok()?;
    let minutes: u64 = parts.next()?.parse().ok()?;
    let seconds: f64 = parts.next()?.parse().ok()?;
    if parts.next().is_some() || hours > 23 || minutes > 59 || !(0.0..60.0).contains(&seconds) {
        return None;
    }
    Some(days * 86_400 + hours * 3_600 + minutes * 60 + seconds as u64)
}

/// A TimeSpan as the Calculator and the shell write it: `7.00:00:00`, `00:00:00`.
pub fn timespan_text(days: u32) -> String {
    format!("{days}.00:00:00")
}

/// A replay lag in seconds as clusterplan's whole days: a lag under a day counts as one (it is still a
/// lagged copy, activated only as a last resort); otherwise the days, rounded.
pub fn lag_days(seconds: u64) -> u32 {
    match seconds {
        0 => 0,
        s if s < 86_400 => 1,
        s => ((s + 43_200) / 86_400).min(u64::from(u32::MAX)) as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timespans_as_the_tools_write_them() {
        assert_eq!(timespan_seconds("7.00:00:00"), Some(7 * 86_400));
        assert_eq!(timespan_seconds("14.0:00:00"), Some(14 * 86_400));
        assert_eq!(timespan_seconds("0.00:00:00"), Some(0));
        assert_eq!(timespan_seconds("00:15:00"), Some(900));
        assert_eq!(timespan_seconds("1.02:03:04.5000000"), Some(86_400 + 7_384));
        assert_eq!(timespan_seconds(" 7 "), Some(7 * 86_400));
        for bad in ["", "seven", "7.00:00", "1.24:00:00", "-1.00:00:00", "00:60:00", "1:2:3:4"] {
            assert_eq!(timespan_seconds(bad), None, "{bad}");
        }
        assert_eq!((lag_days(0), lag_days(900), lag_days(7 * 86_400), lag_days(7 * 86_400 + 3_600)), (0, 1, 7, 7));
    }
}
