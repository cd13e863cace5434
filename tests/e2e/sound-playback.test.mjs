// The animatic with sound (issue 17, playback): each narration clip starts at its frame's start
// on the Web Audio clock, the music bed is ducked under narration, and pause, a seek on the
// timeline and frame jumps keep the picture and the sound together. What the page queued is read
// from `window.__flowboardAnimatic` (the real schedule, in AudioContext seconds) and what it
// plays is measured with AnalyserNodes on its narration and music buses. The first board gets
// its sound through the voice-over and music bed panels, as a user does; the others are stored
// as the editor stores them (support.mjs storeSound), for exact lengths and for sound missing
// from the browser. No timing targets here: bench/animatic.mjs measures how close a frame change
// lands to its sound.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useHarness, openEditor, writePhotos, waitForFrames, waitUntilSaved, storeSound, wavTones } from './support.mjs';

const h = useHarness();

// Three frames: a 1.0 s clip (440 Hz) on frame 1, frame 2 typed 1.5 s with no clip, a 1.2 s clip
// (660 Hz) on frame 3; a 4 s music bed (220 Hz), looped, no fades, ducked −12 dB.
const CLIPS = [
  { frame: 0, seconds: 1.0, freq: 440 },
  { frame: 2, seconds: 1.2, freq: 660 },
];
const MUSIC = { seconds: 4.0, freq: 220 };
// The timeline those make: frame 1 lasts its clip + 0.5 s, frame 2 as typed, frame 3 clip + 0.5 s.
const STARTS = [0, 1.5, 3.0];
const TOTAL = 4.7;

/** The stage a board with sound is made on: three frames with photos, saved. */
async function threeFrames(page, prefix) {
  await page.locator('#photo-input').setInputFiles(await writePhotos(page, h.dir, 3, { prefix, width: 640, height: 360 }));
  await waitForFrames(page, 3);
  await waitUntilSaved(page);
}

/**
 * Gives the board its sound as a user does: each WAV attached in the voice-over panel of its
 * frame, frame 2's duration typed, the music bed added in the board's details with no fades.
 */
async function attachSound(page) {
  const card = (n) => page.locator('.scene-frames > li.frame-card').nth(n);
  const file = (name, p) => {
    const f = path.join(h.dir, name);
    fs.writeFileSync(f, wavTones([{ seconds: p.seconds, freq: p.freq }]));
    return f;
  };
  for (const [k, c] of CLIPS.entries()) {
    await card(c.frame).click();
    await page.locator('.narration-file').setInputFiles(file(`voice-${k + 1}.wav`, c));
    await page.locator('.narration-panel .narration-facts', { hasText: `voice-${k + 1}.wav` }).waitFor();
  }
  await card(1).click();
  const duration = page.getByLabel('Duration in seconds');
  await duration.fill('1.5');
  await duration.press('Enter');
  const details = page.locator('.board-details');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  await page.locator('.music-file').setInputFiles(file('music.wav', MUSIC));
  await page.locator('.music-facts', { hasText: 'music.wav' }).waitFor();
  for (const label of ['Fade in (s)', 'Fade out (s)']) {
    const field = page.getByLabel(label, { exact: true });
    await field.fill('0');
    await field.press('Enter');
  }
  await waitUntilSaved(page);
}

/** Gives the board its sound (defaults: the board above) and waits for it to open again. */
async function withSound(page, { clips = CLIPS, music = MUSIC, durations = { 1: 1.5 }, missing = [] } = {}) {
  await storeSound(page, { clips, music, durations, missing });
  await waitForFrames(page, 3);
}

/** Opens the presentation on frame `n` (1-based) of the board. */
async function present(page, n = 1) {
  await page.locator('.scene-frames > li.frame-card').nth(n - 1).click();
  await page.getByRole('button', { name: 'Present', exact: true }).click();
  const show = page.locator('.presentation');
  await show.waitFor();
  return show;
}

/** Listens to the narration and music buses: `window.__levels()` gives each one's RMS now. */
async function listen(page) {
  await page.waitForFunction(() => window.__flowboardAnimatic?.context);
  await page.evaluate(() => {
    const a = window.__flowboardAnimatic;
    const probe = (bus) => {
      const analyser = a.context.createAnalyser();
      analyser.fftSize = 2048;
      bus.connect(analyser);
      const data = new Float32Array(analyser.fftSize);
      return () => { analyser.getFloatTimeDomainData(data); return Math.sqrt(data.reduce((s, x) => s + x * x, 0) / data.length); };
    };
    const voice = probe(a.voice), music = probe(a.music);
    window.__levels = () => ({ voice: voice(), music: music() });
  });
}

/** The last run the page queued, and where the board is heard now (seconds into it). */
const lastRun = (page) => page.evaluate(() => {
  const a = window.__flowboardAnimatic;
  const run = a.runs.at(-1);
  if (!run) return null;
  const ts = a.context.getOutputTimestamp();
  const heard = Math.min(a.context.currentTime, ts.contextTime + (performance.now() - ts.performanceTime) / 1000);
  // Before the run's lead has passed, the page stays where the run started (as it does).
  return { ...run, count: a.runs.length, heard: Math.max(run.from, heard - run.origin) };
});

const shownNumber = async (show) => Number((await show.locator('.present-number').innerText()).split(' / ')[0]);


/**
 * Picture and sound together: the frame on screen is the one being heard, checked `times` times
 * as it plays (a moment within 0.15 s of a frame change is not judged: the picture changes at the
 * next paint).
 */
async function together(page, show, { starts = STARTS, total = TOTAL, times = 6 } = {}) {
  const frameAt = (t) => starts.filter((s) => s <= t).length - 1;
  for (let k = 0; k < times; k++) {
    const run = await lastRun(page);
    const n = await shownNumber(show);
    const after = await lastRun(page);
    const t0 = run.heard, t1 = after.heard;
    const near = starts.some((s) => s > 0 && s > t0 - 0.15 && s < t1 + 0.15);
    if (!near && run.count === after.count && t1 < total) assert.equal(n - 1, frameAt(t0), `at ${t0.toFixed(2)} s the picture shows frame ${n}`);
    await page.waitForTimeout(170);
  }
}

test('each narration clip starts at its frame\'s start, the music is ducked under it, and the picture follows the sound', async () => {
  const page = await openEditor(h.browser, h.server.url);
  await threeFrames(page, 'cue');
  await attachSound(page);
  const show = await present(page);
  // The frames last what the model says: clip + pause, as typed, clip + pause.
  assert.equal(await show.locator('.present-time').innerText(), '0:00 / 0:04.7');
  const grow = await show.locator('.timeline-segment').evaluateAll((s) => s.map((e) => Number(e.style.flexGrow)));
  assert.deepEqual(grow, [1.5, 1.5, 1.7]);
  await listen(page);
  await show.getByRole('button', { name: 'Play animatic' }).click();
  await page.waitForFunction(() => window.__flowboardAnimatic.runs.length === 1);
  const run = await lastRun(page);
  assert.equal(run.from, 0);
  // Each clip is queued at its frame's start on the audio clock, from its beginning, whole.
  assert.deepEqual(run.schedule.map((s) => s.frame), [0, 2]);
  for (const [k, s] of run.schedule.entries()) {
    assert.ok(Math.abs(s.when - run.origin - STARTS[s.frame]) < 1e-6, `clip ${k} at its frame's start (${s.when - run.origin})`);
    assert.equal(s.offset, 0);
    assert.ok(Math.abs(s.duration - CLIPS[k].seconds) < 1e-6);
  }
  // The music from its start, looped, to the board's end; its gain down 12 dB under each clip.
  assert.equal(run.music.offset, 0);
  assert.equal(run.music.loop, true);
  assert.ok(Math.abs(run.music.stop - run.origin - TOTAL) < 1e-6);
  const gainAt = (t) => {
    const e = run.envelope.map(([c, g]) => [c - run.origin, g]);
    const i = e.findIndex(([c]) => c > t);
    if (i <= 0) return e.at(i === 0 ? 0 : -1)[1];
    const [[t0, g0], [t1, g1]] = [e[i - 1], e[i]];
    return g0 + (g1 - g0) * (t - t0) / (t1 - t0);
  };
  const duck = 10 ** (-12 / 20);
  for (const t of [0.2, 0.9, 3.2, 4.1]) assert.ok(Math.abs(gainAt(t) - duck) < 1e-3, `ducked at ${t} s: ${gainAt(t)}`);
  for (const t of [1.4, 2.2, 2.7]) assert.ok(Math.abs(gainAt(t) - 1) < 1e-3, `full at ${t} s: ${gainAt(t)}`);

  // Heard: during frame 1 the 440 Hz clip plays and the music is down; during frame 2 no voice
  // and the music is up. Measured on the buses, 12 dB apart (a factor of 4 in RMS).
  await page.waitForFunction(() => { const a = window.__flowboardAnimatic; const r = a.runs[0]; return a.context.currentTime > r.origin + 0.4; });
  const inClip = await page.evaluate(() => window.__levels());
  await page.waitForFunction(() => { const a = window.__flowboardAnimatic; const r = a.runs[0]; return a.context.currentTime > r.origin + 2.0; });
  const between = await page.evaluate(() => window.__levels());
  assert.ok(inClip.voice > 0.2, `the clip is heard in frame 1 (${inClip.voice})`);
  assert.ok(between.voice < 0.01, `no voice in frame 2 (${between.voice})`);
  const ratio = between.music / inClip.music;
  assert.ok(ratio > 3.2 && ratio < 5, `the music is 12 dB down under narration (×${ratio.toFixed(2)})`);

  // The picture follows the sound: frames 2 and 3 came on screen in turn, and the run ends on
  // the last frame, paused.
  await together(page, show, { times: 4 });
  await show.getByRole('button', { name: 'Play animatic' }).waitFor({ timeout: 10_000 });
  assert.equal(await shownNumber(show), 3);
  const shown = (await lastRun(page)).frameShownAt.map((s) => s.frame);
  assert.deepEqual(shown, [1, 2]);
  assert.equal(await show.locator('.present-time').innerText(), '0:04.7 / 0:04.7');
  assert.equal(await show.locator('.present-sound-note').count(), 0, 'nothing to say');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('pause, a seek on the timeline and frame jumps keep the picture and the sound together', async () => {
  const page = await openEditor(h.browser, h.server.url);
  await threeFrames(page, 'seek');
  // A longer board so there is time to act: each frame typed 4 s, clips of 2 s on frames 1 and 3.
  await withSound(page, { durations: { 0: 4, 1: 4, 2: 4 }, clips: [{ frame: 0, seconds: 2, freq: 440 }, { frame: 2, seconds: 2, freq: 660 }] });
  const total = 12;
  const board = { starts: [0, 4, 8], total };
  const show = await present(page);
  await show.getByRole('button', { name: 'Play animatic' }).click();
  await page.waitForFunction(() => window.__flowboardAnimatic.runs.length === 1);
  await together(page, show, { ...board, times: 3 });

  // Pause: the clock stands, and ▶ queues the sound again from where it was heard.
  await show.getByRole('button', { name: 'Pause' }).click();
  const paused = await lastRun(page);
  const clock = await show.locator('.present-time').innerText();
  await page.waitForTimeout(600);
  assert.equal(await show.locator('.present-time').innerText(), clock, 'paused: the clock stands still');
  await show.getByRole('button', { name: 'Play animatic' }).click();
  await page.waitForFunction(() => window.__flowboardAnimatic.runs.length === 2);
  const resumed = await lastRun(page);
  assert.ok(resumed.from > 0 && resumed.from < 2, `resumed within frame 1's clip (${resumed.from})`);
  assert.ok(resumed.from >= paused.heard - 0.15 && resumed.from <= paused.heard + 0.15, `resumed where paused (${paused.heard} → ${resumed.from})`);
  const first = resumed.schedule.find((s) => s.frame === 0);
  assert.ok(Math.abs(first.offset - resumed.from) < 1e-6, 'the clip goes on from the same point in it');
  assert.ok(Math.abs(first.when - resumed.origin - resumed.from) < 1e-6);
  assert.ok(Math.abs(resumed.schedule.find((s) => s.frame === 2).when - resumed.origin - 8) < 1e-6, 'the next clip at its frame\'s start');
  await together(page, show, { ...board, times: 2 });

  // A seek on the timeline, three quarters in (9 s: frame 3, 1 s into its clip; the bar's
  // width moves a little with the clock's text beside it).
  const bar = await show.getByRole('slider', { name: /Timeline/ }).boundingBox();
  await page.mouse.click(bar.x + bar.width * 0.75, bar.y + bar.height / 2);
  await page.waitForFunction(() => window.__flowboardAnimatic.runs.length === 3);
  const sought = await lastRun(page);
  assert.ok(Math.abs(sought.from - 0.75 * total) < 0.25, `sought to ${sought.from}`);
  assert.deepEqual(sought.schedule.map((s) => s.frame), [2], 'only what is still to be heard is queued');
  assert.ok(Math.abs(sought.schedule[0].offset - (sought.from - 8)) < 1e-6, 'frame 3\'s clip from the moment sought');
  assert.equal(await shownNumber(show), 3);
  assert.ok(Math.abs(sought.music.offset - sought.from % 4) < 1e-6, 'the music from the same moment of its loop');
  await together(page, show, { ...board, times: 2 });

  // Jumps: ← goes to frame 2's start, its sound with it; Home to the start.
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => window.__flowboardAnimatic.runs.length === 4);
  const jumped = await lastRun(page);
  assert.equal(jumped.from, 4);
  assert.equal(await shownNumber(show), 2);
  assert.deepEqual(jumped.schedule.map((s) => [s.frame, s.offset]), [[2, 0]]);
  assert.ok(Math.abs(jumped.schedule[0].when - jumped.origin - 8) < 1e-6);
  await together(page, show, { ...board, times: 3 });
  await page.keyboard.press('Home');
  await page.waitForFunction(() => window.__flowboardAnimatic.runs.length === 5);
  assert.equal((await lastRun(page)).from, 0);
  assert.equal(await shownNumber(show), 1);
  await together(page, show, { ...board, times: 3 });
  await show.getByRole('button', { name: 'Pause' }).click();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a board without sound presents as before; sound that is missing or cannot start is said, and the animatic plays on', async () => {
  // Without sound: no audio context at all, frames by their durations.
  const page = await openEditor(h.browser, h.server.url);
  await threeFrames(page, 'quiet');
  const show = await present(page);
  assert.equal(await show.locator('.present-time').innerText(), '0:00 / 0:09');
  await show.getByRole('button', { name: 'Play animatic' }).click();
  await page.waitForFunction(() => document.querySelector('.present-number').textContent === '2 / 3', null, { timeout: 6000 });
  assert.equal(await page.evaluate(() => typeof window.__flowboardAnimatic), 'undefined');
  assert.equal(await show.locator('.present-sound-note').count(), 0);
  await page.keyboard.press('Escape');

  // Frame 3's clip is not in this browser: said, and the rest plays.
  await withSound(page, { missing: ['clip-1-660'] });
  const again = await present(page);
  await again.getByRole('button', { name: 'Play animatic' }).click();
  await again.getByText('Not in this browser, so it plays without: voice-2.wav').waitFor();
  await page.waitForFunction(() => window.__flowboardAnimatic?.runs.length === 1);
  assert.deepEqual((await lastRun(page)).schedule.map((s) => s.frame), [0]);
  assert.deepEqual(page.problems, []);
  await page.context().close();

  // A browser that keeps the sound from starting (autoplay policy): the animatic plays silently,
  // by its timers, and says so.
  const blocked = await openEditor(h.browser, h.server.url, {}, () => {
    Object.defineProperty(AudioContext.prototype, 'state', { get: () => 'suspended' });
    AudioContext.prototype.resume = () => new Promise(() => {});
  });
  await threeFrames(blocked, 'blocked');
  await withSound(blocked);
  const silent = await present(blocked);
  await silent.getByRole('button', { name: 'Play animatic' }).click();
  await silent.getByText('The browser did not let the sound start: the animatic plays without sound.', { exact: false }).waitFor({ timeout: 5000 });
  await blocked.waitForFunction(() => document.querySelector('.present-number').textContent === '2 / 3', null, { timeout: 6000 });
  assert.equal(await blocked.evaluate(() => window.__flowboardAnimatic.runs.length), 0, 'nothing was queued');
  assert.deepEqual(blocked.problems, []);
  await blocked.context().close();
});
