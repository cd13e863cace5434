// Export: the single-file HTML (opened from file://, with and without JavaScript, navigated by
// keyboard, click and swipe), the ZIP bundle served from a static folder, both re-opened in the
// editor, storyboard sheets printed to PDF, the shot list, and a hostile caption everywhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  useHarness, openEditor, screenshot, framesOnScreen, waitForFrames, writePhotos, withExif, readZip, download, cardCrops, ROOT, openExportDialog,
} from './support.mjs';
import { createServer } from '../../scripts/static-server.mjs';

const HOSTILE = '</script><img src=x onerror=alert(1)>';
const h = useHarness();

/** Stubs window.print (headless Chromium has no print dialog) and counts the calls. */
const stubPrint = () => { window.__printed = 0; window.print = () => { window.__printed += 1; }; };

/**
 * A board a creator would export: 5 photos (one with EXIF), two scenes, a hostile caption, a
 * Chinese caption, a shot type, a title and a square aspect.
 */
async function makeBoard(page) {
  const files = await writePhotos(page, h.dir, 5, { prefix: 'shot', label: (i) => `S${i}`, width: 1200, height: 900 });
  fs.writeFileSync(files[1], withExif(fs.readFileSync(files[1]), { orientation: 1, taken: '2024:05:01 10:00:00', offset: '+08:00' }));
  await page.locator('#photo-input').setInputFiles(files);
  await waitForFrames(page, 5);
  const captionOf = (i) => page.locator('.scene-frames > li.frame-card').nth(i).getByRole('textbox', { name: /caption/i });
  await captionOf(0).fill(HOSTILE);
  await captionOf(1).fill('奶奶的厨房');
  await captionOf(1).blur();
  await page.getByRole('textbox', { name: 'Storyboard title', exact: true }).fill('家庭故事 Family');
  await page.locator('.scene-frames > li.frame-card').nth(0).click();
  await page.locator('.inspector').getByLabel('Shot type', { exact: true }).fill('Close-up');
  // Scene 2 starts at the selected frame 4 (one photo has a capture time: nothing to group by).
  await page.locator('.scene-frames > li.frame-card').nth(3).click();
  await page.getByRole('button', { name: '+ Group into scenes' }).click();
  await page.getByLabel('Aspect ratio', { exact: true }).selectOption('1:1');
  return snapshot(page);
}

/** What the editor shows of a board, to compare an original with its re-opened copy. */
async function snapshot(page) {
  return {
    title: await page.getByRole('textbox', { name: 'Storyboard title', exact: true }).inputValue(),
    aspect: await page.getByLabel('Aspect ratio', { exact: true }).inputValue(),
    frames: (await framesOnScreen(page)).map((f) => ({ number: f.number, caption: f.caption })),
    scenes: await page.locator('.scene').count(),
    crops: await cardCrops(page),
  };
}

/**
 * A board of `count` generated photos (`photo`: writePhotos options) with the export dialog open;
 * `downloads()` counts the files the page has downloaded since.
 */
async function exportOf(page, count, photo) {
  const files = await writePhotos(page, h.dir, count, photo);
  await page.locator('#photo-input').setInputFiles(files);
  await waitForFrames(page, count);
  let downloads = 0;
  page.on('download', () => { downloads += 1; });
  return { dialog: await openExportDialog(page), downloads: () => downloads };
}

/** Opens a downloaded bundle in the editor through the file picker; waits for the new board. */
async function reopen(page, file, frames) {
  await page.locator('#photo-input').setInputFiles(file);
  await page.getByText(/Opened “.*” as a new board/).waitFor({ timeout: 60_000 });
  await waitForFrames(page, frames);
}

/** Watches a page for anything a safe, offline bundle must never do. */
function watch(page) {
  const bad = [];
  page.on('dialog', (d) => { bad.push(`dialog: ${d.message()}`); d.dismiss(); });
  page.on('pageerror', (e) => bad.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') bad.push(`console: ${m.text()}`); });
  page.on('request', (r) => { if (!/^(file|data):/.test(r.url()) && !r.url().startsWith(page.__base ?? '\0')) bad.push(`request: ${r.url()}`); });
  return bad;
}

test('single-file HTML: exported, opened from file:// with and without JavaScript, navigated, re-opened exactly', async () => {
  const page = await openEditor(h.browser, h.server.url);
  const original = await makeBoard(page);
  const dialog = await openExportDialog(page);
  assert.match(await dialog.getByTestId('export-privacy').innerText(), /EXIF, GPS\) are not included/);
  await dialog.getByLabel('1280 px').check();
  const html = await download(page, h.dir, () => dialog.getByRole('button', { name: 'Download HTML (one file)' }).click());
  assert.equal(html.name, '家庭故事 Family.html');
  await dialog.getByText(/Exported “家庭故事 Family.html”: 5 frame images,/).waitFor();
  const text = html.bytes.toString('utf8');
  assert.match(text, /^<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:;/);
  assert.ok(!/https?:\/\//.test(text), 'no URL of any host in the page');
  assert.ok(!text.includes('<img src=x'), 'the caption is never markup');
  const images = [...text.matchAll(/src="data:image\/jpeg;base64,([^"]+)"/g)].map((m) => Buffer.from(m[1], 'base64'));
  assert.equal(images.length, 5);
  for (const jpeg of images) assert.ok(!jpeg.includes(Buffer.from('Exif')), 'no EXIF in an exported image');

  // Opened from disk, with JavaScript: the grid, the literal caption, the slideshow.
  const context = await h.browser.newContext({ viewport: { width: 1000, height: 700 } });
  const viewer = await context.newPage();
  const bad = watch(viewer);
  await viewer.goto(pathToFileURL(html.path).href);
  assert.equal(await viewer.title(), '家庭故事 Family');
  assert.deepEqual(await viewer.locator('.fb-scene h2').allInnerTexts(), ['Scene 1', 'Scene 2']);
  assert.equal(await viewer.locator('.fb-frame').count(), 5);
  assert.equal(await viewer.locator('.fb-cap').first().textContent(), HOSTILE);
  assert.equal(await viewer.locator('img[src=x]').count(), 0);
  assert.ok(await viewer.locator('.fb-frame img').first().evaluate((i) => i.complete && i.naturalWidth === 900 && i.naturalHeight === 900), 'a square crop of a 1200×900 photo, not enlarged');
  assert.match(await viewer.locator('.fb-fields').first().innerText(), /Shot type\s+Close-up/);
  await viewer.locator('.fb-open').first().click();
  const show = viewer.locator('#fb-show');
  assert.ok(await show.isVisible());
  const pos = () => show.locator('.fb-pos').innerText();
  assert.equal(await pos(), '1 / 5');
  assert.equal(await show.locator('.fb-cap').textContent(), HOSTILE);
  await viewer.keyboard.press('ArrowRight');
  assert.equal(await pos(), '2 / 5');
  assert.equal(await show.locator('.fb-cap').textContent(), '奶奶的厨房');
  await viewer.keyboard.press('End');
  assert.equal(await pos(), '5 / 5');
  await show.getByRole('button', { name: 'Previous frame' }).click();
  assert.equal(await pos(), '4 / 5');
  // A swipe to the left goes on; a tap on the left third goes back.
  await viewer.mouse.move(700, 300);
  await viewer.mouse.down();
  await viewer.mouse.move(300, 310, { steps: 5 });
  await viewer.mouse.up();
  assert.equal(await pos(), '5 / 5');
  await viewer.mouse.click(100, 300);
  assert.equal(await pos(), '4 / 5');
  await viewer.keyboard.press('Escape');
  assert.ok(await show.isHidden());
  await screenshot(viewer, 'export-html-viewer');
  assert.deepEqual(bad, [], 'no dialog, error, CSP violation or request');
  await context.close();

  // Without JavaScript the grid is all there.
  const noScript = await h.browser.newContext({ javaScriptEnabled: false });
  const still = await noScript.newPage();
  await still.goto(pathToFileURL(html.path).href);
  assert.equal(await still.locator('.fb-frame img').count(), 5);
  assert.equal(await still.locator('.fb-cap').nth(1).textContent(), '奶奶的厨房');
  await noScript.close();

  // Re-opened in the editor: a new board with the same scenes, order, captions, title, aspect.
  await reopen(page, html.path, 5);
  const back = await snapshot(page);
  assert.deepEqual({ ...back, crops: undefined }, { ...original, crops: undefined });
  back.crops.forEach((c) => assert.deepEqual(c, [0, 0, 1, 1], 'exported crops come back as the whole (fixed) image'));
  assert.ok(await page.getByRole('button', { name: 'Crop frame 1.1' }).isDisabled(), 'no crop tool without the original');
  assert.match(await page.locator('.inspector').innerText(), /Close-up|Shot type/);
  assert.deepEqual(page.problems, []);
});

test('ZIP bundle with originals: served from a static folder, re-opened with crops still editable', async () => {
  const page = await openEditor(h.browser, h.server.url);
  const original = await makeBoard(page);
  const dialog = await openExportDialog(page);
  await dialog.getByLabel(/Include the original photos/).check();
  assert.match(await dialog.getByTestId('export-privacy').innerText(), /original photos are included exactly as you added them/);
  const zip = await download(page, h.dir, () => dialog.getByRole('button', { name: 'Download ZIP (for a website)' }).click());
  assert.equal(zip.name, '家庭故事 Family.zip');
  const entries = await readZip(zip.bytes);
  const names = [...entries.keys()];
  assert.ok(names.includes('index.html') && names.includes('storyboard.json'));
  assert.equal(names.filter((n) => n.startsWith('images/')).length, 5);
  assert.equal(names.filter((n) => n.startsWith('originals/')).length, 5);
  const manifest = JSON.parse(entries.get('storyboard.json').toString('utf8'));
  assert.equal(manifest.format, 'flowboard-bundle');
  assert.equal(manifest.version, 1);
  assert.equal(manifest.board.scenes[0].frames[0].caption, HOSTILE);

  // Unpacked into a folder and served as plain files under a sub-path.
  const site = path.join(h.dir, 'site');
  for (const [name, bytes] of entries) {
    fs.mkdirSync(path.dirname(path.join(site, name)), { recursive: true });
    fs.writeFileSync(path.join(site, name), bytes);
  }
  const host = createServer({ dir: site, base: '/boards/family/' });
  await new Promise((r) => host.listen(0, '127.0.0.1', r));
  try {
    const context = await h.browser.newContext();
    const viewer = await context.newPage();
    viewer.__base = `http://127.0.0.1:${host.address().port}/boards/family/`;
    const bad = watch(viewer);
    await viewer.goto(viewer.__base);
    await viewer.waitForFunction(() => [...document.querySelectorAll('.fb-frame img')].every((i) => i.complete && i.naturalWidth > 0));
    assert.equal(await viewer.locator('.fb-frame img').count(), 5);
    assert.equal(await viewer.locator('.fb-cap').first().textContent(), HOSTILE);
    await viewer.keyboard.press('Tab');
    await viewer.keyboard.press('Tab');
    await viewer.keyboard.press('Enter');
    assert.ok(await viewer.locator('#fb-show').isVisible(), 'a frame opens from the keyboard');
    assert.deepEqual(bad, []);
    await context.close();
  } finally {
    host.closeAllConnections?.();
    await new Promise((r) => host.close(r));
  }

  // Re-opened: identical, crops included, and the crop tool works (originals came along).
  await reopen(page, zip.path, 5);
  assert.deepEqual(await snapshot(page), original);
  await page.getByRole('button', { name: 'Crop frame 1.3' }).click();
  assert.ok(await page.locator('.crop-box').isVisible(), 'crop tool opens on a re-opened frame');
  await page.keyboard.press('Escape');
  assert.deepEqual(page.problems, []);
});

test('print to PDF: storyboard sheets with page x of y, scenes on new pages; the shot list', async () => {
  const page = await openEditor(h.browser, h.server.url, {}, stubPrint);
  await makeBoard(page);
  const dialog = await openExportDialog(page);
  await dialog.getByLabel('Frames per page').selectOption('2');
  await dialog.getByRole('button', { name: 'Print / Save as PDF…' }).click();
  await page.waitForFunction(() => window.__printed === 1);
  assert.equal(await page.locator('.print-sheets').getAttribute('data-ready'), 'true');
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const pdfPath = path.join(h.dir, 'sheets.pdf');
  fs.writeFileSync(pdfPath, pdf);
  const pdfjs = await import(pathToFileURL(path.join(ROOT, 'node_modules/pdfjs-dist/legacy/build/pdf.mjs')).href);
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  // Scene 1 has 3 frames (2 pages at 2 per page), scene 2 starts a new page with 2.
  assert.equal(doc.numPages, 3);
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    // pdf.js splits runs of text (CJK into single characters): compare without whitespace.
    pages.push(content.items.map((i) => i.str).join('').replace(/\s+/g, ''));
  }
  pages.forEach((t, i) => assert.ok(t.includes(`Page${i + 1}of3`) && t.includes('家庭故事Family'), `header on page ${i + 1}: ${t}`));
  assert.ok(pages[0].includes(HOSTILE.replace(/\s+/g, '')), 'the caption prints as text');
  assert.ok(pages[0].includes('Shottype:Close-up') && pages[0].includes('奶奶的厨房'));
  assert.ok(pages[1].startsWith('家庭故事FamilyScene1') && pages[2].includes('Scene2'), 'scene 2 starts page 3');
  await doc.destroy();

  // The shot list: a BOM, a header and one row per frame, Chinese intact.
  const csv = await download(page, h.dir, () => dialog.getByRole('button', { name: 'Shot list (CSV)' }).click());
  assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const rows = csv.bytes.toString('utf8').slice(1).trim().split('\r\n');
  assert.equal(rows.length, 6);
  assert.ok(rows[0].startsWith('Number,Scene,Shot in scene,Caption'));
  assert.ok(rows[2].includes('奶奶的厨房'));
  assert.deepEqual(page.problems, []);
});

test('a file that is not a storyboard, or a damaged one, says so and leaves the board alone', async () => {
  const page = await openEditor(h.browser, h.server.url);
  const files = await writePhotos(page, h.dir, 2, { prefix: 'keep' });
  await page.locator('#photo-input').setInputFiles(files);
  await waitForFrames(page, 2);
  const fake = path.join(h.dir, 'notes.zip');
  fs.writeFileSync(fake, 'just some text, renamed');
  await page.locator('#photo-input').setInputFiles(fake);
  await page.getByText(/“notes.zip” could not be opened: this is not a Flowboard storyboard export/).waitFor();
  const page2 = path.join(h.dir, 'page.html');
  fs.writeFileSync(page2, '<!doctype html><title>x</title><script type="application/json" id="flowboard-bundle">{"format":"flowboard-bundle","version":99,"board":{}}</script>');
  await page.locator('#photo-input').setInputFiles(page2);
  await page.getByText(/“page.html” could not be opened: this storyboard was exported by a newer version of Flowboard/).waitFor();
  assert.equal((await framesOnScreen(page)).length, 2, 'the open board is untouched');
  assert.deepEqual(page.problems, []);
});

test('an export shows its progress and can be cancelled; nothing is downloaded', async () => {
  const page = await openEditor(h.browser, h.server.url);
  const { dialog, downloads } = await exportOf(page, 8, { prefix: 'big', width: 3200, height: 2400 });
  await dialog.getByLabel('3840 px').check();
  await dialog.getByRole('button', { name: 'Download HTML (one file)' }).click();
  const progress = dialog.getByRole('progressbar', { name: 'Exporting frames' });
  await progress.waitFor();
  assert.equal(await progress.getAttribute('max'), '8');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.getByText('Export cancelled; nothing was downloaded.').waitFor({ timeout: 30_000 });
  assert.equal(await progress.count(), 0, 'the progress bar is gone');
  assert.ok(await dialog.getByRole('button', { name: 'Download HTML (one file)' }).isEnabled(), 'a new export can start');
  await page.waitForTimeout(500);
  assert.equal(downloads(), 0);
  assert.deepEqual(page.problems, []);
});

test('a tasks worker from another version, or one that cannot load, is refused with a way out; the next export works', async () => {
  // Service workers blocked: the routes below must see the worker's requests.
  const page = await openEditor(h.browser, h.server.url, { serviceWorkers: 'block' });
  const { dialog, downloads } = await exportOf(page, 2, { prefix: 'tw', width: 800, height: 600 });
  const html = dialog.getByRole('button', { name: 'Download HTML (one file)' });

  // A page opened before an update meets the new tasks worker: its first message names another
  // protocol version.
  await page.route('**/tasks_loader.js', (r) => r.fulfill({ contentType: 'text/javascript', body: 'postMessage({ ready: 1 });' }));
  await html.click();
  await dialog.getByText(/export and backup helper did not start: Flowboard was updated since this page was opened — reload the page \(your work is saved\)/).waitFor({ timeout: 30_000 });
  await page.unroute('**/tasks_loader.js');

  // The worker's code does not load (a dropped connection): said so, not a 20 s wait.
  await page.route('**/tasks_loader.js', (r) => r.abort());
  const t = Date.now();
  await html.click();
  await dialog.getByText(/export and backup helper did not start: its code could not be loaded/).waitFor({ timeout: 30_000 });
  assert.ok(Date.now() - t < 15_000, `told at once, not after the start limit (${Date.now() - t} ms)`);
  await page.unroute('**/tasks_loader.js');
  assert.equal(downloads(), 0, 'nothing downloaded');
  assert.equal((await framesOnScreen(page)).length, 2, 'the board is untouched');

  // Once the worker loads again, the export goes through.
  const exported = await download(page, h.dir, () => html.click());
  assert.match(exported.name, /\.html$/);
  assert.ok(exported.bytes.length > 10_000, `an export of ${exported.bytes.length} bytes`);
  assert.deepEqual(page.problems.filter((p) => !/tasks_loader\.js/.test(p)), []);
});
