// Camera moves (issue 18, "Moves"): a user sets a zoom in with the crop tool's preset, drags its
// End box and nudges it by keyboard, chooses the pace; the card shows the move's arrow, undo and
// redo take it away and bring it back; the presentation moves the photo from the crop to the End
// box over the frame's time (playing, paused and at seeked moments, eased as chosen; not with the
// system set to reduce motion); the print
// sheets draw the arrow; a ZIP bundle re-opened keeps the move.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useHarness, openEditor, writePhotos, waitForFrames, cropBox, download, screenshot, audit, moveCrop,
} from './support.mjs';

const h = useHarness();
const near = (a, b, eps = 0.005) => Math.abs(a - b) <= eps;

/** Stubs window.print (headless Chromium has no print dialog) and counts the calls. */
const stubPrint = () => { window.__printed = 0; window.print = () => { window.__printed += 1; }; };

/** The open crop tool's End box, as numbers [x, y, w, h] of the photo. */
const endBox = async (page) => (await page.locator('.move-end-box').getAttribute('data-crop')).split(',').map(Number);

/** The accessible name of the move arrow on card `i`, or null when it has none. */
async function cardArrow(page, i) {
  const arrow = page.locator('.scene-frames > li.frame-card').nth(i).locator('svg.move-arrow');
  return (await arrow.count()) ? arrow.getAttribute('aria-label') : null;
}

/**
 * The crop a moving frame shows in the presentation, read from where the photo is drawn (its
 * transform included) inside the frame's box: [x, y, w, h] of the photo.
 */
async function shownCrop(page) {
  return page.evaluate(() => {
    const box = document.querySelector('.present-stage .cropped-photo').getBoundingClientRect();
    const img = document.querySelector('.present-stage .cropped-photo img').getBoundingClientRect();
    return [(box.left - img.left) / img.width, (box.top - img.top) / img.height, box.width / img.width, box.height / img.height];
  });
}

/** The crop `t` (0–1) of the way from `a` to `b`, paced linearly or eased in and out (smoothstep). */
function cropAt(a, b, easeInOut, t) {
  return moveCrop(a, b, easeInOut ? t * t * (3 - 2 * t) : t);
}

const close = (got, want, eps, what) => assert.ok(got.every((v, k) => near(v, want[k], eps)), `${what}: ${got.map((v) => v.toFixed(4))} vs ${want.map((v) => v.toFixed(4))}`);

test('a move set in the crop tool shows on the card, undoes, plays in the presentation, prints and survives a bundle', async () => {
  const page = await openEditor(h.browser, h.server.url, {}, stubPrint);
  // 16:9 photos on the 16:9 board: the crop is the whole photo.
  const files = await writePhotos(page, h.dir, 2, { prefix: 'move', width: 1600, height: 900 });
  await page.locator('#photo-input').setInputFiles(files);
  await waitForFrames(page, 2);
  assert.equal(await cardArrow(page, 0), null, 'no move, no arrow');

  await page.getByRole('button', { name: 'Crop frame 1' }).click();
  const dialog = page.getByRole('dialog', { name: 'Crop frame 1' });
  await dialog.waitFor();
  // Without a move only the crop shows; the presets are offered, no pace yet.
  assert.equal(await page.locator('.move-end-box').count(), 0);
  assert.equal(await dialog.getByLabel('Pace').count(), 0);
  assert.equal(await dialog.getByRole('button', { name: 'No move' }).getAttribute('aria-pressed'), 'true');
  await dialog.getByRole('button', { name: 'Zoom in' }).click();
  await page.locator('.move-end-box').waitFor();
  const start = await cropBox(page);
  close(start, [0, 0, 1, 1], 0.001, 'the crop is where the move starts');
  const zoomed = await endBox(page);
  close(zoomed, [0.15, 0.15, 0.7, 0.7], 0.001, 'zoom in ends on 70 % of the crop, same centre');
  assert.equal(await dialog.getByRole('button', { name: 'No move' }).getAttribute('aria-pressed'), 'false');
  assert.equal(await page.locator('.move-end-label').innerText(), 'End');
  assert.equal(await dialog.locator('svg.move-arrow').getAttribute('aria-label'), 'Camera move: Zoom in');

  // Drag the End box a tenth of the photo to the right: one step, the crop stays.
  const b = await page.locator('.move-end-box').boundingBox();
  const photo = await page.locator('.crop-photo').boundingBox();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2 + photo.width * 0.1, b.y + b.height / 2, { steps: 6 });
  await page.mouse.up();
  const dragged = await endBox(page);
  assert.ok(near(dragged[0], 0.25, 0.01) && near(dragged[1], 0.15) && near(dragged[2], 0.7), `End box dragged right: ${dragged}`);
  close(await cropBox(page), start, 0.0001, 'the crop did not move with it');
  // Tab goes from the crop to the End box; ↑ moves the End box, not the crop.
  await page.locator('.crop-box').focus();
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => document.activeElement.classList.contains('move-end-box')), 'Tab reaches the End box');
  await page.keyboard.press('ArrowUp');
  const nudged = await endBox(page);
  assert.ok(near(nudged[1], dragged[1] - 0.01, 0.001) && near(nudged[0], dragged[0], 0.0001), `↑ moved the End box up: ${nudged}`);
  close(await cropBox(page), start, 0.0001, 'the crop did not move with the keys');
  assert.equal(await dialog.locator('svg.move-arrow').getAttribute('aria-label'), 'Camera move: Zoom in, Pan right');
  // The pace.
  const pace = dialog.getByLabel('Pace');
  assert.equal(await pace.inputValue(), 'linear');
  await pace.selectOption('ease-in-out');
  assert.deepEqual(await audit(page), [], 'the crop tool with a move has no serious accessibility problem');
  await screenshot(page, 'move-crop-tool');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await dialog.waitFor({ state: 'detached' });

  // The card shows the move's arrow, named; frame 2 has none.
  assert.equal(await cardArrow(page, 0), 'Camera move: Zoom in, Pan right');
  assert.equal(await page.locator('.scene-frames > li.frame-card').nth(0).locator('svg.move-arrow title').textContent(), 'Camera move: Zoom in, Pan right');
  assert.equal(await cardArrow(page, 1), null);
  await screenshot(page, 'move-card');

  // Undo: pace, key, drag, preset — one step each; the last takes the arrow away. Redo brings it all back.
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  assert.equal(await cardArrow(page, 0), 'Camera move: Zoom in', 'the drag undone');
  await page.keyboard.press('Control+z');
  assert.equal(await cardArrow(page, 0), null, 'the move undone');
  for (let i = 0; i < 4; i++) await page.keyboard.press('Control+Shift+z');
  assert.equal(await cardArrow(page, 0), 'Camera move: Zoom in, Pan right', 'redone');
  await page.getByRole('button', { name: 'Crop frame 1' }).click();
  close(await endBox(page), nudged, 0.0001, 'the redone End box');
  assert.equal(await dialog.getByLabel('Pace').inputValue(), 'ease-in-out');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await dialog.waitFor({ state: 'detached' });

  // Presenting from frame 1 (3 s): it opens on the crop, the move's start.
  await page.locator('.scene-frames > li.frame-card').nth(0).click();
  await page.getByRole('button', { name: 'Present', exact: true }).click();
  const show = page.locator('.presentation');
  await show.waitFor();
  await page.locator('.present-stage .cropped-photo img').waitFor();
  close(await shownCrop(page), start, 0.005, 'the presentation opens on the start');
  // Playing, the photo travels towards the End box.
  await show.getByRole('button', { name: 'Play animatic' }).click();
  await page.waitForTimeout(900);
  const early = await shownCrop(page);
  await page.waitForTimeout(900);
  const later = await shownCrop(page);
  assert.ok(early[2] < 0.99 && later[2] < early[2] - 0.02 && later[2] > nudged[2], `zooming in while it plays: ${early[2]} then ${later[2]}`);
  assert.ok(later[0] > early[0], `and panning right: ${early[0]} then ${later[0]}`);
  // Paused, it holds.
  await show.getByRole('button', { name: 'Pause' }).click();
  await show.getByRole('button', { name: 'Play animatic' }).waitFor();
  const held = await shownCrop(page);
  assert.ok(held[2] <= later[2] + 0.001, `paused where it was, not back at the start: ${held[2]} after ${later[2]}`);
  await page.waitForTimeout(700);
  close(await shownCrop(page), held, 0.0005, 'paused, the photo holds still');
  assert.equal(await show.locator('.present-number').innerText(), '1 / 2');
  assert.match(await show.locator('.present-time').innerText(), /^0:0[12](\.\d)? \/ 0:06$/, 'the clock says where it paused');
  await screenshot(page, 'move-presenting');

  // Seeked while paused (the timeline spans 6 s: frame 1 is its first half), the photo shows the
  // move's crop at that moment of frame 1's 3 s, eased in and out (linear pacing would be 0.03
  // narrower at 0.6 s, well outside the tolerance).
  const bar = await show.locator('.timeline').boundingBox();
  for (const aim of [0.6, 1.5, 2.7]) {
    // Clicked on a whole pixel (as mouse events report them): the moment is that pixel's.
    const x = Math.round(bar.x + bar.width * (aim / 6));
    await page.mouse.click(x, bar.y + bar.height / 2);
    const within = ((x - bar.x) / bar.width) * 6;
    await page.waitForFunction((v) => Math.abs(document.querySelector('.timeline').getAttribute('aria-valuenow') - v) < 0.06, within);
    await page.waitForTimeout(100);
    close(await shownCrop(page), cropAt(start, nudged, true, within / 3), 0.004, `at ${within.toFixed(3)} s of the move`);
  }
  // Frame 2 has no move: its photo is where its crop puts it, untransformed.
  await page.mouse.click(bar.x + bar.width * 0.75, bar.y + bar.height / 2);
  await page.waitForFunction(() => document.querySelector('.present-number').textContent === '2 / 2');
  assert.equal(await page.$eval('.present-stage .cropped-photo img', (i) => getComputedStyle(i).transform), 'none');
  close(await shownCrop(page), [0, 0, 1, 1], 0.005, 'frame 2 shows its crop');
  // With the system set to reduce motion, frame 1 plays at its crop and does not move.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.mouse.click(bar.x + 2, bar.y + bar.height / 2);
  await page.waitForFunction(() => document.querySelector('.present-number').textContent === '1 / 2');
  await show.getByRole('button', { name: 'Play animatic' }).click();
  await page.waitForTimeout(1200);
  close(await shownCrop(page), start, 0.005, 'reduced motion: the photo holds its crop while it plays');
  await show.getByRole('button', { name: 'Pause' }).click();
  await page.emulateMedia({ reducedMotion: null });
  await page.keyboard.press('Escape');
  await show.waitFor({ state: 'detached' });

  // Printed: the arrow on frame 1's picture, not on frame 2's.
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export storyboard' });
  await exportDialog.getByRole('button', { name: 'Print / Save as PDF…' }).click();
  await page.waitForFunction(() => window.__printed === 1, null, { timeout: 60_000 });
  const printed = await page.$$eval('.print-sheets .sheet-frame', (fs) => fs.map((f) => f.querySelector('svg.move-arrow')?.getAttribute('aria-label') ?? null));
  assert.deepEqual(printed, ['Camera move: Zoom in, Pan right', null]);
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await page.locator('.print-sheets').waitFor({ state: 'detached' });

  // A ZIP bundle with the originals, re-opened as a new board: the move is still there.
  if (!(await exportDialog.isVisible())) await page.getByRole('button', { name: 'Export', exact: true }).click();
  await exportDialog.getByLabel(/Include the original photos/).check();
  const zip = await download(page, h.dir, () => exportDialog.getByRole('button', { name: 'Download ZIP (for a website)' }).click());
  await page.keyboard.press('Escape');
  await page.locator('#photo-input').setInputFiles(zip.path);
  await page.getByText(/Opened “.*” as a new board/).waitFor({ timeout: 60_000 });
  await waitForFrames(page, 2);
  assert.equal(await cardArrow(page, 0), 'Camera move: Zoom in, Pan right', 'the re-opened board keeps the move');
  assert.equal(await cardArrow(page, 1), null);
  await page.getByRole('button', { name: 'Crop frame 1' }).click();
  close(await endBox(page), nudged, 0.0001, 'the re-opened End box');
  assert.equal(await dialog.getByLabel('Pace').inputValue(), 'ease-in-out');
  // "No move" takes it away (one step), as the preset says.
  await dialog.getByRole('button', { name: 'No move' }).click();
  await page.locator('.move-end-box').waitFor({ state: 'detached' });
  await dialog.getByRole('button', { name: 'Done' }).click();
  assert.equal(await cardArrow(page, 0), null);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
