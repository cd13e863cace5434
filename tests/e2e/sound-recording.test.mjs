// Recording narration (issue 17): a voice-over recorded per frame in the inspector, re-taken and
// undone; recording while presenting, one take cut at each "next"; a recording cut short by a
// reload recovered up to its last chunk, or reported lost; a refused microphone, a missing one,
// a browser without MediaRecorder and a recorder that fails each said clearly, changing nothing.
// The microphone is Chromium's fake capture device playing a WAV of tones made here.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useHarness, fakeMicrophone, wavTones, openEditor, writePhotos, waitForFrames, waitUntilSaved, storedDocuments, launch, screenshot, audit } from './support.mjs';

const wavDir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowboard-mic-'));
const WAV = path.join(wavDir, 'voice.wav');
// A voice-like level: a tone with short pauses, looped by the fake device.
fs.writeFileSync(WAV, wavTones([{ seconds: 0.8, freq: 330 }, { seconds: 0.2, freq: 0 }, { seconds: 0.8, freq: 440 }, { seconds: 0.2, freq: 0 }], { amplitude: 0.4 }));
after(() => fs.rmSync(wavDir, { recursive: true, force: true }));

const h = useHarness({ args: fakeMicrophone(WAV) });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A board of `n` photos, open in a fresh context. */
async function boardOf(n, browser = h.browser, contextOptions = {}, initScript = null) {
  const page = await openEditor(browser, h.server.url, contextOptions, initScript);
  await page.locator('#photo-input').setInputFiles(await writePhotos(page, h.dir, n, { prefix: `rec${n}` }));
  await waitForFrames(page, n);
  await waitUntilSaved(page);
  return page;
}

const card = (page, i) => page.locator('.filmstrip .scene-frames > li.frame-card').nth(i);

/** The one stored board's frames, in order. */
async function storedFrames(page) {
  const [doc] = await storedDocuments(page);
  return { frames: doc.board.scenes.flatMap((s) => s.frames), audio: doc.board.audio ?? {} };
}

/** Keys of the `recordings` store (a recording's chunks while it runs). */
const chunkKeys = (page) => page.evaluate(() => new Promise((resolve, reject) => {
  const open = indexedDB.open('flowboard');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const req = open.result.transaction('recordings').objectStore('recordings').getAllKeys();
    req.onsuccess = () => { resolve(req.result); open.result.close(); };
    req.onerror = () => reject(req.error);
  };
}));

/** Stored audio records: id → { mime, bytes } (the blob's own size). */
const storedAudio = (page) => page.evaluate(() => new Promise((resolve, reject) => {
  const open = indexedDB.open('flowboard');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const tx = open.result.transaction('audio');
    const keys = tx.objectStore('audio').getAllKeys();
    const values = tx.objectStore('audio').getAll();
    tx.oncomplete = () => {
      resolve(Object.fromEntries(keys.result.map((k, i) => [k, { mime: values.result[i].mime, bytes: values.result[i].blob.size }])));
      open.result.close();
    };
    tx.onerror = () => reject(tx.error);
  };
}));

/** Waits until the stored board says frame `i` has a voice-over (or, `none`, has none). */
async function waitForNarration(page, i, { none = false, audio = null, timeout = 30_000 } = {}) {
  const until = Date.now() + timeout;
  for (;;) {
    const { frames } = await storedFrames(page);
    const n = frames[i]?.narration;
    if (none ? !n : n && (!audio || n.audio !== audio)) return n;
    if (Date.now() > until) throw new Error(`frame ${i + 1}'s voice-over is not stored: ${JSON.stringify(n)}`);
    await sleep(200);
  }
}

/** Seconds as the editor writes a duration ("0:05.3") read back. */
const secondsOf = (text) => text.split(':').reduce((t, part) => t * 60 + Number(part.replace(',', '.')), 0);

/** Records a voice-over on frame `i` in the inspector for about `ms`; the seconds the page showed. */
async function recordOn(page, i, ms, button = /Record voice-over|Record again/, shot = null) {
  await card(page, i).click();
  await page.locator('.narration-recorder').getByRole('button', { name: button }).click();
  const live = page.locator('.narration-recorder .recorder-live[data-recording=true]');
  await live.waitFor();
  const t = Date.now();
  if (shot) {
    await screenshot(page, shot);
    assert.deepEqual(await audit(page), [], 'the recorder while it records passes an axe audit');
  }
  // The loudest the meter showed (the tones have short pauses).
  let level = -Infinity;
  do {
    level = Math.max(level, Number(await live.locator('meter').getAttribute('value')));
    await sleep(100);
  } while (Date.now() - t < ms - 100);
  await sleep(ms - (Date.now() - t));
  const shown = Number(await live.locator('.recorder-elapsed').getAttribute('data-seconds'));
  await live.getByRole('button', { name: 'Stop recording' }).click();
  const recorded = (Date.now() - t) / 1000;
  await page.locator('.narration-recorder .recorder-live').waitFor({ state: 'detached', timeout: 30_000 });
  return { level, shown, recorded };
}

test('a voice-over recorded on two frames: clip lengths as recorded, durations fitted to them, re-take undone, all kept over a reload', async () => {
  const page = await boardOf(2);
  const first = await recordOn(page, 0, 2000, undefined, 'sound-recording-inspector');
  assert.ok(first.level > -40, `the meter shows the microphone's level: ${first.level} dBFS`);
  assert.ok(first.shown >= 1.5 && Math.abs(first.shown - first.recorded) < 0.3, `the elapsed time counts: ${first.shown} s of ${first.recorded} s`);
  const one = await waitForNarration(page, 0);
  const second = await recordOn(page, 1, 3000);
  const two = await waitForNarration(page, 1);
  await waitUntilSaved(page);
  let { frames, audio } = await storedFrames(page);
  // Each clip as long as it was recorded (the recorder starts ≈ 60 ms after the click).
  for (const [n, want] of [[one, first.recorded], [two, second.recorded]]) {
    assert.equal(n.start, 0);
    assert.ok(Math.abs(n.end - want) < 0.3 && n.end === n.length, `clip of ${want} s stored as ${n.end} s`);
    assert.match(audio[n.audio].mime, /^audio\/(webm|ogg|mp4)$/);
    assert.ok(Math.abs(audio[n.audio].seconds - n.length) < 1e-9);
  }
  assert.notEqual(one.audio, two.audio);
  const blobs = await storedAudio(page);
  assert.ok(blobs[one.audio]?.bytes > 1000 && blobs[two.audio]?.bytes > 1000, `both takes are stored: ${JSON.stringify(blobs)}`);
  // No duration typed: each frame lasts its clip and the 0.5 s pause.
  assert.equal(frames[0].duration ?? null, null);
  const running = (one.end + 0.5) + (two.end + 0.5);
  await page.locator('.board-details summary').click();
  const shownTotal = secondsOf((await page.locator('.running-time').innerText()).split(/running time\s*/)[1]);
  assert.ok(Math.abs(shownTotal - running) < 0.11, `running time ${shownTotal} s = clips + pauses ${running.toFixed(2)} s`);

  // A re-take replaces the clip; undo brings the first take back.
  const third = await recordOn(page, 0, 1000, 'Record again (replaces this voice-over)');
  const retake = await waitForNarration(page, 0, { audio: one.audio });
  assert.ok(Math.abs(retake.end - third.recorded) < 0.3, `re-take of ${third.recorded} s: ${retake.end}`);
  await card(page, 0).click();
  await page.keyboard.press('Control+z');
  const undone = await waitForNarration(page, 0, { audio: retake.audio });
  assert.equal(undone.audio, one.audio);
  await waitUntilSaved(page);

  await page.reload();
  await page.locator('.editor:not([data-access=opening])').waitFor();
  ({ frames, audio } = await storedFrames(page));
  assert.deepEqual([frames[0].narration, frames[1].narration], [one, two]);
  assert.deepEqual(Object.keys(audio).sort(), [one.audio, two.audio].sort());
  assert.deepEqual(await chunkKeys(page), [], 'no recording chunks are left once the takes are stored');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('recording while presenting: one take, each "next" cuts it, so each frame gets what was said over it and lasts that long', async () => {
  const page = await boardOf(3);
  await card(page, 0).click();
  await page.getByRole('button', { name: 'Present', exact: true }).click();
  const show = page.locator('.presentation');
  await show.waitFor();
  await show.getByRole('button', { name: /Record narration while presenting/ }).click();
  await show.locator('.recorder-live[data-recording=true]').waitFor();
  // When each frame came on screen, as the test saw it (from the recorder showing it runs).
  const marks = [Date.now()];
  await screenshot(page, 'sound-recording-presenting');
  assert.deepEqual(await audit(page), [], 'the presentation while it records passes an axe audit');
  const plan = [1500, 2500, 1000];
  for (const [k, ms] of plan.entries()) {
    await sleep(ms);
    // Leaving the presentation stops the recording and keeps it.
    await page.keyboard.press(k + 1 < plan.length ? 'ArrowRight' : 'Escape');
    marks.push(Date.now());
  }
  await show.waitFor({ state: 'detached' });
  await waitForNarration(page, 2);
  await waitUntilSaved(page);
  const { frames, audio } = await storedFrames(page);
  const parts = frames.map((f) => f.narration);
  // One file for the take, stored once.
  assert.equal(new Set(parts.map((p) => p.audio)).size, 1);
  assert.equal(Object.keys(audio).length, 1);
  const take = audio[parts[0].audio];
  // The parts tile the take: no gap and no overlap at a cut, nothing lost at either end.
  assert.equal(parts[0].start, 0);
  assert.equal(parts[0].end, parts[1].start);
  assert.equal(parts[1].end, parts[2].start);
  assert.equal(parts[2].end, take.seconds);
  for (let k = 0; k < plan.length; k++) {
    const got = parts[k].end - parts[k].start, shown = (marks[k + 1] - marks[k]) / 1000;
    assert.ok(Math.abs(got - shown) < 0.25, `frame ${k + 1}: ${got.toFixed(3)} s said over it, shown for ${shown.toFixed(3)} s`);
  }
  // Each frame lasts what was said over it (and the pause): the editor's running time.
  const running = parts.reduce((t, p) => t + (p.end - p.start) + 0.5, 0);
  await page.locator('.board-details summary').click();
  const shownTotal = secondsOf((await page.locator('.running-time').innerText()).split(/running time\s*/)[1]);
  assert.ok(Math.abs(shownTotal - running) < 0.11, `running time ${shownTotal} s, parts + pauses ${running.toFixed(2)} s`);
  // One undo step takes the whole take away.
  await page.keyboard.press('Control+z');
  await waitForNarration(page, 0, { none: true });
  const after = await storedFrames(page);
  assert.ok(after.frames.every((f) => !f.narration), 'undo removed every part');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a reload in the middle of a recording keeps what was recorded up to the last chunk; without its first chunk it is reported lost', async () => {
  const page = await boardOf(2);
  await card(page, 1).click();
  await page.locator('.narration-recorder').getByRole('button', { name: 'Record voice-over' }).click();
  await page.locator('.narration-recorder .recorder-live[data-recording=true]').waitFor();
  const t0 = Date.now();
  // Chunks reach IndexedDB as they come: one a second.
  const arrivals = [];
  while (arrivals.length < 3) {
    const n = (await chunkKeys(page)).length;
    while (arrivals.length < n) arrivals.push(Date.now() - t0);
    if (Date.now() - t0 > 10_000) throw new Error(`chunks stored: ${arrivals}`);
    await sleep(25);
  }
  console.log(`chunks stored at ${arrivals.join(', ')} ms after the recorder showed`);
  assert.ok(arrivals[2] < 4000, `the third chunk is stored within 4 s: ${arrivals}`);
  const kept = (await chunkKeys(page)).length;
  await page.reload();
  await page.locator('.editor:not([data-access=opening])').waitFor();
  const notice = page.getByText(/A recording cut short \(the page was closed or reloaded, or another board was opened\) was recovered/);
  await notice.waitFor({ timeout: 30_000 });
  const said = await notice.innerText();
  const recovered = await waitForNarration(page, 1);
  assert.ok(recovered.end >= kept - 1.2 && recovered.end <= kept + 1.2, `${recovered.end} s recovered from ${kept}+ chunks`);
  assert.match(said, new RegExp(`${recovered.end.toFixed(1)} s, on frame\\(s\\) 2\\.`));
  const { frames } = await storedFrames(page);
  assert.equal(frames[0].narration ?? null, null, 'the other frame is untouched');
  await waitUntilSaved(page);
  for (let i = 0; i < 50 && (await chunkKeys(page)).length; i++) await sleep(200);
  assert.deepEqual(await chunkKeys(page), [], 'the recovered chunks are deleted once stored');

  // Now one whose first chunk (the WebM header) is gone: told it was lost, nothing changed.
  await card(page, 0).click();
  await page.locator('.narration-recorder').getByRole('button', { name: 'Record voice-over' }).click();
  await page.locator('.narration-recorder .recorder-live[data-recording=true]').waitFor();
  while ((await chunkKeys(page)).length < 2) await sleep(50);
  await page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('flowboard');
    open.onsuccess = () => {
      const store = open.result.transaction('recordings', 'readwrite').objectStore('recordings');
      const keys = store.getAllKeys();
      keys.onsuccess = () => {
        for (const k of keys.result) if (k.endsWith('/000000')) store.delete(k);
        store.transaction.oncomplete = () => { open.result.close(); resolve(); };
      };
    };
    open.onerror = () => reject(open.error);
  }));
  await page.reload();
  await page.locator('.editor:not([data-access=opening])').waitFor();
  await page.getByText('A recording cut short (the page was closed or reloaded, or another board was opened) could not be recovered: its first second, which the rest needs, was not saved.').waitFor({ timeout: 30_000 });
  const after = await storedFrames(page);
  assert.equal(after.frames[0].narration ?? null, null, 'nothing attached');
  assert.deepEqual(after.frames[1].narration, recovered, 'the recovered take stays');
  for (let i = 0; i < 50 && (await chunkKeys(page)).length; i++) await sleep(200);
  assert.deepEqual(await chunkKeys(page), [], 'the lost chunks are cleared');
  await page.context().close();
});

test('opening another board mid-take stops it; it is attached to its own board when that board is opened again', async () => {
  const page = await boardOf(1);
  await page.getByRole('textbox', { name: 'Storyboard title', exact: true }).fill('Take board');
  await waitUntilSaved(page);
  await card(page, 0).click();
  await page.locator('.narration-recorder').getByRole('button', { name: 'Record voice-over' }).click();
  await page.locator('.narration-recorder .recorder-live[data-recording=true]').waitFor();
  await sleep(2200);
  await page.getByRole('button', { name: 'Boards', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Your storyboards' });
  await dialog.getByRole('button', { name: 'New storyboard' }).click();
  await page.locator('.empty-state').waitFor();
  // Nothing recording now, and the new board has no sound.
  assert.equal(await page.locator('.recorder-live').count(), 0);
  await page.getByRole('button', { name: 'Boards', exact: true }).click();
  await dialog.getByRole('button', { name: 'Open Take board' }).click();
  await waitForFrames(page, 1);
  await page.getByText(/A recording cut short \(the page was closed or reloaded, or another board was opened\) was recovered/).waitFor({ timeout: 30_000 });
  let narration;
  for (let i = 0; i < 100 && !narration; i++) {
    const doc = (await storedDocuments(page)).find((d) => d.board.title === 'Take board');
    narration = doc?.board.scenes[0].frames[0].narration;
    if (!narration) await sleep(200);
  }
  assert.ok(narration && narration.end > 1.8 && narration.end < 3, `the take is on its frame: ${JSON.stringify(narration)}`);
  const other = (await storedDocuments(page)).filter((d) => d.board.title !== 'Take board');
  assert.ok(other.every((d) => d.board.scenes.every((sc) => sc.frames.every((f) => !f.narration))), 'no other board got it');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a take whose frame was deleted while recording is not attached anywhere, and says so', async () => {
  const page = await boardOf(2);
  await card(page, 1).click();
  await page.locator('.narration-recorder').getByRole('button', { name: 'Record voice-over' }).click();
  await page.locator('.narration-recorder .recorder-live[data-recording=true]').waitFor();
  await sleep(1500);
  await page.getByRole('button', { name: 'Delete frame 2' }).click();
  await waitForFrames(page, 1);
  // Frame 1 is shown now; the take of the deleted frame can still be stopped from there.
  await card(page, 0).click();
  const live = page.locator('.narration-recorder .recorder-live[data-recording=true]');
  assert.match(await live.innerText(), /Recording another frame/);
  await live.getByRole('button', { name: 'Stop recording' }).click();
  await page.getByText('The recording was not attached: the frames it was made on are gone.').waitFor({ timeout: 30_000 });
  await waitUntilSaved(page);
  const { frames, audio } = await storedFrames(page);
  assert.equal(frames.length, 1);
  assert.equal(frames[0].narration ?? null, null, 'the remaining frame did not get it');
  assert.deepEqual(audio, {});
  for (let i = 0; i < 50 && (await chunkKeys(page)).length; i++) await sleep(200);
  assert.deepEqual(await chunkKeys(page), []);
  await page.context().close();
});

test('a refused microphone, no microphone, no MediaRecorder, a recorder that fails: each said clearly, nothing changed', async () => {
  // Launched without the fake UI flag, headless Chromium refuses the permission prompt.
  const browser = await launch(['--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${WAV}`]);
  try {
    const cases = [
      [null, 'Microphone access was refused, so nothing was recorded. Allow this site to use the microphone (in the address bar or the browser\'s settings) and try again.'],
      [() => { navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Requested device not found', 'NotFoundError')); },
        'No microphone was found, so nothing was recorded. Connect one and try again.'],
      [() => { delete window.MediaRecorder; }, 'This browser cannot record audio (it has no MediaRecorder); attach an audio file instead.'],
      // A microphone (a Web Audio stream), but a recorder that cannot start.
      [() => {
        navigator.mediaDevices.getUserMedia = async () => new AudioContext().createMediaStreamDestination().stream;
        window.MediaRecorder = class extends window.MediaRecorder { constructor() { throw new DOMException('the encoder is not available', 'NotSupportedError'); } };
      },
        'Recording failed (NotSupportedError: the encoder is not available); nothing was changed.'],
    ];
    for (const [init, message] of cases) {
      const page = await boardOf(1, browser, {}, init);
      const before = await storedDocuments(page);
      await card(page, 0).click();
      await page.locator('.narration-recorder').getByRole('button', { name: 'Record voice-over' }).click();
      const alert = page.locator('.narration-recorder [role=alert]');
      await alert.waitFor();
      assert.equal(await alert.innerText(), message);
      assert.equal(await page.locator('.recorder-live').count(), 0);
      await sleep(500);
      assert.deepEqual((await storedDocuments(page)).map((d) => d.board), before.map((d) => d.board), 'the board is unchanged');
      assert.deepEqual(await chunkKeys(page), []);
      await page.context().close();
    }
  } finally {
    await browser.close();
  }
});
