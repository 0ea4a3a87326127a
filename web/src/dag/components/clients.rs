//! The client-access tier: the namespace, each of its load-balanced addresses with a button to fail or
//! restore it (and, for Exchange 2010, to point DNS at it), the addresses clients use, the databases they
//! cannot reach, and whether mail is lost. Shown only when the design has a namespace.

use clusterplan_core::dag::Event;
use clusterplan_core::dag::clients::VipState;
use yew::prelude::*;

use super::{PanelProps, apply_on_click};

#[component]
pub fn Clients(props: &PanelProps) -> Html {
    let state = &props.state;
    let outcome = state.moment();
    let Some(clients) = &outcome.clients else { return html! {} };
    let dag = &state.analysis.design;
    let acting = state.player.is_none();
    let vips = dag.vip_ids().zip(&clients.vips).map(|(vip, report)| {
        let up = report.state == VipState::Up;
        let failed = report.state == VipState::Failed;
        let label = format!("{} in {}: {}{}", report.name, report.site, report.state.word().replace('-', " "),
            if report.in_dns { "" } else { " (not in DNS)" });
        html! {
            <li class={classes!("vip", if up { "up" } else { "down" })}>
                { label }
                if acting {
                    <button onclick={apply_on_click(props, if failed { Event::RestoreVip(vip) } else { Event::FailVip(vip) })}
                        aria-label={format!("{} {}", if failed { "Restore" } else { "Fail" }, report.name)}>
                        { if failed { "Restore" } else { "Fail" } }</button>
                    if !report.in_dns {
                        <button onclick={apply_on_click(props, Event::SwitchNamespace(vip))}
                            title="Exchange 2010: change the namespace's DNS record (a namespace switchover)">
                            { format!("Point DNS at {}", report.name) }</button>
                    }
                }
            </li>
        }
    });
    let unserved: Vec<&str> = clients.databases.iter().filter(|d| !d.served).map(|d| d.name.as_str()).collect();
    html! {
        <section class="panel clients" aria-label="Clients">
            <h2>{ format!("Clients of {}", clients.namespace) }</h2>
            <p class={classes!("served", if clients.served { "held" } else { "lost" })} role="status" aria-label="Clients served">
                <strong>{ if clients.served { "Served" } else if clients.through.is_empty() { "Cut off" } else { "Not all served" } }</strong>
                { if clients.through.is_empty() { String::new() } else { format!(" through {}", clients.through.join(", ")) } }
            </p>
            <p class="reason" title={clients.source}>{ clients.reason.clone() }</p>
            if !unserved.is_empty() {
                <p>{ format!("Not reached: {}.", unserved.join(", ")) }</p>
            }
            <ul class="vips">{ for vips }</ul>
            <p class="muted" title={clients.mail_source}>{ format!("Is mail lost? {}", clients.mail) }</p>
        </section>
    }
}
