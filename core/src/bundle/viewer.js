(function () {
  "use strict";
  var links = Array.prototype.slice.call(document.querySelectorAll(".fb-open"));
  var show = document.getElementById("fb-show");
  if (!links.length || !show) return;
  var pic = show.querySelector(".fb-show-pic"), num = show.querySelector(".fb-show-text .fb-num");
  var cap = show.querySelector(".fb-show-text .fb-cap"), pos = show.querySelector(".fb-pos");
  var current = -1, startX = null, startY = null;
  // Timed like the editor's animatic: each frame for its duration (data-duration, seconds), a
  // timeline of the frames in proportion, and the time played of the running time.
  var toggle = show.querySelector(".fb-toggle"), line = show.querySelector(".fb-timeline"), clock = show.querySelector(".fb-time");
  var durations = links.map(function (a) {
    var d = parseFloat(a.closest(".fb-frame").getAttribute("data-duration"));
    return d > 0 ? d : 3;
  });
  var total = durations.reduce(function (s, d) { return s + d; }, 0);
  var fills = [], playing = false, into = 0, since = 0, timer = null;
  if (line) durations.forEach(function (d) {
    var seg = document.createElement("span"), fill = document.createElement("span");
    seg.className = "fb-seg"; fill.className = "fb-fill";
    seg.style.flexGrow = String(d);
    seg.appendChild(fill); line.appendChild(seg); fills.push(fill);
  });
  // Sound (a board with narration or a music bed): what plays when is worked out at export, in
  // the manifest's "sound"; this only plays it. Each frame's narration starts with the frame, the
  // music runs under the board, its volume following the envelope (fades, ducked under voices).
  var tpl = document.getElementById("fb-audio"), plan = null, players = {}, voice = null, voiceEnd = 0;
  try { if (tpl) plan = JSON.parse(document.getElementById("flowboard-bundle").textContent).sound || null; } catch (e) { plan = null; }
  var starts = durations.map(function (d, k) { return durations.slice(0, k).reduce(function (s, x) { return s + x; }, 0); });
  function player(path) {
    if (players[path]) return players[path];
    var found = null;
    Array.prototype.forEach.call(tpl.content.querySelectorAll("audio"), function (a) { if (a.getAttribute("data-file") === path) found = a; });
    if (!found) return null;
    var a = document.importNode(found, true);
    show.appendChild(a);
    return (players[path] = a);
  }
  function level(t) {
    var env = plan.music.envelope, i = 0;
    while (i < env.length && env[i][0] <= t) i++;
    var g = i === 0 ? (env.length ? env[0][1] : 0) : i === env.length || env[i][0] <= env[i - 1][0] ? env[i - 1][1]
      : env[i - 1][1] + (env[i][1] - env[i - 1][1]) * (t - env[i - 1][0]) / (env[i][0] - env[i - 1][0]);
    return Math.max(0, Math.min(1, g));
  }
  function sound(restart) {
    if (!plan || current < 0) return;
    if (!playing) { for (var p in players) players[p].pause(); voice = null; return; }
    var shown = Math.min(elapsed(), durations[current]), t = starts[current] + shown, v = plan.voices[current], a;
    if (restart) {
      if (voice) voice.pause();
      voice = null;
      a = v && shown < v.seconds ? player(v.path) : null;
      if (a) { a.currentTime = v.offset + shown; voiceEnd = v.offset + v.seconds; a.play().catch(function () {}); voice = a; }
    } else if (voice && (voice.currentTime >= voiceEnd || voice.ended)) { voice.pause(); voice = null; }
    var m = plan.music;
    if (!m || !(a = player(m.path))) return;
    var at = m.length > 0 && (m.looped ? t % m.length : t < m.length ? t : -1);
    a.loop = m.looped;
    a.volume = level(t);
    if (at === false || at < 0) { a.pause(); return; }
    if (restart && (a.paused || Math.abs(a.currentTime - at) > 0.25)) a.currentTime = at;
    if (a.paused) a.play().catch(function () {});
  }
  var mark = show.getAttribute("data-decimal") || ".";
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function fmt(t) {
    var tenths = Math.round(t * 10), w = Math.floor(tenths / 10), f = tenths % 10;
    var h = Math.floor(w / 3600), m = Math.floor(w / 60) % 60, s = w % 60;
    return (h ? h + ":" + two(m) : m) + ":" + two(s) + (f ? mark + f : "");
  }
  function elapsed() { return into + (playing ? (Date.now() - since) / 1000 : 0); }
  function draw() {
    if (current < 0) return;
    var t = Math.min(elapsed(), durations[current]), before = 0;
    for (var k = 0; k < current; k++) before += durations[k];
    fills.forEach(function (f, k) { f.style.transform = "scaleX(" + (k < current ? 1 : k > current ? 0 : t / durations[current]) + ")"; });
    if (line) line.setAttribute("data-time", String(before + t));
    if (clock) clock.textContent = fmt(Math.floor(before + t)) + " / " + fmt(total);
  }
  function tick() {
    if (!playing) return;
    if (elapsed() >= durations[current]) {
      if (current + 1 < links.length) go(current + 1);
      else { setPlaying(false); into = durations[current]; }
    }
    sound(false);
    draw();
  }
  function setPlaying(on) {
    if (on === playing) return;
    if (on) {
      if (current === links.length - 1 && into >= durations[current]) go(0);
      since = Date.now();
      timer = setInterval(tick, plan ? 40 : 100);
    } else {
      into = elapsed();
      clearInterval(timer);
      timer = null;
    }
    playing = on;
    show.classList.toggle("fb-playing", on);
    if (toggle) {
      toggle.textContent = on ? "\u275A\u275A" : "\u25B6";
      toggle.setAttribute("aria-label", toggle.getAttribute(on ? "data-pause" : "data-play"));
    }
    sound(true);
    draw();
  }
  function go(i) {
    i = Math.max(0, Math.min(links.length - 1, i));
    current = i;
    into = 0;
    since = Date.now();
    var frame = links[i].closest(".fb-frame"), img = frame.querySelector("img");
    while (pic.firstChild) pic.removeChild(pic.firstChild);
    if (img) { var copy = img.cloneNode(false); copy.removeAttribute("width"); copy.removeAttribute("height"); copy.draggable = false; pic.appendChild(copy); }
    num.textContent = frame.querySelector(".fb-num").textContent;
    cap.textContent = frame.querySelector(".fb-cap").textContent;
    pos.textContent = (i + 1) + " / " + links.length;
    sound(true);
    draw();
  }
  function open(i) {
    go(i);
    show.hidden = false;
    show.focus();
  }
  function close() {
    setPlaying(false);
    show.hidden = true;
    if (current >= 0) links[current].focus();
  }
  links.forEach(function (a, i) {
    a.addEventListener("click", function (e) { e.preventDefault(); open(i); });
  });
  var play = document.querySelector(".fb-play");
  if (play) { play.hidden = false; play.addEventListener("click", function () { open(0); setPlaying(true); }); }
  if (toggle) toggle.addEventListener("click", function (e) { e.stopPropagation(); setPlaying(!playing); });
  show.querySelector(".fb-prev").addEventListener("click", function (e) { e.stopPropagation(); go(current - 1); });
  show.querySelector(".fb-next").addEventListener("click", function (e) { e.stopPropagation(); go(current + 1); });
  show.querySelector(".fb-close").addEventListener("click", function (e) { e.stopPropagation(); close(); });
  document.addEventListener("keydown", function (e) {
    if (show.hidden || e.altKey || e.ctrlKey || e.metaKey) return;
    var k = e.key;
    if (k === "ArrowRight" || k === "PageDown" || k === " ") go(current + 1);
    else if (k === "ArrowLeft" || k === "PageUp") go(current - 1);
    else if (k === "Home") go(0);
    else if (k === "End") go(links.length - 1);
    else if (k === "Escape") close();
    else if (k === "k" || k === "K") setPlaying(!playing);
    else return;
    e.preventDefault();
  });
  show.addEventListener("pointerdown", function (e) { startX = e.clientX; startY = e.clientY; });
  show.addEventListener("pointercancel", function () { startX = null; });
  show.addEventListener("pointerup", function (e) {
    if (startX === null || e.target.closest("button, .fb-bar")) { startX = null; return; }
    var dx = e.clientX - startX, dy = e.clientY - startY;
    startX = null;
    if (Math.abs(dx) > 40 && Math.abs(dx) > Math.abs(dy)) go(current + (dx < 0 ? 1 : -1));
    else if (Math.abs(dx) < 10 && Math.abs(dy) < 10) go(current + (e.clientX < show.clientWidth / 3 ? -1 : 1));
  });
})();
