use super::use_lang;
use crate::i18n::T;
use crate::page::app::Task;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TaskProgressProps {
    pub task: Task,
}

/// A long job's progress bar under the toolbar (opening a storyboard file), so the page never
/// looks idle while it works.
#[component]
pub fn TaskProgress(props: &TaskProgressProps) -> Html {
    let lang = use_lang();
    let t = &props.task;
    html! {
        <div class="task-progress" role="status">
            <progress max={t.total.max(1).to_string()} value={t.done.to_string()} aria-label={t.label.show(lang)}></progress>
            <span>{ if t.total > 1 { lang.f(T::TaskStep, &[("task", &t.label.show(lang)), ("done", &t.done), ("total", &t.total)]) } else { lang.f(T::TaskOnly, &[("task", &t.label.show(lang))]) } }</span>
        </div>
    }
}
