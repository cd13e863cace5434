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

/// Whether the cards stand in one column, each below the one before (a phone's filmstrip): two
/// or more cards, none beside another. One card alone counts as a column when `list_width` leaves
/// no room for a second card beside it.
pub fn one_column(cards: &[Rect], list_width: f64) -> bool {
    match cards {
        [] => false,
        [only] => only.width * 2.0 > list_width,
        _ => cards
            .windows(2)
            .all(|w| w[1].top >= w[0].top + w[0].height / 2.0),
    }
}

/// The gap (0..=cards.len()) the pointer at (`x`, `y`) points at, in a grid that wraps left to
/// right, top to bottom: before the nearest card if the pointer is left of its centre, else after.
/// Where the grid is one column ([`one_column`]) the pointer's height decides instead: before the
/// nearest card if above its centre, else after, so a card dragged straight up or down moves.
pub fn insertion_index(cards: &[Rect], list_width: f64, x: f64, y: f64) -> usize {
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
        Some((i, r)) => {
            let before = if one_column(cards, list_width) {
                y < r.centre().1
            } else {
                x < r.centre().0
            };
            if before {
                i
            } else {
                i + 1
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three cards a row, 100×100 with 10 px gaps.
    fn grid(n: usize) -> Vec<Rect> {
        (0..n)
            .map(|i| Rect {
                left: (i % 3) as f64 * 110.0,
                top: (i / 3) as f64 * 110.0,
                width: 100.0,
                height: 100.0,
            })
            .collect()
    }

    #[test]
    fn gaps_in_a_wrapping_grid() {
        let cards = grid(5);
        assert_eq!(
            insertion_index(&cards, 330.0, 10.0, 50.0),
            0,
            "left half of the first card"
        );
        assert_eq!(
            insertion_index(&cards, 330.0, 90.0, 50.0),
            1,
            "right half of the first card"
        );
        assert_eq!(
            insertion_index(&cards, 330.0, 300.0, 50.0),
            3,
            "right of the row's last card"
        );
        assert_eq!(
            insertion_index(&cards, 330.0, 20.0, 160.0),
            3,
            "start of the second row"
        );
        assert_eq!(
            insertion_index(&cards, 330.0, 1000.0, 1000.0),
            5,
            "far past the end"
        );
        assert_eq!(insertion_index(&[], 330.0, 1.0, 1.0), 0);
    }

    /// A phone's single column: 300×200 cards, 16 px apart, in a 320 px list.
    fn column(n: usize) -> Vec<Rect> {
        (0..n)
            .map(|i| Rect {
                left: 10.0,
                top: i as f64 * 216.0,
                width: 300.0,
                height: 200.0,
            })
            .collect()
    }

    #[test]
    fn one_column_is_decided_by_height() {
        let cards = column(3);
        assert!(one_column(&cards, 320.0));
        assert!(!one_column(&grid(5), 330.0), "a wrapping grid");
        assert!(!one_column(&grid(2), 330.0), "two cards side by side");
        assert!(one_column(&cards[..1], 320.0), "one card filling the list");
        assert!(!one_column(&grid(1), 330.0), "one card with room beside it");
        // Dragged straight up, on the right of the card (where a grip sits): before the first
        // card when above its middle, after it when below; the horizontal position does not matter.
        assert_eq!(
            insertion_index(&cards, 320.0, 290.0, 40.0),
            0,
            "upper half of the first card, right side"
        );
        assert_eq!(
            insertion_index(&cards, 320.0, 20.0, 40.0),
            0,
            "upper half of the first card, left side"
        );
        assert_eq!(
            insertion_index(&cards, 320.0, 290.0, 160.0),
            1,
            "lower half of the first card"
        );
        // Dragged straight down: past the middle of the last card is the end.
        assert_eq!(
            insertion_index(&cards, 320.0, 290.0, 600.0),
            3,
            "lower half of the last card"
        );
        assert_eq!(
            insertion_index(&cards, 320.0, 20.0, 450.0),
            2,
            "upper half of the last card"
        );
        assert_eq!(
            insertion_index(&cards, 320.0, 160.0, 2000.0),
            3,
            "far below"
        );
    }
}
