// Never lose work: autosave to the real IndexedDB, restore on reload (also in the middle of an
// import), a full storage quota, two tabs on one board, damaged records, the board library, and
// a backup restored in a browser profile that has never seen the boards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  useHarness, openEditor, screenshot, framesOnScreen, waitForFrames, waitUntilSaved, waitUntilOpen, writePhotos as writeInto, storedDocuments,
} from './support.mjs';

const h = useHarness();

const writePhotos = (page, count, options) => writeInto(page, h.dir, count, options);
const status = (page) => page.locator('[data-testid=save-status]').innerText();
const captions = async (page) => (await framesOnScreen(page)).map((f) => f.caption);


async function addPhotos(page, count, options) {
  const before = (await framesOnScreen(page)).length;
  await page.locator('#photo-input').setInputFiles(await writePhotos(page, count, options));
  await waitForFrames(page, before + count);
}

async function caption(page, index, text) {
  const field = page.locator('.scene-frames > li.frame-card').nth(index).getByRole('textbox', { name: /caption/i });
  await field.fill(text);
  await field.blur();
}

test('a reload restores the board: order, captions, title, scenes, aspect and photos', async () => {
  const page = await openEditor(h.browser, h.server.url);
  assert.equal(await status(page), 'Nothing to save yet');
  await addPhotos(page, 4, { prefix: 'trip' });
  await caption(page, 0, '奶奶的厨房');
  await caption(page, 2, 'The harbour at dawn');
  await page.getByRole('textbox', { name: 'Storyboard title', exact: true }).fill('家庭故事');
  await page.getByRole('combobox', { name: 'Aspect ratio' }).selectOption('1:1');
  // Move the last frame to the front with the keyboard.
  await page.locator('.scene-frames > li.frame-card').nth(3).focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Alt+ArrowLeft');
  // A second scene, titled, holding the last frame (grouping starts it at the selected frame).
  await page.locator('.scene-frames > li.frame-card').nth(3).click();
  await page.getByRole('button', { name: '+ Group into scenes' }).click();
  await page.getByLabel('Title of scene 2').fill('港口 Harbour');
  const before = await framesOnScreen(page);
  assert.deepEqual(before.map((f) => f.number), ['1.1', '1.2', '1.3', '2.1']);
  assert.match(await waitUntilSaved(page), /^Saved · \d\d:\d\d:\d\d$/);
  await page.reload();
  await waitUntilOpen(page);
  await waitForFrames(page, 4); // every restored frame shows its photo
  const after = await framesOnScreen(page);
  assert.deepEqual(after.map((f) => f.label), before.map((f) => f.label), 'same frames in the same order');
  assert.deepEqual(after.map((f) => f.caption), before.map((f) => f.caption), 'same captions on the same frames');
  assert.deepEqual(after.map((f) => f.number), ['1.1', '1.2', '1.3', '2.1'], 'same scenes');
  assert.equal(await page.getByLabel('Title of scene 2').inputValue(), '港口 Harbour');
  assert.ok(after.some((f) => f.caption === '奶奶的厨房') && after.some((f) => f.caption === 'The harbour at dawn'));
  assert.equal(await page.getByRole('textbox', { name: 'Storyboard title', exact: true }).inputValue(), '家庭故事');
  assert.equal(await page.getByRole('combobox', { name: 'Aspect ratio' }).inputValue(), '1:1');
  assert.match(await status(page), /^Saved · /);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a reload in the middle of importing 30 photos keeps every photo that had finished, once', async () => {
  const page = await openEditor(h.browser, h.server.url);
  const files = await writePhotos(page, 30, { prefix: 'burst', width: 3200, height: 2400 });
  await page.locator('#photo-input').setInputFiles(files);
  // At least 6 on screen (several can arrive between two checks), then reload at once.
  await waitForFrames(page, 6, 60_000, { atLeast: true });
  const shown = (await framesOnScreen(page)).map((f) => f.label);
  await page.reload();
  await waitUntilOpen(page);
  await page.waitForTimeout(300);
  const restored = (await framesOnScreen(page)).map((f) => f.label);
  assert.ok(restored.length >= shown.length && restored.length < 30, `had ${shown.length} on screen, restored ${restored.length}`);
  for (const label of shown) assert.ok(restored.includes(label), `${label} survived the reload`);
  assert.equal(new Set(restored).size, restored.length, 'no frame twice');
  await waitUntilSaved(page);
  const [doc] = await storedDocuments(page);
  assert.equal(doc.board.scenes.flatMap((s) => s.frames).length, restored.length, 'the stored board matches the screen');
  await page.context().close();
});

test('a full storage quota shows a banner, keeps what was saved, and saves once there is room', async () => {
  // No service worker here: its offline copy of the app (≈ 2 MB) would fill the 400 KB quota
  // before the board's first save.
  const page = await openEditor(h.browser, h.server.url, { serviceWorkers: 'block' });
  // A real quota limit, set before the first write (the browser hands storage out in
  // reservations, so a limit set later can take a while to bite): room for one small photo.
  const cdp = await page.context().newCDPSession(page);
  const origin = new URL(h.server.url).origin;
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 400_000 });
  await addPhotos(page, 1, { prefix: 'kept', width: 640, height: 480 });
  await waitUntilSaved(page);
  await addPhotos(page, 3, { prefix: 'big', width: 2400, height: 1800 });
  const banner = page.getByTestId('save-problem');
  await banner.waitFor({ timeout: 20_000 });
  assert.match(await banner.innerText(), /storage for Flowboard is full/);
  assert.ok(await banner.getByRole('button', { name: 'Download backup' }).isVisible());
  assert.match(await status(page), /Not saved: storage full/);
  assert.equal((await framesOnScreen(page)).length, 4, 'editing goes on in memory');
  await screenshot(page, 'quota-full');
  // What was saved before is intact (IndexedDB refuses even the small document now; the next
  // test reloads at this point).
  const [doc] = await storedDocuments(page);
  const storedFrames = doc.board.scenes.flatMap((s) => s.frames).length;
  assert.ok(storedFrames >= 1 && storedFrames < 4, `the last good save (${storedFrames} frames) is intact`);
  // The backup from the banner includes the unsaved photos.
  const [download] = await Promise.all([page.waitForEvent('download'), banner.getByRole('button', { name: 'Download backup' }).click()]);
  const size = fs.statSync(await download.path()).size;
  assert.ok(size > 100_000, `backup of ${size} bytes holds the photos`);
  // Room again: the retry saves everything.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await waitUntilSaved(page, 45_000);
  assert.equal(await banner.count(), 0);
  await page.reload();
  await waitUntilOpen(page);
  await waitForFrames(page, 4);
  await page.context().close();
});

test('two tabs on one board: the second is read-only, follows saves, and can take over', async () => {
  const a = await openEditor(h.browser, h.server.url);
  await addPhotos(a, 2, { prefix: 'tab' });
  await waitUntilSaved(a);
  const b = await a.context().newPage();
  await b.goto(h.server.url);
  await waitUntilOpen(b);
  assert.equal(await b.locator('.editor').getAttribute('data-access'), 'read-only');
  assert.match(await b.getByRole('alert').first().innerText(), /open for editing in another tab/);
  assert.ok(!(await b.getByRole('textbox', { name: 'Storyboard title', exact: true }).isEditable()), 'the title cannot be typed into in the read-only tab');
  await waitForFrames(b, 2);
  // A keeps editing; B follows what A saves.
  await caption(a, 0, 'edited in tab A');
  await waitUntilSaved(a);
  await b.waitForFunction(() => [...document.querySelectorAll('textarea')].some((t) => t.value === 'edited in tab A'), null, { timeout: 10_000 });
  // B takes over: A saves, becomes read-only; B edits and saves; A follows.
  await b.getByRole('button', { name: 'Edit here instead' }).click();
  await b.locator('.editor[data-access=editing]').waitFor({ timeout: 10_000 });
  await a.locator('.editor[data-access=read-only]').waitFor({ timeout: 10_000 });
  await caption(b, 1, 'edited in tab B');
  await waitUntilSaved(b);
  await a.waitForFunction(() => [...document.querySelectorAll('textarea')].some((t) => t.value === 'edited in tab B'), null, { timeout: 10_000 });
  const [doc] = await storedDocuments(b);
  const stored = doc.board.scenes.flatMap((s) => s.frames).map((f) => f.caption);
  assert.deepEqual(stored, ['edited in tab A', 'edited in tab B'], 'neither tab overwrote the other');
  await a.context().close();
});

test('a damaged record is restored as far as possible, and one bad board never blocks the others', async () => {
  const page = await openEditor(h.browser, h.server.url);
  await addPhotos(page, 3, { prefix: 'dmg' });
  await caption(page, 2, 'third frame');
  await waitUntilSaved(page);
  // Damage the stored board (one frame unreadable), lose one photo blob, add an unreadable board.
  await page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('flowboard');
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['boards', 'photos'], 'readwrite');
      const boards = tx.objectStore('boards');
      boards.getAll().onsuccess = (e) => {
        const doc = JSON.parse(e.target.result[0]);
        const frames = doc.board.scenes[0].frames;
        frames[0].id = 'garbage';
        tx.objectStore('photos').delete(frames[1].photo);
        boards.put(JSON.stringify(doc), doc.id);
        boards.put('{"format":"flowboard-board", "id": "broken', 'b0-broken');
      };
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }));
  await page.reload();
  await waitUntilOpen(page);
  await screenshot(page, 'restore-notice');
  const notice = page.getByTestId('restore-notice');
  await notice.waitFor();
  const text = await notice.innerText();
  assert.match(text, /Frame 1 of scene 1 could not be read/);
  assert.match(text, /was not found in this browser's storage/);
  // The frame whose photo is lost keeps its place with a placeholder; the others show theirs.
  await waitForFrames(page, 1);
  const frames = await framesOnScreen(page);
  assert.equal(frames.length, 2);
  assert.deepEqual(frames.map((f) => f.caption), ['', 'third frame']);
  await screenshot(page, 'restore-notice');
  // The library lists the broken board and can delete it; the good one opens.
  await page.getByRole('button', { name: 'Boards', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Your storyboards' });
  await dialog.getByText('Damaged board').waitFor();
  await dialog.getByRole('button', { name: 'Delete Damaged board' }).click();
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await dialog.getByText('Board deleted.').waitFor();
  assert.equal(await dialog.getByText('Damaged board').count(), 0);
  await page.context().close();
});

test('the library: new, rename, duplicate, open, delete; a backup restores in a fresh browser', async () => {
  const page = await openEditor(h.browser, h.server.url);
  await addPhotos(page, 2, { prefix: 'lib' });
  await page.getByRole('textbox', { name: 'Storyboard title', exact: true }).fill('Workshop');
  await caption(page, 1, '全家福');
  await waitUntilSaved(page);
  await page.getByRole('button', { name: 'Boards', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Your storyboards' });
  await dialog.getByText('Workshop (open)').waitFor();
  assert.match(await dialog.innerText(), /2 frames · 1 scene · saved/);
  assert.match(await dialog.innerText(), /Storage: .* used of /);
  await dialog.getByRole('button', { name: 'Duplicate Workshop' }).click();
  await dialog.getByText('Workshop (copy)').waitFor();
  await dialog.getByRole('button', { name: 'Rename Workshop (copy)' }).click();
  await dialog.getByRole('textbox', { name: 'New title' }).fill('Second draft');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.getByText('Second draft').waitFor();
  await dialog.getByRole('button', { name: 'New storyboard' }).click();
  await page.locator('.empty-state').waitFor();
  await page.getByRole('textbox', { name: 'Storyboard title', exact: true }).fill('Empty one');
  await waitUntilSaved(page);
  await page.getByRole('button', { name: 'Boards', exact: true }).click();
  await dialog.getByText('Empty one (open)').waitFor();
  await dialog.getByRole('button', { name: 'Open Second draft' }).click();
  await waitForFrames(page, 2);
  assert.equal(await page.getByRole('textbox', { name: 'Storyboard title', exact: true }).inputValue(), 'Second draft');
  await screenshot(page, 'library');

  await page.getByRole('button', { name: 'Boards', exact: true }).click();
  await dialog.getByRole('button', { name: 'Delete Empty one' }).click();
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await dialog.getByText('Board deleted.').waitFor();
  assert.equal(await dialog.getByText('Empty one').count(), 0);
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download backup' }).click()]);
  const backup = path.join(h.dir, download.suggestedFilename());
  await download.saveAs(backup);
  assert.match(download.suggestedFilename(), /^flowboard-backup-\d{4}-\d\d-\d\d\.zip$/);
  await page.context().close();

  // Another browser profile: restore, open, everything is there.
  const fresh = await openEditor(h.browser, h.server.url);
  await fresh.getByRole('button', { name: 'Boards', exact: true }).click();
  const d2 = fresh.getByRole('dialog', { name: 'Your storyboards' });
  await d2.getByLabel('Backup file to restore').setInputFiles(backup);
  await d2.getByText(/Backup restored: 2 board\(s\) added, 2 photo\(s\)\./).waitFor({ timeout: 20_000 });
  await d2.getByRole('button', { name: 'Open Workshop' }).click();
  await waitForFrames(fresh, 2); // both frames show their photo
  assert.ok((await captions(fresh)).includes('全家福'));
  // Restoring the same backup again adds nothing.
  await fresh.getByRole('button', { name: 'Boards', exact: true }).click();
  await d2.getByLabel('Backup file to restore').setInputFiles(backup);
  await d2.getByText(/0 board\(s\) added.*2 board\(s\) were already here/).waitFor({ timeout: 20_000 });
  // A file that is not a backup gets a clear message.
  const notZip = path.join(h.dir, 'notes.zip');
  fs.writeFileSync(notZip, 'just some text');
  await d2.getByLabel('Backup file to restore').setInputFiles(notZip);
  await d2.getByText(/notes\.zip: this file is not a Flowboard backup that can be restored \(not a ZIP archive/).waitFor();
  assert.deepEqual(fresh.problems, []);
  await fresh.context().close();
});

test('a crash half a second after typing keeps what was typed', async () => {
  const page = await openEditor(h.browser, h.server.url);
  await addPhotos(page, 1, { prefix: 'crash' });
  await waitUntilSaved(page);
  const field = page.locator('.scene-frames > li.frame-card').first().getByRole('textbox', { name: /caption/i });
  await field.click();
  await page.keyboard.type('typed just before the crash');
  // No blur, no pagehide: the renderer dies 600 ms after the last key.
  await page.waitForTimeout(600);
  const cdp = await page.context().newCDPSession(page);
  const crashed = page.waitForEvent('crash', { timeout: 10_000 });
  cdp.send('Page.crash').catch(() => {}); // never answers: the renderer is gone
  await crashed;
  const again = await page.context().newPage();
  await again.goto(h.server.url);
  await waitUntilOpen(again);
  await waitForFrames(again, 1);
  assert.deepEqual(await captions(again), ['typed just before the crash']);
  await page.context().close();
});

test('storage full: a reload keeps every frame and caption that was on screen, and leaving asks first', async () => {
  const page = await openEditor(h.browser, h.server.url, { serviceWorkers: 'block' });
  const cdp = await page.context().newCDPSession(page);
  const origin = new URL(h.server.url).origin;
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 400_000 });
  await addPhotos(page, 1, { prefix: 'fits', width: 640, height: 480 });
  await waitUntilSaved(page);
  await addPhotos(page, 2, { prefix: 'too-big', width: 2400, height: 1800 });
  await page.getByTestId('save-problem').waitFor({ timeout: 20_000 });
  await caption(page, 2, 'typed while storage is full');
  await page.locator('[data-testid=save-status]', { hasText: /Not saved/ }).waitFor({ timeout: 20_000 });
  // The browser asks before the page goes (a click first: browsers ask only after one).
  await page.getByRole('textbox', { name: 'Storyboard title', exact: true }).click();
  const asked = [];
  page.on('dialog', (d) => { asked.push(d.type()); d.dismiss(); });
  await page.close({ runBeforeUnload: true });
  await page.waitForTimeout(500);
  assert.deepEqual(asked, ['beforeunload']);
  assert.equal(page.isClosed(), false, 'staying was possible');
  page.removeAllListeners('dialog');
  page.on('dialog', (d) => d.accept());
  // Reloaded anyway: the photos that did not fit are gone, every frame and caption is not.
  await page.reload();
  await waitUntilOpen(page);
  await page.locator('.filmstrip .frame-card').nth(2).waitFor();
  assert.equal((await framesOnScreen(page)).length, 3);
  assert.equal((await captions(page))[2], 'typed while storage is full');
  await cdp.send('Storage.overrideQuotaForOrigin', { origin }).catch(() => {});
  await page.context().close();
});
