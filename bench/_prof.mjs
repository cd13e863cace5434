import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, openEditor, makePhoto, waitForFrames, tempDir } from '../tests/e2e/support.mjs';
const FRAMES = 500;
const server = await serveDist({ maxSeconds: 600 });
const browser = await launch();
const dir = tempDir();
try {
  const page = await openEditor(browser, server.url);
  const photo = await makePhoto(page, { width: 160, height: 90, label: '#' });
  const files = Array.from({ length: FRAMES }, (_, i) => { const p = path.join(dir, `f${String(i).padStart(4, '0')}.jpg`); fs.writeFileSync(p, photo); return p; });
  await page.locator('#photo-input').setInputFiles(files);
  await waitForFrames(page, FRAMES, 300_000);
  await page.waitForTimeout(3000);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const samples = await page.evaluate(async (rounds) => {
    const card = () => document.querySelector('.frame-card.focused') ?? document.querySelectorAll('.frame-card')[250];
    card().focus(); const out = [];
    for (let r = 0; r < rounds; r++) {
      const el = card(); const before = el.getAttribute('aria-label'); const t = performance.now();
      el.dispatchEvent(new KeyboardEvent('keydown', { key: r % 2 ? 'ArrowLeft' : 'ArrowRight', altKey: true, bubbles: true, cancelable: true }));
      while (card().getAttribute('aria-label') === before) await new Promise((ok) => setTimeout(ok, 0));
      out.push(performance.now() - t);
      await new Promise((ok) => setTimeout(ok, 50));
    }
    return out;
  }, 30);
  const { profile } = await cdp.send('Profiler.stop');
  samples.sort((a, b) => a - b); console.log('median', samples[15].toFixed(1));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map(); const dt = profile.timeDeltas; 
  profile.samples.forEach((id, i) => { const n = byId.get(id); const k = n.callFrame.functionName || n.callFrame.url.split('/').pop() || '(anon)'; self.set(k, (self.get(k) || 0) + (dt[i] || 0)); });
  const tot = [...self.values()].reduce((a, b) => a + b, 0);
  [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 45).forEach(([k, v]) => console.log((v / 1000).toFixed(1).padStart(8), (100 * v / tot).toFixed(1).padStart(5) + '%', k.slice(0, 150)));
} finally { await browser.close(); await server.close(); fs.rmSync(dir, { recursive: true, force: true }); }
