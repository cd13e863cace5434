// Hostile files: a photo that is also an HTML page, declared `text/html` by its picker or by a
// backup, must only ever be shown as an image (a `blob:` URL opened in a tab would run its script
// in the editor's origin); a backup never replaces a stored photo's thumbnail, and never brings
// one of its own; the editor runs under its Content-Security-Policy with no violation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  useHarness, openEditor, waitForFrames, waitUntilSaved, makePhoto, readZip, writeZip, pngHtmlPolyglot, download,
} from './support.mjs';

const h = useHarness();

/** Records Content-Security-Policy violations from the first script on. */
const CSP_WATCH = () => {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
};
const SCRIPT = '<html><body><script>window.__pwned = true; document.title = "pwned";</script></body></html>';

/** The media type of every photo URL on the page: the cards' thumbnails and the crop tool's original. */
const shownTypes = (page) => page.evaluate(async () => {
  const urls = [...new Set([...document.querySelectorAll('img')].map((i) => i.src).filter((s) => s.startsWith('blob:')))];
  return Promise.all(urls.map(async (u) => (await fetch(u)).headers.get('content-type')));
});

/** Every photo URL is typed as the image its bytes are: the PNG original (when the crop tool shows it) and JPEG thumbnails. */
function assertImages(types, { original = true } = {}) {
  assert.ok(types.length > 0, 'photos are shown');
  assert.deepEqual(types.filter((t) => t !== 'image/png' && t !== 'image/jpeg'), [], `only image types: ${types}`);
  if (original) assert.ok(types.includes('image/png'), `the original is shown as the PNG it is: ${types}`);
}

/** Opens a `blob:` URL in a new tab of the same browser profile, as "Open image in new tab" does. */
async function openInTab(page, url) {
  const tab = await page.context().newPage();
  await tab.goto(url);
  const result = await tab.evaluate(() => ({ pwned: window.__pwned === true, contentType: document.contentType, title: document.title }));
  await tab.close();
  return result;
}

/** The mean colour of frame `n`'s thumbnail as shown, [r, g, b]. */
const thumbColour = (page, n) => page.evaluate(async (n) => {
  const img = document.querySelectorAll('.filmstrip .scene-frames > li.frame-card img')[n];
  const bitmap = await createImageBitmap(await (await fetch(img.src)).blob());
  const c = new OffscreenCanvas(16, 16);
  const g = c.getContext('2d');
  g.drawImage(bitmap, 0, 0, 16, 16);
  const d = g.getImageData(0, 0, 16, 16).data;
  const sum = [0, 0, 0];
  for (let i = 0; i < d.length; i += 4) for (let k = 0; k < 3; k++) sum[k] += d[i + k];
  return sum.map((v) => Math.round(v / 256));
}, n);

async function openLibrary(page) {
  await page.getByRole('button', { name: 'Boards', exact: true }).click();
  return page.getByRole('dialog', { name: 'Your storyboards' });
}

test('a photo that is also an HTML page is only ever shown as an image, and a backup cannot change it or its thumbnail', async () => {
  const page = await openEditor(h.browser, h.server.url, {}, CSP_WATCH);
  const png = await makePhoto(page, { width: 800, height: 600, type: 'image/png', label: 'P', seed: 3 });
  const polyglot = await pngHtmlPolyglot(png, SCRIPT);
  // Named .svg, the picker types it `image/svg+xml`: the photo is kept typed as what it decodes as.
  await page.locator('#photo-input').setInputFiles({ name: 'family.svg', mimeType: 'image/svg+xml', buffer: polyglot });
  await waitForFrames(page, 1);
  await page.getByRole('textbox', { name: 'Storyboard title', exact: true }).fill('Polyglot');
  await waitUntilSaved(page);
  await page.getByRole('button', { name: 'Crop frame 1' }).click();
  await page.getByRole('dialog', { name: 'Crop frame 1' }).waitFor();
  assertImages(await shownTypes(page));
  const original = await page.locator('.crop-tool img, [role=dialog] img').first().getAttribute('src');
  const tab = await openInTab(page, original);
  assert.equal(tab.pwned, false, 'opened in a tab, the photo runs no script');
  assert.equal(tab.contentType, 'image/png');
  await page.keyboard.press('Escape');
  const before = await thumbColour(page, 0);

  // A backup of it, edited by hand: the photo declared `text/html`, its thumbnail a blue square.
  const dialog = await openLibrary(page);
  const backup = await download(page, h.dir, () => dialog.getByRole('button', { name: 'Download backup' }).click());
  const entries = await readZip(backup.bytes);
  const manifest = JSON.parse(entries.get('flowboard-backup.json'));
  assert.equal(manifest.photos.length, 1);
  manifest.photos[0].mime = 'text/html';
  entries.set('flowboard-backup.json', Buffer.from(JSON.stringify(manifest)));
  const blue = await page.evaluate(async () => {
    const c = new OffscreenCanvas(480, 360);
    const g = c.getContext('2d');
    g.fillStyle = 'rgb(0, 0, 255)';
    g.fillRect(0, 0, 480, 360);
    return [...new Uint8Array(await (await c.convertToBlob({ type: 'image/jpeg' })).arrayBuffer())];
  });
  entries.set(`thumbs/${manifest.photos[0].id}.jpg`, Buffer.from(blue));
  const hostile = path.join(h.dir, 'hostile-backup.zip');
  fs.writeFileSync(hostile, await writeZip([...entries]));

  // Restored where the photo is already stored: nothing of it changes, even after a reload.
  await dialog.getByLabel('Backup file to restore').setInputFiles(hostile);
  await dialog.getByText(/Backup restored/).waitFor({ timeout: 30_000 });
  await page.keyboard.press('Escape');
  await page.reload();
  await waitForFrames(page, 1);
  assert.deepEqual(await thumbColour(page, 0), before, 'the stored thumbnail is untouched');
  assertImages(await shownTypes(page), { original: false });
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'no Content-Security-Policy violation');
  assert.deepEqual(page.problems, []);
  await page.context().close();

  // Restored in a browser that has never seen it: the photo is an image, its thumbnail is made
  // from the photo (not the backup's blue square), and nothing runs.
  const fresh = await openEditor(h.browser, h.server.url, {}, CSP_WATCH);
  const d2 = await openLibrary(fresh);
  await d2.getByLabel('Backup file to restore').setInputFiles(hostile);
  await d2.getByText(/Backup restored: 1 board\(s\) added, 1 photo\(s\)\./).waitFor({ timeout: 30_000 });
  await d2.getByRole('button', { name: 'Open Polyglot' }).click();
  await waitForFrames(fresh, 1);
  const restored = await thumbColour(fresh, 0);
  assert.ok(restored.every((v, k) => Math.abs(v - before[k]) <= 12), `thumbnail made from the photo: ${restored} vs ${before}`);
  assert.ok(!(restored[2] > 200 && restored[0] < 40), 'not the backup\'s blue square');
  await fresh.getByRole('button', { name: 'Crop frame 1' }).click();
  await fresh.getByRole('dialog', { name: 'Crop frame 1' }).waitFor();
  assertImages(await shownTypes(fresh));
  const src = await fresh.locator('[role=dialog] img').first().getAttribute('src');
  assert.equal((await openInTab(fresh, src)).pwned, false);
  assert.deepEqual(await fresh.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(fresh.problems, []);
  await fresh.context().close();
});

/**
 * Rewrites every stored photo record as an older build (or a hostile backup) could have left it:
 * `retype` keeps the bytes but types the original `text/html` and the thumbnail `image/svg+xml`;
 * `html` replaces both with script-carrying HTML and SVG.
 */
const plantPhotos = (page, mode, html) => page.evaluate(({ mode, html }) => new Promise((resolve, reject) => {
  const open = indexedDB.open('flowboard');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const tx = open.result.transaction('photos', 'readwrite');
    const store = tx.objectStore('photos');
    const all = store.getAll();
    const keys = store.getAllKeys();
    tx.oncomplete = () => { open.result.close(); resolve(); };
    tx.onerror = () => reject(tx.error);
    keys.onsuccess = () => all.result.forEach((record, i) => {
      const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>window.__pwned = true</script></svg>';
      const original = new Blob([mode === 'retype' ? record.original : html], { type: 'text/html' });
      const thumb = new Blob([mode === 'retype' ? record.thumb : svg], { type: 'image/svg+xml' });
      store.put({ ...record, original, thumb }, keys.result[i]);
    });
  };
}), { mode, html });

test('photos stored with any other type (by an older build) are retyped from their bytes, and one that is no image is not shown', async () => {
  const page = await openEditor(h.browser, h.server.url, {}, CSP_WATCH);
  const png = await makePhoto(page, { width: 640, height: 480, type: 'image/png', label: 'S', seed: 5 });
  await page.locator('#photo-input').setInputFiles({ name: 'stored.png', mimeType: 'image/png', buffer: await pngHtmlPolyglot(png, SCRIPT) });
  await waitForFrames(page, 1);
  await waitUntilSaved(page);
  // The original and thumbnail as an older build could have stored them: typed text/html.
  await plantPhotos(page, 'retype');
  await page.reload();
  await waitForFrames(page, 1);
  assertImages(await shownTypes(page), { original: false });
  await page.getByRole('button', { name: 'Crop frame 1' }).click();
  const src = await page.locator('[role=dialog] img').first().getAttribute('src');
  assert.equal((await openInTab(page, src)).pwned, false);
  await page.keyboard.press('Escape');
  // A record whose bytes are no image at all: the frame says its photo is missing; nothing is shown from it.
  await plantPhotos(page, 'html', SCRIPT);
  await page.reload();
  await page.locator('.filmstrip .frame-card').first().waitFor();
  await page.getByText(/was not found in this browser's storage/).first().waitFor();
  assert.deepEqual(await shownTypes(page), [], 'no photo URL at all');
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a board at the frame cap says how many photos were not added, and what a duplicate left out', async () => {
  const { storedDocuments, replicate, plantBoard } = await import('./big-boards.mjs');
  const page = await openEditor(h.browser, h.server.url);
  const jpeg = await makePhoto(page, { width: 640, height: 480, label: 'C' });
  await page.locator('#photo-input').setInputFiles({ name: 'cap.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  await waitForFrames(page, 1);
  await waitUntilSaved(page);
  const [doc] = await storedDocuments(page);
  await plantBoard(page, replicate(doc, 1_999, { id: 'b-near-the-cap', title: 'Nearly full' }));
  await page.reload();
  await page.locator('.filmstrip .frame-card').nth(1_998).waitFor({ state: 'attached', timeout: 60_000 });
  const photos = await Promise.all([1, 2, 3].map((i) => makePhoto(page, { width: 320, height: 240, label: String(i), seed: i })));
  await page.locator('#photo-input').setInputFiles(photos.map((buffer, i) => ({ name: `more-${i + 1}.jpg`, mimeType: 'image/jpeg', buffer })));
  await page.getByText('Not added: 2 photo(s). A storyboard holds at most 2,000 frames.').first().waitFor();
  await page.locator('.filmstrip .frame-card').nth(1_999).waitFor({ state: 'attached' });
  assert.equal(await page.locator('.filmstrip .frame-card').count(), 2_000);
  // Full: a duplicate adds nothing and says why.
  await page.locator('.filmstrip .frame-card').first().click();
  await page.keyboard.press('Control+d');
  await page.getByText('Not duplicated: 1 frame(s). A storyboard holds at most 2,000 frames.').first().waitFor();
  assert.equal(await page.locator('.filmstrip .frame-card').count(), 2_000);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
