//! [`CowRc`]: a part of a board shared between snapshots, copied only when it is written.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::ops::{Deref, DerefMut};
use std::rc::Rc;

/// A reference-counted value that behaves like a plain value: reading goes through the pointer,
/// writing (`DerefMut`) copies the value first if another snapshot still shares it
/// ([`Rc::make_mut`]). A board holds its scenes, their frames and its photo list this way, so
/// every action's `board.clone()` copies pointers, an edit copies only the scene and frame it
/// writes to, and undo snapshots share everything else.
///
/// Two values are equal when they are the same allocation (no walk at all) or, failing that,
/// equal in value, so `next == *board` after an edit compares pointers except along the path
/// the edit copied. Serialized as the value itself: documents are byte for byte what a plain
/// value gives.
///
/// Writing through it is what copies: code that only reads should borrow (`&`), and code that
/// writes to one part of a big list should find it first and write to that part alone, or every
/// part it touches stops being shared.
pub struct CowRc<T>(Rc<T>);

impl<T> CowRc<T> {
    pub fn new(value: T) -> Self {
        Self(Rc::new(value))
    }

    /// Whether both are the same allocation: then they are equal without looking inside.
    pub fn ptr_eq(a: &Self, b: &Self) -> bool {
        Rc::ptr_eq(&a.0, &b.0)
    }
}

impl<T: Clone> CowRc<T> {
    /// The value, copied only if it is shared.
    pub fn into_inner(this: Self) -> T {
        Rc::unwrap_or_clone(this.0)
    }
}

impl<T> Clone for CowRc<T> {
    /// Another pointer to the same value (the value itself is copied on the first write).
    fn clone(&self) -> Self {
        Self(Rc::clone(&self.0))
    }
}

impl<T> Deref for CowRc<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Clone> DerefMut for CowRc<T> {
    fn deref_mut(&mut self) -> &mut T {
        Rc::make_mut(&mut self.0)
    }
}

impl<T: PartialEq> PartialEq for CowRc<T> {
    fn eq(&self, other: &Self) -> bool {
        Self::ptr_eq(self, other) || *self.0 == *other.0
    }
}

impl<T: Eq> Eq for CowRc<T> {}

impl<T: Default> Default for CowRc<T> {
    fn default() -> Self {
        Self::new(T::default())
    }
}

impl<T> From<T> for CowRc<T> {
    fn from(value: T) -> Self {
        Self::new(value)
    }
}

impl<T: fmt::Debug> fmt::Debug for CowRc<T> {
    /// As the value (a board's debug output does not change with its sharing).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<T: Serialize> Serialize for CowRc<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for CowRc<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Self::new)
    }
}

#[cfg(test)]
mod tests {
    use super::CowRc;

    #[test]
    fn a_write_copies_a_shared_value_and_leaves_the_other_snapshot_alone() {
        let before = CowRc::new(vec![1, 2, 3]);
        let mut after = before.clone();
        assert!(CowRc::ptr_eq(&before, &after), "a clone is a pointer");
        after.push(4);
        assert_eq!(*before, [1, 2, 3]);
        assert_eq!(*after, [1, 2, 3, 4]);
        assert!(!CowRc::ptr_eq(&before, &after));
        // Not shared any more: a second write does not copy again.
        let at = std::ptr::from_ref(&*after);
        after.push(5);
        assert_eq!(std::ptr::from_ref(&*after), at);
    }

    #[test]
    fn equal_by_pointer_or_else_by_value() {
        let a = CowRc::new(f64::NAN);
        // The same allocation is equal without comparing (even a value unequal to itself)…
        assert!(a == a.clone());
        // …other allocations compare their values.
        assert!(a != CowRc::new(f64::NAN));
        assert!(CowRc::new(String::from("x")) == CowRc::new(String::from("x")));
        assert!(CowRc::new(1) != CowRc::new(2));
    }

    #[test]
    fn serialized_and_read_as_the_value_itself() {
        let value = vec![String::from("a"), String::from("字")];
        let shared = CowRc::new(value.clone());
        assert_eq!(
            serde_json::to_string(&shared).unwrap(),
            serde_json::to_string(&value).unwrap()
        );
        let back: CowRc<Vec<String>> = serde_json::from_str(r#"["a","字"]"#).unwrap();
        assert_eq!(*back, value);
        assert_eq!(format!("{shared:?}"), format!("{value:?}"));
    }
}
