//! clusterplan-core: Exchange high-availability designs modelled, validated and failed.
//!
//! A pure engine: no IO, no clock, no randomness, no DOM. Two sibling families built module for module
//! alike — [`cluster`] (Exchange 2003 on Windows clustering) and [`dag`] (Exchange 2010 to SE Database
//! Availability Groups) — over a small shared layer: [`finding`]s and their [`sources`], the [`scenario`]
//! format basics, [`duration`]s, [`subnet`]s, [`partition`]s, failure [`combinations`] and what both families' [`timeline`]s share. The families
//! never import each other, and neither is the crate's default. [`verbs`] puts both behind the command
//! line's verbs (validate, simulate, timeline, ips, analyze) for every shell: the CLI and the WebAssembly
//! component.

// `#[derive(Read)]` names the reader's runtime by the crate's name, here as in the app.
extern crate self as clusterplan_core;

pub mod combinations;
pub mod document;
pub mod duration;
pub mod edit;
pub mod finding;
pub mod fork;
pub mod geometry;
pub mod json_path;
pub mod link;
pub mod matrix;
pub mod order;
pub mod partition;
pub mod quiz;
pub mod read;
pub mod runbook;
pub mod scenario;
pub mod sources;
pub mod subnet;
pub mod svg;
pub mod timeline;
pub mod verbs;
pub mod words;

pub mod cluster;
pub mod dag;
