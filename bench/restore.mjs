// Times restoring a backup of 20 photos (1600 × 1200 JPEGs) into a fresh browser profile, from
// the *Restore backup…* pick until "Backup restored" shows. Compares two builds in one run:
//   node bench/restore.mjs                      dist/ only
//   BASE_DIST=/tmp/dist-old node bench/restore.mjs   dist/ against an older build
// (build an older commit with `bash scripts/build.sh --dist /tmp/dist-old` from a checkout of it).
import { launch, openEditor, writePhotos, waitForFrames, waitUntilSaved, tempDir, download, DIST } from '../tests/e2e/support.mjs';
import { createServer } from '../scripts/static-server.mjs';
import fs from 'node:fs';

const ROUNDS = 2;
const dir = tempDir();
const servers = [];
async function serve(name, root) {
  const server = createServer({ dir: root, base: '/' });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return { name, url: `http://127.0.0.1:${server.address().port}/` };
}
const builds = [await serve('this build', DIST)];
if (process.env.BASE_DIST) builds.unshift(await serve('base build', process.env.BASE_DIST));
const browser = await launch();
try {
  const page = await openEditor(browser, builds.at(-1).url);
  await page.locator('#photo-input').setInputFiles(await writePhotos(page, dir, 20, { width: 1600, height: 1200 }));
  await waitForFrames(page, 20);
  await waitUntilSaved(page);
  await page.getByRole('button', { name: 'Boards', exact: true }).click();
  const library = page.getByRole('dialog', { name: 'Your storyboards' });
  const backup = await download(page, dir, () => library.getByRole('button', { name: 'Download backup' }).click());
  await page.context().close();
  for (let round = 1; round <= ROUNDS; round++) {
    for (const build of builds) {
      const fresh = await openEditor(browser, build.url);
      await fresh.getByRole('button', { name: 'Boards', exact: true }).click();
      const d = fresh.getByRole('dialog', { name: 'Your storyboards' });
      const t0 = performance.now();
      await d.getByLabel('Backup file to restore').setInputFiles(backup.path);
      await d.getByText(/Backup restored/).waitFor({ timeout: 120_000 });
      console.log(`round ${round}, ${build.name}: ${Math.round(performance.now() - t0)} ms`);
      await fresh.context().close();
    }
  }
} finally {
  await browser.close();
  for (const s of servers) s.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
