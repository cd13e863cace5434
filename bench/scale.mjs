#!/usr/bin/env node
// Scale benchmark: how long the editor takes to re-render after moving one frame on a board of
// N frames (default 500; `--frames 50` for a smoke run). Builds the board the way a user does,
// through the file picker, then presses Alt+→ on a frame in the middle, R times.
// Prints a table and writes bench/results/scale.json. Build first (scripts/build.sh).
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, openEditor, makePhoto, waitForFrames, tempDir, ROOT } from '../tests/e2e/support.mjs';

const arg = (name, fallback) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : fallback; };
const FRAMES = arg('frames', 500);
const ROUNDS = arg('rounds', 40);

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

  const samples = await page.evaluate(async (rounds) => {
    const card = () => document.querySelector('.frame-card.focused') ?? document.querySelectorAll('.frame-card')[Math.floor(document.querySelectorAll('.frame-card').length / 2)];
    card().focus();
    const out = [];
    for (let r = 0; r < rounds; r++) {
      const el = card();
      const before = el.getAttribute('aria-label');
      const t = performance.now();
      el.dispatchEvent(new KeyboardEvent('keydown', { key: r % 2 ? 'ArrowLeft' : 'ArrowRight', altKey: true, bubbles: true, cancelable: true }));
      // Yew renders synchronously on dispatch; wait until the DOM shows the move, then a frame.
      while (card().getAttribute('aria-label') === before) await new Promise((ok) => setTimeout(ok, 0));
      const dom = performance.now() - t;
      await new Promise((ok) => requestAnimationFrame(() => ok()));
      out.push({ dom, frame: performance.now() - t });
    }
    return out;
  }, ROUNDS);
  const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
  const p95 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length * 0.95)]; };
  const result = {
    date: new Date().toISOString(),
    chromium: browser.version(),
    frames: FRAMES,
    rounds: ROUNDS,
    build_board_ms: buildMs,
    move_rerender_ms: { median: median(samples.map((s) => s.dom)), p95: p95(samples.map((s) => s.dom)) },
    move_to_next_frame_ms: { median: median(samples.map((s) => s.frame)), p95: p95(samples.map((s) => s.frame)) },
  };
  console.log(`| measure (${FRAMES} frames, ${ROUNDS} moves) | median | p95 |`);
  console.log('| --- | ---: | ---: |');
  console.log(`| move → DOM updated (ms) | ${result.move_rerender_ms.median.toFixed(1)} | ${result.move_rerender_ms.p95.toFixed(1)} |`);
  console.log(`| move → next animation frame (ms) | ${result.move_to_next_frame_ms.median.toFixed(1)} | ${result.move_to_next_frame_ms.p95.toFixed(1)} |`);
  console.log(`board of ${FRAMES} built through the picker in ${buildMs} ms`);
  fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'bench/results/scale.json'), JSON.stringify(result, null, 2));
  if (page.problems.length) { console.error(page.problems); process.exitCode = 1; }
} finally {
  await browser.close();
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
