use crate::error::ImagingError;

/// The photo formats the editor decodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jpeg,
    Png,
    WebP,
    Gif,
    /// HEIC/HEIF (HEVC-coded), what iPhones save: decoded by [`super::heic`].
    Heic,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Self::Jpeg => "JPEG",
            Self::Png => "PNG",
            Self::WebP => "WebP",
            Self::Gif => "GIF",
            Self::Heic => super::heic::NAME,
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
            Self::WebP => "image/webp",
            Self::Gif => "image/gif",
            Self::Heic => "image/heic",
        }
    }

    /// The `image` crate's decoder for this format; `None` for HEIC, which has its own.
    pub(crate) fn image_format(self) -> Option<image::ImageFormat> {
        match self {
            Self::Jpeg => Some(image::ImageFormat::Jpeg),
            Self::Png => Some(image::ImageFormat::Png),
            Self::WebP => Some(image::ImageFormat::WebP),
            Self::Gif => Some(image::ImageFormat::Gif),
            Self::Heic => None,
        }
    }

    /// Whether browsers draw this format in an `<img>` (Chrome and Firefox do not draw HEIC:
    /// the editor shows such a photo through its decoded thumbnail).
    pub fn browser_draws(self) -> bool {
        self != Self::Heic
    }

    /// Whether the file visibly stops before its end.
    ///
    /// The JPEG decoder pads a cut-off scan with grey instead of failing, which would put a
    /// half-grey photo on the board without a word; so a JPEG's segments are walked from the
    /// start and must reach an end-of-image marker. Bytes after it (Motion Photos append a
    /// video) do not matter.
    pub(crate) fn is_truncated(self, bytes: &[u8]) -> bool {
        self == Self::Jpeg && jpeg_walk(bytes) == Walk::Truncated
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Walk {
    /// The main image reaches its end-of-image marker.
    Complete,
    /// The bytes end first.
    Truncated,
    /// The structure is not what a JPEG should be: left to the decoder to report.
    Malformed,
}

/// Follows a JPEG's marker segments and entropy-coded scans from SOI to EOI.
fn jpeg_walk(b: &[u8]) -> Walk {
    let mut i = 2; // after SOI
    loop {
        if i >= b.len() {
            return Walk::Truncated;
        }
        if b[i] != 0xFF {
            return Walk::Malformed;
        }
        while i < b.len() && b[i] == 0xFF {
            i += 1; // fill bytes
        }
        let Some(&marker) = b.get(i) else {
            return Walk::Truncated;
        };
        i += 1;
        match marker {
            0xD9 => return Walk::Complete,
            0xD0..=0xD7 | 0x01 => continue, // restart markers and TEM carry no length
            0x00 => return Walk::Malformed,
            _ => {
                let Some(len) = b
                    .get(i..i + 2)
                    .map(|l| usize::from(u16::from_be_bytes([l[0], l[1]])))
                else {
                    return Walk::Truncated;
                };
                if len < 2 {
                    return Walk::Malformed;
                }
                i += len;
                if i > b.len() {
                    return Walk::Truncated;
                }
                if marker == 0xDA {
                    // Entropy-coded data runs to the next marker that is not a stuffed byte or a restart.
                    loop {
                        match (b.get(i), b.get(i + 1)) {
                            (Some(0xFF), Some(0x00 | 0xD0..=0xD7)) => i += 2,
                            (Some(0xFF), Some(0xFF)) => i += 1,
                            (Some(0xFF), Some(_)) => break,
                            (Some(_), _) => i += 1,
                            (None, _) => return Walk::Truncated,
                        }
                    }
                }
            }
        }
    }
}

/// Identifies a photo by its first bytes, whatever its file name says.
///
/// # Errors
/// [`ImagingError::UnsupportedFormat`] for images of other kinds (AVIF, TIFF/RAW, BMP, PSD),
/// [`ImagingError::NotAnImage`] for anything else, [`ImagingError::Empty`] for no bytes.
pub fn sniff(bytes: &[u8]) -> Result<Format, ImagingError> {
    let unsupported = |format: &str| {
        Err(ImagingError::UnsupportedFormat {
            format: format.into(),
        })
    };
    match bytes {
        [] => Err(ImagingError::Empty),
        [0xFF, 0xD8, 0xFF, ..] => Ok(Format::Jpeg),
        [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => Ok(Format::Png),
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Ok(Format::WebP),
        [b'G', b'I', b'F', b'8', b'7' | b'9', b'a', ..] => Ok(Format::Gif),
        [_, _, _, _, b'f', b't', b'y', b'p', brand @ ..] if brand.len() >= 4 => match &brand[..4] {
            // HEVC-coded HEIF; a `mif1`/`msf1` file may hold AV1 (AVIF) instead, which the HEIC
            // decoder then names as unsupported.
            b"heic" | b"heix" | b"hevc" | b"hevx" | b"heim" | b"heis" | b"mif1" | b"msf1" => {
                Ok(Format::Heic)
            }
            b"avif" | b"avis" => unsupported("AVIF"),
            _ => Err(ImagingError::NotAnImage), // e.g. an MP4 or MOV video
        },
        [b'I', b'I', 0x2A, 0x00, ..] | [b'M', b'M', 0x00, 0x2A, ..] => unsupported("TIFF / RAW"),
        [b'B', b'M', ..] => unsupported("BMP"),
        [b'8', b'B', b'P', b'S', ..] => unsupported("Photoshop (PSD)"),
        _ => Err(ImagingError::NotAnImage),
    }
}

impl Format {
    /// Every format the editor decodes.
    pub const ALL: [Format; 5] = [Self::Jpeg, Self::Png, Self::WebP, Self::Gif, Self::Heic];
}

/// How many first bytes [`sniff`] and [`photo_mime`] need.
pub const SNIFF_LEN: usize = 16;

/// The media type a photo's blob must carry, taken from its first bytes ([`SNIFF_LEN`] are
/// enough): `None` when they are not a photo the editor shows.
///
/// A photo is shown from a `blob:` URL, and the browser renders such a URL opened in a tab by the
/// blob's type: a PNG/HTML polyglot typed `text/html` would run its script in the editor's origin.
/// So a type stored in a backup, declared in a bundle or given by the file's name is never used.
pub fn photo_mime(first_bytes: &[u8]) -> Option<&'static str> {
    sniff(first_bytes).ok().map(Format::mime)
}

/// Whether a blob typed `mime` may be shown from a URL as a photo: one of the raster types the
/// editor decodes, which a browser only ever draws as an image (never SVG, which can hold script,
/// nor HTML, XML or an empty type, which a browser may sniff).
pub fn is_photo_mime(mime: &str) -> bool {
    Format::ALL.iter().any(|f| f.mime() == mime)
}

/// Whether a photo typed `mime` can be shown as itself in an `<img>`: `false` for HEIC, which
/// Chrome and Firefox do not draw (the editor then shows its thumbnail, decoded here).
pub fn browser_draws_mime(mime: &str) -> bool {
    Format::ALL
        .iter()
        .any(|f| f.mime() == mime && f.browser_draws())
}
