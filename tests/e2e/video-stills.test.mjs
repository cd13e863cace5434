// Stills from a video clip, as a workshop participant brings the moment: clips made here by
// Debian's ffmpeg (installed by scripts/setup.sh) — H.264 MP4 and VP9 WebM whose every frame shows
// its own number in binary (ten white boxes, box k lit when bit k is set), and a clip of solid
// colour shots. Picks land within one frame of the asked time (the number is read back from the
// stored still), scene changes are found at the cuts, the stills become frames with thumbnails
// and timecodes that survive a reload, undo in one step, export and come back from a backup; hostile clips are refused
// with a message and nothing else changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  useHarness, openEditor, waitForFrames, framesOnScreen, waitUntilSaved, storedDocuments, download, screenshot,
  restoreInFreshBrowser,
} from './support.mjs';

const h = useHarness();

const hasFfmpeg = (() => {
  try { execFileSync('ffmpeg', ['-hide_banner', '-version'], { stdio: 'ignore' }); return true; } catch { return false; }
})();
const skip = hasFfmpeg ? false : 'ffmpeg is not installed (scripts/setup.sh installs it)';

const FPS = 30;
const BITS = 10;

/** Makes a clip with ffmpeg from a lavfi graph; returns its path. */
function clip(name, graph, codec, seconds) {
  const out = path.join(h.dir, name);
  const enc = codec === 'h264' ? ['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-g', String(FPS)]
    : codec === 'hevc' ? ['-c:v', 'libx265', '-tag:v', 'hvc1', '-x265-params', 'log-level=error']
      : ['-c:v', 'libvpx-vp9', '-b:v', '400k', '-g', String(FPS)];
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', graph, '-t', String(seconds), ...enc, out]);
  return out;
}

/** A black 320 × 240 clip whose frame n shows n in binary: box k (left to right) white when bit k is set. */
function numbered(name, codec, seconds = 6) {
  const boxes = Array.from({ length: BITS }, (_, k) =>
    `drawbox=x=${8 + k * 30}:y=90:w=24:h=60:color=white:t=fill:enable='gte(mod(n\\,${2 ** (k + 1)})\\,${2 ** k})'`).join(',');
  return clip(name, `color=c=black:s=320x240:r=${FPS}:d=${seconds},${boxes}`, codec, seconds);
}

/** The frame number a still shows (its bits read at the boxes' centres, scaled to its size). */
const frameNumber = (page, photoId) => page.evaluate(async ({ photoId, BITS }) => {
  const record = await new Promise((resolve, reject) => {
    const open = indexedDB.open('flowboard');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const get = open.result.transaction('photos').objectStore('photos').get(photoId);
      get.onsuccess = () => resolve(get.result);
      get.onerror = () => reject(get.error);
    };
  });
  const bitmap = await createImageBitmap(record.original);
  const c = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = c.getContext('2d');
  ctx.drawImage(bitmap, 0, 0);
  const sx = bitmap.width / 320;
  const sy = bitmap.height / 240;
  let n = 0;
  for (let k = 0; k < BITS; k++) {
    const [r] = ctx.getImageData(Math.round((8 + k * 30 + 12) * sx), Math.round(120 * sy), 1, 1).data;
    if (r > 128) n |= 1 << k;
  }
  return { n, type: record.original.type, width: bitmap.width };
}, { photoId, BITS });

/** The mean colour of a stored still. */
const stillColour = (page, photoId) => page.evaluate(async (photoId) => {
  const record = await new Promise((resolve) => {
    const open = indexedDB.open('flowboard');
    open.onsuccess = () => {
      const get = open.result.transaction('photos').objectStore('photos').get(photoId);
      get.onsuccess = () => resolve(get.result);
    };
  });
  const bitmap = await createImageBitmap(record.original);
  const c = new OffscreenCanvas(1, 1);
  const ctx = c.getContext('2d');
  ctx.drawImage(bitmap, 0, 0, 1, 1);
  return Array.from(ctx.getImageData(0, 0, 1, 1).data.slice(0, 3));
}, photoId);

const dialog = (page) => page.getByRole('dialog', { name: /^Stills from / });

/** Moves the scrubber to `t` seconds as a person dragging it does, then presses A. */
async function pickAt(page, t, expectedCount) {
  await page.$eval('.stills-position', (el, t) => {
    el.value = String(t);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, t);
  await page.locator('.stills-position').press('a');
  await dialog(page).getByText(new RegExp(`^${expectedCount} stills? picked$`)).waitFor();
}

async function framesOfBoard(page) {
  const [doc] = await storedDocuments(page);
  return doc.board.scenes.flatMap((s) => s.frames);
}

test('picks by scrubbing land within a frame of the asked time, undo in one step, survive a reload, export and a backup', { skip }, async () => {
  const mp4 = numbered('numbered clip.mp4', 'h264');
  const page = await openEditor(h.browser, h.server.url);
  await page.locator('#photo-input').setInputFiles(mp4);
  await dialog(page).waitFor();
  await dialog(page).locator('.stills-strip img').nth(7).waitFor();
  assert.equal(await dialog(page).locator('.stills-strip img').count(), 8, 'a filmstrip of thumbnails');
  const asked = [1.5, 0.7, 4.2];
  for (const [i, t] of asked.entries()) await pickAt(page, t, i + 1);
  assert.deepEqual(await dialog(page).locator('.stills-at').allInnerTexts(), ['0:00.700', '0:01.500', '0:04.200']);
  await screenshot(page, 'video-stills-dialog');
  const started = Date.now();
  await dialog(page).getByRole('button', { name: 'Add 3 frames' }).click();
  await waitForFrames(page, 3);
  console.log(`3 stills of a 320 × 240 H.264 clip: frames on screen ${Date.now() - started} ms after Add`);
  assert.equal(await dialog(page).count(), 0, 'the dialog closes');
  await waitUntilSaved(page);

  const frames = await framesOfBoard(page);
  assert.deepEqual(frames.map((f) => f.still), [0.7, 1.5, 4.2].map((at) => ({ clip: 'numbered clip.mp4', at })));
  for (const [i, f] of frames.entries()) {
    const { n, type, width } = await frameNumber(page, f.photo);
    const want = [0.7, 1.5, 4.2][i] * FPS;
    assert.ok(Math.abs(n - want) <= 1, `asked ${want / FPS} s = frame ${want}, the still shows frame ${n}`);
    assert.equal(type, 'image/jpeg');
    assert.equal(width, 320, 'the still is the clip\'s own size');
  }
  const cards = await framesOnScreen(page);
  assert.equal(cards[0].label, 'Frame 1: numbered clip 0m00.700s.jpg');

  // The inspector shows the clip and the timecode.
  await page.locator('.scene-frames > li.frame-card').nth(1).click();
  await page.getByText('Still from the video numbered clip.mp4 at 0:01.500').waitFor();

  // One undo step takes all three away; redo brings them back.
  await page.keyboard.press('Control+z');
  await waitForFrames(page, 0);
  await page.keyboard.press('Control+Shift+z');
  await waitForFrames(page, 3);
  // Stored again with its three stills before the reload. (Waiting for the status line's
  // "Saved" here timed out once in 3 full runs while passing alone; the stored document is what
  // the reload needs, and the status is printed if it is not stored.)
  for (const until = Date.now() + 30_000; ;) {
    const stored = (await framesOfBoard(page)).filter((f) => f.still).length;
    if (stored === 3) break;
    if (Date.now() > until) {
      const status = await page.getByTestId('save-status').innerText();
      assert.fail(`the redone stills are not stored after 30 s (${stored} stored; the status says “${status}”)`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  await page.reload();
  await waitForFrames(page, 3);
  await page.locator('.scene-frames > li.frame-card').nth(2).click();
  await page.getByText('Still from the video numbered clip.mp4 at 0:04.200').waitFor();

  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export storyboard' });
  const csv = await download(page, h.dir, () => exportDialog.getByRole('button', { name: 'Shot list (CSV)' }).click());
  const rows = csv.bytes.toString('utf8').slice(1).trim().split('\r\n');
  assert.ok(rows[0].endsWith(',Video still'), rows[0]);
  assert.ok(rows[2].endsWith(',numbered clip.mp4 at 0:01.500'), rows[2]);
  const html = await download(page, h.dir, () => exportDialog.getByRole('button', { name: 'Download HTML (one file)' }).click());
  const images = html.bytes.toString('utf8').match(/data:image\/jpeg;base64,/g) || [];
  assert.ok(images.length >= 3, `${images.length} frame images in the exported page`);
  await page.keyboard.press('Escape');

  // A backup restored in a fresh browser brings the stills back with their clip and timecode.
  await page.getByRole('textbox', { name: 'Storyboard title', exact: true }).fill('Clip stills');
  await waitUntilSaved(page);
  await page.getByRole('button', { name: 'Boards', exact: true }).click();
  const library = page.getByRole('dialog', { name: 'Your storyboards' });
  const backup = await download(page, h.dir, () => library.getByRole('button', { name: 'Download backup' }).click());
  assert.deepEqual(page.problems, []);
  await page.context().close();
  const fresh = await restoreInFreshBrowser(h.browser, h.server.url, backup.path, /Backup restored: 1 board\(s\) added, 3 photo\(s\)/, 'Clip stills');
  await waitForFrames(fresh, 3);
  assert.deepEqual((await framesOfBoard(fresh)).map((f) => f.still), frames.map((f) => f.still));
  await fresh.locator('.scene-frames > li.frame-card').nth(1).click();
  await fresh.getByText('Still from the video numbered clip.mp4 at 0:01.500').waitFor();
  const { n } = await frameNumber(fresh, frames[1].photo);
  assert.ok(Math.abs(n - 1.5 * FPS) <= 1, `the restored still shows frame ${n}`);
  assert.deepEqual(fresh.problems, []);
  await fresh.context().close();
});

test('a VP9 WebM picked every second; a scene scan can be cancelled', { skip }, async () => {
  const webm = numbered('numbers.webm', 'vp9', 5);
  const page = await openEditor(h.browser, h.server.url);
  await page.locator('#photo-input').setInputFiles(webm);
  await dialog(page).waitFor();
  const every = dialog(page).getByRole('button', { name: 'Pick at this interval' });
  await every.and(page.locator(':enabled')).waitFor();
  await dialog(page).getByLabel('Every (seconds)').fill('1');
  const started = Date.now();
  await every.click();
  await dialog(page).getByText('5 stills picked').waitFor({ timeout: 60_000 });
  console.log(`every 1 s of a 5 s VP9 clip: 5 stills in ${Date.now() - started} ms`);
  assert.deepEqual(await dialog(page).locator('.stills-at').allInnerTexts(), ['0:00.000', '0:01.000', '0:02.000', '0:03.000', '0:04.000']);

  // A scene scan, stopped: what was picked before stays, nothing is added.
  await dialog(page).getByRole('button', { name: 'Pick at scene changes' }).click();
  await dialog(page).locator('.stills-progress').waitFor();
  await dialog(page).locator('.stills-stop').click();
  await dialog(page).getByText('Stopped: the stills taken so far are kept.').waitFor();
  await dialog(page).getByText('5 stills picked').waitFor();

  await dialog(page).getByRole('button', { name: 'Add 5 frames' }).click();
  await waitForFrames(page, 5);
  await waitUntilSaved(page);
  const frames = await framesOfBoard(page);
  for (const [i, f] of frames.entries()) {
    const { n } = await frameNumber(page, f.photo);
    assert.ok(Math.abs(n - i * FPS) <= 1, `${i} s: frame ${n}`);
  }
  assert.deepEqual(page.problems, []);
});

test('scene changes are found at the cuts of a clip of solid colour shots', { skip }, async () => {
  const shots = [['red', 2], ['0x00C000', 1.5], ['blue', 1.5], ['yellow', 1]];
  const inputs = shots.map(([c, d]) => `color=c=${c}:s=320x180:r=${FPS}:d=${d}`);
  const graph = `${inputs.map((s, i) => `${s}[v${i}]`).join(';')};${shots.map((_, i) => `[v${i}]`).join('')}concat=n=${shots.length}:v=1:a=0`;
  const mp4 = path.join(h.dir, 'four shots.mp4');
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', graph, '-c:v', 'libx264', '-pix_fmt', 'yuv420p', mp4]);
  const page = await openEditor(h.browser, h.server.url);
  await page.locator('#photo-input').setInputFiles(mp4);
  await dialog(page).waitFor();
  const scenes = dialog(page).getByRole('button', { name: 'Pick at scene changes' });
  await scenes.and(page.locator(':enabled')).waitFor();
  const started = Date.now();
  await scenes.click();
  await dialog(page).getByText('4 stills picked').waitFor({ timeout: 90_000 });
  console.log(`scene changes of a 6 s clip: 4 stills in ${Date.now() - started} ms`);
  await dialog(page).getByRole('button', { name: 'Add 4 frames' }).click();
  await waitForFrames(page, 4);
  await waitUntilSaved(page);
  const frames = await framesOfBoard(page);
  const cuts = [0, 2, 3.5, 5];
  for (const [i, f] of frames.entries()) {
    assert.ok(Math.abs(f.still.at - cuts[i]) <= 1 / FPS + 0.001, `cut ${i} at ${cuts[i]} s: still at ${f.still.at} s`);
  }
  const colours = [];
  for (const f of frames) colours.push(await stillColour(page, f.photo));
  const [red, green, blue, yellow] = colours;
  assert.ok(red[0] > 200 && red[1] < 50 && red[2] < 50, `red ${red}`);
  assert.ok(green[1] > 150 && green[0] < 50 && green[2] < 50, `green ${green}`);
  assert.ok(blue[2] > 200 && blue[0] < 50 && blue[1] < 50, `blue ${blue}`);
  assert.ok(yellow[0] > 200 && yellow[1] > 200 && yellow[2] < 60, `yellow ${yellow}`);
  assert.deepEqual(page.problems, []);
});

test('clips that cannot be used are refused with a message naming them; nothing else changes', { skip }, async () => {
  const hevc = clip('IMG_0001.MOV', `testsrc2=s=320x240:r=${FPS}`, 'hevc', 1);
  const whole = fs.readFileSync(numbered('whole.mp4', 'h264', 2));
  const cutMp4 = path.join(h.dir, 'cut off.mp4');
  fs.writeFileSync(cutMp4, whole.subarray(0, Math.floor(whole.length * 0.6)));
  const wholeWebm = fs.readFileSync(numbered('whole.webm', 'vp9', 2));
  const cutWebm = path.join(h.dir, 'cut off.webm');
  fs.writeFileSync(cutWebm, wholeWebm.subarray(0, Math.floor(wholeWebm.length * 0.6)));
  const text = path.join(h.dir, 'notes.mp4');
  fs.writeFileSync(text, 'not a video at all, only some words');
  // 4.3 GB, sparse: the clip's head, then nothing. Refused from its size before a byte is read.
  const huge = path.join(h.dir, 'whole day.mp4');
  fs.writeFileSync(huge, whole);
  fs.truncateSync(huge, 4.3e9);

  const page = await openEditor(h.browser, h.server.url);
  await page.locator('#photo-input').setInputFiles([hevc, cutMp4, cutWebm, text, huge]);
  const notices = page.getByTestId('restore-notice').locator('li');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="restore-notice"] li').length === 5, null, { timeout: 60_000 });
  const said = (await notices.allInnerTexts()).sort();
  assert.deepEqual(said.map((s) => s.split(/[ :]/)[0]).sort(), ['IMG_0001.MOV', 'cut', 'cut', 'notes.mp4', 'whole'].sort());
  const find = (name) => said.find((s) => s.startsWith(name));
  assert.match(find('IMG_0001.MOV'), /^IMG_0001\.MOV: this browser cannot decode its HEVC \(H\.265\) video — convert it to H\.264/);
  assert.match(find('cut off.mp4'), /^cut off\.mp4 is cut off before its end \([\d.]+ of [\d.]+ MB\)/);
  assert.match(find('cut off.webm'), /^cut off\.webm is cut off before its end/);
  assert.match(find('notes.mp4'), /^notes\.mp4 (could not be read as a video|: this browser cannot decode)/);
  assert.match(find('whole day.mp4'), /^whole day\.mp4 is 4,300 MB, more than the 2,147 MB a video clip may have/);
  assert.equal(await dialog(page).count(), 0, 'no dialog opened');
  assert.equal((await framesOnScreen(page)).length, 0);
  assert.deepEqual(page.problems, []);

  // The same refusal in Chinese and Italian.
  for (const [lang, words] of [['zh', /^IMG_0001\.MOV：此浏览器无法解码其 HEVC \(H\.265\) 视频/], ['it', /^IMG_0001\.MOV: questo browser non sa decodificare il suo video HEVC \(H\.265\)/]]) {
    const other = await openEditor(h.browser, `${h.server.url}?lang=${lang}`);
    await other.locator('#photo-input').setInputFiles(hevc);
    await other.getByTestId('restore-notice').locator('li').first().waitFor();
    assert.match(await other.getByTestId('restore-notice').locator('li').first().innerText(), words);
    await other.context().close();
  }
});
