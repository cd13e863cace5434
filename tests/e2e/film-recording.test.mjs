// The film recorded as it plays (issue 18's last resort): in a browser without WebCodecs, the
// export dialog says so and offers to record the film in real time; the recording (a real
// MediaRecorder on the canvas the tasks worker draws on, with the mixed sound) is downloaded,
// opened with Debian's ffprobe/ffmpeg and checked: its codecs and size, its running time, each
// shot's picture against its photo (PSNR), the narration at its frame. Cancel keeps nothing.
// WebCodecs is taken away from the page only (an init script), as in a browser that has none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { probe, decodesCleanly, VARIABLE_RATE, packets, psnr, samples, tone, onset } from './media.mjs';
import { useHarness, openEditor, writePhotos, waitForFrames, waitUntilSaved, storeSound, download, openExportDialog } from './support.mjs';

const h = useHarness();

/** A page whose browser has no WebCodecs. */
const withoutWebCodecs = () => {
  for (const name of ['VideoEncoder', 'AudioEncoder', 'VideoFrame', 'AudioData', 'EncodedVideoChunk', 'EncodedAudioChunk']) delete window[name];
};

/** The running time of a file (s): its last packet's end, for a recording without a duration in its header. */
function runningTime(file) {
  return Math.max(...packets(file).map((p) => p.time + p.duration));
}

/** PSNR (dB) of the film's picture at `seconds` against `photo` scaled to its size, in RGB. */
function psnrAt(film, seconds, photo, [width, height]) {
  return psnr([film, photo], `[0:v]trim=start=${seconds},setpts=PTS-STARTPTS,select=eq(n\\,0),scale=${width}:${height},format=rgb24[a];[1:v]scale=${width}:${height},format=rgb24[b];[a][b]`);
}

async function filmSection(page) {
  const dialog = await openExportDialog(page);
  return { dialog, film: dialog.locator('section.film-section') };
}

test('without WebCodecs the film is recorded as it plays: a WebM with its pictures and narration in time', async () => {
  const page = await openEditor(h.browser, h.server.url, {}, withoutWebCodecs);
  const photos = await writePhotos(page, h.dir, 2, { prefix: 'live', width: 1280, height: 720 });
  await page.locator('#photo-input').setInputFiles(photos);
  await waitForFrames(page, 2);
  await waitUntilSaved(page);
  // Frame 1: a 1.0 s clip at 440 Hz (the frame lasts 1.5 s with its pause); frame 2: 2 s, silent.
  await storeSound(page, { clips: [{ frame: 0, seconds: 1.0, freq: 440 }], durations: { 1: 2 } });
  await waitForFrames(page, 2);
  await waitUntilSaved(page);

  const { dialog, film } = await filmSection(page);
  await film.getByLabel('Size').selectOption('720');
  await film.getByText(/so the film is recorded as it plays: that takes as long as the film \(0:03\.5\)/).waitFor();
  assert.equal(await film.getByLabel('WebM (VP9)').isVisible(), false, 'no format to choose: the browser records its own');
  const started = Date.now();
  const made = await download(page, h.dir, async () => {
    await film.getByRole('button', { name: 'Record film' }).click();
    await dialog.getByRole('progressbar', { name: /Recording the film as it plays, .* left — keep this tab open/ }).waitFor({ timeout: 30_000 });
  });
  const took = (Date.now() - started) / 1000;
  assert.match(made.name, /\.webm$/);
  await dialog.getByText(/Downloaded .*\.webm: 0:03\.5 of film/).waitFor({ timeout: 10_000 });
  assert.equal(await page.locator('canvas.film-recording-canvas').count(), 0, 'the recording canvas is gone');

  const info = probe(made.path);
  const video = info.streams.find((s) => s.codec_type === 'video');
  const audio = info.streams.find((s) => s.codec_type === 'audio');
  assert.ok(['vp8', 'vp9'].includes(video.codec_name), video.codec_name);
  assert.equal(`${video.width}x${video.height}`, '1280x720');
  assert.equal(audio?.codec_name, 'opus');
  decodesCleanly(made.path, VARIABLE_RATE);
  const times = packets(made.path, 'video').map((p) => Math.round(p.time * 1000));
  assert.ok(times.every((t, i) => i === 0 || t > times[i - 1]), `the pictures' times only go forward: ${times.join(' ')}`);
  const length = runningTime(made.path);
  assert.ok(Math.abs(length - 3.5) <= 0.25, `running time ${length} s, the story 3.5 s`);
  const head = fs.readFileSync(made.path).subarray(0, 64).toString('hex');
  assert.equal(Number(info.format.duration), 3.5, `the running time is in the header (a recorder writes none); the file begins ${head}`);
  assert.ok(took >= 3.5, `recorded in real time (${took} s)`);

  // Each shot's picture is its photo.
  const first = psnrAt(made.path, 0.75, photos[0], [1280, 720]);
  const second = psnrAt(made.path, 2.5, photos[1], [1280, 720]);
  const crossed = psnrAt(made.path, 2.5, photos[0], [1280, 720]);
  // The narration starts with its frame, within a few video frames (the page starts the sound
  // when the worker says the first picture is drawn).
  const x = samples(made.path);
  const level = tone(x, 440, 0.4, 0.2);
  const start = onset(x, 440, 0, 0.5);
  console.log(`recorded film: ${video.codec_name} ${video.width}x${video.height}, ${length.toFixed(3)} s in ${took.toFixed(1)} s; PSNR ${first.toFixed(1)} / ${second.toFixed(1)} dB (other photo ${crossed.toFixed(1)}); narration onset ${start?.toFixed(3)} s`);
  assert.ok(first >= 28, `shot 1 against photo 1: ${first} dB`);
  assert.ok(second >= 28, `shot 2 against photo 2: ${second} dB`);
  assert.ok(crossed < second - 6, `shot 2 is not photo 1 (${crossed} dB)`);
  assert.ok(level > 0.05, `the narration is in the sound (${level})`);
  assert.ok(start !== null && start <= 0.1, `the narration starts at ${start} s, its frame at 0 s`);
  assert.deepEqual(page.problems, []);
});

test('Cancel stops a film being recorded; nothing is downloaded and the recording canvas goes', async () => {
  const page = await openEditor(h.browser, h.server.url, {}, withoutWebCodecs);
  let downloads = 0;
  page.on('download', () => { downloads += 1; });
  await page.locator('#photo-input').setInputFiles(await writePhotos(page, h.dir, 1, { prefix: 'livecancel', width: 800, height: 450 }));
  await waitForFrames(page, 1);
  const duration = page.getByLabel('Duration in seconds');
  await page.locator('.scene-frames > li.frame-card').first().click();
  await duration.fill('60');
  await duration.press('Enter');
  await waitUntilSaved(page);
  const { dialog, film } = await filmSection(page);
  await film.getByRole('button', { name: 'Record film' }).click();
  await page.waitForFunction(() => Number(document.querySelector('.export-progress progress')?.value) > 30, null, { timeout: 30_000 });
  assert.equal(await page.locator('canvas.film-recording-canvas').count(), 1);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.getByText('The film was cancelled; nothing was kept.').waitFor({ timeout: 10_000 });
  await page.waitForTimeout(500);
  assert.equal(downloads, 0, 'nothing was downloaded');
  assert.equal(await page.locator('canvas.film-recording-canvas').count(), 0, 'the recording canvas is gone');
  assert.ok(await film.getByRole('button', { name: 'Record film' }).isEnabled(), 'a new recording can start');
  assert.deepEqual(page.problems, []);
});
