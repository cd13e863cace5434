// The animatic with sound over three minutes (issue 17): how far from its audio cue each frame
// change lands. A board of 38 frames of 5 s, each with a 4.5 s narration clip, under a looped
// music bed, is played from the start in headless Chromium; the page queues every clip on the
// AudioContext's clock and moves the picture to the frame being heard. For each frame change:
//   - "shown": when the page put the frame on screen (its DOM), on the audio clock as heard
//     (`getOutputTimestamp`), minus when its clip was queued to start — from the page's own log
//     (`window.__flowboardAnimatic.runs[0]`: schedule and frameShownAt);
//   - "painted": the same, taken here at the first animation frame after the change (the paint
//     that shows it follows that callback).
// Positive = the picture after the sound. Target: |lag| ≤ 40 ms after 3 minutes of playback.
//   node bench/animatic.mjs [--frames 38] [--seconds 5]     (dist/ or FLOWBOARD_DIST)
// Results in bench/results/animatic.json.
import { launch, openEditor, writePhotos, waitUntilSaved, storeSound, tempDir, serveDist, ROOT } from '../tests/e2e/support.mjs';
import fs from 'node:fs';
import path from 'node:path';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const FRAMES = arg('frames', 38);
const SECONDS = arg('seconds', 5);
const CLIP = SECONDS - 0.5;

const server = await serveDist({ maxSeconds: 1800 });
const browser = await launch();
const dir = tempDir();
try {
  const page = await openEditor(browser, server.url);
  await page.locator('#photo-input').setInputFiles(await writePhotos(page, dir, FRAMES, { width: 320, height: 180 }));
  // Every card there and the import done (cards far down the filmstrip load their pictures
  // lazily, so they are not waited for).
  const imported = (n) => page.waitForFunction((n) => document.querySelectorAll('.frame-card').length === n && !document.querySelector('.import-progress'), n, { timeout: 300_000, polling: 100 });
  await imported(FRAMES);
  await waitUntilSaved(page, 60_000);
  // Every frame narrated by one 4.5 s clip (one file, decoded once), typed to last 5 s.
  const clips = Array.from({ length: FRAMES }, (_, frame) => ({ frame, seconds: CLIP, freq: 440, id: 'voice' }));
  const durations = Object.fromEntries(Array.from({ length: FRAMES }, (_, k) => [k, SECONDS]));
  await storeSound(page, { clips, durations, music: { seconds: 7, freq: 220 } });
  await imported(FRAMES);
  await page.locator('.scene-frames > li.frame-card').first().click();
  await page.getByRole('button', { name: 'Present', exact: true }).click();
  await page.locator('.presentation').waitFor();
  await page.waitForFunction(() => window.__flowboardAnimatic?.context);
  // Paints: each change of the frame number, stamped on the heard audio clock in the next
  // animation frame.
  await page.evaluate(() => {
    const a = window.__flowboardAnimatic;
    const heard = () => {
      const ts = a.context.getOutputTimestamp();
      return Math.min(a.context.currentTime, ts.contextTime + (performance.now() - ts.performanceTime) / 1000);
    };
    window.__painted = [];
    const number = document.querySelector('.present-number');
    new MutationObserver(() => {
      const text = number.textContent;
      requestAnimationFrame(() => window.__painted.push({ frame: Number(text.split(' / ')[0]) - 1, at: heard() }));
    }).observe(number, { childList: true, characterData: true, subtree: true });
    window.__drift = { context: a.context.currentTime, page: performance.now() };
  });
  await page.getByRole('button', { name: 'Play animatic' }).click();
  const total = FRAMES * SECONDS;
  await page.getByRole('button', { name: 'Play animatic' }).waitFor({ timeout: (total + 60) * 1000 });
  const log = await page.evaluate(() => {
    const a = window.__flowboardAnimatic;
    const d = window.__drift;
    return {
      run: a.runs[0], runs: a.runs.length, painted: window.__painted,
      drift: { context_s: a.context.currentTime - d.context, page_s: (performance.now() - d.page) / 1000 },
    };
  });
  if (log.runs !== 1) throw new Error(`expected one run, got ${log.runs}`);
  const cue = new Map(log.run.schedule.map((s) => [s.frame, s.when]));
  const lags = (list) => list.filter((s) => cue.has(s.frame) && s.frame > 0).map((s) => ({ frame: s.frame, cue_s: +(cue.get(s.frame) - log.run.origin).toFixed(3), lag_ms: +((s.at - cue.get(s.frame)) * 1000).toFixed(1) }));
  const shown = lags(log.run.frameShownAt);
  const painted = lags(log.painted);
  const summary = (list) => {
    const abs = list.map((x) => Math.abs(x.lag_ms)).sort((a, b) => a - b);
    const after3 = list.filter((x) => x.cue_s >= 180);
    return {
      changes: list.length, median_abs_ms: abs[Math.floor(abs.length / 2)], max_abs_ms: abs.at(-1),
      after_3_minutes: after3.map((x) => ({ at_s: x.cue_s, lag_ms: x.lag_ms })),
    };
  };
  const result = {
    date: new Date().toISOString(), chromium: browser.version(), frames: FRAMES, frame_seconds: SECONDS, total_seconds: total,
    shown: summary(shown), painted: summary(painted),
    missing_changes: FRAMES - 1 - shown.length,
    audio_clock_vs_page_clock_ms: +((log.drift.context_s - log.drift.page_s) * 1000).toFixed(1), played_s: +log.drift.page_s.toFixed(1),
    every_change: { shown, painted },
  };
  fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'bench/results/animatic.json'), JSON.stringify(result, null, 2));
  const { every_change: _, ...brief } = result;
  console.log(JSON.stringify(brief, null, 2));
  if (page.problems.length) throw new Error(`page problems: ${page.problems.join('; ')}`);
} finally {
  await browser.close();
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
