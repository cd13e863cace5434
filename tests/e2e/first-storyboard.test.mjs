// The first storyboard, as a new user makes it: empty screen → photos through the file picker
// and by drop → captions (English and Chinese through an IME) → title → reorder by keyboard,
// mouse and touch → delete and undo → broken files get a named message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  useHarness, openEditor, screenshot, makePhoto, framesOnScreen, waitForFrames, dropFiles, SHARED_FIXTURES, writePhotos as writeInto,
} from './support.mjs';

const h = useHarness();

/** Generated photos in this file's temporary folder. */
const writePhotos = (page, count, options) => writeInto(page, h.dir, count, options);

const labels = async (page) => (await framesOnScreen(page)).map((f) => f.label);

test('the first screen invites dropping or choosing photos', async () => {
  const page = await openEditor(h.browser, h.server.url);
  const empty = page.locator('.empty-state');
  await empty.waitFor();
  assert.match(await empty.innerText(), /Start your storyboard/);
  assert.match(await empty.innerText(), /Drop photos/);
  assert.ok(await page.getByRole('button', { name: 'Choose photos' }).isVisible());
  assert.equal(await page.locator('.filmstrip').count(), 0);
  await screenshot(page, 'empty-state');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('photos from the picker and a drop become frames in order, upright, with thumbnails', async () => {
  const page = await openEditor(h.browser, h.server.url);
  const jpegs = await writePhotos(page, 2, { prefix: 'beach' });
  const png = (await writePhotos(page, 1, { prefix: 'map', type: 'image/png', width: 640, height: 480 }))[0];
  // A phone photo stored sideways with EXIF orientation 6: must show as a portrait.
  const rotated = path.join(SHARED_FIXTURES, 'Portrait_6.jpg');
  await page.locator('#photo-input').setInputFiles([jpegs[0], rotated, png, jpegs[1]]);
  await waitForFrames(page, 4);
  let frames = await framesOnScreen(page);
  assert.deepEqual(frames.map((f) => f.label), [
    'Frame 1: beach_1.jpg', 'Frame 2: Portrait_6.jpg', 'Frame 3: map_1.png', 'Frame 4: beach_2.jpg',
  ]);
  assert.deepEqual(frames.map((f) => f.number), ['1', '2', '3', '4']);
  assert.ok(frames[0].thumb.w > frames[0].thumb.h, 'landscape thumbnail');
  assert.ok(frames[1].thumb.h > frames[1].thumb.w, `EXIF-rotated photo is upright: ${JSON.stringify(frames[1].thumb)}`);
  assert.equal(Math.max(frames[1].thumb.w, frames[1].thumb.h), 480);

  const webp = await makePhoto(page, { width: 800, height: 600, label: 'W', type: 'image/webp', seed: 9 });
  await dropFiles(page, [{ name: 'dropped.webp', type: 'image/webp', bytes: webp }]);
  await waitForFrames(page, 5);
  frames = await framesOnScreen(page);
  assert.equal(frames[4].label, 'Frame 5: dropped.webp');
  assert.match(await page.locator('.frame-count').innerText(), /5 frames/);
  await screenshot(page, 'five-frames');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('captions in English and Chinese (IME), a title, keyboard reorder, delete and undo', async () => {
  const page = await openEditor(h.browser, h.server.url);
  await page.locator('#photo-input').setInputFiles(await writePhotos(page, 3, { prefix: 'shot' }));
  await waitForFrames(page, 3);

  await page.getByLabel('Caption for frame 1').fill('Opening: the old house 🏠');

  // Chinese through a real IME composition (pinyin "waipo" → 外婆, then "chufang" → 厨房).
  const caption2 = page.getByLabel('Caption for frame 2');
  await caption2.click();
  const cdp = await page.context().newCDPSession(page);
  for (const [steps, commit] of [[['w', 'wai', 'waip', 'waipo'], '外婆'], [['c', 'chu', 'chuf', 'chufang'], '的厨房']]) {
    for (const text of steps) {
      await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
    }
    await cdp.send('Input.insertText', { text: commit });
  }
  assert.equal(await caption2.inputValue(), '外婆的厨房', 'composition neither cut off nor duplicated');

  // Composing while an import keeps re-rendering the editor (progress, new frames).
  const title = page.getByLabel('Storyboard title');
  await title.fill('');
  await title.click();
  await page.locator('#photo-input').setInputFiles(await writePhotos(page, 4, { prefix: 'late', width: 2000, height: 1500 }));
  for (const text of ['g', 'gu', 'gus', 'gush', 'gushi']) {
    await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
    await page.waitForTimeout(120);
  }
  await cdp.send('Input.insertText', { text: '故事' });
  await waitForFrames(page, 7);
  assert.equal(await title.inputValue(), '故事', 'the composition survives re-renders');
  await page.locator('.scene-frames > li.frame-card').nth(6).focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('Delete');
  await title.fill('外婆的故事 · Grandma’s story');
  await caption2.focus();
  await page.keyboard.press('End');
  await page.keyboard.type(' kitchen');
  assert.equal(await caption2.inputValue(), '外婆的厨房 kitchen');

  // The state holds exactly what was typed: moving frame 2 re-renders every card from the state.
  await page.locator('.scene-frames > li.frame-card').nth(1).focus();
  await page.keyboard.press('Alt+ArrowLeft');
  let frames = await framesOnScreen(page);
  assert.deepEqual(frames.map((f) => f.caption), ['外婆的厨房 kitchen', 'Opening: the old house 🏠', '']);
  assert.deepEqual(frames.map((f) => f.label), ['Frame 1: 外婆的厨房 kitchen', 'Frame 2: Opening: the old house 🏠', 'Frame 3: shot_3.jpg']);
  assert.match(await page.locator('[aria-live=polite]').innerText(), /Frame 2 moved to position 1/);

  // Focus follows the moved frame: two more Alt+→ take it to the end; one more does nothing.
  await page.keyboard.press('Alt+ArrowRight');
  await page.keyboard.press('Alt+ArrowRight');
  await page.keyboard.press('Alt+ArrowRight');
  frames = await framesOnScreen(page);
  assert.deepEqual(frames.map((f) => f.caption), ['Opening: the old house 🏠', '', '外婆的厨房 kitchen']);

  // Delete the focused frame with the Delete key, then the first one with its button.
  await page.keyboard.press('Delete');
  assert.deepEqual((await framesOnScreen(page)).map((f) => f.caption), ['Opening: the old house 🏠', '']);
  await page.getByRole('button', { name: 'Delete frame 1' }).click();
  assert.deepEqual((await framesOnScreen(page)).map((f) => f.label), ['Frame 1: shot_3.jpg']);

  // Undo brings both back exactly where they were; redo deletes again.
  await page.locator('.scene-frames > li.frame-card').first().focus();
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  assert.deepEqual((await framesOnScreen(page)).map((f) => f.caption), ['Opening: the old house 🏠', '', '外婆的厨房 kitchen']);
  await page.keyboard.press('Control+Shift+z');
  assert.equal((await framesOnScreen(page)).length, 2);
  assert.equal(await page.getByLabel('Storyboard title').inputValue(), '外婆的故事 · Grandma’s story');
  await screenshot(page, 'captions-and-reorder');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('frames reorder by mouse drag and by touch drag', async () => {
  const page = await openEditor(h.browser, h.server.url, { hasTouch: true });
  await page.locator('#photo-input').setInputFiles(await writePhotos(page, 4, { prefix: 'drag' }));
  await waitForFrames(page, 4);
  const media = (i) => page.locator('.scene-frames > li.frame-card .frame-media').nth(i);

  // Mouse: drag frame 4 onto the left half of frame 1.
  const from = await media(3).boundingBox();
  const to = await media(0).boundingBox();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) {
    await page.mouse.move(from.x + from.width / 2 + (to.x + 10 - from.x - from.width / 2) * i / 10, to.y + to.height / 2);
  }
  assert.equal(await page.locator('.frame-card.drop-before').count(), 1, 'a drop marker shows where it will land');
  await page.mouse.up();
  assert.deepEqual(await labels(page), ['Frame 1: drag_4.jpg', 'Frame 2: drag_1.jpg', 'Frame 3: drag_2.jpg', 'Frame 4: drag_3.jpg']);

  // Touch: drag frame 1 by its grip to the right half of the last frame.
  const cdp = await page.context().newCDPSession(page);
  const grip = await page.locator('.scene-frames > li.frame-card .drag-grip').first().boundingBox();
  const last = await media(3).boundingBox();
  const start = { x: grip.x + grip.width / 2, y: grip.y + grip.height / 2 };
  const end = { x: last.x + last.width - 15, y: last.y + last.height / 2 };
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [start] });
  for (let i = 1; i <= 12; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: start.x + (end.x - start.x) * i / 12, y: start.y + (end.y - start.y) * i / 12 }] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  assert.deepEqual(await labels(page), ['Frame 1: drag_1.jpg', 'Frame 2: drag_2.jpg', 'Frame 3: drag_3.jpg', 'Frame 4: drag_4.jpg']);

  // A click without movement is not a drag.
  await media(1).click();
  assert.deepEqual(await labels(page), ['Frame 1: drag_1.jpg', 'Frame 2: drag_2.jpg', 'Frame 3: drag_3.jpg', 'Frame 4: drag_4.jpg']);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('files that are not decodable photos get a message naming the file; other frames stay', async () => {
  const page = await openEditor(h.browser, h.server.url);
  const good = await writePhotos(page, 2, { prefix: 'good' });
  const whole = fs.readFileSync(good[0]);
  const bad = {
    'notes.jpg': Buffer.from('Shot list\n1. wide, beach\n2. close-up, hands\n'),
    'cut-off.jpg': whole.subarray(0, Math.floor(whole.length * 0.6)),
    'empty.png': Buffer.alloc(0),
    'IMG_0042.HEIC': Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic\0\0\0\0mif1heic'), Buffer.alloc(64)]),
  };
  const badPaths = Object.entries(bad).map(([name, bytes]) => {
    const p = path.join(h.dir, name);
    fs.writeFileSync(p, bytes);
    return p;
  });
  await page.locator('#photo-input').setInputFiles([good[0], ...badPaths, good[1]]);
  await waitForFrames(page, 2);
  const alert = page.locator('.import-errors');
  await alert.waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.import-error').length === 4);
  const messages = await page.locator('.import-error').allInnerTexts();
  const byFile = Object.fromEntries(messages.map((m) => [m.split(':')[0], m]));
  assert.match(byFile['notes.jpg'], /not an image file/);
  assert.match(byFile['cut-off.jpg'], /cut off before its end/);
  assert.match(byFile['empty.png'], /empty \(0 bytes\)/);
  // A HEIC is decoded now; this one is a header and zeros, and is called damaged, by name.
  assert.match(byFile['IMG_0042.HEIC'], /the HEIC file is (damaged and cannot be read|cut off before its end)/);
  assert.match(await alert.innerText(), /4 files could not be added/);
  assert.deepEqual(await labels(page), ['Frame 1: good_1.jpg', 'Frame 2: good_2.jpg']);
  await screenshot(page, 'import-errors');

  // The message stays until dismissed; the worker keeps working afterwards.
  await page.getByRole('button', { name: 'Dismiss' }).click();
  assert.equal(await page.locator('.import-errors').count(), 0);
  await page.locator('#photo-input').setInputFiles([good[1]]);
  await waitForFrames(page, 3);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('twenty phone-size photos show per-photo progress while the page keeps responding', async () => {
  const page = await openEditor(h.browser, h.server.url);
  const photos = await writePhotos(page, 20, { prefix: 'phone', width: 4032, height: 3024 });
  const sizes = photos.map((p) => fs.statSync(p).size);
  console.log(`# 20 photos, 4032×3024, ${(sizes.reduce((a, b) => a + b) / 20 / 1e6).toFixed(1)} MB each on average`);

  // Watch for long main-thread tasks while importing (reported, not asserted as a time).
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  const started = Date.now();
  await page.locator('#photo-input').setInputFiles(photos);
  const progress = page.locator('.import-progress');
  await progress.waitFor();
  assert.match(await progress.innerText(), /Adding photos… \d+ of 20/);
  assert.ok(await page.locator('.import-item').count() === 20, 'one progress entry per photo');

  // While photos are still being processed, the page takes typing.
  await page.getByLabel('Storyboard title').fill('Typed during import');
  assert.equal(await page.getByLabel('Storyboard title').inputValue(), 'Typed during import');
  const midway = await page.locator('.import-progress').count();
  assert.equal(midway, 1, 'the import was still running while the title was typed');

  await waitForFrames(page, 20, 180_000);
  const elapsed = Date.now() - started;
  const longest = await page.evaluate(() => window.__longest);
  console.log(`# imported 20 in ${elapsed} ms; longest main-thread task ${longest.toFixed(0)} ms`);
  assert.deepEqual(await labels(page), photos.map((p, i) => `Frame ${i + 1}: ${path.basename(p)}`));
  assert.equal(await page.locator('.import-progress').count(), 0, 'progress goes away when done');
  await screenshot(page, 'twenty-photos');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
