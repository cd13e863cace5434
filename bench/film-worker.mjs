#!/usr/bin/env node
// The film's renderer and encoder alone (issue 18): the tasks worker given a TaskRequest::Film
// the way the page gives it, without the page's dialog or sound mix — 10 frames × 3 s of the
// shared fixture photos (1800 × 1200), a camera move on each (zoom in and out in turn, eased),
// half-second crossfades, a burned caption on every third, 30 s of stereo tone — then, on the
// same page and frame size, the raw encoder with the same settings: one canvas encoded over and
// over, as it is ("static": its P-frames cost nothing) and with its picture moved a pixel a frame
// ("moving": the encoder's own work on a changing picture, the limit the film is compared with).
// Measured in one run: the film's pace (video frames / s) and the ratio to real time, the first
// encoded frame after the request (ms; the worker's first progress step with a frame done), the
// worker's WebAssembly memory at the end, and the file checked with ffprobe (frames, codec).
//   node bench/film-worker.mjs [--lines 1080] [--webm]   (dist/ or FLOWBOARD_DIST)
// Prints JSON and writes bench/results/film-worker[-webm]-<lines>.json.
import { launch, serveDist, SHARED_FIXTURES, ROOT, tempDir } from '../tests/e2e/support.mjs';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const arg = (name, fallback) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : fallback; };
const container = process.argv.includes('--webm') ? 'webm' : 'mp4';
const H = arg('lines', 1080);
const W = Math.round((H * 16) / 9 / 2) * 2;
const FPS = 30;
const N = 10;
const SEC = 3;

const full = { x: 0, y: 0.078125, w: 1, h: 0.84375 };
const tight = { x: 0.25, y: 0.2, w: 0.5, h: 0.421875 };
const frames = Array.from({ length: N }, (_, i) => ({
  photo: `p${i % 9}`, size: [1800, 1200], crop: i % 2 ? tight : full,
  camera_move: { end: i % 2 ? full : tight, easing: 'ease-in-out' },
  text: i % 3 ? '' : `Frame ${i + 1}: a caption 字幕`,
}));
const transition = { crossfade: 0.5 };
const plan = { width: W, height: H, fps: FPS, transition, title: null, burn_captions: true, frames, cues: frames.map((_, i) => [i * SEC, SEC]) };
const options = { container, audio: 'opus', lines: H, fps: FPS, transition, title_card: false, burn_captions: true, subtitles: 'caption' };
const message = { film: { plan, options, photos: Array.from({ length: 9 }, (_, i) => [`p${i}`, i]), sound: { given: { sample_rate: 48000, channels: [9, 10] } }, lang: 'en' } };

const server = await serveDist({ maxSeconds: 600 });
const browser = await launch();
const dir = tempDir();
try {
  const page = await (await browser.newContext()).newPage();
  await page.route('**/fixtures/*', (route) => route.fulfill({ path: path.join(SHARED_FIXTURES, path.basename(new URL(route.request().url()).pathname)), contentType: 'image/jpeg' }));
  await page.goto(server.url);
  const r = await page.evaluate(async ({ message, W, H, FPS, seconds, container }) => {
    const parts = [];
    for (let i = 0; i < 9; i++) parts.push(await (await fetch(`./fixtures/Landscape_${i}.jpg`)).blob());
    const n = seconds * 48000;
    for (let c = 0; c < 2; c++) {
      const s = new Int16Array(n);
      for (let i = 0; i < n; i++) s[i] = Math.round(0.2 * 32767 * Math.sin((2 * Math.PI * 330 * i) / 48000));
      parts.push(s.buffer);
    }
    const worker = new Worker('./tasks_loader.js');
    await new Promise((resolve) => { worker.onmessage = (e) => { if ('ready' in JSON.parse(e.data.message)) resolve(); }; });
    const t0 = performance.now();
    let first = null;
    const reply = await new Promise((resolve) => {
      worker.onmessage = (e) => {
        const m = JSON.parse(e.data.message);
        if (m.progress && m.progress[0] > 0 && first === null) first = performance.now() - t0;
        if (m.reply) resolve({ m: m.reply[1], memory: m.reply[0], parts: e.data.parts });
      };
      worker.postMessage({ message: JSON.stringify(message), parts }, [parts[9], parts[10]]);
    });
    const total = performance.now() - t0;
    worker.terminate();
    let file = null;
    if (reply.m.filmed) {
      const bytes = new Uint8Array(await reply.parts[reply.m.filmed.file].arrayBuffer());
      let text = '';
      for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      file = btoa(text);
    }
    // The raw encoder: the worker's configuration (browser::webcodecs::video_config).
    const codec = reply.m.filmed?.video_codec;
    const bitrate = Math.round(8e6 * ((W * H) / (1920 * 1080)) ** 0.75 * (container === 'mp4' ? 1 : 0.75));
    const bitmap = await createImageBitmap(parts[0], { resizeWidth: W + 64, resizeHeight: H + 64 });
    const raw = async (moving) => {
      const canvas = new OffscreenCanvas(W, H);
      const ctx = canvas.getContext('2d');
      ctx.drawImage(bitmap, 0, 0);
      let wake = null;
      const encoder = new VideoEncoder({ output: () => wake?.(), error: (e) => { throw e; } });
      encoder.ondequeue = () => wake?.();
      const config = { codec, width: W, height: H, framerate: FPS, bitrate, latencyMode: 'quality' };
      if (container === 'mp4') config.avc = { format: 'avc' };
      encoder.configure(config);
      const count = 150;
      const t = performance.now();
      for (let k = 0; k < count; k++) {
        if (moving) ctx.drawImage(bitmap, -(k % 64), -(k % 64));
        const frame = new VideoFrame(canvas, { timestamp: Math.round((k * 1e6) / FPS), duration: Math.round(1e6 / FPS) });
        encoder.encode(frame, { keyFrame: k % (2 * FPS) === 0 });
        frame.close();
        while (encoder.encodeQueueSize > 4) await new Promise((resolve) => { wake = resolve; setTimeout(resolve, 50); });
      }
      await encoder.flush();
      encoder.close();
      return count / ((performance.now() - t) / 1000);
    };
    return { reply: reply.m, memory: reply.memory, total, first, file, rawStatic: await raw(false), rawMoving: await raw(true), bitrate };
  }, { message, W, H, FPS, seconds: N * SEC, container });
  if (!r.reply.filmed) throw new Error(`no film: ${JSON.stringify(r.reply)}`);
  const count = N * SEC * FPS;
  const file = path.join(dir, `film.${container}`);
  fs.writeFileSync(file, Buffer.from(r.file, 'base64'));
  const probe = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,nb_read_frames', '-of', 'json', file], { encoding: 'utf8' })).streams[0];
  const fps = count / (r.total / 1000);
  const results = {
    container, size: `${W}x${H}`, fps: FPS, frames: count, film_seconds: N * SEC,
    video_codec: r.reply.filmed.video_codec, bitrate: r.bitrate, bytes: r.reply.filmed.bytes,
    ffprobe: { codec: probe.codec_name, frames: Number(probe.nb_read_frames) },
    seconds: Number((r.total / 1000).toFixed(2)), film_fps: Number(fps.toFixed(1)),
    real_time: Number(((N * SEC) / (r.total / 1000)).toFixed(2)),
    first_frame_ms: Math.round(r.first),
    raw_static_fps: Number(r.rawStatic.toFixed(1)), raw_moving_fps: Number(r.rawMoving.toFixed(1)),
    raw_moving_over_film: Number((r.rawMoving / fps).toFixed(2)),
    worker_memory_mb: Number((r.memory / 1048576).toFixed(1)),
  };
  console.log(JSON.stringify(results, null, 1));
  const out = path.join(ROOT, 'bench', 'results', `film-worker${container === 'webm' ? '-webm' : ''}-${H}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(results, null, 1)}\n`);
} finally {
  await browser.close();
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
