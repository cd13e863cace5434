#!/usr/bin/env node
// Export benchmark: N phone-size photos (default 50; 4032 × 3024 JPEGs made by the browser's own
// encoder) imported, then exported as the single-file HTML at a 1920 px long edge (quality 85).
// Reports the time from the click to the download, per frame, the file size, the longest
// main-thread task during the export, and, for the encoder choice, the browser's own JPEG
// encoder (OffscreenCanvas.convertToBlob) on one frame of the same size. Writes
// bench/results/export.json. Build first.
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, openEditor, makePhoto, tempDir, waitForFrames, ROOT } from '../tests/e2e/support.mjs';

const arg = (name, fallback) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : fallback; };
const COUNT = arg('photos', 50);
const WIDTH = arg('width', 4032);
const HEIGHT = Math.round(WIDTH * 3 / 4);

const server = await serveDist({ maxSeconds: 1200 });
const browser = await launch();
const dir = tempDir();
try {
  const page = await openEditor(browser, server.url);
  page.on('crash', () => console.error('the page crashed'));
  const files = [];
  for (let i = 0; i < COUNT; i++) {
    const p = path.join(dir, `IMG_${String(i).padStart(4, '0')}.jpg`);
    fs.writeFileSync(p, await makePhoto(page, { width: WIDTH, height: HEIGHT, label: String(i + 1), seed: i + 1, quality: 0.9 }));
    files.push(p);
  }
  await page.locator('#photo-input').setInputFiles(files);
  await page.waitForFunction((n) => document.querySelectorAll('.frame-card').length === n && !document.querySelector('.import-progress'), COUNT, { timeout: 600_000, polling: 100 });
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export storyboard' });
  await page.evaluate(() => {
    window.__bench = { longest: 0, progress: 0 };
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__bench.longest = Math.max(window.__bench.longest, e.duration); }).observe({ type: 'longtask' });
  });
  const start = Date.now();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 900_000 }),
    dialog.getByRole('button', { name: 'Download HTML (one file)' }).click(),
  ]);
  const file = path.join(dir, 'export.html');
  await download.saveAs(file);
  const ms = Date.now() - start;
  const longest = await page.evaluate(() => window.__bench.longest);
  // The browser's encoder on one 1920 × 1440 frame, for the encoder choice (DESIGN §3).
  const browserEncodeMs = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(1920, 1440);
    const g = canvas.getContext('2d');
    for (let i = 0; i < 200; i++) { g.fillStyle = `hsl(${i * 37 % 360} 60% 50%)`; g.fillRect((i * 97) % 1920, (i * 61) % 1440, 300, 200); }
    const times = [];
    for (let i = 0; i < 5; i++) { const t = performance.now(); await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 }); times.push(performance.now() - t); }
    return times.sort((a, b) => a - b)[2];
  });
  const result = {
    date: new Date().toISOString(), chromium: browser.version(), photos: COUNT, photo_size: `${WIDTH}x${HEIGHT}`,
    export_html_ms: ms, per_frame_ms: Math.round(ms / COUNT), file_mb: +(fs.statSync(file).size / 1e6).toFixed(1),
    longest_main_thread_task_ms: Math.round(longest), browser_jpeg_encode_1920_ms: +browserEncodeMs.toFixed(1),
  };
  console.log(`| export of ${COUNT} × ${WIDTH}×${HEIGHT} at 1920 px | value |`);
  console.log('| --- | ---: |');
  for (const [k, v] of Object.entries(result).slice(4)) console.log(`| ${k} | ${v} |`);
  fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'bench/results/export.json'), JSON.stringify(result, null, 2));
  if (page.problems.length) { console.error(page.problems); process.exitCode = 1; }
} finally {
  await browser.close();
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
