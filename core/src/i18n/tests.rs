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

#[test]
fn every_key_has_a_text_in_every_language_with_the_same_placeholders() {
    assert_eq!(catalogue::EN.len(), T::ALL.len());
    assert_eq!(catalogue::ZH.len(), T::ALL.len());
    for (i, key) in T::ALL.iter().enumerate() {
        assert_eq!(*key as usize, i, "ALL is in declaration order");
        let mut en = placeholders(Lang::En.t(*key));
        let mut zh = placeholders(Lang::Zh.t(*key));
        assert!(
            !Lang::En.t(*key).trim().is_empty() && !Lang::Zh.t(*key).trim().is_empty(),
            "{key:?} is empty"
        );
        en.sort_unstable();
        zh.sort_unstable();
        assert_eq!(en, zh, "{key:?}: the languages name different values");
        for name in en {
            assert!(
                !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase()),
                "{key:?}: odd placeholder {{{name}}}"
            );
        }
    }
}

#[test]
fn chinese_texts_are_translated_not_copied() {
    // Texts that are the same in both languages on purpose: names, numbers, bare placeholders.
    let same = [
        T::SceneMeta,
        T::PhotoFacts,
        T::Megabytes,
        T::Gigabytes,
        T::TaskOnly,
        T::Quoted,
        T::RawText,
        T::SceneNumbered,
    ];
    for key in T::ALL {
        let (en, zh) = (Lang::En.t(*key), Lang::Zh.t(*key));
        if same.contains(key) {
            continue;
        }
        assert_ne!(en, zh, "{key:?} is not translated");
        // Chinese characters, or at least Chinese (full-width) punctuation.
        assert!(
            zh.chars().any(|c| c >= '\u{3000}'),
            "{key:?}: no Chinese in {zh:?}"
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
    assert_eq!(Lang::En.count(1, T::FramesOne, T::FramesMany), "1 frame");
    assert_eq!(Lang::En.count(4, T::FramesOne, T::FramesMany), "4 frames");
    assert_eq!(Lang::Zh.count(4, T::FramesOne, T::FramesMany), "4 个画面");
}

#[test]
fn the_browser_languages_choose_the_interface_language() {
    assert_eq!(Lang::preferred(["zh-CN", "en"]), Lang::Zh);
    assert_eq!(Lang::preferred(["fr-FR", "zh-TW", "en"]), Lang::Zh);
    assert_eq!(Lang::preferred(["en-GB", "zh"]), Lang::En);
    assert_eq!(Lang::preferred(["de", "ja"]), Lang::En);
    assert_eq!(Lang::preferred([]), Lang::En);
    assert_eq!(Lang::from_code("ZH_hans"), Some(Lang::Zh));
    assert_eq!(Lang::from_code("zhx"), None);
    for lang in Lang::ALL {
        assert_eq!(Lang::from_code(lang.code()), Some(lang));
    }
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
