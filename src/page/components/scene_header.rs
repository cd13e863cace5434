use super::text_field::TextField;
use super::{use_lang, Dispatch};
use crate::actions::Action;
use crate::i18n::T;
use crate::model::SceneId;
use crate::page::app::{act, EditorMsg};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SceneHeaderProps {
    pub id: SceneId,
    /// 1-based position.
    pub number: usize,
    /// How many scenes the board has.
    pub scenes: usize,
    pub title: AttrValue,
    pub collapsed: bool,
    pub frames: usize,
    pub running_time: AttrValue,
}

/// A scene's title bar: fold, title, size and running time, and the scene's commands.
#[component]
pub fn SceneHeader(props: &SceneHeaderProps) -> Html {
    let dispatch = use_context::<Dispatch>().expect("Editor provides Dispatch");
    let lang = use_lang();
    let (scene, n) = (props.id, props.number);
    let send = |action: Action| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(act(action.clone())))
    };
    let on_title = {
        let dispatch = dispatch.clone();
        Callback::from(move |title: String| {
            dispatch.dispatch(act(Action::RenameScene { scene, title }))
        })
    };
    let on_blur = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(EditorMsg::SealHistory))
    };
    let frames = lang.count(props.frames, T::Frames);
    html! {
        <header class="scene-header">
            <button type="button" class="icon-button scene-fold" aria-expanded={(!props.collapsed).to_string()}
                aria-label={lang.f(if props.collapsed { T::UnfoldScene } else { T::FoldScene }, &[("n", &n)])}
                onclick={send(Action::SetSceneCollapsed { scene, collapsed: !props.collapsed })}>
                { if props.collapsed { "▸" } else { "▾" } }
            </button>
            <span class="scene-number" aria-hidden="true">{ n }</span>
            <TextField class="scene-title" value={props.title.clone()} placeholder={lang.f(T::SceneN, &[("n", &n)])}
                label={lang.f(T::SceneTitleOf, &[("n", &n)])} max_length={crate::model::MAX_TITLE} on_change={on_title} {on_blur} />
            <span class="scene-meta">{ lang.f(T::SceneMeta, &[("frames", &frames), ("time", &props.running_time)]) }</span>
            <div class="scene-actions">
                <button type="button" class="icon-button" disabled={n == 1} aria-label={lang.f(T::MoveSceneUp, &[("n", &n)])}
                    title={lang.t(T::MoveSceneUpHelp)} onclick={send(Action::MoveScene { scene, by: -1 })}>{ "↑" }</button>
                <button type="button" class="icon-button" disabled={n == props.scenes} aria-label={lang.f(T::MoveSceneDown, &[("n", &n)])}
                    title={lang.t(T::MoveSceneDownHelp)} onclick={send(Action::MoveScene { scene, by: 1 })}>{ "↓" }</button>
                <button type="button" class="icon-button" aria-label={lang.f(T::AddSceneAfter, &[("n", &n)])}
                    title={lang.t(T::AddSceneAfterHelp)} onclick={send(Action::AddScene { after: Some(scene) })}>{ "+" }</button>
                <button type="button" class="icon-button danger" disabled={props.scenes < 2} aria-label={lang.f(T::DeleteSceneN, &[("n", &n)])}
                    title={lang.t(T::DeleteSceneHelp)} onclick={send(Action::DeleteScene { scene })}>{ "✕" }</button>
            </div>
        </header>
    }
}
