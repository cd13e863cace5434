// What people see on a phone and in a presentation (issue 16, defects 5–8): the phone's compact
// header and its menu, scene titles that can be typed in, dialogs that fit, touch hints; a
// presentation that plays from the start and whose clock ticks; "Group into scenes" that makes
// useful scenes and exports without empty headings; the crop tool's aspect control and its live
// ratio and size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { useHarness, openEditor, writePhotos, waitForFrames, waitUntilOpen, screenshot, withExif, download, SCREENSHOTS, ROOT, audit } from './support.mjs';

const h = useHarness();
const PHONE = { width: 390, height: 844 };

/** What the phone's screen shows (not the whole page: the sticky header stays where it is). */
async function screen(page, name) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png` });
}

/** A touch phone at 390×844 in `locale`, with the editor open. */
async function phone(locale = 'en-US') {
  const context = await h.browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true, deviceScaleFactor: 2, locale });
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(e.message));
  await page.goto(h.server.url);
  await waitUntilOpen(page);
  return page;
}

/** Keeps a printed PDF in test-results/ with its pages as PNG (when poppler's pdftoppm is there). */
function printedAsPng(pdf, name) {
  const file = `${SCREENSHOTS}/${name}.pdf`;
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  fs.writeFileSync(file, pdf);
  try {
    execFileSync('pdftoppm', ['-png', '-r', '60', file, `${SCREENSHOTS}/${name}`]);
  } catch { /* poppler-utils not installed: the PDF is kept */ }
}

/** Problems with how a dialog sits on the screen: off screen, or wider than it shows. */
async function misfits(page, dialog, what) {
  const found = [];
  const box = await dialog.boundingBox();
  if (!box || box.x < -0.5 || box.x + box.width > PHONE.width + 0.5) found.push(`${what}: not within the screen's width: ${JSON.stringify(box)}`);
  const wider = await dialog.evaluate((d) => d.scrollWidth - d.clientWidth);
  if (wider > 1) found.push(`${what}: its content is ${wider} px wider than the dialog`);
  return found;
}

test('phone (390×844, touch): a one-row header with Add photos and a menu for the rest; scene titles wide enough; dialogs that fit; touch hints', async () => {
  const page = await phone();
  await page.locator('#photo-input').setInputFiles(await writePhotos(page, h.dir, 3, { prefix: 'phone' }));
  await waitForFrames(page, 3);
  const header = await page.locator('.toolbar').boundingBox();
  assert.ok(header.height <= PHONE.height / 8, `the header is at most 1/8 of the screen: ${header.height} px`);
  const add = await page.getByRole('button', { name: 'Add photos', exact: true }).boundingBox();
  assert.ok(add && add.y >= header.y && add.y + add.height <= header.y + header.height && add.x + add.width <= PHONE.width, 'Add photos is in the header');
  const title = await page.getByRole('textbox', { name: 'Storyboard title', exact: true }).boundingBox();
  assert.ok(title.width >= 150, `the title field has room: ${title.width} px`);

  // The rest is in the menu, which the keyboard opens and Escape closes, focus going back.
  const more = page.getByRole('button', { name: 'More commands' });
  const export_ = page.getByRole('button', { name: 'Export', exact: true });
  assert.equal(await more.getAttribute('aria-expanded'), 'false');
  assert.equal(await export_.isVisible(), false, 'Export waits in the closed menu');
  await more.focus();
  await page.keyboard.press('Enter');
  assert.equal(await more.getAttribute('aria-expanded'), 'true');
  assert.ok(await page.evaluate(() => !!document.activeElement.closest('#toolbar-menu')), 'the focus moved into the menu');
  for (const name of ['Present', 'Export', 'Boards', 'Sort by time', 'Keyboard shortcuts']) {
    const box = await page.getByRole('button', { name, exact: true }).boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width && box.y + box.height <= PHONE.height, `${name} is in the open menu: ${JSON.stringify(box)}`);
  }
  assert.ok(await page.getByLabel('Aspect ratio', { exact: true }).isVisible());
  assert.ok(await page.getByLabel('Language').isVisible());
  await screen(page, 'phone-en-menu');
  await page.keyboard.press('Escape');
  assert.equal(await more.getAttribute('aria-expanded'), 'false');
  assert.equal(await export_.isVisible(), false);
  assert.ok(await page.evaluate(() => document.activeElement.getAttribute('aria-label') === 'More commands'), 'the focus is back on the menu button');

  // Scenes: each title field keeps room to be typed in.
  await page.locator('.scene-frames > li.frame-card').nth(2).click();
  await page.getByRole('button', { name: '+ Group into scenes' }).tap();
  assert.equal(await page.locator('.scene').count(), 2);
  for (const n of [1, 2]) {
    const field = page.getByLabel(`Title of scene ${n}`);
    const box = await field.boundingBox();
    assert.ok(box.width >= 150, `scene ${n}'s title field is ${box.width} px wide`);
  }
  await page.getByLabel('Title of scene 1').fill('At the market');
  assert.equal(await page.getByLabel('Title of scene 1').inputValue(), 'At the market');

  // Touch hints, not keyboard hints.
  const hint = await page.locator('.hint').innerText();
  assert.doesNotMatch(hint, /Alt\+|Ctrl|Press \?/, `no keyboard hint on a touch screen: ${hint}`);
  assert.match(hint, /grip/);
  await screen(page, 'phone-en-board');

  // Dialogs fit the screen: shortcuts (descriptions get the dialog's width), export, library.
  const problems = [];
  await more.tap();
  await page.getByRole('button', { name: 'Keyboard shortcuts', exact: true }).tap();
  const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await shortcuts.waitFor();
  problems.push(...await misfits(page, shortcuts, 'shortcuts'));
  const widths = await shortcuts.locator('td').evaluateAll((tds) => tds.map((td) => td.getBoundingClientRect().width));
  const table = (await shortcuts.locator('table').boundingBox()).width;
  const narrow = widths.filter((w) => w < table * 0.8);
  if (narrow.length) problems.push(`shortcuts: ${narrow.length} descriptions squeezed (${narrow.map(Math.round).join(', ')} px of ${Math.round(table)})`);
  await screen(page, 'phone-en-shortcuts');
  await shortcuts.getByRole('button', { name: 'Close' }).tap();
  await more.tap();
  await export_.tap();
  const exportDialog = page.getByRole('dialog', { name: 'Export storyboard' });
  await exportDialog.waitFor();
  problems.push(...await misfits(page, exportDialog, 'export'));
  await screen(page, 'phone-en-export');
  await page.keyboard.press('Escape');
  await exportDialog.waitFor({ state: 'detached' });
  await more.tap();
  await page.getByRole('button', { name: 'Boards', exact: true }).tap();
  const library = page.getByRole('dialog', { name: /storyboards/i });
  await library.waitFor();
  problems.push(...await misfits(page, library, 'library'));
  await screen(page, 'phone-en-library');
  assert.deepEqual(problems, []);
  const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no sideways scrolling (${overflow} px)`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('phone in Chinese (390×844): the same compact header', async () => {
  const page = await phone('zh-CN');
  await page.locator('#photo-input').setInputFiles(await writePhotos(page, h.dir, 3, { prefix: 'zh' }));
  await waitForFrames(page, 3);
  const header = await page.locator('.toolbar').boundingBox();
  assert.ok(header.height <= PHONE.height / 8, `the header is at most 1/8 of the screen: ${header.height} px`);
  assert.ok(await page.getByRole('button', { name: '添加照片', exact: true }).isVisible());
  const hint = await page.locator('.hint').innerText();
  assert.doesNotMatch(hint, /Alt\+|Ctrl/);
  await screen(page, 'phone-zh-board');
  await page.getByRole('button', { name: '更多命令' }).tap();
  await screen(page, 'phone-zh-menu');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('presentation: opened on the last frame, ▶ plays from the first; the clock ticks within a frame; no scene part without scenes', async () => {
  const page = await openEditor(h.browser, h.server.url, { viewport: { width: 1280, height: 800 } });
  await page.locator('#photo-input').setInputFiles(await writePhotos(page, h.dir, 3, { prefix: 'show' }));
  await waitForFrames(page, 3);
  await page.locator('.scene-frames > li.frame-card').nth(2).click();
  await page.getByRole('button', { name: 'Present', exact: true }).click();
  const show = page.locator('.presentation');
  await show.waitFor();
  const position = () => show.locator('.present-number').innerText();
  const clock = () => show.locator('.present-time').innerText();
  assert.equal(await position(), '3 / 3', 'without scenes, no scene number');
  assert.equal(await clock(), '0:06 / 0:09');
  await show.getByRole('button', { name: 'Play animatic' }).click();
  await page.waitForFunction(() => document.querySelector('.present-number').textContent === '1 / 3', null, { timeout: 1000 });
  // Within frame 1 (3 s) the clock moves on.
  await page.waitForFunction(() => document.querySelector('.present-time').textContent === '0:01 / 0:09', null, { timeout: 2500 });
  assert.equal(await position(), '1 / 3');
  const fill = await show.locator('.timeline-segment.current').evaluate((s) => getComputedStyle(s, '::after').transform);
  assert.notEqual(fill, 'matrix(0, 0, 0, 1, 0, 0)', 'the timeline fills as the frame plays');
  await screenshot(page, 'present-playing');
  // Pause holds the clock; play goes on from there, not from the frame's start.
  await show.getByRole('button', { name: 'Pause' }).click();
  const held = await clock();
  await page.waitForTimeout(1500);
  assert.equal(await clock(), held, 'paused: the clock stands still');
  await show.getByRole('button', { name: 'Play animatic' }).click();
  await page.waitForFunction(() => document.querySelector('.present-number').textContent === '2 / 3', null, { timeout: 3000 });
  await page.keyboard.press('Escape');
  await show.waitFor({ state: 'detached' });
  // With scenes, the frame's number comes first.
  await page.getByRole('button', { name: '+ Group into scenes' }).click();
  await page.getByRole('button', { name: 'Present', exact: true }).click();
  await page.waitForFunction(() => /^\d\.\d · \d \/ 3$/.test(document.querySelector('.present-number')?.textContent));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('"Group into scenes" splits where the capture time jumps, else at the selected frame; never an empty scene, none exported', async () => {
  const page = await openEditor(h.browser, h.server.url);
  // A morning and an afternoon: three photos minutes apart, then three more hours later.
  const times = ['09:00:00', '09:02:10', '09:05:00', '14:30:00', '14:31:00', '14:33:30'];
  const files = await writePhotos(page, h.dir, 6, { prefix: 'day' });
  files.forEach((f, i) => fs.writeFileSync(f, withExif(fs.readFileSync(f), { taken: `2024:05:01 ${times[i]}` })));
  await page.locator('#photo-input').setInputFiles(files);
  await waitForFrames(page, 6);
  await page.getByRole('button', { name: '+ Group into scenes' }).click();
  const layout = () => page.$$eval('.scene', (ss) => ss.map((s) => s.querySelectorAll('li.frame-card').length));
  assert.deepEqual(await layout(), [3, 3], 'two scenes, split where three hours pass');
  assert.equal(await page.locator('.scene-empty').count(), 0, 'no empty scene');
  await screenshot(page, 'grouped-by-time');

  // An empty scene added by hand is not exported as a heading.
  await page.getByRole('button', { name: '+ Add scene' }).click();
  assert.deepEqual(await layout(), [3, 3, 0]);
  await page.getByLabel('Title of scene 3').fill('Still empty');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export storyboard' });
  const html = await download(page, h.dir, () => dialog.getByRole('button', { name: 'Download HTML (one file)' }).click());
  const viewer = await h.browser.newPage();
  await viewer.goto(pathToFileURL(html.path).href);
  const headings = await viewer.locator('.fb-scene h2').allInnerTexts();
  assert.deepEqual(headings, ['Scene 1', 'Scene 2'], 'the empty scene has no heading');
  await viewer.close();
  await page.keyboard.press('Escape');

  // No capture times: the button waits for a selected frame, then starts the scene there.
  const plain = await openEditor(h.browser, h.server.url);
  await plain.locator('#photo-input').setInputFiles(await writePhotos(plain, h.dir, 4, { prefix: 'plain' }));
  await waitForFrames(plain, 4);
  const group = plain.getByRole('button', { name: '+ Group into scenes' });
  assert.ok(await group.isDisabled(), 'nothing to group by yet');
  assert.match(await plain.locator('#group-hint').innerText(), /Select the frame/);
  await plain.locator('.scene-frames > li.frame-card').nth(2).click();
  await group.click();
  assert.deepEqual(await plain.$$eval('.scene', (ss) => ss.map((s) => s.querySelectorAll('li.frame-card').length)), [2, 2]);
  assert.deepEqual(page.problems, []);
  assert.deepEqual(plain.problems, []);
  await page.context().close();
  await plain.context().close();
});

test('crop tool: the board-wide aspect menu, and the crop\'s ratio and pixel size while dragging', async () => {
  const page = await openEditor(h.browser, h.server.url);
  await page.locator('#photo-input').setInputFiles(await writePhotos(page, h.dir, 1, { prefix: 'crop', width: 1600, height: 1200 }));
  await waitForFrames(page, 1);
  await page.getByRole('button', { name: 'Crop frame 1' }).click();
  const dialog = page.getByRole('dialog', { name: 'Crop frame 1' });
  await dialog.waitFor();
  const aspect = dialog.getByRole('combobox', { name: 'Aspect ratio of the whole board' });
  assert.equal(await aspect.inputValue(), '16:9');
  assert.match(await dialog.locator('.aspect-picker').innerText(), /whole board/);
  const readout = dialog.getByTestId('crop-readout');
  // 16:9 of a 1600×1200 photo: the full width, 900 px high.
  assert.equal(await readout.innerText(), '16:9 · 1600 × 900 px');
  // Drag a corner inwards: while the finger/mouse is down, the readout follows.
  const corner = await dialog.locator('.crop-handle.br').boundingBox();
  await page.mouse.move(corner.x + corner.width / 2, corner.y + corner.height / 2);
  await page.mouse.down();
  await page.mouse.move(corner.x - 150, corner.y - 100, { steps: 8 });
  const during = await readout.innerText();
  const [, w, hgt] = during.match(/^16:9 · (\d+) × (\d+) px$/) ?? [];
  assert.ok(Number(w) < 1600 && Math.abs(Number(w) / Number(hgt) - 16 / 9) < 0.01, `while dragging: ${during}`);
  assert.ok(await readout.evaluate((r) => r.classList.contains('live')));
  await screenshot(page, 'crop-dragging');
  await page.mouse.up();
  // The menu changes the whole board's aspect, from inside the crop tool.
  await aspect.selectOption('1:1');
  assert.match(await readout.innerText(), /^1:1 · \d+ × \d+ px$/);
  await dialog.getByRole('button', { name: 'Done', exact: true }).click();
  assert.equal(await page.getByLabel('Aspect ratio', { exact: true }).inputValue(), '1:1');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('"Try an example" on the empty board: fetched only when asked, opened as a new board in the interface\'s language, and again offline', async () => {
  const context = await h.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  const asked = [];
  page.on('request', (r) => { if (r.url().includes('/examples/')) asked.push(new URL(r.url()).pathname); });
  await page.goto(h.server.url);
  await waitUntilOpen(page);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  assert.deepEqual(asked, [], 'the example is not fetched before it is asked for');
  await screenshot(page, 'laptop-zh-empty');
  await page.getByRole('button', { name: '看看示例' }).click();
  await waitForFrames(page, 8);
  assert.ok(asked.includes('/examples/example-zh-Hans.zip'), `the Chinese example was fetched: ${asked}`);
  assert.equal(await page.getByRole('textbox', { name: '故事板标题', exact: true }).inputValue(), '海边的一天');
  const scenes = await page.locator('.scene-title').evaluateAll((inputs) => inputs.map((i) => i.value));
  assert.deepEqual(scenes, ['早晨', '下午', '傍晚']);
  const first = page.locator('.scene-frames > li.frame-card').first();
  assert.equal(await first.getByRole('textbox').inputValue(), '日出时的海滩，空无一人。');
  assert.ok((await first.locator('.frame-details').innerText()).length > 0, 'shot details on the card');
  const notice = page.getByTestId('restore-notice');
  assert.match(await notice.innerText(), /已将“海边的一天”作为新故事板打开/);
  assert.doesNotMatch(await notice.innerText(), /无法恢复/, 'a clean open is news, not a warning');
  await screenshot(page, 'laptop-zh-example');
  // A new board in the library (the empty one it was opened from was never saved).
  await page.getByRole('button', { name: '故事板库', exact: true }).click();
  const library = page.getByRole('dialog', { name: '你的故事板' });
  await library.waitFor();
  await library.locator('.library-item h3', { hasText: '海边的一天' }).waitFor();
  // Offline: the service worker kept the example, so a new board can open it again.
  await context.setOffline(true);
  await library.getByRole('button', { name: '新建故事板', exact: true }).click();
  await page.getByRole('button', { name: '看看示例' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.filmstrip li.frame-card img').length === 8, null, { timeout: 30_000 });
  assert.equal(await page.getByRole('textbox', { name: '故事板标题', exact: true }).inputValue(), '海边的一天');
  await context.setOffline(false);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the designer\'s pass: one-row toolbar at 1280 px with a labelled zoom, cards, calm save status, export and library dialogs, the exported page\'s accent, the printed title', async () => {
  const stubPrint = () => { window.__printed = 0; window.print = () => { window.__printed += 1; }; };
  const page = await openEditor(h.browser, h.server.url, { viewport: { width: 1280, height: 800 } }, stubPrint);
  await page.locator('#photo-input').setInputFiles(await writePhotos(page, h.dir, 5, { prefix: 'pass' }));
  await waitForFrames(page, 5);
  // One row: every control of the bar within the height of one.
  const bar = await page.locator('.toolbar').boundingBox();
  assert.ok(bar.height < 80, `the toolbar is one row: ${bar.height} px`);
  const zoom = page.getByLabel('Card size');
  assert.ok(await zoom.isVisible());
  assert.match(await page.locator('.zoom').innerText(), /Card size/, 'the zoom has a visible label');
  // The card: number and grip above the photo, never over it; no resize grip on the caption.
  const card = page.locator('.scene-frames > li.frame-card').first();
  const photo = await card.locator('.cropped-photo').boundingBox();
  for (const part of ['.frame-number', '.drag-grip']) {
    const box = await card.locator(part).boundingBox();
    assert.ok(box.y + box.height <= photo.y + 0.5, `${part} sits above the photo`);
  }
  assert.equal(await card.locator('textarea').evaluate((t) => getComputedStyle(t).resize), 'none');
  // Typing never shows an alarm.
  await page.getByRole('textbox', { name: 'Storyboard title', exact: true }).fill('Seaside');
  assert.doesNotMatch(await page.getByTestId('save-status').innerText(), /Unsaved/);
  await screenshot(page, 'laptop-en-board');
  // The export dialog: styled selects, and the printed PDF carries the board's title.
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export storyboard' });
  await dialog.waitFor();
  assert.equal(await dialog.locator('select').first().evaluate((s) => getComputedStyle(s).appearance), 'none');
  await screenshot(page, 'laptop-en-export');
  const html = await download(page, h.dir, () => dialog.getByRole('button', { name: 'Download HTML (one file)' }).click());
  await dialog.getByText(/5 frame images,/).waitFor({ timeout: 60_000 });
  await dialog.getByLabel('Frames per page').selectOption('6');
  await dialog.getByRole('button', { name: 'Print / Save as PDF…' }).click();
  await page.waitForFunction(() => window.__printed === 1);
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const pdfjs = await import(pathToFileURL(path.join(ROOT, 'node_modules/pdfjs-dist/legacy/build/pdf.mjs')).href);
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  assert.equal((await doc.getMetadata()).info.Title, 'Seaside', 'the PDF is titled after the board');
  await doc.destroy();
  printedAsPng(pdf, 'print-seaside');
  await page.keyboard.press('Escape');
  // The exported page uses the app's accent.
  const viewer = await h.browser.newPage();
  await viewer.goto(pathToFileURL(html.path).href);
  assert.equal(await viewer.locator('.fb-play').evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(194, 65, 12)');
  await viewer.close();
  // The library: one Close button, covers large enough to recognise a board.
  await page.getByRole('button', { name: 'Boards', exact: true }).click();
  const library = page.getByRole('dialog', { name: 'Your storyboards' });
  await library.waitFor();
  assert.equal(await library.getByRole('button', { name: /close/i }).count(), 1, 'one close button');
  const cover = await library.locator('.library-cover').first().boundingBox();
  assert.ok(cover.width >= 120, `a cover is ${cover.width} px wide`);
  await screenshot(page, 'laptop-en-library');
  assert.deepEqual(await audit(page), []);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('Chinese export dialog: "1920 像素" never breaks between the number and its unit', async () => {
  const page = await openEditor(h.browser, h.server.url, { viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  await page.locator('#photo-input').setInputFiles(await writePhotos(page, h.dir, 2, { prefix: 'px' }));
  await waitForFrames(page, 2);
  await screenshot(page, 'laptop-zh-board');
  await page.getByRole('button', { name: '导出', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '导出故事板' });
  await dialog.waitFor();
  const labels = dialog.locator('label.check', { hasText: '像素' });
  assert.ok((await labels.count()) >= 2);
  for (const height of await labels.evaluateAll((ls) => ls.map((l) => l.getBoundingClientRect().height / parseFloat(getComputedStyle(l).lineHeight || 20)))) {
    assert.ok(height < 1.6, `one line (${height.toFixed(2)} lines)`);
  }
  await screenshot(page, 'laptop-zh-export');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the English example on a laptop, on a phone and printed (screenshots and printed pages for review)', async () => {
  const stubPrint = () => { window.__printed = 0; window.print = () => { window.__printed += 1; }; };
  const page = await openEditor(h.browser, h.server.url, { viewport: { width: 1280, height: 800 } }, stubPrint);
  await page.getByRole('button', { name: 'Try an example' }).click();
  await waitForFrames(page, 8);
  assert.equal(await page.getByRole('textbox', { name: 'Storyboard title', exact: true }).inputValue(), 'A day at the sea');
  await screenshot(page, 'laptop-en-example');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export storyboard' });
  await dialog.getByLabel('Frames per page').selectOption('6');
  await dialog.getByRole('button', { name: 'Print / Save as PDF…' }).click();
  await page.waitForFunction(() => window.__printed === 1);
  await page.locator('.print-sheets[data-ready=true]').waitFor({ state: 'attached' });
  printedAsPng(await page.pdf({ preferCSSPageSize: true, printBackground: true }), 'print-example-en');
  assert.deepEqual(page.problems, []);
  await page.context().close();
  for (const locale of ['en-US', 'zh-CN']) {
    const phonePage = await phone(locale);
    await phonePage.locator('.empty-state .button:not(.primary)').tap();
    // Eight cards (a phone loads the pictures of the cards it shows).
    await phonePage.waitForFunction(() => document.querySelectorAll('.filmstrip li.frame-card').length === 8, null, { timeout: 30_000 });
    await phonePage.waitForFunction(() => [...document.querySelectorAll('.filmstrip li.frame-card img')].slice(0, 2).every((i) => i.complete && i.naturalWidth > 0));
    await screen(phonePage, `phone-${locale.slice(0, 2)}-example`);
    assert.deepEqual(phonePage.problems, []);
    await phonePage.context().close();
  }
});
