//! Pointers at the edge of the page: where an event happened on the screen, the matrix that maps an SVG's
//! world to the screen (`getScreenCTM()`), the element under a point, and the press hook every dragged
//! element uses (pointer capture on a `NodeRef`). What a press means is plain Rust ([`super::drag`]).

use wasm_bindgen::JsCast;
use web_sys::{MouseEvent, PointerEvent, SvgsvgElement};
use yew::prelude::*;

use super::drag::Press;
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

/// A press held on an element: the press, the matrix that maps its pointer to the element's world (fixed
/// while it lasts, so panning does not move it), and what the caller keeps with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Held<G, T> {
    pub press: Press<G>,
    pub to_world: Affine,
    pub extra: T,
}

/// What a press starts with: what was grabbed, its corner in the world (when it matters), the event, and
/// what to keep with the press.
pub type PressStart<G, T> = (G, Option<Point>, PointerEvent, T);

/// What a pressable element needs: the press under way (to draw it) and its pointer handlers.
pub struct Pressable<G, T> {
    pub held: Option<Held<G, T>>,
    pub start: Callback<PressStart<G, T>>,
    pub onpointermove: Callback<PointerEvent>,
    pub onpointerup: Callback<PointerEvent>,
    pub onpointercancel: Callback<PointerEvent>,
}

/// Presses on the element behind `target`, which captures the pointer until it is released: in the
/// world of an svg (`svg`) or in client coordinates. `released` gets a press that ended (not cancelled),
/// at its last position; the latest `released` given is the one called.
#[hook]
pub fn use_press<G, T>(target: NodeRef, svg: bool, released: Callback<Held<G, T>>) -> Pressable<G, T>
where
    G: Clone + PartialEq + 'static,
    T: Clone + PartialEq + 'static,
{
    let held = use_state(|| None::<Held<G, T>>);
    let latest = use_mut_ref(|| released.clone());
    *latest.borrow_mut() = released;
    let start = {
        let (held, target) = (held.clone(), target.clone());
        use_callback((), move |(grab, corner, event, extra): PressStart<G, T>, _| {
            if event.button() != 0 {
                return;
            }
            let Some(element) = target.cast::<web_sys::Element>() else { return };
            let to_world =
                if svg { element.dyn_ref::<SvgsvgElement>().and_then(to_world) } else { Some(Affine::IDENTITY) };
            let Some(to_world) = to_world else { return };
            if svg {
                event.prevent_default();
            }
            let _ = element.set_pointer_capture(event.pointer_id());
            let at = to_world.apply(client_point(&event));
            let press = Press::start(grab, event.pointer_id(), at, corner.unwrap_or(at));
            held.set(Some(Held { press, to_world, extra }));
        })
    };
    let onpointermove = {
        let held = held.clone();
        Callback::from(move |event: PointerEvent| {
            let Some(current) = (*held).clone() else { return };
            let mut next = current.clone();
            next.press.move_to(event.pointer_id(), next.to_world.apply(client_point(&event)));
            if next != current {
                held.set(Some(next));
            }
        })
    };
    let end = {
        let held = held.clone();
        move |event: PointerEvent, cancelled: bool| {
            let Some(mut current) = (*held).clone() else { return };
            if current.press.pointer != event.pointer_id() {
                return;
            }
            held.set(None);
            if let Some(element) = target.cast::<web_sys::Element>() {
                let _ = element.release_pointer_capture(event.pointer_id());
            }
            if !cancelled {
                current.press.move_to(event.pointer_id(), current.to_world.apply(client_point(&event)));
                latest.borrow().emit(current);
            }
        }
    };
    let onpointerup = {
        let end = end.clone();
        Callback::from(move |event: PointerEvent| end(event, false))
    };
    let onpointercancel = Callback::from(move |event: PointerEvent| end(event, true));
    Pressable { held: (*held).clone(), start, onpointermove, onpointerup, onpointercancel }
}
