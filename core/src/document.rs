//! The report an architect hands on, as one model for both families and two writers: Markdown (for a
//! wiki or a ticket) and a standalone HTML page (to send or print: A4 or Letter, a page break before each
//! section, table headers repeated on every page, no controls). The families build the model
//! (`cluster::document`, `dag::document`); the command line and the app write it. Every text from the
//! design is escaped by the writer, so a name full of markup stays text.

use crate::svg::escape;
use crate::words::count;

/// A whole report.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub title: String,
    /// A sentence under the title: what the design is, in a line.
    pub lead: String,
    pub sections: Vec<Section>,
}

/// One section, with an id for its anchor.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub id: &'static str,
    pub heading: String,
    pub blocks: Vec<Block>,
}

/// What a section holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(String),
    /// A remark in small print: a source, a choice.
    Note(String),
    /// A diagram: a static SVG document ([`crate::svg`]) and what it shows.
    Figure {
        svg: String,
        caption: String,
    },
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// A tree, such as a group's resources with what each depends on.
    Tree(Vec<Item>),
}

/// An entry of a [`Block::Tree`].
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub text: String,
    pub children: Vec<Item>,
}

impl Block {
    /// A table from its header and rows of anything written as text.
    pub fn table<const N: usize>(header: [&str; N], rows: impl IntoIterator<Item = [String; N]>) -> Block {
        Block::Table {
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: rows.into_iter().map(|row| row.to_vec()).collect(),
        }
    }
}

/// The findings of either family as a section: each with its severity, subject and source, or a sentence
/// saying there are none.
pub fn findings_section(findings: &[crate::finding::Finding]) -> Section {
    let errors = findings.iter().filter(|f| f.severity == crate::finding::Severity::Error).count();
    let warnings = findings.iter().filter(|f| f.severity == crate::finding::Severity::Warning).count();
    let mut blocks = vec![Block::Paragraph(match (errors, warnings, findings.len()) {
        (0, 0, 0) => "No errors, warnings or remarks: the design follows every rule clusterplan checks.".to_string(),
        (0, 0, n) => format!("No errors or warnings; {} worth knowing.", count(n, "remark", "remarks")),
        (e, w, _) => format!(
            "{} and {}: an error is a design Microsoft does not support.",
            count(e, "error", "errors"),
            count(w, "warning", "warnings")
        ),
    })];
    if !findings.is_empty() {
        blocks.push(Block::table(
            ["Severity", "Subject", "Finding", "Rule", "Source"],
            findings.iter().map(|f| {
                [
                    f.severity.word().to_string(),
                    f.subject.clone(),
                    f.message.clone(),
                    f.rule.to_string(),
                    f.source.to_string(),
                ]
            }),
        ));
    }
    Section { id: "findings", heading: "Findings".into(), blocks }
}

/// The IP and name plan of either family as a section: the family's own blocks, then each of the plan's
/// findings as a sentence, then the source the counts follow.
pub fn addresses_section(mut blocks: Vec<Block>, findings: &[crate::finding::Finding], source: &str) -> Section {
    blocks.extend(findings.iter().map(|f| Block::Paragraph(format!("{}: {}", f.severity.word(), f.message))));
    blocks.push(Block::Note(format!("Source: {source}.")));
    Section { id: "addresses", heading: "IP addresses and names".into(), blocks }
}

/// Text made safe for a Markdown paragraph or table cell: the characters Markdown reads as markup are
/// escaped with a backslash, `<` and `&` as HTML entities, and line breaks become spaces.
pub fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '!' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The report as Markdown (GitHub's dialect, for its tables). A figure is named, not drawn: Markdown has
/// no safe way to carry an SVG inline, and `clusterplan export FILE --to svg` writes it.
pub fn markdown(document: &Document) -> String {
    let mut out = format!("# {}\n\n{}\n", markdown_text(&document.title), markdown_text(&document.lead));
    for section in &document.sections {
        out.push_str(&format!("\n## {}\n", markdown_text(&section.heading)));
        for block in &section.blocks {
            out.push('\n');
            match block {
                Block::Paragraph(text) => out.push_str(&format!("{}\n", markdown_text(text))),
                Block::Note(text) => out.push_str(&format!("*{}*\n", markdown_text(text))),
                Block::Figure { caption, .. } => out.push_str(&format!(
                    "*Figure: {} (the drawing: `clusterplan export FILE --to svg`).*\n",
                    markdown_text(caption)
                )),
                Block::Table { header, rows } => {
                    let line = |cells: &[String]| {
                        let cells: Vec<String> = cells.iter().map(|c| markdown_text(c)).collect();
                        format!("| {} |\n", cells.join(" | "))
                    };
                    out.push_str(&line(header));
                    out.push_str(&format!("|{}\n", " --- |".repeat(header.len())));
                    for row in rows {
                        out.push_str(&line(row));
                    }
                }
                Block::Tree(items) => tree_markdown(&mut out, items, 0),
            }
        }
    }
    out
}

fn tree_markdown(out: &mut String, items: &[Item], depth: usize) {
    for item in items {
        out.push_str(&format!("{}- {}\n", "  ".repeat(depth), markdown_text(&item.text)));
        tree_markdown(out, &item.children, depth + 1);
    }
}

/// The print stylesheet of the HTML report: the same rules in the CLI's file and in the app's report view.
pub const STYLESHEET: &str = include_str!("document.css");

/// The report as one standalone HTML page: with `inline_style` its stylesheet is written into a `<style>`
/// element (the CLI's file, to send as it is), else linked as `report.css` (a page whose policy allows no
/// inline style).
pub fn html(document: &Document, inline_style: bool) -> String {
    let style = if inline_style {
        format!("<style>\n{STYLESHEET}</style>")
    } else {
        "<link rel=\"stylesheet\" href=\"report.css\">".to_string()
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" \
         content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n{style}\n</head>\n<body>\n{}</body>\n</html>\n",
        escape(&document.title),
        html_body(document)
    )
}

/// The report's body: a `<main class="report">` with the title, the lead, a table of contents and the
/// sections; what the app's report view shows.
pub fn html_body(document: &Document) -> String {
    let mut out = format!(
        "<main class=\"report\">\n<h1>{}</h1>\n<p class=\"lead\">{}</p>\n<nav aria-label=\"Contents\"><ol>\n",
        escape(&document.title),
        escape(&document.lead)
    );
    for section in &document.sections {
        out.push_str(&format!("<li><a href=\"#{}\">{}</a></li>\n", section.id, escape(&section.heading)));
    }
    out.push_str("</ol></nav>\n");
    for section in &document.sections {
        out.push_str(&format!("<section id=\"{}\">\n<h2>{}</h2>\n", section.id, escape(&section.heading)));
        for block in &section.blocks {
            match block {
                Block::Paragraph(text) => out.push_str(&format!("<p>{}</p>\n", escape(text))),
                Block::Note(text) => out.push_str(&format!("<p class=\"note\">{}</p>\n", escape(text))),
                Block::Figure { svg, caption } => {
                    out.push_str(&format!("<figure>\n{svg}<figcaption>{}</figcaption>\n</figure>\n", escape(caption)))
                }
                Block::Table { header, rows } => {
                    out.push_str("<table>\n<thead><tr>");
                    for cell in header {
                        out.push_str(&format!("<th scope=\"col\">{}</th>", escape(cell)));
                    }
                    out.push_str("</tr></thead>\n<tbody>\n");
                    for row in rows {
                        out.push_str("<tr>");
                        for cell in row {
                            out.push_str(&format!("<td>{}</td>", escape(cell)));
                        }
                        out.push_str("</tr>\n");
                    }
                    out.push_str("</tbody>\n</table>\n");
                }
                Block::Tree(items) => tree_html(&mut out, items),
            }
        }
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n");
    out
}

fn tree_html(out: &mut String, items: &[Item]) {
    out.push_str("<ul class=\"tree\">\n");
    for item in items {
        out.push_str(&format!("<li>{}", escape(&item.text)));
        if !item.children.is_empty() {
            tree_html(out, &item.children);
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(name: &str) -> Document {
        Document {
            title: name.to_string(),
            lead: "A lead.".into(),
            sections: vec![Section {
                id: "design",
                heading: "Design".into(),
                blocks: vec![
                    Block::Paragraph(format!("{name} runs here.")),
                    Block::table(["Name", "State"], [[name.to_string(), "up".to_string()]]),
                    Block::Tree(vec![Item {
                        text: "Store".into(),
                        children: vec![Item { text: "System Attendant".into(), children: vec![] }],
                    }]),
                ],
            }],
        }
    }

    #[test]
    fn markup_in_a_name_stays_text_in_both_formats() {
        let name = "<img src=x onerror=alert(1)> | *bold* & [link](http://x)";
        let html = html(&sample(name), true);
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt; | *bold* &amp; [link](http://x)"));
        let markdown = markdown(&sample(name));
        assert!(
            markdown.contains("&lt;img src=x onerror=alert(1)&gt; \\| \\*bold\\* &amp; \\[link\\](http://x)"),
            "{markdown}"
        );
        assert!(!markdown.contains("<img"));
    }

    #[test]
    fn both_formats_carry_the_same_content() {
        expect_test::expect![[r#"
            # node1

            A lead.

            ## Design

            node1 runs here.

            | Name | State |
            | --- | --- |
            | node1 | up |

            - Store
              - System Attendant
        "#]]
        .assert_eq(&markdown(&sample("node1")));
        expect_test::expect![[r##"
            <main class="report">
            <h1>node1</h1>
            <p class="lead">A lead.</p>
            <nav aria-label="Contents"><ol>
            <li><a href="#design">Design</a></li>
            </ol></nav>
            <section id="design">
            <h2>Design</h2>
            <p>node1 runs here.</p>
            <table>
            <thead><tr><th scope="col">Name</th><th scope="col">State</th></tr></thead>
            <tbody>
            <tr><td>node1</td><td>up</td></tr>
            </tbody>
            </table>
            <ul class="tree">
            <li>Store<ul class="tree">
            <li>System Attendant</li>
            </ul>
            </li>
            </ul>
            </section>
            </main>
        "##]]
        .assert_eq(&html_body(&sample("node1")));
    }
}
