//! Form fields both inspectors read: the value of the text field, select or check box an event came from.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The text of the input an event came from.
pub fn input_value(event: &Event) -> String {
    event.target_unchecked_into::<HtmlInputElement>().value()
}

/// The chosen value of the select an event came from.
pub fn select_value(event: &Event) -> String {
    event.target_unchecked_into::<HtmlSelectElement>().value()
}

/// Whether the check box an event came from is checked.
pub fn checked(event: &Event) -> bool {
    event.target_unchecked_into::<HtmlInputElement>().checked()
}

/// The value of the field an event came from, a select or an input.
pub fn field_value(event: &Event) -> String {
    if event.target_unchecked_into::<web_sys::Element>().tag_name() == "SELECT" {
        select_value(event)
    } else {
        input_value(event)
    }
}

/// A choice acted on only by its button: a select of `options` (value, label) after a placeholder, and a
/// button that hands the chosen value to `go`. Arrow keys on a closed select change its value (and fire
/// `change` in Chromium), so an action taken on `change` would run while the user is still looking.
pub fn choose_then(
    id: &str,
    label: &str,
    placeholder: &str,
    options: &[(String, String)],
    button: &str,
    go: Callback<String>,
) -> Html {
    let select = NodeRef::default();
    let onclick = {
        let select = select.clone();
        Callback::from(move |_: MouseEvent| {
            let value = select.cast::<HtmlSelectElement>().map(|s| s.value()).unwrap_or_default();
            if !value.is_empty() {
                go.emit(value);
            }
        })
    };
    html! {
        <span class="choose-then">
            <label for={id.to_string()} class="visually-hidden">{ label.to_string() }</label>
            <select id={id.to_string()} ref={select}>
                <option value="" selected=true>{ placeholder.to_string() }</option>
                { for options.iter().map(|(value, label)| html! { <option value={value.clone()}>{ label.clone() }</option> }) }
            </select>
            <button type="button" {onclick}>{ button.to_string() }</button>
        </span>
    }
}
