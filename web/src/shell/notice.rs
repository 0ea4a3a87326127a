//! The notice: what was refused or went wrong (or is worth knowing), shown in one bar with a button to
//! dismiss it.

use clusterplan_core::scenario::LoadErrors;
use yew::prelude::*;

/// A message for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
    /// Where in the design's file the problem is (its field paths), in small print after the words.
    pub detail: Option<String>,
}

/// Why a design cannot be used, in the user's words, and where in its file (for those who edit files).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub words: String,
    pub place: Option<String>,
}

impl From<&LoadErrors> for Problem {
    fn from(errors: &LoadErrors) -> Problem {
        let words: Vec<&str> = errors.0.iter().map(|e| e.message.as_str()).collect();
        let places: Vec<&str> = errors.0.iter().map(|e| e.path.as_str()).filter(|p| !p.is_empty()).collect();
        Problem {
            words: words.join("; "),
            place: (!places.is_empty()).then(|| format!("In the file: {}", places.join(", "))),
        }
    }
}

impl From<String> for Problem {
    fn from(words: String) -> Problem {
        Problem { words, place: None }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    /// Something could not be done (bad file, impossible edit); nothing changed.
    Error,
    /// The engine refused an action, with its reason; nothing changed.
    Refused,
    /// For information.
    Info,
}

impl Notice {
    pub fn error(text: impl Into<String>) -> Notice {
        Notice { kind: NoticeKind::Error, text: text.into(), detail: None }
    }

    /// `lead`, then the problem in words; where it is in the file follows in small print.
    pub fn problem(lead: &str, problem: &Problem) -> Notice {
        Notice { kind: NoticeKind::Error, text: format!("{lead}: {}", problem.words), detail: problem.place.clone() }
    }

    pub fn refused(text: impl Into<String>) -> Notice {
        Notice { kind: NoticeKind::Refused, text: text.into(), detail: None }
    }

    pub fn info(text: impl Into<String>) -> Notice {
        Notice { kind: NoticeKind::Info, text: text.into(), detail: None }
    }
}

/// The notice bar, when there is a notice.
pub fn notice_bar(notice: Option<&Notice>, dismiss: Callback<MouseEvent>) -> Html {
    let Some(notice) = notice else { return html! {} };
    let class = match notice.kind {
        NoticeKind::Error => "notice error",
        NoticeKind::Refused => "notice refused",
        NoticeKind::Info => "notice info",
    };
    html! {
        <div class={class} role="alert">
            <span class="notice-text">{ notice.text.clone() }
                { for notice.detail.clone().map(|detail| html! { <small class="notice-detail">{ detail }</small> }) }
            </span>
            <button class="dismiss" aria-label="Dismiss message" onclick={dismiss}>{ "×" }</button>
        </div>
    }
}
