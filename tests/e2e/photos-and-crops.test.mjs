// Photos as phones take them, and the crop tool: EXIF orientation for all eight tags, capture
// time and sorting, hostile files handled by the worker (which keeps working and is retired after
// a huge photo), crops by mouse and keyboard, presets, and one crop per aspect ratio.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  useHarness, openEditor, screenshot, makePhoto, framesOnScreen, waitForFrames, writePhotos, withExif, cardCrops, cropBox, SHARED_FIXTURES, ROOT, openMenu
} from './support.mjs';

const h = useHarness();

const near = (a, b, eps = 0.002) => Math.abs(a - b) <= eps;
const write = (name, bytes) => { const p = path.join(h.dir, name); fs.writeFileSync(p, bytes); return p; };

test('all eight EXIF orientations show upright thumbnails of the right shape', async () => {
  const page = await openEditor(h.browser, h.server.url);
  const names = [];
  for (const kind of ['Landscape', 'Portrait']) for (let n = 0; n <= 8; n++) names.push(`${kind}_${n}.jpg`);
  await page.locator('#photo-input').setInputFiles(names.map((n) => path.join(SHARED_FIXTURES, n)));
  await waitForFrames(page, 18);
  const frames = await framesOnScreen(page);
  frames.forEach((f, i) => {
    const landscape = names[i].startsWith('Landscape');
    assert.equal(f.label, `Frame ${i + 1}: ${names[i]}`);
    assert.deepEqual(f.thumb, landscape ? { w: 480, h: 320 } : { w: 320, h: 480 }, names[i]);
  });
  // The pixels are upright too: the top band of every thumbnail matches its _0 photo's.
  const tops = await page.$$eval('.scene-frames > li.frame-card img', (imgs) => imgs.map((img) => {
    const c = document.createElement('canvas');
    c.width = 16; c.height = 16;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0, img.naturalWidth, img.naturalHeight, 0, 0, 16, 16);
    return Array.from(g.getImageData(0, 0, 16, 16).data);
  }));
  const diff = (a, b) => a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0) / a.length;
  for (let i = 0; i < 18; i++) {
    const reference = tops[i < 9 ? 0 : 9];
    assert.ok(diff(tops[i], reference) < 12, `${names[i]} looks like its _0 (mean diff ${diff(tops[i], reference).toFixed(1)})`);
  }
  await screenshot(page, 'orientations');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('capture time is shown and sorting by it is one undoable step', async () => {
  const page = await openEditor(h.browser, h.server.url);
  const photo = async (label, exif) => withExif(await makePhoto(page, { width: 800, height: 600, label, seed: label.length }), exif);
  const files = [
    write('evening.jpg', await photo('C', { taken: '2024:05:01 19:30:00', offset: '+08:00' })),
    write('no-time.jpg', await makePhoto(page, { width: 800, height: 600, label: '?' })),
    write('morning.jpg', await photo('A', { taken: '2024:05:01 08:05:00', offset: '+08:00', orientation: 1 })),
    write('noon.jpg', await photo('B', { taken: '2024:05:01 12:00:00' })),
  ];
  await page.locator('#photo-input').setInputFiles(files);
  await waitForFrames(page, 4);
  const metas = await page.$$eval('.scene-frames > li.frame-card', (lis) => lis.map((li) => li.querySelector('.frame-meta')?.textContent ?? null));
  assert.deepEqual(metas, ['Taken 2024-05-01 19:30', null, 'Taken 2024-05-01 08:05', 'Taken 2024-05-01 12:00']);
  await openMenu(page);
  await page.getByRole('button', { name: 'Sort by time' }).click();
  const order = async () => (await framesOnScreen(page)).map((f) => f.label.replace(/^Frame \d+: /, ''));
  assert.deepEqual(await order(), ['morning.jpg', 'noon.jpg', 'evening.jpg', 'no-time.jpg']);
  await page.getByRole('button', { name: /^Undo: Sort by capture time/ }).click();
  assert.deepEqual(await order(), ['evening.jpg', 'no-time.jpg', 'morning.jpg', 'noon.jpg']);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('hostile files get specific messages, the worker keeps working, and a huge photo retires its worker', async () => {
  // Count workers started and ended, and the most alive at once (observation only).
  const page = await openEditor(h.browser, h.server.url, {}, () => {
    window.__workers = { started: 0, ended: 0, maxLive: 0 };
    const Original = window.Worker;
    window.Worker = class extends Original {
      constructor(...args) {
        super(...args);
        const w = window.__workers;
        w.started++;
        w.maxLive = Math.max(w.maxLive, w.started - w.ended);
      }
      terminate() { window.__workers.ended++; super.terminate(); }
    };
  });
  const cores = await page.evaluate(() => Math.min(Math.max(navigator.hardwareConcurrency, 1), 4));

  // A PNG whose header claims 20000 × 20000 pixels (a decompression bomb), built byte by byte.
  const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
  const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  const chunk = (type, data) => { const len = Buffer.alloc(4); len.writeUInt32BE(data.length); const body = Buffer.concat([Buffer.from(type), data]); const c = Buffer.alloc(4); c.writeUInt32BE(crc(body)); return Buffer.concat([len, body, c]); };
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(20000, 0); ihdr.writeUInt32BE(20000, 4); ihdr[8] = 8; ihdr[9] = 2;
  const bomb = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr), chunk('IDAT', Buffer.from('789c030000000001', 'hex')), chunk('IEND', Buffer.alloc(0))]);
  const progressive = fs.readFileSync(path.join(ROOT, 'tests/fixtures/progressive.jpg'));
  let seed = 7; const noise = Buffer.from(Array.from({ length: 5000 }, () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff));
  const files = [
    write('bomb.png', bomb),
    write('progressive-cut.jpg', progressive.subarray(0, Math.floor(progressive.length / 2))),
    write('random.jpg', noise),
    write('fine.jpg', await makePhoto(page, { width: 640, height: 480, label: 'ok' })),
  ];
  await page.locator('#photo-input').setInputFiles(files);
  await waitForFrames(page, 1);
  await page.waitForFunction(() => document.querySelectorAll('.import-error').length === 3);
  const messages = Object.fromEntries((await page.locator('.import-error').allInnerTexts()).map((m) => [m.split(':')[0], m]));
  assert.match(messages['bomb.png'], /20000 × 20000 pixels \(400 MP\), more than the 100 MP/);
  assert.match(messages['progressive-cut.jpg'], /cut off before its end/);
  assert.match(messages['random.jpg'], /not an image file/);
  assert.deepEqual((await framesOnScreen(page)).map((f) => f.label), ['Frame 1: fine.jpg']);

  // A 27 MP JPEG is thumbnailed from a 1/8-scale decode: its worker stays small and is kept.
  await page.waitForTimeout(300); // let the last import hand its workers back
  const before = await page.evaluate(() => ({ ...window.__workers }));
  const hugeJpeg = write('huge.jpg', await makePhoto(page, { width: 6000, height: 4500, label: 'big', quality: 0.7 }));
  await page.locator('#photo-input').setInputFiles([hugeJpeg]);
  await waitForFrames(page, 2, 120_000);
  await page.waitForTimeout(300);
  const afterJpeg = await page.evaluate(() => ({ ...window.__workers }));
  assert.equal(afterJpeg.ended - before.ended, 0, `a scaled JPEG decode keeps its worker: ${JSON.stringify({ before, afterJpeg })}`);
  // A 27 MP WebP is decoded in full: its worker is ended afterwards and a fresh one takes over.
  const hugeWebp = write('huge.webp', await makePhoto(page, { width: 6000, height: 4500, label: 'big', type: 'image/webp', quality: 0.7 }));
  await page.locator('#photo-input').setInputFiles([hugeWebp]);
  await waitForFrames(page, 3, 120_000);
  await page.waitForTimeout(300);
  const afterHuge = await page.evaluate(() => ({ ...window.__workers }));
  assert.equal(afterHuge.ended - afterJpeg.ended, 1, `the worker that decoded 27 MP was ended: ${JSON.stringify({ afterJpeg, afterHuge })}`);
  await page.locator('#photo-input').setInputFiles([files[3]]);
  await waitForFrames(page, 4);
  const end = await page.evaluate(() => ({ ...window.__workers }));
  assert.ok(end.maxLive <= cores, `never more workers than cores (${cores}): ${JSON.stringify(end)}`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a photo that disappears from the disk after it was picked gets a message naming it; the rest are added', async () => {
  const page = await openEditor(h.browser, h.server.url);
  const photos = await writePhotos(page, h.dir, 12, { prefix: 'card', width: 2400, height: 1800 });
  const gone = path.join(h.dir, 'gone.jpg');
  fs.copyFileSync(photos[0], gone);
  await page.locator('#photo-input').setInputFiles([...photos, gone]);
  // Gone before its worker reads it (the twelve before it take a while): a USB stick pulled out.
  fs.unlinkSync(gone);
  await waitForFrames(page, 12, 60_000);
  const error = page.locator('.import-error');
  await error.waitFor();
  assert.match(await error.innerText(), /^gone\.jpg: the file could not be read \(.+\) — is it still there\?$/);
  assert.equal((await framesOnScreen(page)).length, 12);
  await page.context().close();
});

test('crop with the mouse, the keyboard and presets; each crop shows on the card and undoes', async () => {
  const page = await openEditor(h.browser, h.server.url);
  // 1800 × 1200 photo on a 16:9 board: the default crop is the full width, 0.84375 high, centred.
  await page.locator('#photo-input').setInputFiles([path.join(SHARED_FIXTURES, 'Landscape_0.jpg'), path.join(SHARED_FIXTURES, 'Portrait_0.jpg')]);
  await waitForFrames(page, 2);
  let [c] = await cardCrops(page);
  assert.ok(near(c[0], 0) && near(c[1], 0.078125) && near(c[2], 1) && near(c[3], 0.84375), `default crop ${c}`);

  await page.getByRole('button', { name: 'Crop frame 1' }).click();
  const dialog = page.getByRole('dialog', { name: 'Crop frame 1' });
  await dialog.waitFor();
  // Mouse: drag the bottom-right handle up-left to make the crop smaller (ratio stays 16:9).
  const handle = await page.locator('.crop-handle.br').boundingBox();
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  const stage = await page.locator('.crop-photo').boundingBox();
  await page.mouse.move(stage.x + stage.width * 0.55, stage.y + stage.height * 0.5, { steps: 8 });
  await page.mouse.up();
  c = await cropBox(page);
  assert.ok(near(c[0], 0) && near(c[1], 0.078125), `top-left corner stays: ${c}`);
  assert.ok(near(c[2], 0.55, 0.01), `the handle went to 55 % of the width: ${c}`);
  assert.ok(near((c[2] * 1800) / (c[3] * 1200), 16 / 9, 0.01), `still 16:9: ${c}`);
  // Mouse: drag the box itself to the right.
  const box = await page.locator('.crop-box').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + stage.width * 0.2, box.y + box.height / 2, { steps: 6 });
  await page.mouse.up();
  const moved = await cropBox(page);
  assert.ok(near(moved[0], 0.2, 0.01) && near(moved[2], c[2]), `moved right by a fifth: ${moved}`);

  // Keyboard: three ← move 3 %; Shift+↓ shrinks about the centre.
  await page.locator('.crop-box').focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
  c = await cropBox(page);
  assert.ok(near(c[0], moved[0] - 0.03), `keyboard move: ${c}`);
  await page.keyboard.press('Shift+ArrowDown');
  const shrunk = await cropBox(page);
  assert.ok(shrunk[2] < c[2] && near(shrunk[0] + shrunk[2] / 2, c[0] + c[2] / 2), `keyboard resize about the centre: ${shrunk}`);

  // Presets.
  await dialog.getByRole('button', { name: 'Fit' }).click();
  c = await cropBox(page);
  assert.ok(near(c[0], -0.0926, 0.001) && near(c[2], 1.1852, 0.001) && near(c[3], 1), `fit shows the whole photo with bars: ${c}`);
  await dialog.getByRole('button', { name: 'Reset' }).click();
  assert.deepEqual((await cropBox(page)).map((v) => +v.toFixed(4)), [0, 0.0781, 1, 0.8438]);
  await dialog.getByRole('button', { name: 'Fit' }).click();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  // The card shows the crop; focus is back on the frame.
  c = (await cardCrops(page))[0];
  assert.ok(near(c[2], 1.1852, 0.001), `card shows the fit crop: ${c}`);
  assert.ok(await page.evaluate(() => document.activeElement === document.querySelector('.frame-card')), 'focus is back on frame 1');
  await screenshot(page, 'crop-fit-card');
  // Undo walks back through the crop steps: Fit → Reset → Fit → keyboard → …
  await page.keyboard.press('Control+z');
  assert.deepEqual((await cardCrops(page))[0].map((v) => +v.toFixed(4)), [0, 0.0781, 1, 0.8438]);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  c = (await cardCrops(page))[0];
  assert.ok(near(c[2], shrunk[2]) && near(c[0], shrunk[0]), `back to the keyboard crop: ${c} vs ${shrunk}`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('each frame keeps its own crop per aspect ratio: 16:9 → 9:16 → 16:9 restores it', async () => {
  const page = await openEditor(h.browser, h.server.url, { hasTouch: true });
  await page.locator('#photo-input').setInputFiles([path.join(SHARED_FIXTURES, 'Landscape_0.jpg'), path.join(SHARED_FIXTURES, 'Landscape_1.jpg')]);
  await waitForFrames(page, 2);
  const ratio = () => page.$eval('.scene-frames > li.frame-card .cropped-photo', (el) => el.getBoundingClientRect().width / el.getBoundingClientRect().height);
  assert.ok(near(await ratio(), 16 / 9, 0.02));
  // A 16:9 crop of my own on frame 1, by keyboard.
  await page.getByRole('button', { name: 'Crop frame 1' }).click();
  await page.locator('.crop-box').focus();
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  const wide = await cropBox(page);
  await page.keyboard.press('Enter');

  await page.getByLabel('Aspect ratio', { exact: true }).selectOption('9:16');
  assert.ok(near(await ratio(), 9 / 16, 0.02), 'cards take the new shape');
  let [c1, c2] = await cardCrops(page);
  assert.ok(near((c1[2] * 1800) / (c1[3] * 1200), 9 / 16, 0.01), `derived 9:16 crop: ${c1}`);
  assert.ok(near(c1[0] + c1[2] / 2, wide[0] + wide[2] / 2), 'derived from my 16:9 crop, same centre');
  assert.ok(near(c2[0] + c2[2] / 2, 0.5), 'the untouched frame is centred');
  // A 9:16 crop of its own.
  await page.getByRole('button', { name: 'Crop frame 1' }).click();
  await page.locator('.crop-box').focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
  const tall = await cropBox(page);
  await page.keyboard.press('Escape');

  await page.getByLabel('Aspect ratio', { exact: true }).selectOption('16:9');
  assert.deepEqual((await cardCrops(page))[0], wide, 'the 16:9 crop is restored exactly');
  await page.getByLabel('Aspect ratio', { exact: true }).selectOption('9:16');
  assert.deepEqual((await cardCrops(page))[0], tall, 'and the 9:16 one too');
  // Touch: drag the 9:16 crop box with a finger to the right.
  await page.getByRole('button', { name: 'Crop frame 1' }).click();
  const cdp = await page.context().newCDPSession(page);
  const b = await page.locator('.crop-box').boundingBox();
  const photoBox = await page.locator('.crop-photo').boundingBox();
  const from = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [from] });
  for (let i = 1; i <= 8; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: from.x + photoBox.width * 0.1 * i / 8, y: from.y }] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  const touched = await cropBox(page);
  assert.ok(near(touched[0], tall[0] + 0.1, 0.01), `touch moved the crop a tenth right: ${touched} from ${tall}`);
  await page.keyboard.press('Escape');

  await page.getByLabel('Aspect ratio', { exact: true }).selectOption('1:1');
  assert.ok(near(await ratio(), 1, 0.02));
  await page.getByLabel('Aspect ratio', { exact: true }).selectOption('Free');
  await screenshot(page, 'aspect-free');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
