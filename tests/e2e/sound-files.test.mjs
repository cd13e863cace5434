// Sound files (issue 17): a voice-over attached from a file on two frames, its waveform on the
// card, trimmed with the keyboard and by dragging a handle, removed, with undo and redo; durations
// fitted to narration with a pause chosen (a duration typed by hand still wins, and says so);
// a music bed and its options; a reload keeps all of it (the files are in IndexedDB). Then the
// hostile files: a text file renamed .mp3, a WAV cut short, a WAV that does not decode, a file
// over 200 MB and one over 30 minutes: each gets its own message naming it, nothing else changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  useHarness, openEditor, writePhotos, waitForFrames, waitUntilOpen, waitUntilSaved, storedDocuments, wavTones, screenshot, audit, storeSound,
  storedAudio,
} from './support.mjs';

const h = useHarness();

/** A WAV file of tones written to the test folder; its path. */
function wav(name, parts, options) {
  const file = path.join(h.dir, name);
  fs.writeFileSync(file, wavTones(parts, options));
  return file;
}

const card = (page, n) => page.locator('.scene-frames > li.frame-card').nth(n - 1);
const panel = (page) => page.locator('.narration-panel');
const the = async (page) => (await storedDocuments(page))[0].board;
const framesOf = (board) => board.scenes.flatMap((s) => s.frames);

/** Two frames with photos, saved. */
async function twoFrames(page, prefix) {
  await page.locator('#photo-input').setInputFiles(await writePhotos(page, h.dir, 2, { prefix, width: 640, height: 360 }));
  await waitForFrames(page, 2);
  await waitUntilSaved(page);
}

/** Attaches `file` as the voice-over of frame `n` and waits for the panel to show it. */
async function attach(page, n, file) {
  await card(page, n).click();
  await page.locator('.narration-file').setInputFiles(file);
  await panel(page).locator('.narration-facts', { hasText: path.basename(file) }).waitFor();
}

/** Undo and redo from the toolbar; `step` is the name of the step it says it undoes. */
const undo = (page, step = '') => page.getByRole('button', { name: new RegExp(`^Undo: ${step}`) }).click();
const redo = (page, step = '') => page.getByRole('button', { name: new RegExp(`^Redo: ${step}`) }).click();

test('voice-overs attach, show on their cards, trim by keys and by dragging, go, and come back with undo, redo and a reload', async () => {
  const page = await openEditor(h.browser, h.server.url);
  await twoFrames(page, 'sound');
  const voice1 = wav('voice-1.wav', [{ seconds: 0.5, freq: 0 }, { seconds: 1.5, freq: 440 }]);
  const voice2 = wav('voice-2.wav', [{ seconds: 3, freq: 660 }], { channels: 2 });
  await attach(page, 1, voice1);
  await attach(page, 2, voice2);
  assert.equal(await panel(page).locator('.narration-facts').innerText(), 'voice-2.wav · plays 3.0 s of 3.0 s');
  // The panel, its sliders and the cards' waveforms pass an axe audit with the board details open.
  const boardDetails = page.locator('.board-details');
  if ((await boardDetails.getAttribute('open')) === null) await boardDetails.locator('summary').click();
  assert.deepEqual(await audit(page), []);
  await boardDetails.locator('summary').click();

  // Each card with narration shows its waveform, named with the clip's length.
  await assert.doesNotReject(card(page, 1).locator('.card-waveform[aria-label="Voice-over, 0:02"]').waitFor());
  await card(page, 2).locator('.card-waveform[aria-label="Voice-over, 0:03"]').waitFor();
  // The first clip's half second of silence is drawn low, its tone high.
  const levels = await card(page, 1).locator('.waveform-kept').getAttribute('d');
  const heights = [...levels.matchAll(/v([\d.]+)/g)].map((m) => Number(m[1]));
  assert.equal(heights.length, 120);
  assert.ok(heights[5] <= 2 && heights[100] > 40, `silence then tone: ${heights[5]}, ${heights[100]}`);

  // Stored: both files by content hash, with their waveforms; the document names them.
  await waitUntilSaved(page);
  let board = await the(page);
  const ids = framesOf(board).map((f) => f.narration.audio);
  assert.equal(new Set(ids).size, 2);
  for (const [i, file] of [voice1, voice2].entries()) {
    const meta = board.audio[ids[i]];
    assert.equal(meta.name, path.basename(file));
    assert.equal(meta.mime, 'audio/wav');
    assert.equal(meta.bytes, fs.statSync(file).size);
    assert.ok(Math.abs(meta.seconds - [2, 3][i]) < 0.01, `${meta.seconds}`);
    assert.equal(meta.peaks.length, 120);
    assert.match(ids[i], /^[0-9a-f]{32}$/);
  }
  const records = await storedAudio(page);
  assert.deepEqual(records.map((r) => r.key).sort(), [...ids].sort());
  for (const r of records) {
    assert.equal(r.size, board.audio[r.key].bytes);
    assert.equal(r.type, 'audio/wav');
  }

  // Trim frame 2's start with the arrow keys: five steps of 0.1 s, one undo step.
  const start = panel(page).locator('.trim-start');
  const end = panel(page).locator('.trim-end');
  await start.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  assert.equal(await start.getAttribute('aria-valuenow'), '0.50');
  assert.equal(await start.getAttribute('aria-valuetext'), '0.5 s');
  // Then drag the end handle to the middle of the track (pointer events: mouse here, the same
  // code for a finger).
  const track = await panel(page).locator('.trim-track').boundingBox();
  const handle = await end.boundingBox();
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  for (const f of [0.8, 0.65, 0.5]) await page.mouse.move(track.x + track.width * f, track.y + track.height / 2, { steps: 3 });
  await page.mouse.up();
  const dragged = Number(await end.getAttribute('aria-valuenow'));
  assert.ok(Math.abs(dragged - 1.5) < 0.05, `end dragged to ${dragged}`);
  await panel(page).locator('.narration-facts', { hasText: 'plays 1.0 s of 3.0 s' }).waitFor();
  // The card draws the trimmed-off parts dimmed.
  assert.ok((await card(page, 2).locator('.waveform-cut').getAttribute('d')).length > 0);
  await waitUntilSaved(page);
  let n2 = framesOf(await the(page))[1].narration;
  assert.equal(n2.start, 0.5);
  assert.ok(Math.abs(n2.end - 1.5) < 0.05);

  // Undo: the whole drag is one step, the key presses another; redo brings the drag back.
  await undo(page, 'Trim voice-over');
  await panel(page).locator('.trim-end[aria-valuenow="3.00"]').waitFor();
  assert.equal(await panel(page).locator('.trim-start').getAttribute('aria-valuenow'), '0.50');
  await undo(page, 'Trim voice-over');
  await panel(page).locator('.trim-start[aria-valuenow="0.00"]').waitFor();
  await redo(page, 'Trim voice-over');
  await redo(page, 'Trim voice-over');
  await panel(page).locator('.trim-end').and(page.locator(`[aria-valuenow="${dragged.toFixed(2)}"]`)).waitFor();

  // Remove frame 1's voice-over; undo and redo.
  await card(page, 1).click();
  await panel(page).getByRole('button', { name: 'Remove the voice-over' }).click();
  await card(page, 1).locator('.card-waveform').waitFor({ state: 'detached' });
  assert.equal(await panel(page).locator('.sound-hint').first().innerText(), 'No voice-over yet: attach an audio file or record one.');
  await undo(page, 'Voice-over');
  await card(page, 1).locator('.card-waveform').waitFor();
  await redo(page, 'Voice-over');
  await card(page, 1).locator('.card-waveform').waitFor({ state: 'detached' });
  await waitUntilSaved(page);
  board = await the(page);
  assert.equal(framesOf(board)[0].narration, undefined);
  assert.deepEqual(Object.keys(board.audio), [ids[1]], 'the board forgets audio no frame uses');
  await undo(page, 'Voice-over');
  await card(page, 1).locator('.card-waveform').waitFor();

  // Fit durations: frame 1 has a duration typed by hand (4 s), which wins and says so.
  await card(page, 1).click();
  const duration = page.getByLabel('Duration in seconds');
  await duration.fill('4');
  await duration.press('Enter');
  await duration.blur();
  await panel(page).locator('.narration-lasts.typed-by-hand', { hasText: 'The frame lasts 4.0 s, typed by hand (its voice-over plays 2.0 s).' }).waitFor();
  const details = page.locator('.board-details');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  const pause = page.getByLabel('Pause after each voice-over (s)');
  assert.equal(await pause.inputValue(), '0.5');
  await pause.fill('1');
  await pause.press('Enter');
  await page.getByRole('button', { name: 'Fit durations to narration' }).click();
  await page.locator('.fit-result', { hasText: 'Following their voice-over and a 1.0 s pause: 1 frame. Keeping a duration typed by hand: 1 frame.' }).waitFor();
  await card(page, 2).click();
  await panel(page).locator('.narration-lasts', { hasText: 'The frame lasts 2.0 s: its voice-over and a 1.0 s pause.' }).waitFor();
  // Its duration field, empty (nothing typed by hand), shows what the frame lasts.
  assert.deepEqual([await duration.inputValue(), await duration.getAttribute('placeholder')], ['', '2.0']);
  await card(page, 1).click();
  await panel(page).getByRole('button', { name: 'Fit to the voice-over' }).click();
  await panel(page).locator('.narration-lasts', { hasText: 'The frame lasts 3.0 s: its voice-over and a 1.0 s pause.' }).waitFor();
  await waitUntilSaved(page);
  board = await the(page);
  assert.equal(board.narration_pause, 1);
  assert.deepEqual(framesOf(board).map((f) => [f.duration, f.narration.pause]), [[undefined, 1], [undefined, 1]]);
  // Undo the fit: the pause goes back to the default on every clip.
  await undo(page);
  await panel(page).locator('.narration-lasts.typed-by-hand').waitFor();
  await undo(page, 'Fit durations to narration');
  await panel(page).locator('.narration-lasts.typed-by-hand', { hasText: 'The frame lasts 4.0 s' }).waitFor();
  await waitUntilSaved(page);
  board = await the(page);
  assert.equal(board.narration_pause, undefined);
  assert.deepEqual(framesOf(board).map((f) => f.narration.pause), [undefined, undefined]);
  await redo(page, 'Fit durations to narration');
  await waitUntilSaved(page);
  assert.equal((await the(page)).narration_pause, 1);

  // A music bed: its options are stored as chosen; each change is an undo step.
  const music = wav('music.wav', [{ seconds: 5, freq: 220 }]);
  await page.locator('.music-file').setInputFiles(music);
  await page.locator('.music-facts', { hasText: 'music.wav · 5.0 s' }).waitFor();
  for (const [label, value] of [['Volume (dB)', '-6'], ['Fade in (s)', '2'], ['Fade out (s)', '3'], ['Under voice-overs (dB)', '-18']]) {
    const field = page.getByLabel(label, { exact: true });
    await field.fill(value);
    await field.press('Enter');
  }
  await page.getByLabel('Loop until the board ends').uncheck();
  await waitUntilSaved(page);
  board = await the(page);
  const { audio: musicId, ...options } = board.music;
  assert.deepEqual(options, { length: 5, volume_db: -6, fade_in: 2, fade_out: 3, duck_db: -18, looped: false });
  assert.equal(board.audio[musicId].name, 'music.wav');
  await undo(page, 'Music');
  await waitUntilSaved(page);
  assert.equal((await the(page)).music.looped, true);
  await redo(page, 'Music');
  await waitUntilSaved(page);
  assert.equal((await the(page)).music.looped, false);
  assert.equal((await storedAudio(page)).length, 3);
  await screenshot(page, 'sound-files');

  // A reload keeps everything: the clips, their trims, the waveforms, the music and its options.
  const before = await the(page);
  await page.reload();
  await waitForFrames(page, 2);
  assert.deepEqual(await the(page), before);
  await card(page, 1).locator('.card-waveform').waitFor();
  await card(page, 2).locator('.card-waveform').waitFor();
  await card(page, 2).click();
  assert.equal(await panel(page).locator('.trim-start').getAttribute('aria-valuenow'), '0.50');
  assert.equal(await page.getByLabel('Volume (dB)', { exact: true }).inputValue(), '-6');
  // And it plays, from IndexedDB: the button shows it playing, then stops at the trim's end.
  const play = panel(page).locator('.play-voice-over');
  await play.click();
  await panel(page).locator('.play-voice-over[aria-pressed=true]').waitFor();
  await panel(page).locator('.play-voice-over[aria-pressed=false]').waitFor({ timeout: 5_000 });
  assert.equal(await panel(page).locator('.sound-error').count(), 0);
  // The library counts the board's sounds (two voice-overs and the music).
  await page.getByRole('button', { name: 'Boards' }).click();
  await page.getByRole('dialog', { name: 'Your storyboards' }).locator('.library-item p', { hasText: /^2 frames · 3 sounds · 1 scene · saved / }).waitFor();
  await page.keyboard.press('Escape');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('hostile audio files each get their own message, naming the file, and change nothing', async () => {
  const page = await openEditor(h.browser, h.server.url);
  await twoFrames(page, 'hostile');
  const voice = wav('kept.wav', [{ seconds: 1, freq: 330 }]);
  await attach(page, 1, voice);
  await waitUntilSaved(page);
  const board = await the(page);
  const records = await storedAudio(page);

  const text = path.join(h.dir, 'notes.mp3');
  fs.writeFileSync(text, 'These are my notes for the narration, not a sound.\n'.repeat(40));
  const whole = wavTones([{ seconds: 2, freq: 440 }]);
  const cut = path.join(h.dir, 'cut.wav');
  fs.writeFileSync(cut, whole.subarray(0, whole.length / 2));
  // A WAV whose header names a format no browser decodes (code 0x7777), its data noise.
  const garbled = Buffer.from(whole);
  garbled.writeUInt16LE(0x7777, 20);
  for (let i = 44; i < garbled.length; i += 7) garbled[i] = (i * 31) & 0xff;
  const broken = path.join(h.dir, 'broken.wav');
  fs.writeFileSync(broken, garbled);
  // Over 200 MB: a sparse file (a WAV header, then nothing written), refused before it is read.
  const big = path.join(h.dir, 'big.wav');
  fs.writeFileSync(big, whole.subarray(0, 44));
  fs.truncateSync(big, 201 * 1024 * 1024);
  // Over 30 minutes: 31 minutes at 3 kHz keeps the file at 11 MB.
  const long = wav('long.wav', [{ seconds: 31 * 60, freq: 0 }], { rate: 3000 });

  const cases = [
    [text, 'notes.mp3 is not an audio file — add MP3, M4A/AAC, WAV, Ogg/Opus, WebM or FLAC'],
    [cut, 'cut.wav is cut off before its sound ends (an interrupted copy or download?) — copy it again'],
    [broken, 'broken.wav could not be decoded: it is damaged, or in a format this browser does not play'],
    [big, 'big.wav is 201 MB, more than the 200 MB an audio file may have — export a smaller copy (MP3 or M4A)'],
    [long, 'long.wav lasts 31 minutes, more than the 30 minutes an audio file may have — cut it shorter'],
  ];
  for (const [file, message] of cases) {
    for (const [n, input, where] of [[2, '.narration-file', '.narration-panel'], [2, '.music-file', '.sound-panel']]) {
      await card(page, n).click();
      const details = page.locator('.board-details');
      if (input === '.music-file' && (await details.getAttribute('open')) === null) await details.locator('summary').click();
      await page.locator(input).setInputFiles(file);
      const alert = page.locator(`${where} .sound-error`, { hasText: path.basename(file) });
      await alert.waitFor({ timeout: 60_000 });
      assert.equal(await alert.innerText(), message);
      assert.equal(await page.locator(`${where} .sound-busy`).count(), 0);
    }
    assert.equal(await card(page, 2).locator('.card-waveform').count(), 0, `${file}: no voice-over added`);
    await card(page, 1).locator('.card-waveform').waitFor();
  }
  // Nothing else changed: the document, the stored audio, and undo still undoes the attach.
  await page.waitForTimeout(500);
  assert.deepEqual(await the(page), board);
  assert.deepEqual(await storedAudio(page), records);
  await undo(page, 'Voice-over');
  await card(page, 1).locator('.card-waveform').waitFor({ state: 'detached' });
  assert.deepEqual(page.problems.filter((p) => !/EncodingError|Unable to decode audio data/.test(p)), []);
  await page.context().close();
});

test('a finger trims a voice-over: the handle follows a touch drag (768 px, touch)', async () => {
  const context = await h.browser.newContext({ viewport: { width: 768, height: 1024 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2, locale: 'en-US' });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(h.server.url);
  await waitUntilOpen(page);
  await page.locator('#photo-input').setInputFiles(await writePhotos(page, h.dir, 1, { prefix: 'touch', width: 640, height: 360 }));
  await waitForFrames(page, 1);
  await card(page, 1).locator('.frame-media').tap();
  await page.locator('.narration-file').setInputFiles(wav('finger.wav', [{ seconds: 2, freq: 440 }]));
  await panel(page).locator('.narration-facts', { hasText: 'finger.wav' }).waitFor();
  const start = panel(page).locator('.trim-start');
  await start.scrollIntoViewIfNeeded();
  const track = await panel(page).locator('.trim-track').boundingBox();
  const handle = await start.boundingBox();
  const cdp = await context.newCDPSession(page);
  const [x0, y0] = [handle.x + handle.width / 2, handle.y + handle.height / 2];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: x0, y: y0 }] });
  for (let i = 1; i <= 10; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: x0 + ((track.x + track.width * 0.25 - x0) * i) / 10, y: y0 + i * 3 }] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  const at = Number(await start.getAttribute('aria-valuenow'));
  assert.ok(Math.abs(at - 0.5) < 0.05, `start dragged by a finger to ${at}`);
  await panel(page).locator('.narration-facts', { hasText: 'plays 1.5 s of 2.0 s' }).waitFor();
  // The page did not scroll sideways under the finger.
  assert.equal(await page.evaluate(() => window.scrollX), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a board opened without some of its sound says how many sounds are not stored here', async () => {
  const page = await openEditor(h.browser, h.server.url);
  await twoFrames(page, 'missing');
  await storeSound(page, {
    clips: [{ frame: 0, seconds: 1, freq: 440 }, { frame: 1, seconds: 1, freq: 550 }],
    music: { seconds: 3, freq: 220 },
    missing: ['clip-1-550', 'music-220'],
  });
  await waitForFrames(page, 2);
  await page.getByText('2 sounds of this board are not stored in this browser; they will not play.').waitFor();
  // The frames keep their voice-overs (their waveforms and trims are in the document).
  await card(page, 2).locator('.card-waveform').waitFor();
  await card(page, 2).click();
  await panel(page).locator('.play-voice-over').click();
  assert.equal(await panel(page).locator('.sound-error').innerText(), 'This sound is not stored in this browser, so it cannot play.');
  await page.context().close();
});

test('deleting a board deletes its audio once no other board uses it', async () => {
  const page = await openEditor(h.browser, h.server.url);
  await page.getByRole('textbox', { name: 'Storyboard title', exact: true }).fill('Narrated');
  await page.locator('#photo-input').setInputFiles(await writePhotos(page, h.dir, 1, { prefix: 'deleted', width: 640, height: 360 }));
  await waitForFrames(page, 1);
  await attach(page, 1, wav('shared.wav', [{ seconds: 1, freq: 500 }]));
  await waitUntilSaved(page);
  assert.equal((await storedAudio(page)).length, 1);
  const dialog = page.getByRole('dialog', { name: 'Your storyboards' });
  await page.getByRole('button', { name: 'Boards', exact: true }).click();
  await dialog.getByRole('button', { name: 'Duplicate Narrated' }).click();
  await dialog.getByText('Narrated (copy)').waitFor();
  await dialog.getByRole('button', { name: 'New storyboard' }).click();
  await page.locator('.empty-state').waitFor();
  await page.getByRole('textbox', { name: 'Storyboard title', exact: true }).fill('Other');
  await waitUntilSaved(page);
  await page.getByRole('button', { name: 'Boards', exact: true }).click();
  await dialog.getByRole('button', { name: 'Delete Narrated (copy)' }).click();
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await dialog.getByText('Board deleted.').waitFor();
  assert.equal((await storedAudio(page)).length, 1, 'the original still uses it');
  await dialog.getByRole('button', { name: 'Delete Narrated' }).click();
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.waitForFunction(() => !document.querySelector('.library-list')?.textContent.includes('Narrated'));
  assert.equal((await storedAudio(page)).length, 0, 'no board uses it any more');
  await page.context().close();
});
