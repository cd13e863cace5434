// HEIC photos as an iPhone user brings them to a laptop: a .heic made by Debian's heif-enc
// (libheif-examples, installed by scripts/setup.sh) from a portrait JPEG with its EXIF
// orientation and capture time becomes a frame: an upright thumbnail, the capture time on the
// card and in the inspector, kept across a reload, undo and a backup, exported as JPEG (no EXIF)
// with the .heic itself among the originals. A damaged .heic is refused with a message naming the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  useHarness, openEditor, makePhoto, withExif, framesOnScreen, waitForFrames, waitUntilSaved, download, readZip, screenshot,
  restoreInFreshBrowser,
} from './support.mjs';

const h = useHarness();

const hasHeifEnc = (() => {
  try { execFileSync('heif-enc', ['--help'], { stdio: 'ignore' }); return true; } catch (e) { return e.status !== undefined && e.code !== 'ENOENT'; }
})();

/** A 16 × 16 sample of the picture an <img> (or a blob's image) shows, as RGBA bytes. */
const sampleOf = (page, selector) => page.$eval(selector, (img) => {
  const c = document.createElement('canvas');
  c.width = 16; c.height = 16;
  c.getContext('2d').drawImage(img, 0, 0, img.naturalWidth, img.naturalHeight, 0, 0, 16, 16);
  return Array.from(c.getContext('2d').getImageData(0, 0, 16, 16).data);
});
const diff = (a, b) => a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0) / a.length;

test('a .heic from heif-enc becomes an upright frame with its capture time, survives a reload, undo and a backup, and exports', { skip: hasHeifEnc ? false : 'heif-enc is not installed (scripts/setup.sh installs libheif-examples)' }, async () => {
  const page = await openEditor(h.browser, h.server.url);
  // Stored 800 × 600, EXIF orientation 6: upright it is 600 × 800 (portrait).
  const jpeg = withExif(await makePhoto(page, { width: 800, height: 600, label: 'H', seed: 5 }), { orientation: 6, taken: '2024:05:17 09:12:33', offset: '+02:00' });
  const jpegPath = path.join(h.dir, 'portrait.jpg');
  fs.writeFileSync(jpegPath, jpeg);
  const heic = path.join(h.dir, 'IMG_0042.HEIC');
  execFileSync('heif-enc', ['-q', '85', '-o', heic, jpegPath]);
  const heicBytes = fs.readFileSync(heic);
  assert.equal(heicBytes.subarray(4, 12).toString('latin1'), 'ftypheic');
  const damaged = path.join(h.dir, 'IMG_0043.HEIC');
  fs.writeFileSync(damaged, heicBytes.subarray(0, Math.floor(heicBytes.length * 0.5)));

  await page.locator('#photo-input').setInputFiles([heic, damaged]);
  await waitForFrames(page, 1);
  await page.waitForFunction(() => document.querySelectorAll('.import-error').length === 1);
  assert.match(await page.locator('.import-error').innerText(), /^IMG_0043\.HEIC: the HEIC file is (cut off before its end|damaged and cannot be read)/);

  const [frame] = await framesOnScreen(page);
  assert.equal(frame.label, 'Frame 1: IMG_0042.HEIC');
  assert.deepEqual(frame.thumb, { w: 360, h: 480 }, 'an upright (portrait) thumbnail');
  // Its pixels are the JPEG's as the browser shows it upright (Chromium applies EXIF orientation).
  await page.evaluate((b64) => {
    const img = document.createElement('img');
    img.id = 'reference';
    img.src = URL.createObjectURL(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/jpeg' }));
    document.body.append(img);
    return img.decode();
  }, jpeg.toString('base64'));
  const upright = await sampleOf(page, '#reference');
  const thumb = await sampleOf(page, '.scene-frames > li.frame-card img');
  assert.ok(diff(thumb, upright) < 12, `the thumbnail is the upright photo (mean diff ${diff(thumb, upright).toFixed(1)})`);
  await page.evaluate(() => document.getElementById('reference').remove());
  assert.equal(await page.locator('.scene-frames > li.frame-card .frame-meta').innerText(), 'Taken 2024-05-17 09:12');

  // The inspector: the photo's name, upright size and capture time.
  await page.locator('.frame-card').first().click();
  const facts = page.locator('.inspector .photo-facts');
  await facts.waitFor();
  assert.match(await facts.innerText(), /IMG_0042\.HEIC · 600 × 800.*2024-05-17 09:12/s);
  // The crop tool shows it (Chromium cannot draw HEIC: the decoded thumbnail stands in).
  await page.getByRole('button', { name: 'Crop frame 1' }).click();
  const cropImage = page.getByRole('dialog', { name: 'Crop frame 1' }).locator('img').first();
  await cropImage.waitFor();
  assert.ok(await cropImage.evaluate((img) => img.decode().then(() => img.naturalWidth > 0)), 'the crop tool shows the photo');
  await page.keyboard.press('Escape');
  await screenshot(page, 'heic-frame');

  // Kept across a reload (autosave, the photo stored as the .heic it is).
  await page.getByRole('textbox', { name: 'Storyboard title', exact: true }).fill('HEIC');
  await waitUntilSaved(page);
  await page.reload();
  await waitForFrames(page, 1);
  const [again] = await framesOnScreen(page);
  assert.deepEqual([again.label, again.thumb], ['Frame 1: IMG_0042.HEIC', { w: 360, h: 480 }]);

  // Exported: the frame re-encoded as JPEG without EXIF; the original kept as the .heic.
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export storyboard' });
  await dialog.getByLabel(/Include the original photos/).check();
  const zip = await download(page, h.dir, () => dialog.getByRole('button', { name: 'Download ZIP (for a website)' }).click());
  const entries = await readZip(zip.bytes);
  const images = [...entries.keys()].filter((n) => n.startsWith('images/'));
  const originals = [...entries.keys()].filter((n) => n.startsWith('originals/'));
  assert.equal(images.length, 1);
  const image = entries.get(images[0]);
  assert.deepEqual([...image.subarray(0, 3)], [0xff, 0xd8, 0xff], 'a JPEG');
  assert.equal(image.indexOf(Buffer.from('Exif\0\0', 'latin1')), -1, 'without EXIF');
  assert.deepEqual(originals.map((n) => path.extname(n)), ['.heic']);
  assert.ok(entries.get(originals[0]).equals(heicBytes), 'the original is the .heic as added');
  await page.keyboard.press('Escape');

  // Undo takes the frame away and redo brings it back, upright.
  await page.locator('.frame-card').first().click();
  await page.keyboard.press('Delete');
  await waitForFrames(page, 0);
  await page.keyboard.press('Control+z');
  await waitForFrames(page, 1);
  assert.deepEqual((await framesOnScreen(page))[0].thumb, { w: 360, h: 480 });
  await waitUntilSaved(page);

  // A backup restored in a fresh browser brings back the .heic itself and the upright frame.
  await page.getByRole('button', { name: 'Boards', exact: true }).click();
  const library = page.getByRole('dialog', { name: 'Your storyboards' });
  const backup = await download(page, h.dir, () => library.getByRole('button', { name: 'Download backup' }).click());
  assert.ok([...(await readZip(backup.bytes)).values()].some((b) => b.equals(heicBytes)), 'the backup holds the .heic as added');
  assert.deepEqual(page.problems, []);
  await page.context().close();
  const fresh = await restoreInFreshBrowser(h.browser, h.server.url, backup.path, /Backup restored: 1 board\(s\) added, 1 photo\(s\)/, 'HEIC');
  await waitForFrames(fresh, 1);
  const [back] = await framesOnScreen(fresh);
  assert.deepEqual([back.label, back.thumb], ['Frame 1: IMG_0042.HEIC', { w: 360, h: 480 }]);
  assert.equal(await fresh.locator('.scene-frames > li.frame-card .frame-meta').innerText(), 'Taken 2024-05-17 09:12');
  assert.deepEqual(fresh.problems, []);
  await fresh.context().close();
});
