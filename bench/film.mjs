// Film export (issue 18): a 50-frame, 3-minute board — the bench's generated 12 MP photos
// (core/examples/make_photos.rs), a camera move on every frame (zoom in, zoom out and pans in
// turn), a narration clip on every frame and a looped music bed — made into a film through the
// export dialog, as a user does, in headless Chromium. Measured in one run:
//   - the film: click on Make film → the file downloaded (s), and its pace (video frames / s);
//     the ratio to real time (the film's running time / the time it took);
//   - the raw encoder on the same page, same frame size, codec and settings: a canvas changed
//     and encoded frame after frame, nothing else (video frames / s) — the physical limit here;
//     the film's pace / the raw pace; and the raw encoder on pictures that move as the film's
//     do (the bench's four eased moves, drawn before timing: the encoder alone), whose motion
//     search works harder than on a picture slid by whole pixels — the film's own limit;
//   - the machine's cores each phase kept busy (CPU seconds of this run's browser / wall seconds);
//   - the first video frame encoded: click → the progress bar's first step (ms);
//   - peak growth of the renderer processes' resident memory (page + workers) during the film;
//   - the longest main-thread task during the film (PerformanceObserver "longtask"), and how long
//     the page's main thread was busy in all (the DevTools protocol's TaskDuration).
// The file is checked with ffprobe (codec, size, frames). Targets in BENCHMARKS.md, not asserted.
//   node bench/film.mjs [--frames 50] [--seconds 3.6] [--lines 1080] [--fps 30] [--webm] [--still]
//   (--still: no camera moves, so each photo is drawn once and its later frames reuse it)
//   (dist/ or FLOWBOARD_DIST). Results in bench/results/film.json.
import { launch, openEditor, waitUntilSaved, storeSound, tempDir, serveDist, ROOT } from '../tests/e2e/support.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { rendererRss, ownCpuSeconds, ownThreadCpu } from './processes.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const FRAMES = arg('frames', 50);
const SECONDS = arg('seconds', 3.6);
const LINES = arg('lines', 1080);
const FPS = arg('fps', 30);
const WEBM = process.argv.includes('--webm');
const STILL = process.argv.includes('--still');
const CLIP = SECONDS - 0.5;

/** Changes the stored board with `change(doc)` (in the page) and reloads it. */
async function editStored(page, change) {
  await page.evaluate(async (source) => {
    const change = new Function('doc', source);
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('flowboard');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const ask = (q) => new Promise((resolve, reject) => { q.onsuccess = () => resolve(q.result); q.onerror = () => reject(q.error); });
    const store = db.transaction('boards', 'readwrite').objectStore('boards');
    const [key] = await ask(store.getAllKeys());
    const doc = JSON.parse(await ask(store.get(key)));
    change(doc);
    await ask(store.put(JSON.stringify(doc), key));
    db.close();
  }, change);
  await page.reload();
}

/**
 * In a page: the raw encoder's pace (video frames / s) at the film's size and settings
 * (src/browser/webcodecs.rs), with the film's back-pressure (four frames queued). Slid: a canvas
 * with `sample` drawn a whole pixel further each frame, drawn and encoded frame after frame.
 * Moving: the bench's four eased moves, six consecutive frames of each drawn before timing and
 * encoded forward and back, so only the encoder is timed.
 */
async function rawEncoder({ w, h, fps, webm, sample, n, moving }) {
  const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(sample), (c) => c.charCodeAt(0))]), moving ? {} : { resizeWidth: w * 1.2, resizeHeight: h * 1.2 });
  const canvas = new OffscreenCanvas(w, h);
  const g = canvas.getContext('2d');
  g.imageSmoothingQuality = 'low';
  const timing = (k) => ({ timestamp: Math.round(k * 1e6 / fps), duration: Math.round(1e6 / fps) });
  let frameAt = (k) => {
    g.drawImage(bitmap, -k % (w * 0.2), -k % (h * 0.2));
    return new VideoFrame(canvas, timing(k));
  };
  if (moving) {
    const [bw, bh] = [bitmap.width, bitmap.height];
    // The bench's moves (16:9 crops of the photo, as fractions): zoom in, zoom out, pan right, pan left.
    const moves = [
      [{ x: 0, y: 0.125, w: 1, h: 0.75 }, { x: 0.2, y: 0.2, w: 0.6, h: 0.45 }],
      [{ x: 0.2, y: 0.2, w: 0.6, h: 0.45 }, { x: 0, y: 0.125, w: 1, h: 0.75 }],
      [{ x: 0, y: 0.2, w: 0.7, h: 0.525 }, { x: 0.3, y: 0.2, w: 0.7, h: 0.525 }],
      [{ x: 0.3, y: 0.2, w: 0.7, h: 0.525 }, { x: 0, y: 0.2, w: 0.7, h: 0.525 }],
    ];
    const PER_MOVE = 6;
    const frames = [];
    for (const [a, b] of moves) {
      const run = [];
      // Six consecutive video frames from the middle of the move (its fastest, eased).
      for (let i = 0; i < PER_MOVE; i++) {
        const t = 0.5 + (i - PER_MOVE / 2) / (fps * 3.6);
        const p = t < 0.5 ? 2 * t * t : 1 - 2 * (1 - t) * (1 - t);
        const c = Object.fromEntries(['x', 'y', 'w', 'h'].map((k) => [k, a[k] + (b[k] - a[k]) * p]));
        g.drawImage(bitmap, c.x * bw, c.y * bh, c.w * bw, c.h * bh, 0, 0, w, h);
        const f = new VideoFrame(canvas, { timestamp: 0 });
        const buf = new Uint8Array(f.allocationSize({ format: 'RGBX' }));
        await f.copyTo(buf, { format: 'RGBX' });
        f.close();
        run.push(buf);
      }
      frames.push(run);
    }
    // Each move's frames forward then back (a move for 2 × 6 frames), the moves in turn.
    frameAt = (k) => {
      const run = frames[Math.floor(k / (2 * PER_MOVE)) % frames.length];
      const i = k % (2 * PER_MOVE);
      return new VideoFrame(run[i < PER_MOVE ? i : 2 * PER_MOVE - 1 - i], { format: 'RGBX', codedWidth: w, codedHeight: h, ...timing(k) });
    };
  }
  const encoder = new VideoEncoder({ output: () => {}, error: (e) => { throw e; } });
  const pixels = w * h;
  const codec = webm ? 'vp09.00.40.08' : (pixels <= 921600 ? 'avc1.64001f' : 'avc1.640028');
  const base = webm ? 6e6 : 8e6;
  encoder.configure({ codec, width: w, height: h, framerate: fps, bitrate: Math.round(base * pixels / (1920 * 1080) * fps / 30), latencyMode: 'quality', ...(webm ? {} : { avc: { format: 'avc' } }) });
  const start = performance.now();
  for (let k = 0; k < n; k++) {
    const frame = frameAt(k);
    encoder.encode(frame, { keyFrame: k % (fps * 2) === 0 });
    frame.close();
    while (encoder.encodeQueueSize > 4) await new Promise((r) => setTimeout(r, 1));
  }
  await encoder.flush();
  const seconds = (performance.now() - start) / 1000;
  encoder.close();
  return n / seconds;
}

const server = await serveDist({ maxSeconds: 3600 });
const browser = await launch();
const dir = tempDir();
const result = { date: new Date().toISOString(), frames: FRAMES, seconds_per_frame: SECONDS, lines: LINES, fps: FPS, format: WEBM ? 'webm' : 'mp4', moves: !STILL };
try {
  const photos = path.join(dir, 'photos');
  execFileSync('cargo', ['run', '--release', '-q', '-p', 'flowboard-core', '--example', 'make_photos', '--', photos, String(FRAMES)], { cwd: ROOT, stdio: 'inherit' });
  const files = fs.readdirSync(photos).sort().map((f) => path.join(photos, f));
  const page = await openEditor(browser, server.url, {}, () => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.locator('#photo-input').setInputFiles(files);
  const imported = (n) => page.waitForFunction((n) => document.querySelectorAll('.frame-card').length === n && !document.querySelector('.import-progress'), n, { timeout: 600_000, polling: 200 });
  await imported(FRAMES);
  await waitUntilSaved(page, 120_000);
  const clips = Array.from({ length: FRAMES }, (_, frame) => ({ frame, seconds: CLIP, freq: 440, id: 'voice' }));
  await storeSound(page, { clips, music: { seconds: 30, freq: 220 } });
  await imported(FRAMES);
  // A move on every frame at the board's 16:9: zoom in, zoom out, pan right, pan left in turn.
  if (!STILL) await editStored(page, `
    doc.board.scenes.flatMap((s) => s.frames).forEach((f, k) => {
      const kind = k % 4;
      const end = kind === 0 ? { x: 0.2, y: 0.2, w: 0.6, h: 0.45 }
        : kind === 1 ? { x: 0, y: 0.125, w: 1, h: 0.75 }
        : kind === 2 ? { x: 0.3, y: 0.2, w: 0.7, h: 0.525 }
        : { x: 0, y: 0.2, w: 0.7, h: 0.525 };
      if (kind === 1) f.crops = { '16:9': { x: 0.2, y: 0.2, w: 0.6, h: 0.45 } };
      f.camera_moves = { '16:9': { end, easing: 'ease-in-out' } };
    });
  `);
  await imported(FRAMES);
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export storyboard' });
  const film = dialog.locator('section.film-section');
  await film.getByLabel(WEBM ? 'WebM (VP9)' : 'MP4 (H.264), plays everywhere').check();
  await film.getByLabel('Size').selectOption(String(LINES));
  await film.getByLabel('Frames per second').selectOption(String(FPS));
  const button = film.getByRole('button', { name: 'Make film' });
  await button.waitFor();

  // The raw encoder, same page, same size and settings (src/browser/webcodecs.rs): a canvas
  // with a photo drawn a little differently each frame, encoded with the same back-pressure.
  const [w, h] = LINES === 720 ? [1280, 720] : [1920, 1080];
  const sample = fs.readFileSync(files[0]).toString('base64');
  const rawCpu = ownCpuSeconds();
  const rawStart = Date.now();
  result.raw_encoder_fps = await page.evaluate(rawEncoder, { w, h, fps: FPS, webm: WEBM, sample, n: 300, moving: false });
  // Cores kept busy: CPU seconds over wall seconds (the raw run includes its photo's decode).
  result.raw_encoder_cores = Number(((ownCpuSeconds() - rawCpu) / ((Date.now() - rawStart) / 1000)).toFixed(2));

  // The raw encoder on pictures that move as the film's do (its four moves, eased and sub-pixel,
  // drawn before timing starts: the encoder alone is timed). Its motion search matches a
  // picture slid by whole pixels (the run above) at once; a zoom or a sub-pixel pan costs it
  // more, so this is the film's own physical limit. In a context of its own, closed after, so
  // its pictures (≈ 200 MB) are gone before the film's memory is measured.
  if (!STILL) {
    const own = await browser.newContext();
    const rawPage = await own.newPage();
    await rawPage.goto(server.url + 'sw.js'); // any page of the same origin: a secure context
    result.raw_encoder_moving_fps = await rawPage.evaluate(rawEncoder, { w, h, fps: FPS, webm: WEBM, sample, n: 300, moving: true });
    await own.close();
  }

  await page.evaluate(() => { window.__longest = 0; });
  const base = rendererRss();
  let peak = base;
  let peakAt = 0;
  const sampler = setInterval(() => {
    const now = rendererRss();
    if (now > peak) { peak = now; peakAt = Date.now(); }
  }, 100);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const busy = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value;
  const busyBefore = await busy();
  const filmCpu = ownCpuSeconds();
  // Each thread's CPU at the start and as last seen (sampled: a worker's thread ends with it).
  const threadsBefore = ownThreadCpu();
  const threadsSeen = new Map(threadsBefore);
  const threadSampler = setInterval(() => { for (const [k, v] of ownThreadCpu()) threadsSeen.set(k, v); }, 500);
  const clicked = Date.now();
  const firstStep = page.waitForFunction(() => Number(document.querySelector('.export-progress progress')?.value) > 0, null, { timeout: 120_000, polling: 20 })
    .then(() => Date.now() - clicked);
  const ticker = setInterval(async () => {
    const text = await page.locator('.export-progress span').textContent().catch(() => null);
    if (text) console.error(`${((Date.now() - clicked) / 1000).toFixed(0)} s: ${text}`);
  }, 10_000);
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 1_800_000 }), button.click()]);
  const made = { name: dl.suggestedFilename(), path: path.join(dir, dl.suggestedFilename()) };
  await dl.saveAs(made.path);
  made.bytes = fs.readFileSync(made.path);
  const took = (Date.now() - clicked) / 1000;
  result.film_cores = Number(((ownCpuSeconds() - filmCpu) / took).toFixed(2));
  // Where the film's CPU went: the busiest threads (s), by process type and thread name.
  clearInterval(threadSampler);
  const byName = new Map();
  for (const [k, v] of threadsSeen) byName.set(v.name, (byName.get(v.name) ?? 0) + v.s - (threadsBefore.get(k)?.s ?? 0));
  result.film_threads_cpu_s = Object.fromEntries([...byName].map(([k, v]) => [k, Number(v.toFixed(1))])
    .filter(([, v]) => v >= 1).sort((a, b) => b[1] - a[1]).slice(0, 12));
  clearInterval(sampler);
  clearInterval(ticker);
  result.first_frame_ms = await firstStep;
  result.film_seconds = took;
  result.peak_memory_growth_mb = Math.round((peak - base) / 1e6);
  // When the peak came (s after the click, of the film's time).
  result.peak_memory_at_s = peakAt ? Number(((peakAt - clicked) / 1000).toFixed(1)) : null;
  result.longest_task_ms = await page.evaluate(() => window.__longest);
  result.main_thread_busy_s = Number((await busy() - busyBefore).toFixed(1));
  const probe = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-show_streams', '-show_format', '-of', 'json', made.path]).toString());
  const video = probe.streams.find((s) => s.codec_type === 'video');
  const audio = probe.streams.find((s) => s.codec_type === 'audio');
  result.file = { name: made.name, mb: Number((made.bytes.length / 1e6).toFixed(1)), video: `${video.codec_name} ${video.width}x${video.height} ${video.r_frame_rate}`, frames: Number(video.nb_read_frames), audio: audio?.codec_name ?? null, duration: Number(probe.format.duration) };
  result.running_time_s = FRAMES * SECONDS;
  result.film_fps = result.file.frames / took;
  result.real_time_ratio = result.running_time_s / took;
  result.film_over_raw = result.raw_encoder_fps / result.film_fps;
  if (result.raw_encoder_moving_fps) result.film_over_raw_moving = result.raw_encoder_moving_fps / result.film_fps;
} finally {
  await browser.close();
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(ROOT, 'bench/results/film.json'), JSON.stringify(result, null, 2));
console.log(JSON.stringify(result, null, 2));
