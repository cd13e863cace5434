use super::catalogue::{LOCALES, TEXTS};
use super::*;

/// The `{name}`s a template uses, in order.
fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        names.push(&after[..close]);
        rest = &after[close + 1..];
    }
    names
}

/// A text's plural forms (one, for a text that serves every number).
fn forms(text: &str) -> Vec<&str> {
    text.split(FORMS).collect()
}

/// Every language has every key (a missing text does not compile; a blank one fails here), each
/// text has one form or one per plural category of its language, and all forms of all languages
/// name the same values.
#[test]
fn every_key_has_a_text_in_every_language_with_the_same_placeholders() {
    assert_eq!(TEXTS.len(), T::ALL.len());
    assert_eq!(LOCALES.len(), Lang::ALL.len());
    for (i, lang) in Lang::ALL.iter().enumerate() {
        assert_eq!(*lang as usize, i, "Lang::ALL is in declaration order");
    }
    for (i, key) in T::ALL.iter().enumerate() {
        assert_eq!(*key as usize, i, "ALL is in declaration order");
        let names = |lang: Lang| {
            let mut names: Vec<&str> = forms(lang.template(*key))
                .into_iter()
                .flat_map(placeholders)
                .collect();
            names.sort_unstable();
            names.dedup();
            names
        };
        let english = names(Lang::En);
        let plural_in_english = forms(Lang::En.template(*key)).len() > 1;
        for lang in Lang::ALL {
            let text = lang.template(*key);
            let forms = forms(text);
            assert!(
                forms.iter().all(|form| !form.trim().is_empty()),
                "{key:?} has an empty text in {lang:?}: {text:?}"
            );
            let categories = LOCALES[lang as usize].plurals.len();
            assert!(
                forms.len() == 1 || forms.len() == categories,
                "{key:?} in {lang:?}: {} forms, but the language has {categories} plural categories",
                forms.len()
            );
            if forms.len() > 1 {
                assert!(
                    english.contains(&"n"),
                    "{key:?}: plural forms, but no {{n}} to choose them"
                );
            }
            if plural_in_english && categories > 1 {
                assert_eq!(
                    forms.len(),
                    categories,
                    "{key:?}: English has plural forms, {lang:?} must have all of its own"
                );
            }
            assert_eq!(
                names(lang),
                english,
                "{key:?}: {lang:?} names different values from English"
            );
        }
        for name in english {
            assert!(
                !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase()),
                "{key:?}: odd placeholder {{{name}}}"
            );
        }
    }
}

/// Texts that are the same in every language on purpose: values and punctuation only
/// (`{n} MB`, `“{text}”`, `{what}: {step} ({keys})`) — no word of three letters or more outside
/// the braces — and a few names.
fn same_on_purpose(lang: Lang, key: T) -> bool {
    let text = Lang::En.template(key);
    let mut words = String::new();
    let mut inside = false;
    for c in text.chars() {
        match c {
            '{' => inside = true,
            '}' => inside = false,
            c if !inside => words.push(c),
            _ => {}
        }
    }
    let only_values = words
        .split(|c: char| !c.is_alphabetic())
        .all(|word| word.chars().count() < 3);
    // Italian crews say "insert" as English ones do.
    only_values || lang == Lang::It && key == T::ShotInsertShort
}

#[test]
fn every_language_is_translated_not_copied() {
    for key in T::ALL {
        let en = Lang::En.template(*key);
        for lang in [Lang::Zh, Lang::It] {
            let text = lang.template(*key);
            if same_on_purpose(lang, *key) {
                continue;
            }
            assert_ne!(en, text, "{key:?} is not translated into {lang:?}");
        }
        // Chinese characters, or at least Chinese (full-width) punctuation.
        let zh = Lang::Zh.template(*key);
        assert!(
            same_on_purpose(Lang::Zh, *key) || zh.chars().any(|c| c >= '\u{3000}'),
            "{key:?}: no Chinese in {zh:?}"
        );
        // Italian is written in Latin letters: no Chinese, no full-width punctuation.
        let it = Lang::It.template(*key);
        assert!(
            !it.chars()
                .any(|c| ('\u{3000}'..='\u{9fff}').contains(&c) || c >= '\u{ff00}'),
            "{key:?}: Chinese script in the Italian {it:?}"
        );
    }
}

#[test]
fn fill_replaces_named_values_and_leaves_other_braces() {
    assert_eq!(
        Lang::En.f(T::FrameMoved, &[("from", &3), ("to", &5)]),
        "Frame 3 moved to position 5"
    );
    assert_eq!(
        Lang::Zh.f(T::FrameMoved, &[("from", &3), ("to", &"2.1")]),
        "画面 3 已移到位置 2.1"
    );
    assert_eq!(fill("{a} {b} {", &[("a", &"x")]), "x {b} {");
    assert_eq!(fill("{{a}}", &[("a", &1)]), "{1}");
    // A value that looks like a placeholder is not filled again.
    assert_eq!(fill("{a}{b}", &[("a", &"{b}"), ("b", &2)]), "{b}2");
}

#[test]
fn the_browser_languages_choose_the_interface_language() {
    assert_eq!(Lang::preferred(["zh-CN", "en"]), Lang::Zh);
    assert_eq!(Lang::preferred(["fr-FR", "zh-TW", "en"]), Lang::Zh);
    assert_eq!(Lang::preferred(["en-GB", "zh"]), Lang::En);
    assert_eq!(Lang::preferred(["de", "ja"]), Lang::En);
    assert_eq!(Lang::preferred([]), Lang::En);
    assert_eq!(Lang::preferred(["it-IT", "en"]), Lang::It);
    assert_eq!(Lang::preferred(["fr-CH", "it-CH", "zh"]), Lang::It);
    assert_eq!(Lang::preferred(["de-CH", "en-US", "it"]), Lang::En);
    assert_eq!(Lang::from_code("ZH_hans"), Some(Lang::Zh));
    assert_eq!(Lang::from_code("IT_it"), Some(Lang::It));
    assert_eq!(Lang::from_code(" it "), Some(Lang::It));
    assert_eq!(Lang::from_code("zhx"), None);
    assert_eq!(Lang::from_code("ita"), None);
    assert_eq!(Lang::from_code(""), None);
    for lang in Lang::ALL {
        assert_eq!(Lang::from_code(lang.code()), Some(lang));
    }
    let names: Vec<&str> = Lang::ALL.iter().map(|l| l.name()).collect();
    assert_eq!(names, ["English", "简体中文", "Italiano"]);
}

/// The order of precedence of `services::locale`: the address, the remembered choice, the
/// browser, English; a value Flowboard does not have is passed over.
#[test]
fn the_address_then_the_remembered_choice_then_the_browser_choose() {
    let browser = ["it-IT", "en"];
    assert_eq!(Lang::choose(Some("zh"), Some("en"), browser), Lang::Zh);
    assert_eq!(Lang::choose(Some("it"), None, ["zh-CN"]), Lang::It);
    assert_eq!(Lang::choose(None, Some("zh-Hans"), browser), Lang::Zh);
    assert_eq!(Lang::choose(None, None, browser), Lang::It);
    assert_eq!(Lang::choose(Some("fr"), Some("xx"), browser), Lang::It);
    assert_eq!(Lang::choose(Some("fr"), None, ["de"]), Lang::En);
    assert_eq!(Lang::choose(None, None, []), Lang::En);
}

/// CLDR's sample numbers for each category (cardinal rules, CLDR 48, as `Intl.PluralRules`
/// gives them) — the rule table against the standard's own examples.
#[test]
fn plural_rules_follow_cldr_samples() {
    let cases: [(Lang, Plural, &[&str]); 7] = [
        (Lang::En, Plural::One, &["1"]),
        (
            Lang::En,
            Plural::Other,
            &[
                "0", "2", "5", "16", "100", "1000000", "0.0", "1.0", "1.5", "2.00",
            ],
        ),
        (
            Lang::Zh,
            Plural::Other,
            &["0", "1", "2", "5", "1000000", "1.0", "1.5"],
        ),
        (Lang::It, Plural::One, &["1"]),
        (Lang::It, Plural::Many, &["1000000", "2000000", "10000000"]),
        (
            Lang::It,
            Plural::Other,
            &[
                "0",
                "2",
                "5",
                "16",
                "100",
                "1000",
                "10000",
                "100000",
                "1000001",
                "0.0",
                "1.0",
                "1.5",
                "10.0",
                "1000000.0",
            ],
        ),
        (Lang::En, Plural::Other, &["-2", "12"]),
    ];
    for (lang, category, samples) in cases {
        for sample in samples {
            let n = Operands::parse(sample).unwrap();
            assert_eq!(lang.plural(n), category, "{lang:?} {sample}");
        }
    }
    // Each language's rule gives only the categories its texts have forms for, and each of them.
    for lang in Lang::ALL {
        let plurals = LOCALES[lang as usize].plurals;
        let mut seen = Vec::new();
        let numbers = (0..=2_000u64)
            .chain((1..=5).map(|m| m * 1_000_000))
            .map(|n| n.to_string())
            .chain(["0.5", "1.0", "1.25", "2.5"].map(String::from));
        for n in numbers {
            let category = lang.plural(Operands::parse(&n).unwrap());
            assert!(plurals.contains(&category), "{lang:?}: {n} is {category:?}");
            if !seen.contains(&category) {
                seen.push(category);
            }
        }
        seen.sort();
        assert_eq!(
            seen, plurals,
            "{lang:?}: every category is reachable, in CLDR order"
        );
    }
}

#[test]
fn operands_are_read_from_the_number_as_written() {
    let n = Operands::parse("12.50").unwrap();
    assert_eq!((n.i, n.v, n.f, n.t, n.e), (12, 2, 50, 5, 0));
    assert_eq!(Operands::parse("-3"), Some(Operands::count(3)));
    assert_eq!(Operands::parse("1.0").map(|n| (n.i, n.v)), Some((1, 1)));
    for text in ["", "x", "1.", ".5", "1.2.3", "2.1 MB", "1,000"] {
        assert_eq!(Operands::parse(text), None, "{text:?}");
    }
}

/// 0, 1, 2 and 5 frames in every language, as the toolbar, the viewer page and messages say it.
#[test]
fn counts_take_the_plural_form_of_their_language() {
    let frames = |lang: Lang| [0, 1, 2, 5].map(|n| lang.count(n, T::Frames));
    assert_eq!(
        frames(Lang::En),
        ["0 frames", "1 frame", "2 frames", "5 frames"]
    );
    assert_eq!(
        frames(Lang::Zh),
        ["0 个画面", "1 个画面", "2 个画面", "5 个画面"]
    );
    assert_eq!(
        frames(Lang::It),
        [
            "0 fotogrammi",
            "1 fotogramma",
            "2 fotogrammi",
            "5 fotogrammi"
        ]
    );
    assert_eq!(Lang::It.count(1, T::Scenes), "1 scena");
    assert_eq!(Lang::It.count(12_000, T::Scenes), "12.000 scene");
    assert_eq!(Lang::En.count(12_000, T::Scenes), "12,000 scenes");
    assert_eq!(Lang::It.count(2_000_000, T::Scenes), "2.000.000 di scene");
    assert_eq!(Lang::Zh.count(1, T::Scenes), "1 个场景");
    assert_eq!(
        [0, 1, 2, 5].map(|n| Lang::En.count(n, T::FilesNotAdded)),
        [
            "0 files could not be added:",
            "1 file could not be added:",
            "2 files could not be added:",
            "5 files could not be added:"
        ]
    );
    assert_eq!(
        Lang::It.count(1, T::FilesNotAdded),
        "Non è stato possibile aggiungere 1 file:"
    );

    // A text with forms: the value named `n` picks one, in `f` and in a message alike.
    let duplicated = |lang: Lang| {
        [0, 1, 2, 5, 1_000_000].map(|n| {
            let shown = Message::new(T::FramesDuplicated)
                .with_number("n", n)
                .show(lang);
            if n < 1000 {
                assert_eq!(shown, lang.f(T::FramesDuplicated, &[("n", &n)]), "{lang:?}");
            }
            shown
        })
    };
    assert_eq!(
        duplicated(Lang::It),
        [
            "0 fotogrammi duplicati",
            "1 fotogramma duplicato",
            "2 fotogrammi duplicati",
            "5 fotogrammi duplicati",
            "1.000.000 di fotogrammi duplicati",
        ]
    );
    assert_eq!(duplicated(Lang::Zh)[1], "已复制 1 个画面");
    assert_eq!(duplicated(Lang::En)[2], "2 frame(s) duplicated");
    assert_eq!(
        Lang::It.f(T::SceneDeleted, &[("n", &1)]),
        "Scena eliminata; ne rimane 1. Premi Ctrl+Z per annullare."
    );
    assert_eq!(
        Lang::It.f(T::SceneDeleted, &[("n", &2)]),
        "Scena eliminata; ne rimangono 2. Premi Ctrl+Z per annullare."
    );
    // Without a count the last form ("other") is shown, never the forms run together.
    assert_eq!(Lang::It.t(T::FramesDuplicated), "{n} fotogrammi duplicati");
    assert!(!Lang::It.f(T::FramesDuplicated, &[]).contains('|'));
}

/// Numbers as CLDR writes them (checked against `Intl.NumberFormat`): Italian groups thousands
/// with a point from five digits on and has a decimal comma.
#[test]
fn numbers_durations_and_dates_are_written_the_languages_way() {
    let written = |lang: Lang| {
        [
            "0", "999", "4981", "12345.5", "2000", "1234567", "-2.5", "2.1.3", "n/a",
        ]
        .map(|n| lang.number(n))
    };
    assert_eq!(
        written(Lang::En),
        [
            "0",
            "999",
            "4,981",
            "12,345.5",
            "2,000",
            "1,234,567",
            "-2.5",
            "2.1.3",
            "n/a"
        ]
    );
    assert_eq!(written(Lang::Zh), written(Lang::En));
    assert_eq!(
        written(Lang::It),
        [
            "0",
            "999",
            "4981",
            "12.345,5",
            "2000",
            "1.234.567",
            "-2,5",
            "2.1.3",
            "n/a"
        ]
    );
    assert_eq!(Lang::It.number(format!("{:.1}", 12.345)), "12,3");
    assert_eq!(Lang::It.number(50_000usize), "50.000");
    assert_eq!(grouped(50_000), "50,000");

    assert_eq!(Lang::It.duration(2.5), "0:02,5");
    assert_eq!(Lang::En.duration(2.5), "0:02.5");
    assert_eq!(Lang::Zh.duration(2.5), "0:02.5");
    assert_eq!(Lang::It.duration(3725.0), "1:02:05");
    assert_eq!(Lang::It.duration(3725.4), "1:02:05,4");

    assert_eq!(Lang::En.date_time(2026, 11, 3, 9, 5), "2026-11-03 09:05");
    assert_eq!(Lang::Zh.date_time(2026, 11, 3, 9, 5), "2026-11-03 09:05");
    assert_eq!(Lang::It.date_time(2026, 11, 3, 9, 5), "03/11/2026 09:05");
    assert_eq!(
        Lang::It.local_date_time("2024-05-01T10:20:33"),
        "01/05/2024 10:20"
    );
    assert_eq!(
        Lang::It.local_date_time("2024-05-01 10:20"),
        "01/05/2024 10:20"
    );
    assert_eq!(
        Lang::En.local_date_time("2024-05-01T10:20"),
        "2024-05-01 10:20"
    );
    assert_eq!(Lang::It.local_date_time("yesterday"), "yesterday");
    assert_eq!(
        Lang::It.local_date_time("2024-5-1T10:20:33"),
        "2024-5-1T10:20:33"
    );

    assert_eq!(Lang::En.csv_separator(), ',');
    assert_eq!(Lang::It.csv_separator(), ';');
}

#[test]
fn messages_are_worded_when_shown_and_survive_json() {
    let m = Message::new(T::ErrBundleTooLarge).with("detail", "x");
    assert_eq!(
        m.show(Lang::En),
        "this storyboard file is too large to open (x)"
    );
    assert_eq!(m.show(Lang::Zh), "这个故事板文件太大，无法打开（x）");
    let nested = Message::new(T::BundlePartTooLarge)
        .with_said("what", T::BundleTheData)
        .with("mb", 70)
        .with("max", 64);
    assert_eq!(
        nested.show(Lang::Zh),
        "故事板数据：70 MB，超过了单个文件的上限 64 MB"
    );
    let json = serde_json::to_string(&nested).unwrap();
    assert_eq!(serde_json::from_str::<Message>(&json).unwrap(), nested);
    assert!(serde_json::from_str::<T>("65535").is_err());
    assert_eq!(
        Message::raw("QuotaExceededError").show(Lang::Zh),
        "QuotaExceededError"
    );
}

/// Every key is used by the code (a text nobody shows is a translation nobody checks).
#[test]
fn every_key_is_used() {
    fn sources(dir: &std::path::Path, out: &mut String) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs")
                && !path.ends_with("catalogue.rs")
                && !path.ends_with("i18n/tests.rs")
            {
                out.push_str(&std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut code = String::new();
    sources(&root.join("src"), &mut code);
    sources(&root.join("../src"), &mut code);
    let unused: Vec<String> = T::ALL
        .iter()
        .map(|k| format!("{k:?}"))
        .filter(|name| {
            let used = |c: char| !(c.is_ascii_alphanumeric() || c == '_');
            !code
                .match_indices(&format!("T::{name}"))
                .any(|(i, m)| code[i + m.len()..].chars().next().is_none_or(used))
        })
        .collect();
    assert!(unused.is_empty(), "texts no code shows: {unused:?}");
}

#[test]
fn long_lists_are_summarised_and_counts_grouped() {
    assert_eq!(grouped(0), "0");
    assert_eq!(grouped(999), "999");
    assert_eq!(grouped(4_981), "4,981");
    assert_eq!(grouped(50_000), "50,000");
    assert_eq!(grouped(1_234_567), "1,234,567");
    let list = |n: usize| {
        Message::new(T::ImagesMissing)
            .with_summary("list", (1..=n).map(|i| i.to_string()).collect())
    };
    assert_eq!(list(5).show(Lang::En), "The image of frame(s) 1, 2, 3, 4, 5 is missing from the bundle; captions and fields were kept.");
    assert_eq!(list(4_984).show(Lang::En), "The image of frame(s) 1, 2, 3 and 4,981 more is missing from the bundle; captions and fields were kept.");
    assert!(
        list(4_984)
            .show(Lang::Zh)
            .contains("1、2、3 及其余 4,981 个"),
        "{}",
        list(4_984).show(Lang::Zh)
    );
    assert!(list(4_984)
        .show(Lang::It)
        .contains(" 1, 2, 3 e altri 4981;"));
    assert!(list(14_984)
        .show(Lang::It)
        .contains(" 1, 2, 3 e altri 14.981;"));
    assert!(list(14_984)
        .show(Lang::En)
        .contains(" 1, 2, 3 and 14,981 more "));
}

#[test]
fn sentences_and_lists_of_messages_are_worded_in_the_language_shown() {
    let restored = Message::sentences(vec![
        Message::new(T::BackupRestored)
            .with("added", 1)
            .with("photos", 2),
        Message::new(T::BackupAlreadyHere).with("n", 3),
    ]);
    assert_eq!(
        restored.show(Lang::En),
        format!(
            "{}{}",
            Lang::En.f(T::BackupRestored, &[("added", &1), ("photos", &2)]),
            Lang::En.f(T::BackupAlreadyHere, &[("n", &3)])
        )
    );
    assert_eq!(
        restored.show(Lang::Zh),
        format!(
            "{}{}",
            Lang::Zh.f(T::BackupRestored, &[("added", &1), ("photos", &2)]),
            Lang::Zh.f(T::BackupAlreadyHere, &[("n", &3)])
        )
    );
    let left_out = Message::new(T::LeftOut).with_messages(
        "list",
        vec![Message::new(T::ErrNotAnImage), Message::new(T::ErrEmpty)],
        T::ListSemicolon,
    );
    assert!(left_out.show(Lang::Zh).contains('；'));
    assert!(left_out.show(Lang::En).contains("; "));
}

#[test]
fn durations_format_like_a_timeline() {
    use super::format_duration;
    assert_eq!(format_duration(3.0), "0:03");
    assert_eq!(format_duration(2.5), "0:02.5");
    assert_eq!(format_duration(85.0), "1:25");
    assert_eq!(format_duration(3725.0), "1:02:05");
    assert_eq!(format_duration(0.0), "0:00");
}
