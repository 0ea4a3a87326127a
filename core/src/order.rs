//! Sorting through one comparator: every stable sort of the engine sorts positions with one
//! non-generic routine and then moves the items, instead of instantiating the standard library's sort
//! (about 8 KB of WebAssembly each) for every item type and key. The order is the standard stable sort's.

use std::cmp::Ordering;

/// Sorts `items` stably by `compare`, like `slice::sort_by`.
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = positions(items.len(), &ByItems { items, compare });
    permute(items, order);
}

/// How two positions compare. A trait of one method rather than `dyn Fn`, whose table would carry two
/// more copies of each comparison (its `FnMut` and `FnOnce` shims).
trait Compare {
    fn compare(&self, a: usize, b: usize) -> Ordering;
}

/// Positions compared by the items at them.
struct ByItems<'a, T, F> {
    items: &'a [T],
    compare: F,
}

impl<T, F: Fn(&T, &T) -> Ordering> Compare for ByItems<'_, T, F> {
    fn compare(&self, a: usize, b: usize) -> Ordering {
        (self.compare)(&self.items[a], &self.items[b])
    }
}

/// Sorts `items` stably by the key `key` gives, like `slice::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in their own order, like `slice::sort`.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// Sorts `items` and removes the repeats, as a `BTreeSet` would hold them.
pub fn sort_dedup<T: Ord>(items: &mut Vec<T>) {
    sort(items);
    items.dedup();
}

/// The positions `0..len` in the stable order `compare` gives them: the one instantiation of the sort.
fn positions(len: usize, compare: &dyn Compare) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare.compare(a, b));
    order
}

/// Puts the item at `order[i]` in position `i`, following each cycle of the permutation once.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..items.len() {
        let mut current = start;
        loop {
            let next = order[current];
            // A position set to itself is settled; the cycle through `start` closes when it comes back.
            order[current] = current;
            if next == start || next == current {
                break;
            }
            items.swap(current, next);
            current = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The same order as the standard stable sort, ties included (the payload tells equal keys apart).
        #[test]
        fn orders_as_the_standard_stable_sort(items in proptest::collection::vec((0u8..6, any::<u16>()), 0..60)) {
            let mut ours = items.clone();
            sort_by_key(&mut ours, |&(key, _)| key);
            let mut standard = items;
            standard.sort_by_key(|&(key, _)| key);
            prop_assert_eq!(ours, standard);
        }

        #[test]
        fn sort_dedup_holds_what_a_set_holds(items in proptest::collection::vec(0u8..20, 0..60)) {
            let mut ours = items.clone();
            sort_dedup(&mut ours);
            let set: Vec<u8> = items.into_iter().collect::<std::collections::BTreeSet<_>>().into_iter().collect();
            prop_assert_eq!(ours, set);
        }
    }
}
