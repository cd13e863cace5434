// Accessibility: an axe-core audit (injected from npm `axe-core`) of every view — the empty
// editor, frames with the inspector, the crop tool, presentation mode, the export dialog, the
// board library, the read-only viewer and an exported HTML file — with no serious or critical
// violation; dialogs take the focus, so Escape closes them from the keyboard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { useHarness, openEditor, writePhotos, waitForFrames, download, audit, ROOT, DIST } from './support.mjs';

const h = useHarness();

test('no serious or critical axe violation in any view of the editor, the viewer or an export', async () => {
  const page = await openEditor(h.browser, h.server.url);
  const found = {};
  found.empty = await audit(page);
  await page.locator('#photo-input').setInputFiles(await writePhotos(page, h.dir, 3, { prefix: 'a11y' }));
  await waitForFrames(page, 3);
  await page.locator('.scene-frames > li.frame-card').nth(0).click();
  await page.locator('.scene-frames > li.frame-card').nth(1).click({ modifiers: ['Shift'] });
  found['frames, selection and inspector'] = await audit(page);
  await page.getByRole('button', { name: 'Crop frame 1' }).click();
  await page.locator('.crop-box').waitFor();
  found['crop tool'] = await audit(page);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Present' }).click();
  await page.locator('.presentation').waitFor();
  found.presentation = await audit(page);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export storyboard' });
  await exportDialog.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Close export', 'the dialog takes the focus');
  found['export dialog'] = await audit(page);
  const html = await download(page, h.dir, () => exportDialog.getByRole('button', { name: 'Download HTML (one file)' }).click());
  await page.keyboard.press('Escape');
  assert.equal(await exportDialog.count(), 0, 'Escape closes the export dialog');
  await page.getByRole('button', { name: 'Boards' }).click();
  await page.getByRole('dialog', { name: 'Your storyboards' }).locator('.library-list').waitFor();
  found.library = await audit(page);
  await page.keyboard.press('Escape');
  assert.equal(await page.getByRole('dialog', { name: 'Your storyboards' }).count(), 0, 'Escape closes the library');

  // The exported file, opened from disk, and the same file in the read-only viewer.
  const exported = await (await h.browser.newContext()).newPage();
  await exported.goto(pathToFileURL(html.path).href);
  found['exported HTML'] = await audit(exported);
  await exported.locator('.fb-open').first().click();
  found['exported HTML slideshow'] = await audit(exported);
  fs.copyFileSync(html.path, path.join(DIST, 'a11y-board.html'));
  try {
    const viewer = await (await h.browser.newContext()).newPage();
    await viewer.goto(`${h.server.url}?view=a11y-board.html`);
    await viewer.locator('.editor[data-access=viewing] .frame-card img').first().waitFor({ timeout: 60_000 });
    found.viewer = await audit(viewer);
  } finally {
    fs.rmSync(path.join(DIST, 'a11y-board.html'), { force: true });
  }
  for (const [view, violations] of Object.entries(found)) assert.deepEqual(violations, [], `${view}: ${violations.join('; ')}`);
  assert.deepEqual(page.problems, []);
});
