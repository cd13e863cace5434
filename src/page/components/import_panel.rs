use super::{use_lang, Dispatch};
use crate::i18n::T;
use crate::import::{ImportBatch, ItemStatus};
use crate::page::app::EditorMsg;
use yew::prelude::*;

/// Up to this many files, every file gets its own progress chip; beyond it, only the ones being
/// processed and the failed ones do (500 chips redrawn per photo would slow a big import down).
const CHIPS_FOR_ALL: usize = 60;

#[derive(Properties, PartialEq)]
pub struct ImportPanelProps {
    pub batches: Vec<ImportBatch>,
}

/// Progress of running imports, one line per photo, and the files that could not be added.
#[component]
pub fn ImportPanel(props: &ImportPanelProps) -> Html {
    let dispatch = use_context::<Dispatch>().expect("Editor provides Dispatch");
    let lang = use_lang();
    if props.batches.is_empty() {
        return html! {};
    }
    html! {
        <section class="import-panel" aria-label={lang.t(T::AddingPhotos)}>
            { for props.batches.iter().map(|batch| {
                let total = batch.items.len();
                let finished = batch.finished();
                let errors: Vec<_> = batch.errors().collect();
                let id = batch.id;
                let dismiss = {
                    let dispatch = dispatch.clone();
                    Callback::from(move |_: MouseEvent| dispatch.dispatch(EditorMsg::DismissImport { batch: id }))
                };
                html! {
                    <div class="import-batch" key={id}>
                        if !batch.is_complete() {
                            <div class="import-progress">
                                <span role="status">{ lang.f(T::AddingProgress, &[("done", &finished), ("total", &total)]) }</span>
                                <progress max={total.to_string()} value={finished.to_string()} aria-label={lang.t(T::PhotosAdded)} />
                            </div>
                            <ol class="import-items">
                                { for batch.items.iter().filter(|item| total <= CHIPS_FOR_ALL || matches!(item.status, ItemStatus::Decoding | ItemStatus::Failed(_))).map(|item| {
                                    let (class, label) = match &item.status {
                                        ItemStatus::Waiting => ("waiting", lang.t(T::ItemWaiting)),
                                        ItemStatus::Decoding => ("decoding", lang.t(T::ItemProcessing)),
                                        ItemStatus::Done => ("done", lang.t(T::ItemAdded)),
                                        ItemStatus::Failed(_) => ("failed", lang.t(T::ItemFailed)),
                                    };
                                    html! { <li class={classes!("import-item", class)}><span class="import-name">{ &item.name }</span><span class="import-status">{ label }</span></li> }
                                }) }
                            </ol>
                        }
                        if !errors.is_empty() {
                            <div class="import-errors" role="alert">
                                <p class="import-errors-title">{
                                    lang.count(errors.len(), T::FilesNotAdded)
                                }</p>
                                <ul>
                                    { for errors.iter().map(|e| html! {
                                        <li class="import-error"><strong>{ &e.file }</strong>{ lang.f(T::ReasonAfterName, &[("reason", &e.reason.message(lang))]) }</li>
                                    }) }
                                </ul>
                                if batch.is_complete() {
                                    <button type="button" class="button small" onclick={dismiss}>{ lang.t(T::Dismiss) }</button>
                                }
                            </div>
                        }
                    </div>
                }
            }) }
        </section>
    }
}
