#!/usr/bin/env node
// Scale benchmark: how long the editor takes to re-render after moving one frame on a board of
// N frames (default 500; `--frames 50` for a smoke run). Builds the board the way a user does,
// through the file picker, then presses Alt+→ on a frame in the middle, R times.
// Then boards of B frames (default 2 000, the frame cap; `--big 24` for a smoke run), planted in
// IndexedDB from that board's frames, with their photos and with no photos at all: typing a
// letter in a caption, selecting a frame (a click) and a move (Alt+→), each from the event to
// the next paint, R times.
// And what typing a caption on the N-frame board costs in WebAssembly (the reducer and Yew's
// render, not the browser's paint): a CPU profile over R keystrokes (see typingInWasm).
// Prints a table and writes bench/results/scale.json. Build first (scripts/build.sh).
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, openEditor, makePhoto, waitForFrames, waitUntilOpen, tempDir, ROOT } from '../tests/e2e/support.mjs';
import { storedDocuments, replicate, plantBoard, waitForCards } from '../tests/e2e/big-boards.mjs';

const arg = (name, fallback) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : fallback; };
const FRAMES = arg('frames', 500);
const ROUNDS = arg('rounds', 40);
const BIG = arg('big', 2000);

const server = await serveDist({ maxSeconds: 600 });
const browser = await launch();
const dir = tempDir();
try {
  const page = await openEditor(browser, server.url);
  const photo = await makePhoto(page, { width: 160, height: 90, label: '#' });
  const files = Array.from({ length: FRAMES }, (_, i) => {
    const p = path.join(dir, `f${String(i).padStart(4, '0')}.jpg`);
    fs.writeFileSync(p, photo);
    return p;
  });
  const t0 = Date.now();
  await page.locator('#photo-input').setInputFiles(files);
  await waitForFrames(page, FRAMES, 300_000);
  const buildMs = Date.now() - t0;

  // The moves as timed since this bench began: one after the other, each as soon as the frame
  // after the previous one (the comparable figure); then again under the CPU profiler with
  // 30 ms of idle between moves, so that each move's WebAssembly work is a burst of its own.
  const samples = await page.evaluate(moveRounds, { rounds: ROUNDS, gap: 0 });
  const moves = await profiled(page, ROUNDS, () => page.evaluate(moveRounds, { rounds: ROUNDS, gap: 30 }));
  const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
  const p95 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length * 0.95)]; };
  const typing = await typingInWasm(page, ROUNDS);

  // The big boards: planted from this board's frames, each opened by a reload.
  // (The board as stored once its photos were added: its frames and photos are what counts.)
  let doc;
  for (const t = Date.now(); !doc && Date.now() - t < 120_000; await new Promise((ok) => setTimeout(ok, 500))) {
    doc = (await storedDocuments(page)).find((d) => d.board.scenes.some((s) => s.frames.length));
  }
  if (!doc) throw new Error('the board was not stored');
  const big = {};
  for (const photos of [true, false]) {
    const id = `bench-${photos ? 'photos' : 'plain'}-${BIG}`;
    const bytes = await plantBoard(page, replicate(doc, BIG, { id, title: `Bench ${BIG}`, photos }));
    const t = Date.now();
    await page.reload();
    await waitUntilOpen(page);
    await waitForCards(page, BIG, 300_000);
    const openMs = Date.now() - t;
    big[photos ? 'photos' : 'no_photos'] = { document_kb: Math.round(bytes / 1024), open_ms: openMs, ...(await interactions(page, ROUNDS)) };
  }
  const result = {
    date: new Date().toISOString(),
    chromium: browser.version(),
    frames: FRAMES,
    rounds: ROUNDS,
    build_board_ms: buildMs,
    move_rerender_ms: { median: median(samples.map((s) => s.dom)), p95: p95(samples.map((s) => s.dom)) },
    move_to_next_frame_ms: { median: median(samples.map((s) => s.frame)), p95: p95(samples.map((s) => s.frame)) },
    move_in_keydown_handlers_ms: { median: median(samples.map((s) => s.sync)), p95: p95(samples.map((s) => s.sync)) },
    // Alt+→ and Alt+← alternate; they differ in whether the focused card's node is the one moved
    // in the DOM (then it loses focus and the card takes it back: a style and layout pass).
    move_rerender_right_ms: median(samples.filter((_, r) => r % 2 === 0).map((s) => s.dom)),
    move_rerender_left_ms: median(samples.filter((_, r) => r % 2 === 1).map((s) => s.dom)),
    move_wasm_ms_per_move: +moves.wasm.toFixed(2),
    move_wasm_ms_median: +moves.median.toFixed(2),
    move_wasm_bursts: moves.bursts,
    move_wasm_self_ms_per_move: +moves.self.toFixed(2),
    move_wasm_functions: moves.functions,
    typing: {
      wasm_ms_per_key: +typing.wasm.toFixed(2),
      wasm_ms_median: +typing.median.toFixed(2),
      wasm_bursts: typing.bursts,
      wasm_self_ms_per_key: +typing.self.toFixed(2),
      key_to_paint_ms: { median: +median(typing.paint).toFixed(1), p95: +p95(typing.paint).toFixed(1) },
      wasm_functions: typing.functions,
    },
    big: { frames: BIG, photos: summarise(big.photos), no_photos: summarise(big.no_photos) },
  };
  console.log(`| measure (${FRAMES} frames, ${ROUNDS} moves) | median | p95 |`);
  console.log('| --- | ---: | ---: |');
  console.log(`| move → DOM updated (ms) | ${result.move_rerender_ms.median.toFixed(1)} | ${result.move_rerender_ms.p95.toFixed(1)} |`);
  console.log(`| move → next animation frame (ms) | ${result.move_to_next_frame_ms.median.toFixed(1)} | ${result.move_to_next_frame_ms.p95.toFixed(1)} |`);
  console.log(`| move → DOM updated, Alt+→ / Alt+← alone (ms) | ${result.move_rerender_right_ms.toFixed(1)} / ${result.move_rerender_left_ms.toFixed(1)} | |`);
  console.log(`| move: the keydown's own dispatch (ms) | ${result.move_in_keydown_handlers_ms.median.toFixed(1)} | ${result.move_in_keydown_handlers_ms.p95.toFixed(1)} |`);
  console.log(`move in WebAssembly and what it calls: median ${result.move_wasm_ms_median} ms (${result.move_wasm_bursts} bursts), mean ${result.move_wasm_ms_per_move} ms (${result.move_wasm_self_ms_per_move} ms self)`);
  console.log(`board of ${FRAMES} built through the picker in ${buildMs} ms`);
  console.log('');
  console.log(`| typing a caption on ${FRAMES} frames, per keystroke (${ROUNDS} keys) | ms |`);
  console.log('| --- | ---: |');
  console.log(`| in WebAssembly and what it calls (reducer, Yew render, its DOM calls), median of ${result.typing.wasm_bursts} bursts | ${result.typing.wasm_ms_median} |`);
  console.log(`| the same, mean (all samples ÷ keystrokes) | ${result.typing.wasm_ms_per_key} |`);
  console.log(`| in WebAssembly functions alone (self time) | ${result.typing.wasm_self_ms_per_key} |`);
  console.log(`| key → next paint, median / p95 | ${result.typing.key_to_paint_ms.median} / ${result.typing.key_to_paint_ms.p95} |`);
  console.log('');
  console.log(`| on ${BIG} frames, event → next paint (ms, median / p95) | with photos | no photos |`);
  console.log('| --- | ---: | ---: |');
  for (const [key, label] of [['type', 'type a letter in a caption'], ['select', 'select a frame (click)'], ['move', 'move a frame (Alt+→)']]) {
    const cell = (b) => `${b[key].median} / ${b[key].p95}`;
    console.log(`| ${label} | ${cell(result.big.photos)} | ${cell(result.big.no_photos)} |`);
  }
  console.log(`| open by a reload (ms) | ${result.big.photos.open_ms} | ${result.big.no_photos.open_ms} |`);
  fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'bench/results/scale.json'), JSON.stringify(result, null, 2));
  if (page.problems.length) { console.error(page.problems); process.exitCode = 1; }
} finally {
  await browser.close();
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

function summarise(b) {
  const median = (xs) => { const s = [...xs].sort((a, c) => a - c); return s[Math.floor(s.length / 2)]; };
  const p95 = (xs) => { const s = [...xs].sort((a, c) => a - c); return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]; };
  const stats = (xs) => ({ median: +median(xs).toFixed(1), p95: +p95(xs).toFixed(1) });
  return { document_kb: b.document_kb, open_ms: b.open_ms, type: stats(b.type), select: stats(b.select), move: stats(b.move) };
}

/**
 * In the page: Alt+→ and Alt+← in turn on the focused card (else one in the middle), `rounds`
 * times; each from the keydown's dispatch until the DOM shows the move (`dom`), and until the
 * next animation frame (`frame`); `sync` is the dispatch call itself. `gap` ms of idle after each.
 */
async function moveRounds({ rounds, gap }) {
  const card = () => document.querySelector('.frame-card.focused') ?? document.querySelectorAll('.frame-card')[Math.floor(document.querySelectorAll('.frame-card').length / 2)];
  card().focus();
  const out = [];
  for (let r = 0; r < rounds; r++) {
    const el = card();
    const before = el.getAttribute('aria-label');
    const t = performance.now();
    el.dispatchEvent(new KeyboardEvent('keydown', { key: r % 2 ? 'ArrowLeft' : 'ArrowRight', altKey: true, bubbles: true, cancelable: true }));
    const sync = performance.now() - t;
    // Yew renders in a microtask after the dispatch; wait until the DOM shows the move, then a frame.
    while (card().getAttribute('aria-label') === before) await new Promise((ok) => setTimeout(ok, 0));
    const dom = performance.now() - t;
    await new Promise((ok) => requestAnimationFrame(() => ok()));
    out.push({ sync, dom, frame: performance.now() - t });
    if (gap) await new Promise((ok) => setTimeout(ok, gap));
  }
  return out;
}

/**
 * Starts timing every `keydown` and `click` (captured first on `window`) to a task queued by the
 * next animation frame, i.e. until the paint that shows it; returns `taken(n)`, which waits for
 * n such samples and takes them (ms).
 */
async function watchPaints(page) {
  await page.evaluate(() => {
    window.__samples = [];
    if (window.__watching) return;
    window.__watching = true;
    const mark = (e) => {
      const start = e.timeStamp;
      requestAnimationFrame(() => setTimeout(() => window.__samples.push(performance.now() - start), 0));
    };
    window.addEventListener('keydown', mark, true);
    window.addEventListener('click', mark, true);
  });
  return async (n) => {
    await page.waitForFunction((n) => window.__samples.length >= n, n, { timeout: 60_000 });
    return page.evaluate(() => window.__samples.splice(0));
  };
}

/**
 * What a keystroke in a caption costs in WebAssembly: types `rounds` letters into the caption of
 * the middle card, each waited out until the paint after it, under the Chrome DevTools Protocol's
 * CPU profiler (100 µs sampling, main thread). A sample counts when a WebAssembly function is on
 * its stack: that is the reducer, Yew's render and diff, and the DOM calls they make; the
 * browser's own style, layout and paint afterwards are not under WebAssembly and do not count.
 * `self` counts only samples whose top frame is WebAssembly. Both are totals ÷ `rounds`.
 */
async function typingInWasm(page, rounds) {
  const taken = await watchPaints(page);
  const middle = await page.evaluate(() => Math.floor(document.querySelectorAll('.frame-card').length / 2));
  const caption = page.locator('.filmstrip .scene-frames > li.frame-card').nth(middle).locator('textarea');
  await caption.click();
  await taken(1);
  const paint = [];
  const typed = await profiled(page, rounds, async () => {
    for (let r = 0; r < rounds; r++) {
      await page.keyboard.press('KeyA');
      paint.push(...(await taken(1)));
      await page.waitForTimeout(30); // each keystroke a burst of its own in the profile
    }
  });
  await caption.blur();
  return { ...typed, paint };
}

/**
 * Runs `work` under the CDP CPU profiler (100 µs sampling, the page's main thread) and returns its
 * result with the time in WebAssembly per round (÷ `rounds`): `wasm`, samples with a WebAssembly
 * function anywhere on the stack (it and what it calls: DOM calls, forced style or layout);
 * `self`, samples whose top frame is WebAssembly; `median`, the median burst of `wasm` samples
 * (`bursts` of them: one a round); `functions`, the top 15 of those samples' top frames.
 */
async function profiled(page, rounds, work) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const result = await work();
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.detach();
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const isWasm = (n) => /^wasm:|\.wasm(\?|$)/.test(n.callFrame.url);
  const underWasm = new Map();
  const under = (id) => {
    if (!underWasm.has(id)) {
      const n = nodes.get(id);
      underWasm.set(id, isWasm(n) || (parent.has(id) && under(parent.get(id))));
    }
    return underWasm.get(id);
  };
  let wasm = 0, self = 0;
  const byFunction = new Map();
  // Bursts: WebAssembly samples less than 10 ms apart. Each round (a keystroke, a move) is one
  // burst, the rounds 30 ms of idle apart; the median burst is robust to a round the VM's other
  // processes preempted (a sample then lasts as long as the preemption), which the mean is not.
  const bursts = [];
  let at = 0, last = -Infinity;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i];
    const us = profile.timeDeltas[i + 1] ?? 0; // a sample lasts until the next one
    if (!under(id)) return;
    if (at - last > 10_000) bursts.push(0);
    bursts[bursts.length - 1] += us;
    last = at + us;
    wasm += us;
    const n = nodes.get(id);
    const name = isWasm(n) ? n.callFrame.functionName : `(called from wasm) ${n.callFrame.functionName || n.callFrame.url}`;
    if (isWasm(n)) self += us;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
  });
  const functions = [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 15)
    .map(([name, us]) => ({ name, ms_per_key: +(us / 1000 / rounds).toFixed(3) }));
  const sorted = bursts.sort((a, b) => a - b);
  const median = sorted.length ? sorted[Math.floor(sorted.length / 2)] / 1000 : 0;
  return { wasm: wasm / 1000 / rounds, self: self / 1000 / rounds, median, bursts: bursts.length, functions, result };
}

/**
 * Types `rounds` letters into the caption of a card in the middle of the board, selects cards
 * by clicking, and moves one with Alt+→; each sample is from the event's time stamp to a task
 * after the next animation frame (the paint that shows it).
 */
async function interactions(page, rounds) {
  const taken = await watchPaints(page);
  const middle = await page.evaluate(() => Math.floor(document.querySelectorAll('.frame-card').length / 2));
  const card = (i) => page.locator('.filmstrip .scene-frames > li.frame-card').nth(i);
  const caption = card(middle).locator('textarea');
  await caption.click();
  await taken(1);
  const type = [];
  for (let r = 0; r < rounds; r++) {
    await page.keyboard.press('KeyA');
    type.push(...(await taken(1)));
  }
  await caption.blur();
  const select = [];
  for (let r = 0; r < rounds; r++) {
    await card(middle + 1 + (r % 2)).locator('.frame-number').click({ force: true });
    select.push(...(await taken(1)));
  }
  await card(middle).focus();
  await page.evaluate(() => window.__samples.splice(0));
  const move = [];
  for (let r = 0; r < rounds; r++) {
    await page.keyboard.press(r % 2 ? 'Alt+ArrowLeft' : 'Alt+ArrowRight');
    move.push(...(await taken(1)));
  }
  return { type, select, move };
}
