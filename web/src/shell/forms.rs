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
