//! A new symmetric DAG from its shape: members and copies per datacenter, databases, a lagged copy or not,
//! the active copies balanced or in the primary datacenter, where the witness stands, and a client
//! namespace (kept when the design has one).

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::dag::state::{Action, DagAction, GeneratorForm};

#[derive(Properties, PartialEq)]
pub struct GeneratorProps {
    /// Whether the design has a client namespace now: the new DAG keeps one by default.
    pub namespace: bool,
    pub dispatch: Callback<Action>,
}

#[component]
pub fn Generator(props: &GeneratorProps) -> Html {
    let per_site = use_node_ref();
    let databases = use_node_ref();
    let copies = use_node_ref();
    let lagged = use_node_ref();
    let actives = use_node_ref();
    let witness = use_node_ref();
    let namespace = use_node_ref();
    let onclick = {
        let refs = (
            per_site.clone(),
            databases.clone(),
            copies.clone(),
            lagged.clone(),
            actives.clone(),
            witness.clone(),
            namespace.clone(),
        );
        props.dispatch.reform(move |_| {
            let (per_site, databases, copies, lagged, actives, witness, namespace) = &refs;
            let text = |r: &NodeRef| r.cast::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default();
            let ticked = |r: &NodeRef| r.cast::<HtmlInputElement>().is_some_and(|i| i.checked());
            let chosen = |r: &NodeRef| r.cast::<HtmlSelectElement>().map(|s| s.value()).unwrap_or_default();
            Action::Family(DagAction::Generate(GeneratorForm {
                per_site: text(per_site),
                databases: text(databases),
                copies_per_site: text(copies),
                lagged: ticked(lagged),
                actives_in_primary: chosen(actives) == "primary",
                witness_site: chosen(witness),
                namespace: ticked(namespace),
            }))
        })
    };
    html! {
        <details class="generator">
            <summary>{ "Build a symmetric DAG (the Preferred Architecture's shape, or your own)" }</summary>
            <label>{ "Members per datacenter " }<input ref={per_site} type="text" inputmode="numeric" value="4" /></label>
            <label>{ "Databases " }<input ref={databases} type="text" inputmode="numeric" value="16" /></label>
            <label>{ "Copies per datacenter " }<input ref={copies} type="text" inputmode="numeric" value="2" /></label>
            <label class="checkbox"><input ref={lagged} type="checkbox" checked=true />{ " The last copy lagged 7 days" }</label>
            <label>{ "Active copies " }
                <select ref={actives}>
                    <option value="balanced" selected=true>{ "balanced over both datacenters" }</option>
                    <option value="primary">{ "all in the primary datacenter (dc1)" }</option>
                </select>
            </label>
            <label>{ "Witness in " }
                <select ref={witness}>
                    <option value="dc3" selected=true>{ "dc3 (a third site)" }</option>
                    <option value="dc1">{ "dc1 (the primary datacenter)" }</option>
                </select>
            </label>
            <label class="checkbox"><input ref={namespace} type="checkbox" checked={props.namespace} />
                { " Client namespace (an address in each datacenter)" }</label>
            <button {onclick}>{ "Build" }</button>
        </details>
    }
}
