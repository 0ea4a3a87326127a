//! The notice: what was refused or went wrong (or is worth knowing), shown in one bar with a button to
//! dismiss it.

use yew::prelude::*;

/// A message for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
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
        Notice { kind: NoticeKind::Error, text: text.into() }
    }

    pub fn refused(text: impl Into<String>) -> Notice {
        Notice { kind: NoticeKind::Refused, text: text.into() }
    }

    pub fn info(text: impl Into<String>) -> Notice {
        Notice { kind: NoticeKind::Info, text: text.into() }
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
            <span class="notice-text">{ notice.text.clone() }</span>
            <button class="dismiss" aria-label="Dismiss message" onclick={dismiss}>{ "×" }</button>
        </div>
    }
}
