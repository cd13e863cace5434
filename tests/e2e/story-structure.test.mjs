// Story structure: a three-scene board with shot fields, frames moved across scenes by
// keyboard and mouse, multi-selection, undo/redo, the shortcut overlay, and presenting the
// board to the end (with the animatic).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useHarness, openEditor, screenshot, writePhotos, framesOnScreen, waitForFrames } from './support.mjs';

const h = useHarness();

/** Frame labels per scene: [['1.1 a.jpg', …], …]. */
async function layout(page) {
  return page.$$eval('.scene', (scenes) => scenes.map((s) => [...s.querySelectorAll('li.frame-card')].map((li) =>
    li.getAttribute('aria-label').replace(/^Frame /, '').replace(/: .*?(\w+)\.jpg$/, ' $1').replace(/: (.*)$/, ' $1'))));
}

test('a three-scene board with fields, moves across scenes, undo/redo, shortcuts and presentation', async () => {
  const page = await openEditor(h.browser, h.server.url);
  const files = await writePhotos(page, h.dir, 6, { prefix: 's', separator: '', label: (i) => `S${i}`, width: 960, height: 540 });
  await page.locator('#photo-input').setInputFiles(files);
  await waitForFrames(page, 6);
  assert.deepEqual((await framesOnScreen(page)).map((f) => f.number), ['1', '2', '3', '4', '5', '6'], 'one scene: plain numbers');

  // Three scenes, named: grouping (no capture times) starts scene 2 at the selected frame.
  await page.locator('.scene-frames > li.frame-card').nth(5).click();
  await page.getByRole('button', { name: '+ Group into scenes' }).click();
  await page.getByRole('button', { name: '+ Add scene' }).click();
  await page.getByLabel('Title of scene 1').fill('Arrival');
  await page.getByLabel('Title of scene 2').fill('厨房 Kitchen');
  await page.getByLabel('Title of scene 3').fill('Goodbye');
  assert.deepEqual(await layout(page), [['1.1 s1', '1.2 s2', '1.3 s3', '1.4 s4', '1.5 s5'], ['2.1 s6'], []]);

  // Keyboard: the frame to the previous scene (Alt+↑) and back (Alt+↓), then one gap on (Alt+→).
  const card = (label) => page.locator(`li.frame-card[aria-label^="Frame ${label}:"]`);
  await card('2.1').focus();
  await page.keyboard.press('Alt+ArrowUp');
  assert.deepEqual(await layout(page), [['1.1 s1', '1.2 s2', '1.3 s3', '1.4 s4', '1.5 s5', '1.6 s6'], [], []]);
  await page.keyboard.press('Alt+ArrowDown');
  assert.deepEqual(await layout(page), [['1.1 s1', '1.2 s2', '1.3 s3', '1.4 s4', '1.5 s5'], ['2.1 s6'], []]);
  await page.keyboard.press('Alt+ArrowRight');
  assert.deepEqual(await layout(page), [['1.1 s1', '1.2 s2', '1.3 s3', '1.4 s4', '1.5 s5'], [], ['3.1 s6']], 'an empty scene is a gap too');
  assert.match(await page.locator('[aria-live=polite][role=status]').innerText(), /Frame 2\.1 moved to position 3\.1/);

  // Mouse: drag frame 1.5 into the empty scene 2.
  const from = await card('1.5').locator('.frame-media').boundingBox();
  const target = await page.locator('.scene').nth(1).locator('.scene-empty').boundingBox();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 10 });
  assert.equal(await page.locator('.scene-empty.drop-target').count(), 1, 'the empty scene shows it will take the frame');
  await page.mouse.up();
  assert.deepEqual(await layout(page), [['1.1 s1', '1.2 s2', '1.3 s3', '1.4 s4'], ['2.1 s5'], ['3.1 s6']]);

  // Fields in the inspector; the card shows the visible ones compactly.
  await card('1.1').click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await inspector.getByLabel('Shot type', { exact: true }).fill('Close-up');
  await inspector.getByLabel('Camera movement', { exact: true }).fill('Pan');
  await inspector.getByLabel('Duration in seconds', { exact: true }).fill('0.5');
  await inspector.getByLabel('Duration in seconds', { exact: true }).press('Tab');
  await inspector.getByLabel('Dialogue / voice-over', { exact: true }).fill('我们到了。');
  await inspector.getByLabel('Notes', { exact: true }).fill('Handheld feel, dusk');
  assert.equal(await card('1.1').locator('.frame-details').innerText(), 'CU · Pan · 0:00.5');

  // Undo the notes, then the dialogue; redo both.
  await card('1.1').focus();
  await page.keyboard.press('Control+z');
  assert.equal(await inspector.getByLabel('Notes', { exact: true }).inputValue(), '');
  await page.keyboard.press('Control+z');
  assert.equal(await inspector.getByLabel('Dialogue / voice-over', { exact: true }).inputValue(), '');
  await page.keyboard.press('Control+Shift+z');
  await page.keyboard.press('Control+y');
  assert.equal(await inspector.getByLabel('Notes', { exact: true }).inputValue(), 'Handheld feel, dusk');
  // Hide the movement field on cards for this board.
  await inspector.locator('summary', { hasText: 'Board details' }).click();
  await inspector.getByLabel('Show camera movement on cards').uncheck();
  assert.equal(await card('1.1').locator('.frame-details').innerText(), 'CU · 0:00.5');
  await inspector.getByLabel('Show camera movement on cards').check();

  // Multi-selection: Shift+click a range, duplicate it (Ctrl+D), then delete the copies.
  await card('1.2').click();
  await card('1.3').click({ modifiers: ['Shift'] });
  assert.match(await inspector.locator('.selection-panel h2').innerText(), /2 frames selected/);
  await page.keyboard.press('Control+d');
  assert.deepEqual((await layout(page))[0], ['1.1 s1', '1.2 s2', '1.3 s2', '1.4 s3', '1.5 s3', '1.6 s4']);
  await page.keyboard.press('Delete');
  assert.deepEqual(await layout(page), [['1.1 s1', '1.2 s2', '1.3 s3', '1.4 s4'], ['2.1 s5'], ['3.1 s6']]);
  // Ctrl+click adds a frame from another scene; "To next scene" moves both, as a block, to the
  // start of the scene after the first one's.
  await card('1.4').click();
  await card('3.1').click({ modifiers: ['Control'] });
  await inspector.getByRole('button', { name: 'To next scene' }).click();
  assert.deepEqual(await layout(page), [['1.1 s1', '1.2 s2', '1.3 s3'], ['2.1 s4', '2.2 s6', '2.3 s5'], []]);
  await page.keyboard.press('Control+z');
  assert.deepEqual(await layout(page), [['1.1 s1', '1.2 s2', '1.3 s3', '1.4 s4'], ['2.1 s5'], ['3.1 s6']]);

  // Scenes: fold one (not an undo step), move one, delete one with its frames and undo it.
  await page.getByRole('button', { name: 'Fold scene 3' }).click();
  assert.equal(await page.locator('.scene').nth(2).locator('li.frame-card').count(), 0);
  await page.getByRole('button', { name: 'Unfold scene 3' }).click();
  await page.getByRole('button', { name: 'Delete scene 2 and its frames' }).click();
  assert.deepEqual(await layout(page), [['1.1 s1', '1.2 s2', '1.3 s3', '1.4 s4'], ['2.1 s6']]);
  await page.getByRole('button', { name: /^Undo: Delete scene/ }).click();
  assert.deepEqual(await layout(page), [['1.1 s1', '1.2 s2', '1.3 s3', '1.4 s4'], ['2.1 s5'], ['3.1 s6']]);
  assert.equal(await page.getByLabel('Title of scene 2').inputValue(), '厨房 Kitchen');
  await screenshot(page, 'three-scenes');

  // The shortcut overlay.
  await card('1.1').focus();
  await page.keyboard.press('?');
  const overlay = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await overlay.waitFor();
  assert.match(await overlay.innerText(), /Move the selected frames to the previous \/ next scene/);
  await screenshot(page, 'shortcuts');
  await page.keyboard.press('Escape');
  await overlay.waitFor({ state: 'detached' });

  // Present from frame 1.1: the animatic plays 1.1 for 0.5 s, then moves on.
  await card('1.1').focus();
  await page.keyboard.press('p');
  const show = page.getByRole('dialog', { name: 'Presentation' });
  await show.waitFor();
  assert.match(await show.locator('.present-number').innerText(), /^1\.1 · 1 \/ 6$/);
  assert.equal(await show.locator('.present-text').count(), 1);
  assert.match(await show.locator('.present-dialogue').innerText(), /我们到了/);
  assert.equal(await show.locator('.timeline-segment').count(), 6);
  assert.equal(await show.locator('.present-time').innerText(), '0:00 / 0:15.5', '0.5 s + five frames at the default 3 s');
  await show.getByRole('button', { name: 'Play animatic' }).click();
  await page.waitForFunction(() => document.querySelector('.present-number')?.textContent.startsWith('1.2'), null, { timeout: 3000 });
  await show.getByRole('button', { name: 'Pause' }).click();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press(' ');
  assert.match(await show.locator('.present-number').innerText(), /^1\.4 · 4 \/ 6$/);
  await page.keyboard.press('End');
  assert.match(await show.locator('.present-number').innerText(), /^3\.1 · 6 \/ 6$/);
  await page.keyboard.press('ArrowRight');
  assert.match(await show.locator('.present-number').innerText(), /6 \/ 6/, 'stays on the last frame');
  await screenshot(page, 'presentation');
  await page.keyboard.press('Escape');
  await show.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.querySelector('.frame-card.focused')?.getAttribute('aria-label')), 'Frame 3.1: s6.jpg', 'back on the frame that was shown');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('presentation moves by swipe on a touch screen', async () => {
  const page = await openEditor(h.browser, h.server.url, { hasTouch: true });
  const files = await writePhotos(page, h.dir, 3, { prefix: 't', separator: '', label: (i) => `T${i}`, width: 640, height: 360 });
  await page.locator('#photo-input').setInputFiles(files);
  await waitForFrames(page, 3);
  await page.getByRole('button', { name: 'Present' }).click();
  const show = page.getByRole('dialog', { name: 'Presentation' });
  await show.waitFor();
  const cdp = await page.context().newCDPSession(page);
  const swipe = async (dx) => {
    const y = 300;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: 640, y }] });
    for (let i = 1; i <= 5; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: 640 + dx * i / 5, y }] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  };
  await swipe(-200);
  assert.match(await show.locator('.present-number').innerText(), /2 \/ 3/);
  await swipe(-200);
  await swipe(200);
  assert.match(await show.locator('.present-number').innerText(), /2 \/ 3/);
  await show.getByRole('button', { name: 'Back to the editor (Esc)' }).click();
  await show.waitFor({ state: 'detached' });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
