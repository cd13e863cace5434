// Debian's ffprobe and ffmpeg as test oracles for exported films (tools nobody here wrote).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';

/** ffprobe's streams and format of a file, its frames counted by decoding (`nb_read_frames`). */
export function probe(file) {
  const out = execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-show_streams', '-show_format', '-of', 'json', file]);
  return JSON.parse(out.toString());
}

/** `decodesCleanly`'s output options for a recording with a variable frame rate. */
export const VARIABLE_RATE = ['-fps_mode', 'passthrough', '-enc_time_base', '-1'];

/** A file's packets in file order, `{ time, duration }` (s; duration 0 where none is written), of
 * one kind of stream (`'video'`, `'audio'`) or of all. */
export function packets(file, codecType) {
  const only = codecType ? ['-select_streams', { video: 'v', audio: 'a' }[codecType]] : [];
  const out = execFileSync('ffprobe', ['-v', 'error', ...only, '-show_entries', 'packet=pts_time,duration_time', '-of', 'json', file]);
  return JSON.parse(out.toString()).packets.map((p) => ({ time: Number(p.pts_time), duration: Number(p.duration_time ?? 0) || 0 }));
}

/**
 * The file decodes from end to end with no error from ffmpeg (its exit status and its stderr).
 * `output` adds output options: a recording with a variable frame rate needs its frames passed
 * through as timed and in the file's own time base (`VARIABLE_RATE`), or ffmpeg's null muxer
 * complains of equal timestamps after rounding them to its guess of a constant rate (frames at
 * 0.000 and 0.012 s both land on tick 0 of 1/30 s) — ffmpeg's doing, not the file's.
 */
export function decodesCleanly(file, output = []) {
  const run = spawnSync('ffmpeg', ['-v', 'error', '-i', file, ...output, '-f', 'null', '-']);
  assert.equal(run.status, 0);
  assert.equal(run.stderr.toString().trim(), '', 'ffmpeg decodes the film without errors');
}

/**
 * ffmpeg's PSNR (dB, the average over the planes) of the first frame out of `graph` + `psnr`, a
 * filter graph over `inputs` (`[0]`, `[1]`…) that ends with the two pictures to compare, or ''
 * to compare the first two inputs as they are.
 */
export function psnr(inputs, graph = '') {
  const run = spawnSync('ffmpeg', [...inputs.flatMap((f) => ['-i', f]), '-lavfi', `${graph}psnr`, '-frames:v', '1', '-f', 'null', '-']);
  const err = run.stderr.toString();
  const m = /average:(inf|[\d.]+)/.exec(err);
  assert.ok(m, `ffmpeg printed no PSNR: ${err.slice(-400)}`);
  return m[1] === 'inf' ? Infinity : Number(m[1]);
}

/** The sound of a file as mono 48 kHz float samples. */
export function samples(file) {
  const raw = execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-vn', '-ac', '1', '-ar', '48000', '-f', 'f32le', '-'], { maxBuffer: 1 << 28 });
  return new Float32Array(raw.buffer, raw.byteOffset, raw.length / 4);
}

/** The amplitude of `freq` in `x` over [from, from + seconds) (Goertzel). */
export function tone(x, freq, from, seconds, rate = 48000) {
  const a = Math.round(from * rate), n = Math.round(seconds * rate);
  const k = 2 * Math.cos((2 * Math.PI * freq) / rate);
  let s1 = 0, s2 = 0;
  for (let i = a; i < Math.min(a + n, x.length); i++) {
    const s = x[i] + k * s1 - s2;
    s2 = s1; s1 = s;
  }
  return Math.sqrt(Math.max(0, s1 * s1 + s2 * s2 - k * s1 * s2)) / (n / 2);
}

/** When `freq` first sounds in `x` (s), searched in 2 ms steps from `from`, at half its level a little later. */
export function onset(x, freq, from, to) {
  const level = tone(x, freq, from + (to - from) / 2, 0.1);
  for (let t = from; t < to; t += 0.002) {
    if (tone(x, freq, t, 0.01) > level / 2) return t;
  }
  return null;
}
