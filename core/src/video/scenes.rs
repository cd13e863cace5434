//! Automatic picks: every N seconds, or one still per shot, where a clip cuts from one shot to
//! the next.
//!
//! The page samples the clip at even steps and hands each sample's small picture here as a
//! [`Signature`] (16 × 9 cells of mean colour). A cut is a step whose difference from the sample
//! before stands out from the differences around it: a pan or a walking person changes every
//! sample a little, a cut changes one sample a lot. Each cut found between two samples is then
//! narrowed by bisection ([`Bisect`]) to the first frame of the new shot, where the still is
//! taken.

/// Cells across and down a signature: 16:9, the shape of most clips, and coarse enough that noise
/// and compression average out.
pub const COLS: usize = 16;
pub const ROWS: usize = 9;

/// A picture reduced to the mean colour of each of [`COLS`] × [`ROWS`] cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Signature(Vec<[f32; 3]>);

impl Signature {
    /// The signature of an RGBA picture `width` × `height` (as a canvas gives it).
    pub fn of_rgba(rgba: &[u8], width: usize, height: usize) -> Self {
        let mut sums = vec![([0.0f32; 3], 0u32); COLS * ROWS];
        if width > 0 && height > 0 && rgba.len() >= width * height * 4 {
            for y in 0..height {
                let row = y * ROWS / height;
                for x in 0..width {
                    let cell = &mut sums[row * COLS + x * COLS / width];
                    let p = &rgba[(y * width + x) * 4..][..3];
                    for (sum, v) in cell.0.iter_mut().zip(p) {
                        *sum += f32::from(*v);
                    }
                    cell.1 += 1;
                }
            }
        }
        Self(
            sums.into_iter()
                .map(|(s, n)| s.map(|v| v / n.max(1) as f32))
                .collect(),
        )
    }

    /// Mean absolute difference per channel, 0–255.
    pub fn distance(&self, other: &Self) -> f32 {
        let total: f32 = self
            .0
            .iter()
            .zip(&other.0)
            .map(|(a, b)| (0..3).map(|c| (a[c] - b[c]).abs()).sum::<f32>())
            .sum();
        total / (self.0.len().max(1) * 3) as f32
    }
}

/// A difference below this is never a cut (levels of 255): two takes of one grey wall differ by
/// less, two shots of different places by far more.
pub const MIN_CUT: f32 = 20.0;

/// A cut's difference is at least this many times the mean difference of the samples around it.
pub const PEAK_RATIO: f32 = 3.0;

/// Samples either side that make "the differences around it".
const NEIGHBOURS: usize = 3;

/// The indexes `i` of `samples` where a cut lies between sample `i - 1` and sample `i`.
pub fn cuts(samples: &[Signature]) -> Vec<usize> {
    let d: Vec<f32> = samples.windows(2).map(|w| w[0].distance(&w[1])).collect();
    (0..d.len())
        .filter(|&i| {
            let around: Vec<f32> = (i.saturating_sub(NEIGHBOURS)
                ..(i + NEIGHBOURS + 1).min(d.len()))
                .filter(|&j| j != i)
                .map(|j| d[j])
                .collect();
            let mean = around.iter().sum::<f32>() / around.len().max(1) as f32;
            // Several cuts in a row (a quick montage) are each their own peak against the mean.
            d[i] >= MIN_CUT && d[i] >= PEAK_RATIO * mean.max(1.0)
        })
        .map(|i| i + 1)
        .collect()
}

/// Narrows a cut between two times to the first frame of the new shot: each probe at
/// [`Bisect::next`] is compared with the pictures either side and moves that end.
#[derive(Debug, Clone)]
pub struct Bisect {
    /// Last time known to show the old shot.
    pub before: f64,
    /// First time known to show the new shot.
    pub after: f64,
    old: Signature,
    new: Signature,
    precision: f64,
}

impl Bisect {
    /// `precision`: stop when the two ends are this close (seconds; a frame of 60 fps video or
    /// less, so the still is the new shot's first frame or the one after it).
    pub fn new(before: (f64, Signature), after: (f64, Signature), precision: f64) -> Self {
        Self {
            before: before.0,
            after: after.0,
            old: before.1,
            new: after.1,
            precision,
        }
    }

    /// The next time to look at, or `None` once the ends are close enough.
    pub fn next(&self) -> Option<f64> {
        (self.after - self.before > self.precision).then(|| (self.before + self.after) / 2.0)
    }

    /// What the picture at `at` (from [`Self::next`]) looks like.
    pub fn feed(&mut self, at: f64, picture: &Signature) {
        if picture.distance(&self.new) <= picture.distance(&self.old) {
            self.after = at;
        } else {
            self.before = at;
        }
    }
}

/// The times of "a still every `step` seconds" in a clip of `duration` seconds, from the start,
/// at most `max`.
pub fn every(duration: f64, step: f64, max: usize) -> Vec<f64> {
    if !(duration.is_finite() && step.is_finite() && step > 0.0 && duration > 0.0) {
        return Vec::new();
    }
    (0..max)
        .map(|i| i as f64 * step)
        .take_while(|t| *t < duration)
        .collect()
}

/// Where to sample a clip of `duration` seconds to look for cuts: even steps of at most
/// `longest` seconds, at most `max` samples, the first at 0 and the last just before the end.
pub fn sample_times(duration: f64, longest: f64, max: usize) -> Vec<f64> {
    if !(duration.is_finite() && duration > 0.0) || max < 2 {
        return Vec::new();
    }
    let n = ((duration / longest).ceil() as usize + 1).clamp(2, max);
    // The very end may have no frame to show; stop a millisecond before it.
    let last = (duration - 0.001).max(0.0);
    (0..n).map(|i| last * i as f64 / (n - 1) as f64).collect()
}

/// Times spread over the clip for the dialog's filmstrip: the middles of `n` equal parts.
pub fn filmstrip_times(duration: f64, n: usize) -> Vec<f64> {
    if !(duration.is_finite() && duration > 0.0) {
        return Vec::new();
    }
    (0..n)
        .map(|i| duration * (i as f64 + 0.5) / n as f64)
        .collect()
}
