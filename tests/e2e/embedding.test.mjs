// Embedding: the sample host page of docs/embedding.md drives the editor in an <iframe> through
// postMessage (load a bundle by URL, get the board, export, change events, hidden toolbar
// parts), shows an exported storyboard read-only with ?view=, and a page of another origin is
// ignored unless the HOST allows it (embed.json beside the editor) — whatever the query says.
// The other origin is another port of 127.0.0.1: the same site, so no storage partitioning hides
// the user's boards from a frame it embeds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, tempDir, waitForFrames, writePhotos, download, ROOT, DIST } from './support.mjs';
import { createServer } from '../../scripts/static-server.mjs';

let browser, dir, site, servers = [];

async function serve(root, { cors = false } = {}) {
  const server = createServer({ dir: root, base: '/' });
  // A host that allows every origin to read its files (as some static hosts do).
  if (cors) server.prependListener('request', (req, res) => res.setHeader('Access-Control-Allow-Origin', '*'));
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return `http://127.0.0.1:${server.address().port}/`;
}

before(async () => {
  browser = await launch();
  dir = tempDir();
  site = path.join(dir, 'site');
  fs.cpSync(DIST, path.join(site, 'flowboard'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'docs/embed-sample.html'), path.join(site, 'index.html'));
  fs.mkdirSync(path.join(site, 'boards'));
});

after(async () => {
  await browser?.close();
  for (const s of servers) { s.closeAllConnections?.(); await new Promise((r) => s.close(r)); }
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** An exported storyboard on the site (boards/family.html), made with the editor itself (once). */
async function makeBundle(url) {
  if (fs.existsSync(path.join(site, 'boards/family.html'))) return;
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${url}flowboard/`);
  await page.locator('.editor[data-access=editing]').waitFor();
  await page.locator('#photo-input').setInputFiles(await writePhotos(page, dir, 2, { prefix: 'family' }));
  await waitForFrames(page, 2);
  await page.locator('.scene-frames > li.frame-card').nth(0).getByRole('textbox', { name: /caption/i }).fill('外婆 Grandma');
  await page.getByRole('textbox', { name: 'Storyboard title', exact: true }).fill('Family');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const html = await download(page, dir, () => page.getByRole('button', { name: 'Download HTML (one file)' }).click());
  fs.copyFileSync(html.path, path.join(site, 'boards/family.html'));
  await context.close();
}

test('the sample host page loads, reads, exports and watches an embedded editor; ?view= shows a storyboard read-only', async () => {
  const url = await serve(site);
  await makeBundle(url);

  const context = await browser.newContext();
  const host = await context.newPage();
  const problems = [];
  host.on('pageerror', (e) => problems.push(e.message));
  await host.goto(url);
  const log = host.locator('#log');
  await log.getByText('ready').waitFor();
  const editor = host.frameLocator('#editor');
  await editor.locator('.editor[data-access=editing]').waitFor();
  assert.equal(await editor.getByRole('button', { name: 'Boards' }).count(), 0, '?hide=library hides the library');
  assert.equal(await editor.getByRole('button', { name: 'Export', exact: true }).count(), 1);

  // Load by URL: a new board in the editor, with the exported captions.
  await host.getByRole('button', { name: 'Load from URL' }).click();
  await log.getByText('loaded').waitFor({ timeout: 60_000 });
  await editor.locator('.filmstrip .frame-card').nth(1).waitFor();
  assert.equal(await editor.locator('.frame-card textarea').first().inputValue(), '外婆 Grandma');
  await host.getByRole('button', { name: 'Get board' }).click();
  await host.locator('#out').getByText('“Family”: 2 frame(s)').waitFor();

  // An edit in the editor reaches the host as an event.
  await editor.locator('.frame-card textarea').nth(1).fill('Uncle');
  await log.getByText(/changed: 2 frame\(s\)/).first().waitFor();

  // Export through the API: the host gets the file itself.
  await host.getByRole('button', { name: 'Export HTML' }).click();
  const link = host.locator('#out a');
  await link.waitFor({ timeout: 60_000 });
  assert.match(await link.innerText(), /^Family\.html \(\d+\.\d MB\)$/);
  await log.getByText('exported Family.html').waitFor();

  // The viewer iframe: the same storyboard, read-only, nothing stored.
  const viewer = host.frameLocator('#viewer');
  await viewer.locator('.editor[data-access=viewing]').waitFor({ timeout: 60_000 });
  await viewer.getByTestId('viewing').waitFor();
  await viewer.locator('.filmstrip .frame-card img').nth(1).waitFor();
  assert.equal(await viewer.locator('.frame-card textarea').first().inputValue(), '外婆 Grandma');
  assert.ok(await viewer.getByRole('button', { name: 'Add photos' }).isDisabled());
  assert.deepEqual(problems, []);
  await context.close();
});

// ── Who may talk to the editor ────────────────────────────────────────────────────────────────

const OTHER_PAGE = `<!doctype html><title>other</title>
<iframe id="f" style="width:1000px;height:700px"></iframe>
<script>
  // Everything any frame posts to this page.
  window.heard = [];
  addEventListener('message', (e) => heard.push({ type: e.data?.type, origin: e.origin, id: e.data?.id, ok: e.data?.ok, error: e.data?.error,
    title: e.data?.board ? JSON.parse(e.data.board).title : e.data?.title, name: e.data?.name, size: e.data?.bundle?.size }));
</script>`;

/** The editor's site and a page of another origin (another port: the same site), in one browser
 * context, with the user's own board stored by the editor: "Private plans". */
async function twoOrigins(t) {
  await makeBundle(await serve(site));
  const siteUrl = await serve(site);
  const editorUrl = `${siteUrl}flowboard/`;
  const editorOrigin = new URL(siteUrl).origin;
  const otherRoot = path.join(dir, 'other');
  fs.mkdirSync(otherRoot, { recursive: true });
  fs.writeFileSync(path.join(otherRoot, 'index.html'), OTHER_PAGE);
  fs.writeFileSync(path.join(site, 'blank.html'), '<!doctype html><title>blank</title>');
  const otherUrl = await serve(otherRoot);
  const otherOrigin = new URL(otherUrl).origin;
  const context = await browser.newContext();
  t.after(() => context.close());
  // The user's own board, saved in the editor's storage.
  const user = await context.newPage();
  await user.goto(editorUrl);
  await user.locator('.editor[data-access=editing]').waitFor();
  await user.getByRole('textbox', { name: 'Storyboard title', exact: true }).fill('Private plans');
  await user.locator('[data-testid=save-status].saved').waitFor({ timeout: 20_000 });
  await user.close(); // lets go of the board, so a frame can edit it
  const storedBoards = async () => {
    const page = await context.newPage();
    await page.goto(`${siteUrl}blank.html`);
    const n = await page.evaluate(() => new Promise((resolve, reject) => {
      const r = indexedDB.open('flowboard');
      r.onerror = () => reject(r.error);
      r.onsuccess = () => {
        const count = r.result.transaction('boards').objectStore('boards').count();
        count.onsuccess = () => { resolve(count.result); r.result.close(); };
      };
    }));
    await page.close();
    return n;
  };
  const other = await context.newPage();
  await other.goto(otherUrl);
  /** Embeds the editor at `src` in the other page, waits until it shows a board, clears what was heard. */
  const embed = async (src) => {
    await other.evaluate(() => { window.heard = []; });
    // Waits for the new page's load: until then the frame still shows the previous editor.
    await other.evaluate((src) => new Promise((resolve) => {
      const f = document.getElementById('f');
      f.onload = () => resolve();
      f.src = src;
    }), src);
    const frame = other.frameLocator('#f');
    await frame.locator('.editor[data-access=editing]').waitFor({ timeout: 30_000 });
    return frame;
  };
  /** Asks for the board, an export and a load (of the site's own storyboard); edits the title. */
  const tryEverything = async (frame, title) => {
    await other.evaluate(({ editorOrigin, bundle }) => {
      const w = document.getElementById('f').contentWindow;
      w.postMessage({ type: 'flowboard:get-board', id: 1 }, editorOrigin);
      w.postMessage({ type: 'flowboard:export', format: 'html', id: 2 }, editorOrigin);
      w.postMessage({ type: 'flowboard:load', url: bundle, id: 3 }, editorOrigin);
    }, { editorOrigin, bundle: `${siteUrl}boards/family.html` });
    await frame.getByRole('textbox', { name: 'Storyboard title', exact: true }).fill(title);
  };
  const heard = () => other.evaluate(() => window.heard);
  return { context, editorUrl, editorOrigin, otherOrigin, other, embed, tryEverything, heard, storedBoards };
}

function writeEmbedJson(value) {
  const file = path.join(site, 'flowboard/embed.json');
  if (value === undefined) fs.rmSync(file, { force: true });
  else fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
}

test('a page of another origin that names itself in ?allow-origin= gets nothing: no board, no export, no load, no events', async (t) => {
  writeEmbedJson(undefined);
  const o = await twoOrigins(t);
  const before = await o.storedBoards();
  const frame = await o.embed(`${o.editorUrl}?allow-origin=${encodeURIComponent(o.otherOrigin)}`);
  await o.tryEverything(frame, 'Changed by the frame');
  // Long enough for a load and an export to be answered (a few seconds each when obeyed).
  await o.other.waitForTimeout(8000);
  assert.deepEqual(await o.heard(), [], 'the editor answers nothing and sends no event to another origin');
  assert.equal(await o.storedBoards(), before, 'nothing was added to the library');
  // A malformed or wrongly shaped embed.json allows nothing either.
  for (const file of ['{ "allow": [', JSON.stringify({ allow: o.otherOrigin }), JSON.stringify([o.otherOrigin])]) {
    writeEmbedJson(file);
    const frame = await o.embed(`${o.editorUrl}?allow-origin=${encodeURIComponent(o.otherOrigin)}`);
    await o.tryEverything(frame, 'Changed again');
    await o.other.waitForTimeout(3000);
    assert.deepEqual(await o.heard(), [], `nothing answered with embed.json ${file}`);
  }
  writeEmbedJson(undefined);
});

test('an origin the host lists in embed.json is obeyed; ?allow-origin= can only narrow that list', async (t) => {
  const o = await twoOrigins(t);
  writeEmbedJson({ allow: [o.otherOrigin] });
  t.after(() => writeEmbedJson(undefined));
  const before = await o.storedBoards();
  const frame = await o.embed(o.editorUrl);
  await o.other.waitForFunction(() => heard.some((m) => m.type === 'flowboard:ready'));
  await o.tryEverything(frame, 'Changed by the workshop');
  await o.other.waitForFunction(() => ['flowboard:board', 'flowboard:exported', 'flowboard:loaded'].every((t) => heard.some((m) => m.type === t)), null, { timeout: 90_000 });
  const heard = await o.heard();
  assert.ok(heard.every((m) => m.origin === o.editorOrigin));
  assert.equal(heard.find((m) => m.type === 'flowboard:board').title, 'Private plans');
  assert.match(heard.find((m) => m.type === 'flowboard:exported').name, /\.html$/);
  assert.ok(heard.find((m) => m.type === 'flowboard:exported').size > 1000);
  assert.equal(heard.find((m) => m.type === 'flowboard:loaded').ok, true);
  assert.ok(heard.some((m) => m.type === 'flowboard:changed' && m.title === 'Changed by the workshop'));
  assert.equal(await o.storedBoards(), before + 1, 'the load added one board');

  // A request the editor does not know is answered with an error, never taken for another one.
  await o.other.evaluate((editorOrigin) => {
    const w = document.getElementById('f').contentWindow;
    w.postMessage({ type: 'flowboard:export', format: 'pdf', id: 4 }, editorOrigin);
    w.postMessage({ type: 'flowboard:delete-everything', id: 5 }, editorOrigin);
  }, o.editorOrigin);
  await o.other.waitForFunction(() => heard.filter((m) => m.type === 'flowboard:error').length === 2, null, { timeout: 10_000 });
  const errors = (await o.heard()).filter((m) => m.type === 'flowboard:error');
  assert.match(errors.find((m) => m.id === 4).error, /unknown export format "pdf"/);
  assert.match(errors.find((m) => m.id === 5).error, /unknown request type "flowboard:delete-everything"/);
  assert.equal((await o.heard()).filter((m) => m.type === 'flowboard:exported').length, 1, 'no second export was started');
  assert.equal(await o.storedBoards(), before + 1, 'nothing else was added');

  // The query may name the listed origin (no change) …
  await o.embed(`${o.editorUrl}?allow-origin=${encodeURIComponent(o.otherOrigin)}`);
  await o.other.waitForFunction(() => heard.some((m) => m.type === 'flowboard:ready'));
  // … or narrow the list to another origin, which shuts this one out.
  const narrowed = await o.embed(`${o.editorUrl}?allow-origin=${encodeURIComponent('https://workshop.example')}`);
  await o.other.evaluate((editorOrigin) => document.getElementById('f').contentWindow.postMessage({ type: 'flowboard:get-board', id: 9 }, editorOrigin), o.editorOrigin);
  await narrowed.getByRole('textbox', { name: 'Storyboard title', exact: true }).fill('Narrowed');
  await o.other.waitForTimeout(3000);
  assert.deepEqual(await o.heard(), []);
});

test('with "ask": true in embed.json the person is asked, once per visit, before an allowed origin is answered', async (t) => {
  const o = await twoOrigins(t);
  writeEmbedJson({ allow: [o.otherOrigin], ask: true });
  t.after(() => writeEmbedJson(undefined));
  const getBoard = () => o.other.evaluate((editorOrigin) => document.getElementById('f').contentWindow.postMessage({ type: 'flowboard:get-board', id: 7 }, editorOrigin), o.editorOrigin);
  // Refused: nothing is answered, no event is heard, and the question is not asked again.
  let frame = await o.embed(o.editorUrl);
  const question = frame.getByTestId('embed-consent');
  await question.waitFor();
  assert.ok((await question.innerText()).includes(`Allow ${o.otherOrigin} to read and change this board?`));
  // The safe answer has the focus; "Allow" cannot be clicked in the first moment (a page laid
  // over the frame could trick a quick click into it).
  assert.equal(await frame.locator(':focus').innerText(), "Don't allow");
  assert.equal(await question.getByRole('button', { name: 'Allow', exact: true }).isDisabled(), true);
  await getBoard();
  await o.other.waitForTimeout(1500);
  assert.deepEqual(await o.heard(), [], 'nothing before the person answers');
  await question.getByRole('button', { name: "Don't allow" }).click();
  await frame.getByRole('textbox', { name: 'Storyboard title', exact: true }).fill('Not for you');
  await getBoard();
  await o.other.waitForTimeout(2500);
  assert.deepEqual(await o.heard(), []);
  assert.equal(await question.count(), 0);
  // Allowed: the waiting request is answered, ready and change events follow.
  frame = await o.embed(o.editorUrl);
  await getBoard();
  await frame.getByTestId('embed-consent').getByRole('button', { name: 'Allow', exact: true }).click();
  await o.other.waitForFunction(() => ['flowboard:ready', 'flowboard:board'].every((t) => heard.some((m) => m.type === t)));
  await frame.getByRole('textbox', { name: 'Storyboard title', exact: true }).fill('Shared with the workshop');
  await o.other.waitForFunction(() => heard.some((m) => m.type === 'flowboard:changed' && m.title === 'Shared with the workshop'));
  await getBoard();
  await o.other.waitForFunction(() => heard.filter((m) => m.type === 'flowboard:board').length === 2);
  assert.equal(await frame.getByTestId('embed-consent').count(), 0, 'asked once');
});

test('under the service worker, embed.json comes from the network; offline the last one seen, and a removed one stays removed', async (t) => {
  const o = await twoOrigins(t);
  writeEmbedJson({ allow: [o.otherOrigin] });
  t.after(() => writeEmbedJson(undefined));
  const answered = async () => {
    await o.embed(o.editorUrl);
    return o.other.evaluate((editorOrigin) => new Promise((resolve) => {
      addEventListener('message', (e) => { if (e.data?.type === 'flowboard:board') resolve(true); });
      document.getElementById('f').contentWindow.postMessage({ type: 'flowboard:get-board', id: 5 }, editorOrigin);
      setTimeout(() => resolve(false), 4000);
    }), o.editorOrigin);
  };
  assert.equal(await answered(), true);
  // The first visit installed the service worker; from now on it answers the frame's requests.
  const frame = () => o.other.frames().find((f) => f.url().startsWith(o.editorUrl));
  await frame().evaluate(() => navigator.serviceWorker.ready.then(() => null));
  assert.equal(await answered(), true);
  assert.equal(await frame().evaluate(() => Boolean(navigator.serviceWorker.controller)), true, 'the frame is under the service worker');
  await o.context.setOffline(true);
  assert.equal(await answered(), true, 'offline: the cached embed.json');
  await o.context.setOffline(false);
  writeEmbedJson(undefined);
  assert.equal(await answered(), false, 'online: the host removed it');
  await o.context.setOffline(true);
  assert.equal(await answered(), false, 'offline: the removed permission is not brought back');
  await o.context.setOffline(false);
});

test('"*" and "null" are never origins: no event reaches a page of another origin, a sandboxed page is not answered', async (t) => {
  const o = await twoOrigins(t);
  t.after(() => writeEmbedJson(undefined));
  // ?allow-origin=* (and the like) in the query, with nothing in embed.json.
  writeEmbedJson(undefined);
  for (const query of ['*', 'null', `${o.otherOrigin}/`, `${o.otherOrigin}/page`, o.otherOrigin.toUpperCase()]) {
    const frame = await o.embed(`${o.editorUrl}?allow-origin=${encodeURIComponent(query)}`);
    await frame.getByRole('textbox', { name: 'Storyboard title', exact: true }).fill(`Secret ${query}`);
    await o.other.waitForTimeout(2500);
    assert.deepEqual(await o.heard(), [], `?allow-origin=${query} delivers nothing to another origin`);
  }
  // The same in embed.json, even with the query asking for them.
  writeEmbedJson({ allow: ['*', 'null', `${o.otherOrigin}/`] });
  for (const src of [o.editorUrl, `${o.editorUrl}?allow-origin=*`]) {
    const frame = await o.embed(src);
    await o.tryEverything(frame, 'Secret again');
    await o.other.waitForTimeout(3000);
    assert.deepEqual(await o.heard(), [], `embed.json with "*" and "null" delivers nothing (${src})`);
  }
  // A sandboxed page (origin "null") beside an editor embedded with ?allow-origin=null and an
  // embed.json listing "null": it asks for the board and is not answered.
  writeEmbedJson({ allow: ['null'] });
  await o.embed(`${o.editorUrl}?allow-origin=null`);
  const answer = await o.other.evaluate((editorOrigin) => new Promise((resolve) => {
    const sandbox = document.createElement('iframe');
    sandbox.sandbox = 'allow-scripts';
    sandbox.srcdoc = `<script>
      addEventListener('message', (e) => parent.postMessage({ type: 'relay', inner: e.data?.type }, '*'));
      parent.frames[0].postMessage({ type: 'flowboard:get-board', id: 1 }, '${editorOrigin}');
      parent.postMessage({ type: 'asked' }, '*');
    <\/script>`;
    addEventListener('message', (e) => { if (e.data?.type === 'relay') resolve(`answered: ${e.data.inner}`); });
    addEventListener('message', (e) => { if (e.data?.type === 'asked') setTimeout(() => resolve('no answer'), 4000); });
    document.body.append(sandbox);
  }), o.editorOrigin);
  assert.equal(answer, 'no answer');
});

test('an editor in a frame sandboxed without allow-same-origin says why it cannot run, in the page\'s language, instead of loading forever', async () => {
  fs.writeFileSync(path.join(site, 'sandboxed.html'), '<!doctype html><title>sandboxed</title><iframe id="f" sandbox="allow-scripts" style="width:900px;height:600px"></iframe>');
  // A host that sends no CORS headers (the app's code cannot load in the frame) and one that does.
  for (const cors of [false, true]) {
    const url = await serve(site, { cors });
    for (const [locale, query, words] of [['en-US', '', 'Flowboard cannot run in this frame'], ['zh-CN', '', 'Flowboard 无法在此框架中运行'], ['en-US', '&lang=zh', 'Flowboard 无法在此框架中运行']]) {
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      await page.goto(`${url}sandboxed.html`);
      await page.evaluate((src) => { document.getElementById('f').src = src; }, `flowboard/?allow-origin=null${query}`);
      const frame = page.frameLocator('#f');
      await frame.locator('[data-testid=cannot-start], .editor:not([data-access=opening])').first().waitFor({ timeout: 8000 });
      const text = await frame.locator('#app').innerText();
      assert.ok(text.includes(words), `${cors ? 'CORS host' : 'plain host'}, ${locale}${query}: ${text}`);
      assert.ok(text.includes('allow-same-origin'));
      assert.equal(await frame.getByText('Loading Flowboard…').count(), 0, 'the boot line is gone');
      await page.waitForTimeout(1500);
      assert.ok((await frame.locator('#app').innerText()).includes(words), 'and stays');
      await context.close();
    }
  }
});

test('?view= of a file of the site that is not a storyboard ends "opening" and says so in viewer words', async () => {
  const url = await serve(site);
  const context = await browser.newContext();
  const page = await context.newPage();
  for (const [file, words] of [['sw.js', /not a Flowboard storyboard/], ['missing.html', /404/]]) {
    await page.goto(`${url}flowboard/?view=${file}`);
    await page.locator('.editor[data-access=viewing]').waitFor({ timeout: 20_000 });
    const notice = page.getByTestId('restore-notice');
    await notice.waitFor();
    const text = await notice.innerText();
    assert.match(text, /This storyboard cannot be shown/);
    assert.match(text, words);
    assert.ok(text.includes(`“${file}”`), text);
    assert.doesNotMatch(text, /unchanged|could not be restored/, text);
    assert.equal(await page.getByText('Opening your storyboard…').count(), 0);
    assert.equal(await page.getByRole('progressbar').count(), 0);
  }
  await context.close();
});
