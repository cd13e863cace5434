// The benchmark suite in smoke mode (two small photos, a 12-frame board, every stage), so it
// keeps working: it must finish, print its table and write a JSON result with real numbers.
// Its figures are not judged here (speed targets live in BENCHMARKS.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './support.mjs';

const run = promisify(execFile);

test('bench/run.mjs runs every stage in smoke mode', async () => {
  const out = path.join(ROOT, 'bench/results/run.json');
  fs.rmSync(out, { force: true });
  const { stdout } = await run(process.execPath, [path.join(ROOT, 'bench/run.mjs'), '--smoke'], { cwd: ROOT, timeout: 600_000 });
  assert.match(stdout, /\| --- \| ---: \| --- \|/, 'prints a table');
  const result = JSON.parse(fs.readFileSync(out, 'utf8'));
  const numbers = {
    'import.first_thumbnail_ms': result.import.first_thumbnail_ms,
    'import.all_thumbnails_ms': result.import.all_thumbnails_ms,
    'import.longest_main_thread_task_ms': result.import.longest_main_thread_task_ms,
    'import.peak_memory_growth_mb': result.import.peak_memory_growth_mb,
    'baseline.all_thumbnails_ms': result.baseline.all_thumbnails_ms,
    'baseline.ours_over_baseline': result.baseline.ours_over_baseline,
    'export.html_ms': result.export.html_ms,
    'export.longest_main_thread_task_ms': result.export.longest_main_thread_task_ms,
    'cold_load.app_gzip_kb': result.cold_load.app_gzip_kb,
    'cold_load.ready_for_drop_ms': result.cold_load.ready_for_drop_ms,
    'scale.move_rerender_median_ms': result.scale.move_rerender_median_ms,
    'scale.big_type_median_ms': result.scale.big_type_median_ms,
    'scale.big_no_photos_type_median_ms': result.scale.big_no_photos_type_median_ms,
  };
  for (const [key, value] of Object.entries(numbers)) assert.ok(Number.isFinite(value), `${key} is a number: ${value}`);
  assert.equal(result.photos, 2);
  assert.ok(result.cold_load.app_gzip_kb > 50, 'the app was really loaded');
  assert.equal(result.cold_load.tasks_fetched_by_page_kb, 0, 'the tasks worker is not loaded with the page');
  assert.ok(result.cold_load.tasks_on_demand_gzip_kb > 20, 'the tasks worker was built');
});
