use serde::{Deserialize, Serialize};
use std::fmt;

/// Stable identity of a frame within a board (survives reordering and undo).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FrameId(pub u64);

impl fmt::Display for FrameId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Stable identity of a scene within a board (drawn from the same counter as frame ids).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SceneId(pub u64);

impl fmt::Display for SceneId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Content hash of a photo's original bytes: 128-bit XXH3 as 32 lowercase hex digits.
///
/// Content addressing means a photo added twice is stored once, and a re-imported bundle finds
/// photos it already has.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PhotoId(pub String);

impl PhotoId {
    pub fn of_bytes(bytes: &[u8]) -> Self {
        Self(format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes)))
    }
}

impl fmt::Display for PhotoId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photo_id_is_stable_and_content_addressed() {
        let a = PhotoId::of_bytes(b"same bytes");
        assert_eq!(a, PhotoId::of_bytes(b"same bytes"));
        assert_ne!(a, PhotoId::of_bytes(b"other bytes"));
        assert_eq!(a.0.len(), 32);
        assert!(a
            .0
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    }
}

/// Computes a [`PhotoId`] from bytes that arrive in pieces (a photo read from a `Blob` in chunks),
/// so a restored photo can be checked against its id without holding it all in memory.
#[derive(Clone)]
pub struct ContentHasher(xxhash_rust::xxh3::Xxh3);

impl Default for ContentHasher {
    fn default() -> Self {
        Self(xxhash_rust::xxh3::Xxh3::new())
    }
}

impl ContentHasher {
    pub fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }
    pub fn finish(&self) -> PhotoId {
        PhotoId(format!("{:032x}", self.0.digest128()))
    }
}
