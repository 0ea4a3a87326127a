//! The DAG planner's page parts: the header, the topology (sites as regions with their servers, the
//! witness, the WAN links), the databases as rows of copies, and the panels (quorum and partitions, the
//! inspector, the findings). Servers and copies are dragged with the pointer; the drop target is whatever
//! element with `data-drop` lies under the pointer when it is released.

use std::cell::RefCell;
use std::rc::Rc;

use clusterplan_core::dag::model::{ActivationPolicy, ContentIndex, CopyStatus, MountDial};
use clusterplan_core::dag::presets::PRESETS;
use clusterplan_core::finding::Severity;
use gloo::file::callbacks::FileReader;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, PointerEvent};
use yew::prelude::*;

use super::state::{CopySetting, DagAction, DagSelection, DagState, DesignFacts, ServerSetting};
use crate::components::header::{export, file_import, scenario_json, share_url};
use crate::state::{Notice, NoticeKind};
use clusterplan_core::dag::report::DatabaseReport;

/// The state, compared by identity: the reducer makes a new one for every change.
#[derive(Clone)]
pub struct Shared(pub Rc<DagState>);

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct DagProps {
    pub state: Shared,
    pub dispatch: Callback<DagAction>,
}

/// What a pointer is dragging.
#[derive(Debug, Clone, PartialEq)]
enum Dragged {
    Server(String),
    Copy { database: String, server: String },
}

/// A press that becomes a drag once the pointer moves far enough.
#[derive(Debug, Clone)]
struct Press {
    what: Dragged,
    x: i32,
    y: i32,
    moved: bool,
}

/// The element with `data-drop` under a point, and its data.
fn drop_target(x: i32, y: i32) -> Option<web_sys::Element> {
    gloo::utils::document().element_from_point(x as f32, y as f32)?.closest("[data-drop]").ok().flatten()
}

/// Pointer handlers shared by the topology and the databases: press, move (marks the drag), release (drops).
fn drag_handlers(
    press: Rc<RefCell<Option<Press>>>,
    dragging: UseStateHandle<bool>,
    dispatch: Callback<DagAction>,
) -> (Callback<PointerEvent>, Callback<PointerEvent>) {
    let onmove = {
        let press = press.clone();
        let dragging = dragging.clone();
        Callback::from(move |event: PointerEvent| {
            let mut press = press.borrow_mut();
            let Some(p) = press.as_mut() else { return };
            if !p.moved && ((event.client_x() - p.x).abs() + (event.client_y() - p.y).abs()) > 4 {
                p.moved = true;
                dragging.set(true);
            }
        })
    };
    let onup = Callback::from(move |event: PointerEvent| {
        let Some(p) = press.borrow_mut().take() else { return };
        dragging.set(false);
        if !p.moved {
            let selection = match p.what {
                Dragged::Server(server) => DagSelection::Server(server),
                Dragged::Copy { database, server } => DagSelection::Copy { database, server },
            };
            dispatch.emit(DagAction::Select(selection));
            return;
        }
        let Some(target) = drop_target(event.client_x(), event.client_y()) else { return };
        let data = |name: &str| target.get_attribute(name).unwrap_or_default();
        match (p.what, data("data-drop").as_str()) {
            (Dragged::Server(server), "site") => {
                dispatch.emit(DagAction::MoveServer { server, site: data("data-site") })
            }
            (Dragged::Copy { database, server }, "copy") if data("data-database") == database => {
                dispatch.emit(DagAction::MoveCopy { database, from: server, to: data("data-server") })
            }
            (Dragged::Copy { database, .. }, "copy") => dispatch.emit(DagAction::Notify(Notice {
                kind: NoticeKind::Refused,
                text: format!(
                    "A copy of {database} stays in its own row: drop it on another server's cell of {database}."
                ),
            })),
            _ => {}
        }
    });
    (onmove, onup)
}

/// A component's drag: the press under way, whether it has become a drag, and the pointer handlers.
struct Drag {
    press: Rc<RefCell<Option<Press>>>,
    dragging: bool,
    onmove: Callback<PointerEvent>,
    onup: Callback<PointerEvent>,
}

#[hook]
fn use_drag(dispatch: &Callback<DagAction>) -> Drag {
    let press = use_mut_ref(|| None::<Press>);
    let dragging = use_state(|| false);
    let (onmove, onup) = drag_handlers(press.clone(), dragging.clone(), dispatch.clone());
    Drag { press, dragging: *dragging, onmove, onup }
}

fn start_press(press: &Rc<RefCell<Option<Press>>>, what: Dragged) -> Callback<PointerEvent> {
    let press = press.clone();
    Callback::from(move |event: PointerEvent| {
        if event.button() != 0 {
            return;
        }
        if let Some(target) = event.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
            let _ = target.release_pointer_capture(event.pointer_id());
        }
        *press.borrow_mut() =
            Some(Press { what: what.clone(), x: event.client_x(), y: event.client_y(), moved: false });
    })
}

/// Enter or Space on a focused control that acts like a button.
fn on_activate(action: DagAction, dispatch: &Callback<DagAction>) -> Callback<KeyboardEvent> {
    let dispatch = dispatch.clone();
    Callback::from(move |event: KeyboardEvent| {
        if event.key() == "Enter" || event.key() == " " {
            event.prevent_default();
            dispatch.emit(action.clone());
        }
    })
}

/// A small SVG button: fail or restore something.
fn toggle(x: f64, y: f64, label: &str, fail: bool, event: String, dispatch: &Callback<DagAction>) -> Html {
    let word = if fail { "fail" } else { "restore" };
    toggle_with(x, y, 58.0, word.to_string(), label, fail, event, dispatch)
}

/// A toggle with its own width and text.
#[allow(clippy::too_many_arguments)]
fn toggle_with(
    x: f64,
    y: f64,
    width: f64,
    text: String,
    label: &str,
    fail: bool,
    event: String,
    dispatch: &Callback<DagAction>,
) -> Html {
    let action = DagAction::Apply(event);
    let onclick = {
        let action = action.clone();
        dispatch.reform(move |_: MouseEvent| action.clone())
    };
    html! {
        <g class={classes!("toggle", (!fail).then_some("restore"))} role="button" tabindex="0"
            aria-label={format!("{} {label}", if fail { "Fail" } else { "Restore" })}
            transform={format!("translate({x} {y})")} {onclick} onkeydown={on_activate(action, dispatch)}
            onpointerdown={Callback::from(|e: PointerEvent| e.stop_propagation())}>
            <rect width={width.to_string()} height="20" rx="4" />
            <text x={(width / 2.0).to_string()} y="14">{ text }</text>
        </g>
    }
}

const SITE_WIDTH: f64 = 230.0;
const SITE_GAP: f64 = 40.0;
const SERVER_HEIGHT: f64 = 46.0;
const TOP: f64 = 110.0;

/// The sites side by side, each with its servers and witnesses; the WAN links above them.
#[component]
pub fn Topology(props: &DagProps) -> Html {
    let state = &props.state.0;
    let dispatch = &props.dispatch;
    let outcome = &state.analysis.outcome;
    let scenario = &state.saved.scenario;
    let Drag { press, dragging, onmove, onup } = use_drag(dispatch);

    let site_x = |i: usize| 10.0 + i as f64 * (SITE_WIDTH + SITE_GAP);
    let rows = scenario
        .sites
        .iter()
        .map(|site| {
            let servers = scenario.servers.iter().filter(|s| s.site == site.name).count();
            let witnesses = usize::from(scenario.witness.site == site.name)
                + usize::from(scenario.alternate_witness.as_ref().is_some_and(|w| w.site == site.name));
            servers + witnesses
        })
        .max()
        .unwrap_or(0);
    let height = TOP + rows.max(1) as f64 * SERVER_HEIGHT + 30.0;
    let width = site_x(scenario.sites.len()).max(300.0);
    let site_index = |name: &str| scenario.sites.iter().position(|s| s.name == name).unwrap_or(0);

    // WAN links as arcs above the sites, the wider the farther apart; their buttons drawn after all arcs.
    let arc = |a: usize, b: usize| {
        let (xa, xb) = (site_x(a) + SITE_WIDTH / 2.0, site_x(b) + SITE_WIDTH / 2.0);
        let base = TOP - 40.0;
        let control = base - 25.0 * (b - a) as f64;
        (xa, xb, base, control, 0.25 * base + 0.75 * control)
    };
    let arcs = outcome.wan.iter().map(|link| {
        let (xa, xb, base, control, _) = arc(site_index(&link.sites[0]), site_index(&link.sites[1]));
        html! {
            <path class={classes!("wan", (!link.up).then_some("down"))}
                d={format!("M {xa} {base} C {xa} {control} {xb} {control} {xb} {base}")} />
        }
    });
    let wan = outcome.wan.iter().map(|link| {
        let (xa, xb, _, _, mid_y) = arc(site_index(&link.sites[0]), site_index(&link.sites[1]));
        let label = format!("WAN {}-{}", link.sites[0], link.sites[1]);
        let event = format!("{}-wan:{}-{}", if link.up { "fail" } else { "restore" }, link.sites[0], link.sites[1]);
        toggle_with(
            (xa + xb) / 2.0 - 55.0,
            mid_y - 10.0,
            110.0,
            format!("{}-{} {}", link.sites[0], link.sites[1], if link.up { "fail" } else { "restore" }),
            &label,
            link.up,
            event,
            dispatch,
        )
    });

    let sites = outcome.sites.iter().enumerate().map(|(i, site)| {
        let x = site_x(i);
        let name = site.name.clone();
        let mut y = TOP;
        let servers = outcome.servers.iter().filter(|s| s.site == site.name).map(|server| {
            let top = y;
            y += SERVER_HEIGHT;
            let selected = state.selection == DagSelection::Server(server.name.clone());
            let dacp = server.dacp.map(|bit| format!(" · DACP {}", u8::from(bit))).unwrap_or_default();
            let detail = format!("{} · {} active{dacp}", server.state, server.active);
            let onpointerdown = start_press(&press, Dragged::Server(server.name.clone()));
            let event = format!("{}:{}", if server.failed { "restore" } else { "fail" }, server.name);
            html! {
                <g class={classes!("server", server.state.word(), selected.then_some("selected"))} data-server={server.name.clone()}
                    transform={format!("translate({} {top})", x + 10.0)}>
                    <g class="grip" {onpointerdown} tabindex="0" role="button" aria-label={format!("Server {}", server.name)}
                        onkeydown={on_activate(DagAction::Select(DagSelection::Server(server.name.clone())), dispatch)}>
                        <rect class="box" width={(SITE_WIDTH - 20.0).to_string()} height={(SERVER_HEIGHT - 8.0).to_string()} rx="6" />
                        <text class="name" x="10" y="16">{ server.name.clone() }</text>
                        <text class="detail" x="10" y="31">{ detail }</text>
                    </g>
                    { toggle(SITE_WIDTH - 20.0 - 64.0, 9.0, &server.name, !server.failed, event, dispatch) }
                </g>
            }
        }).collect::<Html>();
        let witnesses = [Some((&scenario.witness, "witness")), scenario.alternate_witness.as_ref().map(|w| (w, "alternate witness"))]
            .into_iter()
            .flatten()
            .filter(|(w, _)| w.site == site.name)
            .map(|(w, role)| {
                let top = y;
                y += SERVER_HEIGHT;
                let primary = role == "witness";
                let in_use = (outcome.witness.in_use == "primary") == primary;
                let up = if primary { !outcome.witness.failed && site.up } else { site.up };
                let toggle_html = primary.then(|| {
                    let event = if outcome.witness.failed { "restore-witness" } else { "fail-witness" };
                    toggle(SITE_WIDTH - 20.0 - 64.0, 9.0, "the witness", !outcome.witness.failed, event.into(), dispatch)
                });
                html! {
                    <g class={classes!("witness", (!up).then_some("down"), in_use.then_some("in-use"))} transform={format!("translate({} {top})", x + 10.0)}>
                        <rect class="box" width={(SITE_WIDTH - 20.0).to_string()} height={(SERVER_HEIGHT - 8.0).to_string()} rx="18" />
                        <text class="name" x="14" y="16">{ format!("{} ({role})", w.server) }</text>
                        <text class="detail" x="14" y="31">{
                            if !in_use { "standby".to_string() }
                            else if !outcome.witness.votes { "no vote: odd member count".to_string() }
                            else if up { "votes".to_string() } else { "down: no vote".to_string() }
                        }</text>
                        { for toggle_html }
                    </g>
                }
            })
            .collect::<Html>();
        let event = format!("{}-site:{name}", if site.up { "fail" } else { "restore" });
        html! {
            <g class={classes!("site", (!site.up).then_some("down"))} data-drop="site" data-site={name.clone()}>
                <rect class="region" data-site={name.clone()} x={x.to_string()} y={(TOP - 40.0).to_string()}
                    width={SITE_WIDTH.to_string()} height={(height - TOP + 30.0).to_string()} rx="10" />
                <text class="site-name" x={(x + 12.0).to_string()} y={(TOP - 18.0).to_string()}>{ name.clone() }</text>
                { toggle(x + SITE_WIDTH - 70.0, TOP - 33.0, &format!("site {name}"), site.up, event, dispatch) }
                { servers }
                { witnesses }
            </g>
        }
    });

    html! {
        <section class="topology" aria-label="Sites, servers and witness">
            <svg class={classes!(dragging.then_some("dragging"))} viewBox={format!("0 0 {width} {}", height + 20.0)}
                width={width.to_string()} height={(height + 20.0).to_string()}
                onpointermove={onmove} onpointerup={onup.clone()} onpointerleave={onup}>
                { for arcs }
                { for sites }
                { for wan }
            </svg>
        </section>
    }
}

/// The databases as rows: a cell per server (grouped by site), the copy in it with its activation
/// preference, and where the database is mounted and why.
#[component]
pub fn Databases(props: &DagProps) -> Html {
    let state = &props.state.0;
    let dispatch = &props.dispatch;
    let outcome = &state.analysis.outcome;
    let scenario = &state.saved.scenario;
    let Drag { press, dragging, onmove, onup } = use_drag(dispatch);
    // Servers in site order, as the topology shows them.
    let servers: Vec<&str> = scenario
        .sites
        .iter()
        .flat_map(|site| scenario.servers.iter().filter(move |s| s.site == site.name).map(|s| s.name.as_str()))
        .collect();
    let site_heads = scenario.sites.iter().filter_map(|site| {
        let count = scenario.servers.iter().filter(|s| s.site == site.name).count();
        (count > 0).then(|| html! { <th colspan={count.to_string()} scope="colgroup">{ site.name.clone() }</th> })
    });
    let on_press = {
        let press = press.clone();
        use_callback((), move |(what, event): (Dragged, PointerEvent), _| start_press(&press, what).emit(event))
    };
    let columns = use_memo(servers.iter().map(|s| s.to_string()).collect::<Vec<_>>(), |servers| servers.clone());
    let rows = outcome.databases.iter().map(|database| {
        let selected = match &state.selection {
            DagSelection::Copy { database: name, server } if *name == database.name => Some(server.clone()),
            _ => None,
        };
        html! {
            <DatabaseRow key={database.name.clone()} database={database.clone()} servers={columns.clone()} {selected}
                on_press={on_press.clone()} dispatch={dispatch.clone()} />
        }
    });
    html! {
        <section class="databases" aria-label="Databases and their copies">
            <p class="hint">{ "Drag a copy to another server in its row to move it; drag a server to another site. Numbers are activation preferences." }</p>
            <table class={classes!(dragging.then_some("dragging"))} onpointermove={onmove} onpointerup={onup.clone()} onpointerleave={onup}>
                <thead>
                    <tr><th rowspan="2" scope="col">{ "Database" }</th>{ for site_heads }<th rowspan="2" scope="col">{ "Where and why" }</th></tr>
                    <tr>{ for servers.iter().map(|s| html! { <th scope="col">{ *s }</th> }) }</tr>
                </thead>
                <tbody>{ for rows }</tbody>
            </table>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct RowProps {
    database: DatabaseReport,
    /// The servers, in column order.
    servers: Rc<Vec<String>>,
    /// The server whose copy of this database is selected.
    selected: Option<String>,
    on_press: Callback<(Dragged, PointerEvent)>,
    dispatch: Callback<DagAction>,
}

/// One database: its copies in the servers' columns, and where it is mounted and why. Re-renders only when
/// these change, so an event redraws only the databases it touched.
#[component]
fn DatabaseRow(props: &RowProps) -> Html {
    let database = &props.database;
    let dispatch = &props.dispatch;
    let cells = props.servers.iter().map(|server| {
        let copy = database.copies.iter().find(|c| &c.server == server);
        let content = copy.map(|copy| {
            let selected = props.selected.as_ref() == Some(server);
            let what = Dragged::Copy { database: database.name.clone(), server: server.clone() };
            let onpointerdown = props.on_press.reform(move |event: PointerEvent| (what.clone(), event));
            let label = format!("{}{}", copy.preference, if copy.lagged { " lag" } else { "" });
            html! {
                <span class={classes!("copy", copy.state.word(), copy.lagged.then_some("lagged"), selected.then_some("selected"))}
                    {onpointerdown} tabindex="0" role="button"
                    aria-label={format!("Copy of {} on {server}: preference {}, {}", database.name, copy.preference, copy.state)}
                    onkeydown={on_activate(DagAction::Select(DagSelection::Copy { database: database.name.clone(), server: server.clone() }), dispatch)}>
                    { label }
                </span>
            }
        });
        let add = copy.is_none().then(|| {
            let action = DagAction::AddCopy { database: database.name.clone(), server: server.clone() };
            html! {
                <button class="add-copy" onclick={dispatch.reform(move |_| action.clone())}
                    aria-label={format!("Add a copy of {} on {server}", database.name)} title="Add a copy here">{ "+" }</button>
            }
        });
        html! {
            <td data-drop="copy" data-database={database.name.clone()} data-server={server.clone()}>{ for content }{ for add }</td>
        }
    });
    let (verdict, class) = match &database.server {
        Some(server) => (format!("mounted on {server}"), "mounted"),
        None => ("dismounted".to_string(), "dismounted"),
    };
    html! {
        <tr class={class} data-database={database.name.clone()}>
            <th scope="row">{ database.name.clone() }</th>
            { for cells }
            <td class="verdict"><strong>{ verdict }</strong>{ format!(" ({})", database.criterion) }
                <div class="reason" title={database.source}>{ database.reason.clone() }</div></td>
        </tr>
    }
}

/// Quorum, partitions, the witness and the applied events.
#[component]
pub fn Status(props: &DagProps) -> Html {
    let state = &props.state.0;
    let outcome = &state.analysis.outcome;
    let quorum = &outcome.quorum;
    let partitions = outcome.partitions.iter().map(|p| {
        html! {
            <li class={classes!(p.quorum.then_some("holds"))}>
                { format!("{}: {} ({} votes{}){}", p.sites.join("+"), if p.members.is_empty() { "no members".into() } else { p.members.join(", ") },
                    p.votes, if p.witness { ", witness" } else { "" }, if p.quorum { " — holds quorum" } else { "" }) }
            </li>
        }
    });
    let events = state.saved.events.iter().map(|e| html! { <li>{ e.clone() }</li> });
    html! {
        <section class="panel status" aria-label="Quorum">
            <h2>{ "Quorum" }</h2>
            <p class={classes!("quorum", if quorum.held { "held" } else { "lost" })} role="status" aria-label="Quorum state">
                <strong>{ if quorum.held { "Held" } else { "Lost" } }</strong>
                { format!(": {} votes, {} needed ({})", quorum.votes, quorum.needed, quorum.model.word().replace('-', " ")) }
            </p>
            <p class="reason" title={quorum.source}>{ quorum.reason.clone() }</p>
            <p>{ format!("{} of {} databases mounted.", outcome.mounted, outcome.mounted + outcome.dismounted) }</p>
            <h3>{ "Partitions" }</h3>
            <ul>{ for partitions }</ul>
            <p>{ format!("Witness: {} in {} ({}, {})", outcome.witness.server, outcome.witness.site, outcome.witness.in_use,
                if outcome.witness.up { "up" } else { "down" }) }</p>
            <h3>{ "Events" }</h3>
            if state.saved.events.is_empty() {
                <p class="muted">{ "None: the healthy DAG. Fail a server, a site, a WAN link or the witness." }</p>
            } else {
                <ol class="events">{ for events }</ol>
            }
            <DatacenterButtons state={props.state.clone()} dispatch={props.dispatch.clone()} />
        </section>
    }
}

/// Datacenter switchover and Start-DAG for each site, when they make sense to offer.
#[component]
fn DatacenterButtons(props: &DagProps) -> Html {
    let state = &props.state.0;
    let outcome = &state.analysis.outcome;
    let buttons = outcome.sites.iter().filter(|site| site.up && outcome.servers.iter().any(|s| s.site == site.name)).map(|site| {
        let name = site.name.clone();
        let stopped = outcome.servers.iter().any(|s| s.site == name && s.state == "stopped");
        let switch = format!("datacenter-switchover:{name}");
        let start = format!("start-dag:{name}");
        html! {
            <>
                if !outcome.quorum.held {
                    <button onclick={props.dispatch.reform(move |_| DagAction::Apply(switch.clone()))}
                        title="Stop-DatabaseAvailabilityGroup for the unreachable members, Restore-DatabaseAvailabilityGroup here">
                        { format!("Datacenter switchover to {name}") }</button>
                }
                if stopped {
                    <button onclick={props.dispatch.reform(move |_| DagAction::Apply(start.clone()))}>{ format!("Start-DAG in {name}") }</button>
                }
            </>
        }
    });
    html! { <div class="actions">{ for buttons }</div> }
}

fn select_value(event: &Event) -> String {
    event.target_unchecked_into::<HtmlSelectElement>().value()
}

fn input_value(event: &Event) -> String {
    event.target_unchecked_into::<HtmlInputElement>().value()
}

fn options<T: Copy + PartialEq>(values: &'static [(T, &'static str, &'static str)], current: T) -> Html {
    values
        .iter()
        .map(|(value, id, label)| html! { <option value={*id} selected={*value == current}>{ *label }</option> })
        .collect()
}

const DIALS: &[(MountDial, &str, &str)] = &[
    (MountDial::Lossless, "lossless", "Lossless (0 logs)"),
    (MountDial::GoodAvailability, "good-availability", "GoodAvailability (6 logs)"),
    (MountDial::BestAvailability, "best-availability", "BestAvailability (12 logs)"),
];
const POLICIES: &[(ActivationPolicy, &str, &str)] = &[
    (ActivationPolicy::Unrestricted, "unrestricted", "Unrestricted"),
    (ActivationPolicy::IntrasiteOnly, "intrasite-only", "IntrasiteOnly"),
    (ActivationPolicy::Blocked, "blocked", "Blocked"),
];
const INDEXES: &[(ContentIndex, &str, &str)] = &[
    (ContentIndex::Healthy, "healthy", "Healthy"),
    (ContentIndex::Crawling, "crawling", "Crawling"),
    (ContentIndex::Failed, "failed", "Failed"),
];
const STATUSES: &[(CopyStatus, &str, &str)] = &[
    (CopyStatus::Healthy, "healthy", "Healthy"),
    (CopyStatus::DisconnectedAndHealthy, "disconnected-and-healthy", "DisconnectedAndHealthy"),
    (CopyStatus::DisconnectedAndResynchronizing, "disconnected-and-resynchronizing", "DisconnectedAndResynchronizing"),
    (CopyStatus::SeedingSource, "seeding-source", "SeedingSource"),
    (CopyStatus::Resynchronizing, "resynchronizing", "Resynchronizing"),
    (CopyStatus::Initializing, "initializing", "Initializing"),
    (CopyStatus::Suspended, "suspended", "Suspended"),
    (CopyStatus::Failed, "failed", "Failed"),
    (CopyStatus::FailedAndSuspended, "failed-and-suspended", "FailedAndSuspended"),
    (CopyStatus::ServiceDown, "service-down", "ServiceDown"),
];

fn pick<T: Copy>(values: &[(T, &str, &str)], id: &str) -> Option<T> {
    values.iter().find(|(_, v, _)| *v == id).map(|(value, _, _)| *value)
}

/// Settings of what is selected: the DAG, a server, or a copy (its health for what-if teaching).
#[component]
pub fn DagInspector(props: &DagProps) -> Html {
    let state = &props.state.0;
    let dispatch = &props.dispatch;
    let scenario = &state.saved.scenario;
    let outcome = &state.analysis.outcome;
    let body = match &state.selection {
        DagSelection::Dag => {
            let witness_select = |label: &str, current: &str, alternate: bool| {
                let onchange = dispatch
                    .reform(move |event: Event| DagAction::MoveWitness { site: select_value(&event), alternate });
                html! {
                    <label>{ format!("{label} in ") }
                        <select {onchange} aria-label={format!("{label} site")}>
                            if current.is_empty() { <option value="" selected=true>{ "none" }</option> }
                            { for scenario.sites.iter().map(|site| html! { <option value={site.name.clone()} selected={site.name == current}>{ site.name.clone() }</option> }) }
                        </select>
                    </label>
                }
            };
            let ondac = dispatch.reform(|event: Event| {
                DagAction::SetDacMode(event.target_unchecked_into::<HtmlInputElement>().checked())
            });
            html! {
                <>
                    <h2>{ format!("DAG {}", scenario.dag_name) }</h2>
                    <p>{ format!("{}, {} members, {} databases, {} static IP addresses.", scenario.exchange.title(), scenario.servers.len(),
                        scenario.databases.len(), state.analysis.facts.ip_total) }</p>
                                        <label class="checkbox"><input type="checkbox" checked={scenario.dac_mode} onchange={ondac} />
                        { " DAC mode (DatacenterActivationMode DagOnly)" }</label>
                    <label class="checkbox"><input type="checkbox" checked={scenario.ip_less}
                        onchange={dispatch.reform(|event: Event| DagAction::SetIpLess(event.target_unchecked_into::<HtmlInputElement>().checked()))} />
                        { " IP-less (no administrative access point)" }</label>
                    { witness_select("Witness", &scenario.witness.site, false) }
                    { witness_select("Alternate witness", scenario.alternate_witness.as_ref().map_or("", |w| w.site.as_str()), true) }
                    <div class="actions">
                        { for scenario.sites.iter().map(|site| {
                            let action = DagAction::AddServer(site.name.clone());
                            html! { <button onclick={dispatch.reform(move |_| action.clone())}>{ format!("Add a server in {}", site.name) }</button> }
                        }) }
                    </div>
                    <p class="muted">{ "Select a server or a copy to edit it." }</p>
                    <Generator dispatch={dispatch.clone()} sites={scenario.sites.iter().map(|s| s.name.clone()).collect::<Vec<_>>()} />
                </>
            }
        }
        DagSelection::Server(name) => {
            match (scenario.servers.iter().find(|s| &s.name == name), outcome.servers.iter().find(|s| &s.name == name))
            {
                (Some(server), Some(report)) => {
                    let set = |make: fn(String) -> Option<ServerSetting>| {
                        let name = name.clone();
                        let dispatch = dispatch.clone();
                        Callback::from(move |event: Event| {
                            if let Some(setting) =
                                make(if event.target_unchecked_into::<web_sys::Element>().tag_name() == "SELECT" {
                                    select_value(&event)
                                } else {
                                    input_value(&event)
                                })
                            {
                                dispatch.emit(DagAction::SetServer { server: name.clone(), setting });
                            }
                        })
                    };
                    let event = format!("{}:{name}", if report.failed { "restore" } else { "fail" });
                    let remove = DagAction::RemoveServer(name.clone());
                    let move_to_site = {
                        let server = name.clone();
                        dispatch.reform(move |event: Event| DagAction::MoveServer {
                            server: server.clone(),
                            site: select_value(&event),
                        })
                    };
                    html! {
                        <>
                            <h2>{ format!("Server {name}") }</h2>
                            <p>{ format!("In {}; {}; {} databases active.", server.site, report.state, report.active) }</p>
                                                    <label>{ "Site " }
                            <select onchange={move_to_site} aria-label="Site">
                                { for scenario.sites.iter().map(|site| html! { <option value={site.name.clone()} selected={site.name == server.site}>{ site.name.clone() }</option> }) }
                            </select></label>
                        <label>{ "AutoDatabaseMountDial " }
                                <select onchange={set(|v| pick(DIALS, &v).map(ServerSetting::MountDial))}>{ options(DIALS, server.mount_dial) }</select></label>
                            <label>{ "DatabaseCopyAutoActivationPolicy " }
                                <select onchange={set(|v| pick(POLICIES, &v).map(ServerSetting::Policy))}>{ options(POLICIES, server.activation_policy) }</select></label>
                            <label>{ "MaximumActiveDatabases " }
                                <input type="text" inputmode="numeric" placeholder="none" value={server.max_active.map(|m| m.to_string()).unwrap_or_default()}
                                    onchange={set(|v| Some(ServerSetting::MaxActive(v)))} /></label>
                        <label>{ "MaximumPreferredActiveDatabases " }
                            <input type="text" inputmode="numeric" placeholder="none" value={server.max_preferred_active.map(|m| m.to_string()).unwrap_or_default()}
                                onchange={set(|v| Some(ServerSetting::MaxPreferredActive(v)))} /></label>
                                                    <div class="actions">
                            <button onclick={dispatch.reform(move |_| DagAction::Apply(event.clone()))}>
                                { if report.failed { format!("Restore {name}") } else { format!("Fail {name}") } }</button>
                            <button class="danger" onclick={dispatch.reform(move |_| remove.clone())}>{ format!("Remove {name}") }</button>
                        </div>
                        </>
                    }
                }
                _ => html! { <p>{ "Nothing selected." }</p> },
            }
        }
        DagSelection::Copy { database, server } => {
            let copy = scenario
                .databases
                .iter()
                .find(|d| &d.name == database)
                .and_then(|d| d.copies.iter().find(|c| &c.server == server));
            let report = outcome
                .databases
                .iter()
                .find(|d| &d.name == database)
                .and_then(|d| d.copies.iter().find(|c| &c.server == server));
            match (copy, report) {
                (Some(copy), Some(report)) => {
                    let set = |make: fn(String) -> Option<CopySetting>| {
                        let (database, server) = (database.clone(), server.clone());
                        let dispatch = dispatch.clone();
                        Callback::from(move |event: Event| {
                            let value = if event.target_unchecked_into::<web_sys::Element>().tag_name() == "SELECT" {
                                select_value(&event)
                            } else {
                                input_value(&event)
                            };
                            if let Some(setting) = make(value) {
                                dispatch.emit(DagAction::SetCopy {
                                    database: database.clone(),
                                    server: server.clone(),
                                    setting,
                                });
                            }
                        })
                    };
                    let failed = report.state == "copy-failed";
                    let fail = format!("{}:{database}@{server}", if failed { "restore-copy" } else { "fail-copy" });
                    let switch = format!("switchover:{database}={server}");
                    let remove = DagAction::RemoveCopy { database: database.clone(), server: server.clone() };
                    let move_to_server = {
                        let (database, from) = (database.clone(), server.clone());
                        dispatch.reform(move |event: Event| DagAction::MoveCopy {
                            database: database.clone(),
                            from: from.clone(),
                            to: select_value(&event),
                        })
                    };
                    html! {
                        <>
                            <h2>{ format!("{database} on {server}") }</h2>
                            <p>{ format!("Activation preference {}; {}.", copy.preference, report.state) }</p>
                                                        <label>{ "On server " }
                                <select onchange={move_to_server} aria-label="On server">
                                    { for scenario.servers.iter().map(|s| html! { <option value={s.name.clone()} selected={&s.name == server}>{ s.name.clone() }</option> }) }
                                </select></label>
                            <label>{ "Copy queue (logs) " }<input type="text" inputmode="numeric" value={copy.copy_queue.to_string()} onchange={set(|v| Some(CopySetting::CopyQueue(v)))} /></label>
                            <label>{ "Replay queue (logs) " }<input type="text" inputmode="numeric" value={copy.replay_queue.to_string()} onchange={set(|v| Some(CopySetting::ReplayQueue(v)))} /></label>
                            <label>{ "Replay lag (days) " }<input type="text" inputmode="numeric" value={copy.replay_lag_days.to_string()} onchange={set(|v| Some(CopySetting::LagDays(v)))} /></label>
                            <label>{ "Content index " }<select onchange={set(|v| pick(INDEXES, &v).map(CopySetting::ContentIndex))}>{ options(INDEXES, copy.content_index) }</select></label>
                            <label>{ "Status " }<select onchange={set(|v| pick(STATUSES, &v).map(CopySetting::Status))}>{ options(STATUSES, copy.status) }</select></label>
                            <div class="actions">
                                <button onclick={dispatch.reform(move |_| DagAction::Apply(fail.clone()))}>{ if failed { "Restore this copy" } else { "Fail this copy" } }</button>
                                                                <button onclick={dispatch.reform(move |_| DagAction::Apply(switch.clone()))}>{ "Switchover here" }</button>
                                <button class="danger" onclick={dispatch.reform(move |_| remove.clone())}>{ "Remove this copy" }</button>
                            </div>
                        </>
                    }
                }
                _ => html! { <p>{ "Nothing selected." }</p> },
            }
        }
    };
    html! { <section class="panel inspector dag-inspector" aria-label="Inspector">{ body }</section> }
}

/// What depends on the design alone: panels showing only this skip rendering when just the events change.
#[derive(Properties, PartialEq, Clone)]
pub struct FactsProps {
    pub facts: Rc<DesignFacts>,
}

/// The DAG rules' findings, errors first, each with its source.
#[component]
pub fn DagFindings(props: &FactsProps) -> Html {
    let findings = &props.facts.findings;
    let items = findings.iter().map(|f| {
        let class = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        html! {
            <li class={class}>
                <span class="severity">{ class }</span>{ " " }{ f.message.clone() }
                <div class="source">{ format!("{} — {}", f.rule, f.source) }</div>
            </li>
        }
    });
    let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
    html! {
        <section class="panel findings" aria-label="Findings">
            <h2>{ if errors == 0 { "Supported design".to_string() } else { format!("{errors} errors") } }</h2>
            <ul>{ for items }</ul>
        </section>
    }
}

/// The title, the way back to the 2003 planner, presets, undo/redo, heal, import, export, share.
#[component]
pub fn DagHeader(props: &DagProps) -> Html {
    let state = &props.state.0;
    let dispatch = props.dispatch.clone();
    let reader = use_mut_ref(|| None::<FileReader>);
    let link = use_state(|| None::<String>);
    let presets = PRESETS.iter().map(|(id, about)| {
        let onclick = dispatch.reform(move |_| DagAction::LoadPreset(id.to_string()));
        html! { <button class="preset" {onclick} data-preset={*id} title={*about}>{ *id }</button> }
    });
    let onimport = file_import(reader, dispatch.reform(DagAction::Import), dispatch.reform(DagAction::Notify));
    let onexport = {
        let failed = dispatch.reform(DagAction::Notify);
        let scenario = state.saved.scenario.clone();
        Callback::from(move |_| export(&scenario.name, &scenario_json(&scenario), &failed))
    };
    let onshare = {
        let link = link.clone();
        let saved = state.saved.clone();
        Callback::from(move |_| link.set(Some(share_url(&super::state::to_fragment(&saved)))))
    };
    html! {
        <header class="header">
            <div class="title">
                <h1>{ "clusterplan" }</h1>
                <span class="design-name">{ state.saved.scenario.name.clone() }</span>
                <span class="mode active-passive">{ format!("DAG, {}", state.saved.scenario.exchange.title()) }</span>
                <a class="mode-link" href="../">{ "Exchange 2003 cluster planner" }</a>
            </div>
            <nav class="toolbar" aria-label="Designs and history">
                <span class="group-label">{ "Start from:" }</span>
                { for presets }
                <span class="separator" />
                <button onclick={dispatch.reform(|_| DagAction::Undo)} disabled={state.undo.is_empty()} title="Undo (Ctrl+Z)">{ "Undo" }</button>
                <button onclick={dispatch.reform(|_| DagAction::Redo)} disabled={state.redo.is_empty()} title="Redo (Ctrl+Shift+Z)">{ "Redo" }</button>
                <button onclick={dispatch.reform(|_| DagAction::ResetEvents)} disabled={state.saved.events.is_empty()}>{ "Heal all" }</button>
                <span class="separator" />
                <label class="button file">{ "Import…" }
                    <input type="file" accept=".json,application/json" onchange={onimport} aria-label="Import a design file" /></label>
                <button onclick={onexport}>{ "Export" }</button>
                <button onclick={onshare}>{ "Share link" }</button>
            </nav>
            { for (*link).clone().map(|url| html! {
                <div class="share"><label>{ "Link to this design: " }<input type="text" readonly=true value={url} aria-label="Share link" /></label></div>
            }) }
        </header>
    }
}

#[derive(Properties, PartialEq)]
struct GeneratorProps {
    dispatch: Callback<DagAction>,
    sites: Vec<String>,
}

/// A new symmetric DAG in the Preferred Architecture's shape, from three numbers.
#[component]
fn Generator(props: &GeneratorProps) -> Html {
    let per_site = use_node_ref();
    let databases = use_node_ref();
    let witness = use_node_ref();
    let onclick = {
        let (per_site, databases, witness) = (per_site.clone(), databases.clone(), witness.clone());
        props.dispatch.reform(move |_| DagAction::Generate {
            per_site: per_site.cast::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default(),
            databases: databases.cast::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default(),
            witness_site: witness.cast::<HtmlSelectElement>().map(|s| s.value()).unwrap_or_else(|| "dc3".into()),
        })
    };
    html! {
        <details class="generator">
            <summary>{ "Build a symmetric DAG (the Preferred Architecture's shape)" }</summary>
            <label>{ "Members per datacenter " }<input ref={per_site} type="text" inputmode="numeric" value="4" /></label>
            <label>{ "Databases (4 copies each) " }<input ref={databases} type="text" inputmode="numeric" value="16" /></label>
            <label>{ "Witness in " }
                <select ref={witness}>
                    <option value="dc3" selected=true>{ "dc3 (a third site)" }</option>
                    <option value="dc1">{ "dc1 (the primary datacenter)" }</option>
                </select>
            </label>
            <button {onclick}>{ "Build" }</button>
        </details>
    }
}

/// What the DAG tolerates: the Role Requirements Calculator's failure modes, computed for every set of up
/// to three failed servers and every site.
#[component]
pub fn Tolerance(props: &FactsProps) -> Html {
    let Some(summary) = props.facts.tolerance.clone() else {
        return html! {};
    };
    let rows = summary.modes.iter().map(|mode| {
        html! {
            <tr class={classes!((mode.mounted < summary.databases).then_some("loses"))}>
                <th scope="row">{ mode.mode.clone() }</th>
                <td>{ if mode.failed.is_empty() { "-".to_string() } else { mode.failed.join(" ") } }</td>
                <td>{ if mode.quorum { "yes" } else { "no" } }</td>
                <td>{ format!("{}/{}", mode.mounted, summary.databases) }</td>
                <td>{ mode.busiest.as_ref().map_or("-".to_string(), |server| format!("{} on {server}", mode.max_active)) }</td>
            </tr>
        }
    });
    html! {
        <section class="panel tolerance" aria-label="Failure modes">
            <h2>{ format!("Tolerates any {} failed servers", summary.tolerates_any) }</h2>
            <p class="muted">{ format!("Every set of up to {} failed servers ({} sets), and each site failing whole.", summary.max_failures, summary.combinations) }</p>
            <table>
                <thead><tr><th scope="col">{ "Mode" }</th><th scope="col">{ "Failed" }</th><th scope="col">{ "Quorum" }</th>
                    <th scope="col">{ "Mounted" }</th><th scope="col">{ "Most active" }</th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </section>
    }
}
