// Static hosting under a nested path and offline use: dist/ copied as plain files under
// /a/b/flowboard/, loaded once, then the network goes away: reload, edit, add a photo, export.
// Back online, a new version of the page is fetched whole during a load and taken on the next.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  launch, tempDir, framesOnScreen, waitForFrames, waitUntilOpen, waitUntilSaved, writePhotos, download, ROOT, DIST,
} from './support.mjs';
import { createServer } from '../../scripts/static-server.mjs';

let browser, dir, site, server, url;

before(async () => {
  browser = await launch();
  dir = tempDir();
  // A copy of dist/, so the test can publish a "new version" without touching the build.
  site = path.join(dir, 'site');
  fs.cpSync(DIST, site, { recursive: true });
  server = createServer({ dir: site, base: '/a/b/flowboard/' });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${server.address().port}/a/b/flowboard/`;
});

after(async () => {
  await browser?.close();
  server?.closeAllConnections?.();
  await new Promise((r) => (server ? server.close(r) : r()));
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('after one visit under a nested path, the editor loads, edits, imports and exports offline', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(url);
  await waitUntilOpen(page);
  // Installable: the manifest is found relative to the page.
  const manifest = await page.evaluate(async () => {
    const link = document.querySelector('link[rel=manifest]');
    return (await fetch(link.href)).json();
  });
  assert.equal(manifest.start_url, './');
  assert.equal(manifest.display, 'standalone');
  // The service worker controls the page once it has cached the app.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  const files = await writePhotos(page, dir, 3, { prefix: 'offline' });
  await page.locator('#photo-input').setInputFiles(files.slice(0, 2));
  await waitForFrames(page, 2);
  await page.locator('.scene-frames > li.frame-card').nth(0).getByRole('textbox', { name: /caption/i }).fill('离线 offline');
  await page.locator('.scene-frames > li.frame-card').nth(0).getByRole('textbox', { name: /caption/i }).blur();
  await waitUntilSaved(page);

  await context.setOffline(true);
  assert.equal(await page.evaluate(() => fetch('https://example.com/').then(() => 'online', () => 'offline')), 'offline');
  await page.reload();
  await waitUntilOpen(page);
  assert.equal(await page.locator('.editor').getAttribute('data-access'), 'editing');
  await waitForFrames(page, 2);
  assert.equal((await framesOnScreen(page))[0].caption, '离线 offline');
  // A new photo: the image worker comes from the cache too.
  await page.locator('#photo-input').setInputFiles(files[2]);
  await waitForFrames(page, 3);
  await waitUntilSaved(page);
  // And an export.
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const html = await download(page, dir, () => page.getByRole('dialog', { name: 'Export storyboard' }).getByRole('button', { name: 'Download HTML (one file)' }).click());
  assert.equal([...html.bytes.toString('utf8').matchAll(/src="data:image\/jpeg;base64,/g)].length, 3);
  assert.deepEqual(problems, []);

  // Back online, a new version is published: the next load still starts the one cached at once
  // (no round trip first), fetches the new one whole meanwhile, and the load after shows it, with
  // the board intact.
  await context.setOffline(false);
  const index = path.join(site, 'index.html');
  fs.writeFileSync(index, fs.readFileSync(index, 'utf8').replace('<title>', '<meta name="flowboard-build" content="next">\n  <title>'));
  await page.reload();
  await waitUntilOpen(page);
  assert.equal(await page.locator('meta[name=flowboard-build]').count(), 0, 'the cached version starts first');
  await page.waitForFunction(async () => {
    const cached = await (await caches.open('flowboard-v2')).match('./');
    return cached && (await cached.text()).includes('flowboard-build');
  }, null, { timeout: 20_000 });
  await page.reload();
  await waitUntilOpen(page);
  assert.equal(await page.locator('meta[name=flowboard-build]').getAttribute('content'), 'next');
  await waitForFrames(page, 3);
  await context.close();
});
