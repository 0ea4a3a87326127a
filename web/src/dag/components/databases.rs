//! The databases as rows: a cell per server (grouped by site), the copy in it with its activation
//! preference, and where the database is mounted and why. A copy is dragged along its row with the
//! shared press hook (the table captures the pointer); the cell under the pointer is the drop target.

use std::rc::Rc;

use clusterplan_core::dag::report::{DatabaseReport, MountState};
use web_sys::PointerEvent;
use yew::prelude::*;

use super::PanelProps;
use crate::dag::drag::{Grab, Target, finish};
use crate::dag::state::{Action, DagAction, Selection};
use crate::shell::pointer::{Held, Pressable, element_with, use_press};
use crate::shell::rows::{RowWindow, use_row_window};
use crate::shell::toggle::on_activate;

/// The cell under a client point, as a drop target.
fn cell_at(point: crate::shell::geometry::Point) -> Option<Target> {
    let cell = element_with(point, "data-drop")?;
    let data = |name: &str| cell.get_attribute(name);
    Some(Target::Cell { database: data("data-database")?, server: data("data-server")? })
}

#[component]
pub fn Databases(props: &PanelProps) -> Html {
    let state = &props.state;
    let dispatch = &props.dispatch;
    let outcome = state.moment();
    let scenario = &state.saved.scenario;
    let table_ref = use_node_ref();
    let released = {
        let dispatch = dispatch.clone();
        Callback::from(move |held: Held<Grab, ()>| {
            let target = cell_at(held.press.current);
            if let Some(action) = finish(held.press, target) {
                dispatch.emit(action);
            }
        })
    };
    let Pressable { held, start, onpointermove, onpointerup, onpointercancel } =
        use_press(table_ref.clone(), false, released);
    // Made once, so the rows (or boxes) that get it keep equal props and skip rendering when nothing of theirs
    // changed.
    let on_press =
        use_callback(start, |(grab, event): (Grab, PointerEvent), start| start.emit((grab, None, event, ())));
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
    let columns = use_memo(servers.iter().map(|s| s.to_string()).collect::<Vec<_>>(), |servers| servers.clone());
    // A real DAG's hundreds of databases are drawn a window at a time (the rows in view).
    let body_ref = use_node_ref();
    let count = outcome.databases.len();
    let RowWindow { rows: drawn, windowed, before, after } = use_row_window(body_ref.clone(), count);
    let first_drawn = drawn.start;
    let rows = outcome.databases[drawn].iter().enumerate().map(|(offset, database)| {
        let selected = match &state.selection {
            Selection::Copy { database: name, server } if *name == database.name => Some(server.clone()),
            _ => None,
        };
        html! {
            <DatabaseRow key={database.name.clone()} database={database.clone()} servers={columns.clone()} {selected}
                index={windowed.then_some(first_drawn + offset)} on_press={on_press.clone()} dispatch={dispatch.clone()} />
        }
    });
    let dragging = held.as_ref().is_some_and(|h| h.press.travelled);
    // The spacers stand for the rows not drawn; screen readers hear the table's true size from aria-rowcount.
    let spacer = |spacer: NodeRef| {
        windowed.then(|| html! { <tbody class="spacer" ref={spacer} aria-hidden="true"><tr><td colspan={(servers.len() + 3).to_string()}></td></tr></tbody> })
    };
    let header_index = |index: usize| windowed.then(|| index.to_string());
    html! {
        <section id="databases" tabindex="-1" class="databases" aria-label="Databases and their copies">
            <p class="hint">{ "Drag a copy to another server in its row to move it; drag a server to another site. Numbers are activation preferences." }</p>
            <table ref={table_ref} class={classes!(dragging.then_some("dragging"), windowed.then_some("windowed"))}
                aria-rowcount={windowed.then(|| (count + 2).to_string())} {onpointermove} {onpointerup} {onpointercancel}>
                <thead>
                    <tr aria-rowindex={header_index(1)}><th rowspan="2" scope="col">{ "Database" }</th>{ for site_heads }<th rowspan="2" scope="col">{ "Where and why" }</th><th rowspan="2" scope="col" title="The copy best copy selection would mount if the active copy failed now, everything else as it is">{ "Next if it fails" }</th></tr>
                    <tr aria-rowindex={header_index(2)}>{ for servers.iter().map(|s| html! { <th scope="col">{ *s }</th> }) }</tr>
                </thead>
                { for spacer(before) }
                <tbody ref={body_ref}>{ for rows }</tbody>
                { for spacer(after) }
            </table>
        </section>
    }
}

/// Where a mounted database would go if its active copy failed now, with why as the tooltip; a dash when it
/// is not mounted.
fn next_cell(database: &DatabaseReport) -> Html {
    let Some(next) = &database.next else { return html! { <td class="next">{ "—" }</td> } };
    let text = match &next.server {
        Some(server) => format!("{server} ({})", next.criterion),
        None => format!("none ({})", next.criterion),
    };
    html! { <td class={classes!("next", next.server.is_none().then_some("none"))} title={next.reason.clone()}>{ text }</td> }
}

#[derive(Properties, PartialEq)]
struct RowProps {
    database: DatabaseReport,
    /// The servers, in column order.
    servers: Rc<Vec<String>>,
    /// The server whose copy of this database is selected.
    selected: Option<String>,
    /// The database's place among all of them, in a windowed table (for aria-rowindex).
    index: Option<usize>,
    on_press: Callback<(Grab, PointerEvent)>,
    dispatch: Callback<Action>,
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
            let grab = Grab::Copy { database: database.name.clone(), server: server.clone() };
            let onpointerdown = props.on_press.reform(move |event: PointerEvent| (grab.clone(), event));
            let label = format!("{}{}", copy.preference, if copy.lagged { " lag" } else { "" });
            let select = Action::Select(Selection::Copy { database: database.name.clone(), server: server.clone() });
            html! {
                <span class={classes!("copy", copy.state.word(), copy.lagged.then_some("lagged"), selected.then_some("selected"))}
                    {onpointerdown} tabindex="0" role="button"
                    aria-label={format!("Copy of {} on {server}: preference {label}, {}", database.name, copy.state)}
                    onkeydown={on_activate(dispatch, select)}>
                    { label }
                </span>
            }
        });
        let add = copy.is_none().then(|| {
            let action = Action::Family(DagAction::AddCopy { database: database.name.clone(), server: server.clone() });
            html! {
                <button class="add-copy" onclick={dispatch.reform(move |_| action.clone())}
                    aria-label={format!("Add a copy of {} on {server}", database.name)} title="Add a copy here">{ "+" }</button>
            }
        });
        html! {
            <td data-drop="copy" data-database={database.name.clone()} data-server={server.clone()}>{ for content }{ for add }</td>
        }
    });
    let (verdict, class) = match (database.state, &database.server) {
        (MountState::FailingOver, _) => ("failing over".to_string(), "failing-over"),
        (_, Some(server)) => (format!("mounted on {server}"), "mounted"),
        (_, None) => ("dismounted".to_string(), "dismounted"),
    };
    let split_brain = database.split_brain.as_ref().map(|also| {
        html! { <strong class="split-brain">{ format!(" and on {also}: split brain") }</strong> }
    });
    // Mounted after its active copy was gone, without the logs it had not copied yet.
    let lost = (database.lost_logs > 0).then(|| {
        let logs = clusterplan_core::words::count(database.lost_logs as usize, "log", "logs");
        html! { <strong class="lost-logs" title="Lost unless Safety Net delivers the mail again">{ format!(", {logs} lost") }</strong> }
    });
    html! {
        <tr class={classes!(class, database.split_brain.is_some().then_some("split-brain"))} data-database={database.name.clone()}
            aria-rowindex={props.index.map(|index| (index + 3).to_string())}>
            <th scope="row">{ database.name.clone() }</th>
            { for cells }
            <td class="verdict"><strong>{ verdict }</strong>{ for lost }{ for split_brain }{ format!(" ({})", database.criterion) }
                <div class="reason" title={format!("{}\n{}", database.reason, database.source)}>{ database.reason.clone() }</div></td>
            { next_cell(database) }
        </tr>
    }
}
