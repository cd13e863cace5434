// The storyboard as people see it (issue 16, defects 1–4): printed sheets keep every frame's
// shape at 2, 3, 6 and 9 per page (read back from the PDF with pdf.js); the presentation fits
// frames of any shape (Free aspect) between the top of the screen and the caption and controls,
// on a laptop and a phone; the exported page's slideshow plays each frame for its duration with a
// timeline and pauses; on a phone's one-column filmstrip a card dragged straight up or down by
// touch moves there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import {
  useHarness, openEditor, screenshot, framesOnScreen, waitForFrames, writePhotos, download, SCREENSHOTS, ROOT, openMenu
} from './support.mjs';

const h = useHarness();

/** Stubs window.print (headless Chromium has no print dialog) and counts the calls. */
const stubPrint = () => { window.__printed = 0; window.print = () => { window.__printed += 1; }; };

async function exportDialog(page) {
  const dialog = page.getByRole('dialog', { name: 'Export storyboard' });
  if (!(await dialog.isVisible())) await page.getByRole('button', { name: 'Export', exact: true }).click();
  return dialog;
}

/** Every image drawn on a PDF page: its drawn box in points and its size in pixels. */
async function imagesOf(pdfjs, pdfPage) {
  const { fnArray, argsArray } = await pdfPage.getOperatorList();
  const { OPS } = pdfjs;
  const mul = (m, n) => [
    m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5],
  ];
  let ctm = [1, 0, 0, 1, 0, 0];
  const stack = [];
  const images = [];
  fnArray.forEach((fn, k) => {
    const args = argsArray[k];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = mul(ctm, args);
    else if (fn === OPS.paintFormXObjectBegin) { stack.push(ctm); if (args[0]) ctm = mul(ctm, args[0]); }
    else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.paintImageXObject || fn === OPS.paintInlineImageXObject) {
      const [w, hgt] = fn === OPS.paintImageXObject ? [args[1], args[2]] : [args[0].width, args[0].height];
      images.push({ width: Math.hypot(ctm[0], ctm[1]), height: Math.hypot(ctm[2], ctm[3]), pixels: [w, hgt] });
    }
  });
  return images;
}

test('printed sheets keep every frame\'s shape at 2, 3, 6 and 9 per page, from images sharp enough for 150 dpi', async () => {
  const page = await openEditor(h.browser, h.server.url, {}, stubPrint);
  // 16:9 photos on a 16:9 board: each frame's crop is its whole photo, so the drawn image is the frame.
  const files = await writePhotos(page, h.dir, 4, { prefix: 'wide', width: 1600, height: 900 });
  await page.locator('#photo-input').setInputFiles(files);
  await waitForFrames(page, 4);
  await page.getByRole('textbox', { name: 'Storyboard title', exact: true }).fill('Sheets');
  assert.equal(await page.getByLabel('Aspect ratio', { exact: true }).inputValue(), '16:9');
  const pdfjs = await import(pathToFileURL(path.join(ROOT, 'node_modules/pdfjs-dist/legacy/build/pdf.mjs')).href);
  const wrong = [];
  let printed = 0;
  for (const perPage of [2, 3, 6, 9]) {
    const dialog = await exportDialog(page);
    await dialog.getByLabel('Frames per page').selectOption(String(perPage));
    await dialog.getByRole('button', { name: 'Print / Save as PDF…' }).click();
    printed += 1;
    await page.waitForFunction((n) => window.__printed === n, printed);
    await page.locator(`.print-sheets.per-${perPage}[data-ready=true]`).waitFor({ state: 'attached' });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const pdfPath = path.join(SCREENSHOTS, `print-${perPage}-per-page.pdf`);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    fs.writeFileSync(pdfPath, pdf);
    try {
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdfPath, path.join(SCREENSHOTS, `print-${perPage}-per-page`)]);
    } catch { /* poppler-utils not installed: the PDF is kept */ }
    const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
    const drawn = [];
    for (let n = 1; n <= doc.numPages; n++) drawn.push(...await imagesOf(pdfjs, await doc.getPage(n)));
    await doc.destroy();
    assert.equal(drawn.length, 4, `${perPage} per page: every frame prints one image`);
    for (const img of drawn) {
      const aspect = img.width / img.height;
      // Sharp enough: at least the printed size at 150 dpi (a point is 1/72 inch).
      const needed = [Math.ceil((img.width / 72) * 150), Math.ceil((img.height / 72) * 150)];
      console.log(`${perPage} per page: drawn ${img.width.toFixed(1)}×${img.height.toFixed(1)} pt (aspect ${aspect.toFixed(4)}), image ${img.pixels.join('×')} px, 150 dpi needs ${needed.join('×')} px`);
      if (Math.abs(aspect / (16 / 9) - 1) > 0.01) wrong.push(`${perPage} per page: ${img.width.toFixed(1)}×${img.height.toFixed(1)} pt is ${aspect.toFixed(3)}, not 16:9`);
      if (img.pixels[0] < needed[0] || img.pixels[1] < needed[1]) wrong.push(`${perPage} per page: ${img.pixels.join('×')} px is softer than 150 dpi at ${img.width.toFixed(1)}×${img.height.toFixed(1)} pt`);
    }
  }
  assert.deepEqual(wrong, [], 'every printed frame keeps its 16:9 shape (±1 %) and is at least 150 dpi');
  assert.deepEqual(page.problems, []);
});

for (const [device, viewport] of [['laptop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]]) {
  test(`presentation on a ${device} (${viewport.width}×${viewport.height}), Free aspect: landscape, portrait and panorama frames fit above caption and controls`, async () => {
    const page = await openEditor(h.browser, h.server.url, { viewport });
    // On a phone the aspect and Present are in the toolbar's menu.
    const menu = async () => { if (viewport.width < 640) await openMenu(page); };
    await menu();
    await page.getByLabel('Aspect ratio', { exact: true }).selectOption('Free');
    await page.keyboard.press('Escape');
    const shapes = [['landscape', 1500, 1000], ['portrait', 720, 1600], ['panorama', 2400, 600]];
    const files = [];
    for (const [name, width, height] of shapes) files.push(...await writePhotos(page, h.dir, 1, { prefix: `${device}-${name}`, width, height }));
    await page.locator('#photo-input').setInputFiles(files);
    await waitForFrames(page, 3);
    await page.locator('.scene-frames > li.frame-card').nth(0).getByRole('textbox', { name: /caption/i }).fill('A caption that must stay readable under the frame');
    await page.locator('.scene-frames > li.frame-card').nth(0).click();
    await menu();
    await page.getByRole('button', { name: 'Present', exact: true }).click();
    const show = page.locator('.presentation');
    await show.waitFor();
    await page.keyboard.press('Home');
    const problems = [];
    for (const [k, [name, width, height]] of shapes.entries()) {
      await page.waitForFunction((n) => document.querySelector('.present-number')?.textContent.endsWith(`${n} / 3`), k + 1);
      await page.waitForFunction(() => { const i = document.querySelector('.present-stage img'); return i && i.complete && i.naturalWidth > 0; });
      const box = async (sel) => page.locator(sel).first().boundingBox();
      const pic = await box('.present-stage .cropped-photo');
      const caption = await box('.present-caption');
      const bar = await box('.present-bar');
      const play = await box('.present-bar button[aria-label="Play animatic"]');
      const text = await box('.present-text');
      const at = `${device}, ${name} frame`;
      const inside = (b, what) => {
        if (!(b && b.width > 0 && b.x >= -0.5 && b.y >= -0.5 && b.x + b.width <= viewport.width + 0.5 && b.y + b.height <= viewport.height + 0.5)) problems.push(`${at}: ${what} not inside the screen: ${JSON.stringify(b)}`);
      };
      inside(pic, 'the frame');
      inside(caption, 'the caption');
      inside(bar, 'the controls');
      inside(play, 'play/pause');
      if (k === 0) inside(text, 'the caption text');
      if (pic.y + pic.height > caption.y + 0.5) problems.push(`${at}: the frame (bottom ${pic.y + pic.height}) covers the caption (top ${caption.y})`);
      if (caption.y + caption.height > bar.y + 0.5) problems.push(`${at}: the caption overlaps the controls`);
      // Drawn at its own shape (the crop of a photo of this shape), neither stretched nor tiny.
      const aspect = pic.width / pic.height;
      if (Math.abs(aspect / (width / height) - 1) > 0.02) problems.push(`${at}: drawn ${pic.width.toFixed(0)}×${pic.height.toFixed(0)}, aspect ${aspect.toFixed(3)} not ${(width / height).toFixed(3)}`);
      if (Math.max(pic.width / viewport.width, pic.height / (caption.y)) < 0.6) problems.push(`${at}: drawn far smaller than the room it has: ${JSON.stringify(pic)}`);
      await screenshot(page, `present-free-${device}-${name}`);
      await page.keyboard.press('ArrowRight');
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}

test('the exported page\'s slideshow plays each frame for its duration, with a timeline, and pauses', async () => {
  const page = await openEditor(h.browser, h.server.url);
  const files = await writePhotos(page, h.dir, 3, { prefix: 'play' });
  await page.locator('#photo-input').setInputFiles(files);
  await waitForFrames(page, 3);
  // Frame 1 lasts 2 s; the others keep the default 3 s: running time 0:08.
  await page.locator('.scene-frames > li.frame-card').nth(0).click();
  await page.locator('.inspector').getByLabel('Duration in seconds').fill('2');
  await page.locator('.inspector').getByLabel('Duration in seconds').blur();
  await page.getByRole('textbox', { name: 'Storyboard title', exact: true }).fill('Animatic');
  const dialog = await exportDialog(page);
  const html = await download(page, h.dir, () => dialog.getByRole('button', { name: 'Download HTML (one file)' }).click());
  const context = await h.browser.newContext({ viewport: { width: 1000, height: 700 } });
  const viewer = await context.newPage();
  const bad = [];
  viewer.on('pageerror', (e) => bad.push(e.message));
  viewer.on('console', (m) => { if (m.type() === 'error') bad.push(m.text()); });
  await viewer.goto(pathToFileURL(html.path).href);
  assert.match(await viewer.locator('.fb-meta').innerText(), /running time 0:08/i);
  const show = viewer.locator('#fb-show');
  const pos = () => show.locator('.fb-pos').innerText();
  const time = () => show.locator('.fb-time').innerText();
  const played = async () => Number(await show.locator('.fb-timeline').getAttribute('data-time', { timeout: 1000 }).catch(() => 'NaN'));
  const fill = (n) => show.locator('.fb-timeline .fb-fill').nth(n).evaluate((f) => f.getBoundingClientRect().width / f.parentElement.getBoundingClientRect().width).catch(() => NaN);

  const started = Date.now();
  await viewer.getByRole('button', { name: 'Play slideshow' }).click();
  assert.ok(await show.isVisible(), 'the slideshow opens');
  assert.equal(await pos(), '1 / 3');
  await viewer.waitForTimeout(1000);
  assert.equal(await pos(), '1 / 3', 'frame 1 stays for its 2 s');
  const part = await fill(0);
  assert.ok(part > 0.2 && part < 0.9, `the timeline fills frame 1's segment as it plays (${part})`);
  await screenshot(viewer, 'viewer-slideshow-playing');
  await viewer.waitForFunction(() => document.querySelector('#fb-show .fb-pos').textContent === '2 / 3', null, { timeout: 4000 });
  const took = (Date.now() - started) / 1000;
  assert.ok(took >= 1.8 && took < 3.2, `frame 2 comes after frame 1's 2 s (${took} s)`);
  assert.ok((await fill(0)) > 0.99, 'frame 1\'s segment is full');
  assert.match(await time(), /^0:0[23] \/ 0:08$/);

  // Pause: nothing moves, however long; play goes on from there.
  await viewer.waitForTimeout(500);
  await show.getByRole('button', { name: 'Pause' }).click();
  const at = await played();
  assert.ok(at > 2 && at < 3.5, `paused within frame 2 (${at} s)`);
  await viewer.waitForTimeout(3500);
  assert.equal(await pos(), '2 / 3', 'paused: still frame 2 after more than its duration');
  assert.equal(await played(), at, 'paused: the timeline stands still');
  await screenshot(viewer, 'viewer-slideshow-paused');
  await show.getByRole('button', { name: 'Play slideshow' }).click();
  await viewer.waitForFunction(() => document.querySelector('#fb-show .fb-pos').textContent === '3 / 3', null, { timeout: 4000 });
  // At the end it stops, the whole running time played.
  await viewer.waitForFunction(() => document.querySelector('#fb-show .fb-time').textContent === '0:08 / 0:08', null, { timeout: 5000 });
  assert.ok(await show.getByRole('button', { name: 'Play slideshow' }).isVisible(), 'stopped at the end');
  assert.deepEqual(bad, [], 'no error, nothing refused by the page\'s CSP');
  await context.close();
  assert.deepEqual(page.problems, []);
});

/** A finger drag from (x0, y0) to (x1, y1), in steps, through CDP touch events. */
async function swipe(cdp, [x0, y0], [x1, y1], steps = 14, during = async () => {}) {
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: x0, y: y0 }] });
  for (let i = 1; i <= steps; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: x0 + ((x1 - x0) * i) / steps, y: y0 + ((y1 - y0) * i) / steps }] });
  }
  await during();
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

test('phone (390×844, touch, one column): a card dragged straight up or down by its grip moves there', async () => {
  const viewport = { width: 390, height: 844 };
  const context = await h.browser.newContext({ viewport, hasTouch: true, isMobile: true, deviceScaleFactor: 2, locale: 'en-US' });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(h.server.url);
  await page.locator('.editor:not([data-access=opening])').waitFor();
  await page.locator('#photo-input').setInputFiles(await writePhotos(page, h.dir, 3, { prefix: 'column', separator: '-' }));
  await waitForFrames(page, 3);
  const order = async () => (await framesOnScreen(page)).map((f) => f.label.replace(/^Frame \d+: /, ''));
  assert.deepEqual(await order(), ['column-1.jpg', 'column-2.jpg', 'column-3.jpg']);
  const cards = page.locator('.scene-frames > li.frame-card');
  const boxes = await cards.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()));
  assert.ok(boxes[1].top >= boxes[0].bottom && boxes[2].top >= boxes[1].bottom && boxes[1].left === boxes[0].left, 'one column');
  const cdp = await context.newCDPSession(page);
  // Drags card `from` by its grip straight up or down (the finger keeps its horizontal place;
  // the grip is at the card's right) to `part` of card `to`'s height; the two are neighbours,
  // scrolled so that both are on screen below the sticky header.
  const marks = [];
  const drag = async (from, to, part) => {
    const upper = Math.min(from, to);
    await cards.nth(upper).evaluate((e) => window.scrollBy(0, e.getBoundingClientRect().top - 300));
    const g = await cards.nth(from).locator('.drag-grip').boundingBox();
    const t = await cards.nth(to).boundingBox();
    const [x, y] = [g.x + g.width / 2, g.y + g.height / 2];
    const y1 = t.y + t.height * part;
    assert.ok(y > 0 && y1 > 0 && y < viewport.height && y1 < viewport.height, `both on screen: ${y} → ${y1}`);
    // Before the finger lifts: where the drop marker is drawn (a line across the card, in a column).
    await swipe(cdp, [x, y], [x, y1], 14, async () => marks.push(await page.waitForTimeout(150).then(() => page.evaluate(() => {
      const card = document.querySelector('.frame-card.drop-before, .frame-card.drop-after');
      if (!card) return null;
      const before = card.classList.contains('drop-before');
      const mark = getComputedStyle(card, before ? '::before' : '::after');
      return { index: [...card.parentElement.children].indexOf(card), side: before ? 'before' : 'after', width: parseFloat(mark.width), height: parseFloat(mark.height), card: card.getBoundingClientRect().width };
    }))) && marks.length === 1 && screenshot(page, 'touch-phone-column-marker'));
    await page.waitForFunction(() => !document.querySelector('.frame-card.dragging'));
  };
  // Card 2 dragged straight up onto the upper part of card 1: it goes first.
  await drag(1, 0, 0.25);
  assert.deepEqual(await order(), ['column-2.jpg', 'column-1.jpg', 'column-3.jpg'], 'dragged straight up: it goes before the card above');
  await screenshot(page, 'touch-phone-column-up');
  // The third card dragged up onto the lower part of the card above: that is its own place.
  await drag(2, 1, 0.75);
  assert.deepEqual(await order(), ['column-2.jpg', 'column-1.jpg', 'column-3.jpg'], 'the lower part of the card above is its own place');
  // The first card dragged straight down onto the lower part of the next: it goes after it.
  await drag(0, 1, 0.6);
  assert.deepEqual(await order(), ['column-1.jpg', 'column-2.jpg', 'column-3.jpg'], 'dragged straight down: after the card below');
  // The third dragged up onto the upper part of the second: before it.
  await drag(2, 1, 0.2);
  assert.deepEqual(await order(), ['column-1.jpg', 'column-3.jpg', 'column-2.jpg'], 'dragged straight up again');
  await screenshot(page, 'touch-phone-column-down');
  // The marker showed where each drop would land, as a line across the card above or below.
  assert.deepEqual(marks.map((m) => m && `${m.side} card ${m.index + 1}`), ['before card 1', 'before card 3', 'before card 3', 'before card 2']);
  for (const m of marks) assert.ok(m.height === 4 && m.width > m.card * 0.9, `a line across the card: ${JSON.stringify(m)}`);
  assert.deepEqual(problems, []);
  await context.close();
});
