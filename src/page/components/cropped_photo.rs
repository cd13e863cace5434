use crate::model::Crop;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CroppedPhotoProps {
    pub src: AttrValue,
    pub alt: AttrValue,
    pub crop: Crop,
    /// Width ÷ height of the frame the crop fills.
    pub ratio: f64,
    /// Load only when near the screen (cards); print sheets need every image at once.
    #[prop_or(true)]
    pub lazy: bool,
    /// Drawn over the photo, in its box (a camera move's arrow).
    #[prop_or_default]
    pub children: Html,
}

/// A photo shown through its crop, without re-encoding: the image is scaled and offset inside a
/// box of the frame's shape, so changing a crop is instant. A crop larger than the photo (Fit)
/// shows bars in the box's background colour.
#[component]
pub fn CroppedPhoto(props: &CroppedPhotoProps) -> Html {
    let c = props.crop;
    let style = format!(
        "width:{:.4}%;height:{:.4}%;left:{:.4}%;top:{:.4}%",
        100.0 / c.w,
        100.0 / c.h,
        -c.x / c.w * 100.0,
        -c.y / c.h * 100.0
    );
    html! {
        <div class="cropped-photo" style={format!("aspect-ratio:{:.5}", props.ratio)}>
            <img src={props.src.clone()} alt={props.alt.clone()} {style} draggable="false" loading={if props.lazy { "lazy" } else { "eager" }}
                data-crop={format!("{:.4},{:.4},{:.4},{:.4}", c.x, c.y, c.w, c.h)} />
            { props.children.clone() }
        </div>
    }
}
