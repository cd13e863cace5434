//! Every word the editor, its exports and its messages show, in each language Flowboard speaks,
//! and how each language writes numbers, dates and plurals.
//!
//! # Design
//! One file ([`catalogue`]) holds everything that differs between languages: the [`Lang`]s, a
//! row of rules for each ([`Locale`]: its tag, its own name, its CLDR plural rule, its decimal and
//! grouping marks, its date order) and every text, as a key of [`T`] followed by its text in each
//! language, side by side, so a translation cannot be missing (a line with a text too few does not
//! compile) and a reader checks them line by line. This module is the same code for every
//! language: adding one adds no code here.
//!
//! Texts that take values name them in braces (`"Frame {from} moved to position {to}"`); the
//! tests check that every language uses the same names. A text that depends on a count lists one
//! form per plural category of its language, separated by `|`, in CLDR's order (zero, one, two,
//! few, many, other): `"{n} frame|{n} frames"`; the value named `n` picks the form. Keys are
//! plain `Copy` values, so the pure core can store them (the undo history keeps a [`T`] per step)
//! and the page picks the language only when it shows them.
//!
//! The language is chosen once per page ([`Lang::choose`]): the address's `?lang=`, else the
//! person's remembered choice, else the first of `navigator.languages` Flowboard has.

mod catalogue;

pub use catalogue::{Lang, T};
use catalogue::{LOCALES, TEXTS};
use serde::{Deserialize, Serialize};
use std::fmt::Display;

/// The separator between a text's plural forms.
const FORMS: char = '|';

/// A CLDR plural category (<https://cldr.unicode.org/index/cldr-spec/plural-rules>).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Plural {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

/// A number as CLDR's plural rules see it, read from how it is written ("2", "2.50").
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Operands {
    /// The absolute value.
    pub n: f64,
    /// The integer digits.
    pub i: u64,
    /// How many fraction digits are written (`2.50` → 2).
    pub v: u32,
    /// The fraction digits as written (`2.50` → 50).
    pub f: u64,
    /// The fraction digits without trailing zeros (`2.50` → 5).
    pub t: u64,
    /// The compact exponent (`1.2c6`); Flowboard never writes numbers that way, so always 0.
    pub e: u32,
}

impl Operands {
    /// The operands of a number as Rust writes it (`12`, `-2.5`, `0.10`), or `None` for text
    /// that is not one.
    pub fn parse(written: &str) -> Option<Self> {
        let digits = written.trim().trim_start_matches('-');
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if int.is_empty() || !all_digits(int) || !all_digits(frac) || digits.ends_with('.') {
            return None;
        }
        let number = |s: &str| {
            s.get(s.len().saturating_sub(18)..)
                .unwrap_or(s)
                .parse()
                .unwrap_or(0)
        };
        let trimmed = frac.trim_end_matches('0');
        Some(Self {
            n: digits.parse().ok()?,
            i: number(int),
            v: u32::try_from(frac.len()).ok()?,
            f: if frac.is_empty() { 0 } else { number(frac) },
            t: if trimmed.is_empty() {
                0
            } else {
                number(trimmed)
            },
            e: 0,
        })
    }

    /// The operands of a count.
    pub fn count(n: u64) -> Self {
        Self {
            n: n as f64,
            i: n,
            ..Self::default()
        }
    }
}

/// What a language needs besides its texts: one row of [`catalogue::LOCALES`].
pub struct Locale {
    /// The BCP 47 tag for `<html lang>` and `?lang=` (it picks the right CJK glyphs in system
    /// fonts).
    pub code: &'static str,
    /// The language's own name, as the language menu shows it.
    pub name: &'static str,
    /// The primary language subtags that choose it (`zh` also for Traditional Chinese readers).
    pub tags: &'static [&'static str],
    /// Its plural categories, in the order its texts list their forms.
    pub plurals: &'static [Plural],
    /// CLDR's cardinal plural rule.
    pub plural: fn(Operands) -> Plural,
    /// The decimal mark (`2.5` / `2,5`).
    pub decimal: &'static str,
    /// The thousands separator.
    pub group: &'static str,
    /// CLDR's minimum grouping digits: 2 writes 4-digit numbers ungrouped (`2000`, `12.000`).
    pub min_grouping: usize,
    /// A date and time, from `{y}`, `{m}`, `{d}`, `{h}`, `{min}` (all but the year two digits).
    pub date_time: &'static str,
    /// The field separator of the shot list (CSV): what a spreadsheet set to this language
    /// expects (`;` where the decimal mark is a comma).
    pub csv: char,
}

impl Lang {
    fn locale(self) -> &'static Locale {
        &LOCALES[self as usize]
    }

    /// The BCP 47 tag for `<html lang>` (it picks the right CJK glyphs in system fonts).
    pub fn code(self) -> &'static str {
        self.locale().code
    }

    /// The language's own name, as a language menu shows it.
    pub fn name(self) -> &'static str {
        self.locale().name
    }

    /// The language a BCP 47 tag asks for (`en-GB`, `zh`, `zh-CN`, `zh-Hans`, `ZH_tw`, `it-CH`),
    /// if Flowboard has it. Traditional Chinese readers get Simplified Chinese: closer than
    /// English.
    pub fn from_code(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        Lang::ALL.into_iter().find(|lang| {
            lang.locale()
                .tags
                .iter()
                .any(|t| t.eq_ignore_ascii_case(primary))
        })
    }

    /// The first language of the browser's list (`navigator.languages`) that Flowboard has,
    /// else English.
    pub fn preferred<'a>(tags: impl IntoIterator<Item = &'a str>) -> Lang {
        tags.into_iter()
            .find_map(Lang::from_code)
            .unwrap_or_default()
    }

    /// The page's language: the address's `?lang=` (a workshop link, an embedding page), else
    /// the person's earlier choice, else the browser's languages, else English. A value
    /// Flowboard does not have is passed over, not an error.
    pub fn choose<'a>(
        asked: Option<&str>,
        remembered: Option<&str>,
        browser: impl IntoIterator<Item = &'a str>,
    ) -> Lang {
        asked
            .and_then(Lang::from_code)
            .or_else(|| remembered.and_then(Lang::from_code))
            .unwrap_or_else(|| Lang::preferred(browser))
    }

    /// The text of `key` in this language (of a text with plural forms, the last: "other").
    pub fn t(self, key: T) -> &'static str {
        let text = self.template(key);
        text.rsplit(FORMS).next().unwrap_or(text)
    }

    /// The text of `key` as the catalogue has it, plural forms and all.
    fn template(self, key: T) -> &'static str {
        TEXTS[key as usize][self as usize]
    }

    /// The CLDR plural category of a number in this language.
    pub fn plural(self, n: Operands) -> Plural {
        (self.locale().plural)(n)
    }

    /// The form of `template` for the number written `n` (as Rust writes it); without a
    /// number, the last ("other").
    fn form(self, template: &'static str, n: Option<&str>) -> &'static str {
        if !template.contains(FORMS) {
            return template;
        }
        let category = n
            .and_then(Operands::parse)
            .map_or(Plural::Other, |n| self.plural(n));
        let index = self
            .locale()
            .plurals
            .iter()
            .position(|c| *c == category)
            .unwrap_or(usize::MAX);
        template
            .split(FORMS)
            .nth(index)
            .or_else(|| template.rsplit(FORMS).next())
            .unwrap_or(template)
    }

    /// The text of `key` with its `{name}`s filled in from `args`; a text with plural forms
    /// takes the form for the value named `n`.
    pub fn f(self, key: T, args: &[(&str, &dyn Display)]) -> String {
        let n = args
            .iter()
            .find(|(name, _)| *name == "n")
            .map(|(_, v)| v.to_string());
        fill(self.form(self.template(key), n.as_deref()), args)
    }

    /// "1 frame" / "3 frames" / "1.000.000 di fotogrammi": the form of `key` for `n`, with `{n}`
    /// written as the language writes numbers.
    pub fn count(self, n: usize, key: T) -> String {
        let form = self.form(self.template(key), Some(&n.to_string()));
        fill(form, &[("n", &self.number(n))])
    }

    /// A number written the Rust way (`4981`, `12.5`, `-3`) in this language's marks: `4,981` /
    /// `12.5` in English, `4981` / `12,5` / `12.345` in Italian. Anything else is left as it is.
    pub fn number(self, n: impl Display) -> String {
        let written = n.to_string();
        let Some(digits) = Operands::parse(&written).map(|_| written.trim()) else {
            return written;
        };
        let (sign, digits) = match digits.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", digits),
        };
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        let locale = self.locale();
        let mut out = String::with_capacity(written.len() + 4);
        out.push_str(sign);
        let grouped = int.len() >= 3 + locale.min_grouping;
        for (i, c) in int.chars().enumerate() {
            if grouped && i > 0 && (int.len() - i).is_multiple_of(3) {
                out.push_str(locale.group);
            }
            out.push(c);
        }
        if !frac.is_empty() {
            out.push_str(locale.decimal);
            out.push_str(frac);
        }
        out
    }

    /// Seconds as a timeline shows them (`0:02.5`, `1:02:05`), with the language's decimal
    /// mark (`0:02,5`).
    pub fn duration(self, seconds: f64) -> String {
        let text = format_duration(seconds);
        match text.rsplit_once('.') {
            Some((whole, tenth)) => format!("{whole}{}{tenth}", self.locale().decimal),
            None => text,
        }
    }

    /// A date and time in the language's order (`2026-11-30 14:05`, `30/11/2026 14:05`).
    pub fn date_time(self, year: i32, month: u32, day: u32, hour: u32, minute: u32) -> String {
        fill(
            self.locale().date_time,
            &[
                ("y", &year),
                ("m", &format_args!("{month:02}")),
                ("d", &format_args!("{day:02}")),
                ("h", &format_args!("{hour:02}")),
                ("min", &format_args!("{minute:02}")),
            ],
        )
    }

    /// A local date and time written `2024-05-01T10:20` (or with a space, seconds optional),
    /// as this language writes it; anything else as it is.
    pub fn local_date_time(self, written: &str) -> String {
        let part = |range: std::ops::Range<usize>| {
            written
                .get(range)
                .filter(|s| s.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|s| s.parse::<u32>().ok())
        };
        let separators = [(4, b'-'), (7, b'-'), (13, b':')];
        let shaped = written.len() >= 16
            && separators
                .iter()
                .all(|(i, c)| written.as_bytes().get(*i) == Some(c));
        match (
            shaped,
            part(0..4),
            part(5..7),
            part(8..10),
            part(11..13),
            part(14..16),
        ) {
            (true, Some(y), Some(m), Some(d), Some(h), Some(min)) => {
                self.date_time(y as i32, m, d, h, min)
            }
            _ => written.to_owned(),
        }
    }

    /// The decimal mark (`.` / `,`), for what writes numbers outside Rust (the exported page's
    /// slideshow clock).
    pub fn decimal_mark(self) -> &'static str {
        self.locale().decimal
    }

    /// The shot list's field separator (`,`, or `;` where numbers have a decimal comma).
    pub fn csv_separator(self) -> char {
        self.locale().csv
    }
}

/// Replaces each `{name}` in `template` by its value in `args`; unknown names stay as they are.
pub fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').map(|close| (&after[..close], close)) {
            Some((name, close)) if args.iter().any(|(n, _)| *n == name) => {
                let value = args
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v)
                    .expect("just found");
                let _ = write!(out, "{value}");
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A count with its thousands grouped by commas ("50,000"), as English writes numbers; in a
/// [`Message`], [`Message::with_number`] writes it in the language shown.
pub fn grouped(n: usize) -> String {
    Lang::En.number(n)
}

/// A text and its values, kept until it is shown: what the pure core reports (why a file was
/// refused, what could not be restored) is worded by the page in the language it speaks then,
/// and can cross from a worker to the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub key: T,
    pub args: Vec<(String, Arg)>,
}

/// A value in a [`Message`]: text as it is (a file name, a number, a browser's own words), or
/// another text of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Arg {
    Text(String),
    /// A number written the Rust way (`2000`, `12.5`), shown with the language's marks
    /// (`2,000` / `2000`, `12,5`); as `n`, it picks the plural form.
    Number(String),
    Said(T),
    Message(Box<Message>),
    /// Items joined the language's way ("1, 2, 3" / "1、2、3").
    List(Vec<String>),
    /// Other messages, each worded in the same language, joined by `sep` (a text of the
    /// catalogue, e.g. "; ") or run together (sentences one after another).
    Messages(Vec<Message>, Option<T>),
}

impl Message {
    pub fn new(key: T) -> Self {
        Self {
            key,
            args: Vec::new(),
        }
    }

    /// Text that has no translation (a decoder's or a browser's own words).
    pub fn raw(text: impl Into<String>) -> Self {
        Self::new(T::RawText).with("text", text.into())
    }

    /// Sets `{name}` to `arg`; the other `with_…` are this for each kind of value.
    pub fn with_arg(mut self, name: &str, arg: Arg) -> Self {
        self.args.push((name.to_owned(), arg));
        self
    }

    /// Sets `{name}` to `value`.
    pub fn with(self, name: &str, value: impl Display) -> Self {
        self.with_arg(name, Arg::Text(value.to_string()))
    }

    /// Sets `{name}` to a number (a count, or a decimal written with `{:.1}`), written the way
    /// the language shown writes numbers.
    pub fn with_number(self, name: &str, value: impl Display) -> Self {
        self.with_arg(name, Arg::Number(value.to_string()))
    }

    /// Sets `{name}` to another message, worded in the same language.
    pub fn with_message(self, name: &str, message: Message) -> Self {
        self.with_arg(name, Arg::Message(Box::new(message)))
    }

    /// Sets `{name}` to a list, joined the way the language joins one.
    pub fn with_list(self, name: &str, items: Vec<String>) -> Self {
        self.with_arg(name, Arg::List(items))
    }

    /// Sets `{name}` to a list that may be long: whole up to five items, else its first three
    /// and how many more ("3, 7, 12 and 4,981 more"), so a notice about thousands of frames
    /// stays one line.
    pub fn with_summary(self, name: &str, mut items: Vec<String>) -> Self {
        const WHOLE: usize = 5;
        const SHOWN: usize = 3;
        if items.len() <= WHOLE {
            return self.with_list(name, items);
        }
        let more = items.len() - SHOWN;
        items.truncate(SHOWN);
        self.with_message(
            name,
            Message::new(T::ListAndMore)
                .with_list("list", items)
                .with_number("n", more),
        )
    }

    /// Sets `{name}` to other messages joined by the text `sep` ("a; b; c").
    pub fn with_messages(self, name: &str, items: Vec<Message>, sep: T) -> Self {
        self.with_arg(name, Arg::Messages(items, Some(sep)))
    }

    /// Sentences one after another, each worded when shown ("Backup restored: …. 2 boards were
    /// already here.").
    pub fn sentences(parts: Vec<Message>) -> Self {
        Self::new(T::RawText).with_arg("text", Arg::Messages(parts, None))
    }

    /// Sets `{name}` to another text of the catalogue.
    pub fn with_said(self, name: &str, key: T) -> Self {
        self.with_arg(name, Arg::Said(key))
    }

    /// The message in `lang`.
    pub fn show(&self, lang: Lang) -> String {
        let values: Vec<(&str, std::borrow::Cow<str>)> = self
            .args
            .iter()
            .map(|(name, arg)| {
                let value = match arg {
                    Arg::Text(text) => text.as_str().into(),
                    Arg::Number(number) => lang.number(number).into(),
                    Arg::Said(key) => lang.t(*key).into(),
                    Arg::Message(message) => message.show(lang).into(),
                    Arg::List(items) => items.join(lang.t(T::ListComma)).into(),
                    Arg::Messages(items, sep) => {
                        let items: Vec<String> = items.iter().map(|m| m.show(lang)).collect();
                        items.join(sep.map_or("", |sep| lang.t(sep))).into()
                    }
                };
                (name.as_str(), value)
            })
            .collect();
        let args: Vec<(&str, &dyn Display)> = values
            .iter()
            .map(|(n, v)| (*n, v as &dyn Display))
            .collect();
        // The plural form follows the number as written, before the language's marks.
        let n = self
            .args
            .iter()
            .find(|(name, _)| name == "n")
            .map(|(_, arg)| match arg {
                Arg::Text(text) | Arg::Number(text) => text.as_str(),
                _ => "",
            });
        fill(lang.form(lang.template(self.key), n), &args)
    }
}

/// In English, for logs and tests.
impl Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.show(Lang::En))
    }
}

/// Keys cross the worker boundary as their number: page and worker are built from one catalogue.
impl Serialize for T {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u16(*self as u16)
    }
}

impl<'de> Deserialize<'de> for T {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let n = u16::deserialize(deserializer)?;
        T::ALL
            .get(usize::from(n))
            .copied()
            .ok_or_else(|| serde::de::Error::custom(format!("no text number {n}")))
    }
}

/// Seconds as `m:ss` (`0:03`, `1:25`), or `h:mm:ss` past an hour; tenths when not whole.
fn format_duration(seconds: f64) -> String {
    let tenths = (seconds * 10.0).round() as u64;
    let (whole, tenth) = (tenths / 10, tenths % 10);
    let (h, m, s) = (whole / 3600, whole / 60 % 60, whole % 60);
    let frac = if tenth == 0 {
        String::new()
    } else {
        format!(".{tenth}")
    };
    if h > 0 {
        format!("{h}:{m:02}:{s:02}{frac}")
    } else {
        format!("{m}:{s:02}{frac}")
    }
}

#[cfg(test)]
mod tests;
