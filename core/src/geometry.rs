//! Plain geometry for the diagrams both families draw: points, rectangles and numbers as the SVG text
//! writes them. Shared by the layouts (where everything is drawn), the static drawings of the report and
//! the app's interactive diagrams.

/// A point in world (diagram) or screen coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    pub fn new(x: f64, y: f64) -> Point {
        Point { x, y }
    }

    pub fn minus(self, other: Point) -> Point {
        Point::new(self.x - other.x, self.y - other.y)
    }

    pub fn plus(self, other: Point) -> Point {
        Point::new(self.x + other.x, self.y + other.y)
    }

    pub fn distance(self, other: Point) -> f64 {
        let d = self.minus(other);
        (d.x * d.x + d.y * d.y).sqrt()
    }
}

/// An axis-aligned rectangle.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    pub fn new(x: f64, y: f64, width: f64, height: f64) -> Rect {
        Rect { x, y, width, height }
    }

    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.x && p.x <= self.x + self.width && p.y >= self.y && p.y <= self.y + self.height
    }

    pub fn center(&self) -> Point {
        Point::new(self.x + self.width / 2.0, self.y + self.height / 2.0)
    }

    pub fn right(&self) -> f64 {
        self.x + self.width
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.height
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, other: &Rect) -> Rect {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        Rect::new(x, y, self.right().max(other.right()) - x, self.bottom().max(other.bottom()) - y)
    }
}

/// A number rounded to tenths, as text. Done with integers: fixed-precision float formatting would add
/// its own code to the app for four numbers.
pub fn tenths(value: f64) -> String {
    let scaled = (value * 10.0).round() as i64;
    let sign = if scaled < 0 { "-" } else { "" };
    format!("{sign}{}.{}", scaled.abs() / 10, scaled.abs() % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_text() {
        assert_eq!(tenths(12.34), "12.3");
        assert_eq!(tenths(-0.06), "-0.1");
        assert_eq!(tenths(5.0), "5.0");
    }

    #[test]
    fn rectangles() {
        let r = Rect::new(10.0, 10.0, 100.0, 50.0);
        assert!(r.contains(Point::new(10.0, 60.0)) && !r.contains(Point::new(111.0, 20.0)));
        assert_eq!(r.union(&Rect::new(0.0, 20.0, 20.0, 100.0)), Rect::new(0.0, 10.0, 110.0, 110.0));
    }
}
