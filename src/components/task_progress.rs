use crate::app::Task;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TaskProgressProps {
    pub task: Task,
}

/// A long job's progress bar under the toolbar (opening a storyboard file), so the page never
/// looks idle while it works.
#[component]
pub fn TaskProgress(props: &TaskProgressProps) -> Html {
    let t = &props.task;
    html! {
        <div class="task-progress" role="status">
            <progress max={t.total.max(1).to_string()} value={t.done.to_string()} aria-label={t.label.clone()}></progress>
            <span>{ if t.total > 1 { format!("{}… {} of {}", t.label, t.done, t.total) } else { format!("{}…", t.label) } }</span>
        </div>
    }
}
