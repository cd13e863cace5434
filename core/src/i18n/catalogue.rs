//! The catalogue: every language Flowboard speaks, its rules, and every text in each, one line
//! per key. Adding a language is a change to this file alone (docs/translating.md).
//!
//! Rules for translators: keep every `{name}` (its position may move); keep keyboard key names
//! as they are printed on keys (Ctrl, Shift, Alt, Esc); Chinese uses full-width punctuation
//! （，。：；？！“”） except inside key names and numbers. A text that depends on a count `{n}`
//! may list one form per plural category of its language, separated by `|`, in the order of the
//! language's `plurals` (CLDR's order); a text without `|` serves every number.

use super::{Locale, Operands, Plural};

/// A language of the interface, in the order of the catalogue's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
    It,
}

impl Lang {
    /// Every language, in the order of its column in each line below.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Zh, Lang::It];
}

/// One row per language, in the order of [`Lang::ALL`]. Plural rules are CLDR's cardinal rules
/// (<https://unicode.org/cldr/charts/latest/supplemental/language_plural_rules.html>), numbers
/// and dates CLDR's marks and order for the language.
pub(super) const LOCALES: [Locale; Lang::ALL.len()] = [
    Locale {
        code: "en",
        name: "English",
        tags: &["en"],
        plurals: &[Plural::One, Plural::Other],
        // one: i = 1 and v = 0
        plural: |n: Operands| {
            if n.i == 1 && n.v == 0 {
                Plural::One
            } else {
                Plural::Other
            }
        },
        decimal: ".",
        group: ",",
        min_grouping: 1,
        // ISO order, unambiguous for every English reader.
        date_time: "{y}-{m}-{d} {h}:{min}",
        csv: ',',
    },
    Locale {
        code: "zh-Hans",
        name: "简体中文",
        tags: &["zh"],
        plurals: &[Plural::Other],
        plural: |_| Plural::Other,
        decimal: ".",
        group: ",",
        min_grouping: 1,
        date_time: "{y}-{m}-{d} {h}:{min}",
        csv: ',',
    },
    Locale {
        code: "it",
        name: "Italiano",
        tags: &["it"],
        plurals: &[Plural::One, Plural::Many, Plural::Other],
        // one: i = 1 and v = 0
        // many: e = 0 and i != 0 and i % 1000000 = 0 and v = 0 or e != 0..5
        plural: |n: Operands| {
            if n.i == 1 && n.v == 0 {
                Plural::One
            } else if (n.e == 0 && n.i != 0 && n.i.is_multiple_of(1_000_000) && n.v == 0) || n.e > 5
            {
                Plural::Many
            } else {
                Plural::Other
            }
        },
        decimal: ",",
        group: ".",
        min_grouping: 2,
        date_time: "{d}/{m}/{y} {h}:{min}",
        csv: ';',
    },
];

macro_rules! catalogue {
    ($($key:ident => $($text:literal),+;)*) => {
        /// A text's key: what the code names, the catalogue translates.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u16)]
        pub enum T { $($key,)* }

        impl T {
            /// Every key, in catalogue order (`T::ALL[k as usize] == k`).
            pub const ALL: &'static [T] = &[$(T::$key,)*];
        }

        /// Each key's texts, one per language in the order of [`Lang::ALL`]: a line with a
        /// text too few or too many does not compile.
        pub(super) const TEXTS: &[[&str; Lang::ALL.len()]] = &[$([$($text),+],)*];
    };
}

catalogue! {
    // Key => English, Simplified Chinese, Italian;
    // ── The page and the toolbar ─────────────────────────────────────────────────────────────
    PageTitle => "Flowboard — photo storyboards", "Flowboard — 照片故事板", "Flowboard – storyboard di foto";
    Language => "Language", "语言", "Lingua";
    UntitledStoryboard => "Untitled storyboard", "未命名故事板", "Storyboard senza titolo";
    StoryboardTitle => "Storyboard title", "故事板标题", "Titolo dello storyboard";
    Frames => "{n} frame|{n} frames", "{n} 个画面", "{n} fotogramma|{n} di fotogrammi|{n} fotogrammi";
    Scenes => "{n} scene|{n} scenes", "{n} 个场景", "{n} scena|{n} di scene|{n} scene";
    Aspect => "Aspect", "画幅", "Formato";
    AspectRatio => "Aspect ratio", "画幅比例", "Proporzioni";
    AspectWholeBoard => "Aspect (whole board)", "画幅（整个故事板）", "Formato (tutto lo storyboard)";
    AspectRatioWholeBoard => "Aspect ratio of the whole board", "整个故事板的画幅比例", "Proporzioni di tutto lo storyboard";
    AspectHelp => "The shape of every frame; each frame keeps its own crop for each shape", "所有画面统一的画幅比例；每个画面在每种比例下各自记住裁剪", "La forma di tutti i fotogrammi; ogni fotogramma ricorda il proprio ritaglio per ciascuna forma";
    AspectFree => "Free", "自由", "Libero";
    CardSize => "Card size", "卡片大小", "Dimensione riquadri";
    SortByTime => "Sort by time", "按时间排序", "Ordina per data";
    SortByTimeHelp => "Order each scene's frames by when their photos were taken", "按照片拍摄时间排列每个场景中的画面", "Ordina i fotogrammi di ogni scena secondo il momento in cui sono state scattate le foto";
    Undo => "Undo", "撤销", "Annulla";
    Redo => "Redo", "重做", "Ripeti";
    HistoryStep => "{what}: {step} ({keys})", "{what}：{step}（{keys}）", "{what}: {step} ({keys})";
    NothingToUndo => "Nothing to undo ({keys})", "没有可撤销的操作（{keys}）", "Niente da annullare ({keys})";
    NothingToRedo => "Nothing to redo ({keys})", "没有可重做的操作（{keys}）", "Niente da ripetere ({keys})";
    Present => "Present", "放映", "Presenta";
    PresentHelp => "Present the board full screen (P)", "全屏放映故事板（P）", "Presenta lo storyboard a schermo intero (P)";
    KeyboardShortcuts => "Keyboard shortcuts", "键盘快捷键", "Scorciatoie da tastiera";
    KeyboardShortcutsHelp => "Keyboard shortcuts (?)", "键盘快捷键（?）", "Scorciatoie da tastiera (?)";
    MoreCommands => "More commands", "更多命令", "Altri comandi";
    Boards => "Boards", "故事板库", "Archivio";
    BoardsHelp => "All your storyboards, backup and storage", "你的全部故事板、备份与存储空间", "Tutti i tuoi storyboard, il backup e lo spazio di archiviazione";
    Export => "Export", "导出", "Esporta";
    ExportHelp => "Download as an HTML or ZIP storyboard, print, or a shot list", "下载为 HTML 或 ZIP 故事板、打印，或导出分镜表", "Scarica come storyboard HTML o ZIP, stampa o crea l'elenco delle inquadrature";
    AddPhotos => "Add photos", "添加照片", "Aggiungi foto";
    // ── Autosave status ─────────────────────────────────────────────────────────────────────
    NotEditingHere => "Not editing in this tab", "此标签页未在编辑", "Non in modifica in questa scheda";
    NothingToSave => "Nothing to save yet", "暂无需要保存的内容", "Ancora niente da salvare";
    SavedAsYouGo => "Your work is saved in this browser as you go", "你的作品会随时保存在此浏览器中", "Il tuo lavoro viene salvato in questo browser man mano che procedi";
    Unsaved => "Saving soon", "即将保存", "Salvataggio a breve";
    SavingAfterPause => "Saving after a short pause in editing", "停止编辑片刻后自动保存", "Salvataggio dopo una breve pausa nelle modifiche";
    Saving => "Saving…", "正在保存…", "Salvataggio…";
    SavedAt => "Saved · {time}", "已保存 · {time}", "Salvato · {time}";
    SavedSurvivesReload => "Saved in this browser; it survives a reload", "已保存在此浏览器中，刷新页面也不会丢失", "Salvato in questo browser; resta anche se ricarichi la pagina";
    NotSavedFull => "Not saved: storage full", "未保存：存储空间已满", "Non salvato: spazio esaurito";
    NotSavedNoStorage => "Not saved: no storage", "未保存：无法使用存储", "Non salvato: archiviazione non disponibile";
    NotSavedRetrying => "Not saved — retrying", "未保存——正在重试", "Non salvato – nuovo tentativo in corso";
    // ── First screen, drop, editor ──────────────────────────────────────────────────────────
    StartTitle => "Start your storyboard", "开始你的故事板", "Inizia il tuo storyboard";
    StartLead => "Drop photos anywhere on this page, or choose them. Each photo becomes a frame; drag frames into story order and give each a caption.", "把照片拖到本页任意位置，或点击选择照片。每张照片成为一个画面；拖动画面排成故事的顺序，并为每个画面写上说明。", "Trascina le foto in un punto qualsiasi di questa pagina, oppure sceglile. Ogni foto diventa un fotogramma: trascina i fotogrammi nell'ordine della storia e scrivi una didascalia per ciascuno.";
    ChoosePhotos => "Choose photos", "选择照片", "Scegli le foto";
    TryExample => "Try an example", "看看示例", "Prova un esempio";
    ExampleHelp => "Opens a finished storyboard — eight frames in three scenes, with shot details — as a new board of your own", "打开一个完成的故事板（三个场景、八个画面，带镜头信息），作为你自己的新故事板", "Apre uno storyboard completo – otto fotogrammi in tre scene, con i dettagli delle inquadrature – come nuovo storyboard tuo";
    ExampleName => "A day at the sea", "海边的一天", "Una giornata al mare";
    StartNote => "JPEG, PNG, WebP, GIF or HEIC. Your photos stay on this device — nothing is uploaded.", "支持 JPEG、PNG、WebP、GIF 或 HEIC。照片只留在这台设备上——不会上传任何内容。", "JPEG, PNG, WebP, GIF o HEIC. Le tue foto restano su questo dispositivo: non viene caricato nulla.";
    DropToAdd => "Drop to add photos", "松开即可添加照片", "Rilascia per aggiungere le foto";
    Opening => "Opening your storyboard…", "正在打开你的故事板…", "Apertura dello storyboard…";
    OpeningSlow => "This storyboard is taking long to open.", "这个故事板打开得太久了。", "L'apertura di questo storyboard sta richiedendo molto tempo.";
    OpenLibraryInstead => "Open the library instead", "改为打开故事板库", "Apri invece l'archivio";
    BoardHint => "Drag frames to reorder, or focus one and press Alt+← / Alt+→. Shift/Ctrl+click selects several. Press ? for all shortcuts.", "拖动画面即可调整顺序，或选中一个画面后按 Alt+← / Alt+→。按住 Shift 或 Ctrl 点击可多选。按 ? 查看全部快捷键。", "Trascina i fotogrammi per riordinarli, oppure selezionane uno e premi Alt+← / Alt+→. Con Shift o Ctrl+clic ne selezioni più di uno. Premi ? per tutte le scorciatoie.";
    BoardHintTouch => "Drag a frame by its grip ⠿ to reorder it. Tap a frame to edit its shot details below the board.", "按住画面上的 ⠿ 拖动即可调整顺序。轻点画面，可在故事板下方编辑镜头信息。", "Trascina un fotogramma dalla maniglia ⠿ per riordinarlo. Tocca un fotogramma per modificarne i dettagli dell'inquadratura sotto lo storyboard.";
    TaskStep => "{task}… {done} of {total}", "{task}…（{done} / {total}）", "{task}… {done} di {total}";
    TaskOnly => "{task}…", "{task}…", "{task}…";
    // ── Announcements (screen readers) ──────────────────────────────────────────────────────
    Undid => "Undid: {step}", "已撤销：{step}", "Annullato: {step}";
    Redid => "Redid: {step}", "已重做：{step}", "Ripetuto: {step}";
    FrameMoved => "Frame {from} moved to position {to}", "画面 {from} 已移到位置 {to}", "Fotogramma {from} spostato in posizione {to}";
    FramesMoved => "{n} frames moved to positions {to}", "{n} 个画面已移到位置 {to}", "{n} fotogrammi spostati nelle posizioni {to}";
    FrameDeleted => "Frame {number} deleted. Press Ctrl+Z to undo.", "画面 {number} 已删除。按 Ctrl+Z 可撤销。", "Fotogramma {number} eliminato. Premi Ctrl+Z per annullare.";
    FramesDeleted => "{n} frames deleted. Press Ctrl+Z to undo.", "已删除 {n} 个画面。按 Ctrl+Z 可撤销。", "{n} fotogrammi eliminati. Premi Ctrl+Z per annullare.";
    FramesDuplicated => "{n} frame(s) duplicated", "已复制 {n} 个画面", "{n} fotogramma duplicato|{n} di fotogrammi duplicati|{n} fotogrammi duplicati";
    FramesAdded => "{n} frame added; {total} in all|{n} frames added; {total} in all", "已添加 {n} 个画面，共 {total} 个", "{n} fotogramma aggiunto; {total} in tutto|{n} di fotogrammi aggiunti; {total} in tutto|{n} fotogrammi aggiunti; {total} in tutto";
    PhotosNotAdded => "Not added: {n} photo(s). A storyboard holds at most {max} frames.", "有 {n} 张照片没有添加：一个故事板最多只能有 {max} 个画面", "Foto non aggiunte: {n}. Uno storyboard contiene al massimo {max} fotogrammi.";
    FramesNotDuplicated => "Not duplicated: {n} frame(s). A storyboard holds at most {max} frames.", "有 {n} 个画面没有复制：一个故事板最多只能有 {max} 个画面", "Fotogrammi non duplicati: {n}. Uno storyboard contiene al massimo {max} fotogrammi.";
    ScenesFull => "No scene was added: a storyboard holds at most {max} scenes", "没有添加场景：一个故事板最多只能有 {max} 个场景", "Nessuna scena aggiunta: uno storyboard contiene al massimo {max} scene";
    SceneAdded => "Scene added; {n} scenes", "已添加场景，共 {n} 个场景", "Scena aggiunta; ora c'è {n} scena|Scena aggiunta; ora ci sono {n} di scene|Scena aggiunta; ora ci sono {n} scene";
    SceneDeleted => "Scene deleted; {n} scenes. Press Ctrl+Z to undo.", "场景已删除，还剩 {n} 个场景。按 Ctrl+Z 可撤销。", "Scena eliminata; ne rimane {n}. Premi Ctrl+Z per annullare.|Scena eliminata; ne rimangono {n}. Premi Ctrl+Z per annullare.|Scena eliminata; ne rimangono {n}. Premi Ctrl+Z per annullare.";
    FramesSorted => "Frames sorted by capture time", "画面已按拍摄时间排序", "Fotogrammi ordinati per data di scatto";
    AddingPhotosCount => "Adding {n} photo(s)…", "正在添加 {n} 张照片…", "Aggiunta di {n} foto…";
    // ── Undo step names ─────────────────────────────────────────────────────────────────────
    StepRenameBoard => "Rename board", "重命名故事板", "Rinomina storyboard";
    StepEditAuthor => "Edit author", "编辑作者", "Modifica autore";
    StepEditDescription => "Edit description", "编辑简介", "Modifica descrizione";
    StepFieldVisibility => "Show or hide a field", "显示或隐藏卡片上的信息", "Mostra o nascondi un campo";
    StepAddPhotos => "Add photos", "添加照片", "Aggiungi foto";
    StepEditCaption => "Edit caption", "编辑说明", "Modifica didascalia";
    StepEditShot => "Edit shot details", "编辑镜头信息", "Modifica dettagli dell'inquadratura";
    StepMoveFrames => "Move frames", "移动画面", "Sposta fotogrammi";
    StepDeleteFrames => "Delete frames", "删除画面", "Elimina fotogrammi";
    StepDuplicateFrames => "Duplicate frames", "复制画面", "Duplica fotogrammi";
    StepAddScene => "Add scene", "添加场景", "Aggiungi scena";
    StepSplitScene => "Start a scene here", "从这里开始新场景", "Inizia una scena qui";
    StepGroupScenes => "Group into scenes", "分成场景", "Dividi in scene";
    StepRenameScene => "Rename scene", "重命名场景", "Rinomina scena";
    StepMoveScene => "Move scene", "移动场景", "Sposta scena";
    StepDeleteScene => "Delete scene", "删除场景", "Elimina scena";
    StepFoldScene => "Fold or unfold scene", "折叠/展开场景", "Comprimi o espandi scena";
    StepAspect => "Change aspect ratio", "更改画幅比例", "Cambia proporzioni";
    StepCrop => "Crop frame", "裁剪画面", "Ritaglia fotogramma";
    StepMove => "Set camera move", "设置镜头运动", "Imposta movimento di camera";
    StepSort => "Sort by capture time", "按拍摄时间排序", "Ordina per data di scatto";
    StepNarration => "Voice-over", "旁白", "Voce narrante";
    StepTrimNarration => "Trim voice-over", "剪辑旁白", "Taglio della voce narrante";
    StepMusic => "Music", "音乐", "Musica";
    StepFitNarration => "Fit durations to narration", "按旁白调整时长", "Durate adattate alla voce narrante";
    StepSelect => "Select", "选择", "Selezione";
    // ── Keyboard shortcuts ──────────────────────────────────────────────────────────────────
    ShortcutsWhen => "They work when a frame has the focus and no text field is being edited.", "以下快捷键在选中某个画面、且没有输入文字时可用。", "Funzionano quando un fotogramma è selezionato e non si sta scrivendo in un campo di testo.";
    KeyFocusFrames => "Focus the previous / next frame", "转到上一个 / 下一个画面", "Vai al fotogramma precedente / successivo";
    KeyFocusEnds => "Focus the first / last frame", "转到第一个 / 最后一个画面", "Vai al primo / all'ultimo fotogramma";
    KeyExtend => "Extend the selection", "扩展选择", "Estendi la selezione";
    KeyClick => "Select one, a range, or add to the selection", "单选、连续多选，或加选", "Seleziona uno, un intervallo, o aggiungi alla selezione";
    KeySelectAll => "Select all frames", "选择全部画面", "Seleziona tutti i fotogrammi";
    KeyClear => "Clear the selection", "取消选择", "Annulla la selezione";
    KeyMoveOne => "Move the selected frames one place (across scenes too)", "将选中的画面移动一格（可跨场景）", "Sposta i fotogrammi selezionati di una posizione (anche tra scene)";
    KeyMoveScene => "Move the selected frames to the previous / next scene", "将选中的画面移到上一个 / 下一个场景", "Sposta i fotogrammi selezionati nella scena precedente / successiva";
    KeyDuplicate => "Duplicate the selected frames", "复制选中的画面", "Duplica i fotogrammi selezionati";
    KeyDelete => "Delete the selected frames", "删除选中的画面", "Elimina i fotogrammi selezionati";
    KeyPresent => "Present the board", "放映故事板", "Presenta lo storyboard";
    KeyShowShortcuts => "Show these shortcuts", "显示这些快捷键", "Mostra queste scorciatoie";
    KeysClick => "Click, Shift+click, Ctrl/⌘+click", "点击、Shift+点击、Ctrl/⌘+点击", "Clic, Shift+clic, Ctrl/⌘+clic";
    Close => "Close", "关闭", "Chiudi";
    // ── Import ──────────────────────────────────────────────────────────────────────────────
    AddingPhotos => "Adding photos", "正在添加照片", "Aggiunta delle foto";
    AddingProgress => "Adding photos… {done} of {total}", "正在添加照片…（已完成 {done} / {total} 张）", "Aggiunta delle foto… {done} di {total}";
    PhotosAdded => "Photos added", "已添加的照片", "Foto aggiunte";
    ItemWaiting => "waiting", "等待中", "in attesa";
    ItemProcessing => "processing…", "处理中…", "in elaborazione…";
    ItemAdded => "added", "已添加", "aggiunta";
    ItemFailed => "not added", "未添加", "non aggiunta";
    FilesNotAdded => "{n} file could not be added:|{n} files could not be added:", "{n} 个文件无法添加：", "Non è stato possibile aggiungere {n} file:|Non è stato possibile aggiungere {n} di file:|Non è stato possibile aggiungere {n} file:";
    ReasonAfterName => ": {reason}", "：{reason}", ": {reason}";
    Dismiss => "Dismiss", "知道了", "Ignora";
    // ── Banners ─────────────────────────────────────────────────────────────────────────────
    OpenElsewhere => "This storyboard is open for editing in another tab or window. This tab shows it read-only and follows the changes saved there, so neither tab overwrites the other.", "这个故事板正在另一个标签页或窗口中编辑。此标签页以只读方式显示它，并跟随那边保存的更改，两边不会互相覆盖。", "Questo storyboard è aperto per la modifica in un'altra scheda o finestra. Qui lo vedi in sola lettura e segue le modifiche salvate nell'altra, così nessuna delle due sovrascrive l'altra.";
    EditHere => "Edit here instead", "改在这里编辑", "Modifica invece qui";
    Viewing => "You are viewing a storyboard (read-only). Press P or Present to play it.", "你正在查看一个故事板（只读）。按 P 或点击“放映”即可播放。", "Stai guardando uno storyboard (sola lettura). Premi P o Presenta per riprodurlo.";
    SandboxedFrame => "Flowboard cannot run in this frame: the page around it sandboxes it without “allow-same-origin”, so it has no storage of its own and nothing could be saved. Open Flowboard in a tab of its own, or embed it without that restriction.", "Flowboard 无法在此框架中运行：外层页面以沙盒方式嵌入它，且未设置“allow-same-origin”，因此它没有自己的存储空间，无法保存任何内容。请在单独的标签页中打开 Flowboard，或在嵌入时取消这一限制。", "Flowboard non può funzionare in questo riquadro: la pagina che lo contiene lo isola (sandbox) senza “allow-same-origin”, quindi non ha uno spazio di archiviazione proprio e non potrebbe salvare nulla. Apri Flowboard in una scheda a sé, oppure incorporalo senza questa restrizione.";
    EmbedAsk => "Allow {origin} to read and change this board?", "允许 {origin} 读取并更改这个故事板吗？", "Consentire a {origin} di leggere e modificare questo storyboard?";
    EmbedAskDetail => "The page around this editor wants to use it: it could read this board, export it with its photos and add boards to your library. Your answer holds until this page is reloaded.", "嵌入此编辑器的页面想要使用它：它可以读取这个故事板、连同照片一起导出，并向你的故事板库添加故事板。你的选择在重新加载此页面之前有效。", "La pagina che contiene questo editor vuole usarlo: potrebbe leggere questo storyboard, esportarlo con le sue foto e aggiungere storyboard al tuo archivio. La tua risposta vale finché questa pagina non viene ricaricata.";
    EmbedAllow => "Allow", "允许", "Consenti";
    EmbedRefuse => "Don't allow", "不允许", "Non consentire";
    NotSaved => "Not saved.", "未保存。", "Non salvato.";
    SaveProblem => " {reason}. {advice}", "{reason}。{advice}", " {reason}. {advice}";
    QuotaAdvice => "Nothing saved earlier is lost, and you can keep working: changes are saved as soon as there is room again.", "之前保存的内容都没有丢失，你可以继续工作：一旦有了空间，更改会立即保存。", "Nulla di quanto salvato prima è andato perso e puoi continuare a lavorare: le modifiche vengono salvate appena c'è di nuovo spazio.";
    UnavailableAdvice => "Keep this tab open until you have downloaded a backup.", "在下载备份之前，请不要关闭此标签页。", "Tieni aperta questa scheda finché non hai scaricato un backup.";
    RetryAdvice => "Your work stays in this tab; saving is retried automatically.", "你的作品保留在此标签页中；会自动重试保存。", "Il tuo lavoro resta in questa scheda; il salvataggio viene ritentato automaticamente.";
    DownloadBackup => "Download backup", "下载备份", "Scarica il backup";
    FreeSpace => "Free space: manage boards", "释放空间：管理故事板", "Libera spazio: gestisci gli storyboard";
    NotRestored => "Some of this storyboard could not be restored.", "这个故事板的部分内容无法恢复。", "Non è stato possibile ripristinare una parte di questo storyboard.";
    OpenLibrary => "Open the library", "打开故事板库", "Apri l'archivio";
    // ── Scenes and frames ───────────────────────────────────────────────────────────────────
    Selected => "Selected", "已选中", "Selezionato";
    FramesOfScene => "Frames of scene {n}", "场景 {n} 的画面", "Fotogrammi della scena {n}";
    FramesInOrder => "Frames in story order", "按故事顺序排列的画面", "Fotogrammi nell'ordine della storia";
    NoFramesYet => "No frames yet — drag frames here", "还没有画面——把画面拖到这里", "Ancora nessun fotogramma – trascinane qui";
    SceneN => "Scene {n}", "场景 {n}", "Scena {n}";
    SceneNamed => "Scene {n}: {title}", "场景 {n}：{title}", "Scena {n}: {title}";
    AddScene => "+ Add scene", "+ 添加场景", "+ Aggiungi scena";
    GroupIntoScenes => "+ Group into scenes", "+ 分成场景", "+ Dividi in scene";
    GroupHint => "Select the frame where the next scene starts (photos with capture times are grouped by when they were taken).", "请选中下一个场景开始的画面（带拍摄时间的照片会按拍摄时间分组）。", "Seleziona il fotogramma da cui inizia la scena successiva (le foto con data di scatto vengono raggruppate in base a quando sono state scattate).";
    ScenesHelp => "Group frames into scenes: acts, chapters, places", "把画面分组为场景：幕、章节、地点", "Raggruppa i fotogrammi in scene: atti, capitoli, luoghi";
    FoldScene => "Fold scene {n}", "折叠场景 {n}", "Comprimi la scena {n}";
    UnfoldScene => "Unfold scene {n}", "展开场景 {n}", "Espandi la scena {n}";
    SceneTitleOf => "Title of scene {n}", "场景 {n} 的标题", "Titolo della scena {n}";
    SceneMeta => "{frames} · {time}", "{frames} · {time}", "{frames} · {time}";
    MoveSceneUp => "Move scene {n} up", "上移场景 {n}", "Sposta in alto la scena {n}";
    MoveSceneUpHelp => "Move scene up", "上移场景", "Sposta in alto la scena";
    MoveSceneDown => "Move scene {n} down", "下移场景 {n}", "Sposta in basso la scena {n}";
    MoveSceneDownHelp => "Move scene down", "下移场景", "Sposta in basso la scena";
    AddSceneAfter => "Add a scene after scene {n}", "在场景 {n} 之后添加场景", "Aggiungi una scena dopo la scena {n}";
    AddSceneAfterHelp => "Add a scene after this one", "在此场景之后添加场景", "Aggiungi una scena dopo questa";
    DeleteSceneN => "Delete scene {n} and its frames", "删除场景 {n} 及其画面", "Elimina la scena {n} e i suoi fotogrammi";
    DeleteSceneHelp => "Delete scene and its frames (Ctrl+Z undoes)", "删除场景及其画面（Ctrl+Z 可撤销）", "Elimina la scena e i suoi fotogrammi (Ctrl+Z annulla)";
    FrameN => "Frame {n}", "画面 {n}", "Fotogramma {n}";
    FrameRole => "frame", "画面", "fotogramma";
    FrameAlt => "Frame {n}: {text}", "画面 {n}：{text}", "Fotogramma {n}: {text}";
    NoPhoto => "No photo", "没有照片", "Nessuna foto";
    DragToReorder => "Drag to reorder (or Alt+← / Alt+→)", "拖动以调整顺序（或按 Alt+← / Alt+→）", "Trascina per riordinare (o Alt+← / Alt+→)";
    CaptionPlaceholder => "Caption…", "说明…", "Didascalia…";
    CaptionFor => "Caption for frame {n}", "画面 {n} 的说明", "Didascalia del fotogramma {n}";
    CropFrameN => "Crop frame {n}", "裁剪画面 {n}", "Ritaglia il fotogramma {n}";
    Crop => "Crop", "裁剪", "Ritaglia";
    CropFixed => "Crop fixed: this frame came from an export made without its original photo", "裁剪已固定：此画面来自一份不含原始照片的导出文件", "Ritaglio bloccato: questo fotogramma proviene da un'esportazione fatta senza la foto originale";
    DeleteFrameN => "Delete frame {n}", "删除画面 {n}", "Elimina il fotogramma {n}";
    DeleteFrameHelp => "Delete frame (Delete)", "删除画面（Delete）", "Elimina fotogramma (Canc)";
    TakenWhen => "When the photo was taken", "照片的拍摄时间", "Quando è stata scattata la foto";
    Taken => "Taken {time}", "拍摄于 {time}", "Scattata il {time}";
    // ── Inspector ───────────────────────────────────────────────────────────────────────────
    Inspector => "Inspector", "详情面板", "Dettagli";
    SelectedFrames => "Selected frames", "选中的画面", "Fotogrammi selezionati";
    NSelected => "{n} frames selected", "已选中 {n} 个画面", "{n} fotogrammi selezionati";
    Duplicate => "Duplicate", "复制", "Duplica";
    ToPreviousScene => "To previous scene", "移到上一场景", "Alla scena precedente";
    ToNextScene => "To next scene", "移到下一场景", "Alla scena successiva";
    Delete => "Delete", "删除", "Elimina";
    SelectAFrame => "Select a frame to see and edit its shot details.", "选择一个画面，即可查看和编辑它的镜头信息。", "Seleziona un fotogramma per vedere e modificare i dettagli dell'inquadratura.";
    BoardDetails => "Board details", "故事板信息", "Dettagli dello storyboard";
    Author => "Author", "作者", "Autore";
    Description => "Description", "简介", "Descrizione";
    ShowOnCards => "Show on cards", "在卡片上显示", "Mostra nei riquadri";
    ShowFieldOnCards => "Show {field} on cards", "在卡片上显示{field}", "Mostra nei riquadri: {field}";
    RunningTimeOf => "{frames} · running time {time}", "{frames} · 总时长 {time}", "{frames} · durata totale {time}";
    PhotoFacts => "{name} · {w} × {h}", "{name} · {w} × {h}", "{name} · {w} × {h}";
    TakenShort => " · taken {time}", " · 拍摄于 {time}", " · scattata il {time}";
    Caption => "Caption", "说明", "Didascalia";
    CaptionInspector => "Caption of frame {n} (inspector)", "画面 {n} 的说明（详情面板）", "Didascalia del fotogramma {n} (dettagli)";
    ShotTypeExample => "e.g. Close-up", "例如：特写", "es. Primo piano";
    MovementExample => "e.g. Pan", "例如：左右摇", "es. Panoramica";
    DurationSeconds => "Duration (seconds)", "时长（秒）", "Durata (secondi)";
    DurationInSeconds => "Duration in seconds", "以秒为单位的时长", "Durata in secondi";
    StartSceneHere => "Start a new scene here", "从这里开始新场景", "Inizia una nuova scena qui";
    StartSceneHereHelp => "This frame and the ones after it in its scene become a new scene", "此画面及同一场景中其后的画面将成为一个新场景", "Questo fotogramma e quelli che lo seguono nella sua scena diventano una nuova scena";
    // ── Shot fields ─────────────────────────────────────────────────────────────────────────
    FieldShotType => "Shot type", "景别", "Tipo di inquadratura";
    FieldMovement => "Camera movement", "运镜", "Movimento di macchina";
    FieldDuration => "Duration", "时长", "Durata";
    FieldDialogue => "Dialogue / voice-over", "对白 / 旁白", "Dialogo / voce fuori campo";
    FieldNotes => "Notes", "备注", "Note";
    ShotWide => "Wide", "全景", "Campo lungo";
    ShotMedium => "Medium", "中景", "Piano medio";
    ShotCloseUp => "Close-up", "特写", "Primo piano";
    ShotExtremeCloseUp => "Extreme close-up", "大特写", "Primissimo piano";
    ShotOverShoulder => "Over-the-shoulder", "过肩镜头", "Di quinta";
    ShotInsert => "Insert", "插入镜头", "Inserto";
    ShotWideShort => "WS", "全景", "CL";
    ShotMediumShort => "MS", "中景", "PM";
    ShotCloseUpShort => "CU", "特写", "PP";
    ShotExtremeCloseUpShort => "ECU", "大特写", "PPP";
    ShotOverShoulderShort => "OTS", "过肩", "Quinta";
    ShotInsertShort => "INS", "插入", "INS";
    MoveStatic => "Static", "固定", "Fissa";
    MovePan => "Pan", "左右摇", "Panoramica";
    MoveTilt => "Tilt", "上下摇", "Panoramica verticale";
    MoveDolly => "Dolly", "推轨", "Carrello";
    MoveHandheld => "Handheld", "手持", "Camera a mano";
    Quoted => "“{text}”", "“{text}”", "“{text}”";
    ListComma => ", ", "、", ", ";
    ListAndMore => "{list} and {n} more", "{list} 及其余 {n} 个", "{list} e altri {n}";
    ListSemicolon => "; ", "；", "; ";
    // ── Crop tool ───────────────────────────────────────────────────────────────────────────
    CropReadout => "{ratio} · {w} × {h} px", "{ratio} · {w} × {h} 像素", "{ratio} · {w} × {h} px";
    CropArea => "Crop area. Arrow keys move it; Shift and arrow keys resize it.", "裁剪区域。方向键移动它；Shift+方向键调整大小。", "Area di ritaglio. I tasti freccia la spostano; Shift e i tasti freccia la ridimensionano.";
    CropBox => "crop box", "裁剪框", "riquadro di ritaglio";
    CornerTopLeft => "Top-left corner", "左上角", "Angolo in alto a sinistra";
    CornerTopRight => "Top-right corner", "右上角", "Angolo in alto a destra";
    CornerBottomLeft => "Bottom-left corner", "左下角", "Angolo in basso a sinistra";
    CornerBottomRight => "Bottom-right corner", "右下角", "Angolo in basso a destra";
    CropHelp => "Drag the box to move it and its corners to resize. Keyboard: arrows move, Shift+arrows resize.", "拖动裁剪框可移动，拖动四角可调整大小。键盘：方向键移动，Shift+方向键调整大小。", "Trascina il riquadro per spostarlo e gli angoli per ridimensionarlo. Da tastiera: le frecce lo spostano, Shift+frecce lo ridimensionano.";
    Fit => "Fit", "适应", "Adatta";
    FitHelp => "Show the whole photo, with bars", "显示整张照片，留出边条", "Mostra la foto intera, con le bande";
    Fill => "Fill", "填满", "Riempi";
    FillHelp => "Fill the frame, keeping the centre", "填满画面，保留中心", "Riempi il fotogramma, mantenendo il centro";
    Reset => "Reset", "重置", "Ripristina";
    ResetHelp => "Centred crop of the whole frame", "居中裁剪整个画面", "Ritaglio centrato sull'intero fotogramma";
    Done => "Done", "完成", "Fine";
    // ── Camera moves (crop tool, cards, print sheets) ───────────────────────────────────────
    CameraMove => "Camera move", "镜头运动", "Movimento di camera";
    MoveNone => "No move", "不运动", "Nessun movimento";
    MoveNoneHelp => "The frame holds still", "画面保持静止", "Il fotogramma resta fermo";
    MoveZoomIn => "Zoom in", "推近", "Zoom avanti";
    MoveZoomOut => "Zoom out", "拉远", "Zoom indietro";
    MovePanLeft => "Pan left", "向左移", "Panoramica a sinistra";
    MovePanRight => "Pan right", "向右移", "Panoramica a destra";
    MovePanUp => "Pan up", "向上移", "Panoramica verso l'alto";
    MovePanDown => "Pan down", "向下移", "Panoramica verso il basso";
    MoveEasing => "Pace", "节奏", "Andamento";
    EasingLinear => "Linear", "匀速", "Lineare";
    EasingInOut => "Ease in and out", "缓入缓出", "Graduale all'inizio e alla fine";
    MoveEndLabel => "End", "终点", "Arrivo";
    MoveEndArea => "End of the camera move. Arrow keys move it; Shift and arrow keys resize it.", "镜头运动的终点。方向键移动它；Shift+方向键调整大小。", "Arrivo del movimento di camera. I tasti freccia lo spostano; Shift e i tasti freccia lo ridimensionano.";
    MoveEndBox => "end box", "终点框", "riquadro di arrivo";
    MoveHelp => "Over the frame's time the picture travels from the crop to the dashed End box; Tab reaches the End box.", "在画面的时长内，画面从裁剪框移到虚线的终点框；按 Tab 可选中终点框。", "Durante il tempo del fotogramma l'inquadratura va dal ritaglio al riquadro tratteggiato di arrivo; Tab raggiunge il riquadro di arrivo.";
    MoveArrowLabel => "Camera move: {what}", "镜头运动：{what}", "Movimento di camera: {what}";
    // ── Presentation ────────────────────────────────────────────────────────────────────────
    Presentation => "Presentation", "放映", "Presentazione";
    PreviousFrame => "Previous frame", "上一个画面", "Fotogramma precedente";
    NextFrame => "Next frame", "下一个画面", "Fotogramma successivo";
    Pause => "Pause", "暂停", "Pausa";
    PlayAnimatic => "Play animatic", "播放动态分镜", "Riproduci l'animatic";
    FrameOf => "Frame {n} of {total}", "第 {n} 个画面，共 {total} 个", "Fotogramma {n} di {total}";
    BackToEditor => "Back to the editor (Esc)", "返回编辑器（Esc）", "Torna all'editor (Esc)";
    AnimaticTimeline => "Timeline: click to go to a moment", "时间轴：点击跳到某一时刻", "Timeline: fai clic per andare a un momento";
    SoundLoading => "Loading the sound…", "正在加载声音…", "Caricamento dell'audio…";
    SoundCannotStart => "The browser did not let the sound start: the animatic plays without sound. Click ▶ again to try.", "浏览器未允许播放声音：动态分镜将无声播放。再次点击 ▶ 重试。", "Il browser non ha lasciato partire l'audio: l'animatic viene riprodotto senza suono. Fai di nuovo clic su ▶ per riprovare.";
    SoundMissing => "Not in this browser, so it plays without: {names}", "此浏览器中没有以下声音，将不播放：{names}", "Non presenti in questo browser, quindi si riproduce senza: {names}";
    // ── Library ─────────────────────────────────────────────────────────────────────────────
    YourStoryboards => "Your storyboards", "你的故事板", "I tuoi storyboard";
    CloseLibrary => "Close the library", "关闭故事板库", "Chiudi l'archivio";
    LibraryNote => "Saved in this browser only, as you work. Download a backup to keep them safe or to move them to another browser.", "你的作品会在编辑时自动保存，但只保存在此浏览器中。下载备份可以妥善保存，或转移到其他浏览器。", "Salvati solo in questo browser, mentre lavori. Scarica un backup per conservarli al sicuro o per spostarli in un altro browser.";
    StorageUse => "Storage: {used} used of {quota} available to this site · {kept}", "存储空间：本网站可用 {quota}，已用 {used} · {kept}", "Spazio: {used} occupati su {quota} disponibili per questo sito · {kept}";
    StoragePersisted => "kept until you delete it", "在你删除之前会一直保留", "conservato finché non lo elimini tu";
    StorageMayClear => "the browser may clear it if the disk runs low: keep a backup", "磁盘空间不足时浏览器可能会清除它：请保留备份", "il browser potrebbe cancellarlo se il disco si riempie: tieni un backup";
    ReadingStoryboards => "Reading your storyboards…", "正在读取你的故事板…", "Lettura dei tuoi storyboard…";
    NoStoryboards => "No storyboards saved yet: the one you are editing is saved with its first change.", "还没有保存的故事板：正在编辑的故事板在第一次修改时就会保存。", "Ancora nessuno storyboard salvato: quello che stai modificando viene salvato alla prima modifica.";
    Storyboards => "Storyboards", "故事板", "Storyboard";
    UnreadableBoard => "This board cannot be read; it can only be deleted (a backup keeps it as it is).", "无法读取这个故事板，只能删除它（备份会原样保留它）。", "Questo storyboard non si può leggere; si può solo eliminare (un backup lo conserva così com'è).";
    BoardSummary => "{frames} · {scenes} · saved {time}", "{frames} · {scenes} · 保存于 {time}", "{frames} · {scenes} · salvato il {time}";
    DamagedBoard => "Damaged board", "已损坏的故事板", "Storyboard danneggiato";
    NewTitle => "New title", "新标题", "Nuovo titolo";
    Save => "Save", "保存", "Salva";
    Cancel => "Cancel", "取消", "Annulla";
    OpenNow => " (open)", "（已打开）", " (aperto)";
    ConfirmDelete => "Delete “{name}” and its photos from this browser? This cannot be undone.", "要从此浏览器中删除“{name}”及其照片吗？此操作无法撤销。", "Eliminare “{name}” e le sue foto da questo browser? L'operazione non si può annullare.";
    Open => "Open", "打开", "Apri";
    OpenNamed => "Open {name}", "打开“{name}”", "Apri {name}";
    Rename => "Rename", "重命名", "Rinomina";
    RenameNamed => "Rename {name}", "重命名“{name}”", "Rinomina {name}";
    DuplicateNamed => "Duplicate {name}", "复制“{name}”", "Duplica {name}";
    DeleteNamed => "Delete {name}", "删除“{name}”", "Elimina {name}";
    NewStoryboard => "New storyboard", "新建故事板", "Nuovo storyboard";
    RestoreBackup => "Restore backup…", "恢复备份…", "Ripristina un backup…";
    BackupFileToRestore => "Backup file to restore", "要恢复的备份文件", "File di backup da ripristinare";
    Megabytes => "{n} MB", "{n} MB", "{n} MB";
    Gigabytes => "{n} GB", "{n} GB", "{n} GB";
    // ── Library operations ──────────────────────────────────────────────────────────────────
    MakingBackup => "Making the backup…", "正在制作备份…", "Creazione del backup…";
    MakingBackupPhotos => "Making the backup… photo {n} of {total}", "正在制作备份… 第 {n} 张照片，共 {total} 张", "Creazione del backup… foto {n} di {total}";
    BackupDownloaded => "Backup downloaded: {boards} board(s), {photos} photo(s), {mb} MB.", "备份已下载：{boards} 个故事板，{photos} 张照片，{mb} MB。", "Backup scaricato: storyboard {boards}, foto {photos}, {mb} MB.";
    BackupNotDownloaded => "The backup could not be downloaded: {error}", "无法下载备份：{error}", "Non è stato possibile scaricare il backup: {error}";
    BackupNotMade => "The backup could not be made: {error}", "无法制作备份：{error}", "Non è stato possibile creare il backup: {error}";
    Restoring => "Restoring {name}…", "正在恢复 {name}…", "Ripristino di {name}…";
    RestoringPhotos => "Restoring photos… {n} of {total}", "正在恢复照片… 第 {n} 张，共 {total} 张", "Ripristino delle foto… {n} di {total}";
    UnsavedChangesBack => "Changes that could not be saved while storage was full were brought back. Photos added then may be missing: make room, then add them again.", "存储空间已满时未能保存的更改已恢复。当时添加的照片可能缺失：请腾出空间后重新添加。", "Le modifiche che non si erano potute salvare mentre lo spazio era esaurito sono state recuperate. Le foto aggiunte in quel momento potrebbero mancare: libera spazio e aggiungile di nuovo.";
    MakingThumbnails => "Making thumbnails of restored photos… {n} of {total}", "正在为恢复的照片生成缩略图… 第 {n} 张，共 {total} 张", "Creazione delle miniature delle foto ripristinate… {n} di {total}";
    BackupRestored => "Backup restored: {added} board(s) added, {photos} photo(s).", "备份已恢复：新增 {added} 个故事板，{photos} 张照片。", "Backup ripristinato: storyboard aggiunti {added}, foto {photos}.";
    BackupAlreadyHere => " {n} board(s) were already here.", "另有 {n} 个故事板已存在，未重复添加。", " {n} storyboard era già presente.| {n} di storyboard erano già presenti.| {n} storyboard erano già presenti.";
    BackupSkipped => " Damaged and skipped: {boards} board(s), {photos} photo(s).", "已损坏并跳过：{boards} 个故事板，{photos} 张照片。", " Danneggiati e saltati: storyboard {boards}, foto {photos}.";
    CouldNotOpenBoard => "Your storyboard could not be opened: {error}. It is kept as it is; other boards are in the library.", "无法打开你的故事板：{error}。它会原样保留；其他故事板在故事板库中。", "Non è stato possibile aprire il tuo storyboard: {error}. Resta conservato così com'è; gli altri storyboard sono nell'archivio.";
    LibraryUnreadable => "The library could not be read: {error}", "无法读取故事板库：{error}", "Non è stato possibile leggere l'archivio: {error}";
    RenameFailed => "Renaming failed: {error}", "重命名失败：{error}", "Impossibile rinominare: {error}";
    CopyOf => "{title} (copy)", "{title}（副本）", "{title} (copia)";
    DuplicateFailed => "Duplicating failed: {error}", "复制失败：{error}", "Impossibile duplicare: {error}";
    BoardDeleted => "Board deleted.", "故事板已删除。", "Storyboard eliminato.";
    DeleteFailed => "Deleting failed: {error}", "删除失败：{error}", "Impossibile eliminare: {error}";
    ImportResumed => "{n} photo(s) from an import that was interrupted were added back at the end.", "上次中断的导入中有 {n} 张照片已重新添加到末尾。", "{n} foto di un'importazione interrotta è stata aggiunta di nuovo in fondo.|{n} di foto di un'importazione interrotta sono state aggiunte di nuovo in fondo.|{n} foto di un'importazione interrotta sono state aggiunte di nuovo in fondo.";
    // ── Export ──────────────────────────────────────────────────────────────────────────────
    ExportStoryboard => "Export storyboard", "导出故事板", "Esporta lo storyboard";
    CloseExport => "Close export", "关闭导出", "Chiudi l'esportazione";
    StoryboardFile => "Storyboard file", "故事板文件", "File dello storyboard";
    StoryboardFileNote => "Opens in any browser, offline, with a slideshow; open it here again to keep editing.", "可在任何浏览器中离线打开，并带有幻灯片放映；在这里重新打开即可继续编辑。", "Si apre in qualsiasi browser, anche offline, con una presentazione; riaprilo qui per continuare a modificarlo.";
    ImageSize => "Image size (long edge)", "图片尺寸（长边）", "Dimensione delle immagini (lato lungo)";
    Pixels => "{n} px", "{n} 像素", "{n} px";
    Quality => "Quality", "质量", "Qualità";
    JpegQuality => "JPEG quality", "JPEG 质量", "Qualità JPEG";
    QualitySmall => "Smaller files", "文件较小", "File più piccoli";
    QualityBalanced => "Balanced", "均衡", "Equilibrata";
    QualityBest => "Best", "最佳", "Massima";
    IncludeOriginals => "Include the original photos (larger file; crops can still be changed after re-opening)", "包含原始照片（文件更大；重新打开后仍可修改裁剪）", "Includi le foto originali (file più grande; i ritagli si possono ancora cambiare dopo averlo riaperto)";
    PrivacyWithOriginals => "Frame images are re-encoded without camera details or location (EXIF, GPS). The original photos are included exactly as you added them, with any EXIF and GPS location they carry.", "画面图片会重新编码，不含相机信息和位置（EXIF、GPS）。原始照片会按添加时的原样包含在内，包括其中的 EXIF 和 GPS 位置信息。", "Le immagini dei fotogrammi vengono ricodificate senza i dati della fotocamera né la posizione (EXIF, GPS). Le foto originali sono incluse esattamente come le hai aggiunte, con tutti i dati EXIF e la posizione GPS che contengono.";
    Privacy => "Frame images are re-encoded: camera details and location (EXIF, GPS) are not included.", "画面图片会重新编码：不包含相机信息和位置（EXIF、GPS）。", "Le immagini dei fotogrammi vengono ricodificate: i dati della fotocamera e la posizione (EXIF, GPS) non sono inclusi.";
    DownloadHtml => "Download HTML (one file)", "下载 HTML（单个文件）", "Scarica HTML (un solo file)";
    DownloadZip => "Download ZIP (for a website)", "下载 ZIP（用于网站）", "Scarica ZIP (per un sito web)";
    ExportProgress => "{task} · {done} of {total}", "{task} · 已完成 {done} / {total}", "{task} · {done} di {total}";
    PrintOrPdf => "Print or PDF", "打印或 PDF", "Stampa o PDF";
    FramesPerPage => "Frames per page", "每页画面数", "Fotogrammi per pagina";
    SceneBreaks => "Start each scene on a new page", "每个场景从新的一页开始", "Ogni scena su una nuova pagina";
    PrintButton => "Print / Save as PDF…", "打印 / 存为 PDF…", "Stampa / Salva come PDF…";
    ShotListCsv => "Shot list (CSV)", "分镜表（CSV）", "Elenco delle inquadrature (CSV)";
    ShotListFailed => "The shot list could not be downloaded: {error}", "无法下载分镜表：{error}", "Non è stato possibile scaricare l'elenco delle inquadrature: {error}";
    ShotListFile => "{title} shot list", "{title}-分镜表", "{title} - elenco inquadrature";
    ShotListDownloaded => "Shot list downloaded: “{name}”, {n} row.|Shot list downloaded: “{name}”, {n} rows.", "分镜表已下载：“{name}”，共 {n} 行。", "Elenco delle inquadrature scaricato: “{name}”, {n} riga.|Elenco delle inquadrature scaricato: “{name}”, {n} di righe.|Elenco delle inquadrature scaricato: “{name}”, {n} righe.";
    Exported => "Exported “{name}”: {n} frame image, {mb} MB, in {seconds} s.|Exported “{name}”: {n} frame images, {mb} MB, in {seconds} s.", "已导出“{name}”：{n} 张画面图片，{mb} MB，用时 {seconds} 秒。", "Esportato “{name}”: {n} immagine, {mb} MB, in {seconds} s.|Esportato “{name}”: {n} di immagini, {mb} MB, in {seconds} s.|Esportato “{name}”: {n} immagini, {mb} MB, in {seconds} s.";
    LeftOut => " Left out (shown as empty frames): {list}.", "未包含（显示为空白画面）：{list}。", " Esclusi (mostrati come fotogrammi vuoti): {list}.";
    SkippedFrame => "frame {n} ({error})", "画面 {n}（{error}）", "fotogramma {n} ({error})";
    ExportingFrames => "Exporting frames", "正在导出画面", "Esportazione dei fotogrammi";
    PreparingSheets => "Preparing the sheets for print", "正在准备打印页面", "Preparazione dei fogli per la stampa";
    PuttingTogether => "Putting the file together", "正在合成文件", "Composizione del file";
    PuttingTogetherFile => "Putting the file together: {n} of {total}", "正在合成文件：第 {n} 个，共 {total} 个", "Composizione del file: {n} di {total}";
    ExportCancelled => "Export cancelled; nothing was downloaded.", "导出已取消，没有下载任何内容。", "Esportazione annullata; non è stato scaricato nulla.";
    ExportRunning => "an export is already running", "已有一个导出正在进行", "un'esportazione è già in corso";
    FilmSection => "Film", "影片", "Filmato";
    FilmNote => "A video of the animatic: each frame for its time, with its camera move, narration and music. Made on this device; nothing is uploaded.", "动态分镜的视频：每个画面按其时长播放，带镜头运动、旁白和音乐。在本设备上制作，不会上传任何内容。", "Un video dell'animatic: ogni fotogramma per la sua durata, con movimento di camera, narrazione e musica. Creato su questo dispositivo; non viene caricato nulla.";
    FilmFormat => "Format", "格式", "Formato";
    FilmMp4 => "MP4 (H.264), plays everywhere", "MP4（H.264），到处都能播放", "MP4 (H.264), si apre ovunque";
    FilmWebm => "WebM (VP9), for web pages", "WebM（VP9），适合网页", "WebM (VP9), per le pagine web";
    FilmSize => "Size", "尺寸", "Dimensioni";
    FilmLines => "{n}p ({w} × {h})", "{n}p（{w} × {h}）", "{n}p ({w} × {h})";
    FilmRate => "Frames per second", "每秒帧数", "Fotogrammi al secondo";
    FilmTransition => "Between frames", "画面之间", "Tra i fotogrammi";
    TransitionCut => "Cut", "硬切", "Stacco";
    TransitionCrossfade => "Crossfade of {s} s", "{s} 秒淡入淡出", "Dissolvenza di {s} s";
    FilmTitleCard => "Start with a title card (title and author)", "以标题卡开场（标题和作者）", "Inizia con un cartello del titolo (titolo e autore)";
    FilmBurnCaptions => "Show captions in the picture", "在画面中显示字幕", "Mostra le didascalie nell'immagine";
    FilmSubtitleText => "Subtitles from", "字幕来自", "Sottotitoli da";
    SubtitlesFromCaptions => "captions", "说明文字", "didascalie";
    SubtitlesFromDialogue => "dialogue", "对白", "dialoghi";
    MakeFilm => "Make film", "制作影片", "Crea il filmato";
    SubtitlesSrt => "Subtitles (.srt)", "字幕（.srt）", "Sottotitoli (.srt)";
    SubtitlesVtt => "Subtitles (.vtt)", "字幕（.vtt）", "Sottotitoli (.vtt)";
    FilmStarting => "Making the film", "正在制作影片", "Creazione del filmato";
    FilmEncoding => "Making the film, about {left} left", "正在制作影片，约剩 {left}", "Creazione del filmato, circa {left} alla fine";
    FilmCancelled => "The film was cancelled; nothing was kept.", "影片已取消，未保留任何内容。", "Il filmato è stato annullato; non è stato conservato nulla.";
    FilmMade => "Downloaded {name}: {length} of film, {mb} MB, made in {seconds} s.", "已下载 {name}：影片长 {length}，{mb} MB，用时 {seconds} 秒。", "Scaricato {name}: {length} di filmato, {mb} MB, creato in {seconds} s.";
    FilmSoundLeftOut => "Left out of the sound (the file could not be read): {list}.", "未加入声音（无法读取文件）：{list}。", "Esclusi dal suono (file non leggibile): {list}.";
    FilmFramesSkipped => "{n} video frame was left out: this device drew it too late.|{n} video frames were left out: this device drew too slowly to keep time.", "有 {n} 个视频帧被省略：本设备绘制太慢，跟不上时间。", "{n} fotogramma video è stato omesso: questo dispositivo lo ha disegnato in ritardo.|{n} di fotogrammi video sono stati omessi: questo dispositivo disegnava troppo lentamente.|{n} fotogrammi video sono stati omessi: questo dispositivo disegnava troppo lentamente.";
    FilmRecordingFailed => "The film could not be recorded: {detail}", "无法录制影片：{detail}", "Impossibile registrare il filmato: {detail}";
    FilmRecordingLive => "Recording the film as it plays, {left} left — keep this tab open", "正在边播放边录制影片，还剩 {left}——请保持此标签页打开", "Registrazione del filmato mentre scorre, {left} alla fine – tieni aperta questa scheda";
    FilmLiveNote => "This browser cannot encode video (it has no WebCodecs encoders), so the film is recorded as it plays: that takes as long as the film ({length}), in the format the browser records (WebM or MP4). Keep this tab open while it records.", "此浏览器无法编码视频（没有 WebCodecs 编码器），因此影片将边播放边录制：所需时间与影片等长（{length}），格式为浏览器录制的格式（WebM 或 MP4）。录制期间请保持此标签页打开。", "Questo browser non sa codificare video (non ha i codificatori WebCodecs), quindi il filmato viene registrato mentre scorre: ci vuole quanto dura il filmato ({length}), nel formato che il browser registra (WebM o MP4). Tieni aperta questa scheda durante la registrazione.";
    FilmSoundPaused => "The browser kept the film's sound paused, so it was not recorded. Click Record film again.", "浏览器让影片的声音保持暂停，因此未能录制。请再次点击“录制影片”。", "Il browser ha tenuto in pausa l'audio del filmato, quindi non è stato registrato. Fai di nuovo clic su Registra il filmato.";
    RecordFilm => "Record film", "录制影片", "Registra il filmato";
    NoSubtitles => "No frame has a text to put in subtitles.", "没有任何画面有可放入字幕的文字。", "Nessun fotogramma ha un testo da mettere nei sottotitoli.";
    SubtitlesDownloaded => "Downloaded {name}: {n} subtitle.|Downloaded {name}: {n} subtitles.", "已下载 {name}：{n} 条字幕。", "Scaricato {name}: {n} sottotitolo.|Scaricato {name}: {n} di sottotitoli.|Scaricato {name}: {n} sottotitoli.";
    PhotoNotHere => "its photo is not in this browser", "它的照片不在此浏览器中", "la sua foto non è in questo browser";
    PageOf => "Page {n} of {total}", "第 {n} 页，共 {total} 页", "Pagina {n} di {total}";
    FieldValue => "{label}: ", "{label}：", "{label}: ";
    // ── Opening storyboard files ────────────────────────────────────────────────────────────
    OpenedAsNew => "Opened “{name}” as a new board in your library.", "已将“{name}”作为新故事板打开，并放入你的故事板库。", "“{name}” è stato aperto come nuovo storyboard nel tuo archivio.";
    CouldNotOpenFile => "“{name}” could not be opened: {error}. Your current board is unchanged.", "无法打开“{name}”：{error}。当前的故事板没有改变。", "Non è stato possibile aprire “{name}”: {error}. Lo storyboard attuale non è cambiato.";
    CouldNotShow => "The storyboard at “{url}” could not be shown: {error}.", "无法显示位于“{url}”的故事板：{error}。", "Non è stato possibile mostrare lo storyboard all'indirizzo “{url}”: {error}.";
    CannotBeShown => "This storyboard cannot be shown.", "无法显示这个故事板。", "Questo storyboard non si può mostrare.";
    NotAnAddress => "“{url}” is not a valid address", "“{url}”不是有效的地址", "“{url}” non è un indirizzo valido";
    OnlySameSite => "only storyboards on this same site can be opened", "只能打开同一网站上的故事板", "si possono aprire solo storyboard di questo stesso sito";
    ServerAnswered => "the server answered {status}", "服务器返回了 {status}", "il server ha risposto {status}";
    BundleFileTooLarge => "the file is {mb} MB, more than the {max} MB a storyboard file may have", "文件大小为 {mb} MB，超过了故事板文件的上限 {max} MB", "il file è di {mb} MB, più dei {max} MB consentiti per un file di storyboard";
    OpeningFile => "Opening the storyboard file", "正在打开故事板文件", "Apertura del file dello storyboard";
    CheckingPhotos => "Checking photos", "正在检查照片", "Controllo delle foto";
    ChangedOnTheWay => "its contents changed on the way", "它的内容在传输中发生了变化", "il suo contenuto è cambiato durante il trasferimento";
    OriginalMissing => "The original photo “{name}” is missing from the bundle; its frames use their exported image.", "故事板文件中缺少原始照片“{name}”；相关画面改用导出的图片。", "Nel file manca la foto originale “{name}”; i suoi fotogrammi usano l'immagine esportata.";
    OriginalDamaged => "The original photo {name} in the bundle is damaged; its frames use their exported image.", "故事板文件中的原始照片“{name}”已损坏；相关画面改用导出的图片。", "La foto originale {name} nel file è danneggiata; i suoi fotogrammi usano l'immagine esportata.";
    ImagesMissing => "The image of frame(s) {list} is missing from the bundle; captions and fields were kept.", "故事板文件中缺少画面 {list} 的图片；说明和镜头信息已保留。", "Nel file manca l'immagine dei fotogrammi {list}; didascalie e campi sono stati conservati.";
    ImageUnreadable => "The image “{name}” in the bundle could not be read ({why}); its frames keep their captions.", "无法读取故事板文件中的图片“{name}”（{why}）；相关画面保留了说明。", "Non è stato possibile leggere l'immagine “{name}” nel file ({why}); i suoi fotogrammi conservano le didascalie.";
    ContentsMissing => "The board's contents were missing; an empty board was opened in its place.", "故事板的内容缺失，已改为打开一个空白故事板。", "Il contenuto dello storyboard mancava; al suo posto è stato aperto uno storyboard vuoto.";
    ContentsUnreadable => "The board's contents could not be read; an empty board was opened in its place.", "无法读取故事板的内容，已改为打开一个空白故事板。", "Non è stato possibile leggere il contenuto dello storyboard; al suo posto è stato aperto uno storyboard vuoto.";
    PhotoDetailsUnreadable => "The details of photo {id} could not be read.", "无法读取照片 {id} 的信息。", "Non è stato possibile leggere i dati della foto {id}.";
    SceneUnreadable => "Scene {n} could not be read and was left out.", "无法读取场景 {n}，已略过。", "Non è stato possibile leggere la scena {n}, che è stata esclusa.";
    FrameUnreadable => "Frame {i} of scene {n} could not be read and was left out.", "无法读取场景 {n} 的第 {i} 个画面，已略过。", "Non è stato possibile leggere il fotogramma {i} della scena {n}, che è stato escluso.";
    FramePartlyUnreadable => "Part of frame {i} of scene {n} could not be read; its caption and what else could be read were kept.", "场景 {n} 的第 {i} 个画面有部分内容无法读取；已保留其说明及其他可读取的内容。", "Non è stato possibile leggere una parte del fotogramma {i} della scena {n}; la didascalia e quanto si è potuto leggere sono stati conservati.";
    ScenesUnreadable => "The board's scenes could not be read.", "无法读取故事板的场景。", "Non è stato possibile leggere le scene dello storyboard.";
    FramesLostPhoto => "{n} frame(s) lost their photo (its details were missing); captions and fields were kept.", "{n} 个画面失去了照片（照片信息缺失）；说明和镜头信息已保留。", "{n} fotogramma ha perso la sua foto (ne mancavano i dati); didascalie e campi sono stati conservati.|{n} di fotogrammi hanno perso la loro foto (ne mancavano i dati); didascalie e campi sono stati conservati.|{n} fotogrammi hanno perso la loro foto (ne mancavano i dati); didascalie e campi sono stati conservati.";
    SoundLostAudio => "A voice-over or the music lost its audio (its details were missing) and was removed.|{n} voice-overs or music lost their audio (their details were missing) and were removed.", "{n} 段旁白或音乐失去了音频（音频信息缺失），已被移除。", "Una voce narrante o la musica ha perso il suo audio (ne mancavano i dati) ed è stata rimossa.|{n} di voci narranti o musiche hanno perso il loro audio (ne mancavano i dati) e sono state rimosse.|{n} voci narranti o musiche hanno perso il loro audio (ne mancavano i dati) e sono state rimosse.";
    // ── Recording narration (page/services/recorder.rs) ─────────────────────────────────────
    RecordVoiceOver => "Record voice-over", "录制旁白", "Registra la voce narrante";
    RetakeVoiceOver => "Record again (replaces this voice-over)", "重新录制（替换此旁白）", "Registra di nuovo (sostituisce questa voce narrante)";
    StopRecording => "Stop recording", "停止录音", "Ferma la registrazione";
    RecordingFrame => "Recording frame {n}", "正在录制画面 {n}", "Registrazione del fotogramma {n}";
    InputLevel => "Microphone level", "麦克风音量", "Livello del microfono";
    RecordingElsewhere => "Recording another frame", "正在录制另一个画面", "Registrazione di un altro fotogramma";
    RecordingWhilePresenting => "Recording: each frame gets what you say while it is shown", "正在录制：每个画面获得它显示时你所说的话", "In registrazione: ogni fotogramma riceve ciò che dici mentre è mostrato";
    SavingRecording => "Saving the recording…", "正在保存录音……", "Salvataggio della registrazione…";
    RecordWhilePresenting => "Record narration while presenting: each frame gets what you say while it is shown", "边放映边录制旁白：每个画面获得它显示时你所说的话", "Registra la narrazione mentre presenti: ogni fotogramma riceve ciò che dici mentre è mostrato";
    ErrMicDenied => "Microphone access was refused, so nothing was recorded. Allow this site to use the microphone (in the address bar or the browser's settings) and try again.", "麦克风访问被拒绝，因此没有录音。请允许此网站使用麦克风（在地址栏或浏览器设置中），然后重试。", "L'accesso al microfono è stato negato, quindi non è stato registrato nulla. Consenti a questo sito di usare il microfono (nella barra degli indirizzi o nelle impostazioni del browser) e riprova.";
    ErrNoMicrophone => "No microphone was found, so nothing was recorded. Connect one and try again.", "未找到麦克风，因此没有录音。请连接麦克风后重试。", "Nessun microfono trovato, quindi non è stato registrato nulla. Collegane uno e riprova.";
    ErrNoRecorder => "This browser cannot record audio (it has no MediaRecorder); attach an audio file instead.", "此浏览器无法录音（不支持 MediaRecorder）；请改为附加音频文件。", "Questo browser non può registrare audio (non ha MediaRecorder); allega invece un file audio.";
    ErrRecorderFailed => "Recording failed ({detail}); nothing was changed.", "录音失败（{detail}）；未做任何更改。", "La registrazione non è riuscita ({detail}); non è stato cambiato nulla.";
    MicInUse => "the microphone is in use by another program or could not be started", "麦克风正被其他程序占用或无法启动", "il microfono è usato da un altro programma o non si è potuto avviare";
    NothingRecorded => "Nothing was recorded (stopped too soon); nothing was changed.", "没有录到任何内容（停止得太早）；未做任何更改。", "Non è stato registrato nulla (fermato troppo presto); non è stato cambiato nulla.";
    RecordingRecovered => "A recording cut short (the page was closed or reloaded, or another board was opened) was recovered up to its last saved second: {seconds} s, on frame(s) {frames}.", "一段被中断的录音（页面被关闭或重新加载，或打开了另一个故事板）已恢复到最后保存的一秒：{seconds} 秒，位于画面 {frames}。", "Una registrazione interrotta (la pagina è stata chiusa o ricaricata, o è stato aperto un altro storyboard) è stata recuperata fino all'ultimo secondo salvato: {seconds} s, sul fotogramma/sui fotogrammi {frames}.";
    RecordingLost => "A recording cut short (the page was closed or reloaded, or another board was opened) could not be recovered: {reason}.", "一段被中断的录音（页面被关闭或重新加载，或打开了另一个故事板）无法恢复：{reason}。", "Una registrazione interrotta (la pagina è stata chiusa o ricaricata, o è stato aperto un altro storyboard) non si è potuta recuperare: {reason}.";
    RecordingNoStart => "its first second, which the rest needs, was not saved", "其余部分所需的第一秒没有保存下来", "il suo primo secondo, necessario al resto, non era stato salvato";
    RecordingFramesGone => "the frames it was made on are gone", "录制时所在的画面已不存在", "i fotogrammi su cui era stata fatta non ci sono più";
    RecordingNotAttached => "The recording was not attached: {reason}.", "录音没有被附加：{reason}。", "La registrazione non è stata allegata: {reason}.";
    PhotoNotStored => "The photo “{name}” was not found in this browser's storage; its {n} frame(s) show a placeholder. Add the same photo again to bring it back.", "在此浏览器的存储中找不到照片“{name}”；它的 {n} 个画面显示为占位图。再次添加同一张照片即可恢复。", "La foto “{name}” non è stata trovata nello spazio di questo browser; {n} fotogramma mostra un segnaposto al suo posto. Aggiungi di nuovo la stessa foto per recuperarla.|La foto “{name}” non è stata trovata nello spazio di questo browser; {n} di fotogrammi mostrano un segnaposto al suo posto. Aggiungi di nuovo la stessa foto per recuperarla.|La foto “{name}” non è stata trovata nello spazio di questo browser; {n} fotogrammi mostrano un segnaposto al suo posto. Aggiungi di nuovo la stessa foto per recuperarla.";
    PhotosNotStoredMore => "{n} more photos were not found in this browser's storage; their {frames} frame(s) show a placeholder.", "另有 {n} 张照片在此浏览器的存储中找不到；它们的 {frames} 个画面显示为占位图。", "Altre {n} foto non sono state trovate nello spazio di questo browser; i loro fotogrammi ({frames}) mostrano un segnaposto.";
    FramesLeftOut => "This board has {n} frames; Flowboard opens at most {max}, so the last {left} were left out.", "这个故事板有 {n} 个画面；Flowboard 最多只能打开 {max} 个，因此略过了最后 {left} 个。", "Questo storyboard ha {n} fotogrammi; Flowboard ne apre al massimo {max}, quindi gli ultimi {left} sono stati esclusi.";
    ScenesLeftOut => "This board has {n} scenes; Flowboard opens at most {max}, so the last {left} scenes and their frames were left out.", "这个故事板有 {n} 个场景；Flowboard 最多只能打开 {max} 个，因此略过了最后 {left} 个场景及其中的画面。", "Questo storyboard ha {n} scene; Flowboard ne apre al massimo {max}, quindi le ultime {left} scene e i loro fotogrammi sono stati esclusi.";
    TextsCut => "{n} text(s) were longer than Flowboard allows and were cut short.", "有 {n} 段文字超过了 Flowboard 允许的长度，已被截短。", "Testi più lunghi di quanto Flowboard consenta, e quindi accorciati: {n}.";
    VersionUnreadable => "its version number is unreadable", "它的版本号无法读取", "il suo numero di versione non si può leggere";
    NoBoardId => "it has no board id", "它没有故事板编号", "non ha un identificativo dello storyboard";
    // ── Workers and files (the reasons inside a message) ────────────────────────────────────
    NoBytes => "the browser returned no bytes", "浏览器没有返回任何数据", "il browser non ha restituito alcun byte";
    ImageNotRead => "the browser could not read an image", "浏览器无法读取图片", "il browser non è riuscito a leggere un'immagine";
    WorkerOutdated => "Flowboard was updated since this page was opened — reload the page (your work is saved) and try again", "此页面打开后 Flowboard 已更新——请刷新页面（您的作品已保存）后重试", "Flowboard è stato aggiornato dopo l'apertura di questa pagina – ricarica la pagina (il tuo lavoro è salvato) e riprova";
    WorkerNotLoaded => "its code could not be loaded — check the connection, or reload the page", "无法加载其程序——请检查网络连接，或刷新页面", "non è stato possibile caricarne il codice – controlla la connessione o ricarica la pagina";
    TasksNotStartedWhy => "the export and backup helper did not start: {error}", "导出和备份助手没有启动：{error}", "l'assistente per esportazioni e backup non si è avviato: {error}";
    WorkerNotStartedWhy => "the photo processor did not start: {error}", "照片处理程序没有启动：{error}", "l'elaborazione delle foto non si è avviata: {error}";
    WorkerGone => "the background worker went away", "后台程序已退出", "il processo in background si è interrotto";
    WorkerNoAnswer => "no answer after {s} s", "{s} 秒后仍无响应", "nessuna risposta dopo {s} s";
    WorkerPoolClosed => "the photo processor pool closed", "照片处理程序已全部关闭", "i processi di elaborazione delle foto sono stati chiusi";
    WorkerBadReply => "a background worker sent an unreadable answer ({detail})", "后台程序返回了无法读取的结果（{detail}）", "un processo in background ha inviato una risposta illeggibile ({detail})";
    // ── Errors: photos ──────────────────────────────────────────────────────────────────────
    ErrEmpty => "the file is empty (0 bytes) — copy it again from where it came from", "文件是空的（0 字节）——请从原来的位置重新复制", "il file è vuoto (0 byte) – copialo di nuovo da dove l'hai preso";
    ErrFileTooLarge => "the file is {mb} MB, more than the {max} MB a photo may have — export a smaller copy", "文件大小为 {mb} MB，超过了照片的上限 {max} MB——请导出一个较小的副本", "il file è di {mb} MB, più dei {max} MB consentiti per una foto – esportane una copia più piccola";
    ErrTooManyPixels => "the image is {w} × {h} pixels ({mp} MP), more than the {max} MP a photo may have — export a smaller copy", "图片为 {w} × {h} 像素（{mp} 百万像素），超过了照片的上限 {max} 百万像素——请导出一个较小的副本", "l'immagine è di {w} × {h} pixel ({mp} MP), più dei {max} MP consentiti per una foto – esportane una copia più piccola";
    ErrUnsupported => "{format} images are not supported — save or export the photo as JPEG, then add it again", "不支持 {format} 格式的图片——请将照片另存或导出为 JPEG，然后再添加", "le immagini {format} non sono supportate – salva o esporta la foto in JPEG, poi aggiungila di nuovo";
    ErrUnsupportedFeature => "this {format} photo uses something Flowboard cannot decode ({feature}) — export it as JPEG (on a phone: share it as “Most compatible”/JPEG), then add it again", "这张 {format} 照片用到了 Flowboard 无法解码的内容（{feature}）——请将其导出为 JPEG（在手机上：以“兼容性最佳”/JPEG 方式分享），然后再添加", "questa foto {format} usa qualcosa che Flowboard non sa decodificare ({feature}) – esportala in JPEG (sul telefono: condividila come “Più compatibile”/JPEG), poi aggiungila di nuovo";
    ErrNotAnImage => "this is not an image file — add JPEG, PNG, WebP, GIF or HEIC photos", "这不是图片文件——请添加 JPEG、PNG、WebP、GIF 或 HEIC 照片", "questo non è un file di immagine – aggiungi foto JPEG, PNG, WebP, GIF o HEIC";
    ErrTruncated => "the {format} file is cut off before its end (an interrupted copy or download?) — copy it again", "这个 {format} 文件不完整（复制或下载被中断了？）——请重新复制", "il file {format} si interrompe prima della fine (una copia o un download interrotti?) – copialo di nuovo";
    ErrCorrupt => "the {format} file is damaged and cannot be read ({detail})", "这个 {format} 文件已损坏，无法读取（{detail}）", "il file {format} è danneggiato e non si può leggere ({detail})";
    ErrNoPixels => "the image has no pixels", "图片没有像素", "l'immagine non ha pixel";
    ErrHeicTiles => "it is stored as {n} tiles, more than the {max} a photo may have", "它由 {n} 个图块组成，超过了一张照片最多 {max} 个的上限", "è composta da {n} riquadri, più dei {max} che una foto può avere";
    ErrTooMuchMemory => "it needs more memory than a photo may use", "它需要的内存超过了一张照片的上限", "richiede più memoria di quanta ne possa usare una foto";
    ErrRead => "the file could not be read ({detail}) — is it still there?", "无法读取文件（{detail}）——它还在原来的位置吗？", "non è stato possibile leggere il file ({detail}) – è ancora al suo posto?";
    ErrWorker => "the photo processor stopped ({detail}) — try adding this file again", "照片处理程序停止了（{detail}）——请再次添加这个文件", "l'elaborazione delle foto si è interrotta ({detail}) – prova ad aggiungere di nuovo questo file";
    // ── Errors: sound files ─────────────────────────────────────────────────────────────────
    ErrAudioTooLarge => "{name} is {mb} MB, more than the {max} MB an audio file may have — export a smaller copy (MP3 or M4A)", "“{name}”为 {mb} MB，超过了音频文件的上限 {max} MB——请导出一个较小的副本（MP3 或 M4A）", "{name} è di {mb} MB, più dei {max} MB consentiti per un file audio – esportane una copia più piccola (MP3 o M4A)";
    ErrNotAudio => "{name} is not an audio file — add MP3, M4A/AAC, WAV, Ogg/Opus, WebM or FLAC", "“{name}”不是音频文件——请添加 MP3、M4A/AAC、WAV、Ogg/Opus、WebM 或 FLAC 文件", "{name} non è un file audio – aggiungi MP3, M4A/AAC, WAV, Ogg/Opus, WebM o FLAC";
    ErrAudioCutShort => "{name} is cut off before its sound ends (an interrupted copy or download?) — copy it again", "“{name}”在声音结束之前就中断了（复制或下载被中断？）——请重新复制", "{name} si interrompe prima della fine del suono (una copia o un download interrotto?) – copialo di nuovo";
    ErrAudioUndecodable => "{name} could not be decoded: it is damaged, or in a format this browser does not play", "无法解码“{name}”：文件已损坏，或者是此浏览器无法播放的格式", "Impossibile decodificare {name}: è danneggiato o in un formato che questo browser non riproduce";
    ErrAudioTooLong => "{name} lasts {minutes} minutes, more than the {max} minutes an audio file may have — cut it shorter", "“{name}”长 {minutes} 分钟，超过了音频文件的上限 {max} 分钟——请剪短一些", "{name} dura {minutes} minuti, più dei {max} minuti consentiti per un file audio – accorcialo";
    ErrAudioUnreadable => "{name} could not be read ({detail}) — is it still there?", "无法读取“{name}”（{detail}）——它还在原来的位置吗？", "Impossibile leggere {name} ({detail}) – è ancora lì?";
    ErrSoundUndecodable => "a sound of this board could not be decoded by this browser", "此浏览器无法解码这个故事板中的一段声音", "questo browser non riesce a decodificare un suono di questo storyboard";
    // ── Errors: storage ─────────────────────────────────────────────────────────────────────
    ErrBoardDamaged => "the saved board is damaged and cannot be opened ({detail})", "保存的故事板已损坏，无法打开（{detail}）", "lo storyboard salvato è danneggiato e non si può aprire ({detail})";
    ErrBoardNewer => "this board was saved by a newer version of Flowboard (format {found}; this one reads up to {supported}) — reload the page to get the new version; the board is left untouched", "这个故事板由更新版本的 Flowboard 保存（格式 {found}；当前版本最高只能读取 {supported}）——请刷新页面以获取新版本；故事板不会被改动", "questo storyboard è stato salvato da una versione più recente di Flowboard (formato {found}; questa legge fino al {supported}) – ricarica la pagina per avere la nuova versione; lo storyboard resta intatto";
    ErrQuotaFull => "this browser's storage for Flowboard is full, so your latest changes are kept in this tab but not saved — download a backup now, then free space by deleting boards you no longer need", "此浏览器给 Flowboard 的存储空间已满，最新的更改只保留在此标签页中，尚未保存——请立即下载备份，然后删除不再需要的故事板以释放空间", "lo spazio di questo browser per Flowboard è esaurito, quindi le ultime modifiche restano in questa scheda ma non sono salvate – scarica subito un backup, poi libera spazio eliminando gli storyboard che non ti servono più";
    ErrUnavailable => "this browser does not let Flowboard store boards ({detail}; private window or blocked site data?) — your work stays in this tab only: download a backup before closing it", "此浏览器不允许 Flowboard 保存故事板（{detail}；是无痕窗口，还是网站数据被阻止了？）——你的作品只保留在此标签页中：关闭前请下载备份", "questo browser non permette a Flowboard di salvare gli storyboard ({detail}; finestra anonima o dati dei siti bloccati?) – il tuo lavoro resta solo in questa scheda: scarica un backup prima di chiuderla";
    ErrNotVerified => "the saved copy did not read back the same — trying again", "保存的副本读回时不一致——正在重试", "la copia salvata, riletta, non corrisponde – nuovo tentativo";
    ErrSaveFailed => "saving failed ({detail}) — trying again", "保存失败（{detail}）——正在重试", "salvataggio non riuscito ({detail}) – nuovo tentativo";
    ErrBadBackup => "this file is not a Flowboard backup that can be restored ({detail})", "这个文件不是可以恢复的 Flowboard 备份（{detail}）", "questo file non è un backup di Flowboard che si possa ripristinare ({detail})";
    NoReason => "the browser gave no reason", "浏览器没有给出原因", "il browser non ha indicato il motivo";
    NoIndexedDb => "IndexedDB is not available", "IndexedDB 不可用", "IndexedDB non è disponibile";
    NoDatabase => "open gave no database", "打开数据库失败（未返回数据库）", "l'apertura non ha restituito alcun database";
    StoredNotText => "the stored document is not text", "存储的文档不是文本", "il documento salvato non è testo";
    NoLongerStored => "the board is no longer stored", "这个故事板已不在存储中", "lo storyboard non è più salvato";
    NotJson => "not readable as JSON ({detail})", "无法作为 JSON 读取（{detail}）", "non leggibile come JSON ({detail})";
    NotBoardDocument => "not a board document", "不是故事板文档", "non è un documento di storyboard";
    BackupToc => "its table of contents is unreadable: {detail}", "它的目录无法读取：{detail}", "il suo indice non si può leggere: {detail}";
    BackupNotFlowboard => "it is not a Flowboard backup", "它不是 Flowboard 备份", "non è un backup di Flowboard";
    BackupNewer => "it was made by a newer Flowboard (backup version {n}); reload to update", "它由更新版本的 Flowboard 制作（备份版本 {n}）；请刷新页面以更新", "è stato creato da una versione più recente di Flowboard (versione del backup {n}); ricarica la pagina per aggiornare";
    BackupBadBoard => "it names a board {id} this editor cannot have made", "其中的故事板编号 {id} 无效（不是本编辑器生成的）", "indica uno storyboard {id} che questo editor non può aver creato";
    BackupBadPhoto => "it names a photo {id} this editor cannot have made", "其中的照片编号 {id} 无效（不是本编辑器生成的）", "indica una foto {id} che questo editor non può aver creato";
    BackupRecompressed => "{name} was compressed again after the backup was made; restore the original backup file", "{name} 在备份之后又被重新压缩过；请恢复原始的备份文件", "{name} è stato compresso di nuovo dopo la creazione del backup; ripristina il file di backup originale";
    BackupNoToc => "it has no readable table of contents ({name})", "它没有可读取的目录（{name}）", "non ha un indice leggibile ({name})";
    // ── Errors: storyboard files ────────────────────────────────────────────────────────────
    ErrNotABundle => "this is not a Flowboard storyboard export ({detail}) — open the .html or .zip file that Flowboard's Export made", "这不是 Flowboard 导出的故事板（{detail}）——请打开用 Flowboard 的“导出”功能生成的 .html 或 .zip 文件", "questo non è uno storyboard esportato da Flowboard ({detail}) – apri il file .html o .zip creato con Esporta di Flowboard";
    ErrBundleNewer => "this storyboard was exported by a newer version of Flowboard (bundle format {found}; this one reads up to {supported}) — reload the page to get the new version", "这个故事板由更新版本的 Flowboard 导出（文件格式 {found}；当前版本最高只能读取 {supported}）——请刷新页面以获取新版本", "questo storyboard è stato esportato da una versione più recente di Flowboard (formato del file {found}; questa legge fino al {supported}) – ricarica la pagina per avere la nuova versione";
    ErrBundleDamaged => "this storyboard file is damaged and cannot be opened ({detail}) — export it again or copy it again", "这个故事板文件已损坏，无法打开（{detail}）——请重新导出或重新复制", "questo file di storyboard è danneggiato e non si può aprire ({detail}) – esportalo o copialo di nuovo";
    ErrBundleUnsafe => "this storyboard file was refused because it is unsafe ({detail})", "这个故事板文件不安全，已拒绝打开（{detail}）", "questo file di storyboard è stato rifiutato perché non è sicuro ({detail})";
    ErrBundleTooLarge => "this storyboard file is too large to open ({detail})", "这个故事板文件太大，无法打开（{detail}）", "questo file di storyboard è troppo grande per essere aperto ({detail})";
    BundleNeither => "it is neither an HTML page nor a ZIP archive", "它既不是 HTML 网页，也不是 ZIP 压缩包", "non è né una pagina HTML né un archivio ZIP";
    BundlePartTooLarge => "{what} is {mb} MB, more than the {max} MB one file may have", "{what}：{mb} MB，超过了单个文件的上限 {max} MB", "{what} è di {mb} MB, più dei {max} MB consentiti per un singolo file";
    BundlePageSize => "the page is {mb} MB", "网页大小为 {mb} MB", "la pagina è di {mb} MB";
    BundleNoData => "the page has no Flowboard storyboard data", "网页中没有 Flowboard 故事板数据", "la pagina non contiene dati di uno storyboard di Flowboard";
    BundleTwoBoards => "the page holds two storyboards", "网页中有两个故事板", "la pagina contiene due storyboard";
    BundleDataCutOff => "the storyboard data is cut off", "故事板数据不完整", "i dati dello storyboard sono troncati";
    BundleTheData => "the storyboard data", "故事板数据", "i dati dello storyboard";
    BundleNotBase64 => "{path} is not embedded as base64", "{path} 没有以 base64 方式嵌入", "{path} non è incorporato in base64";
    BundleCutOff => "{path} is cut off", "{path} 不完整", "{path} è troncato";
    BundleImagesTotal => "its images add up to more than {max} MB", "其中的图片总计超过 {max} MB", "le sue immagini superano in tutto i {max} MB";
    BundlePartDamaged => "{path} is damaged ({detail})", "{path} 已损坏（{detail}）", "{path} è danneggiato ({detail})";
    BundleTwoFiles => "two embedded files are named {path}", "有两个嵌入的文件都叫 {path}", "due file incorporati si chiamano {path}";
    BundleNoManifest => "the archive has no {name}", "压缩包中没有 {name}", "nell'archivio manca {name}";
    BundleTwoManifests => "the archive holds more than one {name}", "压缩包中有不止一个 {name}", "l'archivio contiene più di un {name}";
    BundleNotUtf8 => "{name} is not UTF-8 text", "{name} 不是 UTF-8 文本", "{name} non è testo UTF-8";
    BundleBadJson => "its storyboard data is not readable JSON: {detail}", "它的故事板数据不是可读取的 JSON：{detail}", "i dati dello storyboard non sono JSON leggibile: {detail}";
    BundleNotObject => "its storyboard data is not an object", "它的故事板数据不是一个对象", "i dati dello storyboard non sono un oggetto";
    BundleNotMarked => "its data is not marked as a Flowboard bundle", "它的数据没有标记为 Flowboard 故事板文件", "i dati non sono contrassegnati come file di storyboard di Flowboard";
    BundleNoVersion => "its format version is missing or unreadable", "它的格式版本缺失或无法读取", "la versione del formato manca o non si può leggere";
    BundleNoBoard => "it has no board", "其中没有故事板", "non contiene alcuno storyboard";
    BundleBadImages => "its image list is unreadable: {detail}", "它的图片列表无法读取：{detail}", "l'elenco delle immagini non si può leggere: {detail}";
    BundleBadOriginals => "its list of originals is unreadable: {detail}", "它的原始照片列表无法读取：{detail}", "l'elenco degli originali non si può leggere: {detail}";
    BundleBadAudio => "its list of sound files is unreadable: {detail}", "它的声音文件列表无法读取：{detail}", "l'elenco dei file audio non si può leggere: {detail}";
    BundleAudioMissing => "The sound “{name}” is missing from the bundle; its voice-over or music was left out.", "故事板文件中缺少声音“{name}”；相关旁白或音乐已略去。", "Nel file manca l'audio “{name}”; la sua voce narrante o musica è stata tolta.";
    BundleAudioDamaged => "The sound “{name}” in the bundle is damaged; its voice-over or music was left out.", "故事板文件中的声音“{name}”已损坏；相关旁白或音乐已略去。", "L'audio “{name}” nel file è danneggiato; la sua voce narrante o musica è stata tolta.";
    BundleAudioNotAudio => "“{name}” in the bundle is not an audio file; its voice-over or music was left out.", "故事板文件中的“{name}”不是音频文件；相关旁白或音乐已略去。", "“{name}” nel file non è un file audio; la sua voce narrante o musica è stata tolta.";
    BundleAudioUnplayable => "The sound “{name}” in the bundle does not play ({why}); its voice-over or music was left out.", "故事板文件中的声音“{name}”无法播放（{why}）；相关旁白或音乐已略去。", "L'audio “{name}” nel file non si riproduce ({why}); la sua voce narrante o musica è stata tolta.";
    ExportSoundMissing => "the sound “{name}” is not in this browser", "此浏览器中没有声音“{name}”", "l'audio “{name}” non è in questo browser";
    BackupRestoredSound => " A sound file restored.| {n} sound files restored.", "已恢复 {n} 个声音文件。", " Un file audio ripristinato.| {n} di file audio ripristinati.| {n} file audio ripristinati.";
    BackupSkippedSound => " A damaged sound file was skipped.| {n} damaged sound files were skipped.", "已跳过 {n} 个损坏的声音文件。", " Un file audio danneggiato è stato saltato.| {n} di file audio danneggiati sono stati saltati.| {n} file audio danneggiati sono stati saltati.";
    BundleTwoImages => "two images are named {path}", "有两张图片都叫 {path}", "due immagini si chiamano {path}";
    BundleManifestTooLarge => "its storyboard data is {mb} MB, more than the {max} MB a storyboard's data may have", "它的故事板数据为 {mb} MB，超过了故事板数据的上限 {max} MB", "i dati dello storyboard sono di {mb} MB, più dei {max} MB consentiti per i dati di uno storyboard";
    BoardTooManyFrames => "this storyboard has {n} frames; Flowboard opens at most {max}", "这个故事板有 {n} 个画面；Flowboard 最多只能打开 {max} 个", "questo storyboard ha {n} fotogrammi; Flowboard ne apre al massimo {max}";
    BoardTooManyScenes => "this storyboard has {n} scenes; Flowboard opens at most {max}", "这个故事板有 {n} 个场景；Flowboard 最多只能打开 {max} 个", "questo storyboard ha {n} scene; Flowboard ne apre al massimo {max}";
    ZipTwoEntries => "two entries are named {name}", "有两个条目都叫 {name}", "due voci si chiamano {name}";
    ZipTooManyEntries => "more than {n} entries", "条目超过 {n} 个", "più di {n} voci";
    ZipWouldBeHuge => "the archive would be 4 GB or more", "压缩包将达到 4 GB 或更大", "l'archivio sarebbe di 4 GB o più";
    ZipTooShort => "not a ZIP archive (the file is too short)", "不是 ZIP 压缩包（文件太短）", "non è un archivio ZIP (il file è troppo corto)";
    ZipNoEnd => "not a ZIP archive (no end record)", "不是 ZIP 压缩包（没有结尾记录）", "non è un archivio ZIP (manca il record finale)";
    ZipMultiPart => "multi-part ZIP archives are not supported", "不支持分卷 ZIP 压缩包", "gli archivi ZIP in più parti non sono supportati";
    ZipZip64 => "ZIP64 archives (4 GB or more) are not supported", "不支持 ZIP64 压缩包（4 GB 或更大）", "gli archivi ZIP64 (4 GB o più) non sono supportati";
    ZipDirectoryOutside => "the archive's directory points outside the file (cut off?)", "压缩包的目录指向文件之外（文件不完整？）", "l'indice dell'archivio punta fuori dal file (troncato?)";
    ZipDirectoryDamaged => "the archive's directory is damaged", "压缩包的目录已损坏", "l'indice dell'archivio è danneggiato";
    ZipEncrypted => "{name} is encrypted", "{name} 已加密", "{name} è cifrato";
    ZipMethod => "{name} is compressed in a way that cannot be read (method {method}); only stored and deflated entries are read", "{name} 的压缩方式无法读取（方法 {method}）；只能读取未压缩或 deflate 压缩的条目", "{name} è compresso in un modo che non si può leggere (metodo {method}); si leggono solo voci non compresse o compresse con deflate";
    ZipBomb => "{name} would expand {n} times (a \"zip bomb\"?)", "{name} 解压后会膨胀 {n} 倍（“压缩炸弹”？）", "{name} si espanderebbe {n} volte (una “zip bomb”?)";
    ZipOutside => "{name} lies outside the archive (cut off?)", "{name} 位于压缩包之外（文件不完整？）", "{name} si trova fuori dall'archivio (troncato?)";
    ZipHeaderDamaged => "an entry's header is damaged", "某个条目的头部已损坏", "l'intestazione di una voce è danneggiata";
    ZipEntryTooLarge => "{name} is {mb} MB, more than the {max} MB an entry may have", "{name} 为 {mb} MB，超过了单个条目的上限 {max} MB", "{name} è di {mb} MB, più dei {max} MB consentiti per una voce";
    ZipTotalTooLarge => "its contents add up to more than {max} MB", "其内容总计超过 {max} MB", "il suo contenuto supera in tutto i {max} MB";
    ZipInflateFailed => "{name} is damaged or larger than its directory says", "{name} 已损坏，或比目录中记录的更大", "{name} è danneggiato o più grande di quanto dichiari l'indice";
    ZipWrongSize => "{name} is damaged (wrong size)", "{name} 已损坏（大小不符）", "{name} è danneggiato (dimensione errata)";
    ZipCrc => "{name} is damaged (CRC)", "{name} 已损坏（校验和不符）", "{name} è danneggiato (CRC)";
    ZipUnsafeName => "unsafe entry name {name}", "不安全的条目名称 {name}", "nome di voce non sicuro {name}";
    ZipStoredSizes => "{name} is damaged: it is stored uncompressed, yet the directory gives it two different sizes", "{name} 已损坏：它未经压缩存储，但目录中记录的两个大小不一致", "{name} è danneggiato: è salvato senza compressione, eppure l'indice gli attribuisce due dimensioni diverse";
    ZipTotalBomb => "its entries would expand {n} times in all (a \"zip bomb\"?)", "其中的条目解压后总共会膨胀 {n} 倍（“压缩炸弹”？）", "le sue voci si espanderebbero in tutto {n} volte (una “zip bomb”?)";
    ZipOverlap => "{name} and {other} share the same bytes in the archive", "{name} 和 {other} 在压缩包中占用了同一段数据", "{name} e {other} condividono gli stessi byte nell'archivio";
    RawText => "{text}", "{text}", "{text}";
    // ── Sound files: the voice-over panel, the music bed, fitting durations ─────────────────
    VoiceOverHeading => "Voice-over", "旁白", "Voce narrante";
    NoVoiceOver => "No voice-over yet: attach an audio file or record one.", "还没有旁白：请附加音频文件或录制一段。", "Nessuna voce narrante: allega un file audio o registrane una.";
    AttachAudio => "Attach an audio file…", "附加音频文件…", "Allega un file audio…";
    ReplaceAudio => "Replace with a file…", "用文件替换…", "Sostituisci con un file…";
    ReadingAudio => "Reading {name}…", "正在读取“{name}”…", "Lettura di {name}…";
    PlaySound => "Play", "播放", "Riproduci";
    StopSound => "Stop", "停止", "Ferma";
    RemoveVoiceOver => "Remove the voice-over", "移除旁白", "Rimuovi la voce narrante";
    VoiceOverFacts => "{name} · plays {playing} of {length}", "“{name}” · 播放 {length} 中的 {playing}", "{name} · riproduce {playing} di {length}";
    TrimStart => "Start of the voice-over", "旁白起点", "Inizio della voce narrante";
    TrimEnd => "End of the voice-over", "旁白终点", "Fine della voce narrante";
    TrimHelp => "Drag the handles, or focus one and use the arrow keys (Shift: 1 s steps), to trim.", "拖动手柄，或选中手柄后用方向键（按住 Shift：每步 1 秒）来剪辑。", "Trascina le maniglie, oppure selezionane una e usa i tasti freccia (Shift: passi di 1 s), per tagliare.";
    SecondsShort => "{s} s", "{s} 秒", "{s} s";
    LastsNarration => "The frame lasts {time}: its voice-over and a {pause} pause.", "该画面持续 {time}：旁白加 {pause} 停顿。", "Il fotogramma dura {time}: la voce narrante e una pausa di {pause}.";
    LastsByHand => "The frame lasts {time}, typed by hand (its voice-over plays {playing}).", "该画面持续 {time}（手动输入；旁白播放 {playing}）。", "Il fotogramma dura {time}, scritto a mano (la voce narrante dura {playing}).";
    UseNarrationDuration => "Fit to the voice-over", "按旁白调整", "Adatta alla voce narrante";
    CardVoiceOver => "Voice-over, {time}", "旁白，{time}", "Voce narrante, {time}";
    SoundNotHere => "This sound is not stored in this browser, so it cannot play.", "这段声音没有存储在此浏览器中，无法播放。", "Questo suono non è salvato in questo browser, quindi non può essere riprodotto.";
    SoundHeading => "Sound", "声音", "Suono";
    MusicBedHeading => "Music bed", "背景音乐", "Musica di sottofondo";
    NoMusic => "No music under this board.", "这个故事板没有背景音乐。", "Nessuna musica sotto questo storyboard.";
    AddMusic => "Add music…", "添加音乐…", "Aggiungi musica…";
    ReplaceMusic => "Replace the music…", "替换音乐…", "Sostituisci la musica…";
    RemoveMusic => "Remove the music", "移除音乐", "Rimuovi la musica";
    MusicFacts => "{name} · {time}", "“{name}” · {time}", "{name} · {time}";
    MusicVolume => "Volume (dB)", "音量（dB）", "Volume della musica (dB)";
    MusicFadeIn => "Fade in (s)", "淡入（秒）", "Dissolvenza in entrata (s)";
    MusicFadeOut => "Fade out (s)", "淡出（秒）", "Dissolvenza in uscita (s)";
    MusicDucking => "Under voice-overs (dB)", "旁白时压低（dB）", "Sotto la voce narrante (dB)";
    MusicLoop => "Loop until the board ends", "循环播放直到故事板结束", "Ripeti fino alla fine dello storyboard";
    NarrationPause => "Pause after each voice-over (s)", "每段旁白后的停顿（秒）", "Pausa dopo ogni voce narrante (s)";
    FitDurations => "Fit durations to narration", "按旁白调整时长", "Adatta le durate alla voce narrante";
    FitResult => "Following their voice-over and a {pause} pause: {fitted}. Keeping a duration typed by hand: {typed}.", "按旁白加 {pause} 停顿计时：{fitted}。保留手动输入的时长：{typed}。", "Seguono la voce narrante e una pausa di {pause}: {fitted}. Mantengono una durata scritta a mano: {typed}.";
    NoNarrationToFit => "No frame has a voice-over yet.", "还没有画面带有旁白。", "Nessun fotogramma ha ancora una voce narrante.";
    Sounds => "{n} sound|{n} sounds", "{n} 段声音", "{n} suono|{n} di suoni|{n} suoni";
    SoundNotStored => "{n} sound of this board is not stored in this browser; it will not play.|{n} sounds of this board are not stored in this browser; they will not play.", "这个故事板有 {n} 段声音没有存储在此浏览器中，无法播放。", "{n} suono di questo storyboard non è salvato in questo browser e non sarà riprodotto.|{n} di suoni di questo storyboard non sono salvati in questo browser e non saranno riprodotti.|{n} suoni di questo storyboard non sono salvati in questo browser e non saranno riprodotti.";
    // ── The exported viewer page and shot list ──────────────────────────────────────────────
    RunningTime => "running time {time}", "总时长 {time}", "durata totale {time}";
    PlaySlideshow => "Play slideshow", "播放幻灯片", "Avvia la presentazione";
    MadeWith => "Made with Flowboard", "使用 Flowboard 制作", "Creato con Flowboard";
    Slideshow => "Slideshow", "幻灯片", "Presentazione";
    CloseSlideshow => "Close slideshow", "关闭幻灯片", "Chiudi la presentazione";
    SceneNumbered => "{n}. {title}", "{n}. {title}", "{n}. {title}";
    CsvNumber => "Number", "编号", "Numero";
    CsvScene => "Scene", "场景", "Scena";
    CsvShotInScene => "Shot in scene", "场景内镜号", "Inquadratura nella scena";
    CsvDuration => "Duration (s)", "时长（秒）", "Durata (s)";
    CsvPhoto => "Photo", "照片", "Foto";
    CsvStart => "Start (s)", "开始（秒）", "Inizio (s)";
    ExportSettings => "{px} px, quality {q}", "{px} 像素，质量 {q}", "{px} px, qualità {q}";
    ExportSettingsOriginals => "{px} px, quality {q}, originals included", "{px} 像素，质量 {q}，包含原始照片", "{px} px, qualità {q}, con le foto originali";
    // ── Stills from a video clip ────────────────────────────────────────────────────────────
    StillOf => "{clip} at {time}", "{clip} 的 {time} 处", "{clip} a {time}";
    StillFacts => "Still from the video {still}", "取自视频 {still}", "Fotogramma dal video {still}";
    CsvStill => "Video still", "视频静帧", "Fotogramma dal video";
    ClipTooLarge => "{name} is {mb} MB, more than the {max} MB a video clip may have — trim it to the part you need", "{name} 大小为 {mb} MB，超过了视频片段的上限 {max} MB——请先剪出需要的部分", "{name} è di {mb} MB, più dei {max} MB consentiti per un video – taglia la parte che ti serve";
    ClipTruncated => "{name} is cut off before its end ({mb} of {of} MB) — copy the clip again", "{name} 在结尾之前被截断（{of} MB 中只有 {mb} MB）——请重新复制该片段", "{name} è troncato prima della fine ({mb} di {of} MB) – copia di nuovo il video";
    ClipCodec => "{name}: this browser cannot decode its {codec} video — convert it to H.264 (MP4) or VP9 (WebM), or use a browser that plays it", "{name}：此浏览器无法解码其 {codec} 视频——请转换为 H.264（MP4）或 VP9（WebM），或换用能播放它的浏览器", "{name}: questo browser non sa decodificare il suo video {codec} – convertilo in H.264 (MP4) o VP9 (WebM), o usa un browser che lo riproduce";
    ClipUndecodable => "{name}: this browser cannot decode its video — convert it to H.264 (MP4) or VP9 (WebM)", "{name}：此浏览器无法解码该视频——请转换为 H.264（MP4）或 VP9（WebM）", "{name}: questo browser non sa decodificare il video – convertilo in H.264 (MP4) o VP9 (WebM)";
    ClipUnreadable => "{name} could not be read as a video (damaged?)", "无法将 {name} 读取为视频（文件已损坏？）", "Non è stato possibile leggere {name} come video (danneggiato?)";
    ClipNoVideo => "{name} has no picture to take stills from", "{name} 没有可截取静帧的画面", "{name} non ha immagini da cui prendere fotogrammi";
    StillsTitle => "Stills from {name}", "从 {name} 截取静帧", "Fotogrammi da {name}";
    StillsHint => "Move to a moment and press A (or Add this frame); each still picked becomes a frame.", "移到某一时刻后按 A（或点“添加此画面”）；每个选中的静帧都会成为一个画面。", "Vai a un momento e premi A (o Aggiungi questo fotogramma); ogni fotogramma scelto diventa un fotogramma della storia.";
    StillsPosition => "Position in the clip", "片段中的位置", "Posizione nel video";
    StillsGoTo => "Go to {time}", "转到 {time}", "Vai a {time}";
    StillsAddFrame => "Add this frame", "添加此画面", "Aggiungi questo fotogramma";
    StillsStepBack => "One frame back", "后退一帧", "Un fotogramma indietro";
    StillsStepOn => "One frame on", "前进一帧", "Un fotogramma avanti";
    StillsEvery => "Every (seconds)", "间隔（秒）", "Ogni (secondi)";
    StillsPickEvery => "Pick at this interval", "按此间隔截取", "Scegli a questo intervallo";
    StillsPickScenes => "Pick at scene changes", "在场景切换处截取", "Scegli ai cambi di scena";
    StillsScanning => "Finding scene changes… {done} of {total}", "正在查找场景切换… {done}/{total}", "Ricerca dei cambi di scena… {done} di {total}";
    StillsTaking => "Taking stills… {done} of {total}", "正在截取静帧… {done}/{total}", "Estrazione dei fotogrammi… {done} di {total}";
    StillsPicked => "{n} still picked|{n} stills picked", "已选 {n} 个静帧", "{n} fotogramma scelto|{n} di fotogrammi scelti|{n} fotogrammi scelti";
    StillsRemove => "Remove the still at {time}", "移除 {time} 处的静帧", "Togli il fotogramma a {time}";
    StillsCommit => "Add {n} frame|Add {n} frames", "添加 {n} 个画面", "Aggiungi {n} fotogramma|Aggiungi {n} di fotogrammi|Aggiungi {n} fotogrammi";
    StillsCancelled => "Stopped: the stills taken so far are kept.", "已停止：已截取的静帧会保留。", "Interrotto: i fotogrammi presi finora restano.";
    StepAddStills => "Add stills from a video", "从视频添加静帧", "Aggiungi fotogrammi da un video";
    // ── Film export: the renderer and encoder (tasks worker) ───────────────────────────────
    FilmNoWebCodecs => "This browser cannot encode video (it has no WebCodecs encoders) — use a recent Chrome, Edge or Firefox", "此浏览器无法编码视频（没有 WebCodecs 编码器）——请使用较新的 Chrome、Edge 或 Firefox", "Questo browser non sa codificare video (non ha i codificatori WebCodecs) – usa un Chrome, Edge o Firefox recente";
    FilmVideoCodecMissing => "This browser cannot encode {codec} video ({id}) at {size}; choose {other}", "此浏览器无法以 {size} 编码 {codec} 视频（{id}）；请选择 {other}", "Questo browser non sa codificare video {codec} ({id}) a {size}; scegli {other}";
    FilmAudioCodecMissing => "This browser cannot encode {codec} sound ({id})", "此浏览器无法编码 {codec} 音频（{id}）", "Questo browser non sa codificare l'audio {codec} ({id})";
    FilmEncoderFailed => "The {codec} encoder stopped: {detail}", "{codec} 编码器已停止：{detail}", "Il codificatore {codec} si è fermato: {detail}";
    FilmPhotoUnreadable => "Frame {n}: its photo could not be read ({detail})", "第 {n} 个画面：无法读取其照片（{detail}）", "Fotogramma {n}: non è stato possibile leggere la sua foto ({detail})";
    FilmPhotoMissing => "Frame {n}: its photo is missing from the library", "第 {n} 个画面：照片库中缺少它的照片", "Fotogramma {n}: la sua foto manca dalla raccolta";
    FilmMuxFailed => "The film file could not be written: {detail}", "无法写入影片文件：{detail}", "Non è stato possibile scrivere il file del filmato: {detail}";
}
