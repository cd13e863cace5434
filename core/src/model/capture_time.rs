//! When a photo was taken, from EXIF `DateTimeOriginal` (+ `OffsetTimeOriginal` when present).

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// A capture time as the camera wrote it: a local civil time, and its UTC offset when known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaptureTime {
    /// `YYYY-MM-DDTHH:MM:SS`, the camera's local time.
    pub local: String,
    /// Minutes east of UTC, when the camera recorded it (`OffsetTimeOriginal`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset_minutes: Option<i32>,
}

impl CaptureTime {
    /// Parses EXIF's `YYYY:MM:DD HH:MM:SS` and an optional `±HH:MM` offset. Returns `None` for
    /// blank (`0000:00:00 00:00:00`, spaces) or malformed values, and impossible dates.
    pub fn from_exif(datetime: &str, offset: Option<&str>) -> Option<Self> {
        let s = datetime.trim_end_matches('\0').trim();
        let b = s.as_bytes();
        if b.len() < 19
            || b[4] != b':'
            || b[7] != b':'
            || !matches!(b[10], b' ' | b'T')
            || b[13] != b':'
            || b[16] != b':'
        {
            return None;
        }
        let num = |r: std::ops::Range<usize>| {
            s.get(r)
                .filter(|t| t.bytes().all(|c| c.is_ascii_digit()))
                .and_then(|t| t.parse::<u32>().ok())
        };
        let (y, mo, d, h, mi, se) = (
            num(0..4)?,
            num(5..7)?,
            num(8..10)?,
            num(11..13)?,
            num(14..16)?,
            num(17..19)?,
        );
        if y == 0
            || !(1..=12).contains(&mo)
            || d == 0
            || d > days_in_month(y, mo)
            || h > 23
            || mi > 59
            || se > 60
        {
            return None;
        }
        let offset_minutes = offset.and_then(parse_offset);
        Some(Self {
            local: format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{se:02}"),
            offset_minutes,
        })
    }

    /// Seconds since 1970-01-01 in UTC when the offset is known, else treating local time as UTC.
    pub fn sort_key(&self) -> i64 {
        self.sort_key_assuming(0)
    }

    /// Seconds since 1970-01-01 in UTC, assuming `default_offset_minutes` when the camera recorded
    /// no offset (photos of one trip share a zone, so the board's usual offset is the best guess).
    pub fn sort_key_assuming(&self, default_offset_minutes: i32) -> i64 {
        let n = |r: std::ops::Range<usize>| {
            self.local
                .get(r)
                .and_then(|t| t.parse::<i64>().ok())
                .unwrap_or(0)
        };
        let days = days_from_civil(n(0..4), n(5..7), n(8..10));
        days * 86_400 + n(11..13) * 3600 + n(14..16) * 60 + n(17..19)
            - i64::from(self.offset_minutes.unwrap_or(default_offset_minutes)) * 60
    }

    /// `2024-05-01 10:20`, for the frame card.
    pub fn short(&self) -> String {
        self.local
            .get(0..16)
            .unwrap_or(&self.local)
            .replace('T', " ")
    }
}

impl PartialOrd for CaptureTime {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for CaptureTime {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key()
            .cmp(&other.sort_key())
            .then_with(|| self.local.cmp(&other.local))
    }
}

fn parse_offset(s: &str) -> Option<i32> {
    let s = s.trim_end_matches('\0').trim();
    let b = s.as_bytes();
    if b.len() != 6 || b[3] != b':' {
        return None;
    }
    let sign = match b[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let h: i32 = s.get(1..3)?.parse().ok()?;
    let m: i32 = s.get(4..6)?.parse().ok()?;
    (h <= 14 && m < 60).then_some(sign * (h * 60 + m))
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_exif_datetimes_and_offsets() {
        let t = CaptureTime::from_exif("2024:05:01 10:20:30", Some("+08:00")).unwrap();
        assert_eq!(t.local, "2024-05-01T10:20:30");
        assert_eq!(t.offset_minutes, Some(480));
        assert_eq!(t.short(), "2024-05-01 10:20");
        assert_eq!(
            CaptureTime::from_exif("2024:05:01 10:20:30\0", Some("-03:30"))
                .unwrap()
                .offset_minutes,
            Some(-210)
        );
        assert_eq!(
            CaptureTime::from_exif("2024:05:01 10:20:30", Some("bogus"))
                .unwrap()
                .offset_minutes,
            None
        );
    }

    #[test]
    fn rejects_blank_and_malformed_values() {
        for bad in [
            "",
            "0000:00:00 00:00:00",
            "    :  :     :  :  ",
            "2024-05-01",
            "2024:13:01 10:00:00",
            "2023:02:29 10:00:00",
            "2024:05:01 25:00:00",
            "abcd:05:01 10:00:00",
            "2024:05:01",
        ] {
            assert_eq!(CaptureTime::from_exif(bad, None), None, "{bad:?}");
        }
        assert!(
            CaptureTime::from_exif("2024:02:29 10:00:00", None).is_some(),
            "leap day"
        );
    }

    #[test]
    fn a_missing_offset_can_be_assumed() {
        let noon = CaptureTime::from_exif("2024:05:01 12:00:00", None).unwrap();
        let evening = CaptureTime::from_exif("2024:05:01 19:30:00", Some("+08:00")).unwrap();
        assert!(noon.sort_key_assuming(480) < evening.sort_key_assuming(480));
        assert!(
            noon.sort_key() > evening.sort_key(),
            "as UTC, noon comes after 11:30 UTC"
        );
    }

    #[test]
    fn orders_by_instant_when_offsets_are_known() {
        let tokyo = CaptureTime::from_exif("2024:05:01 18:00:00", Some("+09:00")).unwrap(); // 09:00 UTC
        let paris = CaptureTime::from_exif("2024:05:01 10:30:00", Some("+02:00")).unwrap(); // 08:30 UTC
        assert!(paris < tokyo);
        assert_eq!(
            CaptureTime::from_exif("1970:01:02 00:00:00", None)
                .unwrap()
                .sort_key(),
            86_400
        );
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }
}
