#!/usr/bin/env node
// Still extraction: how long the stills dialog takes on a phone-sized clip. Makes a 1920 × 1080,
// 30 fps H.264 MP4 of `--seconds` (default 20) with Debian's ffmpeg (testsrc2 with a cut to a
// solid colour every 5 s), then in headless Chromium: pick → dialog with its filmstrip, one
// still by Add (scrub → still listed), "every 2 s", "at scene changes", and Add N frames → the
// frames on screen. Prints a table and writes bench/results/stills.json. Build first
// (scripts/build.sh); FLOWBOARD_DIST picks another dist.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serveDist, launch, openEditor, waitForFrames, tempDir, ROOT } from '../tests/e2e/support.mjs';

const arg = (name, fallback) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : fallback; };
const SECONDS = arg('seconds', 20);
const dir = tempDir();
const clip = path.join(dir, 'phone clip.mp4');
const parts = Math.ceil(SECONDS / 5);
const inputs = Array.from({ length: parts }, (_, i) => (i % 2 === 0
  ? `testsrc2=s=1920x1080:r=30:d=5`
  : `color=c=0x${(0x203040 + i * 0x301010).toString(16).slice(-6)}:s=1920x1080:r=30:d=5`));
const graph = `${inputs.map((s, i) => `${s}[v${i}]`).join(';')};${inputs.map((_, i) => `[v${i}]`).join('')}concat=n=${parts}:v=1:a=0`;
execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', graph, '-t', String(SECONDS),
  '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', clip]);

const server = await serveDist({ maxSeconds: 600 });
const browser = await launch();
const results = {};
const time = async (name, fn) => { const t = Date.now(); await fn(); results[name] = Date.now() - t; };
try {
  const page = await openEditor(browser, server.url);
  const dialog = page.getByRole('dialog', { name: /^Stills from / });
  await time('open: pick → dialog shown', async () => {
    await page.locator('#photo-input').setInputFiles(clip);
    await dialog.waitFor();
  });
  await time('filmstrip of 8 thumbnails', () => dialog.locator('.stills-strip img').nth(7).waitFor({ timeout: 120_000 }));
  await time('Add: one still (scrub to 7.5 s, press A)', async () => {
    await page.$eval('.stills-position', (el) => { el.value = '7.5'; el.dispatchEvent(new Event('input', { bubbles: true })); });
    await page.locator('.stills-position').press('a');
    await dialog.getByText('1 still picked').waitFor();
  });
  const every = Math.floor(SECONDS / 2);
  await time(`every 2 s: ${every} stills`, async () => {
    await dialog.getByLabel('Every (seconds)').fill('2');
    await dialog.getByRole('button', { name: 'Pick at this interval' }).click();
    await dialog.getByText(`${every + 1} stills picked`).waitFor({ timeout: 300_000 });
  });
  await time(`scene changes (${parts - 1} cuts)`, async () => {
    await dialog.getByRole('button', { name: 'Pick at scene changes' }).click();
    await dialog.locator('.stills-progress').waitFor();
    await dialog.locator('.stills-progress').waitFor({ state: 'detached', timeout: 300_000 });
  });
  const picked = Number((await dialog.locator('.stills-count').innerText()).match(/\d+/)[0]);
  await time(`Add ${picked} frames → frames on screen`, async () => {
    await dialog.getByRole('button', { name: `Add ${picked} frames` }).click();
    await waitForFrames(page, picked, 300_000);
  });
  results.clip = { seconds: SECONDS, size: '1920x1080', fps: 30, bytes: fs.statSync(clip).size, stills: picked };
} finally {
  await browser.close();
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
console.table(Object.entries(results).filter(([, v]) => typeof v === 'number').map(([k, v]) => ({ stage: k, ms: v })));
console.log(results.clip);
fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(ROOT, 'bench/results/stills.json'), JSON.stringify(results, null, 2));
