//! Reading bundles back: strict about structure, limits and paths, lenient about the board
//! (see [`super::parse_manifest`]). Both readers take untrusted bytes and never panic (fuzzed:
//! `fuzz/fuzz_targets/`).

use super::{html::DATA_ID, parse_manifest, Manifest, MANIFEST_PATH};
use crate::error::BundleError;
use crate::i18n::{Arg, Message, T};
use crate::zip::ZipErrorKind;
use base64::Engine;
use std::collections::BTreeMap;

/// How much a bundle may unpack to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest single file inside (an image, an original, the manifest).
    pub max_file: u64,
    /// Largest audio file inside (`audio/…`): the largest the editor takes
    /// ([`crate::audio::MAX_AUDIO_BYTES`]), so every board with sound it exports opens again.
    pub max_audio: u64,
    /// Largest total of everything inside.
    pub max_total: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_file: 64_000_000,
            max_audio: crate::audio::MAX_AUDIO_BYTES,
            max_total: 1_000_000_000,
        }
    }
}

impl Limits {
    /// The largest a file at `path` may be.
    fn max_for(&self, path: &str) -> u64 {
        if path.starts_with("audio/") {
            self.max_audio.max(self.max_file)
        } else {
            self.max_file
        }
    }
}

/// A bundle's manifest and the files it lists, by path.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    pub manifest: Manifest,
    pub files: BTreeMap<String, Vec<u8>>,
    /// What could not be read of the board (it was restored without it).
    pub problems: Vec<crate::i18n::Message>,
}

/// Opens either kind of bundle, told apart by its first bytes.
///
/// # Errors
/// See [`open_html`] and [`open_zip`].
pub fn open(bytes: &[u8], limits: &Limits) -> Result<Opened, BundleError> {
    if bytes.starts_with(b"PK") {
        return open_zip(bytes, limits);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| BundleError::NotABundle {
        detail: Message::new(T::BundleNeither),
    })?;
    open_html(text, limits)
}

fn too_large(max: u64, what: Arg, size: u64) -> Result<(), BundleError> {
    if size > max {
        let detail = Message::new(T::BundlePartTooLarge)
            .with_arg("what", what)
            .with("mb", size.div_ceil(1_000_000))
            .with("max", max / 1_000_000);
        return Err(BundleError::TooLarge { detail });
    }
    Ok(())
}

/// Opens a single-file HTML bundle: the manifest from its JSON block, every file from its
/// `<img data-file="…" src="data:…;base64,…">` (images, originals) or
/// `<audio data-file="…" src="data:…;base64,…">` (sound).
///
/// # Errors
/// [`BundleError::NotABundle`] (no Flowboard data block), [`BundleError::Damaged`] (broken JSON or
/// base64, an image the manifest lists but the page lacks is only a problem note),
/// [`BundleError::Unsafe`] (an unsafe or repeated file name), [`BundleError::TooLarge`],
/// [`BundleError::NewerVersion`].
pub fn open_html(text: &str, limits: &Limits) -> Result<Opened, BundleError> {
    if text.len() as u64 > limits.max_total * 4 / 3 + 10_000_000 {
        return Err(BundleError::TooLarge {
            detail: Message::new(T::BundlePageSize).with("mb", text.len().div_ceil(1_000_000)),
        });
    }
    let open_tag = format!("<script type=\"application/json\" id=\"{DATA_ID}\">");
    let Some(start) = text.find(&open_tag).map(|i| i + open_tag.len()) else {
        return Err(BundleError::NotABundle {
            detail: Message::new(T::BundleNoData),
        });
    };
    if text[start..].contains(&open_tag) {
        return Err(BundleError::Unsafe {
            detail: Message::new(T::BundleTwoBoards),
        });
    }
    let Some(len) = text[start..].find("</script>") else {
        return Err(BundleError::Damaged {
            detail: Message::new(T::BundleDataCutOff),
        });
    };
    let json = &text[start..start + len];
    too_large(
        limits.max_file,
        Arg::Said(T::BundleTheData),
        json.len() as u64,
    )?;
    let (manifest, problems) = parse_manifest(json)?;
    let mut files = BTreeMap::new();
    let mut total = 0u64;
    const MARKS: [&str; 2] = ["<img data-file=\"", "<audio data-file=\""];
    let mut rest = text;
    while let Some((at, mark)) = MARKS
        .iter()
        .filter_map(|m| Some((rest.find(m)?, m.len())))
        .min()
    {
        rest = &rest[at + mark..];
        let Some(end) = rest.find('"') else { break };
        let path = rest[..end].to_owned();
        rest = &rest[end + 1..];
        // The page escapes paths for HTML; ours never contain characters that need it.
        crate::zip::check_name(&path).map_err(|e| BundleError::Unsafe { detail: e.detail })?;
        let Some(data) = rest.strip_prefix(" src=\"data:") else {
            continue;
        }; // a linked image (ZIP viewer)
        let Some(comma) = data.find(',').filter(|c| data[..*c].ends_with(";base64")) else {
            return Err(BundleError::Damaged {
                detail: Message::new(T::BundleNotBase64).with("path", &path),
            });
        };
        let data = &data[comma + 1..];
        let Some(end) = data.find('"') else {
            return Err(BundleError::Damaged {
                detail: Message::new(T::BundleCutOff).with("path", &path),
            });
        };
        let encoded = &data[..end];
        rest = &data[end..];
        too_large(
            limits.max_for(&path),
            Arg::Text(path.clone()),
            encoded.len() as u64 / 4 * 3,
        )?;
        total += encoded.len() as u64 / 4 * 3;
        if total > limits.max_total {
            return Err(BundleError::TooLarge {
                detail: Message::new(T::BundleImagesTotal)
                    .with("max", limits.max_total / 1_000_000),
            });
        }
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .map_err(|e| BundleError::Damaged {
                detail: Message::new(T::BundlePartDamaged)
                    .with("path", &path)
                    .with("detail", e),
            })?;
        if files.insert(path.clone(), bytes).is_some() {
            return Err(BundleError::Unsafe {
                detail: Message::new(T::BundleTwoFiles).with("path", &path),
            });
        }
    }
    Ok(Opened {
        manifest,
        files,
        problems,
    })
}

/// Opens a ZIP bundle: `storyboard.json` at the top, or in the one folder everything is in (a
/// bundle folder zipped again by an operating system), and the files it lists.
///
/// # Errors
/// [`BundleError::NotABundle`] (not a ZIP, or no `storyboard.json`), [`BundleError::Damaged`] (a
/// cut-off archive, a checksum that fails, broken JSON), [`BundleError::Unsafe`] (`..`, absolute
/// or repeated names), [`BundleError::TooLarge`] (oversize entries, a "zip bomb"),
/// [`BundleError::NewerVersion`].
pub fn open_zip(bytes: &[u8], limits: &Limits) -> Result<Opened, BundleError> {
    let largest = limits.max_file.max(limits.max_audio);
    let entries = crate::zip::extract(bytes, largest, limits.max_total).map_err(|e| {
        let detail = e.detail;
        match e.kind {
            ZipErrorKind::NotZip => BundleError::NotABundle { detail },
            ZipErrorKind::Unsafe => BundleError::Unsafe { detail },
            ZipErrorKind::TooLarge => BundleError::TooLarge { detail },
            ZipErrorKind::Damaged => BundleError::Damaged { detail },
        }
    })?;
    let manifests: Vec<&str> = entries
        .iter()
        .map(|(n, _)| n.as_str())
        .filter(|n| {
            *n == MANIFEST_PATH
                || n.split('/').count() == 2 && n.ends_with(&format!("/{MANIFEST_PATH}"))
        })
        .collect();
    let prefix = match manifests.as_slice() {
        [one] => one[..one.len() - MANIFEST_PATH.len()].to_owned(),
        [] => {
            return Err(BundleError::NotABundle {
                detail: Message::new(T::BundleNoManifest).with("name", MANIFEST_PATH),
            })
        }
        _ => {
            return Err(BundleError::Unsafe {
                detail: Message::new(T::BundleTwoManifests).with("name", MANIFEST_PATH),
            })
        }
    };
    let mut files: BTreeMap<String, Vec<u8>> = crate::inserting(
        entries
            .into_iter()
            .filter_map(|(name, data)| Some((name.strip_prefix(&prefix)?.to_owned(), data))),
    );
    // Only sound may be larger than other files.
    for (path, data) in &files {
        too_large(
            limits.max_for(path),
            Arg::Text(path.clone()),
            data.len() as u64,
        )?;
    }
    let json = files.remove(MANIFEST_PATH).unwrap_or_default();
    let json = String::from_utf8(json).map_err(|_| BundleError::Damaged {
        detail: Message::new(T::BundleNotUtf8).with("name", MANIFEST_PATH),
    })?;
    let (manifest, problems) = parse_manifest(&json)?;
    Ok(Opened {
        manifest,
        files,
        problems,
    })
}
