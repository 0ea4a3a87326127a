//! The inspector: edits the selected thing (or the cluster when nothing is selected). Each form sends a
//! typed setting (core's `edit::Setting`) to the reducer, which keeps the change only if the engine can
//! load the design.

use clusterplan_core::cluster::Event as ClusterEvent;
use clusterplan_core::cluster::design::ResourceId;
use clusterplan_core::cluster::edit::{FailbackKind, GroupSetting, Setting, Thing};
use clusterplan_core::cluster::model::{
    ExchangeEdition, Failback, MsdtcPlacement, NetworkRole, Quorum, RestartAction, WindowsEdition,
};
use clusterplan_core::cluster::report::NodeState;
use yew::prelude::*;

use super::{PanelProps, apply, apply_on_click, toggle_label};
use crate::cluster::state::{Action, ClusterAction, Selection};
use crate::shell::forms::{checked, choose_then, input_value, select_value};

/// The Windows editions the form offers: the value, its id in the scenario format, its label.
const WINDOWS: &[(WindowsEdition, &str, &str)] = &[
    (WindowsEdition::Server2003Enterprise, "server-2003-enterprise", "Windows Server 2003 Enterprise"),
    (WindowsEdition::Server2003Datacenter, "server-2003-datacenter", "Windows Server 2003 Datacenter"),
    (WindowsEdition::Server2003Standard, "server-2003-standard", "Windows Server 2003 Standard"),
    (WindowsEdition::Windows2000AdvancedServer, "2000-advanced-server", "Windows 2000 Advanced Server"),
    (WindowsEdition::Windows2000Datacenter, "2000-datacenter", "Windows 2000 Datacenter"),
    (WindowsEdition::Windows2000Server, "2000-server", "Windows 2000 Server"),
];

/// The Exchange editions the form offers.
const EXCHANGE: &[(ExchangeEdition, &str, &str)] = &[
    (ExchangeEdition::Exchange2003Enterprise, "2003-enterprise", "Exchange 2003 Enterprise"),
    (ExchangeEdition::Exchange2003Standard, "2003-standard", "Exchange 2003 Standard"),
];

/// A text field that commits on change (Enter or leaving it). Its key changes with its value and after a
/// refused action, so a refused value does not linger, and otherwise the field is left alone.
fn text_field(label: &str, id: &str, value: &str, revision: u32, onchange: Callback<String>) -> Html {
    let onchange = Callback::from(move |event: Event| onchange.emit(input_value(&event)));
    html! {
        <div class="field">
            <label for={id.to_string()}>{ label }</label>
            <input key={format!("{id}-{revision}-{value}")} id={id.to_string()} type="text" value={value.to_string()} {onchange} />
        </div>
    }
}

/// A select of (value, label) options.
fn select_field(label: &str, id: &str, options: &[(&str, &str)], current: &str, onchange: Callback<String>) -> Html {
    let onchange = Callback::from(move |event: Event| onchange.emit(select_value(&event)));
    html! {
        <div class="field">
            <label for={id.to_string()}>{ label }</label>
            <select id={id.to_string()} {onchange}>
                { for options.iter().map(|(value, text)| html! {
                    <option value={value.to_string()} selected={*value == current}>{ *text }</option>
                }) }
            </select>
        </div>
    }
}

/// A whole number field; anything else is refused in place.
fn number_field(
    label: &str,
    id: &str,
    value: u32,
    revision: u32,
    onchange: Callback<u32>,
    error: UseStateHandle<Option<String>>,
) -> Html {
    let owned = id.to_string();
    let onchange = {
        let label = label.to_string();
        Callback::from(move |event: Event| match input_value(&event).trim().parse::<u32>() {
            Ok(number) => {
                error.set(None);
                onchange.emit(number);
            }
            Err(_) => error.set(Some(format!("{label}: a whole number from 0, please"))),
        })
    };
    html! {
        <div class="field">
            <label for={owned.clone()}>{ label }</label>
            <input key={format!("{owned}-{revision}-{value}")} id={owned} type="number" min="0" value={value.to_string()} {onchange} />
        </div>
    }
}

/// A group's state and why, without saying the state twice when the reason starts with it
/// ("failed: failed: node4 failed…").
fn state_line(state: &str, reason: &str) -> String {
    match reason.strip_prefix(state).and_then(|rest| rest.strip_prefix(':')) {
        Some(_) => reason.to_string(),
        None => format!("{state}: {reason}"),
    }
}

/// The front-end servers a field lists, separated by commas or spaces: `fe1, fe2`.
fn front_end_names(text: &str) -> Vec<String> {
    text.split([',', ' ']).map(str::trim).filter(|name| !name.is_empty()).map(str::to_string).collect()
}

/// Turns a form's value into the setting it sets (none for a value the form does not offer) and dispatches
/// it; core's `edit::set` changes the design.
fn setter<T: 'static>(props: &PanelProps, setting: impl Fn(T) -> Option<Setting> + 'static) -> Callback<T> {
    let dispatch = props.dispatch.clone();
    Callback::from(move |value: T| {
        if let Some(setting) = setting(value) {
            dispatch.emit(Action::Family(ClusterAction::Set(setting)));
        }
    })
}

/// [`setter`] for a setting of the EVS named `group`.
fn group_setter<T: 'static>(
    props: &PanelProps,
    group: &str,
    setting: impl Fn(T) -> Option<GroupSetting> + 'static,
) -> Callback<T> {
    let group = group.to_string();
    setter(props, move |value| setting(value).map(|setting| Setting::Group(group.clone(), setting)))
}

#[component]
pub fn Inspector(props: &PanelProps) -> Html {
    let error = use_state(|| None::<String>);
    let body = match props.state.selection.clone() {
        Selection::Cluster => cluster(props, error.clone()),
        Selection::Node(name) => node(props, &name),
        Selection::Group(name) => group(props, &name, error.clone()),
        Selection::Disk(name) => disk(props, &name),
        Selection::Network(name) => network(props, &name),
    };
    html! {
        <section id="inspector" tabindex="-1" class="panel inspector" aria-labelledby="inspector-title">
            { body }
            { for (*error).clone().map(|e| html! { <p class="field-error" role="alert">{ e }</p> }) }
        </section>
    }
}

fn revision(props: &PanelProps) -> u32 {
    props.state.refusals
}

fn cluster(props: &PanelProps, error: UseStateHandle<Option<String>>) -> Html {
    let s = &props.state.saved.scenario;
    let rev = revision(props);
    let windows: Vec<(&str, &str)> = WINDOWS.iter().map(|(_, id, label)| (*id, *label)).collect();
    let current_windows = WINDOWS.iter().find(|(e, ..)| *e == s.windows).map_or("", |(_, id, _)| id);
    let current_exchange = EXCHANGE.iter().find(|(e, ..)| *e == s.exchange).map_or("", |(_, id, _)| id);
    let exchange: Vec<(&str, &str)> = EXCHANGE.iter().map(|(_, id, label)| (*id, *label)).collect();
    let disks: Vec<(String, String)> =
        s.disks.iter().map(|d| (d.name.clone(), format!("Quorum disk {}", d.name))).collect();
    let mut quorum_options: Vec<(&str, &str)> = vec![("majority-node-set", "Majority node set")];
    quorum_options.extend(disks.iter().map(|(v, l)| (v.as_str(), l.as_str())));
    let current_quorum = match &s.quorum {
        Quorum::Disk { disk } => disk.clone(),
        Quorum::MajorityNodeSet => "majority-node-set".into(),
    };
    let msdtc = match s.cluster_group.msdtc.placement {
        MsdtcPlacement::ClusterGroup => "cluster-group",
        MsdtcPlacement::OwnGroup => "own-group",
        MsdtcPlacement::None => "none",
    };
    html! {
        <>
            <h2 id="inspector-title">{ "Cluster" }</h2>
            { text_field("Design name", "design-name", &s.name, rev, setter(props, |v: String| Some(Setting::Name(v)))) }
            { text_field("Cluster name", "cluster-name", &s.cluster_name, rev, setter(props, |v: String| Some(Setting::ClusterName(v)))) }
            { select_field("Windows", "windows", &windows, current_windows, setter(props, |v: String| {
                WINDOWS.iter().find(|(_, id, _)| *id == v).map(|(edition, ..)| Setting::Windows(*edition))
            })) }
            { select_field("Exchange", "exchange", &exchange, current_exchange, setter(props, |v: String| {
                EXCHANGE.iter().find(|(_, id, _)| *id == v).map(|(edition, ..)| Setting::Exchange(*edition))
            })) }
            { select_field("Quorum", "quorum", &quorum_options, &current_quorum, setter(props, |v: String| {
                Some(Setting::Quorum(if v == "majority-node-set" { Quorum::MajorityNodeSet } else { Quorum::Disk { disk: v } }))
            })) }
            { select_field("MSDTC", "msdtc", &[("cluster-group", "In the Cluster Group"), ("own-group", "In its own group"), ("none", "Not installed")],
                msdtc, setter(props, |v: String| {
                Some(Setting::Msdtc(match v.as_str() { "own-group" => MsdtcPlacement::OwnGroup, "none" => MsdtcPlacement::None, _ => MsdtcPlacement::ClusterGroup }))
            })) }
            <h3>{ "Client tier (outside the cluster)" }</h3>
            { text_field("Front-end servers", "front-ends", &s.front_ends.servers.join(", "), rev, setter(props, |v: String| {
                Some(Setting::FrontEnds(front_end_names(&v)))
            })) }
            { select_field("Network Load Balancing", "nlb", &[("nlb", "The front-end servers share an NLB address"), ("none", "No NLB: clients know one server")],
                if s.front_ends.nlb { "nlb" } else { "none" }, setter(props, |v: String| Some(Setting::Nlb(v == "nlb")))) }
            <p class="hint">{ "Select a node, an EVS, a disk or a network on the diagram to edit it; add them with the buttons above the diagram." }</p>
            { for (*error).clone().map(|_| html! {}) }
        </>
    }
}

fn node(props: &PanelProps, name: &str) -> Html {
    let d = &props.dispatch;
    let outcome = props.state.moment();
    let Some(report) = outcome.nodes.iter().find(|n| n.name == name) else {
        return html! { <h2 id="inspector-title">{ "Nothing selected" }</h2> };
    };
    let design = &props.state.analysis.design;
    let Some(id) = design.node_id(name) else {
        return html! { <h2 id="inspector-title">{ "Nothing selected" }</h2> };
    };
    let up = !report.state.failed();
    let old = name.to_string();
    let rename = d.reform(move |new: String| Action::Family(ClusterAction::Rename(Thing::Node, old.clone(), new)));
    let toggle = apply_on_click(props, ClusterEvent::toggle_node(id, up));
    // An operator step: cluster node NODE /pause keeps what the node runs and sends it nothing more.
    let paused = report.state == NodeState::Paused;
    let evicted = report.state == NodeState::Evicted;
    // cluster node NODE /evict, once its Cluster service is stopped (the node is down).
    let evict = (!up && !evicted).then(|| {
        html! {
            <button onclick={apply_on_click(props, ClusterEvent::EvictNode(id))}
                title="cluster node /evict: it leaves the cluster for good; a majority node set counts the nodes left">{ format!("Evict {name}") }</button>
        }
    });
    let pause = up.then(|| {
        let (event, label) = if paused {
            (ClusterEvent::ResumeNode(id), format!("Resume {name}"))
        } else {
            (ClusterEvent::PauseNode(id), format!("Pause {name}"))
        };
        html! {
            <button onclick={apply_on_click(props, event)}
                title="cluster node /pause: it keeps its groups, takes no group by failover or move; /resume ends it">{ label }</button>
        }
    });
    let nics = report.nics.iter().filter_map(|nic| {
        let network = design.network_id(&nic.name)?;
        Some(html! {
            <li class={classes!("control", (!nic.up).then_some("down"))}>
                <span>{ format!("NIC on {} — {}", nic.name, if nic.up { "up" } else { "down" }) }</span>
                <button onclick={apply_on_click(props, ClusterEvent::toggle_nic(id, network, nic.up))}>{ toggle_label(nic.up, &format!("{name}'s NIC on {}", nic.name)) }</button>
            </li>
        })
    });
    let remove = {
        let n = name.to_string();
        d.reform(move |_| Action::Family(ClusterAction::RemoveNode(n.clone())))
    };
    html! {
        <>
            <h2 id="inspector-title">{ format!("Node {name}") }</h2>
            <p>{ format!("{} — runs {}", report.state.word().replace('-', " "), if report.groups.is_empty() { "nothing".to_string() } else { report.groups.join(", ") }) }</p>
            { text_field("Name", "node-name", name, revision(props), rename) }
            <div class="actions">
                if !evicted {
                    <button onclick={toggle}>{ toggle_label(up, name) }</button>
                }
                { for pause }
                { for evict }
                <button class="danger" onclick={remove}>{ format!("Remove {name}") }</button>
            </div>
            <ul>{ for nics }</ul>
            <p class="hint">{ "Arrow keys move a focused node on the diagram." }</p>
        </>
    }
}

fn group(props: &PanelProps, name: &str, error: UseStateHandle<Option<String>>) -> Html {
    let state = &props.state;
    let d = &props.dispatch;
    let s = &state.saved.scenario;
    let Some(index) = s.groups.iter().position(|g| g.name == name) else {
        return html! { <h2 id="inspector-title">{ "Nothing selected" }</h2> };
    };
    let spec = &s.groups[index];
    let moment = state.moment();
    let report = moment.groups.iter().find(|g| g.name == name);
    let rev = revision(props);
    let old = name.to_string();
    let rename = d.reform(move |new: String| Action::Family(ClusterAction::Rename(Thing::Group, old.clone(), new)));

    let preferred = spec.preferred_owners.join(", ");
    let set_preferred = group_setter(props, name, |v: String| {
        Some(GroupSetting::PreferredOwners(
            v.split(',').map(|n| n.trim().to_string()).filter(|n| !n.is_empty()).collect(),
        ))
    });
    let failback = match spec.failback {
        Failback::Never => "never",
        Failback::Immediately => "immediately",
        Failback::Window { .. } => "window",
    };
    let set_failback = group_setter(props, name, |v: String| {
        Some(GroupSetting::Failback(match v.as_str() {
            "immediately" => FailbackKind::Immediately,
            "window" => FailbackKind::Window,
            _ => FailbackKind::Never,
        }))
    });
    let window_fields = match spec.failback {
        Failback::Window { start_hour, end_hour } => html! {
            <>
                { number_field("Failback window starts (hour)", "failback-start", start_hour.into(), rev, group_setter(props, name, |v: u32| {
                    Some(GroupSetting::WindowHour { end: false, hour: v.min(255) as u8 })
                }), error.clone()) }
                { number_field("Failback window ends (hour)", "failback-end", end_hour.into(), rev, group_setter(props, name, |v: u32| {
                    Some(GroupSetting::WindowHour { end: true, hour: v.min(255) as u8 })
                }), error.clone()) }
            </>
        },
        _ => html! {},
    };

    let move_options: Vec<(String, String)> = s.nodes.iter().map(|n| (n.name.clone(), n.name.clone())).collect();
    let group_id = clusterplan_core::cluster::design::GroupId(index as u32);
    let move_to = {
        let d = d.clone();
        let state = props.state.clone();
        Callback::from(move |node: String| {
            if let Some(node) = state.analysis.design.node_id(&node) {
                d.emit(apply(&state, ClusterEvent::Move(group_id, node)));
            }
        })
    };
    let online = apply_on_click(props, ClusterEvent::Online(group_id));

    let resources = spec.resources.iter().enumerate().map(|(r, resource)| {
        let state_word = report.and_then(|g| g.resources.iter().find(|x| x.name == resource.name)).map_or("offline", |x| x.state.word());
        let fail = apply_on_click(props, ClusterEvent::FailResource(ResourceId { group: group_id, index: r as u32 }));
        let action = match resource.restart.action {
            RestartAction::DontRestart => "dont-restart",
            RestartAction::Restart => "restart",
            RestartAction::RestartAffectGroup => "restart-affect-group",
        };
        let set_action = group_setter(props, name, move |v: String| {
            Some(GroupSetting::Restart(
                r,
                match v.as_str() {
                    "dont-restart" => RestartAction::DontRestart,
                    "restart" => RestartAction::Restart,
                    _ => RestartAction::RestartAffectGroup,
                },
            ))
        });
        let id = format!("restart-{r}");
        let onchange = Callback::from(move |event: Event| set_action.emit(select_value(&event)));
        html! {
            <li class={classes!("resource", state_word)}>
                <span class="resource-name">{ format!("{} ({}) — {state_word}", resource.name, resource.kind.title()) }</span>
                <label for={id.clone()} class="visually-hidden">{ format!("Restart policy of {}", resource.name) }</label>
                <select {id} {onchange}>
                    <option value="restart-affect-group" selected={action == "restart-affect-group"}>{ "restart, affect the group" }</option>
                    <option value="restart" selected={action == "restart"}>{ "restart only" }</option>
                    <option value="dont-restart" selected={action == "dont-restart"}>{ "don't restart" }</option>
                </select>
                <button onclick={fail}>{ format!("Fail {}", resource.name) }</button>
            </li>
        }
    });

    let storage_groups = spec.storage_groups.iter().enumerate().map(|(k, sg)| {
        let remove = group_setter(props, name, move |_: ()| Some(GroupSetting::RemoveStorageGroup(k)));
        html! {
            <li>
                { number_field(&format!("Stores in {}", sg.name), &format!("stores-{k}"), sg.stores, rev,
                    group_setter(props, name, move |v: u32| Some(GroupSetting::Stores(k, v))), error.clone()) }
                <button onclick={remove.reform(|_| ())}>{ format!("Remove {}", sg.name) }</button>
            </li>
        }
    });
    let add_storage_group = group_setter(props, name, |_: ()| Some(GroupSetting::AddStorageGroup));
    let remove = {
        let n = name.to_string();
        d.reform(move |_| Action::Family(ClusterAction::RemoveGroup(n.clone())))
    };

    html! {
        <>
            <h2 id="inspector-title">{ format!("EVS {name}") }</h2>
            { for report.map(|g| html! { <p class={classes!("group-state", g.state.word())}>{ state_line(g.state_label(), &g.reason) }</p> }) }
            { text_field("Name", "group-name", name, rev, rename) }
            <div class="actions">
                { choose_then("move-to", &format!("Move {name} to a node"), "Move to…", &move_options, "Move", move_to) }
                if report.is_some_and(|g| g.state != "online") {
                    <button onclick={online}>{ format!("Bring {name} online") }</button>
                }
                <button class="danger" onclick={remove}>{ format!("Remove {name}") }</button>
            </div>
            { text_field("Preferred owners (in order, comma-separated)", "preferred", &preferred, rev, set_preferred) }
            { select_field("Failback", "failback", &[("never", "Never (default)"), ("immediately", "Immediately"), ("window", "Inside a window of hours")], failback, set_failback) }
            { window_fields }
            { number_field("Failover threshold (in the period)", "failover-threshold", spec.failover.threshold, rev,
                group_setter(props, name, |v: u32| Some(GroupSetting::FailoverThreshold(v))), error.clone()) }
            { number_field("Concurrent MAPI users", "mapi-users", spec.mapi_users, rev,
                group_setter(props, name, |v: u32| Some(GroupSetting::MapiUsers(v))), error.clone()) }
            <h3>{ "Storage groups" }</h3>
            <ul class="storage-groups">{ for storage_groups }</ul>
            <button onclick={add_storage_group.reform(|_| ())}>{ "Add storage group" }</button>
            <h3>{ "Resources" }</h3>
            <ul class="resources">{ for resources }</ul>
        </>
    }
}

fn disk(props: &PanelProps, name: &str) -> Html {
    let d = &props.dispatch;
    let s = &props.state.saved.scenario;
    let Some(index) = s.disks.iter().position(|x| x.name == name) else {
        return html! { <h2 id="inspector-title">{ "Nothing selected" }</h2> };
    };
    let moment = props.state.moment();
    let report = moment.disks.iter().find(|x| x.name == name);
    let ok = report.is_none_or(|x| x.ok);
    let old = name.to_string();
    let rename = d.reform(move |new: String| Action::Family(ClusterAction::Rename(Thing::Disk, old.clone(), new)));
    let disk_name = name.to_string();
    let raid = setter(props, move |v: bool| Some(Setting::Raid(disk_name.clone(), v)));
    let onraid = Callback::from(move |event: Event| raid.emit(checked(&event)));
    let toggle =
        apply_on_click(props, ClusterEvent::toggle_disk(clusterplan_core::cluster::design::DiskId(index as u32), ok));
    let remove = {
        let n = name.to_string();
        d.reform(move |_| Action::Family(ClusterAction::RemoveDisk(n.clone())))
    };
    html! {
        <>
            <h2 id="inspector-title">{ format!("Disk {name}") }</h2>
            <p>{ format!("{}{}", if ok { "ok" } else { "failed" }, report.and_then(|x| x.owner.clone()).map(|o| format!(", owned by {o}")).unwrap_or_default()) }</p>
            { text_field("Name", "disk-name", name, revision(props), rename) }
            <div class="field checkbox">
                <input id="raid" type="checkbox" checked={s.disks[index].raid} onchange={onraid} />
                <label for="raid">{ "On RAID" }</label>
            </div>
            <div class="actions">
                <button onclick={toggle}>{ toggle_label(ok, &format!("disk {name}")) }</button>
                <button class="danger" onclick={remove}>{ format!("Remove {name}") }</button>
            </div>
        </>
    }
}

fn network(props: &PanelProps, name: &str) -> Html {
    let d = &props.dispatch;
    let s = &props.state.saved.scenario;
    let Some(index) = s.networks.iter().position(|x| x.name == name) else {
        return html! { <h2 id="inspector-title">{ "Nothing selected" }</h2> };
    };
    let up = props.state.moment().networks.iter().find(|x| x.name == name).is_none_or(|x| x.up);
    let old = name.to_string();
    let rename = d.reform(move |new: String| Action::Family(ClusterAction::Rename(Thing::Network, old.clone(), new)));
    let role = match s.networks[index].role {
        NetworkRole::Public => "public",
        NetworkRole::Private => "private",
        NetworkRole::Mixed => "mixed",
    };
    let network_name = name.to_string();
    let set_role = setter(props, move |v: String| {
        let role = match v.as_str() {
            "public" => NetworkRole::Public,
            "private" => NetworkRole::Private,
            _ => NetworkRole::Mixed,
        };
        Some(Setting::NetworkRole(network_name.clone(), role))
    });
    let toggle = apply_on_click(
        props,
        ClusterEvent::toggle_network(clusterplan_core::cluster::design::NetworkId(index as u32), up),
    );
    let remove = {
        let n = name.to_string();
        d.reform(move |_| Action::Family(ClusterAction::RemoveNetwork(n.clone())))
    };
    html! {
        <>
            <h2 id="inspector-title">{ format!("Network {name}") }</h2>
            { text_field("Name", "network-name", name, revision(props), rename) }
            { select_field("Role", "network-role", &[("mixed", "Mixed: clients and heartbeat"), ("public", "Public: clients only"), ("private", "Private: heartbeat only")], role, set_role) }
            <div class="actions">
                <button onclick={toggle}>{ toggle_label(up, &format!("network {name}")) }</button>
                <button class="danger" onclick={remove}>{ format!("Remove {name}") }</button>
            </div>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::{front_end_names, state_line};

    #[test]
    fn a_groups_state_is_said_once() {
        assert_eq!(
            state_line("failed", "failed: node4 failed and no node can take it"),
            "failed: node4 failed and no node can take it"
        );
        assert_eq!(state_line("online", "started on node2"), "online: started on node2");
        assert_eq!(
            state_line("failed", "failedover twice"),
            "failed: failedover twice",
            "a word that only begins alike"
        );
    }

    #[test]
    fn front_end_servers_are_listed_by_commas_or_spaces() {
        assert_eq!(front_end_names("fe1, fe2"), ["fe1", "fe2"]);
        assert_eq!(front_end_names(" fe1 fe2,,fe3 "), ["fe1", "fe2", "fe3"]);
        assert!(front_end_names(" , ").is_empty(), "an empty field leaves no front-end servers");
    }
}
