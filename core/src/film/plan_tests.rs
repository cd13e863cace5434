use super::plan::*;
use crate::film::{Transition, TITLE_SECONDS};
use crate::model::camera::{CameraMove, Easing};
use crate::model::crop::{Aspect, Crop};
use crate::model::{Board, Frame, FrameId, PhotoId, PhotoMeta};

/// A board of frames lasting these seconds, each with a 4000 × 3000 photo and a caption.
fn board(seconds: &[f64]) -> Board {
    let mut b = Board::default();
    for (i, s) in seconds.iter().enumerate() {
        let id = PhotoId(format!("{i:032}"));
        let mut f = Frame::new(FrameId(100 + i as u64), Some(id.clone()));
        f.duration = Some(*s);
        f.caption = format!("caption {i}");
        b.scenes[0].frames.push(f.into());
        b.photos.insert(
            id.clone(),
            PhotoMeta {
                id,
                name: format!("{i}.jpg"),
                width: 4000,
                height: 3000,
                bytes: 1,
                mime: "image/jpeg".into(),
                taken_at: None,
            },
        );
    }
    b
}

/// Gives the first frame of `b` a linear camera move to `end` at the board's 16:9.
fn move_first_frame(b: &mut Board, end: Crop) {
    b.scenes[0].frames[0].camera_moves.insert(
        Aspect::Wide,
        Some(CameraMove {
            end,
            easing: Easing::Linear,
        }),
    );
}

/// A board of one frame without a photo.
fn board_without_photo() -> Board {
    let mut b = Board::default();
    b.scenes[0].frames.push(Frame::new(FrameId(7), None).into());
    b
}

#[test]
fn the_film_size_follows_the_boards_shape_with_even_sides() {
    assert_eq!(film_size(Aspect::Wide, 1080), (1920, 1080));
    assert_eq!(film_size(Aspect::Wide, 720), (1280, 720));
    assert_eq!(film_size(Aspect::Vertical, 1080), (1080, 1920));
    assert_eq!(film_size(Aspect::Square, 720), (720, 720));
    assert_eq!(film_size(Aspect::Scope, 1080), (2582, 1080));
    assert_eq!(film_size(Aspect::Free, 720), (1280, 720));
    let (w, h) = film_size(Aspect::Portrait, 1080);
    assert_eq!((w % 2, h % 2), (0, 0));
}

#[test]
fn codec_strings_pick_a_level_that_holds_the_frame() {
    use VideoCodec::*;
    assert_eq!(H264.webcodecs(1280, 720, 30), "avc1.64001f");
    assert_eq!(H264.webcodecs(1920, 1080, 30), "avc1.640028");
    assert_eq!(H264.webcodecs(1080, 1920, 30), "avc1.640028");
    assert_eq!(H264.webcodecs(2582, 1080, 30), "avc1.640032");
    assert_eq!(Vp9.webcodecs(1920, 1080, 30), "vp09.00.40.08");
    assert_eq!(AudioCodec::Opus.webcodecs(), "opus");
    assert_eq!(Container::Webm.video(), Vp9);
    assert_eq!(Container::Mp4.extension(), "mp4");
}

#[test]
fn the_plan_runs_as_long_as_the_board_plus_its_title_card() {
    let b = board(&[2.0, 3.0]);
    let plain = FilmPlan::new(&b, &FilmOptions::default());
    assert_eq!(plain.seconds(), 5.0);
    assert_eq!(plain.frame_count(), 150);
    let titled = FilmPlan::new(
        &b,
        &FilmOptions {
            title_card: true,
            fps: 25,
            ..Default::default()
        },
    );
    assert_eq!(titled.seconds(), 5.0 + TITLE_SECONDS);
    assert_eq!(titled.frame_count(), 200);
    assert_eq!(titled.shot(0), Shot::Title);
    assert_eq!(titled.title, Some(("Flowboard".into(), String::new())));
    // The first story frame comes right after the title card.
    match titled.shot(75) {
        Shot::Story(p) => assert_eq!(p[0].frame, 0),
        Shot::Title => panic!("the title card lasts {TITLE_SECONDS} s"),
    }
    let subs = titled.subtitles();
    assert_eq!(subs.len(), 2);
    assert_eq!((subs[0].start, subs[0].end), (3.0, 5.0));
    assert_eq!(subs[1].text, "caption 1");
}

#[test]
fn a_move_is_sampled_at_each_video_frame_from_its_start_crop_to_its_end() {
    let mut b = board(&[2.0]);
    let end = Crop {
        x: 0.25,
        y: 0.25,
        w: 0.5,
        h: 0.5,
    };
    move_first_frame(&mut b, end);
    let plan = FilmPlan::new(&b, &FilmOptions::default());
    let start = plan.frames[0].crop;
    let Shot::Story(first) = plan.shot(0) else {
        panic!("no title card")
    };
    assert_eq!(first[0].crop, start);
    let Shot::Story(last) = plan.shot(plan.frame_count() - 1) else {
        panic!("no title card")
    };
    // 59 of 60 frames through: nearly at the end box.
    assert!((last[0].crop.w - end.w).abs() < 0.02, "{:?}", last[0].crop);
    // The end box is a 4:3 half of the photo, fitted in the 16:9 film by its height: 1080 px of
    // film show its 1500.
    assert!((plan.decode_scale(0) - 0.72).abs() < 1e-9);
}

#[test]
fn a_crossfade_draws_two_pictures_and_captions_follow_the_one_most_seen() {
    let b = board(&[2.0, 2.0]);
    let plan = FilmPlan::new(
        &b,
        &FilmOptions {
            transition: Transition::Crossfade(1.0),
            burn_captions: true,
            ..Default::default()
        },
    );
    let Shot::Story(at_cut) = plan.shot(57) else {
        panic!("no title card")
    };
    assert_eq!(at_cut.len(), 2);
    assert_eq!(plan.caption(30), Some("caption 0"));
    assert_eq!(plan.caption(66), Some("caption 1"));
    let unburned = FilmPlan::new(&b, &FilmOptions::default());
    assert_eq!(unburned.caption(30), None);
}

#[test]
fn an_empty_board_and_a_frame_without_a_photo_still_make_a_film() {
    let empty = FilmPlan::new(&Board::default(), &FilmOptions::default());
    assert_eq!(empty.frame_count(), 1);
    assert_eq!(empty.shot(0), Shot::Story(Vec::new()));
    let plan = FilmPlan::new(&board_without_photo(), &FilmOptions::default());
    assert_eq!(plan.frames[0].photo, None);
    assert_eq!(plan.decode_scale(0), 1.0);
    assert!(plan.frame_count() > 1);
}

#[test]
fn a_zoom_gets_smaller_copies_of_its_photo_so_no_picture_is_drawn_under_two_thirds_of_its_copy() {
    // A 4000 × 3000 photo at 4:3 on a 16:9 board: its crop is 16:9.
    let mut b = board(&[2.0]);
    let start = Crop {
        x: 0.0,
        y: 0.125,
        w: 1.0,
        h: 0.75,
    };
    let end = Crop {
        x: 0.35,
        y: 0.35,
        w: 0.3,
        h: 0.225,
    };
    b.scenes[0].frames[0].crops.insert(Aspect::Wide, start);
    move_first_frame(&mut b, end);
    let plan = FilmPlan::new(&b, &FilmOptions::default());
    // 1920 px of film show 1200 px of the photo at the end (1, its own size) and 4000 at the start.
    let levels = plan.decode_levels(0);
    assert_eq!(levels[0], 1.0);
    let widest = plan.fill_scale(0, start);
    assert!((widest - 0.48).abs() < 1e-9);
    // 1 and ⅔: the widest (0.48) is drawn at 0.72 of the second; a third (4/9) would be smaller
    // than it.
    assert_eq!(levels.len(), 2, "{levels:?}");
    assert!((levels[1] - 2.0 / 3.0).abs() < 1e-9);
    // Every picture of the move is drawn at between ⅔ and all of its copy's size, or from the
    // photo itself once the crop is tighter than the photo's pixels.
    for k in 0..plan.frame_count() {
        let Shot::Story(pictures) = plan.shot(k) else {
            panic!("no title card")
        };
        let scale = plan.fill_scale(0, pictures[0].crop);
        let level = level_for(&levels, scale);
        let ratio = scale / levels[level];
        let most = if level == 0 {
            f64::INFINITY
        } else {
            1.0 + LEVEL_SLACK
        };
        assert!(
            (LEVEL_STEP - 1e-9..=most).contains(&ratio),
            "frame {k}: {ratio} of level {level}"
        );
    }
    // A picture bigger than the photo is drawn from the photo; an exact level from itself.
    assert_eq!(level_for(&levels, 2.0), 0);
    assert_eq!(level_for(&levels, 2.0 / 3.0), 1);
    // A still frame, and a frame without a photo, have one copy.
    let still = FilmPlan::new(&board(&[2.0]), &FilmOptions::default());
    assert_eq!(still.decode_levels(0).len(), 1);
    let empty = FilmPlan::new(&board_without_photo(), &FilmOptions::default());
    assert_eq!(empty.decode_levels(0), vec![1.0]);
}
