// The film's worker (issue 18), driven the way the page drives it: the tasks worker started from
// the app's page on 127.0.0.1 (WebCodecs needs a secure context), a TaskRequest::Film posted in
// the wire's shape ({ message: JSON text, parts: [Blob | ArrayBuffer] }) with a plan of fixture
// photos (one with a camera move, EXIF-rotated), a title card, burned captions and a tone; the
// file it answers with is checked with Debian's ffprobe/ffmpeg: codecs, size, frame count,
// duration, a clean decode, and frames at the start and end of the move compared by PSNR with
// the expected crop of the photo, cut and scaled by ffmpeg.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { useHarness, SHARED_FIXTURES, moveCrop } from './support.mjs';
import { probe, decodesCleanly, psnr } from './media.mjs';

const h = useHarness();

const W = 640;
const H = 360;
const FPS = 30;
const TITLE_FRAMES = 3 * FPS; // TITLE_SECONDS
// Crops of a 1800×1200 photo in the film's 16:9 shape.
const START = { x: 0, y: (1 - 0.84375) / 2, w: 1, h: 0.84375 };
const END = { x: 0.25, y: 0.2, w: 0.5, h: 0.421875 };
const CAPTION = 'A burned caption, 中文字幕 too';

/** The crop `e` (0–1) of the way from crop `a` to crop `b` ({x, y, w, h}), as the film draws it. */
function cropAt(a, b, e) {
  const [x, y, w, h] = moveCrop([a.x, a.y, a.w, a.h], [b.x, b.y, b.w, b.h], e);
  return { x, y, w, h };
}

/** A FilmPlan (its JSON): title card, then three 1 s frames: Landscape_6 (EXIF-rotated) moving
 * from START to END, Landscape_3 still with a caption, and a frame without a photo. */
function plan() {
  return {
    width: W, height: H, fps: FPS, transition: 'cut',
    title: ['Film test', 'Flowboard'],
    burn_captions: true,
    frames: [
      { photo: 'p6', size: [1800, 1200], crop: START, camera_move: { end: END, easing: 'linear' }, text: '' },
      { photo: 'p3', size: [1800, 1200], crop: START, camera_move: null, text: CAPTION },
      { photo: null, size: [0, 0], crop: { x: 0, y: 0, w: 1, h: 1 }, camera_move: null, text: 'The end' },
    ],
    cues: [[0, 1], [1, 1], [2, 1]],
  };
}

const options = (container) => ({
  container, audio: 'opus', lines: H, fps: FPS, transition: 'cut', title_card: true,
  burn_captions: true, subtitles: 'caption',
});

/** Starts a tasks worker on `page` and posts `message` (an object, or raw text) with parts made
 * in the page by `parts` ("photos": the two fixtures; "tone": two channels of a 440 Hz tone of
 * `seconds`); resolves to { reply, progress, file (base64 of a Blob part) }. With `soundLater`
 * ("tone" or "none"), the film's sound is sent as a SoundForFilm message once the worker has
 * reported its last video frame: the tone, or no sound. */
async function runWorker(page, message, { photos = true, toneSeconds = 0, extra = null, names = ['Landscape_6.jpg', 'Landscape_3.jpg'], soundLater = null } = {}) {
  return page.evaluate(async ({ message, photos, toneSeconds, extra, names, soundLater }) => {
    const parts = [];
    const transfer = [];
    if (photos) {
      for (const name of names) parts.push(await (await fetch(`./fixtures/${name}`)).blob());
    }
    if (extra === 'text-blob') parts.push(new Blob(['not a photo at all'], { type: 'image/jpeg' }));
    const tone = [];
    if (toneSeconds) {
      const n = Math.round(toneSeconds * 48000);
      for (let c = 0; c < 2; c++) {
        // 16-bit samples, as the page sends them (core protocol: FilmAudio).
        const samples = new Int16Array(n);
        for (let i = 0; i < n; i++) samples[i] = Math.round(0.3 * 32767 * Math.sin((2 * Math.PI * 440 * i) / 48000));
        tone.push(samples.buffer);
      }
    }
    if (!soundLater) {
      parts.push(...tone);
      transfer.push(...tone);
    }
    let soundSent = false;
    const progress = [];
    const started = performance.now();
    let ready = null;
    // Started once its message is ready: its Ready message, were no one listening yet, would be lost.
    const worker = new Worker('./tasks_loader.js');
    const result = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no reply in 60 s (ready after ${ready} ms; progress: ${JSON.stringify(progress)})`)), 60_000);
      worker.onerror = (e) => { clearTimeout(timer); reject(new Error(`worker error: ${e.message}`)); };
      worker.onmessage = (e) => {
        const m = JSON.parse(e.data.message);
        if ('ready' in m) {
          ready = performance.now() - started;
          worker.postMessage({ message: typeof message === 'string' ? message : JSON.stringify(message), parts }, transfer);
        } else if ('progress' in m) {
          progress.push([...m.progress, performance.now() - started]);
          if (soundLater && !soundSent && m.progress[0] === m.progress[1]) {
            soundSent = true;
            const audio = soundLater === 'tone' ? { sample_rate: 48000, channels: [0, 1] } : null;
            const sound = { sound_for_film: { audio } };
            const given = soundLater === 'tone' ? tone : [];
            worker.postMessage({ message: JSON.stringify(sound), parts: given }, given);
          }
        } else if ('reply' in m) {
          clearTimeout(timer);
          resolve({ reply: m.reply[1], parts: e.data.parts });
        }
      };
    });
    worker.terminate();
    let file = null;
    const part = result.reply.filmed?.file;
    if (part !== undefined) {
      const bytes = new Uint8Array(await result.parts[part].arrayBuffer());
      let text = '';
      for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      file = { base64: btoa(text), type: result.parts[part].type };
    }
    return { reply: result.reply, progress, file };
  }, { message, photos, toneSeconds, extra, names, soundLater });
}

async function appPage() {
  // No service worker: once it controls the page, the fixtures' fetches would go past the
  // routes below to the server, which does not have them.
  const context = await h.browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console: ${m.text()}`); });
  // The shared fixtures, and files made by a test in its folder.
  await page.route('**/fixtures/*', (route) => {
    const name = path.basename(new URL(route.request().url()).pathname);
    const made = path.join(h.dir, name);
    route.fulfill({ path: fs.existsSync(made) ? made : path.join(SHARED_FIXTURES, name), contentType: 'application/octet-stream' });
  });
  await page.goto(h.server.url);
  return page;
}

const run = (cmd, args) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** ffmpeg's PSNR of two images (its average over the planes), or of one region of both. */
function psnrOf(a, b, region = null) {
  return psnr([a, b], region ? `[0]crop=${region}[a];[1]crop=${region}[b];[a][b]` : '');
}

/** Frame `n` of `file` as a PNG. */
function frameAt(file, n, out) {
  run('ffmpeg', ['-v', 'error', '-y', '-i', file, '-vf', `select=eq(n\\,${n})`, '-vsync', '0', '-frames:v', '1', out]);
  return out;
}

/** The expected picture: `crop` (fractions) of the fixture `name` upright (ffmpeg applies its
 * EXIF orientation), resampled to the film's size by averaging the photo's pixels under each of
 * its pixels, edges to the sub-pixel (ffmpeg's crop filter rounds to whole, even pixels: half a
 * pixel off costs a detailed photo more PSNR than the encoder does). Written as raw RGB. */
function expected(name, crop, out) {
  const r = spawnSync('ffmpeg', ['-v', 'info', '-i', path.join(SHARED_FIXTURES, name), '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { maxBuffer: 1 << 28 });
  const raw = r.stdout;
  const [pw, ph] = [...String(r.stderr).matchAll(/rgb24.*?, (\d+)x(\d+)/g)].at(-1).slice(1).map(Number);
  assert.equal(pw * ph * 3, raw.length);
  // For each output pixel along an axis: the photo's pixels under it and their share.
  const shares = (start, size, n, limit) => Array.from({ length: n }, (_, i) => {
    const f = size / n;
    const a = start + i * f;
    const b = a + f;
    const w = [];
    for (let s = Math.floor(a); s < Math.ceil(b); s++) {
      const cover = Math.min(b, s + 1) - Math.max(a, s);
      if (cover > 0) w.push([Math.min(Math.max(s, 0), limit - 1), cover / f]);
    }
    return w;
  });
  const cols = shares(crop.x * pw, crop.w * pw, W, pw);
  const rows = shares(crop.y * ph, crop.h * ph, H, ph);
  const pixels = Buffer.alloc(W * H * 3);
  for (let j = 0; j < H; j++) {
    for (let i = 0; i < W; i++) {
      const sum = [0, 0, 0];
      for (const [y, wy] of rows[j]) {
        for (const [x, wx] of cols[i]) {
          for (let c = 0; c < 3; c++) sum[c] += raw[(y * pw + x) * 3 + c] * wx * wy;
        }
      }
      for (let c = 0; c < 3; c++) pixels[(j * W + i) * 3 + c] = Math.round(sum[c]);
    }
  }
  const rgb = `${out}.rgb`;
  fs.writeFileSync(rgb, pixels);
  run('ffmpeg', ['-v', 'error', '-y', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${W}x${H}`, '-i', rgb, out]);
  return out;
}

/** The RGB of pixel (x, y) of an image. */
function pixel(png, x, y) {
  const raw = execFileSync('ffmpeg', ['-v', 'error', '-i', png, '-vf', `crop=1:1:${x}:${y}`, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return [...raw];
}

for (const [container, video, ext] of [['mp4', 'h264', 'mp4'], ['webm', 'vp9', 'webm']]) {
  test(`a ${container.toUpperCase()} film from the worker: ${video} and Opus, its frames where the plan puts them`, async () => {
    const page = await appPage();
    const message = { film: { plan: plan(), options: options(container), photos: [['p6', 0], ['p3', 1]], sound: { given: { sample_rate: 48000, channels: [2, 3] } }, lang: 'en' } };
    const { reply, progress, file } = await runWorker(page, message, { toneSeconds: 6 });
    assert.ok(reply.filmed, `the worker made no film: ${JSON.stringify(reply)}`);
    const total = TITLE_FRAMES + 3 * FPS;
    assert.equal(reply.filmed.video_frames, total);
    assert.equal(reply.filmed.audio_codec, 'opus');
    assert.match(reply.filmed.video_codec, container === 'mp4' ? /^avc1\.64/ : /^vp09/);
    assert.equal(file.type, `video/${container}`);
    assert.ok(progress.length >= 2, 'progress was posted');
    assert.deepEqual(progress.at(-1).slice(0, 2), [total, total]);
    const bytes = Buffer.from(file.base64, 'base64');
    assert.equal(reply.filmed.bytes, bytes.length);
    const f = path.join(h.dir, `film.${ext}`);
    fs.writeFileSync(f, bytes);

    const info = probe(f);
    const v = info.streams.find((s) => s.codec_type === 'video');
    const a = info.streams.find((s) => s.codec_type === 'audio');
    assert.equal(v.codec_name, video);
    assert.equal(a?.codec_name, 'opus');
    assert.equal(Number(a.sample_rate), 48000);
    assert.equal(Number(a.channels), 2);
    assert.equal([v.width, v.height].join('×'), `${W}×${H}`);
    assert.equal(Number(v.nb_read_frames), total);
    assert.equal(v.r_frame_rate, `${FPS}/1`);
    const duration = Number(info.format.duration);
    assert.ok(Math.abs(duration - total / FPS) <= 1 / FPS + 1e-6, `duration ${duration} s, planned ${total / FPS} s`);
    decodesCleanly(f);

    // The move: its first and last video frames against the crop the plan puts there.
    const first = TITLE_FRAMES;
    const last = TITLE_FRAMES + FPS - 1;
    const atStart = psnrOf(frameAt(f, first, path.join(h.dir, `start.${ext}.png`)), expected('Landscape_6.jpg', START, path.join(h.dir, 'start-ref.png')));
    const atEnd = psnrOf(frameAt(f, last, path.join(h.dir, `end.${ext}.png`)), expected('Landscape_6.jpg', cropAt(START, END, (FPS - 1) / FPS), path.join(h.dir, 'end-ref.png')));
    assert.ok(atStart >= 30, `start of the move: PSNR ${atStart} dB`);
    assert.ok(atEnd >= 30, `end of the move: PSNR ${atEnd} dB`);
    // Not the same picture twice: the end of the move is not its start.
    assert.ok(psnrOf(path.join(h.dir, `end.${ext}.png`), path.join(h.dir, 'start-ref.png')) < 25, 'the picture moved');

    // The still frame with its caption: the photo above, a dark box with text over its bottom.
    const still = frameAt(f, TITLE_FRAMES + FPS + 15, path.join(h.dir, `still.${ext}.png`));
    const stillRef = expected('Landscape_3.jpg', START, path.join(h.dir, 'still-ref.png'));
    assert.ok(psnrOf(still, stillRef, `${W}:200:0:0`) >= 30, 'the still frame shows its photo');
    assert.ok(psnrOf(still, stillRef, `${W * 0.6}:40:${W * 0.2}:${H - 70}`) < 20, 'its caption is burned in at the bottom');
    // The frame without a photo: a dark card, and its caption.
    const card = frameAt(f, TITLE_FRAMES + 2 * FPS + 15, path.join(h.dir, `card.${ext}.png`));
    const [r, g, b] = pixel(card, 20, 20);
    assert.ok(r < 60 && g < 60 && b < 70 && b > 20, `the empty frame's card: rgb(${r}, ${g}, ${b})`);
    // The title card: black corners, white letters in the middle.
    const title = frameAt(f, 45, path.join(h.dir, `title.${ext}.png`));
    assert.ok(pixel(title, 10, 10).every((c) => c < 24), 'the title card is black');
    const middle = execFileSync('ffmpeg', ['-v', 'error', '-i', title, '-vf', `crop=${W}:60:0:${H / 2 - 50},format=gray`, '-f', 'rawvideo', '-'], { stdio: ['ignore', 'pipe', 'pipe'] });
    assert.ok([...middle].filter((p) => p > 200).length > 200, 'the title is written in white');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}

test('a film whose sound follows waits for it: sent after the last video frame, it is in the file; "none" makes a silent film', async () => {
  const page = await appPage();
  const oneFrame = { ...plan(), title: null, burn_captions: false, frames: [plan().frames[1]], cues: [[0, 1]] };
  const follows = { film: { plan: oneFrame, options: { ...options('mp4'), title_card: false }, photos: [['p3', 1]], sound: 'follows', lang: 'en' } };
  const withTone = await runWorker(page, follows, { toneSeconds: 1, soundLater: 'tone' });
  assert.ok(withTone.reply.filmed, JSON.stringify(withTone.reply));
  assert.equal(withTone.reply.filmed.audio_codec, 'opus');
  const f = path.join(h.dir, 'follows.mp4');
  fs.writeFileSync(f, Buffer.from(withTone.file.base64, 'base64'));
  const info = probe(f);
  const a = info.streams.find((s) => s.codec_type === 'audio');
  assert.equal(a?.codec_name, 'opus', 'the sound sent late is in the film');
  assert.ok(Math.abs(Number(a.duration) - 1) <= 1 / FPS + 0.03, `its sound lasts ${a.duration} s`);
  assert.equal(Number(info.streams.find((s) => s.codec_type === 'video').nb_read_frames), FPS);
  decodesCleanly(f);
  const silent = await runWorker(page, follows, { soundLater: 'none' });
  assert.ok(silent.reply.filmed, JSON.stringify(silent.reply));
  assert.equal(silent.reply.filmed.audio_codec, null);
  const g = path.join(h.dir, 'follows-silent.mp4');
  fs.writeFileSync(g, Buffer.from(silent.file.base64, 'base64'));
  assert.equal(probe(g).streams.filter((s) => s.codec_type === 'audio').length, 0, 'no sound track');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a film request that does not read, or whose parts are wrong, is refused; a photo that is not one fails the film, naming its frame', async () => {
  const page = await appPage();
  const garbage = await runWorker(page, '{"film": {"plan": 1}}', { photos: false });
  assert.ok(typeof garbage.reply.refused === 'string', JSON.stringify(garbage.reply));
  const wrongCues = { film: { plan: { ...plan(), cues: [[0, 1]] }, options: options('mp4'), photos: [['p6', 0], ['p3', 1]], sound: 'silent', lang: 'en' } };
  const cues = await runWorker(page, wrongCues);
  assert.match(cues.reply.refused ?? '', /1 cues for 3 frames/);
  const missingPart = { film: { plan: plan(), options: options('mp4'), photos: [['p6', 0], ['p3', 7]], sound: 'silent', lang: 'en' } };
  assert.ok((await runWorker(page, missingPart)).reply.refused, 'a missing part is refused');
  const notPhoto = { film: { plan: plan(), options: options('webm'), photos: [['p6', 2], ['p3', 1]], sound: 'silent', lang: 'en' } };
  const failed = await runWorker(page, notPhoto, { extra: 'text-blob' });
  // FilmPhotoUnreadable: frame 1, and why (the decoder's words).
  assert.ok(failed.reply.film_failed, JSON.stringify(failed.reply));
  assert.deepEqual(failed.reply.film_failed.args.map(([name]) => name), ['n', 'detail']);
  assert.deepEqual(failed.reply.film_failed.args[0], ['n', { Text: '1' }]);
  await page.context().close();
});

const hasHeifEnc = (() => {
  try { execFileSync('heif-enc', ['--help'], { stdio: 'ignore' }); return true; } catch (e) { return e.status !== undefined && e.code !== 'ENOENT'; }
})();

test('a HEIC photo, which the browser cannot decode, is filmed through the core\'s decoder', { skip: hasHeifEnc ? false : 'heif-enc is not installed (scripts/setup.sh installs libheif-examples)' }, async () => {
  const heic = path.join(h.dir, 'IMG_0042.HEIC');
  execFileSync('heif-enc', ['-q', '90', '-o', heic, path.join(SHARED_FIXTURES, 'Landscape_0.jpg')]);
  const page = await appPage();
  const heicPlan = { ...plan(), title: null, burn_captions: false, frames: [{ ...plan().frames[1], photo: 'h', text: '' }], cues: [[0, 1]] };
  const message = { film: { plan: heicPlan, options: { ...options('mp4'), title_card: false }, photos: [['h', 0]], sound: 'silent', lang: 'en' } };
  const { reply, file } = await runWorker(page, message, { names: ['IMG_0042.HEIC'] });
  assert.ok(reply.filmed, JSON.stringify(reply));
  assert.equal(reply.filmed.audio_codec, null);
  const f = path.join(h.dir, 'heic.mp4');
  fs.writeFileSync(f, Buffer.from(file.base64, 'base64'));
  const shown = psnrOf(frameAt(f, 15, path.join(h.dir, 'heic.png')), expected('Landscape_0.jpg', START, path.join(h.dir, 'heic-ref.png')));
  assert.ok(shown >= 30, `the HEIC frame: PSNR ${shown} dB`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a photo with see-through pixels is filmed on black, not on the picture drawn before it', async () => {
  // 1800 × 1200 like the fixtures: its left half fully transparent, its right half red.
  const png = path.join(h.dir, 'half-clear.png');
  run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=red:s=1800x1200,format=rgba,geq=r=255:g=0:b=0:a=if(lt(X\\,900)\\,0\\,255)', '-frames:v', '1', png]);
  const page = await appPage();
  // A moving photo first, so each canvas holds one of its pictures when the PNG is drawn.
  const clearPlan = {
    ...plan(), title: null, burn_captions: false,
    frames: [plan().frames[0], { ...plan().frames[1], photo: 't', text: '' }],
    cues: [[0, 1], [1, 1]],
  };
  const message = { film: { plan: clearPlan, options: { ...options('mp4'), title_card: false, burn_captions: false }, photos: [['p6', 0], ['t', 1]], sound: 'silent', lang: 'en' } };
  const { reply, file } = await runWorker(page, message, { names: ['Landscape_6.jpg', 'half-clear.png'] });
  assert.ok(reply.filmed, JSON.stringify(reply));
  const f = path.join(h.dir, 'clear.mp4');
  fs.writeFileSync(f, Buffer.from(file.base64, 'base64'));
  for (const n of [FPS, FPS + 15, 2 * FPS - 1]) {
    const shot = frameAt(f, n, path.join(h.dir, `clear-${n}.png`));
    for (const y of [60, 180, 300]) {
      const [r, g, b] = pixel(shot, W / 4, y);
      assert.ok(r < 24 && g < 24 && b < 24, `frame ${n}, (${W / 4}, ${y}) under the clear half: ${[r, g, b]}, not black`);
      const [rr, rg, rb] = pixel(shot, (3 * W) / 4, y);
      assert.ok(rr > 200 && rg < 40 && rb < 40, `frame ${n}, (${(3 * W) / 4}, ${y}) of the red half: ${[rr, rg, rb]}`);
    }
  }
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
