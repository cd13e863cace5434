// Very large boards never brick the editor: a board at the frame cap (2 000 frames, with photos
// and with none) opens and takes typing; a board of 50 000 frames stored by an older build
// (planted straight into IndexedDB, without its library summary) never holds the page: the
// editor offers the library instead (or opens it capped), and the library lists it, renames it
// and deletes it, while the user's other board stays and opens. Speed targets are in the bench
// (bench/scale.mjs), not here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useHarness, openEditor, waitForFrames, waitUntilOpen, waitUntilSaved, writePhotos, screenshot } from './support.mjs';
import { storedDocuments, replicate, plantBoard, waitForCards } from './big-boards.mjs';

const h = useHarness();

/** A small board made through the app (photos through the picker, a title), saved; its document. */
async function smallBoard(page, { photos, title }) {
  await page.locator('#photo-input').setInputFiles(await writePhotos(page, h.dir, photos, { prefix: title, width: 320, height: 240 }));
  await waitForFrames(page, photos);
  await page.getByRole('textbox', { name: 'Storyboard title', exact: true }).fill(title);
  await waitUntilSaved(page);
  const docs = await storedDocuments(page);
  assert.equal(docs.length, 1);
  return docs[0];
}

const card = (page, i) => page.locator('.filmstrip .scene-frames > li.frame-card').nth(i);

/** Types at the end of frame `i`'s caption; checks the field shows it and the save holds it. */
async function typeCaption(page, id, i, text) {
  const field = card(page, i).getByRole('textbox', { name: /caption/i });
  await field.click();
  await page.keyboard.press('End');
  await page.keyboard.type(text);
  assert.equal(await field.inputValue(), `frame ${i + 1}${text}`, 'the letter shows in the caption');
  await field.blur();
  await waitUntilSaved(page, 30_000);
  const doc = (await storedDocuments(page)).find((d) => d.id === id);
  assert.equal(doc.board.scenes[0].frames[i].caption, `frame ${i + 1}${text}`, 'and is saved');
}

test('a board at the frame cap (2 000 frames, with photos and with none) opens and takes a caption', async () => {
  const page = await openEditor(h.browser, h.server.url);
  const doc = await smallBoard(page, { photos: 2, title: 'Seed' });
  for (const photos of [true, false]) {
    const id = `b-cap-${photos ? 'photos' : 'plain'}`;
    await plantBoard(page, replicate(doc, 2000, { id, title: `Cap ${photos}`, photos }));
    await page.reload();
    await waitUntilOpen(page);
    await waitForCards(page, 2000);
    assert.equal(await page.locator('.editor').getAttribute('data-access'), 'editing');
    await typeCaption(page, id, 1000, 'x');
    // The card after it is unchanged, and selecting it works.
    await card(page, 1001).locator('.frame-number').click({ force: true });
    await page.locator('.filmstrip li.frame-card.selected[data-frame-id]').first().waitFor();
    assert.match(await card(page, 1001).getAttribute('aria-label'), /frame 1002$/);
    assert.match(await card(page, 1001).getAttribute('class'), /selected/);
  }
  await screenshot(page, 'large-board-2000');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

// With thousands of cards on the page, page-wide role queries walk every element (seconds
// each): the library dialog is found by its id and queried inside.
const libraryOf = (page) => page.locator('[role=dialog][aria-labelledby=library-title]');
const boardsButton = (page) => page.locator('.toolbar button', { hasText: /^Boards$/ });

test('a stored board of 50 000 frames never holds the page: the library opens, renames and deletes it', async () => {
  const page = await openEditor(h.browser, h.server.url);
  const doc = await smallBoard(page, { photos: 1, title: 'Holiday' });
  const huge = replicate(doc, 50_000, { id: 'b-huge', title: 'Huge', photos: false, savedAt: Date.now() + 1000 });
  await plantBoard(page, huge);
  await page.reload();
  // Either the page offers the library (the board takes long to open), or the board opens
  // capped; both within a bounded time, with the page answering.
  const instead = page.locator('[data-testid=slow-open] button', { hasText: 'Open the library instead' });
  const opened = page.locator('.editor[data-access=editing] .filmstrip');
  await instead.or(opened).first().waitFor({ timeout: 60_000 });
  await screenshot(page, 'large-board-50000-start');
  if (await instead.isVisible()) await instead.click();
  else await boardsButton(page).click();
  const dialog = libraryOf(page);
  const heading = (name) => dialog.locator('h3', { hasText: name });
  await heading(/^Huge/).waitFor({ timeout: 30_000 });
  await heading(/^Holiday/).waitFor();
  assert.match(await dialog.innerText(), /Huge[^\n]*\n+50,?000 frames/, 'listed with its frame count, from its document');

  // Open the other board, then rename the big one in storage: every frame is kept.
  if (await dialog.getByRole('button', { name: 'Open Holiday' }).count()) {
    await dialog.getByRole('button', { name: 'Open Holiday' }).click();
    await dialog.waitFor({ state: 'detached' });
    await waitForFrames(page, 1);
    await boardsButton(page).click();
  }
  await heading(/^Holiday \(open\)/).waitFor({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Rename Huge' }).click();
  await dialog.getByRole('textbox', { name: 'New title' }).fill('Huge renamed');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await heading(/^Huge renamed/).waitFor({ timeout: 30_000 });
  const renamed = (await storedDocuments(page)).find((d) => d.id === 'b-huge');
  assert.equal(renamed.board.title, 'Huge renamed');
  assert.equal(renamed.board.scenes[0].frames.length, 50_000, 'a rename keeps every frame');

  // Delete it; the other board is still there and open.
  await dialog.getByRole('button', { name: 'Delete Huge renamed' }).click();
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await dialog.getByText('Board deleted.').waitFor({ timeout: 30_000 });
  assert.equal(await heading(/^Huge/).count(), 0);
  assert.deepEqual((await storedDocuments(page)).map((d) => d.board.title), ['Holiday']);
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.getByRole('textbox', { name: 'Storyboard title', exact: true }).inputValue(), 'Holiday');
  // And a reload opens it again.
  await page.reload();
  await waitUntilOpen(page);
  await waitForFrames(page, 1);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a board that takes long to open: the page offers the library instead, and the board never shows up later', async () => {
  // Reading board "b-slow" from IndexedDB answers only after 8 s (a huge document, a slow disk).
  const slowRead = () => {
    const get = IDBObjectStore.prototype.get;
    const onsuccess = Object.getOwnPropertyDescriptor(IDBRequest.prototype, 'onsuccess');
    IDBObjectStore.prototype.get = function (key) {
      const request = get.call(this, key);
      if (this.name === 'boards' && key === 'b-slow') {
        Object.defineProperty(request, 'onsuccess', {
          configurable: true,
          get: () => onsuccess.get.call(request),
          set: (f) => onsuccess.set.call(request, f && ((e) => setTimeout(() => f.call(request, e), 8_000))),
        });
      }
      return request;
    };
  };
  const page = await openEditor(h.browser, h.server.url, {}, slowRead);
  const doc = await smallBoard(page, { photos: 1, title: 'Holiday' });
  const slow = replicate(doc, 3, { id: 'b-slow', title: 'Slow', photos: false, savedAt: Date.now() + 1000 });
  await plantBoard(page, slow, { summary: { id: 'b-slow', title: 'Slow', created_at: slow.created_at, saved_at: slow.saved_at, frames: 3, scenes: 1, cover: null } });
  await page.reload();
  const banner = page.getByTestId('slow-open');
  await banner.waitFor({ timeout: 7_000 });
  assert.match(await banner.innerText(), /This storyboard is taking long to open\./);
  await banner.getByRole('button', { name: 'Open the library instead' }).click();
  const dialog = libraryOf(page);
  await dialog.locator('h3', { hasText: /^Slow/ }).waitFor();
  await dialog.locator('h3', { hasText: /^Holiday/ }).waitFor();
  await screenshot(page, 'slow-open-library');
  // The board it gave up never replaces what is on screen, even once it has been read.
  await page.waitForTimeout(8_000);
  assert.equal(await page.locator('.editor').getAttribute('data-access'), 'editing');
  assert.equal(await page.locator('li.frame-card').count(), 0);
  assert.equal(await dialog.locator('h3', { hasText: /^Slow \(open\)/ }).count(), 0);
  await dialog.getByRole('button', { name: 'Delete Slow' }).click();
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await dialog.getByText('Board deleted.').waitFor();
  await dialog.getByRole('button', { name: 'Open Holiday' }).click();
  await dialog.waitFor({ state: 'detached' });
  await waitForFrames(page, 1);
  assert.equal(await page.getByRole('textbox', { name: 'Storyboard title', exact: true }).inputValue(), 'Holiday');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
