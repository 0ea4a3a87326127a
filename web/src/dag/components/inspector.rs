//! The inspector: the settings of what is selected — the DAG (DAC mode, IP-less, where the witnesses
//! stand, new servers, a whole symmetric DAG), a server (its site and Set-MailboxServer settings), a
//! database (its copies and why it is where it is) or a copy (its health, for what-if teaching).

use clusterplan_core::dag::Event as DagEvent;
use clusterplan_core::dag::event::{Choices, DialOverride};
use clusterplan_core::dag::model::{ActivationPolicy, ContentIndex, CopyStatus, MountDial};
use clusterplan_core::dag::report::CopyState;
use yew::prelude::*;

use super::generator::Generator;
use super::{PanelProps, apply, apply_on_click};
use crate::dag::state::{Action, CopySetting, DagAction, Selection, ServerSetting};
use crate::shell::forms::{checked, field_value, select_value};

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

#[component]
pub fn Inspector(props: &PanelProps) -> Html {
    let body = match &props.state.selection {
        Selection::Dag => dag(props),
        Selection::Server(name) => server(props, name),
        Selection::Database(name) => database(props, name),
        Selection::Copy { database, server } => copy(props, database, server),
    };
    html! { <section id="inspector" tabindex="-1" class="panel inspector dag-inspector" aria-label="Inspector">{ body }</section> }
}

fn nothing() -> Html {
    html! { <p>{ "Nothing selected." }</p> }
}

fn dag(props: &PanelProps) -> Html {
    let state = &props.state;
    let dispatch = &props.dispatch;
    let scenario = &state.saved.scenario;
    let witness_select = |label: &str, current: &str, alternate: bool| {
        let onchange = dispatch.reform(move |event: Event| {
            Action::Family(DagAction::MoveWitness { site: select_value(&event), alternate })
        });
        html! {
            <label>{ format!("{label} in ") }
                <select {onchange} aria-label={format!("{label} site")}>
                    if current.is_empty() { <option value="" selected=true>{ "none" }</option> }
                    { for scenario.sites.iter().map(|site| html! { <option value={site.name.clone()} selected={site.name == current}>{ site.name.clone() }</option> }) }
                </select>
            </label>
        }
    };
    html! {
        <>
            <h2>{ format!("DAG {}", scenario.dag_name) }</h2>
            <p>{ format!("{}, {} members, {} databases, {} static IP addresses.", scenario.exchange.title(), scenario.servers.len(),
                scenario.databases.len(), state.analysis.facts.family.ip_total) }</p>
            <label class="checkbox"><input type="checkbox" checked={scenario.dac_mode}
                onchange={dispatch.reform(move |event: Event| Action::Family(DagAction::SetDacMode(checked(&event))))} />
                { " DAC mode (DatacenterActivationMode DagOnly)" }</label>
            { exchange_select(scenario, dispatch) }
            { windows_select(scenario, dispatch) }
            <label class="checkbox"><input type="checkbox" checked={scenario.static_votes}
                disabled={!state.analysis.design.windows().has_dynamic_quorum()}
                onchange={dispatch.reform(move |event: Event| Action::Family(DagAction::SetStaticVotes(checked(&event))))} />
                { " Static votes (dynamic quorum turned off: DynamicQuorum = 0)" }</label>
            <label class="checkbox"><input type="checkbox" checked={scenario.ip_less}
                onchange={dispatch.reform(move |event: Event| Action::Family(DagAction::SetIpLess(checked(&event))))} />
                { " IP-less (no administrative access point)" }</label>
            <label class="checkbox"><input type="checkbox" checked={scenario.namespace.is_some()}
                onchange={dispatch.reform(move |event: Event| Action::Family(DagAction::SetNamespace(checked(&event))))} />
                { match &scenario.namespace {
                    Some(namespace) => format!(" Client namespace {} ({} addresses)", namespace.name, namespace.vips.len()),
                    None => " Client namespace (a load-balanced address in each datacenter)".to_string(),
                } }</label>
            { witness_select("Witness", &scenario.witness.site, false) }
            { witness_select("Alternate witness", scenario.alternate_witness.as_ref().map_or("", |w| w.site.as_str()), true) }
            <div class="actions">
                { for scenario.sites.iter().map(|site| {
                    let action = Action::Family(DagAction::AddServer(site.name.clone()));
                    html! { <button onclick={dispatch.reform(move |_| action.clone())}>{ format!("Add a server in {}", site.name) }</button> }
                }) }
            </div>
            <p class="muted">{ "Select a server or a copy to edit it." }</p>
            <Generator namespace={scenario.namespace.is_some()} dispatch={dispatch.clone()} />
        </>
    }
}

/// The members' Exchange version.
fn exchange_select(scenario: &clusterplan_core::dag::Scenario, dispatch: &Callback<Action>) -> Html {
    html! {
        <label>{ "Exchange " }
            <select aria-label="Exchange version" onchange={dispatch.reform(|event: Event| Action::Family(DagAction::SetExchange(select_value(&event))))}>
                { for clusterplan_core::dag::model::ExchangeVersion::ALL.into_iter().map(|v| html! {
                    <option value={v.id()} selected={scenario.exchange == v}>{ v.title() }</option>
                }) }
            </select>
        </label>
    }
}

/// The members' Windows Server version: the Exchange version's supported ones, and the file's if it names
/// another (the findings say so).
fn windows_select(scenario: &clusterplan_core::dag::Scenario, dispatch: &Callback<Action>) -> Html {
    let default = scenario.exchange.default_windows();
    let mut versions = scenario.exchange.windows_versions().to_vec();
    if let Some(named) = scenario.windows.filter(|w| !versions.contains(w)) {
        versions.push(named);
    }
    html! {
        <label>{ "Windows " }
            <select aria-label="Windows Server version" onchange={dispatch.reform(|event: Event| Action::Family(DagAction::SetWindows(select_value(&event))))}>
                <option value="" selected={scenario.windows.is_none()}>{ format!("{} (default)", default.title()) }</option>
                { for versions.into_iter().map(|w| html! {
                    <option value={w.id()} selected={scenario.windows == Some(w)}>{ w.title() }</option>
                }) }
            </select>
        </label>
    }
}

fn server(props: &PanelProps, name: &str) -> Html {
    let state = &props.state;
    let dispatch = &props.dispatch;
    let scenario = &state.saved.scenario;
    let dag = &state.analysis.design;
    let moment = state.moment();
    let (Some(server), Some(report), Some(id)) = (
        scenario.servers.iter().find(|s| s.name == name),
        moment.servers.iter().find(|s| s.name == name),
        dag.server_id(name),
    ) else {
        return nothing();
    };
    let set = |make: fn(String) -> Option<ServerSetting>| {
        let (name, dispatch) = (name.to_string(), dispatch.clone());
        Callback::from(move |event: Event| {
            if let Some(setting) = make(field_value(&event)) {
                dispatch.emit(Action::Family(DagAction::SetServer { server: name.clone(), setting }));
            }
        })
    };
    let remove = Action::Family(DagAction::RemoveServer(name.to_string()));
    let move_to_site = {
        let server = name.to_string();
        dispatch.reform(move |event: Event| {
            Action::Family(DagAction::MoveServer { server: server.clone(), site: select_value(&event) })
        })
    };
    // Fields are rebuilt after a refusal, so a refused value does not linger.
    let key = |field: &str| format!("{field}-{name}-{}", state.refusals);
    html! {
        <>
            <h2>{ format!("Server {name}") }</h2>
            <p>{ format!("In {}; {}{}; {} active.", server.site, report.state, if report.maintenance { ", in maintenance" } else { "" }, clusterplan_core::words::count(report.active as usize, "database", "databases")) }</p>
            <label>{ "Site " }
                <select onchange={move_to_site} aria-label="Site">
                    { for scenario.sites.iter().map(|site| html! { <option value={site.name.clone()} selected={site.name == server.site}>{ site.name.clone() }</option> }) }
                </select></label>
            <label>{ "AutoDatabaseMountDial " }
                <select onchange={set(|v| pick(DIALS, &v).map(ServerSetting::MountDial))}>{ options(DIALS, server.mount_dial) }</select></label>
            <label>{ "DatabaseCopyAutoActivationPolicy " }
                <select onchange={set(|v| pick(POLICIES, &v).map(ServerSetting::Policy))}>{ options(POLICIES, server.activation_policy) }</select></label>
            <label>{ "MaximumActiveDatabases " }
                <input key={key("max-active")} type="text" inputmode="numeric" placeholder="none" value={server.max_active.map(|m| m.to_string()).unwrap_or_default()}
                    onchange={set(|v| Some(ServerSetting::MaxActive(v)))} /></label>
            <label>{ "MaximumPreferredActiveDatabases " }
                <input key={key("max-preferred")} type="text" inputmode="numeric" placeholder="none" value={server.max_preferred_active.map(|m| m.to_string()).unwrap_or_default()}
                    onchange={set(|v| Some(ServerSetting::MaxPreferredActive(v)))} /></label>
            <label title="AutoReseed (Exchange 2013 and later) reseeds a copy failed for 30 minutes onto a spare volume">{ "Spare volumes (AutoReseed) " }
                <input key={key("spares")} type="text" inputmode="numeric" placeholder="none" value={if server.spare_volumes > 0 { server.spare_volumes.to_string() } else { String::new() }}
                    onchange={set(|v| Some(ServerSetting::SpareVolumes(v)))} /></label>
            <div class="actions">
                <button onclick={apply_on_click(props, DagEvent::toggle_server(id, !report.failed))}>
                    { if report.failed { format!("Restore {name}") } else { format!("Fail {name}") } }</button>
                if report.maintenance {
                    <button onclick={apply_on_click(props, DagEvent::EndMaintenance(id))}
                        title="StopDagServerMaintenance.ps1: its copies may be activated again">{ "End maintenance" }</button>
                } else {
                    <button onclick={apply_on_click(props, DagEvent::StartMaintenance(id))}
                        title="StartDagServerMaintenance.ps1: its databases move to other copies, its copies are blocked from activation">{ "Start maintenance" }</button>
                }
                <button class="danger" onclick={dispatch.reform(move |_| remove.clone())}>{ format!("Remove {name}") }</button>
            </div>
        </>
    }
}

fn database(props: &PanelProps, name: &str) -> Html {
    let dispatch = &props.dispatch;
    let moment = props.state.moment();
    let Some(report) = moment.databases.iter().find(|d| d.name == name) else {
        return nothing();
    };
    let copies = report.copies.iter().map(|copy| {
        let select = Action::Select(Selection::Copy { database: name.to_string(), server: copy.server.clone() });
        html! {
            <li>
                <button onclick={dispatch.reform(move |_| select.clone())}>
                    { format!("{} — preference {}{}, {}", copy.server, copy.preference, if copy.lagged { ", lagged" } else { "" }, copy.state) }
                </button>
            </li>
        }
    });
    html! {
        <>
            <h2>{ format!("Database {name}") }</h2>
            <p>{ format!("{} ({}).", report.server.as_ref().map_or("Dismounted".to_string(), |s| format!("Mounted on {s}")), report.criterion) }</p>
            <p class="reason" title={report.source}>{ report.reason.clone() }</p>
            <h3>{ "Copies" }</h3>
            <ul>{ for copies }</ul>
        </>
    }
}

fn copy(props: &PanelProps, database: &str, server: &str) -> Html {
    let state = &props.state;
    let dispatch = &props.dispatch;
    let scenario = &state.saved.scenario;
    let dag = &state.analysis.design;
    let copy = scenario
        .databases
        .iter()
        .find(|d| d.name == database)
        .and_then(|d| d.copies.iter().find(|c| c.server == server));
    let moment = state.moment();
    let report =
        moment.databases.iter().find(|d| d.name == database).and_then(|d| d.copies.iter().find(|c| c.server == server));
    let id = dag.database_id(database).zip(dag.server_id(server)).and_then(|(d, s)| dag.copy_on(d, s));
    let (Some(copy), Some(report), Some(id)) = (copy, report, id) else {
        return nothing();
    };
    let set = |make: fn(String) -> Option<CopySetting>| {
        let (database, server, dispatch) = (database.to_string(), server.to_string(), dispatch.clone());
        Callback::from(move |event: Event| {
            if let Some(setting) = make(field_value(&event)) {
                dispatch.emit(Action::Family(DagAction::SetCopy {
                    database: database.clone(),
                    server: server.clone(),
                    setting,
                }));
            }
        })
    };
    let failed = report.state == CopyState::CopyFailed;
    let remove = Action::Family(DagAction::RemoveCopy { database: database.to_string(), server: server.to_string() });
    let move_to_server = {
        let (database, from) = (database.to_string(), server.to_string());
        dispatch.reform(move |event: Event| {
            Action::Family(DagAction::MoveCopy {
                database: database.clone(),
                from: from.clone(),
                to: select_value(&event),
            })
        })
    };
    let key = |field: &str| format!("{field}-{database}-{server}-{}", state.refusals);
    // Move-ActiveMailboxDatabase with the choices as the form has them when the button is pressed.
    let switchover = {
        let state = props.state.clone();
        dispatch.reform(move |_: MouseEvent| {
            let document = gloo::utils::document();
            let element = |id: &str| document.get_element_by_id(id);
            let dial = element("switchover-dial")
                .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlSelectElement>(e).ok())
                .and_then(|select| DialOverride::ALL.into_iter().find(|d| d.word() == select.value()))
                .unwrap_or_default();
            let skip = element("switchover-skip")
                .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(e).ok())
                .is_some_and(|input| input.checked());
            let choices = Choices { mount_dial: dial, skip_health_checks: skip };
            apply(&state, DagEvent::Switchover(id, choices))
        })
    };
    html! {
        <>
            <h2>{ format!("{database} on {server}") }</h2>
            <p>{ format!("Activation preference {}; {}.", copy.preference, report.state) }</p>
            <label>{ "Activation preference " }<input key={key("preference")} type="text" inputmode="numeric" value={copy.preference.to_string()}
                aria-describedby="preference-hint" onchange={set(|v| Some(CopySetting::Preference(v)))} /></label>
            <p id="preference-hint" class="muted">{ "The other copies keep their order around it (Set-MailboxDatabaseCopy -ActivationPreference)." }</p>
            <label>{ "On server " }
                <select onchange={move_to_server} aria-label="On server">
                    { for scenario.servers.iter().map(|s| html! { <option value={s.name.clone()} selected={s.name == server}>{ s.name.clone() }</option> }) }
                </select></label>
            <label>{ "Copy queue (logs) " }<input key={key("copy-queue")} type="text" inputmode="numeric" value={copy.copy_queue.to_string()} onchange={set(|v| Some(CopySetting::CopyQueue(v)))} /></label>
            <label>{ "Replay queue (logs) " }<input key={key("replay-queue")} type="text" inputmode="numeric" value={copy.replay_queue.to_string()} onchange={set(|v| Some(CopySetting::ReplayQueue(v)))} /></label>
            <label>{ "Replay lag (days) " }<input key={key("lag")} type="text" inputmode="numeric" value={copy.replay_lag_days.to_string()} onchange={set(|v| Some(CopySetting::LagDays(v)))} /></label>
            <label>{ "Content index " }<select onchange={set(|v| pick(INDEXES, &v).map(CopySetting::ContentIndex))}>{ options(INDEXES, copy.content_index) }</select></label>
            <label>{ "Status " }<select onchange={set(|v| pick(STATUSES, &v).map(CopySetting::Status))}>{ options(STATUSES, copy.status) }</select></label>
            <div class="actions">
                <button onclick={apply_on_click(props, DagEvent::toggle_copy(id, !failed))}>{ if failed { "Restore this copy" } else { "Fail this copy" } }</button>
                if report.suspended {
                    <button onclick={apply_on_click(props, DagEvent::ResumeCopy(id))} title="Resume-MailboxDatabaseCopy">{ "Resume this copy" }</button>
                    <button onclick={apply_on_click(props, DagEvent::Reseed(id))}
                        title="Update-MailboxDatabaseCopy: seeded again from the mounted copy, then healthy and resumed">{ "Reseed this copy" }</button>
                } else {
                    <button onclick={apply_on_click(props, DagEvent::SuspendCopy(id))}
                        title="Suspend-MailboxDatabaseCopy: not activated until resumed">{ "Suspend this copy" }</button>
                }
                <button onclick={switchover}
                    title="Move-ActiveMailboxDatabase: with the active copy running, its logs are copied here first">{ "Switchover here" }</button>
                <button class="danger" onclick={dispatch.reform(move |_| remove.clone())}>{ "Remove this copy" }</button>
            </div>
            <details class="switchover-choices">
                <summary>{ "Switchover: -MountDialOverride, -SkipHealthChecks" }</summary>
                <label>{ "-MountDialOverride " }
                    <select id="switchover-dial">
                        { for DialOverride::ALL.iter().map(|d| html! { <option value={d.word()} selected={*d == DialOverride::Lossless}>{ d.parameter() }</option> }) }
                    </select></label>
                <p class="muted">{ "Lossless, the cmdlet's default, mounts a copy missing no logs; BestEffort mounts it whatever it misses, losing those logs; None uses the server's AutoDatabaseMountDial." }</p>
                <label><input id="switchover-skip" type="checkbox" />{ " -SkipHealthChecks: to a copy in the Failed state" }</label>
            </details>
        </>
    }
}
