//! The side panels: results (quorum, each group's state, owner and reason, fail/restore controls, the
//! failures applied) and the IP plan (the count with its breakdown, addresses for the subnets the user
//! types). The findings panel is the shell's.

use std::rc::Rc;

use clusterplan_core::cluster::Event as ClusterEvent;
use clusterplan_core::cluster::design::{DiskId, FrontEndId, NetworkId, NodeId};
use clusterplan_core::cluster::ips::IpPlan;
use clusterplan_core::cluster::report::{GroupReport, NodeState};
use clusterplan_core::duration;
use ipnet::Ipv4Net;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{PanelProps, apply_on_click, toggle_label};
use crate::cluster::state::{Action, ClusterAction};

#[component]
pub fn Results(props: &PanelProps) -> Html {
    let state = &props.state;
    let outcome = state.moment();
    let apply = |event: ClusterEvent| apply_on_click(props, event);

    let quorum = &outcome.quorum;
    let quorum_line = if quorum.held {
        format!("Quorum held by {}: {}", quorum.owner.clone().unwrap_or_default(), quorum.reason)
    } else {
        format!("Quorum lost: {}", quorum.reason)
    };
    let groups = outcome.groups.iter().map(|g| group_row(g, true));
    let nodes = outcome.nodes.iter().enumerate().map(|(i, n)| {
        let up = !n.state.failed();
        let event = ClusterEvent::toggle_node(NodeId(i as u32), up);
        html! {
            <li class={classes!("control", n.state.word())}>
                <span>{ format!("{} — {}", n.name, n.state.label()) }</span>
                if n.state != NodeState::Evicted {
                    <button onclick={apply(event)}>{ toggle_label(up, &n.name) }</button>
                }
            </li>
        }
    });
    let networks = outcome.networks.iter().enumerate().map(|(i, n)| {
        let event = ClusterEvent::toggle_network(NetworkId(i as u32), n.up);
        html! {
            <li class={classes!("control", (!n.up).then_some("down"))}>
                <span>{ format!("network {} — {}", n.name, if n.up { "up" } else { "down" }) }</span>
                <button onclick={apply(event)}>{ toggle_label(n.up, &format!("network {}", n.name)) }</button>
            </li>
        }
    });
    let disks = outcome.disks.iter().enumerate().map(|(i, d)| {
        let event = ClusterEvent::toggle_disk(DiskId(i as u32), d.ok);
        let owner = d.owner.clone().map(|o| format!(", owned by {o}")).unwrap_or_default();
        html! {
            <li class={classes!("control", (!d.ok).then_some("down"))}>
                <span>{ format!("disk {} — {}{owner}", d.name, if d.ok { "ok" } else { "failed" }) }</span>
                <button onclick={apply(event)}>{ toggle_label(d.ok, &format!("disk {}", d.name)) }</button>
            </li>
        }
    });
    // Keyed by place: Yew matches an unkeyed list from its end, so each new failure would rewrite every line.
    let events = state.saved.events.iter().enumerate().map(|(i, e)| html! { <li key={i}>{ e.clone() }</li> });
    let clients = clients(props, &outcome);
    html! {
        <section id="results" tabindex="-1" class="panel results" aria-labelledby="results-title">
            <h2 id="results-title">{ "What survives" }</h2>
            <p class={classes!("quorum", (!quorum.held).then_some("lost"))} role="status">{ quorum_line }</p>
            <table class="groups">
                <thead><tr><th scope="col">{ "Group" }</th><th scope="col">{ "State" }</th><th scope="col">{ "Owner" }</th><th scope="col">{ "Why" }</th></tr></thead>
                <tbody>{ for groups }</tbody>
            </table>
            { clients }
            <h3>{ "Fail and restore" }</h3>
            <ul class="controls">{ for nodes }</ul>
            <details class="controls">
                <summary>{ "Networks and disks" }</summary>
                <ul>{ for networks }{ for disks }</ul>
            </details>
            <div class="events">
                <h3>{ "Failures applied" }</h3>
                if let Some(player) = &state.player {
                    <p class="empty">{ format!("Showing the failure script at {} (close the player to see these).", duration::clock(player.time_ms)) }</p>
                } else if state.saved.events.is_empty() {
                    <p class="empty">{ "None: the cluster is healthy." }</p>
                } else {
                    <ol>{ for events }</ol>
                }
            </div>
        </section>
    }
}

/// Who reaches the mailboxes, with the front-end servers' and the NLB cluster's fail/restore controls; nothing
/// when the design has no front-end servers.
fn clients(props: &PanelProps, outcome: &clusterplan_core::cluster::report::Outcome) -> Html {
    let clients = &outcome.clients;
    if clients.front_ends.is_empty() {
        return html! {};
    }
    let front_ends = clients.front_ends.iter().enumerate().map(|(i, f)| {
        let id = FrontEndId(i as u32);
        let event = if f.up { ClusterEvent::FailFrontEnd(id) } else { ClusterEvent::RestoreFrontEnd(id) };
        html! {
            <li class={classes!("control", (!f.up).then_some("down"))}>
                <span>{ format!("front-end {} — {}", f.name, if f.up { "up" } else { "down" }) }</span>
                <button onclick={apply_on_click(props, event)}>{ toggle_label(f.up, &format!("front-end {}", f.name)) }</button>
            </li>
        }
    });
    let nlb = clients.nlb.map(|up| {
        let event = if up { ClusterEvent::FailNlb } else { ClusterEvent::RestoreNlb };
        html! {
            <li class={classes!("control", (!up).then_some("down"))}>
                <span>{ format!("NLB cluster — {}", if up { "up" } else { "down" }) }</span>
                <button onclick={apply_on_click(props, event)}>{ toggle_label(up, "NLB cluster") }</button>
            </li>
        }
    });
    let cut_off = clients.evs.iter().filter(|e| !(e.mapi && e.internet)).map(|e| {
        html! { <li>{ format!("{}: {}", e.name, e.reason) }</li> }
    });
    html! {
        <div class="clients">
            <h3>{ "Clients" }</h3>
            <p class={classes!("served", (!clients.served).then_some("lost"))} role="status" aria-label="Clients"
                title={clients.source}>
                { format!("{}: {}", if clients.served { "Served" } else { "Not all served" }, clients.reason) }
            </p>
            <ul class="cut-off">{ for cut_off }</ul>
            <ul class="controls">{ for front_ends }{ for nlb }</ul>
        </div>
    }
}

/// A group's row: name, state, owner, and (when asked) the reason, with its source as the tooltip.
pub fn group_row(group: &GroupReport, with_reason: bool) -> Html {
    html! {
        <tr class={classes!("group-row", group.state.word())} data-group={group.name.clone()}>
            <th scope="row">{ group.name.clone() }</th>
            <td class="state">{ group.state_label() }</td>
            <td class="owner">{ group.owner.clone().unwrap_or_else(|| "—".into()) }</td>
            if with_reason {
                <td class="reason" title={group.source}>{ group.reason.clone() }</td>
            }
        </tr>
    }
}

/// A subnet as typed: empty for none, else an IPv4 subnet (its host bits dropped), or why it is not one.
pub fn read_subnet(text: &str) -> Result<Option<Ipv4Net>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<Ipv4Net>()
        .map(|subnet| Some(subnet.trunc()))
        .map_err(|_| format!("\"{text}\" is not an IPv4 subnet such as 192.168.10.0/24"))
}

/// What the IP panel shows: the plan, and each network's subnet.
#[derive(Properties, PartialEq, Clone)]
pub struct IpProps {
    pub plan: Rc<IpPlan>,
    pub subnets: Vec<(String, Option<Ipv4Net>)>,
    pub dispatch: Callback<Action>,
}

#[component]
pub fn IpPanel(props: &IpProps) -> Html {
    let plan = &props.plan;
    // A subnet that does not read stays in its field with the reason beside it (the design keeps the old
    // one) until the field reads again: (network, the text typed, the reason).
    let rejected = use_state(|| None::<(String, String, String)>);
    let breakdown = plan.breakdown.iter().map(|l| html! { <tr><td>{ l.count }</td><td>{ l.item.clone() }</td></tr> });
    let subnets = props.subnets.iter().enumerate().map(|(index, (network, subnet))| {
        let current = subnet.map(|s| s.to_string()).unwrap_or_default();
        let onchange = {
            let dispatch = props.dispatch.clone();
            let rejected = rejected.clone();
            let (name, current) = (network.clone(), current.clone());
            Callback::from(move |event: Event| {
                let text = event.target_unchecked_into::<HtmlInputElement>().value();
                match read_subnet(&text) {
                    Ok(subnet) => {
                        rejected.set(None);
                        dispatch.emit(Action::Family(ClusterAction::Set(
                            clusterplan_core::cluster::edit::Setting::Subnet(name.clone(), subnet),
                        )));
                    }
                    Err(reason) => {
                        let kept = if current.is_empty() { "no subnet".to_string() } else { current.clone() };
                        rejected.set(Some((name.clone(), text, format!("{reason}; {name} keeps {kept}"))));
                    }
                }
            })
        };
        let id = format!("subnet-{index}");
        let typed = rejected.as_ref().filter(|(n, _, _)| n == network);
        let value = typed.map_or(current, |(_, text, _)| text.clone());
        let message = typed.map(|(_, _, m)| m.clone());
        html! {
            <div class="subnet">
                <label for={id.clone()}>{ format!("Subnet of {network}") }</label>
                <input id={id} type="text" placeholder="e.g. 192.168.10.0/24" {value}
                    {onchange} aria-invalid={message.is_some().then_some("true")} />
                { for message.map(|m| html! { <span class="field-error" role="alert">{ m }</span> }) }
            </div>
        }
    });
    let assignments = plan.assignments.iter().map(|a| {
        html! {
            <tr>
                <td class="address">{ a.address.map(|x| x.to_string()).unwrap_or_else(|| "—".into()) }</td>
                <td>{ a.network.clone().unwrap_or_default() }</td>
                <td>{ a.holder.clone() }</td>
            </tr>
        }
    });
    let problems = plan.findings.iter().map(|f| html! { <p class="field-error">{ f.message.clone() }</p> });
    html! {
        <section class="panel ips" aria-labelledby="ips-title">
            <h2 id="ips-title">{ format!("Static IP addresses: {}", plan.total) }</h2>
            <p class="formula">{ format!("Recommended {} = {}", plan.recommended.formula, plan.recommended.total) }</p>
            <table class="breakdown"><tbody>{ for breakdown }</tbody></table>
            { for subnets }
            { for problems }
            <details>
                <summary>{ "Addresses" }</summary>
                <table class="assignments">
                    <thead><tr><th scope="col">{ "Address" }</th><th scope="col">{ "Network" }</th><th scope="col">{ "Holder" }</th></tr></thead>
                    <tbody>{ for assignments }</tbody>
                </table>
            </details>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::read_subnet;

    #[test]
    fn a_subnet_reads_or_says_why_not() {
        assert_eq!(read_subnet(" 10.10.10.7/24 ").unwrap().unwrap().to_string(), "10.10.10.0/24");
        assert_eq!(read_subnet("  ").unwrap(), None);
        assert_eq!(
            read_subnet("10.10.10.300/24").unwrap_err(),
            "\"10.10.10.300/24\" is not an IPv4 subnet such as 192.168.10.0/24"
        );
    }
}
