//! The diagram: an SVG of networks, nodes with their NICs and EVS, shared disks and the tray of groups
//! that run nowhere. Pointer events with pointer capture drive the drag state machine; the wheel and the
//! zoom buttons zoom; every element has its name as its accessible name and a keyboard path.

use web_sys::{KeyboardEvent, PointerEvent, SvgsvgElement, WheelEvent};
use yew::prelude::*;

use clusterplan_core::cluster::Event as ClusterEvent;
use clusterplan_core::cluster::model::NetworkRole;
use clusterplan_core::cluster::report::NodeState;

use super::{PanelProps, apply, toggle_label};
use crate::cluster::drag::{Drag, DragEnd, Grab};
use crate::cluster::layout::{ChipShape, Diagram, DiskShape, NODE_HEIGHT, NODE_WIDTH, NetworkShape, NodeShape};
use crate::cluster::state::{Action, ClusterAction, Selection};
use crate::shell::geometry::{Point, Rect, ViewBox, tenths};
use crate::shell::pointer::{Held, Pressable, client_point, to_world, use_press};
use crate::shell::toggle::{activates, toggle};

const TOGGLE_WIDTH: f64 = 54.0;

/// What a press keeps: the view when it started (panning moves it) and, for a group, which nodes the engine
/// lets it move to, and why not.
#[derive(Clone, PartialEq)]
struct Kept {
    view: ViewBox,
    verdicts: Vec<(String, Result<(), String>)>,
}

/// What a press on the diagram reports: what was grabbed, the grabbed node's corner, the event.
type PressStart = (Grab, Point, PointerEvent);

/// An EVS chip, on its node or in the tray; `at` draws a ghost following the pointer instead.
fn chip_view(
    chip: &ChipShape,
    selected: bool,
    at: Option<Point>,
    on_press: &Callback<PressStart>,
    dispatch: &Callback<Action>,
) -> Html {
    let rect = match at {
        Some(p) => {
            Rect::new(p.x - chip.rect.width / 2.0, p.y - chip.rect.height / 2.0, chip.rect.width, chip.rect.height)
        }
        None => chip.rect,
    };
    let onpointerdown = {
        let on_press = on_press.clone();
        let group = chip.group.clone();
        Callback::from(move |event: PointerEvent| {
            event.stop_propagation();
            on_press.emit((Grab::Group(group.clone()), Point::default(), event))
        })
    };
    let onkeydown = {
        let dispatch = dispatch.clone();
        let group = chip.group.clone();
        Callback::from(move |event: KeyboardEvent| {
            event.stop_propagation();
            if activates(&event) {
                event.prevent_default();
                dispatch.emit(Action::Select(Selection::Group(group.clone())));
            }
        })
    };
    let ghost = at.is_some();
    html! {
        <g key={chip.group.clone()} class={classes!("chip", chip.state, selected.then_some("selected"), ghost.then_some("ghost"))}
           // Named by what it shows (its group and state), as people who speak commands read it.
           data-group={chip.group.clone()} aria-label={(!ghost).then(|| format!("{} {}", chip.group, chip.state))}
           role={(!ghost).then_some("button")}
           tabindex={(!ghost).then_some("0")} {onpointerdown} {onkeydown}>
            { chip_body(chip, rect) }
        </g>
    }
}

/// What a chip shows at `rect`: its box, the group's name and state, and its resources' states when they
/// tell more.
pub fn chip_body(chip: &ChipShape, rect: Rect) -> Html {
    html! {
        <>
            <rect x={tenths(rect.x)} y={tenths(rect.y)} width={tenths(rect.width)} height={tenths(rect.height)} rx="6" />
            <text x={tenths(rect.x + 10.0)} y={tenths(rect.y + 17.0)}>{ chip.group.clone() }</text>
            // A space first: the accessible name reads the texts one after the other ("EVS1 online"); the
            // drawing drops it.
            <text class="chip-state" x={tenths(rect.right() - 10.0)} y={tenths(rect.y + 17.0)}>{ " " }{ chip.state }</text>
            { for chip.resources.iter().enumerate().map(|(i, (name, state))| html! {
                <circle class={classes!("res", *state)} cx={tenths(rect.x + 10.0 + i as f64 * 7.0)} cy={tenths(rect.y + 22.5)} r="2.5">
                    <title>{ name.clone() }{ ": " }{ *state }</title>
                </circle>
            }) }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct NodeProps {
    shape: NodeShape,
    /// What its fail/restore control does.
    toggle: Action,
    selected: bool,
    /// The selected group, when it is one of this node's.
    selected_group: Option<String>,
    /// While an EVS is dragged: whether it may be dropped here, and why not.
    drop: Option<Result<(), String>>,
    dispatch: Callback<Action>,
    on_press: Callback<PressStart>,
}

/// A node with its NICs and EVS; re-renders only when these change.
#[component]
fn NodeView(props: &NodeProps) -> Html {
    let node = &props.shape;
    let r = node.rect;
    let up = !node.failed;
    let onpointerdown = {
        let on_press = props.on_press.clone();
        let name = node.name.clone();
        Callback::from(move |event: PointerEvent| {
            on_press.emit((Grab::Node(name.clone()), Point::new(r.x, r.y), event))
        })
    };
    // Arrow keys move a focused node (the keyboard path to arranging the diagram); Enter selects it.
    let onkeydown = {
        let dispatch = props.dispatch.clone();
        let name = node.name.clone();
        Callback::from(move |event: KeyboardEvent| {
            let step = if event.shift_key() { 50.0 } else { 10.0 };
            let delta = match event.key().as_str() {
                "ArrowLeft" => Point::new(-step, 0.0),
                "ArrowRight" => Point::new(step, 0.0),
                "ArrowUp" => Point::new(0.0, -step),
                "ArrowDown" => Point::new(0.0, step),
                "Enter" | " " => {
                    event.prevent_default();
                    dispatch.emit(Action::Select(Selection::Node(name.clone())));
                    return;
                }
                _ => return,
            };
            event.prevent_default();
            dispatch.emit(Action::Family(ClusterAction::PlaceNode(name.clone(), Point::new(r.x, r.y).plus(delta))));
        })
    };
    let drop_class = props.drop.as_ref().map(|verdict| if verdict.is_ok() { "drop-ok" } else { "drop-no" });
    let title = props.drop.as_ref().and_then(|verdict| verdict.as_ref().err().cloned());
    let nics = node.nics.iter().map(|nic| {
        html! {
            <line class={classes!("nic", (!nic.up).then_some("down"))}
                x1={tenths(nic.from.x)} y1={tenths(nic.from.y)} x2={tenths(nic.to.x)} y2={tenths(nic.to.y)} />
        }
    });
    html! {
        <g class={classes!("node", node.state, props.selected.then_some("selected"), drop_class)}
           aria-label={node.name.clone()} role="group" tabindex="0" {onpointerdown} {onkeydown}>
            // The lines and the chips in groups of their own: a list beside fixed children that changes length
            // (a chip leaves a failed node) has Yew move the siblings, and the focused control loses focus.
            <g class="nics">{ for nics }</g>
            <rect class="box" x={tenths(r.x)} y={tenths(r.y)} width={tenths(NODE_WIDTH)} height={tenths(NODE_HEIGHT)} rx="8" />
            <text class="name" x={tenths(r.x + 12.0)} y={tenths(r.y + 24.0)}>{ node.name.clone() }</text>
            <text class="state" x={tenths(r.x + 12.0)} y={tenths(r.bottom() - 10.0)}>
                { node.label }
            </text>
            // An evicted node is no longer the cluster's: nothing to fail or restore.
            if node.state != NodeState::Evicted.word() {
                { toggle(Point::new(r.right() - 62.0, r.y + 8.0), TOGGLE_WIDTH, None, up, toggle_label(up, &node.name), props.toggle.clone(), &props.dispatch) }
            }
            <g class="chips">
                { for node.groups.iter().map(|c| chip_view(c, props.selected_group.as_deref() == Some(c.group.as_str()), None, &props.on_press, &props.dispatch)) }
            </g>
            { for title.map(|t| html! { <title>{ t }</title> }) }
        </g>
    }
}

#[derive(Properties, PartialEq)]
struct DiskProps {
    shape: DiskShape,
    toggle: Action,
    selected: bool,
    dispatch: Callback<Action>,
}

/// A shared disk and the line to its owner.
#[component]
fn DiskView(props: &DiskProps) -> Html {
    let disk = &props.shape;
    let r = disk.rect;
    let select = {
        let name = disk.name.clone();
        props.dispatch.reform(move |_: MouseEvent| Action::Select(Selection::Disk(name.clone())))
    };
    html! {
        <g class={classes!("disk", (!disk.ok).then_some("down"), disk.quorum.then_some("quorum"), props.selected.then_some("selected"))}
           aria-label={disk.name.clone()} role="group">
            { for disk.owner_line.map(|(from, to)| html! {
                <line class="owner" x1={tenths(from.x)} y1={tenths(from.y)} x2={tenths(to.x)} y2={tenths(to.y)} />
            }) }
            <rect class="box" x={tenths(r.x)} y={tenths(r.y)} width={tenths(r.width)} height={tenths(r.height)} rx="10" onclick={select} />
            <text x={tenths(r.x + 8.0)} y={tenths(r.y + 18.0)}>{ disk.name.clone() }</text>
            <text class="state" x={tenths(r.x + 8.0)} y={tenths(r.y + 35.0)}>
                { if disk.quorum { "quorum" } else if disk.ok { "" } else { "failed" } }
            </text>
            { toggle(Point::new(r.x + (r.width - TOGGLE_WIDTH) / 2.0, r.bottom() + 4.0), TOGGLE_WIDTH, None, disk.ok,
                toggle_label(disk.ok, &format!("disk {}", disk.name)), props.toggle.clone(), &props.dispatch) }
        </g>
    }
}

#[derive(Properties, PartialEq)]
struct NetworkProps {
    shape: NetworkShape,
    toggle: Action,
    selected: bool,
    dispatch: Callback<Action>,
}

/// A network line with its label and fail/restore control.
#[component]
fn NetworkView(props: &NetworkProps) -> Html {
    let network = &props.shape;
    let select = {
        let name = network.name.clone();
        props.dispatch.reform(move |_: MouseEvent| Action::Select(Selection::Network(name.clone())))
    };
    let label = toggle_label(network.up, &format!("network {}", network.name));
    html! {
        <g class={classes!("network", network.role, (!network.up).then_some("down"), props.selected.then_some("selected"))}
           aria-label={network.name.clone()} role="group">
            <line x1={tenths(network.x1)} y1={tenths(network.y)} x2={tenths(network.x2)} y2={tenths(network.y)} />
            <text class="label" x={tenths(network.x1 + 26.0)} y={tenths(network.y - 6.0)} onclick={select}>
                { format!("{} ({})", network.name, network.role) }
            </text>
            { toggle(Point::new(network.x2 + 6.0, network.y - 10.0), TOGGLE_WIDTH, None, network.up, label, props.toggle.clone(), &props.dispatch) }
        </g>
    }
}

#[component]
pub fn Canvas(props: &PanelProps) -> Html {
    let state = &props.state;
    let dispatch = props.dispatch.clone();
    let svg_ref = use_node_ref();
    // The press handler is made once, so the node, disk and network views keep equal props and skip
    // rendering when nothing of theirs changed; it reads the latest state through this cell.
    let latest = use_mut_ref(|| state.clone());
    *latest.borrow_mut() = state.clone();

    let released = {
        let (dispatch, state) = (dispatch.clone(), state.clone());
        Callback::from(move |held: Held<Grab, Kept>| {
            let drag = Drag { press: held.press, view: held.extra.view };
            let moving = drag.node_corner().map(|(name, at)| (name.to_string(), at));
            let diagram = Diagram::new(
                &state.saved.scenario,
                &state.moment(),
                moving.as_ref().map(|(name, at)| (name.as_str(), *at)),
            );
            let drop_node = diagram.node_at(drag.current).map(str::to_string);
            match drag.finish(drop_node.as_deref()) {
                DragEnd::Click(Grab::Node(name)) => dispatch.emit(Action::Select(Selection::Node(name))),
                DragEnd::Click(Grab::Group(name)) => dispatch.emit(Action::Select(Selection::Group(name))),
                DragEnd::Click(Grab::Background) => dispatch.emit(Action::Select(Selection::Cluster)),
                DragEnd::PlaceNode { node, at } => dispatch.emit(Action::Family(ClusterAction::PlaceNode(node, at))),
                DragEnd::MoveGroup { group, node } => {
                    let owner = state.moment().groups.iter().find(|g| g.name == group).and_then(|g| g.owner.clone());
                    let design = &state.analysis.design;
                    if owner.as_deref() != Some(node.as_str())
                        && let (Some(group), Some(node)) = (design.group_id(&group), design.node_id(&node))
                    {
                        dispatch.emit(apply(&state, ClusterEvent::Move(group, node)));
                    }
                }
                DragEnd::Panned(view) => dispatch.emit(Action::Family(ClusterAction::SetView(view))),
                DragEnd::Nothing => {}
            }
        })
    };
    let Pressable { held, start, onpointermove, onpointerup, onpointercancel } =
        use_press(svg_ref.clone(), true, released);
    let drag = held.as_ref().map(|h| Drag { press: h.press.clone(), view: h.extra.view });

    let moving = drag.as_ref().and_then(|d| d.node_corner()).map(|(name, at)| (name.to_string(), at));
    let diagram =
        Diagram::new(&state.saved.scenario, &state.moment(), moving.as_ref().map(|(name, at)| (name.as_str(), *at)));
    let view = drag.as_ref().and_then(|d| d.panned_view()).unwrap_or(state.own.view);

    let on_press = {
        use_callback((), move |(grab, corner, event): PressStart, _| {
            let state = latest.borrow().clone();
            let verdicts = match &grab {
                Grab::Group(group) => state.move_verdicts(group),
                _ => Vec::new(),
            };
            start.emit((grab, Some(corner), event, Kept { view: state.own.view, verdicts }));
        })
    };

    let onwheel = {
        let svg_ref = svg_ref.clone();
        let dispatch = dispatch.clone();
        let view = state.own.view;
        move |event: WheelEvent| {
            let Some(svg) = svg_ref.cast::<SvgsvgElement>() else { return };
            let Some(to_world) = to_world(&svg) else { return };
            event.prevent_default();
            let at = to_world.apply(client_point(&event));
            dispatch.emit(Action::Family(ClusterAction::SetView(view.zoom_at(at, (-event.delta_y() * 0.0015).exp()))));
        }
    };
    let zoom = |factor: f64| {
        let dispatch = dispatch.clone();
        let view = state.own.view;
        Callback::from(move |_| {
            let center = Point::new(view.x + view.width / 2.0, view.y + view.height / 2.0);
            dispatch.emit(Action::Family(ClusterAction::SetView(view.zoom_at(center, factor))));
        })
    };
    let fit = {
        let dispatch = dispatch.clone();
        let bounds = diagram.bounds;
        Callback::from(move |_| dispatch.emit(Action::Family(ClusterAction::SetView(ViewBox::around(bounds, 30.0)))))
    };

    let background = {
        let on_press = on_press.clone();
        Callback::from(move |event: PointerEvent| on_press.emit((Grab::Background, Point::default(), event)))
    };

    let dragging_group = held.as_ref().filter(|h| h.press.travelled).and_then(|h| match &h.press.grab {
        Grab::Group(group) => Some((group.clone(), h.press.current, h.extra.verdicts.clone())),
        _ => None,
    });
    let selection = state.selection.clone();
    let selected_group = match &selection {
        Selection::Group(group) => Some(group.clone()),
        _ => None,
    };
    let networks = diagram.networks.iter().map(|network| {
        let selected = selection == Selection::Network(network.name.clone());
        let toggle = apply(state, ClusterEvent::toggle_network(network.id, network.up));
        html! { <NetworkView key={network.name.clone()} shape={network.clone()} {toggle} {selected} dispatch={dispatch.clone()} /> }
    });
    let nodes = diagram.nodes.iter().map(|node| {
        let drop = dragging_group
            .as_ref()
            .and_then(|(_, _, verdicts)| verdicts.iter().find(|(n, _)| *n == node.name))
            .map(|(_, verdict)| verdict.clone());
        let mine = selected_group.clone().filter(|g| node.groups.iter().any(|c| &c.group == g));
        html! {
            <NodeView key={node.name.clone()} shape={node.clone()} toggle={apply(state, ClusterEvent::toggle_node(node.id, !node.failed))}
                selected={selection == Selection::Node(node.name.clone())}
                selected_group={mine} {drop} dispatch={dispatch.clone()} on_press={on_press.clone()} />
        }
    });
    let disks = diagram.disks.iter().map(|disk| {
        let selected = selection == Selection::Disk(disk.name.clone());
        let toggle = apply(state, ClusterEvent::toggle_disk(disk.id, disk.ok));
        html! { <DiskView key={disk.name.clone()} shape={disk.clone()} {toggle} {selected} dispatch={dispatch.clone()} /> }
    });
    let chip = |c: &ChipShape, at: Option<Point>| {
        chip_view(c, selected_group.as_deref() == Some(c.group.as_str()), at, &on_press, &dispatch)
    };

    let client_tier = diagram.client_tier.iter().map(|f| {
        let event = match (f.id, f.up) {
            (Some(id), true) => ClusterEvent::FailFrontEnd(id),
            (Some(id), false) => ClusterEvent::RestoreFrontEnd(id),
            (None, true) => ClusterEvent::FailNlb,
            (None, false) => ClusterEvent::RestoreNlb,
        };
        let r = f.rect;
        html! {
            <g class={classes!("front-end", (!f.up).then_some("down"))} data-front-end={f.label.clone()}
               transform={format!("translate({} {})", tenths(r.x), tenths(r.y))}>
                <rect class="box" width={tenths(r.width)} height={tenths(r.height)} rx="4" />
                <text class="name" x="8" y="15">{ f.name.clone() }</text>
                <text class="detail" x="8" y="29">{ format!("{} · {}", if f.id.is_some() { "front-end" } else { "virtual IP" }, if f.up { "up" } else { "down" }) }</text>
                { toggle(Point::new(r.width - 62.0, 8.0), TOGGLE_WIDTH, None, f.up, toggle_label(f.up, &f.label), apply(state, event), &dispatch) }
            </g>
        }
    });
    let quorum = &state.moment().quorum;
    let quorum_badge = html! {
        <text class={classes!("quorum-badge", (!quorum.held).then_some("lost"))} x={tenths(diagram.bounds.x)} y="12">
            { if quorum.held { format!("Quorum held: {}", quorum.reason) } else { format!("Quorum lost: {}: every group is offline", quorum.reason) } }
        </text>
    };
    let tray = diagram.tray;
    let ghost = dragging_group.as_ref().and_then(|(group, at, _)| diagram.chip(group).map(|c| chip(c, Some(*at))));

    html! {
        <section id="diagram" tabindex="-1" class="canvas" aria-label="Cluster diagram">
            // Always there, whatever is selected.
            <div class="add" role="toolbar" aria-label="Add to the design">
                <button onclick={dispatch.reform(|_| Action::Family(ClusterAction::AddNode))}>{ "Add node" }</button>
                <button onclick={dispatch.reform(|_| Action::Family(ClusterAction::AddGroup))}>{ "Add EVS" }</button>
                <button onclick={dispatch.reform(|_| Action::Family(ClusterAction::AddDisk))}>{ "Add disk" }</button>
                <button onclick={dispatch.reform(|_| Action::Family(ClusterAction::AddNetwork(NetworkRole::Private)))}>{ "Add network" }</button>
            </div>
            <div class="zoom" role="toolbar" aria-label="Zoom">
                <button onclick={zoom(1.25)} aria-label="Zoom in">{ "+" }</button>
                <button onclick={zoom(0.8)} aria-label="Zoom out">{ "−" }</button>
                <button onclick={fit} aria-label="Fit the diagram">{ "Fit" }</button>
            </div>
            <svg ref={svg_ref} class={classes!(held.is_some().then_some("pressing"))} viewBox={view.attribute()}
                 role="application" aria-label="Cluster diagram: drag nodes to arrange them, drag an EVS onto another node to move it"
                 {onpointermove} {onpointerup} {onpointercancel} {onwheel}>
                <rect class="background" x={tenths(view.x - 5000.0)} y={tenths(view.y - 5000.0)}
                      width={tenths(view.width + 10000.0)} height={tenths(view.height + 10000.0)}
                      onpointerdown={background} />
                { quorum_badge }
                <g class="client-tier" aria-label="Client tier: Internet clients come in through here" role="group">{ for client_tier }</g>
                { for networks }
                { for disks }
                { for nodes }
                <g class="tray" aria-label="Groups that run nowhere" role="group">
                    <rect x={tenths(tray.x)} y={tenths(tray.y)} width={tenths(tray.width)} height={tenths(tray.height)} rx="8" />
                    <text x={tenths(tray.x + 10.0)} y={tenths(tray.y + 16.0)}>{ "Not running" }</text>
                    { for diagram.stranded.iter().map(|c| chip(c, None)) }
                </g>
                { for ghost }
            </svg>
        </section>
    }
}
