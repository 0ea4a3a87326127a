//! `clusterplan report` and `export --to svg`: for every preset of both families, the report names every
//! node or server, every group or database and every finding, in both formats; the HTML carries the
//! diagram and its print stylesheet; markup in a name stays text; wrong formats are refused by name.

use clusterplan_core::verbs::{self, Loaded};
use clusterplan_tests::run;
use serde_json::Value;

/// The names of a design's `fields` (`nodes`, `databases`, …).
fn names(design: &Value, fields: &[&str]) -> Vec<String> {
    fields
        .iter()
        .flat_map(|field| design[field].as_array().into_iter().flatten())
        .map(|x| x["name"].as_str().unwrap().to_string())
        .collect()
}

/// Every preset's JSON, with the names its report must show (nodes, groups, disks and networks; servers,
/// sites, networks and databases) and the names its diagram draws.
fn presets() -> Vec<(String, String, Vec<String>, Vec<String>)> {
    verbs::presets()
        .into_iter()
        .map(|id| {
            let json = run(&["preset", id], "").stdout;
            let design: Value = serde_json::from_str(&json).unwrap();
            let reported = names(&design, &["nodes", "groups", "disks", "networks", "servers", "sites", "databases"]);
            let drawn = names(&design, &["nodes", "groups", "disks", "servers", "sites"]);
            (id.to_string(), json, reported, drawn)
        })
        .collect()
}

fn findings(json: &str) -> Vec<String> {
    let loaded: Loaded = verbs::load(json).unwrap();
    verbs::validate(&loaded).findings.into_iter().map(|f| f.message).collect()
}

fn html_text(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

#[test]
fn every_preset_reports_its_whole_design_in_both_formats() {
    for (id, json, names, _) in presets() {
        let html = run(&["report", "-"], &json);
        assert_eq!(html.code, 0, "{id}: {}", html.stderr);
        let markdown = run(&["report", "-", "--format", "markdown"], &json);
        assert_eq!(markdown.code, 0, "{id}: {}", markdown.stderr);
        assert!(html.stdout.starts_with("<!DOCTYPE html>"), "{id}");
        assert!(html.stdout.contains("<style>") && html.stdout.contains("@media print"), "{id}: the print stylesheet");
        assert_eq!(html.stdout.matches("<svg xmlns=").count(), 1, "{id}: the diagram");
        assert!(!html.stdout.contains("<script"), "{id}: no script");
        for name in &names {
            assert!(html.stdout.contains(&format!(">{}", html_text(name))), "{id}: {name} in the HTML report");
            assert!(markdown.stdout.contains(name.as_str()), "{id}: {name} in the Markdown report");
        }
        for message in findings(&json) {
            assert!(html.stdout.contains(&html_text(&message)), "{id}: the finding {message:?}");
        }
        // The same sections, in the same order, in both.
        let html_headings: Vec<String> = html
            .stdout
            .lines()
            .filter_map(|l| l.strip_prefix("<h2>").and_then(|l| l.strip_suffix("</h2>")))
            .map(str::to_string)
            .collect();
        let markdown_headings: Vec<String> =
            markdown.stdout.lines().filter_map(|l| l.strip_prefix("## ")).map(str::to_string).collect();
        assert_eq!(html_headings, markdown_headings, "{id}");
        assert!(
            html_headings.contains(&"What survives".to_string()) && html_headings.contains(&"Findings".to_string())
        );
    }
}

#[test]
fn markup_in_a_design_stays_text_in_the_report_and_the_drawing() {
    let mut design: Value = serde_json::from_str(&run(&["preset", "four-node-3a1p"], "").stdout).unwrap();
    design["name"] = Value::from("<script>alert(1)</script> & <b>co</b>");
    let json = design.to_string();
    let html = run(&["report", "-"], &json).stdout;
    assert!(!html.contains("<script>alert") && !html.contains("<b>co"), "{html}");
    assert!(html.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;co&lt;/b&gt;</h1>"));
    let markdown = run(&["report", "-", "--format", "markdown"], &json).stdout;
    assert!(
        markdown.starts_with("# &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;co&lt;/b&gt;\n"),
        "{markdown}"
    );
    let svg = run(&["export", "-", "--to", "svg"], &json).stdout;
    assert!(svg.contains("<title>Cluster diagram: &lt;script&gt;"), "{svg}");
}

#[test]
fn export_svg_draws_either_family() {
    for (id, json, _, drawn) in presets() {
        let svg = run(&["export", "-", "--to", "svg"], &json);
        assert_eq!(svg.code, 0, "{id}: {}", svg.stderr);
        assert!(svg.stdout.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""), "{id}");
        assert!(svg.stdout.trim_end().ends_with("</svg>"), "{id}");
        for name in &drawn {
            assert!(svg.stdout.contains(&format!(">{}", html_text(name))), "{id}: {name} drawn");
        }
    }
}

#[test]
fn wrong_formats_are_refused_by_name() {
    let json = run(&["preset", "dag-2-member"], "").stdout;
    let text = run(&["report", "-", "--format", "text"], &json);
    assert_eq!(text.code, 2);
    assert!(text.stderr.contains("--format: a report is html (the default) or markdown"), "{}", text.stderr);
    let validate = run(&["validate", "-", "--format", "markdown"], &json);
    assert_eq!(validate.code, 2);
    assert!(validate.stderr.contains("--format: html and markdown are the report's"), "{}", validate.stderr);
    assert_eq!(validate.stdout, "");
}
