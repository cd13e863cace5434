// Debian's ffprobe and ffmpeg as test oracles for exported films (tools nobody here wrote).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';

/** ffprobe's streams and format of a file, its frames counted by decoding (`nb_read_frames`). */
export function probe(file) {
  const out = execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-show_streams', '-show_format', '-of', 'json', file]);
  return JSON.parse(out.toString());
}

/** The file decodes from end to end with no error from ffmpeg (its exit status and its stderr). */
export function decodesCleanly(file) {
  const run = spawnSync('ffmpeg', ['-v', 'error', '-i', file, '-f', 'null', '-']);
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
