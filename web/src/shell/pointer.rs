//! Pointers at the edge of the page: where an event happened on the screen, the matrix that maps an SVG's
//! world to the screen (`getScreenCTM()`), and the element under a point. Everything else about a drag is
//! plain Rust ([`super::drag`]).

use web_sys::{MouseEvent, SvgsvgElement};

use super::geometry::{Affine, Point};

/// Where a pointer or mouse event happened, in client (screen) coordinates.
pub fn client_point(event: &MouseEvent) -> Point {
    Point::new(event.client_x() as f64, event.client_y() as f64)
}

/// The screen-to-world matrix of an svg: the inverse of `getScreenCTM()`, when it has one.
pub fn to_world(svg: &SvgsvgElement) -> Option<Affine> {
    let m = svg.get_screen_ctm()?;
    Affine { a: m.a() as f64, b: m.b() as f64, c: m.c() as f64, d: m.d() as f64, e: m.e() as f64, f: m.f() as f64 }
        .inverse()
}

/// The element under a client point that carries `attribute`, if any (the pointer may be captured
/// elsewhere: hit testing ignores capture).
pub fn element_with(point: Point, attribute: &str) -> Option<web_sys::Element> {
    gloo::utils::document()
        .element_from_point(point.x as f32, point.y as f32)?
        .closest(&format!("[{attribute}]"))
        .ok()
        .flatten()
}
