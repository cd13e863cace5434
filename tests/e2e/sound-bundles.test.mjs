// Sound kept like photos (issue 17): a board with two voice-overs and a music bed, attached
// through the editor, exported as one HTML file — opened from file:// it makes no request but the
// document, and its slideshow plays each narration from its frame's start with the music ducked
// under it — and as a ZIP with audio/…, whose page plays them from a static host; each re-opened
// in a fresh browser brings the sound back, as does a backup restored there. A bundle whose
// sound was damaged or lost on the way opens with the rest and says which sound was left out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  useHarness, openEditor, writePhotos, waitForFrames, waitUntilSaved, storedDocuments, wavTones, readZip, writeZip,
  download, screenshot, storedAudio, restoreInFreshBrowser,
} from './support.mjs';
import { createServer } from '../../scripts/static-server.mjs';

const h = useHarness();

/** A WAV file of tones written to the test folder: { path, bytes }. */
function wav(name, parts) {
  const file = path.join(h.dir, name);
  fs.writeFileSync(file, wavTones(parts));
  return { path: file, bytes: fs.readFileSync(file) };
}

/** IndexedDB's audio store: Map(id → { size, type, name }). */
const audioById = async (page) => new Map((await storedAudio(page)).map(({ key, size, type, name }) => [key, { size, type, name }]));

const card = (page, n) => page.locator('.scene-frames > li.frame-card').nth(n - 1);
const framesOf = (board) => board.scenes.flatMap((s) => s.frames);

/** What a board's sound is, without the ids' order: each frame's narration and the bed. */
const soundOf = (board) => ({
  narrations: framesOf(board).map((f) => f.narration && { name: board.audio[f.narration.audio].name, start: f.narration.start, end: f.narration.end }),
  music: board.music && { ...board.music, audio: board.audio[board.music.audio].name },
  files: Object.values(board.audio).map((a) => `${a.name} ${a.bytes} ${a.mime}`).sort(),
});

// voice-1: 1.5 s, voice-2: 1 s, music 8 s. Frames last 2 s and 1.5 s (clip + 0.5 s pause) and
// 3 s (no clip): the board runs 6.5 s, the music fades in over 1 s and out over the last 2 s.
let voice1, voice2, music;

/** Three frames, voice-overs on the first two and a music bed, made in the editor; saved. */
async function boardWithSound(page) {
  voice1 ??= wav('voice-1.wav', [{ seconds: 1.5, freq: 440 }]);
  voice2 ??= wav('voice-2.wav', [{ seconds: 1, freq: 660 }]);
  music ??= wav('music.wav', [{ seconds: 8, freq: 220 }]);
  await page.locator('#photo-input').setInputFiles(await writePhotos(page, h.dir, 3, { prefix: 'film', width: 640, height: 360 }));
  await waitForFrames(page, 3);
  await page.getByRole('textbox', { name: 'Storyboard title', exact: true }).fill('Sound film');
  for (const [n, file] of [[1, voice1], [2, voice2]]) {
    await card(page, n).click();
    await page.locator('.narration-file').setInputFiles(file.path);
    await page.locator('.narration-panel .narration-facts', { hasText: path.basename(file.path) }).waitFor({ timeout: 60_000 });
  }
  const details = page.locator('.board-details');
  if (!(await details.getAttribute('open'))) await details.locator('summary').click();
  await page.locator('.music-file').setInputFiles(music.path);
  await page.locator('.music-facts', { hasText: 'music.wav' }).waitFor({ timeout: 60_000 });
  await waitUntilSaved(page);
  const [doc] = await storedDocuments(page);
  return doc.board;
}

async function exportDialog(page) {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  return page.getByRole('dialog', { name: 'Export storyboard' });
}

/** Opens a bundle in the editor through the file picker; waits for the new board. */
async function reopen(page, file, frames = 3) {
  await page.locator('#photo-input').setInputFiles(file);
  await page.getByText(/Opened “.*” as a new board/).waitFor({ timeout: 90_000 });
  await waitForFrames(page, frames);
  await waitUntilSaved(page);
}

/** The board the editor shows, as stored (the one with the title, most recently saved). */
async function shownBoard(page) {
  const docs = await storedDocuments(page);
  return docs.sort((a, b) => b.saved_at - a.saved_at)[0].board;
}

test('a board with sound: the HTML plays it offline with no request, the ZIP has audio/…, both re-open with their sound', async () => {
  const page = await openEditor(h.browser, h.server.url);
  const board = await boardWithSound(page);
  const sound = soundOf(board);
  assert.deepEqual(sound.narrations.map((n) => n?.name), ['voice-1.wav', 'voice-2.wav', undefined]);
  assert.equal(sound.music.audio, 'music.wav');
  const ids = Object.fromEntries(Object.values(board.audio).map((a) => [a.name, a.id]));

  const dialog = await exportDialog(page);
  const html = await download(page, h.dir, () => dialog.getByRole('button', { name: 'Download HTML (one file)' }).click());
  await dialog.getByText(/Exported “Sound film.html”: 3 frame images,/).waitFor();
  const text = html.bytes.toString('utf8');
  assert.match(text, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; media-src data:; style-src/);
  assert.ok(!/https?:\/\//.test(text), 'no URL of any host in the page');
  // Each sound once, as data: media typed from its bytes, its bytes exactly the file's.
  const embedded = [...text.matchAll(/<audio data-file="(audio\/[0-9a-f]{32}\.wav)" src="data:audio\/wav;base64,([^"]+)"/g)];
  assert.equal(embedded.length, 3);
  for (const [name, file] of [['voice-1.wav', voice1], ['voice-2.wav', voice2], ['music.wav', music]]) {
    const found = embedded.find((m) => m[1] === `audio/${ids[name]}.wav`);
    assert.ok(found && Buffer.from(found[2], 'base64').equals(file.bytes), `${name} is in the page as it was added`);
  }
  // Measured for the README: what the sound costs the page (base64: 4 bytes for 3).
  const soundBytes = voice1.bytes.length + voice2.bytes.length + music.bytes.length;
  const inPage = embedded.reduce((n, m) => n + m[2].length, 0);
  console.log(`sound in the page: ${soundBytes} bytes of WAV (10.5 s) as ${inPage} bytes of base64 (×${(inPage / soundBytes).toFixed(3)}); page ${html.bytes.length} bytes`);
  const data = JSON.parse(text.match(/<script type="application\/json" id="flowboard-bundle">(.*?)<\/script>/s)[1]);
  assert.equal(data.version, 2);
  assert.deepEqual(data.sound.voices.map((v) => v && [v.path, v.offset, v.seconds]), [
    [`audio/${ids['voice-1.wav']}.wav`, 0, 1.5], [`audio/${ids['voice-2.wav']}.wav`, 0, 1], null,
  ]);
  assert.equal(data.sound.total, 6.5);

  // Opened from disk: no request but the document itself, no CSP complaint; Play plays it.
  const context = await h.browser.newContext({ viewport: { width: 1000, height: 700 } });
  const viewer = await context.newPage();
  const requests = [], bad = [];
  viewer.on('request', (r) => requests.push(r.url()));
  viewer.on('pageerror', (e) => bad.push(`pageerror: ${e.message}`));
  viewer.on('console', (m) => { if (m.type() === 'error' || /Content.Security.Policy/i.test(m.text())) bad.push(`console: ${m.text()}`); });
  // What the page's <audio> elements do, sampled every 50 ms by the test (the viewer's own state).
  await viewer.addInitScript(() => {
    window.__trace = [];
    const t0 = { at: null };
    setInterval(() => {
      const show = document.getElementById('fb-show');
      if (!show || show.hidden) return;
      t0.at ??= performance.now();
      window.__trace.push({
        t: (performance.now() - t0.at) / 1000,
        pos: show.querySelector('.fb-pos')?.textContent,
        audio: [...show.querySelectorAll('audio')].map((a) => ({ file: a.dataset.file, playing: !a.paused, time: a.currentTime, volume: a.volume })),
      });
    }, 50);
  });
  await viewer.goto(pathToFileURL(html.path).href);
  // Looking through the frames plays nothing and loads no sound.
  await viewer.locator('.fb-open').first().click();
  await viewer.keyboard.press('ArrowRight');
  assert.equal(await viewer.locator('audio').count(), 0, 'no sound loaded before Play');
  await viewer.keyboard.press('Escape');
  await viewer.evaluate(() => { window.__trace = []; });
  await viewer.getByRole('button', { name: 'Play slideshow' }).first().click();
  await viewer.waitForFunction(() => document.querySelector('#fb-show .fb-pos').textContent === '3 / 3', null, { timeout: 20_000 });
  await viewer.waitForTimeout(1500);
  await screenshot(viewer, 'sound-bundle-viewer');
  const trace = await viewer.evaluate(() => window.__trace);
  const playing = (s, name) => s.audio.find((a) => a.file === `audio/${ids[name]}.wav` && a.playing);
  const file = (name) => `audio/${ids[name]}.wav`;
  const at = (pos) => trace.filter((s) => s.pos === pos);
  // Frame 1: its voice plays from the clip's start; the music plays under it, ducked to −12 dB.
  const first = at('1 / 3');
  assert.ok(first.length > 5, `frame 1 was sampled: ${JSON.stringify(trace.slice(0, 3))}`);
  const voiced = first.filter((s) => s.audio.some((a) => a.file === file('voice-1.wav') && a.playing && a.time > 0.1));
  assert.ok(voiced.length > 3, `voice-1 plays on frame 1: ${JSON.stringify(first.slice(0, 4))}`);
  assert.ok(first.every((s) => !s.audio.some((a) => a.file === file('voice-2.wav') && a.playing)), 'voice-2 waits for its frame');
  const ducked = first.map((s) => s.audio.find((a) => a.file === file('music.wav') && a.playing)?.volume).filter((v) => v !== undefined && v > 0);
  assert.ok(ducked.some((v) => Math.abs(v - 0.2512) < 0.02), `the music is ducked under the voice: ${ducked}`);
  // Frame 2: voice-2 starts with it, from the clip's start; voice-1 has stopped.
  const second = at('2 / 3');
  const start2 = second.find((s) => playing(s, 'voice-2.wav'));
  assert.ok(start2 && playing(start2, 'voice-2.wav').time < 0.4, `voice-2 starts at its frame's start: ${JSON.stringify(second.slice(0, 3))}`);
  assert.ok(second.every((s) => !playing(s, 'voice-1.wav')), 'voice-1 is over');
  // Frame 3 (no voice): the music is back up, at full level before its fade out.
  const third = at('3 / 3').map((s) => playing(s, 'music.wav')?.volume).filter((v) => v !== undefined);
  assert.ok(third.some((v) => v > 0.9), `the music comes back up: ${third}`);
  // Only the document was requested: every sound and picture came from the page itself.
  assert.deepEqual(requests.filter((u) => !u.startsWith('data:')), [pathToFileURL(html.path).href]);
  assert.deepEqual(bad, []);
  await context.close();

  // The ZIP: audio/<id>.wav beside images/, each the file as added; its page links them.
  const zip = await download(page, h.dir, () => dialog.getByRole('button', { name: 'Download ZIP (for a website)' }).click());
  const entries = await readZip(zip.bytes);
  const audio = [...entries.keys()].filter((n) => n.startsWith('audio/')).sort();
  assert.deepEqual(audio, [file('music.wav'), file('voice-1.wav'), file('voice-2.wav')].sort());
  assert.ok(entries.get(file('voice-1.wav')).equals(voice1.bytes) && entries.get(file('music.wav')).equals(music.bytes));
  const manifest = JSON.parse(entries.get('storyboard.json').toString('utf8'));
  assert.equal(manifest.version, 2);
  assert.deepEqual(manifest.audio.map((a) => a.path).sort(), audio);
  assert.match(entries.get('index.html').toString('utf8'), /media-src 'self' data:;/);
  // Unpacked on a static host, its page plays the linked files (and asks for nothing else).
  const site = path.join(h.dir, 'site');
  for (const [name, bytes] of entries) {
    fs.mkdirSync(path.dirname(path.join(site, name)), { recursive: true });
    fs.writeFileSync(path.join(site, name), bytes);
  }
  const host = createServer({ dir: site, base: '/film/' });
  await new Promise((r) => host.listen(0, '127.0.0.1', r));
  try {
    const base = `http://127.0.0.1:${host.address().port}/film/`;
    const hosted = await (await h.browser.newContext()).newPage();
    const asked = [], wrong = [];
    hosted.on('request', (r) => asked.push(r.url()));
    hosted.on('console', (m) => { if (m.type() === 'error') wrong.push(m.text()); });
    await hosted.goto(base);
    await hosted.getByRole('button', { name: 'Play slideshow' }).first().click();
    await hosted.waitForFunction((f) => [...document.querySelectorAll('#fb-show audio')].some((a) => a.dataset.file === f && !a.paused && a.currentTime > 0.2), file('voice-1.wav'), { timeout: 10_000 });
    assert.ok(asked.every((u) => u.startsWith(base) && !/\.\./.test(u)), `only the bundle's own files: ${asked}`);
    assert.ok(asked.includes(base + file('voice-1.wav')) && asked.includes(base + file('music.wav')));
    assert.deepEqual(wrong, []);
    await hosted.context().close();
  } finally {
    host.closeAllConnections?.();
    await new Promise((r) => host.close(r));
  }
  assert.deepEqual(page.problems, []);
  await page.context().close();

  // Each re-opened in a browser that has never seen the sound: the board and its files are back.
  for (const bundle of [html.path, zip.path]) {
    const fresh = await openEditor(h.browser, h.server.url);
    await reopen(fresh, bundle);
    const back = await shownBoard(fresh);
    assert.deepEqual(soundOf(back), sound, `${path.basename(bundle)} brings the sound back`);
    const stored = await audioById(fresh);
    for (const [name, f] of [['voice-1.wav', voice1], ['voice-2.wav', voice2], ['music.wav', music]]) {
      assert.deepEqual(stored.get(ids[name]), { size: f.bytes.length, type: 'audio/wav', name }, `${name} stored`);
    }
    await card(fresh, 1).click();
    await fresh.locator('.narration-panel .narration-facts', { hasText: 'voice-1.wav' }).waitFor();
    assert.equal(await card(fresh, 2).locator('.card-waveform').count(), 1);
    assert.deepEqual(fresh.problems, []);
    await fresh.context().close();
  }
});

test('a backup restores the sound in a fresh browser', async () => {
  const page = await openEditor(h.browser, h.server.url);
  const board = await boardWithSound(page);
  await page.getByRole('button', { name: 'Boards', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Your storyboards' });
  const backup = await download(page, h.dir, () => dialog.getByRole('button', { name: 'Download backup' }).click());
  const entries = await readZip(backup.bytes);
  const listed = JSON.parse(entries.get('flowboard-backup.json').toString('utf8'));
  assert.equal(listed.version, 2);
  assert.deepEqual(listed.audio.map((a) => a.name).sort(), ['music.wav', 'voice-1.wav', 'voice-2.wav']);
  for (const a of listed.audio) assert.ok(entries.get(`audio/${a.id}`).length > 40_000, `audio/${a.id} is in the backup`);
  await page.context().close();

  const fresh = await restoreInFreshBrowser(h.browser, h.server.url, backup.path,
    /Backup restored: 1 board\(s\) added, 3 photo\(s\)\. 3 sound files restored\./, 'Sound film');
  const d2 = fresh.getByRole('dialog', { name: 'Your storyboards' });
  await waitForFrames(fresh, 3);
  assert.deepEqual(soundOf(await shownBoard(fresh)), soundOf(board));
  const stored = await audioById(fresh);
  assert.equal(stored.size, 3);
  for (const [name, f] of [['voice-1.wav', voice1], ['voice-2.wav', voice2], ['music.wav', music]]) {
    const id = Object.values(board.audio).find((a) => a.name === name).id;
    assert.deepEqual(stored.get(id), { size: f.bytes.length, type: 'audio/wav', name });
  }
  await card(fresh, 2).click();
  await fresh.locator('.narration-panel .narration-facts', { hasText: 'voice-2.wav' }).waitFor();
  // Restoring it again adds nothing and stores no sound twice.
  await fresh.getByRole('button', { name: 'Boards', exact: true }).click();
  await d2.getByLabel('Backup file to restore').setInputFiles(backup.path);
  await d2.getByText(/0 board\(s\) added.*1 board\(s\) were already here/).waitFor({ timeout: 30_000 });
  assert.deepEqual(fresh.problems, []);
  await fresh.context().close();
});

test('a bundle whose sound was damaged or lost on the way opens with the rest and names what was left out', async () => {
  const page = await openEditor(h.browser, h.server.url);
  const board = await boardWithSound(page);
  const dialog = await exportDialog(page);
  const zip = await download(page, h.dir, () => dialog.getByRole('button', { name: 'Download ZIP (for a website)' }).click());
  await page.context().close();
  const ids = Object.fromEntries(Object.values(board.audio).map((a) => [a.name, a.id]));
  const entries = await readZip(zip.bytes);
  // voice-1 changed on the way (a byte flipped); the music left behind; voice-2 intact.
  const damaged = Buffer.from(entries.get(`audio/${ids['voice-1.wav']}.wav`));
  damaged[1000] ^= 0xff;
  entries.set(`audio/${ids['voice-1.wav']}.wav`, damaged);
  entries.delete(`audio/${ids['music.wav']}.wav`);
  const hostile = path.join(h.dir, 'Sound film (damaged).zip');
  fs.writeFileSync(hostile, await writeZip([...entries]));

  const fresh = await openEditor(h.browser, h.server.url);
  await reopen(fresh, hostile);
  const notice = fresh.getByTestId('restore-notice');
  await notice.getByText('The sound “voice-1.wav” in the bundle is damaged; its voice-over or music was left out.').waitFor();
  await notice.getByText('The sound “music.wav” is missing from the bundle; its voice-over or music was left out.').waitFor();
  const back = await shownBoard(fresh);
  const sound = soundOf(back);
  assert.deepEqual(sound.narrations.map((n) => n?.name), [undefined, 'voice-2.wav', undefined]);
  assert.equal(sound.music, undefined);
  assert.deepEqual([...(await audioById(fresh)).keys()], [ids['voice-2.wav']]);
  // Everything else came: three frames with their pictures, the title.
  assert.equal(back.title, 'Sound film');
  assert.equal(framesOf(back).filter((f) => f.photo).length, 3);
  assert.deepEqual(fresh.problems, []);
  await fresh.context().close();
});
