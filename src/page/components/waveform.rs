use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct WaveformProps {
    /// The clip's waveform ([`crate::audio::media::peaks`]: 0–255 per point).
    pub peaks: Rc<[u8]>,
    /// The part that plays, as fractions of the clip (0–1): the rest is drawn dimmed.
    pub start: f64,
    pub end: f64,
}

/// A clip's waveform as an SVG that stretches to its box: one vertical stroke per point, the
/// trimmed-off parts in a dimmer class. Decorative (the card and the panel say the clip's length
/// in words).
#[component]
pub fn Waveform(props: &WaveformProps) -> Html {
    let n = props.peaks.len().max(1);
    let (mut kept, mut cut) = (String::new(), String::new());
    for (i, p) in props.peaks.iter().enumerate() {
        // At least a hair, so silence still shows where the clip is.
        let h = (f64::from(*p) / 255.0 * 96.0).max(2.0);
        let x = i as f64 + 0.5;
        let within = x / n as f64 >= props.start && x / n as f64 <= props.end;
        let path = if within { &mut kept } else { &mut cut };
        path.push_str(&format!("M{x} {:.1}v{h:.1}", 50.0 - h / 2.0));
    }
    html! {
        <svg class="waveform" viewBox={format!("0 0 {n} 100")} preserveAspectRatio="none" aria-hidden="true" focusable="false">
            <path class="waveform-cut" d={cut} />
            <path class="waveform-kept" d={kept} />
        </svg>
    }
}
