// The benchmarks in smoke mode (tiny sizes), so they keep working: each must finish, print its
// table and write a JSON result with real numbers. Their figures are not judged here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './support.mjs';

const run = promisify(execFile);

for (const [script, args, file, keys] of [
  ['bench/scale.mjs', ['--frames', '12', '--rounds', '4'], 'scale.json', ['move_rerender_ms', 'build_board_ms']],
  ['bench/import.mjs', ['--photos', '2'], 'import.json', ['first_thumbnail_ms', 'all_thumbnails_ms', 'longest_main_thread_task_ms']],
  ['bench/export.mjs', ['--photos', '2', '--width', '800'], 'export.json', ['export_html_ms', 'per_frame_ms', 'browser_jpeg_encode_1920_ms']],
]) {
  test(`${script} runs in smoke mode`, async () => {
    const out = path.join(ROOT, 'bench/results', file);
    fs.rmSync(out, { force: true });
    const { stdout } = await run(process.execPath, [path.join(ROOT, script), ...args], { cwd: ROOT, timeout: 180_000 });
    assert.match(stdout, /\| --- \|/, 'prints a table');
    const result = JSON.parse(fs.readFileSync(out, 'utf8'));
    for (const key of keys) {
      const value = typeof result[key] === 'object' ? result[key].median : result[key];
      assert.ok(Number.isFinite(value) && value >= 0, `${key} is a number: ${JSON.stringify(result[key])}`);
    }
  });
}
