//! The 1/8-scale picture of a baseline JPEG, from its DC coefficients alone.
//!
//! # Why
//! At 1/8 scale each 8 × 8 block of a JPEG becomes one pixel, and that pixel is the block's
//! average: its DC coefficient times its quantizer, / 8, + 128. A general decoder still decodes
//! every AC coefficient into a block, zeroes, stores and transforms it; measured on phone photos
//! that was most of a thumbnail's time (`perf`: 58 % entropy decoding, 7 % zeroing blocks). Here
//! each AC coefficient is only read past — its Huffman code and its extra bits skipped — which is
//! the least work that finds where the next block starts.
//!
//! A progressive JPEG is cheaper still: its first scan usually holds every block's DC and
//! nothing else, so that scan alone is the 1/8 picture (less its last bit or two of precision
//! when the encoder split the DC into successive approximations: a level or so).
//!
//! Only the common cases are handled: 8-bit Huffman JPEGs, baseline with one (grey) or three
//! (YCbCr) components in one interleaved scan or one scan each, or progressive through its DC
//! scans; any sampling factors, restart intervals. Anything else — arithmetic coding, 12-bit, CMYK,
//! Adobe RGB, and any data that does not read cleanly — gives `None`,
//! and the caller uses the full decoder (`jpeg-decoder`), so this path can never refuse or
//! misread a photo the other would read.
//! Chroma is upsampled by repetition (at 1/8 scale the chroma of a 4:2:0 photo is 1/16).

use image::RgbImage;

/// Codes up to this many bits are decoded by one table lookup.
const LOOKAHEAD: u32 = 9;

/// Bits looked at at once to skip an AC coefficient (its code and its extra bits together).
const SKIP_BITS: u32 = 12;
/// A skip-table entry says: consume `entry & 31` bits, then advance the coefficient index by
/// `(entry >> 5) & 127` (64 for the end of the block); 0 means "decode this one slowly".
const END_OF_BLOCK: u16 = 64;

/// A Huffman table in the form decoding wants.
struct Huffman {
    /// For the next `LOOKAHEAD` bits: `(length << 8) | symbol`, or 0 when the code is longer.
    fast: Vec<u16>,
    /// For an AC table, for the next `SKIP_BITS` bits: how to skip the coefficient they start
    /// (see [`END_OF_BLOCK`]), when its code and extra bits fit in them.
    skip: Vec<u16>,
    /// Canonical decoding of longer codes: per length, the largest code (+1) and where its
    /// symbols start.
    max_code: [i32; 18],
    val_offset: [i32; 17],
    symbols: Vec<u8>,
}

impl Huffman {
    fn new(counts: &[u8; 16], symbols: &[u8]) -> Option<Self> {
        let total: usize = counts.iter().map(|&c| usize::from(c)).sum();
        if total == 0 || total > 256 || symbols.len() != total {
            return None;
        }
        let mut fast = vec![0u16; 1 << LOOKAHEAD];
        // The skip table: every code short enough, with its extra bits, in one entry.
        let mut skip = vec![0u16; 1 << SKIP_BITS];
        let mut max_code = [-1i32; 18];
        let mut val_offset = [0i32; 17];
        let (mut code, mut k) = (0i32, 0usize);
        for len in 1..=16u32 {
            val_offset[len as usize] = k as i32 - code;
            for _ in 0..counts[len as usize - 1] {
                // Every `width`-bit lookahead that starts with this code gets `entry`.
                let put = |table: &mut [u16], width: u32, entry: u16| -> Option<()> {
                    let shift = width - len;
                    let start = (code as usize) << shift;
                    table.get_mut(start..start + (1 << shift))?.fill(entry);
                    Some(())
                };
                if len <= LOOKAHEAD {
                    put(
                        &mut fast,
                        LOOKAHEAD,
                        ((len as u16) << 8) | u16::from(symbols[k]),
                    )?;
                }
                let (run, size) = (u16::from(symbols[k] >> 4), u32::from(symbols[k] & 15));
                let (bits, advance) = match (run, size) {
                    (15, 0) => (len, 16),
                    (_, 0) => (len, END_OF_BLOCK),
                    _ => (len + size, run + 1),
                };
                if bits <= SKIP_BITS {
                    put(&mut skip, SKIP_BITS, (advance << 5) | bits as u16)?;
                }
                code += 1;
                k += 1;
            }
            if code > 1 << len {
                return None; // more codes than the length allows: not a valid table
            }
            max_code[len as usize] = code;
            code <<= 1;
        }
        max_code[17] = i32::MAX;
        Some(Self {
            fast,
            skip,
            max_code,
            val_offset,
            symbols: symbols.to_vec(),
        })
    }
}

/// Reads the entropy-coded data: bytes with `FF 00` unstuffed, stopping at a marker.
struct Bits<'a> {
    data: &'a [u8],
    pos: usize,
    acc: u64,
    /// Valid bits in `acc` (from the top).
    count: u32,
    /// Bits handed out past the end of the real data (zeros): then the data was not clean.
    overrun: u32,
}

impl<'a> Bits<'a> {
    fn new(data: &'a [u8], pos: usize) -> Self {
        Self {
            data,
            pos,
            acc: 0,
            count: 0,
            overrun: 0,
        }
    }

    fn fill(&mut self) {
        // The common case: the next bytes hold no FF, so several are taken at once.
        if let Some(word) = self.data.get(self.pos..self.pos + 8) {
            if !word.contains(&0xFF) {
                let take = ((64 - self.count) / 8) as usize;
                let mut v = 0u64;
                for &b in &word[..take] {
                    v = (v << 8) | u64::from(b);
                }
                self.acc |= v << (64 - self.count - 8 * take as u32);
                self.count += 8 * take as u32;
                self.pos += take;
                return;
            }
        }
        while self.count <= 56 {
            let byte = match (self.data.get(self.pos), self.data.get(self.pos + 1)) {
                (Some(&0xFF), Some(0x00)) => {
                    self.pos += 2;
                    Some(0xFF)
                }
                // A marker (or the end): no more data bits; zeros stand in.
                (Some(&0xFF), _) | (None, _) => None,
                (Some(&b), _) => {
                    self.pos += 1;
                    Some(b)
                }
            };
            match byte {
                Some(b) => self.acc |= u64::from(b) << (56 - self.count),
                None => self.overrun += 8,
            }
            self.count += 8;
        }
    }

    fn peek(&mut self, n: u32) -> u32 {
        if self.count < n {
            self.fill();
        }
        (self.acc >> (64 - n)) as u32
    }

    fn consume(&mut self, n: u32) {
        self.acc <<= n;
        self.count -= n;
    }

    /// Whether bits were read that the data does not have.
    fn overran(&self) -> bool {
        self.overrun > self.count
    }

    fn receive(&mut self, n: u32) -> i32 {
        if n == 0 {
            return 0;
        }
        let v = self.peek(n);
        self.consume(n);
        v as i32
    }

    fn symbol(&mut self, table: &Huffman) -> Option<u8> {
        let entry = table.fast[self.peek(LOOKAHEAD) as usize];
        if entry != 0 {
            self.consume(u32::from(entry >> 8));
            return Some(entry as u8);
        }
        let bits = self.peek(16) as i32;
        let mut len = LOOKAHEAD as usize + 1;
        while len <= 16 && (bits >> (16 - len)) >= table.max_code[len] {
            len += 1;
        }
        if len > 16 {
            return None;
        }
        let code = bits >> (16 - len);
        self.consume(len as u32);
        table
            .symbols
            .get((code + table.val_offset[len]) as usize)
            .copied()
    }

    /// At a restart marker: drops the bits left in the current byte and reads `FF Dn`.
    fn restart(&mut self, expected: u8) -> bool {
        // Everything buffered belongs before the marker (filling stops at markers).
        self.acc = 0;
        self.count = 0;
        self.overrun = 0;
        // The marker may be preceded by fill bytes (FF FF … D0).
        let mut at = self.pos;
        while self.data.get(at) == Some(&0xFF) && self.data.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        if self.data.get(at) == Some(&0xFF) && self.data.get(at + 1) == Some(&(0xD0 + expected)) {
            self.pos = at + 2;
            true
        } else {
            false
        }
    }
}

fn extend(v: i32, s: u32) -> i32 {
    if s == 0 || v >= 1 << (s - 1) {
        v
    } else {
        v - (1 << s) + 1
    }
}

struct Component {
    id: u8,
    h: usize,
    v: usize,
    quant: usize,
    dc_table: usize,
    ac_table: usize,
}

fn u16_at(bytes: &[u8], at: usize) -> Option<usize> {
    Some(usize::from(u16::from_be_bytes([
        *bytes.get(at)?,
        *bytes.get(at + 1)?,
    ])))
}

/// The frame being decoded: its size, components, and each component's block averages.
struct Frame {
    width: usize,
    height: usize,
    progressive: bool,
    components: Vec<Component>,
    h_max: usize,
    v_max: usize,
    /// Per component: plane width in blocks, the averages, and whether a scan filled them.
    planes: Vec<(usize, Vec<u8>, bool)>,
}

impl Frame {
    fn new(
        width: usize,
        height: usize,
        progressive: bool,
        components: Vec<Component>,
    ) -> Option<Self> {
        let h_max = components.iter().map(|c| c.h).max()?;
        let v_max = components.iter().map(|c| c.v).max()?;
        let (mcus_x, mcus_y) = (width.div_ceil(8 * h_max), height.div_ceil(8 * v_max));
        let planes = components
            .iter()
            .map(|c| (mcus_x * c.h, vec![0u8; mcus_x * c.h * mcus_y * c.v], false))
            .collect();
        Some(Self {
            width,
            height,
            progressive,
            components,
            h_max,
            v_max,
            planes,
        })
    }
}

/// The 1/8-scale picture (`ceil(width / 8)` × `ceil(height / 8)`) of a JPEG whose header the
/// caller read as `size` (and checked against its pixel limit), or `None` for anything this
/// decoder does not handle (see the module doc) — including a file whose frame says another
/// size, so nothing larger than what was checked is ever allocated. Never panics.
pub fn decode_dc(bytes: &[u8], size: (u32, u32)) -> Option<RgbImage> {
    if bytes.get(..2)? != [0xFF, 0xD8] {
        return None;
    }
    let mut dc_q: [Option<u16>; 4] = [None; 4];
    let mut dc_tables: [Option<Huffman>; 4] = [None, None, None, None];
    let mut ac_tables: [Option<Huffman>; 4] = [None, None, None, None];
    let mut frame: Option<Frame> = None;
    let mut restart_interval = 0usize;
    let mut pos = 2;
    loop {
        // Markers may be preceded by fill bytes (FF).
        if *bytes.get(pos)? != 0xFF {
            return None;
        }
        while *bytes.get(pos + 1)? == 0xFF {
            pos += 1;
        }
        let marker = *bytes.get(pos + 1)?;
        pos += 2;
        if marker == 0xD8 || (0xD0..=0xD7).contains(&marker) || marker == 0x01 {
            continue; // no length
        }
        if marker == 0x00 {
            return None; // stuffing where a marker should be: other readers resync here, so
                         // they may see another frame; not guessed at
        }
        if marker == 0xD9 {
            return None; // the end, and some component never got its averages
        }
        let len = u16_at(bytes, pos)?;
        let segment = bytes.get(pos + 2..pos + len)?;
        match marker {
            // Baseline, extended sequential and progressive Huffman: the frames read here.
            0xC0..=0xC2 => {
                if frame.is_some() || *segment.first()? != 8 {
                    return None;
                }
                let (height, width) = (u16_at(segment, 1)?, u16_at(segment, 3)?);
                let n = usize::from(*segment.get(5)?);
                if (width as u32, height as u32) != size
                    || width == 0
                    || height == 0
                    || !(n == 1 || n == 3)
                {
                    return None;
                }
                let mut components = Vec::with_capacity(n);
                for c in 0..n {
                    let at = 6 + 3 * c;
                    let (id, hv, quant) = (
                        *segment.get(at)?,
                        *segment.get(at + 1)?,
                        usize::from(*segment.get(at + 2)?),
                    );
                    let (h, v) = (usize::from(hv >> 4), usize::from(hv & 15));
                    if !(1..=4).contains(&h) || !(1..=4).contains(&v) || quant > 3 {
                        return None;
                    }
                    components.push(Component {
                        id,
                        h,
                        v,
                        quant,
                        dc_table: 0,
                        ac_table: 0,
                    });
                }
                // Components named R, G, B (or r, g, b), or big-gamut YCC, are not plain YCbCr.
                let ids: Vec<u8> = components.iter().map(|c| c.id).collect();
                if n == 3 && (ids == b"RGB" || ids == b"rgb" || ids == [1, 34, 35]) {
                    return None;
                }
                frame = Some(Frame::new(width, height, marker == 0xC2, components)?);
            }
            // Lossless, arithmetic, hierarchical: the full decoder's business.
            0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF => return None,
            0xC4 => {
                let mut at = 0;
                while at < segment.len() {
                    let class_id = *segment.get(at)?;
                    let counts: [u8; 16] = segment.get(at + 1..at + 17)?.try_into().ok()?;
                    let total: usize = counts.iter().map(|&c| usize::from(c)).sum();
                    let symbols = segment.get(at + 17..at + 17 + total)?;
                    let table = Huffman::new(&counts, symbols)?;
                    let slot = usize::from(class_id & 15);
                    match class_id >> 4 {
                        0 if slot < 4 => dc_tables[slot] = Some(table),
                        1 if slot < 4 => ac_tables[slot] = Some(table),
                        _ => return None,
                    }
                    at += 17 + total;
                }
            }
            0xDB => {
                let mut at = 0;
                while at < segment.len() {
                    let pq_tq = *segment.get(at)?;
                    let (precision, slot) = (pq_tq >> 4, usize::from(pq_tq & 15));
                    if slot > 3 {
                        return None;
                    }
                    // The first value is the DC quantizer (zigzag order starts with DC).
                    dc_q[slot] = Some(match precision {
                        0 => u16::from(*segment.get(at + 1)?),
                        1 => u16_at(segment, at + 1)? as u16,
                        _ => return None,
                    });
                    at += 1 + 64 * (usize::from(precision) + 1);
                }
            }
            0xDD => restart_interval = u16_at(segment, 0)?,
            // Adobe's marker declares the colour transform: only YCbCr (1) is read here.
            0xEE if segment.starts_with(b"Adobe") && segment.get(11) != Some(&1) => return None,
            0xDA => {
                let f = frame.as_mut()?;
                let n = usize::from(*segment.first()?);
                if n == 0 || n > f.components.len() {
                    return None;
                }
                let mut members = Vec::with_capacity(n);
                for s in 0..n {
                    let (id, tables) = (*segment.get(1 + 2 * s)?, *segment.get(2 + 2 * s)?);
                    let ci = f.components.iter().position(|c| c.id == id)?;
                    let c = &mut f.components[ci];
                    (c.dc_table, c.ac_table) = (usize::from(tables >> 4), usize::from(tables & 15));
                    if c.dc_table > 3 || c.ac_table > 3 || members.contains(&ci) {
                        return None;
                    }
                    members.push(ci);
                }
                let (ss, se, ah_al) = (
                    *segment.get(1 + 2 * n)?,
                    *segment.get(2 + 2 * n)?,
                    *segment.get(3 + 2 * n)?,
                );
                // Baseline: full scans. Progressive: the first scan of a component's DC (its
                // `al` low bits come in a later scan, not needed); any other scan is skipped.
                let dc_shift = match (f.progressive, ss, se, ah_al >> 4) {
                    (false, 0, 63, 0) if ah_al == 0 => None,
                    (true, 0, 0, 0) if ah_al & 15 <= 13 => Some(u32::from(ah_al & 15)),
                    (true, ..) => {
                        pos = next_marker(bytes, pos + len)?;
                        continue;
                    }
                    _ => return None,
                };
                if members.iter().any(|&ci| f.planes[ci].2) {
                    return None; // a component's averages twice: not a file this reads
                }
                let tables = Tables {
                    dc_q: &dc_q,
                    dc: &dc_tables,
                    ac: &ac_tables,
                };
                let end = scan(
                    bytes,
                    pos + len,
                    f,
                    &members,
                    &tables,
                    restart_interval,
                    dc_shift,
                )?;
                if f.planes.iter().all(|p| p.2) {
                    return Some(colour(f));
                }
                pos = next_marker(bytes, end)?;
                continue;
            }
            _ => {} // APPn, COM and the like: skipped
        }
        pos += len;
    }
}

/// Where the next marker after a scan's data starts (restart markers belong to the data).
fn next_marker(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    loop {
        if *bytes.get(i)? == 0xFF {
            let next = *bytes.get(i + 1)?;
            if next != 0 && next != 0xFF && !(0xD0..=0xD7).contains(&next) {
                return Some(i);
            }
        }
        i += 1;
    }
}

/// The tables a scan decodes with.
struct Tables<'a> {
    dc_q: &'a [Option<u16>; 4],
    dc: &'a [Option<Huffman>; 4],
    ac: &'a [Option<Huffman>; 4],
}

/// Decodes one scan starting at `start` into the block averages of the components it holds
/// (`members`); gives where its data ends. A progressive DC scan (`dc_shift`: its
/// successive-approximation shift) has no AC coefficients.
fn scan(
    bytes: &[u8],
    start: usize,
    frame: &mut Frame,
    members: &[usize],
    tables: &Tables,
    restart_interval: usize,
    dc_shift: Option<u32>,
) -> Option<usize> {
    let Tables {
        dc_q,
        dc: dc_tables,
        ac: ac_tables,
    } = *tables;
    // One component alone is not interleaved: one block per MCU, over that component's size.
    let single = members.len() == 1;
    let (mcus_x, mcus_y) = if single {
        let c = &frame.components[members[0]];
        (
            (frame.width * c.h).div_ceil(frame.h_max).div_ceil(8),
            (frame.height * c.v).div_ceil(frame.v_max).div_ceil(8),
        )
    } else {
        (
            frame.width.div_ceil(8 * frame.h_max),
            frame.height.div_ceil(8 * frame.v_max),
        )
    };
    for &ci in members {
        let c = &frame.components[ci];
        dc_tables[c.dc_table].as_ref()?;
        if dc_shift.is_none() {
            ac_tables[c.ac_table].as_ref()?;
        }
    }
    let mut bits = Bits::new(bytes, start);
    let mut predictors = vec![0i32; members.len()];
    let mut next_restart = 0u8;
    for mcu in 0..mcus_x * mcus_y {
        if restart_interval > 0 && mcu > 0 && mcu % restart_interval == 0 {
            if !bits.restart(next_restart) {
                return None;
            }
            next_restart = (next_restart + 1) & 7;
            predictors.iter_mut().for_each(|p| *p = 0);
        }
        let (mx, my) = (mcu % mcus_x, mcu / mcus_x);
        for (si, &ci) in members.iter().enumerate() {
            let c = &frame.components[ci];
            let dc_table = dc_tables[c.dc_table].as_ref()?;
            let ac_table = ac_tables[c.ac_table].as_ref();
            let q = i64::from(dc_q[c.quant]?);
            let (blocks_h, blocks_v) = if single { (1, 1) } else { (c.h, c.v) };
            for by in 0..blocks_v {
                for bx in 0..blocks_h {
                    let s = u32::from(bits.symbol(dc_table)?);
                    if s > 11 {
                        return None;
                    }
                    let diff = extend(bits.receive(s), s);
                    predictors[si] = predictors[si].wrapping_add(diff);
                    // Skip the 63 AC coefficients: code and extra bits, nothing stored.
                    let mut k = if dc_shift.is_some() { 64 } else { 1 };
                    let ac_table = if k < 64 { ac_table? } else { dc_table };
                    while k < 64 {
                        let entry = ac_table.skip[bits.peek(SKIP_BITS) as usize];
                        if entry != 0 {
                            bits.consume(u32::from(entry & 31));
                            let advance = usize::from(entry >> 5);
                            if advance == usize::from(END_OF_BLOCK) {
                                break;
                            }
                            k += advance;
                            continue;
                        }
                        // A long code, or one whose extra bits do not fit: the slow way.
                        let rs = bits.symbol(ac_table)?;
                        let (run, size) = (usize::from(rs >> 4), u32::from(rs & 15));
                        if size == 0 {
                            if run != 15 {
                                break; // end of block
                            }
                            k += 16;
                            continue;
                        }
                        k += run + 1;
                        bits.receive(size);
                    }
                    if k > 64 {
                        return None;
                    }
                    // A progressive first scan leaves out `al` low bits: the middle of the range
                    // they could hold is the best guess.
                    let al = dc_shift.unwrap_or(0);
                    let dc = (i64::from(predictors[si]) << al) + ((1i64 << al) >> 1);
                    let value = (dc * q + 4).div_euclid(8) + 128;
                    let (plane_w, plane, _) = &mut frame.planes[ci];
                    let (x, y) = (mx * blocks_h + bx, my * blocks_v + by);
                    if let Some(p) = plane.get_mut(y * *plane_w + x) {
                        *p = value.clamp(0, 255) as u8;
                    }
                }
            }
        }
        if bits.overran() {
            return None; // the data ended (or a marker came) inside the scan
        }
    }
    for &ci in members {
        frame.planes[ci].2 = true;
    }
    Some(bits.pos)
}

/// The picture from the block averages: one pixel per luma block, chroma repeated over the
/// blocks it covers, YCbCr to RGB.
fn colour(frame: &Frame) -> RgbImage {
    let (out_w, out_h) = (frame.width.div_ceil(8), frame.height.div_ceil(8));
    let mut out = RgbImage::new(out_w as u32, out_h as u32);
    let sample = |ci: usize, x: usize, y: usize| -> i32 {
        let (plane_w, plane, _) = &frame.planes[ci];
        let c = &frame.components[ci];
        let (px, py) = (x * c.h / frame.h_max, y * c.v / frame.v_max);
        i32::from(plane.get(py * plane_w + px).copied().unwrap_or(128))
    };
    for (x, y, pixel) in out.enumerate_pixels_mut() {
        let (x, y) = (x as usize, y as usize);
        let l = sample(0, x, y);
        if frame.components.len() == 1 {
            *pixel = image::Rgb([l as u8; 3]);
            continue;
        }
        let (cb, cr) = (sample(1, x, y) - 128, sample(2, x, y) - 128);
        // ITU-R BT.601 (JFIF), 16-bit fixed point.
        let r = l + ((91_881 * cr + 32_768) >> 16);
        let g = l - ((22_554 * cb + 46_802 * cr + 32_768) >> 16);
        let b = l + ((116_130 * cb + 32_768) >> 16);
        *pixel = image::Rgb([
            r.clamp(0, 255) as u8,
            g.clamp(0, 255) as u8,
            b.clamp(0, 255) as u8,
        ]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jpeg_encoder::{ColorType, Encoder, SamplingFactor};

    /// A photo-like test picture: gradients, a few shapes and grain, so every block has AC
    /// coefficients to skip.
    fn picture(w: u32, h: u32) -> RgbImage {
        let mut seed = 12_345u32;
        RgbImage::from_fn(w, h, |x, y| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let grain = ((seed >> 16) & 31) as i32 - 16;
            let disc = ((x as i32 - w as i32 / 3).pow(2) + (y as i32 - h as i32 / 2).pow(2))
                < (h as i32 / 4).pow(2);
            let base = [
                (x * 255 / w) as i32,
                (y * 255 / h) as i32,
                if disc { 220 } else { 60 },
            ];
            image::Rgb(base.map(|v| (v + grain).clamp(0, 255) as u8))
        })
    }

    fn encode(image: &RgbImage, sampling: SamplingFactor, restart: u16, grey: bool) -> Vec<u8> {
        encode_with(image, sampling, restart, grey, false)
    }

    fn encode_with(
        image: &RgbImage,
        sampling: SamplingFactor,
        restart: u16,
        grey: bool,
        progressive: bool,
    ) -> Vec<u8> {
        let mut out = Vec::new();
        let mut encoder = Encoder::new(&mut out, 88);
        encoder.set_sampling_factor(sampling);
        encoder.set_progressive(progressive);
        if restart > 0 {
            encoder.set_restart_interval(restart);
        }
        let (w, h) = (image.width() as u16, image.height() as u16);
        if grey {
            let luma: Vec<u8> = image
                .pixels()
                .map(|p| ((u32::from(p[0]) * 3 + u32::from(p[1]) * 6 + u32::from(p[2])) / 10) as u8)
                .collect();
            encoder.encode(&luma, w, h, ColorType::Luma).unwrap();
        } else {
            encoder
                .encode(image.as_raw(), w, h, ColorType::Rgb)
                .unwrap();
        }
        out
    }

    /// What `jpeg-decoder` makes of the same file at 1/8 scale, the reference.
    fn reference(bytes: &[u8]) -> RgbImage {
        let mut d = jpeg_decoder::Decoder::new(bytes);
        d.read_info().unwrap();
        let info = d.info().unwrap();
        let (sw, sh) = d
            .scale(info.width.div_ceil(8), info.height.div_ceil(8))
            .unwrap();
        let pixels = d.decode().unwrap();
        let rgb = if pixels.len() == usize::from(sw) * usize::from(sh) {
            pixels.iter().flat_map(|&l| [l, l, l]).collect()
        } else {
            pixels
        };
        RgbImage::from_raw(u32::from(sw), u32::from(sh), rgb).unwrap()
    }

    /// The size the caller would have read from the header (as `decode_scaled` does).
    fn size_of(bytes: &[u8]) -> (u32, u32) {
        let mut d = jpeg_decoder::Decoder::new(bytes);
        d.read_info()
            .map(|()| {
                d.info()
                    .map_or((0, 0), |i| (u32::from(i.width), u32::from(i.height)))
            })
            .unwrap_or((0, 0))
    }

    fn dc(bytes: &[u8]) -> Option<RgbImage> {
        decode_dc(bytes, size_of(bytes))
    }

    /// Mean absolute difference of brightness (where a wrong block shows at once), plus a
    /// quarter of the mean difference per channel (chroma is upsampled differently: repeated
    /// here, interpolated there, which shows along hard colour edges in small pictures).
    fn mean_difference(a: &RgbImage, b: &RgbImage) -> f64 {
        assert_eq!(a.dimensions(), b.dimensions());
        let luma = |p: &image::Rgb<u8>| {
            0.299 * f64::from(p[0]) + 0.587 * f64::from(p[1]) + 0.114 * f64::from(p[2])
        };
        let n = f64::from(a.width() * a.height());
        let brightness: f64 = a
            .pixels()
            .zip(b.pixels())
            .map(|(x, y)| (luma(x) - luma(y)).abs())
            .sum::<f64>()
            / n;
        let channels: u64 = a
            .as_raw()
            .iter()
            .zip(b.as_raw())
            .map(|(x, y)| u64::from(x.abs_diff(*y)))
            .sum();
        brightness + channels as f64 / a.as_raw().len() as f64 / 4.0
    }

    #[test]
    fn block_averages_match_a_full_decoder_at_one_eighth() {
        // Sizes that are not whole blocks or MCUs, every common sampling, restarts, grey.
        let cases = [
            (1001, 777, SamplingFactor::F_2_2, 0, false),
            (1001, 777, SamplingFactor::F_1_1, 0, false),
            (640, 480, SamplingFactor::F_2_1, 0, false),
            (333, 500, SamplingFactor::F_1_2, 0, false),
            (800, 600, SamplingFactor::F_2_2, 7, false),
            (803, 601, SamplingFactor::F_1_1, 1, false),
            (517, 389, SamplingFactor::F_1_1, 0, true),
            (517, 389, SamplingFactor::F_1_1, 5, true),
            (8, 8, SamplingFactor::F_2_2, 0, false),
            (1, 1, SamplingFactor::F_1_1, 0, false),
            (301, 203, SamplingFactor::F_2_2, 0, false),
        ];
        for (w, h, sampling, restart, grey) in cases {
            let bytes = encode(&picture(w, h), sampling, restart, grey);
            let ours = dc(&bytes).unwrap_or_else(|| {
                panic!("{w}×{h} {sampling:?} restart {restart} grey {grey} not decoded")
            });
            let theirs = reference(&bytes);
            assert_eq!(ours.dimensions(), (w.div_ceil(8), h.div_ceil(8)));
            let diff = mean_difference(&ours, &theirs);
            // The same block averages; only chroma upsampling differs a little.
            println!(
                "{w}×{h} {sampling:?} restart {restart} grey {grey}: mean difference {diff:.2}"
            );
            assert!(
                diff < 2.5,
                "{w}×{h} {sampling:?} restart {restart} grey {grey}: mean difference {diff:.2}"
            );
        }
    }

    #[test]
    fn a_progressive_photo_is_read_from_its_first_scan() {
        for (w, h, sampling, restart, grey) in [
            (1001, 777, SamplingFactor::F_2_2, 0, false),
            (640, 480, SamplingFactor::F_1_1, 3, false),
            (517, 389, SamplingFactor::F_1_1, 0, true),
        ] {
            let bytes = encode_with(&picture(w, h), sampling, restart, grey, true);
            assert!(
                bytes.windows(2).any(|m| m == [0xFF, 0xC2]),
                "a progressive file"
            );
            let ours = dc(&bytes).expect("the DC scan decodes");
            let diff = mean_difference(&ours, &reference(&bytes));
            assert!(
                diff < 2.5,
                "{w}×{h} {sampling:?} progressive: mean difference {diff:.2}"
            );
        }
        // A progressive photo from another encoder (the committed fixture).
        let fixture = std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../tests/fixtures/progressive.jpg"),
        )
        .unwrap();
        let diff = mean_difference(
            &dc(&fixture).expect("the fixture's DC scan"),
            &reference(&fixture),
        );
        assert!(diff < 2.5, "fixture: mean difference {diff:.2}");
        // Cut off inside its first scan: refused.
        let bytes = encode_with(&picture(320, 240), SamplingFactor::F_2_2, 0, false, true);
        let first_scan = bytes.windows(2).position(|w| w == [0xFF, 0xDA]).unwrap();
        assert!(dc(&bytes[..first_scan + 40]).is_none());
    }

    #[test]
    fn real_phone_photos_match_too() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../shared/fixtures/exif-orientation");
        let entries =
            std::fs::read_dir(&dir).expect("the shared EXIF fixtures (../shared/fixtures)");
        let mut seen = 0;
        for path in entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "jpg"))
        {
            let bytes = std::fs::read(&path).unwrap();
            if let Some(ours) = dc(&bytes) {
                let diff = mean_difference(&ours, &reference(&bytes));
                assert!(diff < 2.5, "{}: mean difference {diff:.2}", path.display());
                seen += 1;
            }
        }
        assert!(seen > 0, "no fixture took the DC path");
    }

    #[test]
    fn what_it_does_not_handle_goes_back_to_the_full_decoder() {
        assert!(dc(b"").is_none());
        assert!(dc(b"\xFF\xD8\xFF\xD9").is_none());
        assert!(dc(b"not a jpeg at all").is_none());
        let bytes = encode(&picture(320, 240), SamplingFactor::F_2_2, 0, false);
        // Cut off inside the scan: refused, not half a picture.
        let scan_start = bytes.windows(2).rposition(|w| w == [0xFF, 0xDA]).unwrap();
        assert!(decode_dc(
            &bytes[..scan_start + (bytes.len() - scan_start) / 2],
            (320, 240)
        )
        .is_none());
        // Restart markers missing where the header says they are.
        let with_restarts = encode(&picture(320, 240), SamplingFactor::F_1_1, 4, false);
        let rst = with_restarts
            .windows(2)
            .position(|w| w[0] == 0xFF && (0xD0..=0xD7).contains(&w[1]))
            .unwrap();
        let mut broken = with_restarts.clone();
        broken[rst + 1] = 0xD5;
        assert!(dc(&broken).is_none());
        assert!(dc(&with_restarts).is_some());
    }

    /// Hand-built JPEG pieces, for files no encoder writes.
    mod build {
        pub fn seg(marker: u8, payload: &[u8]) -> Vec<u8> {
            let mut out = vec![0xFF, marker];
            out.extend(u16::try_from(payload.len() + 2).unwrap().to_be_bytes());
            out.extend(payload);
            out
        }
        pub fn dqt(q0: u8) -> Vec<u8> {
            let mut p = vec![0, q0];
            p.extend([1u8; 63]);
            seg(0xDB, &p)
        }
        /// One component per (id, hv, table).
        pub fn sof(marker: u8, w: u16, h: u16, comps: &[(u8, u8, u8)]) -> Vec<u8> {
            let mut p = vec![8];
            p.extend(h.to_be_bytes());
            p.extend(w.to_be_bytes());
            p.push(comps.len() as u8);
            for (id, hv, tq) in comps {
                p.extend([*id, *hv, *tq]);
            }
            seg(marker, &p)
        }
        /// A Huffman table from (code length, symbol) pairs in code order.
        pub fn dht(class: u8, id: u8, codes: &[(usize, u8)]) -> Vec<u8> {
            let mut counts = [0u8; 16];
            for (len, _) in codes {
                counts[len - 1] += 1;
            }
            let mut p = vec![class << 4 | id];
            p.extend(counts);
            p.extend(codes.iter().map(|(_, s)| *s));
            seg(0xC4, &p)
        }
        pub fn sos(comps: &[(u8, u8)], ss: u8, se: u8, ah_al: u8) -> Vec<u8> {
            let mut p = vec![comps.len() as u8];
            for (id, tables) in comps {
                p.extend([*id, *tables]);
            }
            p.extend([ss, se, ah_al]);
            seg(0xDA, &p)
        }
        /// Entropy-coded bytes from a string of 0s and 1s (padded with 1s, FF stuffed).
        pub fn bits(text: &str) -> Vec<u8> {
            let mut text = text.to_owned();
            while !text.len().is_multiple_of(8) {
                text.push('1');
            }
            let mut out = Vec::new();
            for chunk in text.as_bytes().chunks(8) {
                let b = u8::from_str_radix(std::str::from_utf8(chunk).unwrap(), 2).unwrap();
                out.push(b);
                if b == 0xFF {
                    out.push(0);
                }
            }
            out
        }
        pub const SOI: [u8; 2] = [0xFF, 0xD8];
        pub const EOI: [u8; 2] = [0xFF, 0xD9];
        pub fn file(parts: &[Vec<u8>]) -> Vec<u8> {
            let mut out = SOI.to_vec();
            for p in parts {
                out.extend(p);
            }
            out.extend(EOI);
            out
        }
    }

    #[test]
    fn hostile_files_found_in_review_are_refused_quickly_and_never_panic() {
        use build::*;
        // The largest DC difference, shifted by the largest successive approximation, times the
        // largest quantizer: no overflow (it panicked in checked builds).
        let overflow = file(&[
            dqt(255),
            sof(0xC2, 8, 8, &[(1, 0x11, 0)]),
            dht(0, 0, &[(1, 11)]),
            sos(&[(1, 0)], 0, 0, 13),
            bits(&format!("0{}", "1".repeat(11))),
        ]);
        let image = decode_dc(&overflow, (8, 8)).expect("a valid, if extreme, file");
        assert_eq!(image.get_pixel(0, 0).0, [255, 255, 255]);
        // Scans with no components would loop over every MCU reading nothing: refused at once.
        let mut empty_scans = vec![
            dqt(8),
            sof(0xC0, 10_000, 10_000, &[(1, 0x11, 0)]),
            dht(0, 0, &[(1, 0)]),
            dht(1, 0, &[(1, 0)]),
        ];
        empty_scans.extend(std::iter::repeat_n(sos(&[], 0, 63, 0), 1000));
        let started = std::time::Instant::now();
        assert!(decode_dc(&file(&empty_scans), (10_000, 10_000)).is_none());
        assert!(
            started.elapsed().as_millis() < 500,
            "refused in {:?}",
            started.elapsed()
        );
        // `FF 00` where a marker should be: a reader that resyncs there sees a small frame; this
        // one must not go on to decode (and allocate for) a huge one behind it.
        let small = sof(0xC0, 16, 16, &[(1, 0x11, 0)]);
        let mut hidden = vec![0xFF, 0x00];
        hidden.extend(u16::try_from(small.len() + 2).unwrap().to_be_bytes());
        hidden.extend(&small);
        let big = file(&[
            hidden,
            dqt(8),
            sof(
                0xC2,
                65_535,
                65_535,
                &[(1, 0x11, 0), (2, 0x11, 0), (3, 0x11, 0)],
            ),
            dht(0, 0, &[(1, 0)]),
            sos(&[(1, 0)], 0, 0, 0),
            vec![0; 64],
        ]);
        assert!(decode_dc(&big, (16, 16)).is_none());
        // A frame of another size than the header the caller checked: refused before allocating.
        let plain = file(&[
            dqt(8),
            sof(0xC0, 16, 16, &[(1, 0x11, 0)]),
            dht(0, 0, &[(1, 0), (2, 11)]),
            dht(1, 0, &[(1, 0)]),
            sos(&[(1, 0)], 0, 63, 0),
            bits(&"0".repeat(8)),
        ]);
        assert!(decode_dc(&plain, (16, 16)).is_some());
        assert!(decode_dc(&plain, (65_535, 65_535)).is_none());
        // No quantization table: jpeg-decoder refuses it; so does this (no flat grey picture).
        let no_dqt = file(&[
            sof(0xC0, 16, 16, &[(1, 0x11, 0)]),
            dht(0, 0, &[(1, 0), (2, 11)]),
            dht(1, 0, &[(1, 0)]),
            sos(&[(1, 0)], 0, 63, 0),
            bits(&"0".repeat(8)),
        ]);
        assert!(decode_dc(&no_dqt, (16, 16)).is_none());
        // Components that are not YCbCr under any common naming.
        for ids in [*b"RGB", *b"rgb", [1, 34, 35]] {
            let comps: Vec<(u8, u8, u8)> = ids.iter().map(|&id| (id, 0x11, 0)).collect();
            let odd = file(&[
                dqt(8),
                sof(0xC0, 8, 8, &comps),
                dht(0, 0, &[(1, 0)]),
                dht(1, 0, &[(1, 0)]),
                sos(&ids.map(|id| (id, 0)), 0, 63, 0),
                bits("000000"),
            ]);
            assert!(decode_dc(&odd, (8, 8)).is_none(), "{ids:?}");
        }
    }

    #[test]
    fn one_scan_per_component_and_fill_bytes_read_the_same() {
        // jpeg-encoder writes one scan per component when it optimizes its Huffman tables.
        for sampling in [SamplingFactor::F_1_1, SamplingFactor::F_2_2] {
            let mut out = Vec::new();
            let mut encoder = Encoder::new(&mut out, 85);
            encoder.set_sampling_factor(sampling);
            encoder.set_optimized_huffman_tables(true); // (with restarts too it panics itself)
            let image = picture(301, 203);
            encoder
                .encode(image.as_raw(), 301, 203, ColorType::Rgb)
                .unwrap();
            assert!(
                out.windows(2).filter(|w| *w == [0xFF, 0xDA]).count() == 3,
                "one scan per component"
            );
            let diff = mean_difference(&dc(&out).expect("decoded"), &reference(&out));
            assert!(diff < 2.5, "{sampling:?}: mean difference {diff:.2}");
            // Fill bytes (FF) before every restart marker and before the markers between scans:
            // allowed, and the same picture.
            let mut filled = Vec::new();
            let mut i = 0;
            while i < out.len() {
                if i > 2
                    && out[i] == 0xFF
                    && out
                        .get(i + 1)
                        .is_some_and(|&m| (0xD0..=0xD7).contains(&m) || m == 0xDA || m == 0xC4)
                {
                    filled.push(0xFF);
                }
                filled.push(out[i]);
                i += 1;
            }
            assert_eq!(
                dc(&filled).expect("decoded with fill bytes"),
                dc(&out).unwrap()
            );
        }
    }

    /// Writes the fuzzer's seeds (`fuzz/seeds_jpeg`): small JPEGs of every kind this reads.
    /// Run with `cargo test -p flowboard-core write_jpeg_fuzz_seeds -- --ignored`.
    #[test]
    #[ignore = "writes files for the fuzzer"]
    fn write_jpeg_fuzz_seeds() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/seeds_jpeg");
        std::fs::create_dir_all(&dir).unwrap();
        let kinds = [
            ("444", SamplingFactor::F_1_1, 0, false, false),
            ("420", SamplingFactor::F_2_2, 0, false, false),
            ("422-restart", SamplingFactor::F_2_1, 2, false, false),
            ("grey", SamplingFactor::F_1_1, 0, true, false),
            ("progressive-420", SamplingFactor::F_2_2, 0, false, true),
        ];
        for (name, sampling, restart, grey, progressive) in kinds {
            std::fs::write(
                dir.join(format!("{name}.jpg")),
                encode_with(&picture(40, 24), sampling, restart, grey, progressive),
            )
            .unwrap();
        }
    }

    #[test]
    fn damaged_files_never_panic() {
        let bytes = encode(&picture(96, 64), SamplingFactor::F_2_2, 3, false);
        for end in 0..bytes.len() {
            let _ = dc(&bytes[..end]);
        }
        let mut seed = 99u32;
        for _ in 0..4000 {
            let mut damaged = bytes.clone();
            for _ in 0..3 {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                let at = (seed >> 8) as usize % damaged.len();
                damaged[at] = (seed >> 24) as u8;
            }
            if let Some(image) = decode_dc(&damaged, (96, 64)) {
                assert!(image.width() <= 65_535 / 8 + 1 && image.height() <= 65_535 / 8 + 1);
            }
        }
    }
}
