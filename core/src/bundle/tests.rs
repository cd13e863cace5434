use super::print::{paginate, SheetOptions};
use super::*;
use crate::i18n::Lang;
use crate::model::{Aspect, FieldKind, Movement, Scene, SceneId, ShotType};
// A ZIP of whole entries, as the browser joins the pieces (the zip module's own test helper).
use crate::zip::tests::write as zip_of;
use base64::Engine;
use proptest::prelude::*;

const HOSTILE: &str = "</script><img src=x onerror=alert(1)>";

fn photo_bytes(n: u8) -> Vec<u8> {
    (0..200u32)
        .map(|i| (i as u8).wrapping_mul(n).wrapping_add(n))
        .collect()
}

fn meta(bytes: &[u8], name: &str) -> PhotoMeta {
    PhotoMeta {
        id: PhotoId::of_bytes(bytes),
        name: name.into(),
        width: 4032,
        height: 3024,
        bytes: bytes.len() as u64,
        mime: "image/jpeg".into(),
        taken_at: None,
    }
}

/// Two scenes, a hostile caption, Chinese, fields, a crop, a frame without a photo.
fn sample() -> (Board, Vec<Vec<u8>>) {
    let photos: Vec<Vec<u8>> = (1..=3).map(photo_bytes).collect();
    let mut board = Board {
        title: "家庭故事 <b>".into(),
        author: "Ana & Wei".into(),
        aspect: Aspect::Square,
        ..Board::default()
    };
    for (i, bytes) in photos.iter().enumerate() {
        let m = meta(bytes, &format!("IMG_{i}.jpg"));
        board.photos.insert(m.id.clone(), m);
    }
    let ids: Vec<PhotoId> = photos.iter().map(|b| PhotoId::of_bytes(b)).collect();
    let mut f1 = Frame::new(FrameId(10), Some(ids[0].clone()));
    f1.caption = HOSTILE.into();
    f1.shot_type = Some(ShotType::CloseUp);
    f1.duration = Some(2.5);
    f1.crops.insert(
        Aspect::Square,
        Crop {
            x: 0.1,
            y: 0.0,
            w: 0.75,
            h: 1.0,
        },
    );
    f1.crop_focus = Some(Aspect::Square);
    let mut f2 = Frame::new(FrameId(11), Some(ids[1].clone()));
    f2.caption = "奶奶的厨房\u{2028}line".into();
    f2.movement = Some(Movement::Custom("crane".into()));
    f2.notes = "=HYPERLINK(\"x\")".into();
    let f3 = Frame::new(FrameId(12), None);
    let mut f4 = Frame::new(FrameId(13), Some(ids[2].clone()));
    f4.dialogue = "“Hello,” she said".into();
    board.scenes = vec![
        Scene {
            id: SceneId(1),
            title: "Kitchen".into(),
            collapsed: false,
            frames: vec![f1.into(), f2.into()],
        }
        .into(),
        Scene {
            id: SceneId(2),
            title: String::new(),
            collapsed: true,
            frames: vec![f3.into(), f4.into()],
        }
        .into(),
    ];
    board.next_id = 20;
    board.visible_fields = [
        FieldKind::ShotType,
        FieldKind::Movement,
        FieldKind::Duration,
        FieldKind::Notes,
    ]
    .into();
    (board, photos)
}

/// Pretend-renders every job (the real renderer is tested in `imaging`): distinct bytes per image.
fn rendered(jobs: &[RenderJob]) -> BTreeMap<String, Vec<u8>> {
    jobs.iter()
        .enumerate()
        .map(|(i, j)| (j.path.clone(), format!("jpeg {i} {}", j.path).into_bytes()))
        .collect()
}

fn all_files(
    manifest: &Manifest,
    jobs: &[RenderJob],
    photos: &[Vec<u8>],
) -> BTreeMap<String, Vec<u8>> {
    let mut files = rendered(jobs);
    for o in &manifest.originals {
        let bytes = photos
            .iter()
            .find(|b| PhotoId::of_bytes(b) == o.photo)
            .expect("original present")
            .clone();
        files.insert(o.path.clone(), bytes);
    }
    files
}

/// The page as the browser joins it: each data-URI piece replaced by the file as base64.
fn join(pieces: &[Piece], files: &BTreeMap<String, Vec<u8>>) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Text(t) => t.clone(),
            Piece::DataUri(path) => format!(
                "data:{};base64,{}",
                mime_of_path(path),
                base64::engine::general_purpose::STANDARD.encode(&files[path])
            ),
        })
        .collect()
}

fn html_bundle(board: &Board, photos: &[Vec<u8>], settings: Settings) -> String {
    let (manifest, jobs) = plan(board, settings, 1_700_000_000_000.0, "Flowboard test");
    let files = all_files(&manifest, &jobs, photos);
    join(&render(&manifest, Images::Embedded, Lang::En), &files)
}

fn zip_bundle(board: &Board, photos: &[Vec<u8>], settings: Settings) -> Vec<u8> {
    let (manifest, jobs) = plan(board, settings, 1_700_000_000_000.0, "Flowboard test");
    zip_with(&manifest, &all_files(&manifest, &jobs, photos))
}

/// The ZIP bundle of `manifest` and its `files`, as the tasks worker joins it.
fn zip_with(manifest: &Manifest, files: &BTreeMap<String, Vec<u8>>) -> Vec<u8> {
    let index = join(
        &render(manifest, Images::Linked, Lang::En),
        &BTreeMap::new(),
    );
    let json = manifest.to_json();
    let mut entries: Vec<(&str, &[u8])> = vec![
        (INDEX_PATH, index.as_bytes()),
        (MANIFEST_PATH, json.as_bytes()),
    ];
    entries.extend(files.iter().map(|(p, b)| (p.as_str(), b.as_slice())));
    zip_of(&entries)
}

fn manifest_json(board: &Board) -> String {
    plan(board, Settings::default(), 0.0, "t").0.to_json()
}

fn with_originals() -> Settings {
    Settings {
        originals: true,
        ..Settings::default()
    }
}

#[test]
fn both_bundles_with_originals_reopen_as_the_same_board() {
    let (board, photos) = sample();
    for bytes in [
        html_bundle(&board, &photos, with_originals()).into_bytes(),
        zip_bundle(&board, &photos, with_originals()),
    ] {
        let back = reopen(open(&bytes, &read::Limits::default()).unwrap());
        assert_eq!(back.board, board);
        assert!(back.problems.is_empty(), "{:?}", back.problems);
        let mut got: Vec<Vec<u8>> = back.photos.into_iter().map(|p| p.bytes).collect();
        got.sort();
        let mut want = photos.clone();
        want.sort();
        assert_eq!(got, want);
    }
}

#[test]
fn without_originals_frames_are_fixed_to_their_exported_crop() {
    let (board, photos) = sample();
    let html = html_bundle(&board, &photos, Settings::default());
    let back = reopen(open(html.as_bytes(), &read::Limits::default()).unwrap());
    let frames: Vec<&Frame> = back.board.frames().collect();
    assert_eq!(frames.len(), 4);
    for (old, new) in board.frames().zip(&frames) {
        assert_eq!(
            (old.id, &old.caption, &old.shot_type, &old.notes),
            (new.id, &new.caption, &new.shot_type, &new.notes)
        );
        assert_eq!(new.fixed, old.photo.is_some());
        assert!(new.crops.is_empty());
    }
    assert!(frames[2].photo.is_none());
    // The photo is the exported image at its rendered size, and keeps the original's name.
    let p = back.board.photo_of(frames[0]).unwrap();
    assert_eq!(
        (p.name.as_str(), p.mime.as_str()),
        ("IMG_0.jpg", "image/jpeg")
    );
    assert_eq!(
        (p.width, p.height),
        (1920, 1920),
        "a 3024 px square crop at a 1920 px long edge"
    );
    assert_eq!(back.photos.len(), 3);
    assert_eq!(back.board.aspect, Aspect::Square);
    assert_eq!(back.board.scenes.len(), 2);
    // Fixed frames refuse crop changes.
    let sel = crate::model::Selection::default();
    assert!(crate::actions::apply(
        &back.board,
        &sel,
        &crate::actions::Action::SetCrop {
            frame: FrameId(10),
            crop: Crop {
                x: 0.0,
                y: 0.0,
                w: 0.5,
                h: 0.5
            }
        }
    )
    .is_none());
}

#[test]
fn hostile_text_stays_text_in_the_page_and_json() {
    let (board, photos) = sample();
    let html = html_bundle(&board, &photos, Settings::default());
    // The only script elements are the data block and the viewer; the caption is escaped.
    assert_eq!(html.matches("<script").count(), 2);
    assert_eq!(html.matches("</script>").count(), 2);
    assert!(!html.contains("<img src=x"));
    assert!(html.contains("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("家庭故事 &lt;b&gt;"));
    let data = &html[html.find("application/json").unwrap()..];
    let data = &data[..data.find("</script>").unwrap()];
    assert!(!data.contains('\u{2028}') && data.contains("\\u2028") && !data[1..].contains('<'));
    // The CSP is the first thing in <head>; no network: no http(s) URL anywhere in the page.
    let head = &html[html.find("<head>").unwrap() + 6..];
    assert!(head.trim_start().starts_with(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:;"
    ));
    assert!(!html.contains("http://") && !html.contains("https://"));
}

#[test]
fn json_for_html_escapes_what_would_break_out() {
    let json = serde_json::to_string(&format!("{HOSTILE}\u{2028}\u{2029}<!--")).unwrap();
    let safe = json_for_html(&json);
    assert!(!safe.contains('<') && !safe.contains('\u{2028}') && !safe.contains('\u{2029}'));
    assert_eq!(
        serde_json::from_str::<String>(&safe).unwrap(),
        format!("{HOSTILE}\u{2028}\u{2029}<!--")
    );
    assert_eq!(escape_html("a&b<c>\"d'"), "a&amp;b&lt;c&gt;&quot;d&#39;");
}

#[test]
fn csp_hashes_match_the_viewer() {
    use sha2::{Digest, Sha256};
    let hash = |s: &str| {
        format!(
            "sha256-{}",
            base64::engine::general_purpose::STANDARD.encode(Sha256::digest(s.as_bytes()))
        )
    };
    assert_eq!(hash(include_str!("viewer.css")), STYLE_HASH);
    assert_eq!(hash(include_str!("viewer.js")), SCRIPT_HASH);
}

#[test]
fn the_slideshow_is_timed_by_each_frames_duration() {
    let (board, photos) = sample();
    let html = html_bundle(&board, &photos, Settings::default());
    // Each frame carries its duration (the default where none is set), which the script plays.
    assert!(html.contains("<li class=\"fb-frame\" id=\"f-10\" data-duration=\"2.5\">"));
    assert!(html.contains("<li class=\"fb-frame\" id=\"f-11\" data-duration=\"3\">"));
    assert_eq!(html.matches("data-duration=").count(), board.frame_count());
    // Play/pause, the timeline and the clock, in the page's language.
    assert!(html.contains("class=\"fb-toggle\" aria-label=\"Play slideshow\" data-play=\"Play slideshow\" data-pause=\"Pause\""));
    assert!(html.contains(
        "<div class=\"fb-timeline\" aria-hidden=\"true\"></div><span class=\"fb-time\"></span>"
    ));
    let (manifest, jobs) = plan(
        &board,
        Settings::default(),
        1_700_000_000_000.0,
        "Flowboard test",
    );
    let zh = join(
        &render(&manifest, Images::Embedded, Lang::Zh),
        &all_files(&manifest, &jobs, &photos),
    );
    assert!(zh.contains("class=\"fb-toggle\" aria-label=\"播放幻灯片\" data-play=\"播放幻灯片\" data-pause=\"暂停\""));
    for hook in [
        ".fb-toggle",
        ".fb-timeline",
        ".fb-time",
        "data-duration",
        "setInterval",
    ] {
        assert!(
            include_str!("viewer.js").contains(hook),
            "the script uses {hook}"
        );
    }
}

#[test]
fn hostile_bundles_are_refused_with_a_reason() {
    let (board, photos) = sample();
    let limits = read::Limits::default();
    let html = html_bundle(&board, &photos, Settings::default());
    let err = |bytes: &[u8]| open(bytes, &limits).map(|_| ()).unwrap_err();
    // Not a bundle at all.
    assert!(matches!(
        err(b"<!doctype html><p>hello"),
        BundleError::NotABundle { .. }
    ));
    assert!(matches!(err(b"just text"), BundleError::NotABundle { .. }));
    assert!(matches!(
        err(&[0xff, 0xfe, 0x00]),
        BundleError::NotABundle { .. }
    ));
    // Broken JSON, a future version, a missing version.
    let broken = html.replacen("{\"format\"", "{\"format\" oops", 1);
    assert!(matches!(
        err(broken.as_bytes()),
        BundleError::Damaged { .. }
    ));
    let future = html.replacen("\"version\":1", "\"version\":99", 1);
    assert_eq!(
        err(future.as_bytes()),
        BundleError::NewerVersion {
            found: 99,
            supported: VERSION
        }
    );
    assert!(err(future.as_bytes())
        .to_string()
        .contains("newer version of Flowboard"));
    // A path that climbs out, in the manifest and in the page.
    let climbing = html.replace("images/001.jpg", "../001.jpg");
    assert!(matches!(
        err(climbing.as_bytes()),
        BundleError::Unsafe { .. }
    ));
    // The same file embedded twice.
    let twice = html.replacen(
        "<img data-file=\"images/002.jpg\"",
        "<img data-file=\"images/001.jpg\"",
        1,
    );
    assert!(matches!(err(twice.as_bytes()), BundleError::Unsafe { .. }));
    // Base64 that is not.
    let garbled = html.replacen(";base64,", ";base64,%%%", 1);
    assert!(matches!(
        err(garbled.as_bytes()),
        BundleError::Damaged { .. }
    ));
    // ZIP: no manifest; an unsafe entry; a cut-off archive; a manifest that is not UTF-8.
    assert!(matches!(
        err(&zip_of(&[("index.html", b"<p>")])),
        BundleError::NotABundle { .. }
    ));
    let zip = zip_bundle(&board, &photos, Settings::default());
    assert!(matches!(
        err(&zip[..zip.len() - 30]),
        BundleError::NotABundle { .. } | BundleError::Damaged { .. }
    ));
    let mut cursor = std::io::Cursor::new(Vec::new());
    {
        use std::io::Write;
        let mut w = ::zip::ZipWriter::new(&mut cursor);
        let stored = ::zip::write::SimpleFileOptions::default()
            .compression_method(::zip::CompressionMethod::Stored);
        w.start_file("storyboard.json", stored).unwrap();
        w.write_all(manifest_json(&board).as_bytes()).unwrap();
        w.start_file("images/../../x", stored).unwrap();
        w.finish().unwrap();
    }
    assert!(matches!(
        err(&cursor.into_inner()),
        BundleError::Unsafe { .. }
    ));
    assert!(matches!(
        err(&zip_of(&[("storyboard.json", &[0xff, 0xfe])])),
        BundleError::Damaged { .. }
    ));
    // Over the limits.
    let small = read::Limits {
        max_file: 10,
        max_audio: 10,
        max_total: 100,
    };
    assert!(matches!(
        open(&zip, &small).unwrap_err(),
        BundleError::TooLarge { .. }
    ));
    assert!(matches!(
        open(html.as_bytes(), &small).unwrap_err(),
        BundleError::TooLarge { .. }
    ));
}

#[test]
fn missing_and_damaged_images_cost_only_their_pictures() {
    let (board, photos) = sample();
    let (manifest, jobs) = plan(&board, with_originals(), 0.0, "t");
    let mut files = all_files(&manifest, &jobs, &photos);
    // Frame 1.1: its original damaged (falls back to its exported image); frame 1.2: both gone.
    let o0 = manifest
        .originals
        .iter()
        .find(|o| o.photo == PhotoId::of_bytes(&photos[0]))
        .unwrap();
    files.get_mut(&o0.path).unwrap()[0] ^= 1;
    let o1 = manifest
        .originals
        .iter()
        .find(|o| o.photo == PhotoId::of_bytes(&photos[1]))
        .unwrap();
    files.remove(&o1.path);
    files.remove(&manifest.image_of(FrameId(11)).unwrap().path);
    let back = reopen(Opened {
        manifest,
        files,
        problems: Vec::new(),
    });
    let frames: Vec<&Frame> = back.board.frames().collect();
    assert!(frames[0].fixed && frames[0].photo.is_some());
    assert!(frames[1].photo.is_none() && frames[1].caption.starts_with("奶奶"));
    assert!(
        !frames[3].fixed,
        "an intact original keeps its crops editable"
    );
    let said = back
        .problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        said.contains("damaged") && said.contains("missing") && said.contains("1.2"),
        "{said}"
    );
    // A photo that fails to decode in the browser: its frames lose the picture, keep the text.
    let mut board = back.board.clone();
    let bad = frames[0].photo.clone().unwrap();
    let notes = settle(
        &mut board,
        &[(bad, Err(Message::raw("the JPEG file is damaged")))],
    );
    assert_eq!(notes.len(), 1);
    assert!(board.frames().next().unwrap().photo.is_none());
    assert_eq!(board.frames().next().unwrap().caption, HOSTILE);
}

#[test]
fn a_bundle_zipped_again_in_a_folder_still_opens() {
    let (board, photos) = sample();
    let (manifest, jobs) = plan(&board, Settings::default(), 0.0, "t");
    let files = all_files(&manifest, &jobs, &photos);
    let json = manifest.to_json();
    let zipped_in = |folder: &str| {
        let mut cursor = std::io::Cursor::new(Vec::new());
        use std::io::Write;
        let mut w = ::zip::ZipWriter::new(&mut cursor);
        let deflated = ::zip::write::SimpleFileOptions::default()
            .compression_method(::zip::CompressionMethod::Deflated);
        w.start_file(format!("{folder}/storyboard.json"), deflated)
            .unwrap();
        w.write_all(json.as_bytes()).unwrap();
        for (path, bytes) in &files {
            w.start_file(format!("{folder}/{path}"), deflated).unwrap();
            w.write_all(bytes).unwrap();
        }
        w.finish().unwrap();
        cursor.into_inner()
    };
    let back = reopen(open(&zipped_in("My film"), &read::Limits::default()).unwrap());
    assert!(back.problems.is_empty(), "{:?}", back.problems);
    assert_eq!(back.board.frame_count(), 4);
    assert_eq!(back.photos.len(), 3);

    // Windows' "compressed folder" names the folder in the system code page, without the UTF-8
    // flag: "家庭故" in GBK is not UTF-8, and the bundle still opens.
    let mut gbk = zipped_in("XXXXXX");
    let (from, to) = (
        b"XXXXXX/".as_slice(),
        [0xBC, 0xD2, 0xCD, 0xA5, 0xB9, 0xCA, b'/'],
    );
    let mut patched = 0;
    for i in 0..gbk.len() - from.len() {
        if &gbk[i..i + from.len()] == from {
            gbk[i..i + from.len()].copy_from_slice(&to);
            patched += 1;
        }
    }
    assert_eq!(
        patched,
        2 * (files.len() + 1),
        "every local and central name"
    );
    let back = reopen(open(&gbk, &read::Limits::default()).unwrap());
    assert!(back.problems.is_empty(), "{:?}", back.problems);
    assert_eq!(back.board.frame_count(), 4);
}

#[test]
fn shot_list_has_a_bom_every_field_and_no_formulas() {
    let (board, _) = sample();
    let csv = shotlist::csv(&board, Lang::En);
    assert!(csv.starts_with('\u{feff}'));
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(lines[0], "Number,Scene,Shot in scene,Caption,Shot type,Camera movement,Duration (s),Dialogue / voice-over,Notes,Photo,Start (s),Video still");
    assert_eq!(
        lines[1],
        "1.1,Kitchen,1,</script><img src=x onerror=alert(1)>,Close-up,,2.5,,,IMG_0.jpg,0,"
    );
    assert!(
        lines[2]
            .starts_with("1.2,Kitchen,2,奶奶的厨房\u{2028}line,,crane,,,'=HYPERLINK(\"\"x\"\")")
            || lines[2].contains("\"'=HYPERLINK(\"\"x\"\")\""),
        "{}",
        lines[2]
    );
    assert!(lines[3].starts_with("2.1,Scene 2,1,"));
    assert!(lines[4].contains("\"“Hello,” she said\""));
    assert!(
        lines[4].ends_with(",8.5,"),
        "starts after 2.5 + 3 + 3 s: {}",
        lines[4]
    );
    assert_eq!(shotlist::cell("-1", ','), "'-1");
    let chinese = shotlist::csv(&board, Lang::Zh);
    let lines: Vec<&str> = chinese
        .trim_start_matches('\u{feff}')
        .split("\r\n")
        .collect();
    assert_eq!(
        lines[0],
        "编号,场景,场景内镜号,说明,景别,运镜,时长（秒）,对白 / 旁白,备注,照片,开始（秒）,视频静帧"
    );
    assert!(lines[1].contains(",特写,"), "{}", lines[1]);
    assert!(lines[3].starts_with("2.1,场景 2,1,"), "{}", lines[3]);
    // Italian: semicolons, as a spreadsheet set to Italian expects, and decimal commas.
    let italian = shotlist::csv(&board, Lang::It);
    let lines: Vec<&str> = italian
        .trim_start_matches('\u{feff}')
        .split("\r\n")
        .collect();
    assert_eq!(
        lines[0],
        "Numero;Scena;Inquadratura nella scena;Didascalia;Tipo di inquadratura;Movimento di macchina;Durata (s);Dialogo / voce fuori campo;Note;Foto;Inizio (s);Fotogramma dal video"
    );
    assert_eq!(
        lines[1],
        "1.1;Kitchen;1;</script><img src=x onerror=alert(1)>;Primo piano;;2,5;;;IMG_0.jpg;0;"
    );
    assert!(lines[3].starts_with("2.1;Scena 2;1;"), "{}", lines[3]);
    assert!(lines[4].contains(";“Hello,” she said;"), "{}", lines[4]);
    assert_eq!(shotlist::cell("a;b", ';'), "\"a;b\"");
    assert!(lines[4].ends_with(";8,5;"), "{}", lines[4]);
}

#[test]
fn the_viewer_page_speaks_the_exporting_language() {
    let (board, photos) = sample();
    let (manifest, jobs) = plan(
        &board,
        Settings::default(),
        1_700_000_000_000.0,
        "Flowboard test",
    );
    let files = all_files(&manifest, &jobs, &photos);
    let zh = join(&render(&manifest, Images::Embedded, Lang::Zh), &files);
    for text in [
        "<html lang=\"zh-Hans\">",
        ">播放幻灯片</button>",
        "使用 Flowboard 制作",
        "aria-label=\"幻灯片\"",
        "aria-label=\"上一个画面\"",
        "个画面 · 总时长",
    ] {
        assert!(zh.contains(text), "{text} missing");
    }
    let it = join(&render(&manifest, Images::Embedded, Lang::It), &files);
    for text in [
        "<html lang=\"it\">",
        ">Avvia la presentazione</button>",
        "Creato con Flowboard",
        "aria-label=\"Presentazione\"",
        "aria-label=\"Fotogramma precedente\"",
        "fotogrammi · durata totale 0:11,5<",
    ] {
        assert!(it.contains(text), "{text} missing");
    }
    let en = html_bundle(&board, &photos, Settings::default());
    assert!(
        en.contains("<html lang=\"en\">")
            && en.contains(">Play slideshow</button>")
            && !en.contains("播放")
    );
    // Either page opens back into the same board.
    assert_eq!(
        open_html(&zh, &Limits::default()).unwrap().manifest.board,
        open_html(&en, &Limits::default()).unwrap().manifest.board
    );
}

#[test]
fn empty_scenes_are_left_out_of_the_page() {
    let (mut board, photos) = sample();
    let id = crate::model::SceneId(board.allocate_id());
    board.scenes.insert(
        1,
        crate::model::Scene::new(id, "Nothing here yet".into()).into(),
    );
    let scenes_with_frames = board.scenes.iter().filter(|s| !s.frames.is_empty()).count();
    let page = html_bundle(&board, &photos, with_originals());
    assert!(
        !page.contains("Nothing here yet</h2>"),
        "no heading for the empty scene"
    );
    assert_eq!(
        page.matches("<section class=\"fb-scene\">").count(),
        scenes_with_frames
    );
}

#[test]
fn sheets_split_by_count_and_scene() {
    let (mut board, _) = sample();
    board.scenes[0]
        .frames
        .extend((0..5).map(|i| Frame::new(FrameId(30 + i), None).into()));
    board.next_id = 40;
    let pages = |per_page, scene_breaks| {
        paginate(
            &board,
            SheetOptions {
                per_page,
                scene_breaks,
            },
        )
        .iter()
        .map(|s| s.frames.len())
        .collect::<Vec<_>>()
    };
    assert_eq!(pages(6, true), vec![6, 1, 2]);
    assert_eq!(pages(6, false), vec![6, 3]);
    assert_eq!(pages(2, true), vec![2, 2, 2, 1, 2]);
    assert_eq!(pages(9, true), vec![7, 2]);
    assert_eq!(
        paginate(&Board::default(), SheetOptions::default()).len(),
        1
    );
}

#[test]
fn file_names_are_safe_everywhere() {
    assert_eq!(
        html::file_name("My film: part 1/2?", "html"),
        "My film part 1 2.html"
    );
    assert_eq!(html::file_name("  ", "zip"), "storyboard.zip");
    assert_eq!(html::file_name("家庭故事", "csv"), "家庭故事.csv");
}

#[test]
fn fuzz_seeds_never_panic() {
    // The fuzz targets' starting corpus, plus every prefix of a real bundle: each opens or says why.
    let (board, photos) = sample();
    let html = html_bundle(&board, &photos, with_originals());
    let zip = zip_bundle(&board, &photos, with_originals());
    let limits = read::Limits::default();
    for cut in (0..zip.len()).step_by(97) {
        let _ = open(&zip[..cut], &limits);
    }
    for cut in (0..html.len()).step_by(101) {
        if html.is_char_boundary(cut) {
            let _ = open(&html.as_bytes()[..cut], &limits);
        }
    }
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/seeds");
    for entry in std::fs::read_dir(&seeds).into_iter().flatten().flatten() {
        let _ = open(&std::fs::read(entry.path()).unwrap(), &limits).map(reopen);
    }
}

fn arb_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just(HOSTILE.to_owned()),
        Just("家 \u{2028}\u{2029} \"q\" & <!--".to_owned()),
        "\\PC{0,12}"
    ]
}

/// caption, photo index, crop (x, y, w, h), duration, notes, wide shot.
type ArbFrame = (
    String,
    Option<u8>,
    Option<(f64, f64, f64, f64)>,
    Option<f64>,
    String,
    bool,
);

fn arb_frame() -> impl Strategy<Value = ArbFrame> {
    (
        arb_text(),
        prop::option::of(0u8..4),
        prop::option::of((0.0..0.5f64, 0.0..0.5f64, 0.1..0.5f64, 0.1..0.5f64)),
        prop::option::of(0.1..100.0f64),
        arb_text(),
        any::<bool>(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Export (both kinds, originals included) then re-open gives back exactly the board.
    #[test]
    fn export_then_reopen_is_the_identity(
        title in arb_text(),
        aspect in prop::sample::select(Aspect::ALL.to_vec()),
        scenes in prop::collection::vec((arb_text(), prop::collection::vec(arb_frame(), 0..5)), 1..4),
    ) {
        let photos: Vec<Vec<u8>> = (1..=4).map(photo_bytes).collect();
        let mut board = Board { title, aspect, ..Board::default() };
        board.scenes.clear();
        let mut next = 1;
        for (scene_title, frames) in scenes {
            let mut scene = Scene::new(SceneId(next), scene_title);
            next += 1;
            for (caption, photo, crop, duration, notes, wide) in frames {
                let photo = photo.map(|n| &photos[n as usize]);
                let mut frame = Frame::new(FrameId(next), photo.map(|b| PhotoId::of_bytes(b)));
                next += 1;
                if let Some(bytes) = photo {
                    board.photos.insert(PhotoId::of_bytes(bytes), meta(bytes, "p.jpg"));
                    if let Some((x, y, w, h)) = crop {
                        // As the crop tool stores it: valid for the aspect.
                        frame.crops.insert(aspect, crate::model::crop::clamp(Crop { x, y, w, h }, aspect, (4032, 3024)));
                        frame.crop_focus = Some(aspect);
                    }
                }
                (frame.caption, frame.duration, frame.notes) = (caption, duration, notes);
                frame.shot_type = wide.then_some(ShotType::Wide);
                scene.frames.push(frame.into());
            }
            board.scenes.push(scene.into());
        }
        board.next_id = next;
        for bytes in [html_bundle(&board, &photos, with_originals()).into_bytes(), zip_bundle(&board, &photos, with_originals())] {
            let back = reopen(open(&bytes, &read::Limits::default()).unwrap());
            prop_assert!(back.problems.is_empty(), "{:?}", back.problems);
            prop_assert_eq!(&back.board, &board);
        }
    }
}

/// Writes the fuzzers' seeds (`fuzz/seeds/`): `cargo test -p flowboard-core write_fuzz_seeds -- --ignored`.
#[test]
#[ignore = "writes files; run by hand when the format changes"]
fn write_fuzz_seeds() {
    let (board, photos) = sample();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/seeds");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("originals.html"),
        html_bundle(&board, &photos, with_originals()),
    )
    .unwrap();
    std::fs::write(
        dir.join("crops.html"),
        html_bundle(&board, &photos, Settings::default()),
    )
    .unwrap();
    std::fs::write(
        dir.join("originals.zip"),
        zip_bundle(&board, &photos, with_originals()),
    )
    .unwrap();
    // Past the limits: many small deflated bombs, directory records sharing the manifest's bytes,
    // a board of one frame too many (each refused; the fuzzer mutates around them).
    std::fs::write(
        dir.join("hostile-small-bombs.zip"),
        crate::zip::tests::zeros(900, 60 << 10).0,
    )
    .unwrap();
    let json = manifest_json(&board);
    let mut body = crate::zip::tests::local(
        MANIFEST_PATH,
        0,
        crate::zip::Crc::of(json.as_bytes()),
        json.len() as u32,
        json.len() as u32,
        0,
    );
    body.extend_from_slice(json.as_bytes());
    let records: Vec<Vec<u8>> = (0..50)
        .map(|i| {
            crate::zip::tests::record(
                &format!("images/{i:03}.jp"),
                0,
                crate::zip::Crc::of(json.as_bytes()),
                json.len() as u32,
                json.len() as u32,
                0,
            )
        })
        .collect();
    std::fs::write(
        dir.join("hostile-shared-bytes.zip"),
        crate::zip::tests::crafted(
            body,
            &[
                records,
                vec![crate::zip::tests::record(
                    MANIFEST_PATH,
                    0,
                    crate::zip::Crc::of(json.as_bytes()),
                    json.len() as u32,
                    json.len() as u32,
                    0,
                )],
            ]
            .concat(),
        ),
    )
    .unwrap();
    let frames = manifest_of_frames(3, crate::model::MAX_FRAMES + 1);
    std::fs::write(
        dir.join("hostile-2001-frames.zip"),
        zip_of(&[(MANIFEST_PATH, frames.as_bytes())]),
    )
    .unwrap();
}

#[test]
fn the_hostile_fuzz_seeds_are_refused_for_the_right_reason() {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/seeds");
    let open_seed = |name: &str| {
        open(
            &std::fs::read(seeds.join(name)).unwrap(),
            &Limits::default(),
        )
        .map(|_| ())
        .unwrap_err()
        .to_string()
    };
    assert!(open_seed("hostile-small-bombs.zip").contains("in all"));
    assert!(open_seed("hostile-shared-bytes.zip").contains("share the same bytes"));
    assert!(open_seed("hostile-2001-frames.zip").contains("2,001 frames"));
}

#[test]
fn decoding_corrects_what_a_bundle_claims_about_its_photos() {
    let (mut board, photos) = sample();
    let id = PhotoId::of_bytes(&photos[0]);
    // The bundle claimed 4032 × 3024 and a made-up media type; the bytes say 1000 × 2000 PNG.
    board.photos.get_mut(&id).unwrap().mime = "image/x\"><meta http-equiv=refresh>".into();
    let decoded = Decoded {
        width: 1000,
        height: 2000,
        mime: "image/png".into(),
    };
    assert!(settle(&mut board, &[(id.clone(), Ok(decoded))]).is_empty());
    let meta = &board.photos[&id];
    assert_eq!(
        (meta.width, meta.height, meta.mime.as_str()),
        (1000, 2000, "image/png")
    );
    // Frame 1.1's square crop is square again in the real pixels.
    let crop = board.frames().next().unwrap().crops[&Aspect::Square];
    assert!((crop.w * 1000.0 - crop.h * 2000.0).abs() < 1e-6, "{crop:?}");
    assert_eq!(mime_of_path("originals/abc.png"), "image/png");
    assert_eq!(mime_of_path("images/001.jpg\"><x"), "image/jpeg");
}

#[test]
fn a_manifest_over_its_size_limit_is_refused_and_long_texts_are_cut() {
    let (board, photos) = sample();
    // A 20 MB caption: refused before the JSON is parsed, in either container.
    let mut huge = board.clone();
    huge.scenes[0].frames[0].caption = "x".repeat(20_000_000);
    let json = manifest_json(&huge);
    let refused = parse_manifest(&json).unwrap_err();
    assert!(matches!(refused, BundleError::TooLarge { .. }), "{refused}");
    assert!(
        refused
            .to_string()
            .contains("is 21 MB, more than the 16 MB"),
        "{refused}"
    );
    assert!(matches!(
        open(
            &zip_of(&[(MANIFEST_PATH, json.as_bytes())]),
            &Limits::default()
        )
        .unwrap_err(),
        BundleError::TooLarge { .. }
    ));
    // Texts longer than typing allows are cut at read, on a character boundary, with one note.
    let mut long = board.clone();
    long.title = "家".repeat(300);
    long.scenes[0].frames[0].caption = "字".repeat(5_000);
    long.scenes[0].frames[1].movement = Some(Movement::Custom("m".repeat(100)));
    long.scenes[1].title = "t".repeat(201);
    let html = html_bundle(&long, &photos, with_originals());
    let back = reopen(open(html.as_bytes(), &Limits::default()).unwrap());
    assert_eq!(back.board.title, "家".repeat(200));
    assert_eq!(back.board.scenes[0].frames[0].caption, "字".repeat(2_000));
    assert_eq!(
        back.board.scenes[0].frames[1].movement,
        Some(Movement::Custom("m".repeat(60)))
    );
    assert_eq!(back.board.scenes[1].title.len(), 200);
    assert_eq!(
        back.board.scenes[0].frames[1].caption, board.scenes[0].frames[1].caption,
        "short texts untouched"
    );
    let said: Vec<String> = back.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        said,
        ["4 text(s) were longer than Flowboard allows and were cut short."]
    );
}

/// A manifest of `scenes` scenes holding `frames` frames (no photos) in all, as JSON.
fn manifest_of_frames(scenes: usize, frames: usize) -> String {
    let mut next = 1;
    let mut scene_list = Vec::new();
    for s in 0..scenes {
        let count = frames / scenes + usize::from(s < frames % scenes);
        let list: Vec<serde_json::Value> = (0..count)
            .map(|i| serde_json::json!({ "id": next + 1 + i, "photo": null, "caption": "c" }))
            .collect();
        scene_list.push(serde_json::json!({ "id": next, "title": "", "frames": list }));
        next += count + 1;
    }
    serde_json::json!({ "format": FORMAT, "version": VERSION, "board": { "scenes": scene_list, "next_id": next }, "images": [] }).to_string()
}

#[test]
fn a_bundle_over_the_frame_or_scene_limit_is_refused_naming_the_count() {
    use crate::model::{MAX_FRAMES, MAX_SCENES};
    for frames in [5_000, 50_000] {
        let json = manifest_of_frames(3, frames);
        let refused = open(
            &zip_of(&[(MANIFEST_PATH, json.as_bytes())]),
            &Limits::default(),
        )
        .unwrap_err();
        assert!(matches!(refused, BundleError::TooLarge { .. }), "{refused}");
        let n = crate::i18n::grouped(frames);
        assert!(
            refused.to_string().contains(&format!(
                "this storyboard has {n} frames; Flowboard opens at most 2,000"
            )),
            "{refused}"
        );
        assert!(
            refused.message(Lang::Zh).contains(&format!(
                "这个故事板有 {n} 个画面；Flowboard 最多只能打开 2,000 个"
            )),
            "{}",
            refused.message(Lang::Zh)
        );
    }
    let refused = parse_manifest(&manifest_of_frames(MAX_SCENES + 1, 10)).unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("501 scenes; Flowboard opens at most 500"),
        "{refused}"
    );
    // At the limits it opens, every frame there.
    let (manifest, problems) = parse_manifest(&manifest_of_frames(MAX_SCENES, MAX_FRAMES)).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        (manifest.board.scenes.len(), manifest.board.frame_count()),
        (MAX_SCENES, MAX_FRAMES)
    );
}

#[test]
fn a_negative_or_unreadable_crop_costs_only_the_crop() {
    let (board, photos) = sample();
    let html = html_bundle(&board, &photos, with_originals());
    let json_at = html.find("application/json").unwrap();
    let start = json_at + html[json_at..].find('>').unwrap() + 1;
    let end = start + html[start..].find("</script>").unwrap();
    let mut manifest: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
    // Frame 1.1: a crop far off the photo to the top left, and one that does not read at all.
    manifest["board"]["scenes"][0]["frames"][0]["crops"] = serde_json::json!({
        "1:1": { "x": -0.5, "y": -0.25, "w": 0.75, "h": 1.0 },
        "4:3": { "x": -0.5, "y": 0.0, "w": -0.75 },
    });
    let hostile = format!(
        "{}{}{}",
        &html[..start],
        json_for_html(&manifest.to_string()),
        &html[end..]
    );
    let back = reopen(open(hostile.as_bytes(), &Limits::default()).unwrap());
    let said = back
        .problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(back.board.frame_count(), 4, "{said}");
    let frame = back.board.frames().next().unwrap();
    assert_eq!(
        (frame.id, frame.caption.as_str(), &frame.shot_type),
        (FrameId(10), HOSTILE, &Some(ShotType::CloseUp))
    );
    assert_eq!(
        frame.photo,
        Some(PhotoId::of_bytes(&photos[0])),
        "its original is intact and still its photo"
    );
    let crop = frame.crops[&Aspect::Square];
    assert!(
        crop.x >= 0.0
            && crop.y >= 0.0
            && crop.x + crop.w <= 1.0 + 1e-9
            && crop.y + crop.h <= 1.0 + 1e-9,
        "clamped onto the photo: {crop:?}"
    );
    assert_eq!(frame.crops.len(), 1, "the unreadable crop is left out");
    assert!(!said.contains("damaged"), "{said}");
    assert!(
        said.contains("Part of frame 1 of scene 1 could not be read"),
        "{said}"
    );
    assert_eq!(back.photos.len(), 3);
}

#[test]
fn the_missing_image_notice_summarises_many_frames() {
    let photos: Vec<Vec<u8>> = (1..=40).map(photo_bytes).collect();
    let mut board = Board::default();
    for (i, bytes) in photos.iter().enumerate() {
        let m = meta(bytes, "p.jpg");
        board.photos.insert(m.id.clone(), m);
        board.scenes[0]
            .frames
            .push(Frame::new(FrameId(10 + i as u64), Some(PhotoId::of_bytes(bytes))).into());
    }
    board.next_id = 100;
    let (manifest, _) = plan(&board, Settings::default(), 0.0, "t");
    // Every image is missing.
    let back = reopen(Opened {
        manifest,
        files: BTreeMap::new(),
        problems: Vec::new(),
    });
    let said: Vec<String> = back.problems.iter().map(ToString::to_string).collect();
    assert_eq!(said, ["The image of frame(s) 1, 2, 3 and 37 more is missing from the bundle; captions and fields were kept."]);
    assert!(back.problems[0]
        .show(Lang::Zh)
        .contains("1、2、3 及其余 37 个"));
}

mod sound;

#[test]
fn without_originals_a_move_inside_the_crop_is_kept_on_the_exported_picture_and_others_dropped() {
    use crate::model::camera::{CameraMove, Easing};
    let (mut board, photos) = sample();
    let frames: Vec<FrameId> = board.frames().map(|f| f.id).collect();
    let mut set = |id: FrameId, end: Crop| {
        let s = board
            .scenes
            .iter_mut()
            .find(|s| s.frames.iter().any(|f| f.id == id))
            .unwrap();
        let f = s.frames.iter_mut().find(|f| f.id == id).unwrap();
        f.camera_moves.insert(
            Aspect::Square,
            Some(CameraMove {
                end,
                easing: Easing::EaseInOut,
            }),
        );
    };
    // Frame 10's crop is x 0.1–0.85 of its photo: a zoom in on its left half stays inside.
    set(
        frames[0],
        Crop {
            x: 0.2,
            y: 0.25,
            w: 0.375,
            h: 0.5,
        },
    );
    // Frame 11 (centred crop, x 0.125–0.875) pans to the photo's left edge: outside its crop.
    set(
        frames[1],
        Crop {
            x: 0.0,
            y: 0.0,
            w: 0.75,
            h: 1.0,
        },
    );
    let html = html_bundle(&board, &photos, Settings::default());
    let back = reopen(open(html.as_bytes(), &read::Limits::default()).unwrap());
    let got: Vec<&Frame> = back.board.frames().collect();
    let kept = got[0].camera_moves[&Aspect::Square].unwrap();
    assert_eq!(kept.easing, Easing::EaseInOut);
    let want = Crop {
        x: 0.1 / 0.75,
        y: 0.25,
        w: 0.5,
        h: 0.5,
    };
    for (a, b) in [
        (kept.end.x, want.x),
        (kept.end.y, want.y),
        (kept.end.w, want.w),
        (kept.end.h, want.h),
    ] {
        assert!((a - b).abs() < 1e-9, "{:?} against {want:?}", kept.end);
    }
    assert!(
        got[1].camera_moves.is_empty(),
        "a move with no pixels to travel over is dropped"
    );
    // With the originals, both moves come back as they were.
    let back = reopen(
        open(
            html_bundle(&board, &photos, with_originals()).as_bytes(),
            &read::Limits::default(),
        )
        .unwrap(),
    );
    assert_eq!(back.board, board);
}
