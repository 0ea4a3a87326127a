//! The topology: the sites side by side as regions with the namespace's addresses, their servers and witnesses, the WAN links as arcs
//! above them, each with its fail/restore control. A server is dragged to another site with the shared
//! press hook (the svg captures the pointer); the site under the pointer comes from the pure layout.

use clusterplan_core::dag::Event;
use web_sys::PointerEvent;
use yew::prelude::*;

use super::{PanelProps, apply};
use crate::dag::drag::{Grab, Target, finish};
use crate::dag::layout::{
    BOX_CONTROL_Y, BOX_DETAIL_Y, BOX_NAME_Y, ServerShape, SiteShape, Topology as Layout, VipShape, WanShape,
    WitnessShape,
};
use crate::dag::state::{Action, Selection};
use crate::shell::geometry::{Point, Rect, tenths};
use crate::shell::pointer::{Held, Pressable, use_press};
use crate::shell::toggle::{on_activate, toggle, toggle_label};

/// The width of a fail/restore control.
const TOGGLE_WIDTH: f64 = 58.0;

/// Where a box's fail/restore control goes: on its name's row, at its right, clear of the detail below.
fn control_at(r: Rect) -> Point {
    Point::new(r.width - TOGGLE_WIDTH - 6.0, BOX_CONTROL_Y)
}

/// A server's box: its name and state, a grip to drag or select it, and its fail/restore control.
fn server_view(props: &PanelProps, server: &ServerShape, on_press: &Callback<(Grab, PointerEvent)>) -> Html {
    let state = &props.state;
    let selected = state.selection == Selection::Server(server.name.clone());
    let onpointerdown = {
        let grab = Grab::Server(server.name.clone());
        on_press.reform(move |event: PointerEvent| (grab.clone(), event))
    };
    let event = apply(state, Event::toggle_server(server.id, !server.failed));
    let r = server.rect;
    html! {
        <g class={classes!("server", server.state, selected.then_some("selected"))} data-server={server.name.clone()}
            transform={format!("translate({} {})", tenths(r.x), tenths(r.y))}>
            <g class="grip" {onpointerdown} tabindex="0" role="button" aria-label={format!("{} {}", server.name, server.detail)}
                onkeydown={on_activate(&props.dispatch, Action::Select(Selection::Server(server.name.clone())))}>
                <rect class="box" width={tenths(r.width)} height={tenths(r.height)} rx="6" />
                <text class="name" x="10" y={tenths(BOX_NAME_Y)}>{ server.name.clone() }</text>
                // A space first: the accessible name reads the texts one after the other.
                <text class="detail" x="10" y={tenths(BOX_DETAIL_Y)}>{ " " }{ server.detail.clone() }</text>
            </g>
            { toggle(control_at(r), TOGGLE_WIDTH, None, !server.failed, toggle_label(!server.failed, &server.name), event, &props.dispatch) }
        </g>
    }
}

/// A witness's box: whether it is in use and votes; the primary one can fail and be restored.
fn witness_view(props: &PanelProps, witness: &WitnessShape) -> Html {
    let r = witness.rect;
    let control = witness.primary.then(|| {
        let event = apply(&props.state, Event::toggle_witness(!witness.failed));
        let label = toggle_label(!witness.failed, "the witness");
        toggle(control_at(r), TOGGLE_WIDTH, None, !witness.failed, label, event, &props.dispatch)
    });
    html! {
        <g class={classes!("witness", (!witness.up).then_some("down"), witness.in_use.then_some("in-use"))}
            transform={format!("translate({} {})", tenths(r.x), tenths(r.y))}>
            <title>{ witness.server.clone() }</title>
            <rect class="box" width={tenths(r.width)} height={tenths(r.height)} rx="18" />
            <text class="name" x="14" y={tenths(BOX_NAME_Y)}>{ witness.label.clone() }</text>
            <text class="detail" x="14" y={tenths(BOX_DETAIL_Y)}>{ witness.detail.clone() }</text>
            { for control }
        </g>
    }
}

/// An address of the namespace: whether clients use it, and its fail/restore control.
fn vip_view(props: &PanelProps, vip: &VipShape) -> Html {
    let r = vip.rect;
    let event = apply(&props.state, if vip.failed { Event::RestoreVip(vip.id) } else { Event::FailVip(vip.id) });
    let label = toggle_label(!vip.failed, &vip.name);
    html! {
        <g class={classes!("vip", if vip.used { "used" } else { "down" })} data-vip={vip.name.clone()}
            transform={format!("translate({} {})", tenths(r.x), tenths(r.y))}>
            <rect class="box" width={tenths(r.width)} height={tenths(r.height)} rx="4" />
            <text class="name" x="10" y={tenths(BOX_NAME_Y)}>{ vip.name.clone() }</text>
            <text class="detail" x="10" y={tenths(BOX_DETAIL_Y)}>{ vip.detail.clone() }</text>
            { toggle(control_at(r), TOGGLE_WIDTH, None, !vip.failed, label, event, &props.dispatch) }
        </g>
    }
}

/// A site's region with its name, its fail/restore control, its servers and witnesses.
fn site_view(props: &PanelProps, site: &SiteShape, on_press: &Callback<(Grab, PointerEvent)>) -> Html {
    let r = site.region;
    let event = apply(&props.state, Event::toggle_site(site.id, site.up));
    let label = toggle_label(site.up, &format!("site {}", site.name));
    html! {
        <g class={classes!("site", (!site.up).then_some("down"))} data-drop="site" data-site={site.name.clone()}>
            <rect class="region" data-site={site.name.clone()} x={tenths(r.x)} y={tenths(r.y)}
                width={tenths(r.width)} height={tenths(r.height)} rx="10" />
            <text class="site-name" x={tenths(r.x + 12.0)} y={tenths(r.y + 22.0)}>{ site.name.clone() }</text>
            { toggle(Point::new(r.right() - 70.0, r.y + 7.0), TOGGLE_WIDTH, None, site.up, label, event, &props.dispatch) }
            { for site.vips.iter().map(|vip| vip_view(props, vip)) }
            { for site.servers.iter().map(|server| server_view(props, server, on_press)) }
            { for site.witnesses.iter().map(|witness| witness_view(props, witness)) }
        </g>
    }
}

/// A WAN link's fail/restore control, on its arc.
fn wan_control(props: &PanelProps, link: &WanShape) -> Html {
    let [a, b] = &link.names;
    let event = apply(&props.state, Event::toggle_wan(link.sites[0], link.sites[1], link.up));
    // The visible text is the accessible name (people who speak commands say what they see).
    let label = toggle_label(link.up, &format!("WAN {a}-{b}"));
    let at = Point::new(link.middle.x - 65.0, link.middle.y - 10.0);
    let text = format!("{} WAN {a}-{b}", if link.up { "fail" } else { "restore" });
    toggle(at, 130.0, Some(text), link.up, label, event, &props.dispatch)
}

#[component]
pub fn Topology(props: &PanelProps) -> Html {
    let state = &props.state;
    let layout = Layout::new(&state.saved.scenario, &state.moment());
    let svg_ref = use_node_ref();
    let released = {
        let (dispatch, sites) = (props.dispatch.clone(), layout.clone());
        Callback::from(move |held: Held<Grab, ()>| {
            let target = sites.site_at(held.press.current).map(|site| Target::Site(site.to_string()));
            if let Some(action) = finish(held.press, target) {
                dispatch.emit(action);
            }
        })
    };
    let Pressable { held, start, onpointermove, onpointerup, onpointercancel } =
        use_press(svg_ref.clone(), true, released);
    // Made once, so the rows (or boxes) that get it keep equal props and skip rendering when nothing of theirs
    // changed.
    let on_press =
        use_callback(start, |(grab, event): (Grab, PointerEvent), start| start.emit((grab, None, event, ())));

    // The drawing's scale: 1 draws it at its own size (the box scrolls to pan), "Fit" to the box's width.
    // On a narrow screen (the small-screen styles' 900 px) it opens at 1.25: its 20-unit controls measure 25
    // px, over the 24 px a touch target needs (WCAG 2.2, 2.5.8); the box scrolls to pan.
    let zoom = use_state(|| {
        let narrow = gloo::utils::window().inner_width().ok().and_then(|w| w.as_f64()).is_some_and(|w| w < 900.0);
        if narrow { 1.25 } else { 1.0_f64 }
    });
    let section_ref = use_node_ref();
    let zoom_by = |factor: f64| {
        let zoom = zoom.clone();
        Callback::from(move |_: MouseEvent| zoom.set((*zoom * factor).clamp(0.25, 4.0)))
    };
    let fit = {
        let (zoom, section, width) = (zoom.clone(), section_ref.clone(), layout.width);
        Callback::from(move |_: MouseEvent| {
            if let Some(section) = section.cast::<web_sys::Element>() {
                zoom.set((f64::from(section.client_width()) / width).clamp(0.25, 4.0));
            }
        })
    };

    let dragging = held.as_ref().is_some_and(|h| h.press.travelled);
    let arcs = layout.wan.iter().map(|link| {
        html! {
            <path class={classes!("wan", (!link.up).then_some("down"))}
                d={format!("M {} {} C {} {} {} {} {} {}", tenths(link.from_x), tenths(link.base), tenths(link.from_x), tenths(link.control),
                    tenths(link.to_x), tenths(link.control), tenths(link.to_x), tenths(link.base))} />
        }
    });
    html! {
        <section id="topology" tabindex="-1" class="topology" aria-label="Sites, servers and witness" ref={section_ref}>
            <div class="zoom" role="toolbar" aria-label="Zoom">
                <button onclick={zoom_by(1.25)} aria-label="Zoom in">{ "+" }</button>
                <button onclick={zoom_by(0.8)} aria-label="Zoom out">{ "−" }</button>
                <button onclick={fit} aria-label="Fit the diagram">{ "Fit" }</button>
            </div>
            <svg ref={svg_ref} class={classes!(dragging.then_some("dragging"))} viewBox={format!("0 0 {} {}", tenths(layout.width), tenths(layout.height))}
                width={tenths(layout.width * *zoom)} height={tenths(layout.height * *zoom)} {onpointermove} {onpointerup} {onpointercancel}>
                { for arcs }
                { for layout.sites.iter().map(|site| site_view(props, site, &on_press)) }
                { for layout.wan.iter().map(|link| wan_control(props, link)) }
            </svg>
        </section>
    }
}
