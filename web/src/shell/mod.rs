//! What both planners share, so that a fix to a shared mechanism lands once: undo and redo
//! ([`history`]), the notice, saved designs and share links ([`share`]), files in and out ([`files`]) and sent where they are read ([`brought`]: the component's worker, the other planner),
//! effects at the edges (start-up, links, autosave, keys), screen geometry, the pointer press both
//! diagrams drag with ([`drag`]), the fail/restore control, the toolbar, the findings panel, the failure
//! matrix worked out in the component's worker ([`matrix`]), the timeline [`player`] and its [`fork`], [`presenter`] mode, lessons made in the page ([`builder`]), and the one [`moment`] every panel shows.

pub mod brought;
pub mod builder;
pub mod drag;
pub mod effects;
pub mod files;
pub mod findings;
pub mod fork;
pub mod forms;
pub mod geometry;
pub mod header;
pub mod history;
pub mod link;
pub mod matrix;
pub mod moment;
pub mod notice;
pub mod page;
pub mod planner;
pub mod player;
pub mod pointer;
pub mod presenter;
pub mod rows;
pub mod same;
pub mod share;
pub mod timeline;
pub mod toggle;
pub mod toolbar;
