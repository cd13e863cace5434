// A frame sandboxed without "allow-same-origin" has no origin of its own (self.origin is
// "null"): no storage, no workers, and on a host that sends no CORS headers the app's module
// scripts cannot even load there, which left "Loading Flowboard…" on screen for good. This
// classic script (which loads where modules cannot) puts the reason in place of the loading line,
// in the page's language (?lang=, else the browser's languages; the catalogue's texts, copied). Where the app does load, it says
// the same (services/embed.rs, refuse_opaque_frame; the text is the catalogue's SandboxedFrame)
// and does not start.
(function () {
  if (self.origin !== 'null') return;
  var primary = function (tag) { return String(tag || '').trim().split(/[-_]/)[0].toLowerCase(); };
  var asked = new URLSearchParams(location.search).get('lang');
  var tags = (asked ? [asked] : []).concat(Array.prototype.slice.call(navigator.languages || [navigator.language]));
  var lang = 'en';
  for (var i = 0; i < tags.length; i++) {
    var p = primary(tags[i]);
    if (p === 'zh' || p === 'en' || p === 'it') { lang = p; break; }
  }
  var text = lang === 'it'
    ? 'Flowboard non può funzionare in questo riquadro: la pagina che lo contiene lo isola (sandbox) senza “allow-same-origin”, quindi non ha uno spazio di archiviazione proprio e non potrebbe salvare nulla. Apri Flowboard in una scheda a sé, oppure incorporalo senza questa restrizione.'
    : lang === 'zh'
    ? 'Flowboard 无法在此框架中运行：外层页面以沙盒方式嵌入它，且未设置“allow-same-origin”，因此它没有自己的存储空间，无法保存任何内容。请在单独的标签页中打开 Flowboard，或在嵌入时取消这一限制。'
    : 'Flowboard cannot run in this frame: the page around it sandboxes it without “allow-same-origin”, so it has no storage of its own and nothing could be saved. Open Flowboard in a tab of its own, or embed it without that restriction.';
  document.documentElement.lang = lang === 'zh' ? 'zh-Hans' : lang;
  var app = document.getElementById('app');
  if (!app) return;
  var line = document.createElement('p');
  line.className = 'boot cannot-start';
  line.setAttribute('role', 'alert');
  line.setAttribute('data-testid', 'cannot-start');
  line.textContent = text;
  app.replaceChildren(line);
})();
