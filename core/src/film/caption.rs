//! Burned-in captions laid out in lines: where a caption's text breaks to fit the film's frame.
//! The renderer measures with its canvas; the rule of where lines may break is here, tested.

/// Whether a line may break before or after `c` without a space (CJK ideographs, kana, hangul
/// and full-width punctuation).
fn breaks_anywhere(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x2FFFF)
}

/// `text` in lines no wider than `max` (as `measure` says), breaking at spaces, between CJK
/// characters and at line breaks of its own; a word wider than a line is broken where it must.
/// At most `max_lines` (one at least): the last one kept ends with "…".
pub fn wrap(text: &str, max: f64, max_lines: usize, measure: impl Fn(&str) -> f64) -> Vec<String> {
    let max_lines = max_lines.max(1);
    let mut lines: Vec<String> = Vec::new();
    for paragraph in text.lines().map(str::trim).filter(|p| !p.is_empty()) {
        // Words: runs of non-space characters, every CJK character a word of its own.
        let mut words: Vec<(String, bool)> = Vec::new(); // (word, a space before it)
        let mut space = false;
        for c in paragraph.chars() {
            if c.is_whitespace() {
                space = true;
                continue;
            }
            match words.last_mut() {
                Some((w, _))
                    if !space
                        && !breaks_anywhere(c)
                        && !w.chars().last().is_some_and(breaks_anywhere) =>
                {
                    w.push(c);
                }
                _ => words.push((c.to_string(), space)),
            }
            space = false;
        }
        let mut line = String::new();
        for (word, space) in words {
            let joined = if line.is_empty() {
                word.clone()
            } else if space {
                format!("{line} {word}")
            } else {
                format!("{line}{word}")
            };
            if measure(&joined) <= max || line.is_empty() && measure(&word) <= max {
                line = joined;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A word wider than a line: as many characters as fit, line by line.
            for c in word.chars() {
                let mut next = line.clone();
                next.push(c);
                if measure(&next) > max && !line.is_empty() {
                    lines.push(std::mem::replace(&mut line, c.to_string()));
                } else {
                    line = next;
                }
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        let last = lines.last_mut().expect("max_lines > 0");
        while !last.is_empty() && measure(&format!("{last}…")) > max {
            last.pop();
            last.truncate(last.trim_end().len());
        }
        last.push('…');
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::wrap;

    /// One unit a character.
    fn chars(s: &str) -> f64 {
        s.chars().count() as f64
    }

    #[test]
    fn breaks_at_spaces() {
        assert_eq!(wrap("the cat sat on", 7.0, 3, chars), ["the cat", "sat on"]);
        assert_eq!(wrap("  spaced   out  ", 20.0, 3, chars), ["spaced out"]);
    }

    #[test]
    fn breaks_between_cjk_characters_and_after_latin_words() {
        assert_eq!(wrap("我们去海边玩", 4.0, 3, chars), ["我们去海", "边玩"]);
        assert_eq!(wrap("ok我们", 3.0, 3, chars), ["ok我", "们"]);
    }

    #[test]
    fn breaks_a_word_wider_than_a_line() {
        assert_eq!(wrap("abcdefghij", 4.0, 3, chars), ["abcd", "efgh", "ij"]);
    }

    #[test]
    fn keeps_its_own_line_breaks_and_drops_blank_lines() {
        assert_eq!(wrap("one\n\ntwo", 20.0, 3, chars), ["one", "two"]);
    }

    #[test]
    fn at_most_so_many_lines_the_last_ending_with_an_ellipsis() {
        let lines = wrap("a b c d e f g", 3.0, 2, chars);
        assert_eq!(lines, ["a b", "c…"]);
        assert!(lines.iter().all(|l| chars(l) <= 3.0));
    }

    #[test]
    fn nothing_for_blank_text() {
        assert!(wrap(" \n ", 10.0, 3, chars).is_empty());
    }
}
