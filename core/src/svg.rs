//! A small writer of static SVG for the report and the exports: shapes with their colours as attributes
//! (no stylesheet, no script), so the file looks the same in a browser, a word processor or an `<img>`,
//! and every text escaped, so a name full of markup stays text.

use crate::geometry::{Point, Rect, tenths};

/// The palette both drawings use: the app's colours.
pub mod colour {
    pub const INK: &str = "#1a202c";
    pub const MUTED: &str = "#4a5568";
    pub const LINE: &str = "#cbd5e0";
    pub const PAPER: &str = "#f7fafc";
    pub const PANEL: &str = "#ffffff";
    pub const ONLINE: &str = "#276749";
    pub const ONLINE_BG: &str = "#e6fffa";
    pub const FAILED: &str = "#c53030";
    pub const FAILED_BG: &str = "#fff5f5";
    pub const GREY_BG: &str = "#edf2f7";
    pub const WARN: &str = "#975a16";
    pub const WARN_BG: &str = "#fffaf0";
    pub const ACCENT: &str = "#2b6cb0";
    pub const ACCENT_BG: &str = "#ebf8ff";
    pub const VIOLET: &str = "#805ad5";
    pub const VIOLET_BG: &str = "#faf5ff";
}

/// Text made safe for XML and HTML, in an element or an attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML 1.0.
            c if c.is_control() && !matches!(c, '\n' | '\t') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// How a box or a line is drawn.
#[derive(Debug, Clone, Copy)]
pub struct Paint {
    pub fill: &'static str,
    pub stroke: &'static str,
    pub width: f64,
    /// `stroke-dasharray`, or empty for a solid line.
    pub dash: &'static str,
}

impl Paint {
    pub const fn new(fill: &'static str, stroke: &'static str) -> Paint {
        Paint { fill, stroke, width: 2.0, dash: "" }
    }

    pub const fn dashed(self, dash: &'static str) -> Paint {
        Paint { dash, ..self }
    }

    pub const fn width(self, width: f64) -> Paint {
        Paint { width, ..self }
    }

    fn attributes(&self) -> String {
        let dash = if self.dash.is_empty() { String::new() } else { format!(" stroke-dasharray=\"{}\"", self.dash) };
        format!("fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\"{dash}", self.fill, self.stroke, tenths(self.width))
    }
}

/// How a text is set.
#[derive(Debug, Clone, Copy)]
pub struct Type {
    pub size: f64,
    pub bold: bool,
    pub fill: &'static str,
    /// `end` to right-align at the point.
    pub end: bool,
}

impl Type {
    pub const fn new(size: f64, fill: &'static str) -> Type {
        Type { size, bold: false, fill, end: false }
    }

    pub const fn bold(self) -> Type {
        Type { bold: true, ..self }
    }

    pub const fn end(self) -> Type {
        Type { end: true, ..self }
    }
}

/// An SVG document being written.
pub struct Svg {
    out: String,
}

impl Svg {
    /// A document showing `view`, described by `title` (its accessible name).
    pub fn new(view: Rect, title: &str) -> Svg {
        let out = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{} {} {} {}\" width=\"{}\" height=\"{}\" role=\"img\" \
             font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\">\n<title>{}</title>\n\
             <rect x=\"{0}\" y=\"{1}\" width=\"{2}\" height=\"{3}\" fill=\"{}\"/>\n",
            tenths(view.x),
            tenths(view.y),
            tenths(view.width),
            tenths(view.height),
            tenths(view.width),
            tenths(view.height),
            escape(title),
            colour::PAPER
        );
        Svg { out }
    }

    /// A box with rounded corners.
    pub fn rect(&mut self, r: Rect, radius: f64, paint: Paint) {
        self.out.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" {}/>\n",
            tenths(r.x),
            tenths(r.y),
            tenths(r.width),
            tenths(r.height),
            tenths(radius),
            paint.attributes()
        ));
    }

    /// A straight line.
    pub fn line(&mut self, from: Point, to: Point, paint: Paint) {
        self.out.push_str(&format!(
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" {}/>\n",
            tenths(from.x),
            tenths(from.y),
            tenths(to.x),
            tenths(to.y),
            paint.attributes()
        ));
    }

    /// A path (`d` in SVG's path syntax, written by the caller from numbers only).
    pub fn path(&mut self, d: &str, paint: Paint) {
        self.out.push_str(&format!("<path d=\"{d}\" {}/>\n", paint.attributes()));
    }

    /// A line of text whose baseline starts (or, with [`Type::end`], ends) at `at`.
    pub fn text(&mut self, at: Point, set: Type, text: &str) {
        if text.is_empty() {
            return;
        }
        self.out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{}\"{}{}>{}</text>\n",
            tenths(at.x),
            tenths(at.y),
            tenths(set.size),
            set.fill,
            if set.bold { " font-weight=\"700\"" } else { "" },
            if set.end { " text-anchor=\"end\"" } else { "" },
            escape(text)
        ));
    }

    /// The finished document.
    pub fn finish(mut self) -> String {
        self.out.push_str("</svg>\n");
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_names_are_escaped() {
        let mut svg = Svg::new(Rect::new(0.0, 0.0, 10.0, 10.0), "a <b> & \"c\"");
        svg.text(Point::new(1.0, 2.0), Type::new(12.0, colour::INK), "<script>alert('x')</script>");
        let out = svg.finish();
        assert!(out.contains("<title>a &lt;b&gt; &amp; &quot;c&quot;</title>"));
        assert!(out.contains(">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</text>"));
        assert!(!out.contains("<script"));
        assert_eq!(escape("a\u{1}b"), "a\u{FFFD}b");
    }
}
