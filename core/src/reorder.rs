//! Where a dragged frame lands: pure geometry over the cards' on-screen rectangles, so pointer
//! reordering (mouse, pen, touch) is tested natively.

/// A card's rectangle in viewport pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    fn centre(&self) -> (f64, f64) {
        (self.left + self.width / 2.0, self.top + self.height / 2.0)
    }
}

/// The gap (0..=cards.len()) the pointer at (`x`, `y`) points at, in a grid that wraps left to
/// right, top to bottom: before the nearest card if the pointer is left of its centre, else after.
pub fn insertion_index(cards: &[Rect], x: f64, y: f64) -> usize {
    let nearest = cards.iter().enumerate().min_by(|(_, a), (_, b)| {
        let d = |r: &Rect| {
            let (cx, cy) = r.centre();
            // Rows matter more than columns: a pointer between rows belongs to the nearer row.
            (cx - x).powi(2) + 4.0 * (cy - y).powi(2)
        };
        d(a).total_cmp(&d(b))
    });
    match nearest {
        None => 0,
        Some((i, r)) => if x < r.centre().0 { i } else { i + 1 },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three cards a row, 100×100 with 10 px gaps.
    fn grid(n: usize) -> Vec<Rect> {
        (0..n).map(|i| Rect { left: (i % 3) as f64 * 110.0, top: (i / 3) as f64 * 110.0, width: 100.0, height: 100.0 }).collect()
    }

    #[test]
    fn gaps_in_a_wrapping_grid() {
        let cards = grid(5);
        assert_eq!(insertion_index(&cards, 10.0, 50.0), 0, "left half of the first card");
        assert_eq!(insertion_index(&cards, 90.0, 50.0), 1, "right half of the first card");
        assert_eq!(insertion_index(&cards, 300.0, 50.0), 3, "right of the row's last card");
        assert_eq!(insertion_index(&cards, 20.0, 160.0), 3, "start of the second row");
        assert_eq!(insertion_index(&cards, 1000.0, 1000.0), 5, "far past the end");
        assert_eq!(insertion_index(&[], 1.0, 1.0), 0);
    }
}
