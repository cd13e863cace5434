//! Bookkeeping for one import of many files: per-file progress, and frames committed in the
//! order the user picked the files even though decoding finishes out of order.
//!
//! The workers finish photos in any order; a frame is appended as soon as every file before it
//! has finished (or failed), so thumbnails appear one by one and never jump around.

use crate::error::ImportError;
use crate::model::PhotoMeta;
use crate::video::VideoStill;

#[derive(Debug, Clone, PartialEq)]
pub enum ItemStatus {
    Waiting,
    Decoding,
    Done,
    Failed(ImportError),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImportItem {
    pub name: String,
    pub status: ItemStatus,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImportBatch {
    pub id: u64,
    pub items: Vec<ImportItem>,
    /// Finished photos not yet committed, by item index.
    ready: Vec<Option<PhotoMeta>>,
    /// Items before this index have been committed (or skipped as failed).
    committed: usize,
    /// For stills of a video clip, what each item is a still of (empty for photos).
    stills: Vec<VideoStill>,
}

impl ImportBatch {
    pub fn new(id: u64, names: impl IntoIterator<Item = String>) -> Self {
        let items: Vec<_> = names
            .into_iter()
            .map(|name| ImportItem {
                name,
                status: ItemStatus::Waiting,
            })
            .collect();
        let ready = vec![None; items.len()];
        Self {
            id,
            items,
            ready,
            committed: 0,
            stills: Vec::new(),
        }
    }

    /// A batch of stills of a video clip, each named by its file name.
    pub fn of_stills(id: u64, stills: Vec<VideoStill>) -> Self {
        let mut batch = Self::new(id, stills.iter().map(VideoStill::file_name));
        batch.stills = stills;
        batch
    }

    /// Whether the items are stills of a video clip ([`Self::finish_stills`] says of what).
    pub fn is_stills(&self) -> bool {
        !self.stills.is_empty()
    }

    /// [`Self::finish`], with the still each photo is, for a batch made by [`Self::of_stills`].
    pub fn finish_stills(
        &mut self,
        index: usize,
        outcome: Result<PhotoMeta, ImportError>,
    ) -> Vec<(PhotoMeta, VideoStill)> {
        let first = self.committed;
        let photos = self.finish(index, outcome);
        // The photos come in item order from `first`, failed items skipped.
        let done = (first..self.committed)
            .filter(|&i| self.items[i].status == ItemStatus::Done)
            .filter_map(|i| self.stills.get(i).cloned());
        photos.into_iter().zip(done).collect()
    }

    pub fn start(&mut self, index: usize) {
        if let Some(item) = self.items.get_mut(index) {
            if item.status == ItemStatus::Waiting {
                item.status = ItemStatus::Decoding;
            }
        }
    }

    /// Records the outcome for item `index` and returns the photos that may now be appended,
    /// in pick order. A repeated or out-of-range report is ignored.
    pub fn finish(
        &mut self,
        index: usize,
        outcome: Result<PhotoMeta, ImportError>,
    ) -> Vec<PhotoMeta> {
        let Some(item) = self.items.get_mut(index) else {
            return Vec::new();
        };
        if matches!(item.status, ItemStatus::Done | ItemStatus::Failed(_)) {
            return Vec::new();
        }
        match outcome {
            Ok(photo) => {
                item.status = ItemStatus::Done;
                self.ready[index] = Some(photo);
            }
            Err(e) => item.status = ItemStatus::Failed(e),
        }
        let mut out = Vec::new();
        while self.committed < self.items.len() {
            match self.items[self.committed].status {
                ItemStatus::Done => out.extend(self.ready[self.committed].take()),
                ItemStatus::Failed(_) => {}
                _ => break,
            }
            self.committed += 1;
        }
        out
    }

    /// How many files have finished, successfully or not.
    pub fn finished(&self) -> usize {
        self.items
            .iter()
            .filter(|i| matches!(i.status, ItemStatus::Done | ItemStatus::Failed(_)))
            .count()
    }

    pub fn is_complete(&self) -> bool {
        self.finished() == self.items.len()
    }

    pub fn errors(&self) -> impl Iterator<Item = &ImportError> {
        self.items.iter().filter_map(|i| match &i.status {
            ItemStatus::Failed(e) => Some(e),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actions::tests::photo;
    use crate::error::{ImagingError, ImportFailure};

    fn fail(name: &str) -> ImportError {
        ImportError {
            file: name.into(),
            reason: ImportFailure::Imaging(ImagingError::NotAnImage),
        }
    }

    #[test]
    fn commits_in_pick_order_whatever_the_finish_order() {
        let mut b = ImportBatch::new(1, (0..4).map(|i| format!("f{i}")));
        assert!(b.finish(2, Ok(photo(2))).is_empty());
        assert!(b.finish(1, Ok(photo(1))).is_empty());
        let first = b.finish(0, Ok(photo(0)));
        assert_eq!(first, vec![photo(0), photo(1), photo(2)]);
        assert!(!b.is_complete());
        assert_eq!(b.finish(3, Ok(photo(3))), vec![photo(3)]);
        assert!(b.is_complete());
    }

    #[test]
    fn failures_are_skipped_and_kept_for_the_message() {
        let mut b = ImportBatch::new(1, ["a.jpg", "notes.jpg", "c.jpg"].map(String::from));
        assert!(b.finish(1, Err(fail("notes.jpg"))).is_empty());
        assert_eq!(
            b.finish(0, Ok(photo(0))),
            vec![photo(0)],
            "the failure after it does not block it"
        );
        assert_eq!(b.finish(2, Ok(photo(2))), vec![photo(2)]);
        assert_eq!(
            b.errors().map(|e| e.file.as_str()).collect::<Vec<_>>(),
            ["notes.jpg"]
        );
        assert_eq!(b.finished(), 3);
    }

    #[test]
    fn stills_keep_their_clip_and_time_in_pick_order() {
        let still = |at| VideoStill {
            clip: "a.mp4".into(),
            at,
        };
        let mut b = ImportBatch::of_stills(1, vec![still(0.0), still(1.5), still(3.0)]);
        assert!(b.is_stills());
        assert_eq!(b.items[1].name, "a 0m01.500s.jpg");
        assert!(b.finish_stills(2, Ok(photo(2))).is_empty());
        assert!(b.finish_stills(1, Err(fail("a 0m01.500s.jpg"))).is_empty());
        assert_eq!(
            b.finish_stills(0, Ok(photo(0))),
            vec![(photo(0), still(0.0)), (photo(2), still(3.0))]
        );
        assert!(!ImportBatch::new(2, ["x".to_string()]).is_stills());
    }

    #[test]
    fn repeated_and_unknown_reports_are_ignored() {
        let mut b = ImportBatch::new(1, ["a".to_string()]);
        b.start(0);
        assert_eq!(b.items[0].status, ItemStatus::Decoding);
        assert_eq!(b.finish(0, Ok(photo(0))).len(), 1);
        assert!(b.finish(0, Ok(photo(0))).is_empty());
        assert!(b.finish(5, Ok(photo(0))).is_empty());
        b.start(0);
        assert_eq!(b.items[0].status, ItemStatus::Done);
    }
}
