//! Shared values compared by identity. The reducers make a new `Rc` for every change and never edit one in
//! place, so two `Rc`s hold the same thing when they are the same allocation; comparing them so costs nothing
//! however big the design, where comparing contents walked a 200-database DAG for every component's props on
//! every render.

use std::rc::Rc;

/// Whether `a` and `b` are the same shared value.
pub fn same<T: ?Sized>(a: &Rc<T>, b: &Rc<T>) -> bool {
    Rc::ptr_eq(a, b)
}

/// Whether `a` and `b` are both absent or the same shared value.
pub fn same_option<T: ?Sized>(a: &Option<Rc<T>>, b: &Option<Rc<T>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => same(a, b),
        (None, None) => true,
        _ => false,
    }
}

/// A shared value as an effect's dependency or a component's property: equal when it is the same value.
#[derive(Debug)]
pub struct Same<T: ?Sized>(pub Rc<T>);

impl<T: ?Sized> Clone for Same<T> {
    fn clone(&self) -> Self {
        Same(self.0.clone())
    }
}

impl<T: ?Sized> PartialEq for Same<T> {
    fn eq(&self, other: &Self) -> bool {
        same(&self.0, &other.0)
    }
}

impl<T: ?Sized> std::ops::Deref for Same<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_contents_in_two_allocations_are_not_the_same_value() {
        let (a, b) = (Rc::new(vec![1, 2]), Rc::new(vec![1, 2]));
        assert!(same(&a, &a.clone()));
        assert!(!same(&a, &b), "a new Rc is a new value, whatever it holds");
        assert!(same_option::<Vec<i32>>(&None, &None));
        assert!(!same_option(&Some(a.clone()), &None));
        assert!(Same(a.clone()) == Same(a.clone()));
        assert!(Same(a) != Same(b));
    }
}
