//! Presenter mode, as both planners have it: large type for a room, the diagram and the player's
//! narration only, keys for everything (Space plays, the arrows step, N opens the next lesson, Escape
//! leaves), and the family's lessons in sequence. Opened by its button or a `#present` link
//! (`#present=LESSON` starts at that lesson).

use std::rc::Rc;

use clusterplan_core::timeline::Written;
use web_sys::KeyboardEvent;
use yew::prelude::*;

/// Each lesson's id and title, from its family's table, gathered once per component (the components that
/// list them render at every tick of the player).
#[hook]
pub fn use_lesson_titles<Scenario: 'static>(
    table: &'static [Written<Scenario>],
) -> Rc<Vec<(&'static str, &'static str)>> {
    use_memo((), move |_| table.iter().map(|lesson| (lesson.id, lesson.title)).collect())
}

/// The header in presenter mode: the bar with the open lesson's title (else `title`, the design's name)
/// and the next lesson's; `dispatch` gets `next` or `leave`.
pub fn presenter_header<A: Clone + 'static>(
    title: &str,
    presenter: Presenter,
    titles: &[(&'static str, &'static str)],
    dispatch: &Callback<A>,
    next: A,
    leave: A,
) -> Html {
    let ids: Vec<&str> = titles.iter().map(|(id, _)| *id).collect();
    let title_of = |id: &str| titles.iter().find(|(i, _)| *i == id).map(|(_, t)| *t);
    let next_title = presenter.next(&ids).and_then(title_of);
    // The open lesson's title, else the design's name (its own script plays).
    let title = presenter.lesson.and_then(|index| titles.get(index)).map_or(title, |(_, t)| *t);
    html! {
        <header class="header presenting">
            { presenter_bar(title, next_title, dispatch.reform(move |_| next.clone()), dispatch.reform(move |_| leave.clone())) }
        </header>
    }
}

/// Whether presenter mode is on, and which of the family's lessons (its index) was opened last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Presenter {
    pub on: bool,
    pub lesson: Option<usize>,
}

/// What presenter mode opens on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opening {
    /// This lesson.
    Lesson(String),
    /// What the player already plays.
    AsItIs,
    /// The design's own failure script.
    OwnScript,
}

impl Presenter {
    /// Presenter mode on, the open lesson kept.
    pub fn started(self) -> Presenter {
        Presenter { on: true, ..self }
    }

    /// Presenter mode off, the open lesson kept.
    pub fn stopped(self) -> Presenter {
        Presenter { on: false, ..self }
    }

    /// What presenter mode opens on: the lesson `asked` for, else what plays, else the design's own
    /// script, else the family's first lesson.
    pub fn opening(asked: Option<String>, playing: bool, has_script: bool, lessons: &[&str]) -> Opening {
        match asked {
            Some(id) => Opening::Lesson(id),
            None if playing => Opening::AsItIs,
            None if has_script => Opening::OwnScript,
            None => Opening::Lesson(lessons.first().map_or_else(String::new, |id| id.to_string())),
        }
    }

    /// The lesson after the one open (the first when none is), if there is one.
    pub fn next<'a>(&self, lessons: &[&'a str]) -> Option<&'a str> {
        lessons.get(self.lesson.map_or(0, |index| index + 1)).copied()
    }

    /// The same presenter with `id` (one of `lessons`) as the open lesson.
    pub fn opened(self, lessons: &[&str], id: &str) -> Presenter {
        Presenter { lesson: lessons.iter().position(|l| *l == id), ..self }
    }
}

/// What Escape does in a planner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escape {
    /// Leave presenter mode, and the notice with it: one press, as the bar says.
    Leave,
    CloseNotice,
    /// Let go of what is selected.
    LetGo,
    Nothing,
}

impl Presenter {
    /// What Escape does: in presenter mode it leaves; else it closes the notice, else lets go of the selection.
    pub fn escape(self, notice: bool, selected: bool) -> Escape {
        match (self.on, notice, selected) {
            (true, _, _) => Escape::Leave,
            (false, true, _) => Escape::CloseNotice,
            (false, false, true) => Escape::LetGo,
            (false, false, false) => Escape::Nothing,
        }
    }
}

/// What a `#present` link asks for: `None` when it is no presenter link, else the lesson to start at (none
/// named: the first, or the design's own script).
pub fn link(hash: &str) -> Option<Option<String>> {
    match hash.strip_prefix("#present") {
        Some("") => Some(None),
        Some(rest) => rest.strip_prefix('=').filter(|id| !id.is_empty()).map(|id| Some(id.to_string())),
        None => None,
    }
}

/// N (or Page Down) opens the next lesson; only presenter mode listens.
pub fn next_key(event: &KeyboardEvent) -> bool {
    !event.ctrl_key() && !event.meta_key() && matches!(event.key().as_str(), "n" | "N" | "PageDown")
}

/// The bar that stands for the header in presenter mode: what is shown, the next lesson, the way out.
pub fn presenter_bar(
    title: &str,
    next: Option<&str>,
    on_next: Callback<MouseEvent>,
    on_leave: Callback<MouseEvent>,
) -> Html {
    html! {
        <div class="presenter-bar" role="toolbar" aria-label="Presenter mode">
            <h1 class="presenter-title">{ title.to_string() }</h1>
            <span class="presenter-keys">{ "Space plays or pauses · ← → step · R reveals · N next lesson · Esc leaves" }</span>
            if let Some(next) = next {
                <button onclick={on_next} aria-keyshortcuts="N">{ format!("Next lesson: {next}") }</button>
            }
            <button onclick={on_leave} aria-keyshortcuts="Escape">{ "Leave presenter mode" }</button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_name_a_lesson_or_none() {
        assert_eq!(link("#present"), Some(None));
        assert_eq!(link("#present=single-node-failure"), Some(Some("single-node-failure".into())));
        assert_eq!(link("#present="), None);
        assert_eq!(link("#presents"), None);
        assert_eq!(link("#lesson=x"), None);
        assert_eq!(link(""), None);
    }

    #[test]
    fn presenter_mode_opens_on_the_lesson_asked_for_else_what_plays_else_the_script_else_the_first_lesson() {
        let lessons = ["a", "b"];
        assert_eq!(Presenter::opening(Some("b".into()), true, true, &lessons), Opening::Lesson("b".into()));
        assert_eq!(Presenter::opening(None, true, true, &lessons), Opening::AsItIs);
        assert_eq!(Presenter::opening(None, false, true, &lessons), Opening::OwnScript);
        assert_eq!(Presenter::opening(None, false, false, &lessons), Opening::Lesson("a".into()));
    }

    #[test]
    fn escape_leaves_presenter_mode_at_once_else_closes_the_notice_else_lets_go() {
        let on = Presenter { on: true, lesson: Some(0) };
        assert_eq!(on.escape(true, true), Escape::Leave, "one press, even with the lesson's notice open");
        let off = Presenter::default();
        assert_eq!(off.escape(true, true), Escape::CloseNotice);
        assert_eq!(off.escape(false, true), Escape::LetGo);
        assert_eq!(off.escape(false, false), Escape::Nothing);
    }

    #[test]
    fn the_next_lesson_follows_the_open_one_and_ends() {
        let lessons = ["a", "b", "c"];
        let presenter = Presenter::default();
        assert_eq!(presenter.next(&lessons), Some("a"));
        assert_eq!(presenter.opened(&lessons, "b").next(&lessons), Some("c"));
        assert_eq!(presenter.opened(&lessons, "c").next(&lessons), None);
        assert_eq!(presenter.opened(&lessons, "unknown").lesson, None);
    }
}
