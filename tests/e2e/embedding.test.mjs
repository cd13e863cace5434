// Embedding: the sample host page of docs/embedding.md drives the editor in an <iframe> through
// postMessage (load a bundle by URL, get the board, export, change events, hidden toolbar
// parts), shows an exported storyboard read-only with ?view=, and a page of another origin is
// ignored unless the editor was told to allow it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, tempDir, waitForFrames, writePhotos, download, ROOT, DIST } from './support.mjs';
import { createServer } from '../../scripts/static-server.mjs';

let browser, dir, site, servers = [];

async function serve(root) {
  const server = createServer({ dir: root, base: '/' });
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

test('the sample host page loads, reads, exports and watches an embedded editor; ?view= shows a storyboard read-only', async () => {
  const url = await serve(site);
  // An exported storyboard on the same site, made with the editor itself.
  {
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

test('messages from another origin are ignored unless that origin is allowed', async () => {
  const editorUrl = `${await serve(site)}flowboard/`;
  const otherRoot = path.join(dir, 'other');
  fs.mkdirSync(otherRoot, { recursive: true });
  fs.writeFileSync(path.join(otherRoot, 'index.html'), '<!doctype html><title>other</title><iframe id="f" style="width:900px;height:600px"></iframe>');
  const otherUrl = await serve(otherRoot);
  const otherOrigin = new URL(otherUrl).origin;
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(otherUrl);
  const askBoard = (src) => page.evaluate(async ({ src, editorOrigin }) => {
    const frame = document.getElementById('f');
    await new Promise((r) => { frame.onload = r; frame.src = src; });
    // Wait until the editor is up (it answers its own origin's ready check only inside).
    await new Promise((r) => setTimeout(r, 1500));
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve('no answer'), 3000);
      addEventListener('message', (e) => { if (e.data?.type === 'flowboard:board') { clearTimeout(timer); resolve(`answered from ${e.origin}`); } });
      frame.contentWindow.postMessage({ type: 'flowboard:get-board', id: 1 }, editorOrigin);
    });
  }, { src, editorOrigin: new URL(editorUrl).origin });
  assert.equal(await askBoard(editorUrl), 'no answer');
  assert.equal(await askBoard(`${editorUrl}?allow-origin=${encodeURIComponent(otherOrigin)}`), `answered from ${new URL(editorUrl).origin}`);
  await context.close();
});
