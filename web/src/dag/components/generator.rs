//! A new symmetric DAG in the Preferred Architecture's shape, from three numbers: members per datacenter,
//! databases, and where the witness stands.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::dag::state::Action;

#[derive(Properties, PartialEq)]
pub struct GeneratorProps {
    pub dispatch: Callback<Action>,
}

#[component]
pub fn Generator(props: &GeneratorProps) -> Html {
    let per_site = use_node_ref();
    let databases = use_node_ref();
    let witness = use_node_ref();
    let onclick = {
        let (per_site, databases, witness) = (per_site.clone(), databases.clone(), witness.clone());
        props.dispatch.reform(move |_| Action::Generate {
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
