(function () {
  "use strict";
  var links = Array.prototype.slice.call(document.querySelectorAll(".fb-open"));
  var show = document.getElementById("fb-show");
  if (!links.length || !show) return;
  var pic = show.querySelector(".fb-show-pic"), num = show.querySelector(".fb-show-text .fb-num");
  var cap = show.querySelector(".fb-show-text .fb-cap"), pos = show.querySelector(".fb-pos");
  var current = -1, startX = null, startY = null;
  function go(i) {
    i = Math.max(0, Math.min(links.length - 1, i));
    current = i;
    var frame = links[i].closest(".fb-frame"), img = frame.querySelector("img");
    while (pic.firstChild) pic.removeChild(pic.firstChild);
    if (img) { var copy = img.cloneNode(false); copy.removeAttribute("width"); copy.removeAttribute("height"); copy.draggable = false; pic.appendChild(copy); }
    num.textContent = frame.querySelector(".fb-num").textContent;
    cap.textContent = frame.querySelector(".fb-cap").textContent;
    pos.textContent = (i + 1) + " / " + links.length;
  }
  function open(i) {
    go(i);
    show.hidden = false;
    show.focus();
  }
  function close() {
    show.hidden = true;
    if (current >= 0) links[current].focus();
  }
  links.forEach(function (a, i) {
    a.addEventListener("click", function (e) { e.preventDefault(); open(i); });
  });
  var play = document.querySelector(".fb-play");
  if (play) { play.hidden = false; play.addEventListener("click", function () { open(0); }); }
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
    else return;
    e.preventDefault();
  });
  show.addEventListener("pointerdown", function (e) { startX = e.clientX; startY = e.clientY; });
  show.addEventListener("pointercancel", function () { startX = null; });
  show.addEventListener("pointerup", function (e) {
    if (startX === null || e.target.closest("button")) { startX = null; return; }
    var dx = e.clientX - startX, dy = e.clientY - startY;
    startX = null;
    if (Math.abs(dx) > 40 && Math.abs(dx) > Math.abs(dy)) go(current + (dx < 0 ? 1 : -1));
    else if (Math.abs(dx) < 10 && Math.abs(dy) < 10) go(current + (e.clientX < show.clientWidth / 3 ? -1 : 1));
  });
})();
