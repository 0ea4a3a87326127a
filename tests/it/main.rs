//! All integration tests in one binary (as ripgrep does), one module per thing they cover.

mod bad_input;
mod cli;
mod dag_properties;
mod dags;
mod edit;
mod forks;
mod fuzz;
mod graph;
mod hostile;
mod import;
mod json_paths;
mod lessons;
mod matrix;
mod moments;
mod properties;
mod quorum_table;
mod report;
mod rules;
mod runbook;
mod scenarios;
mod schema;
mod tidy;
mod timelines;
