#!/usr/bin/env node
// How much speech is lost or repeated at a cut when recording while presenting, three ways, in
// headless Chromium with its fake microphone (no app build needed):
//   stop/start — stop the MediaRecorder at "next" and start a new one;
//   overlap    — start the new one first, then stop the old;
//   one stream — one recorder for the whole take (what the editor does: each frame a part of it).
// The microphone plays a 30 ms beep every 250 ms; the beeps' onsets in the decoded clips give
// where the second clip starts relative to the end of the first (gap > 0: speech lost; < 0:
// repeated). Within one stream the beeps must stay 250 ms apart. Also: how long after start()
// the recorder says it started, and when each 1 s chunk arrives.
// Usage: node bench/recording-cuts.mjs   (writes bench/results/recording-cuts.json)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { launch, fakeMicrophone, wavTones, ROOT } from '../tests/e2e/support.mjs';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowboard-cuts-'));
const wav = path.join(dir, 'beeps.wav');
const PERIOD = 0.25;
const parts = [];
for (let i = 0; i < 40; i++) parts.push({ seconds: 0.03, freq: 1000 }, { seconds: PERIOD - 0.03, freq: 0 });
fs.writeFileSync(wav, wavTones(parts));
const server = http.createServer((q, r) => { r.setHeader('content-type', 'text/html'); r.end('<!doctype html><title>cuts</title>'); });
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const browser = await launch(fakeMicrophone(wav));
try {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  const result = await page.evaluate(async (PERIOD) => {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    const ctx = new AudioContext();
    const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
    const rec = (mimeType) => {
      const r = new MediaRecorder(stream, { mimeType });
      const chunks = [], arrivals = [];
      const t0 = performance.now();
      let began = null;
      r.ondataavailable = (e) => { chunks.push(e.data); arrivals.push(performance.now()); };
      const started = new Promise((res) => { r.onstart = () => { began = performance.now(); res(began - t0); }; });
      const stopped = new Promise((res) => { r.onstop = res; });
      r.start(1000);
      return { r, chunks, started, stopped, arrivals: () => arrivals.map((t) => Math.round(t - began)) };
    };
    const decode = async (chunks, type) => ctx.decodeAudioData(await new Blob(chunks, { type }).arrayBuffer());
    const onsets = (buf) => {
      const d = buf.getChannelData(0), o = [];
      let quiet = Infinity;
      for (let i = 0; i < d.length; i++) {
        if (Math.abs(d[i]) > 0.1) { if (quiet > buf.sampleRate * 0.05) o.push(i / buf.sampleRate); quiet = 0; } else quiet++;
      }
      return o;
    };
    // Where clip b starts after the end of clip a, in ms (modulo the beep period, folded to ±125).
    const gap = (a, b) => {
      const oa = onsets(a), ob = onsets(b);
      let g = ((oa.at(-1) + PERIOD - ob[0] - a.duration) % PERIOD + PERIOD) % PERIOD;
      if (g > PERIOD / 2) g -= PERIOD;
      return Math.round(g * 1000);
    };
    const out = {};
    for (const type of ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4']) {
      if (!MediaRecorder.isTypeSupported(type)) { out[type] = 'not recorded by this browser'; continue; }
      const stopStart = [], overlap = [], startLatency = [];
      for (let k = 0; k < 5; k++) {
        const x = rec(type); startLatency.push(Math.round(await x.started)); await sleep(1530 + 37 * k);
        x.r.stop(); const y = rec(type); await y.started; await x.stopped; await sleep(1200); y.r.stop(); await y.stopped;
        stopStart.push(gap(await decode(x.chunks, type), await decode(y.chunks, type)));
        const u = rec(type); await u.started; await sleep(1530 + 37 * k);
        const v = rec(type); await v.started; u.r.stop(); await u.stopped; await sleep(1200); v.r.stop(); await v.stopped;
        overlap.push(gap(await decode(u.chunks, type), await decode(v.chunks, type)));
      }
      const z = rec(type); await z.started; await sleep(4200); z.r.stop(); await z.stopped;
      const on = onsets(await decode(z.chunks, type));
      const intervals = on.slice(1).map((t, i) => t - on[i]);
      out[type] = {
        stopStartGapMs: stopStart, overlapGapMs: overlap,
        oneStreamBeepSpacingMs: [Math.min(...intervals), Math.max(...intervals)].map((x) => +(x * 1000).toFixed(1)),
        startEventAfterStartMs: startLatency, chunkArrivalsMs: z.arrivals(),
      };
    }
    return out;
  }, PERIOD);
  console.log(JSON.stringify(result, null, 1));
  fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'bench/results/recording-cuts.json'), JSON.stringify(result, null, 1));
} finally {
  await browser.close();
  server.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
