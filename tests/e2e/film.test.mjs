// Film export (issue 18), as a user makes one: the export dialog's Film section, Make film, the
// downloaded file opened with Debian's ffprobe/ffmpeg (tools nobody here wrote): its codecs, size,
// frame rate and running time; a frame pulled out and compared with the photo it shows (PSNR); the
// narration's onsets found in the decoded sound at their frames' starts, and the music under it,
// ducked; the subtitle file's cues at the frames' times. Cancel leaves nothing behind, and a
// browser that cannot encode H.264 says so and offers WebM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { probe, decodesCleanly, psnr, samples, tone, onset } from './media.mjs';
import { useHarness, openEditor, writePhotos, waitForFrames, waitUntilSaved, storeSound, download, storedDocuments, openExportDialog } from './support.mjs';

const h = useHarness();

/**
 * PSNR (dB) between a region [w, h, x, y] of video frame `n` of the film and the same region of
 * `photo` scaled to the film's size, in RGB: each side's own colour matrix is undone first (the
 * film is tagged BT.709 full range, a JPEG is BT.601; compared as YUV, the same picture scored
 * 31.6 dB against 38.4 in RGB).
 */
function psnrOf(film, n, photo, { width, height, region }) {
  const crop = region.join(':');
  return psnr([film, photo], `[0:v]select=eq(n\\,${n}),crop=${crop},format=rgb24[a];[1:v]scale=${width}:${height},crop=${crop},format=rgb24[b];[a][b]`);
}

// Three frames (1280 × 720 photos, 16:9 like the board and the film): a 1.0 s clip at 440 Hz on frame 1 (which
// lasts 1.5 s with its pause), frame 2 typed 1.5 s, a 1.2 s clip at 660 Hz on frame 3 (1.7 s);
// a 4 s music bed at 220 Hz, looped, ducked −12 dB under narration.
const CLIPS = [
  { frame: 0, seconds: 1.0, freq: 440 },
  { frame: 2, seconds: 1.2, freq: 660 },
];
const MUSIC = { seconds: 4.0, freq: 220 };
const STARTS = [0, 1.5, 3.0];
const STORY = 4.7;
const TITLE = 3.0;

test('a narrated board with music and a title card becomes an MP4 that ffprobe reads, with its sound at its frames and subtitles that match', async () => {
  const page = await openEditor(h.browser, h.server.url);
  const photos = await writePhotos(page, h.dir, 3, { prefix: 'film', width: 1280, height: 720 });
  await page.locator('#photo-input').setInputFiles(photos);
  await waitForFrames(page, 3);
  await waitUntilSaved(page);
  await storeSound(page, { clips: CLIPS, music: MUSIC, durations: { 1: 1.5 } });
  await waitForFrames(page, 3);
  const captions = ['The old house', '外婆的厨房', 'Sera in giardino'];
  for (const [i, text] of captions.entries()) await page.getByLabel(`Caption for frame ${i + 1}`).fill(text);
  await page.getByLabel('Storyboard title').fill('Grandma’s kitchen');
  await waitUntilSaved(page);

  const dialog = await openExportDialog(page);
  const film = dialog.locator('section.film-section');
  await film.getByLabel('MP4 (H.264), plays everywhere').check();
  await film.getByLabel('Size').selectOption('720');
  await film.getByLabel('Frames per second').selectOption('30');
  await film.getByLabel('Start with a title card (title and author)').check();
  await film.getByLabel('Show captions in the picture').check();

  const made = await download(page, h.dir, () => film.getByRole('button', { name: 'Make film' }).click());
  assert.match(made.name, /\.mp4$/);
  await dialog.getByText(/Downloaded .*\.mp4: 0:07\.7 of film/).waitFor({ timeout: 60_000 });

  const info = probe(made.path);
  const video = info.streams.find((s) => s.codec_type === 'video');
  const audio = info.streams.find((s) => s.codec_type === 'audio');
  assert.equal(video.codec_name, 'h264');
  assert.equal(`${video.width}x${video.height}`, '1280x720');
  assert.equal(video.r_frame_rate, '30/1');
  const frames = Number(video.nb_read_frames);
  assert.equal(frames, Math.round((TITLE + STORY) * 30), 'one video frame per 1/30 s of the title card and the story');
  assert.ok(Math.abs(Number(info.format.duration) - (TITLE + STORY)) <= 1 / 30 + 0.03, `running time ${info.format.duration} s`);
  assert.ok(audio, 'the film has sound');
  assert.ok(['opus', 'aac'].includes(audio.codec_name), audio.codec_name);
  decodesCleanly(made.path);

  // A frame of the story's first shot, above the caption, is the photo it shows.
  const opts = { width: 1280, height: 720, region: [1280, 520, 0, 0] };
  const shot1 = Math.round((TITLE + 0.75) * 30);
  const clean = psnrOf(made.path, shot1, photos[0], opts);
  assert.ok(clean >= 30, `frame ${shot1} against photo 1: PSNR ${clean} dB`);
  // The caption is burned into the bottom of the picture: there, the frame is not the photo.
  const bottom = psnrOf(made.path, shot1, photos[0], { ...opts, region: [1280, 120, 0, 600] });
  assert.ok(bottom < clean - 3, `the bottom band carries the caption (PSNR ${bottom} dB against ${clean} dB above it)`);
  // The title card is not a photo.
  assert.ok(psnrOf(made.path, 15, photos[0], opts) < 20, 'the first second is the title card');

  // Each narration starts within one video frame of its frame's start; the music is there, and
  // quieter under the narration.
  const x = samples(made.path);
  const first = onset(x, 440, TITLE - 0.5, TITLE + 0.5);
  const third = onset(x, 660, TITLE + STARTS[2] - 0.5, TITLE + STARTS[2] + 0.5);
  assert.ok(first !== null && Math.abs(first - TITLE) <= 1 / 30, `clip 1 starts at ${first} s, its frame at ${TITLE} s`);
  assert.ok(third !== null && Math.abs(third - (TITLE + STARTS[2])) <= 1 / 30, `clip 2 starts at ${third} s, its frame at ${TITLE + STARTS[2]} s`);
  const open = tone(x, 220, TITLE + 1.6, 0.8);
  const ducked = tone(x, 220, TITLE + 0.3, 0.6);
  console.log(`film: PSNR ${clean.toFixed(1)} dB above the caption, ${bottom.toFixed(1)} dB in it; onsets ${first?.toFixed(3)} s and ${third?.toFixed(3)} s; music ${open.toFixed(3)} open, ${ducked.toFixed(3)} ducked`);
  assert.ok(open > 0.02, `the music plays (${open.toFixed(3)})`);
  assert.ok(open / ducked > 2.5, `the music is ducked under narration: ${open.toFixed(3)} against ${ducked.toFixed(3)}`);

  // The subtitle file: one cue per caption, at its frame's time after the title card.
  const srt = await download(page, h.dir, () => film.getByRole('button', { name: 'Subtitles (.srt)' }).click());
  const cues = srt.bytes.toString('utf8').trim().split(/\n\n/).map((c) => c.split('\n'));
  assert.equal(cues.length, 3);
  const at = (s) => new Date(Math.round(s * 1000)).toISOString().slice(11, 23).replace('.', ',');
  const ends = [STARTS[1], STARTS[2], STORY];
  for (const [i, cue] of cues.entries()) {
    assert.equal(cue[1], `${at(TITLE + STARTS[i])} --> ${at(TITLE + ends[i])}`);
    assert.equal(cue[2], captions[i]);
  }
  const vtt = await download(page, h.dir, () => film.getByRole('button', { name: 'Subtitles (.vtt)' }).click());
  assert.match(vtt.bytes.toString('utf8'), /^WEBVTT\n\n00:00:03\.000 --> 00:00:04\.500\nThe old house/);
  assert.deepEqual(page.problems, []);
});

test('a WebM of one silent frame: VP9, no sound track, its running time', async () => {
  const page = await openEditor(h.browser, h.server.url);
  await page.locator('#photo-input').setInputFiles(await writePhotos(page, h.dir, 1, { prefix: 'one', width: 800, height: 600 }));
  await waitForFrames(page, 1);
  await waitUntilSaved(page);
  const dialog = await openExportDialog(page);
  const film = dialog.locator('section.film-section');
  await film.getByLabel('WebM (VP9)').check();
  await film.getByLabel('Size').selectOption('720');
  await film.getByLabel('Frames per second').selectOption('24');
  const made = await download(page, h.dir, () => film.getByRole('button', { name: 'Make film' }).click());
  assert.match(made.name, /\.webm$/);
  const info = probe(made.path);
  const video = info.streams.find((s) => s.codec_type === 'video');
  assert.equal(video.codec_name, 'vp9');
  assert.equal(`${video.width}x${video.height}`, '1280x720');
  assert.equal(Number(video.nb_read_frames), 72, '3 s at 24 fps');
  assert.equal(info.streams.filter((s) => s.codec_type === 'audio').length, 0, 'a board without sound makes a film without a sound track');
  decodesCleanly(made.path);
  // No subtitles to write: said, nothing downloaded.
  await film.getByRole('button', { name: 'Subtitles (.srt)' }).click();
  await dialog.getByText('No frame has a text to put in subtitles.').waitFor();
  assert.deepEqual(page.problems, []);
});

test('Cancel stops a film at once; nothing is downloaded or stored, and the next film can start', async () => {
  const page = await openEditor(h.browser, h.server.url);
  let downloads = 0;
  page.on('download', () => { downloads += 1; });
  await page.locator('#photo-input').setInputFiles(await writePhotos(page, h.dir, 2, { prefix: 'long', width: 1600, height: 900 }));
  await waitForFrames(page, 2);
  for (const n of [1, 2]) {
    await page.locator('.scene-frames > li.frame-card').nth(n - 1).click();
    const duration = page.getByLabel('Duration in seconds');
    await duration.fill('60');
    await duration.press('Enter');
  }
  await waitUntilSaved(page);
  const before = JSON.stringify(await storedDocuments(page));
  const dialog = await openExportDialog(page);
  const film = dialog.locator('section.film-section');
  await film.getByLabel('Size').selectOption('1080');
  await film.getByRole('button', { name: 'Make film' }).click();
  const progress = dialog.getByRole('progressbar', { name: /Making the film/ });
  await progress.waitFor({ timeout: 30_000 });
  assert.equal(await progress.getAttribute('max'), String(120 * 30), 'progress counts the video frames');
  // Some frames encoded, then Cancel.
  await page.waitForFunction(() => Number(document.querySelector('.export-progress progress')?.value) > 0, null, { timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.getByText('The film was cancelled; nothing was kept.').waitFor({ timeout: 10_000 });
  assert.equal(await progress.count(), 0, 'the progress bar is gone');
  await page.waitForTimeout(500);
  assert.equal(downloads, 0, 'nothing was downloaded');
  assert.equal(JSON.stringify(await storedDocuments(page)), before, 'nothing was stored');
  assert.ok(await film.getByRole('button', { name: 'Make film' }).isEnabled(), 'a new film can start');
  assert.deepEqual(page.problems, []);
});

test('a browser that cannot encode H.264 says which codec is missing and offers WebM', async () => {
  // As in browsers without an H.264 encoder: the encoder refuses every avc1 configuration.
  const page = await openEditor(h.browser, h.server.url, {}, () => {
    const ask = VideoEncoder.isConfigSupported.bind(VideoEncoder);
    VideoEncoder.isConfigSupported = async (config) => (String(config.codec).startsWith('avc1')
      ? { supported: false, config } : ask(config));
  });
  await page.locator('#photo-input').setInputFiles(await writePhotos(page, h.dir, 1, { prefix: 'noh264', width: 640, height: 360 }));
  await waitForFrames(page, 1);
  const dialog = await openExportDialog(page);
  const film = dialog.locator('section.film-section');
  await film.getByLabel('MP4 (H.264), plays everywhere').check();
  await film.getByText('This browser cannot encode H.264 video (avc1.640028) at 1920 × 1080; choose WebM').waitFor();
  assert.ok(await film.getByRole('button', { name: 'Make film' }).isDisabled());
  await film.getByLabel('WebM (VP9)').check();
  assert.ok(await film.getByRole('button', { name: 'Make film' }).isEnabled(), 'WebM can be made');
  assert.equal(await film.getByText(/cannot encode/).count(), 0);
  assert.deepEqual(page.problems, []);
});
