//! The interactive diagrams' geometry: the SVG screen matrix and the view box, with screen-to-world
//! conversion, zoom about a point and pan (points and rectangles are core's). No DOM here, so it is tested
//! natively.

pub use clusterplan_core::geometry::{Point, Rect, tenths};

/// A 2-D affine map as SVG writes it: x' = a·x + c·y + e, y' = b·x + d·y + f. `getScreenCTM()` gives the
/// world-to-screen one; its inverse takes a pointer's client position to the diagram.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Affine {
    pub a: f64,
    pub b: f64,
    pub c: f64,
    pub d: f64,
    pub e: f64,
    pub f: f64,
}

impl Affine {
    pub const IDENTITY: Affine = Affine { a: 1.0, b: 0.0, c: 0.0, d: 1.0, e: 0.0, f: 0.0 };

    pub fn apply(&self, p: Point) -> Point {
        Point::new(self.a * p.x + self.c * p.y + self.e, self.b * p.x + self.d * p.y + self.f)
    }

    /// The inverse map; `None` when the map squashes the plane (a zero determinant).
    pub fn inverse(&self) -> Option<Affine> {
        let det = self.a * self.d - self.b * self.c;
        if det.abs() < 1e-12 || !det.is_finite() {
            return None;
        }
        Some(Affine {
            a: self.d / det,
            b: -self.b / det,
            c: -self.c / det,
            d: self.a / det,
            e: (self.c * self.f - self.d * self.e) / det,
            f: (self.b * self.e - self.a * self.f) / det,
        })
    }
}

/// The part of the world the canvas shows (the SVG `viewBox`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ViewBox {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// How far in and out the view may zoom, relative to the default 1200-unit-wide view.
pub const MIN_WIDTH: f64 = 150.0;
pub const MAX_WIDTH: f64 = 9600.0;

impl Default for ViewBox {
    fn default() -> ViewBox {
        ViewBox { x: 0.0, y: 0.0, width: 1200.0, height: 700.0 }
    }
}

impl ViewBox {
    /// The `viewBox` attribute.
    pub fn attribute(&self) -> String {
        format!("{} {} {} {}", tenths(self.x), tenths(self.y), tenths(self.width), tenths(self.height))
    }

    /// Zooms by `factor` (above 1 zooms in) keeping the world point `at` where it is on screen;
    /// the width stays within [MIN_WIDTH, MAX_WIDTH].
    pub fn zoom_at(&self, at: Point, factor: f64) -> ViewBox {
        if !factor.is_finite() || factor <= 0.0 {
            return *self;
        }
        let width = (self.width / factor).clamp(MIN_WIDTH, MAX_WIDTH);
        let scale = self.width / width;
        let height = self.height / scale;
        ViewBox { x: at.x - (at.x - self.x) / scale, y: at.y - (at.y - self.y) / scale, width, height }
    }

    /// Moves the view so that world content shifts by `delta` (dragging the background by `delta`).
    pub fn pan(&self, delta: Point) -> ViewBox {
        ViewBox { x: self.x - delta.x, y: self.y - delta.y, ..*self }
    }

    /// A view of `content` and a margin round it, in the content's own proportions (at least
    /// MIN_WIDTH wide). The svg scales its view into its box keeping proportions (xMidYMid meet, the
    /// default), so the diagram fills whichever side of the canvas limits it: a wide diagram fills a wide
    /// canvas instead of being shrunk to the height of a 12 : 7 view.
    pub fn around(content: Rect, margin: f64) -> ViewBox {
        let width = (content.width + 2.0 * margin).max(MIN_WIDTH);
        let height = content.height + 2.0 * margin;
        let center = content.center();
        ViewBox { x: center.x - width / 2.0, y: center.y - height / 2.0, width, height }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Point, b: Point) -> bool {
        a.distance(b) < 1e-9
    }

    #[test]
    fn screen_to_world_inverts_the_screen_matrix() {
        // A view zoomed 2x, panned, and the svg placed at (30, 40) on the page.
        let ctm = Affine { a: 2.0, b: 0.0, c: 0.0, d: 2.0, e: 30.0 - 2.0 * 100.0, f: 40.0 - 2.0 * 50.0 };
        let world = Point::new(150.0, 80.0);
        let client = ctm.apply(world);
        assert_eq!(client, Point::new(130.0, 100.0));
        assert!(close(ctm.inverse().unwrap().apply(client), world));
        let rotated = Affine { a: 0.0, b: 1.0, c: -1.0, d: 0.0, e: 5.0, f: 7.0 };
        assert!(close(rotated.inverse().unwrap().apply(rotated.apply(world)), world));
        assert_eq!(Affine { a: 0.0, b: 0.0, c: 0.0, d: 0.0, e: 1.0, f: 1.0 }.inverse(), None);
    }

    #[test]
    fn zoom_keeps_the_point_under_the_pointer() {
        let view = ViewBox::default();
        let at = Point::new(300.0, 200.0);
        let zoomed = view.zoom_at(at, 2.0);
        assert_eq!(zoomed.width, 600.0);
        // `at` sits at the same fraction of the view before and after.
        let fraction = |v: &ViewBox| Point::new((at.x - v.x) / v.width, (at.y - v.y) / v.height);
        assert!(close(fraction(&view), fraction(&zoomed)));
        assert_eq!(view.zoom_at(at, 1000.0).width, MIN_WIDTH, "zoom in stops");
        assert_eq!(view.zoom_at(at, 0.0001).width, MAX_WIDTH, "zoom out stops");
        assert_eq!(view.zoom_at(at, f64::NAN), view);
    }

    #[test]
    fn pan_and_fit() {
        let view = ViewBox::default();
        let panned = view.pan(Point::new(10.0, -5.0));
        assert_eq!((panned.x, panned.y), (-10.0, 5.0));
        let fitted = ViewBox::around(Rect::new(0.0, 0.0, 2000.0, 300.0), 50.0);
        assert_eq!((fitted.width, fitted.height), (2100.0, 400.0), "the content's own proportions");
        assert!(close(
            Point::new(fitted.x + fitted.width / 2.0, fitted.y + fitted.height / 2.0),
            Point::new(1000.0, 150.0)
        ));
        assert_eq!(
            ViewBox::around(Rect::new(0.0, 0.0, 20.0, 10.0), 5.0).width,
            MIN_WIDTH,
            "never closer than zoom allows"
        );
    }

    #[test]
    fn the_view_box_as_text() {
        assert_eq!(ViewBox { x: -10.0, y: 0.25, width: 1200.0, height: 700.0 }.attribute(), "-10.0 0.3 1200.0 700.0");
    }
}
