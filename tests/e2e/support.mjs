// Shared harness for the end-to-end tests: serves the built dist/ on 127.0.0.1 (an ephemeral
// port; the server stops with the test file or after a hard time limit), launches Debian's
// Chromium through playwright-core, and makes test photos with the browser's own encoders.
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from '../../scripts/static-server.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED_FIXTURES = path.resolve(ROOT, '../shared/fixtures/exif-orientation');
export const SCREENSHOTS = path.join(ROOT, 'test-results');
/** The built app the tests serve: dist/, or FLOWBOARD_DIST (a second build beside it, e.g.
 * `bash scripts/build.sh --dist /tmp/dist-b`, so two people can build and test at once). */
export const DIST = process.env.FLOWBOARD_DIST ? path.resolve(process.env.FLOWBOARD_DIST) : path.join(ROOT, 'dist');

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];

/** Serves dist/ (under `base`) for at most `maxSeconds`. Resolves to { url, close }. */
export async function serveDist({ base = '/', maxSeconds = 900 } = {}) {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) throw new Error(`${DIST} is not built: run scripts/test.sh`);
  const server = createServer({ dir: DIST, base });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const timer = setTimeout(() => server.close(), maxSeconds * 1000);
  timer.unref();
  const url = `http://127.0.0.1:${server.address().port}${base}`;
  return { url, close: () => new Promise((r) => { clearTimeout(timer); server.closeAllConnections?.(); server.close(r); }) };
}

/**
 * The usual harness of a test file: dist/ served on loopback, one browser and a temporary
 * folder, set up before the file's tests and removed after them. The returned object's
 * `server`, `browser` and `dir` are filled in by `before`.
 */
export function useHarness({ args = [] } = {}) {
  const h = {};
  before(async () => {
    h.server = await serveDist();
    h.browser = await launch(args);
    h.dir = tempDir();
  });
  after(async () => {
    await h.browser?.close();
    await h.server?.close();
    if (h.dir) fs.rmSync(h.dir, { recursive: true, force: true });
  });
  return h;
}

/** Debian's Chromium, headless; `args` are added to the usual flags (e.g. [`fakeMicrophone`]). */
export async function launch(args = []) {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: [...CHROMIUM_ARGS, ...args] });
}

/**
 * Chromium's flags for a fake microphone that plays `wavPath` (looped) and grants the permission
 * prompt, so recording works headless. Pass to `useHarness({ args })` or `launch(args)`.
 */
export const fakeMicrophone = (wavPath) => [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  `--use-file-for-fake-audio-capture=${wavPath}`,
];

/**
 * A 16-bit PCM WAV file of tones, made here so tests need no audio fixtures: `parts` is a list of
 * `{ seconds, freq }` (freq 0 = silence), played one after another at `amplitude` (0–1).
 */
export function wavTones(parts, { rate = 48000, channels = 1, amplitude = 0.5 } = {}) {
  const frames = parts.reduce((n, p) => n + Math.round(p.seconds * rate), 0);
  const data = Buffer.alloc(frames * channels * 2);
  let at = 0;
  for (const { seconds, freq } of parts) {
    const n = Math.round(seconds * rate);
    for (let i = 0; i < n; i++, at++) {
      const v = freq ? Math.round(Math.sin((2 * Math.PI * freq * i) / rate) * amplitude * 32767) : 0;
      for (let c = 0; c < channels; c++) data.writeInt16LE(v, (at * channels + c) * 2);
    }
  }
  const head = Buffer.alloc(44);
  head.write('RIFF', 0);
  head.writeUInt32LE(36 + data.length, 4);
  head.write('WAVE', 8);
  head.write('fmt ', 12);
  head.writeUInt32LE(16, 16);
  head.writeUInt16LE(1, 20);
  head.writeUInt16LE(channels, 22);
  head.writeUInt32LE(rate, 24);
  head.writeUInt32LE(rate * channels * 2, 28);
  head.writeUInt16LE(channels * 2, 32);
  head.writeUInt16LE(16, 34);
  head.write('data', 36);
  head.writeUInt32LE(data.length, 40);
  return Buffer.concat([head, data]);
}

/**
 * Opens the editor in a fresh context and waits until it is ready for a drop.
 * Collects page errors and console errors in `page.problems`.
 */
export async function openEditor(browser, url, contextOptions = {}, initScript = null) {
  // English unless a test asks for another language (the editor follows the browser's).
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', ...contextOptions });
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console: ${m.text()}`); });
  page.on('requestfailed', (r) => page.problems.push(`requestfailed: ${r.url()}`));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['127.0.0.1', 'localhost'].includes(u.hostname) && !['blob:', 'data:'].includes(u.protocol)) page.problems.push(`external request: ${r.url()}`);
  });
  await page.goto(url);
  await waitUntilOpen(page);
  return page;
}

/** Every stored board document, parsed (what a reload would find). */
export const storedDocuments = (page) => page.evaluate(() => new Promise((resolve, reject) => {
  const open = indexedDB.open('flowboard');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const req = open.result.transaction('boards').objectStore('boards').getAll();
    req.onsuccess = () => { resolve(req.result.map((j) => JSON.parse(j))); open.result.close(); };
    req.onerror = () => reject(req.error);
  };
}));

/** Waits until the stored board is open (editable, read-only or refused). */
export async function waitUntilOpen(page) {
  await page.locator('.editor:not([data-access=opening])').waitFor();
}

/** Waits until autosave reports the board saved; returns the status text. */
export async function waitUntilSaved(page, timeout = 20_000) {
  await page.locator('[data-testid=save-status].saved').waitFor({ timeout });
  return page.locator('[data-testid=save-status]').innerText();
}

export async function screenshot(page, name) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** A temporary folder for generated files, removed by the caller's `after`. */
export function tempDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'flowboard-e2e-'));
}

/**
 * Encodes a photo-like test image in the page (canvas: gradient, shapes, grain, a big label)
 * and returns its bytes. `type` is 'image/jpeg', 'image/png' or 'image/webp'.
 */
export async function makePhoto(page, { width = 1200, height = 900, label = '1', type = 'image/jpeg', quality = 0.88, seed = 1 } = {}) {
  const base64 = await page.evaluate(async ({ width, height, label, type, quality, seed }) => {
    let s = seed * 2654435761 % 4294967296;
    const rand = () => ((s = (s * 1664525 + 1013904223) % 4294967296) / 4294967296);
    const canvas = new OffscreenCanvas(width, height);
    const g = canvas.getContext('2d');
    const grad = g.createLinearGradient(0, 0, width, height);
    grad.addColorStop(0, `hsl(${Math.floor(rand() * 360)} 60% 55%)`);
    grad.addColorStop(1, `hsl(${Math.floor(rand() * 360)} 50% 30%)`);
    g.fillStyle = grad;
    g.fillRect(0, 0, width, height);
    for (let i = 0; i < 24; i++) {
      g.fillStyle = `hsla(${Math.floor(rand() * 360)} 70% 60% / .5)`;
      g.beginPath();
      g.arc(rand() * width, rand() * height, rand() * width / 6, 0, Math.PI * 2);
      g.fill();
    }
    // Grain, so JPEG sizes resemble real photos.
    const tile = new ImageData(256, 256);
    for (let i = 0; i < tile.data.length; i += 4) {
      const v = rand() * 255;
      tile.data[i] = tile.data[i + 1] = tile.data[i + 2] = v;
      tile.data[i + 3] = 28;
    }
    const tileCanvas = new OffscreenCanvas(256, 256);
    tileCanvas.getContext('2d').putImageData(tile, 0, 0);
    g.fillStyle = g.createPattern(tileCanvas, 'repeat');
    g.fillRect(0, 0, width, height);
    g.fillStyle = 'white';
    g.font = `bold ${Math.floor(height / 3)}px sans-serif`;
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    g.fillText(label, width / 2, height / 2);
    const blob = await canvas.convertToBlob({ type, quality });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  }, { width, height, label, type, quality, seed });
  return Buffer.from(base64, 'base64');
}

/**
 * Writes `count` generated photos into `dir` as `${prefix}${separator}N.ext` (N from 1) and
 * returns their paths; photo N shows `label(N)`.
 */
export async function writePhotos(page, dir, count, { prefix = 'photo', separator = '_', label = String, width = 1200, height = 900, type = 'image/jpeg' } = {}) {
  const ext = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' }[type];
  const paths = [];
  for (let i = 1; i <= count; i++) {
    const file = path.join(dir, `${prefix}${separator}${i}.${ext}`);
    fs.writeFileSync(file, await makePhoto(page, { width, height, label: label(i), type, seed: i }));
    paths.push(file);
  }
  return paths;
}

/** The frames on screen, in order: { label, caption, thumb: {w, h} | null }. */
export async function framesOnScreen(page) {
  return page.$$eval('.filmstrip .scene-frames > li.frame-card', (items) => items.map((li) => {
    const img = li.querySelector('img');
    return {
      label: li.getAttribute('aria-label'),
      number: li.querySelector('.frame-number')?.textContent,
      caption: li.querySelector('textarea')?.value,
      thumb: img && img.complete && img.naturalWidth ? { w: img.naturalWidth, h: img.naturalHeight } : null,
    };
  }));
}

/**
 * Waits until `count` frames show a loaded thumbnail — exactly `count`, or with `atLeast` that
 * many or more (checked every 20 ms: an import in progress adds several between two frames).
 */
export async function waitForFrames(page, count, timeout = 60_000, { atLeast = false } = {}) {
  await page.waitForFunction(({ n, atLeast }) => {
    const imgs = [...document.querySelectorAll('.filmstrip .scene-frames > li.frame-card img')];
    const loaded = imgs.filter((i) => i.complete && i.naturalWidth > 0).length;
    return atLeast ? loaded >= n : imgs.length === n && loaded === n;
  }, { n: count, atLeast }, { timeout, polling: atLeast ? 20 : 'raf' });
}

/** Drops files on the page the way a browser does: a DragEvent sequence carrying a DataTransfer. */
export async function dropFiles(page, files) {
  const payload = files.map((f) => ({ name: f.name, type: f.type || '', base64: Buffer.from(f.bytes).toString('base64') }));
  await page.evaluate((payload) => {
    const dt = new DataTransfer();
    for (const f of payload) {
      const bin = atob(f.base64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], f.name, { type: f.type }));
    }
    const target = document.querySelector('.workspace');
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
    }
  }, payload);
}

/**
 * Inserts a big-endian EXIF APP1 segment after a JPEG's SOI marker: Orientation and/or
 * DateTimeOriginal ("YYYY:MM:DD HH:MM:SS") with OffsetTimeOriginal ("+08:00").
 */
export function withExif(jpeg, { orientation, taken, offset } = {}) {
  const ifd0 = [];
  if (orientation) ifd0.push([0x0112, 3, 1, Buffer.from([0, orientation])]);
  const sub = [];
  if (taken) sub.push([0x9003, 2, taken.length + 1, Buffer.from(`${taken}\0`, 'latin1')]);
  if (offset) sub.push([0x9011, 2, offset.length + 1, Buffer.from(`${offset}\0`, 'latin1')]);
  const ifdLen = (n) => 2 + 12 * n + 4;
  const subAt = 8 + ifdLen(ifd0.length + (sub.length ? 1 : 0));
  if (sub.length) { const v = Buffer.alloc(4); v.writeUInt32BE(subAt); ifd0.push([0x8769, 4, 1, v]); }
  let dataAt = subAt + (sub.length ? ifdLen(sub.length) : 0);
  const data = [];
  const ifd = (entries) => {
    const out = Buffer.alloc(ifdLen(entries.length));
    out.writeUInt16BE(entries.length, 0);
    entries.forEach(([tag, type, count, value], i) => {
      const at = 2 + 12 * i;
      out.writeUInt16BE(tag, at); out.writeUInt16BE(type, at + 2); out.writeUInt32BE(count, at + 4);
      if (value.length <= 4) value.copy(out, at + 8);
      else { out.writeUInt32BE(dataAt, at + 8); data.push(value); dataAt += value.length; }
    });
    return out;
  };
  const tiff = Buffer.concat([Buffer.from('4d4d002a00000008', 'hex'), ifd(ifd0), ...(sub.length ? [ifd(sub)] : []), ...data]);
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xffe1, 0);
  header.writeUInt16BE(tiff.length + 8, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, Buffer.from('Exif\0\0', 'latin1'), tiff, jpeg.subarray(2)]);
}

/** The crop shown on each card, as numbers [x, y, w, h]. */
export async function cardCrops(page) {
  return page.$$eval('.filmstrip .scene-frames > li.frame-card .cropped-photo img', (imgs) => imgs.map((i) => i.dataset.crop.split(',').map(Number)));
}

/** The crop box of the open crop tool, as numbers [x, y, w, h]. */
export async function cropBox(page) {
  return (await page.locator('.crop-box').getAttribute('data-crop')).split(',').map(Number);
}

/**
 * Reads a ZIP archive's entries (stored or deflated) from its central directory: a second,
 * independent reader for what the app writes. Returns Map(name → Buffer).
 */
export async function readZip(bytes) {
  const { inflateRawSync } = await import('node:zlib');
  const buf = Buffer.from(bytes);
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a ZIP archive');
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const entries = new Map();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error('damaged central directory');
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28), extraLen = buf.readUInt16LE(at + 30), commentLen = buf.readUInt16LE(at + 32);
    const offset = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    const dataAt = offset + 30 + buf.readUInt16LE(offset + 26) + buf.readUInt16LE(offset + 28);
    const raw = buf.subarray(dataAt, dataAt + size);
    entries.set(name, method === 8 ? inflateRawSync(raw) : Buffer.from(raw));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Opens the export dialog, as a user does (the toolbar's Export), and gives it. */
export async function openExportDialog(page) {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  return page.getByRole('dialog', { name: 'Export storyboard' });
}

/** Clicks a button that starts a download; resolves to the downloaded file's { name, bytes, path }. */
export async function download(page, dir, click) {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), click()]);
  const file = path.join(dir, dl.suggestedFilename());
  await dl.saveAs(file);
  return { name: dl.suggestedFilename(), bytes: fs.readFileSync(file), path: file };
}

/** Serious and critical axe-core violations on the page (axe injected from npm), as readable lines. */
export async function audit(page) {
  await page.evaluate(fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate(() => axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

/**
 * Writes a ZIP archive of stored entries (Map or [name, bytes] pairs), as a hostile or edited
 * file would be made outside the app. Node's own CRC-32.
 */
export async function writeZip(entries) {
  const { crc32 } = await import('node:zlib');
  const locals = [], central = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const n = Buffer.from(name, 'utf8'), d = Buffer.from(data), crc = crc32(d) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x800, 6);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(d.length, 18); local.writeUInt32LE(d.length, 22); local.writeUInt16LE(n.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0); dir.writeUInt16LE(20, 4); dir.writeUInt16LE(20, 6); dir.writeUInt16LE(0x800, 8);
    dir.writeUInt32LE(crc, 16); dir.writeUInt32LE(d.length, 20); dir.writeUInt32LE(d.length, 24); dir.writeUInt16LE(n.length, 28); dir.writeUInt32LE(offset, 42);
    locals.push(local, n, d);
    central.push(dir, n);
    offset += 30 + n.length + d.length;
  }
  const size = central.reduce((s, b) => s + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length ?? entries.size, 8); end.writeUInt16LE(entries.length ?? entries.size, 10);
  end.writeUInt32LE(size, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...central, end]);
}

/** A PNG that is also an HTML page: a tEXt chunk after IHDR holds `html` (a script, say). */
export async function pngHtmlPolyglot(png, html) {
  const { crc32 } = await import('node:zlib');
  const body = Buffer.concat([Buffer.from('tEXt'), Buffer.from('Comment\0'), Buffer.from(html)]);
  const chunk = Buffer.alloc(body.length + 8);
  chunk.writeUInt32BE(body.length - 4, 0);
  body.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(body) >>> 0, body.length + 4);
  return Buffer.concat([png.subarray(0, 33), chunk, png.subarray(33)]);
}

/**
 * Opens the toolbar's menu ("⋯", More commands) unless it is open: on phones it holds all but
 * the title and "Add photos"; on wide screens sorting, the shortcuts and the language.
 */
export async function openMenu(page) {
  const more = page.locator('.more-button');
  if ((await more.getAttribute('aria-expanded')) !== 'true') await more.click();
}

/**
 * Gives the stored board sound as the editor stores it — document fields (`Frame.narration`,
 * `Board.audio`, `Board.music`) and `audio` store records — then reloads, so the page opens a
 * saved board with sound: for the playback tests and the animatic bench, which need boards with
 * many clips at exact lengths. `clips`: `[{ frame, seconds, freq, id? }]` (WAVs of one tone from
 * [`wavTones`]; clips with the same `id` share one file); `music`: `{ seconds, freq, looped? }`
 * or null; `durations`: `{ frameIndex: seconds }` typed by hand; `missing`: ids whose audio is
 * not stored (a board moved without its sound).
 */
export async function storeSound(page, { clips = [], music = null, durations = {}, missing = [] }) {
  const wav = (p) => wavTones([{ seconds: p.seconds, freq: p.freq }]).toString('base64');
  const files = [];
  const narrations = clips.map((c, i) => {
    const id = c.id ?? `clip-${i}-${c.freq}`;
    if (!files.some((f) => f.id === id)) files.push({ id, seconds: c.seconds, name: `voice-${files.length + 1}.wav`, base64: wav(c) });
    return { frame: c.frame, id, seconds: c.seconds };
  });
  const bed = music && { ...music, id: `music-${music.freq}`, name: 'music.wav', base64: wav(music) };
  await page.evaluate(async ({ files, narrations, bed, durations, missing }) => {
    const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const meta = (f) => ({ id: f.id, name: f.name, mime: 'audio/wav', bytes: bytes(f.base64).length, seconds: f.seconds, peaks: Array(120).fill(128) });
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('flowboard');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const ask = (q) => new Promise((resolve, reject) => { q.onsuccess = () => resolve(q.result); q.onerror = () => reject(q.error); });
    const read = db.transaction('boards').objectStore('boards');
    const [key] = await ask(read.getAllKeys());
    const doc = JSON.parse(await ask(read.get(key)));
    const frames = doc.board.scenes.flatMap((s) => s.frames);
    doc.board.audio = {};
    for (const f of files) doc.board.audio[f.id] = meta(f);
    for (const n of narrations) frames[n.frame].narration = { audio: n.id, length: n.seconds, start: 0, end: n.seconds };
    for (const [k, d] of Object.entries(durations)) frames[k].duration = d;
    if (bed) {
      doc.board.audio[bed.id] = meta(bed);
      doc.board.music = { audio: bed.id, length: bed.seconds, volume_db: 0, fade_in: 0, fade_out: 0, duck_db: -12, looped: bed.looped ?? true };
    }
    const tx = db.transaction(['boards', 'audio'], 'readwrite');
    tx.objectStore('boards').put(JSON.stringify(doc), key);
    for (const f of [...files, ...(bed ? [bed] : [])]) {
      if (!missing.includes(f.id)) tx.objectStore('audio').put({ blob: new Blob([bytes(f.base64)], { type: 'audio/wav' }), mime: 'audio/wav', name: f.name }, f.id);
    }
    await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
    db.close();
  }, { files, narrations, bed, durations, missing });
  await page.reload();
  await waitUntilOpen(page);
}

/** The records of IndexedDB's audio store: { key, size, type, mime, name }. */
export const storedAudio = (page) => page.evaluate(() => new Promise((resolve, reject) => {
  const open = indexedDB.open('flowboard');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const store = open.result.transaction('audio').objectStore('audio');
    const keys = store.getAllKeys();
    const values = store.getAll();
    values.onsuccess = () => {
      resolve(keys.result.map((key, i) => ({ key, size: values.result[i].blob.size, type: values.result[i].blob.type, mime: values.result[i].mime, name: values.result[i].name })));
      open.result.close();
    };
    values.onerror = () => reject(values.error);
  };
}));

/**
 * Restores the backup at `file` in a fresh browser context, as a person on another machine does
 * (Boards → Backup file to restore), waits for the library to say `restored` (text or RegExp) and
 * opens the board titled `title`; the fresh page.
 */
export async function restoreInFreshBrowser(browser, url, file, restored, title) {
  const fresh = await openEditor(browser, url);
  await fresh.getByRole('button', { name: 'Boards', exact: true }).click();
  const library = fresh.getByRole('dialog', { name: 'Your storyboards' });
  await library.getByLabel('Backup file to restore').setInputFiles(file);
  await library.getByText(restored).waitFor({ timeout: 60_000 });
  await library.getByRole('button', { name: `Open ${title}` }).click();
  return fresh;
}

/**
 * The crop `e` (0–1, already eased) of the way through a camera move from crop `a` to crop `b`
 * ([x, y, w, h], fractions of the photo), as the issue asks a move to go: each axis keeps the point
 * both crops put at the same place still and changes size geometrically. Written here from the
 * issue's description, to check the app and the film against.
 */
export function moveCrop(a, b, e) {
  const along = (x0, w0, x1, w1) => {
    const r = w1 / w0;
    if (Math.abs(r - 1) < 1e-9) return [x0 + (x1 - x0) * e, w0 + (w1 - w0) * e];
    const s = r ** e;
    const p = (x1 - r * x0) / (1 - r);
    return [p + s * (x0 - p), w0 * s];
  };
  const [x, w] = along(a[0], a[2], b[0], b[2]);
  const [y, h] = along(a[1], a[3], b[1], b[3]);
  return [x, y, w, h];
}
