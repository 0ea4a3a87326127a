//! Findings, shared by both families: a rule applied to one subject, with its id, severity, a sentence a
//! user understands and its source (docs/domain.md says where each source is). A broken design is data:
//! each family's `rules::validate` returns every finding at once and never fails.

use schemars::JsonSchema;
use serde::Serialize;

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// The design is not supported or cannot work.
    Error,
    /// Supported, but against a recommendation.
    Warning,
    /// Worth knowing.
    Info,
}

impl Severity {
    /// The severity as it is written in JSON and shown to people.
    pub fn word(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A rule: what it checks and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    pub source: &'static str,
}

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SubjectKind {
    Cluster,
    Node,
    Network,
    Disk,
    Group,
    Resource,
    StorageGroup,
    FrontEnd,
    /// DAG designs: the DAG, a member server, a site, the witness, a database, a copy (`db1@ex2`).
    Dag,
    Server,
    Site,
    Witness,
    Database,
    Copy,
}

impl SubjectKind {
    /// The kind in a sentence: "a node", "an EVS".
    pub fn word(self) -> &'static str {
        match self {
            SubjectKind::Cluster => "cluster",
            SubjectKind::Node => "node",
            SubjectKind::Network => "network",
            SubjectKind::Disk => "disk",
            SubjectKind::Group => "EVS",
            SubjectKind::Resource => "resource",
            SubjectKind::StorageGroup => "storage group",
            SubjectKind::FrontEnd => "front-end server",
            SubjectKind::Dag => "DAG",
            SubjectKind::Server => "server",
            SubjectKind::Site => "site",
            SubjectKind::Witness => "witness",
            SubjectKind::Database => "database",
            SubjectKind::Copy => "copy",
        }
    }
}

/// One rule applied to one subject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    /// The name of the thing: `node3`, `EVS1`, `EVS1/Store`, `EVS1/SG1`; the cluster's name for the cluster.
    pub subject: String,
    pub subject_kind: SubjectKind,
    pub message: String,
    pub source: &'static str,
}

impl Finding {
    /// `rule` applied to a subject, with what it found.
    pub fn new(rule: &Rule, subject_kind: SubjectKind, subject: impl Into<String>, message: String) -> Finding {
        Finding {
            rule: rule.id,
            severity: rule.severity,
            subject: subject.into(),
            subject_kind,
            message,
            source: rule.source,
        }
    }
}

/// Declares rules: one `Rule` constant a line, and `RULES`, every one of them in the order they are checked,
/// followed by the rules listed after `+` (declared elsewhere, such as the IP plan's).
macro_rules! rules {
    ($($name:ident = $id:literal, $severity:ident, $source:ident, $summary:literal;)* $(+ [$($extra:path),+])?) => {
        $(pub const $name: $crate::finding::Rule = $crate::finding::Rule {
            id: $id,
            severity: $crate::finding::Severity::$severity,
            summary: $summary,
            source: $crate::sources::$source,
        };)*
        /// Every rule, in the order `validate` checks them.
        pub const RULES: &[$crate::finding::Rule] = &[$($name,)* $($($extra),+)?];
    };
}
pub(crate) use rules;

/// Whether any finding is an error.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

/// Errors first, then warnings, then information; within a severity in the order of `rules`.
pub fn sort(findings: &mut [Finding], rules: &[Rule]) {
    let position = |id: &str| rules.iter().position(|r| r.id == id).unwrap_or(usize::MAX);
    crate::order::sort_by_key(findings, |f| (f.severity, position(f.rule)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severities_read_as_they_serialise() {
        for severity in [Severity::Error, Severity::Warning, Severity::Info] {
            assert_eq!(serde_json::to_value(severity).unwrap(), severity.word());
        }
    }
}
