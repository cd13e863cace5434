//! Every word the editor, its exports and its messages show, in each language Flowboard speaks.
//!
//! # Design
//! One catalogue ([`catalogue`]) lists each text once, as a key of [`T`] followed by its English
//! and its Simplified Chinese, side by side, so a translation cannot be missing (the macro needs
//! both) and a reader checks them line by line. Texts that take values name them in braces
//! (`"Frame {from} moved to position {to}"`); the tests check that both languages use the same
//! names. Keys are plain `Copy` values, so the pure core can store them (the undo history keeps a
//! [`T`] per step) and the page picks the language only when it shows them.
//!
//! The language is chosen once per page from `navigator.languages` ([`Lang::preferred`]) unless
//! the person picked one, which the page remembers.

mod catalogue;

pub use catalogue::T;
use serde::{Deserialize, Serialize};
use std::fmt::Display;

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The BCP 47 tag for `<html lang>` (it picks the right CJK glyphs in system fonts).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-Hans",
        }
    }

    /// The language's own name, as a language menu shows it.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "简体中文",
        }
    }

    /// The language a BCP 47 tag asks for (`en-GB`, `zh`, `zh-CN`, `zh-Hans`, `ZH_tw`), if
    /// Flowboard has it. Traditional Chinese readers get Simplified Chinese: closer than English.
    pub fn from_code(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("zh") {
            Some(Lang::Zh)
        } else if primary.eq_ignore_ascii_case("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The first language of the browser's list (`navigator.languages`) that Flowboard has,
    /// else English.
    pub fn preferred<'a>(tags: impl IntoIterator<Item = &'a str>) -> Lang {
        tags.into_iter()
            .find_map(Lang::from_code)
            .unwrap_or_default()
    }

    /// The text of `key` in this language.
    pub fn t(self, key: T) -> &'static str {
        let table = match self {
            Lang::En => catalogue::EN,
            Lang::Zh => catalogue::ZH,
        };
        table[key as usize]
    }

    /// The text of `key` with its `{name}`s filled in from `args`.
    pub fn f(self, key: T, args: &[(&str, &dyn Display)]) -> String {
        fill(self.t(key), args)
    }

    /// "1 frame" / "3 frames": `one` for exactly one, else `many` with `{n}` filled in. Chinese
    /// has one form; English picks by number.
    pub fn count(self, n: usize, one: T, many: T) -> String {
        if n == 1 {
            self.f(one, &[("n", &n)])
        } else {
            self.f(many, &[("n", &n)])
        }
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

/// A count with its thousands grouped by commas ("50,000"), as both languages write numbers.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
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
                .with("n", grouped(more)),
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
        lang.f(self.key, &args)
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

#[cfg(test)]
mod tests;
