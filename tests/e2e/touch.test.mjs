// Touch and small screens: a phone (390 px) and a tablet (768 px) with touch emulation; frames
// reordered and a crop moved with real touch events (Chromium's CDP touch input, which the page
// receives as pointer events of type "touch"); no horizontal scrolling, every toolbar control
// reachable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useHarness, writePhotos, waitForFrames, waitUntilOpen, framesOnScreen, cropBox, screenshot, openMenu } from './support.mjs';

const h = useHarness();

/** A finger drag from (x0, y0) to (x1, y1), in steps, through CDP touch events. */
async function swipe(cdp, [x0, y0], [x1, y1], steps = 12) {
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: x0, y: y0 }] });
  for (let i = 1; i <= steps; i++) {
    const x = x0 + ((x1 - x0) * i) / steps;
    const y = y0 + ((y1 - y0) * i) / steps;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y }] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

const centre = (box) => [box.x + box.width / 2, box.y + box.height / 2];

for (const [device, viewport] of [['phone', { width: 390, height: 844 }], ['tablet', { width: 768, height: 1024 }]]) {
  test(`${device} (${viewport.width} px, touch): reorder by the grip, crop by dragging, no sideways scrolling`, async () => {
    const context = await h.browser.newContext({ viewport, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(h.server.url);
    await waitUntilOpen(page);
    await page.locator('#photo-input').setInputFiles(await writePhotos(page, h.dir, 3, { prefix: device, separator: '-' }));
    await waitForFrames(page, 3);
    const order = async () => (await framesOnScreen(page)).map((f) => f.label.replace(/^Frame \d+: /, ''));
    assert.deepEqual(await order(), [`${device}-1.jpg`, `${device}-2.jpg`, `${device}-3.jpg`]);

    // Nothing wider than the screen; every toolbar control can be reached (on a phone, in the
    // toolbar's menu).
    const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling (${overflow} px too wide)`);
    if (!(await page.getByRole('button', { name: 'Export', exact: true }).isVisible())) await openMenu(page);
    for (const name of ['Add photos', 'Export', 'Present', 'Boards']) {
      const box = await page.getByRole('button', { name, exact: true }).boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= viewport.width + 1, `${name} is on screen: ${JSON.stringify(box)}`);
    }
    if ((await page.locator('.more-button').getAttribute('aria-expanded')) === 'true') await page.keyboard.press('Escape');

    const cdp = await context.newCDPSession(page);
    // Crop: tap the crop button, drag the crop box with a finger.
    await page.getByRole('button', { name: 'Crop frame 1' }).tap();
    const box = page.locator('.crop-box');
    await box.waitFor({ timeout: 5000 });
    const before = await cropBox(page);
    const b = await box.boundingBox();
    await swipe(cdp, centre(b), [b.x + b.width / 2, b.y + b.height / 2 + 40]);
    const after = await cropBox(page);
    assert.notDeepEqual(after, before, 'the crop moved by touch');
    await screenshot(page, `touch-${device}-crop`);
    await page.getByRole('button', { name: 'Done', exact: true }).tap();
    await box.waitFor({ state: 'detached' });

    // Reorder: the second frame's grip dragged onto the first frame's left half.
    const cards = page.locator('.scene-frames > li.frame-card');
    await cards.nth(0).scrollIntoViewIfNeeded();
    const grip = await cards.nth(1).locator('.drag-grip').boundingBox();
    assert.ok(grip && grip.width >= 20 && grip.y + grip.height <= viewport.height, `the grip is on screen and large enough for a finger: ${JSON.stringify(grip)}`);
    const first = await cards.nth(0).locator('.frame-media').boundingBox();
    await swipe(cdp, centre(grip), [first.x + 8, first.y + first.height / 2]);
    await page.waitForFunction(() => !document.querySelector('.frame-card.dragging'));
    assert.deepEqual(await order(), [`${device}-2.jpg`, `${device}-1.jpg`, `${device}-3.jpg`], 'the frame moved by touch');
    await screenshot(page, `touch-${device}`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}
