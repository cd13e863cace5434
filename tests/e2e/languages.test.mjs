// Chinese and English: the language comes from the browser, can be switched and is remembered;
// every part a workshop participant meets speaks it — first screen, frames, inspector, errors,
// undo, exports (viewer page and shot list) — and Chinese text renders with system fonts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { useHarness, openEditor, screenshot, framesOnScreen, waitForFrames, writePhotos, download, audit, openMenu } from './support.mjs';

const h = useHarness();

/** Every visible text of the page, for "no English left" checks. */
const visibleText = (page) => page.locator('body').innerText();

/** Words of the English interface that must not appear once it speaks Chinese. */
const ENGLISH = /\b(Add photos|Export|Present|Undo|Redo|Aspect|Frame \d|Caption|Shot type|Board details|Drop photos|Choose photos|Saved|frames?)\b/;

test('a Chinese browser gets the Chinese interface everywhere, errors and undo included', async () => {
  const page = await openEditor(h.browser, h.server.url, { locale: 'zh-CN' });
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-Hans');
  assert.equal(await page.title(), 'Flowboard — 照片故事板');
  const empty = page.locator('.empty-state');
  assert.match(await empty.innerText(), /开始你的故事板/);
  assert.ok(await page.getByRole('button', { name: '选择照片', exact: true }).isVisible());
  assert.doesNotMatch(await visibleText(page), ENGLISH);
  // CJK renders with a system font: the heading's glyphs have real width (no empty boxes are
  // drawn as zero-width), and no font file was requested.
  const width = await empty.locator('h2').evaluate((el) => el.getBoundingClientRect().width);
  assert.ok(width > 100, `heading width ${width}`);

  const photos = await writePhotos(page, h.dir, 2, { prefix: '奶奶' });
  const notAPhoto = path.join(h.dir, '笔记.jpg');
  fs.writeFileSync(notAPhoto, '这不是照片，只是文字。');
  await page.locator('#photo-input').setInputFiles([...photos, notAPhoto]);
  await waitForFrames(page, 2);
  const frames = await framesOnScreen(page);
  assert.deepEqual(frames.map((f) => f.label), ['画面 1：奶奶_1.jpg', '画面 2：奶奶_2.jpg']);
  assert.equal(await page.locator('.frame-count').innerText(), '2 个画面');
  const error = page.locator('.import-error');
  assert.match(await error.innerText(), /^笔记\.jpg：这不是图片文件——请添加 JPEG、PNG、WebP、GIF 或 HEIC 照片$/);
  await page.getByRole('button', { name: '知道了' }).click();

  // The inspector and the shot fields; a preset typed in Chinese is stored as the preset.
  await page.locator('.frame-card').first().click();
  const inspector = page.getByRole('complementary', { name: '详情面板' });
  await inspector.getByRole('heading', { name: '画面 1' }).waitFor();
  await inspector.getByLabel('景别', { exact: true }).fill('特写');
  await inspector.getByLabel('画面 1 的说明（详情面板）').fill('奶奶在厨房');
  // The shot type shows on the card (a field cards show by default), in Chinese.
  await page.locator('.frame-details').first().getByText('特写').waitFor();
  // Undo names the step in Chinese, and the screen reader hears it.
  const undo = page.getByRole('button', { name: /^撤销：/ });
  assert.equal(await undo.getAttribute('title'), '撤销：编辑说明（Ctrl+Z）');
  await undo.click();
  await page.locator('[aria-live=polite]').getByText('已撤销：编辑说明').waitFor();
  assert.equal(await page.getByRole('button', { name: /^重做：/ }).getAttribute('title'), '重做：编辑说明（Ctrl+Shift+Z）');
  await page.getByRole('button', { name: /^重做：/ }).click();
  assert.equal(await inspector.getByLabel('画面 1 的说明（详情面板）').inputValue(), '奶奶在厨房');
  await page.locator('.board-details summary').click();
  assert.ok(await page.getByLabel('在卡片上显示景别').isChecked());
  await page.getByText(/^已保存 · /).waitFor({ timeout: 20_000 });
  assert.doesNotMatch(await visibleText(page), ENGLISH);
  assert.deepEqual(await audit(page), [], 'the Chinese editor passes the axe audit too');
  await screenshot(page, 'chinese-editor');

  // Switched to English: everything at once, the same board, the preset in English words.
  await openMenu(page);
  await page.getByLabel('语言').selectOption('en');
  await page.getByRole('button', { name: 'Add photos' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal(await page.locator('.frame-count').innerText(), '2 frames');
  assert.equal(await page.locator('.frame-details').first().innerText(), 'CU');
  assert.equal(await page.getByRole('complementary', { name: 'Inspector' }).getByLabel('Shot type', { exact: true }).inputValue(), 'Close-up');
  assert.equal(await page.locator('.frame-card').first().getAttribute('aria-label'), 'Frame 1: 奶奶在厨房');
  assert.doesNotMatch(await visibleText(page), /画面|撤销|导出|添加照片|已保存/);

  // Remembered: a reload in the same (Chinese) browser stays English.
  await page.reload();
  await waitForFrames(page, 2);
  assert.ok(await page.getByRole('button', { name: 'Add photos' }).isVisible());
  assert.equal(await page.getByLabel('Language').inputValue(), 'en');
  await openMenu(page);
  await page.getByLabel('Language').selectOption('zh-Hans');
  await page.getByRole('button', { name: '添加照片' }).waitFor();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('exports speak the language of the editor: the viewer page and the shot list', async () => {
  const page = await openEditor(h.browser, h.server.url, { locale: 'zh-CN', acceptDownloads: true });
  const photos = await writePhotos(page, h.dir, 3, { prefix: 'trip' });
  await page.locator('#photo-input').setInputFiles(photos);
  await waitForFrames(page, 3);
  // Scene 2 starts at the selected third frame (no capture times to group by).
  await page.locator('.scene-frames > li.frame-card').nth(2).click();
  await page.getByRole('button', { name: '+ 分成场景' }).click();
  await page.getByRole('button', { name: '导出', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '导出故事板' });
  assert.match(await dialog.getByTestId('export-privacy').innerText(), /不包含相机信息和位置（EXIF、GPS）/);
  const html = await download(page, h.dir, () => dialog.getByRole('button', { name: '下载 HTML（单个文件）' }).click());
  assert.equal(html.name, '未命名故事板.html');
  await dialog.getByText(/^已导出“未命名故事板\.html”：3 张画面图片/).waitFor();
  const text = html.bytes.toString('utf8');
  assert.match(text, /^<!DOCTYPE html>\n<html lang="zh-Hans">/);

  const context = await h.browser.newContext({ viewport: { width: 1000, height: 700 } });
  const viewer = await context.newPage();
  const requests = [];
  viewer.on('request', (r) => { if (!/^(file|data):/.test(r.url())) requests.push(r.url()); });
  await viewer.goto(pathToFileURL(html.path).href);
  assert.equal(await viewer.title(), '未命名故事板');
  assert.match(await viewer.locator('.fb-meta').innerText(), /^3 个画面 · 总时长 0:09$/);
  assert.deepEqual(await viewer.locator('.fb-scene h2').allInnerTexts(), ['场景 1', '场景 2']);
  assert.equal(await viewer.locator('.fb-foot').innerText(), '使用 Flowboard 制作');
  await viewer.getByRole('button', { name: '播放幻灯片' }).click();
  const show = viewer.getByRole('dialog', { name: '幻灯片' });
  await show.getByRole('button', { name: '下一个画面' }).click();
  assert.equal(await show.locator('.fb-pos').innerText(), '2 / 3');
  const width = await viewer.locator('.fb-foot').evaluate((el) => { const r = document.createRange(); r.selectNodeContents(el); return r.getBoundingClientRect().width; });
  assert.ok(width > 60, `Chinese footer rendered ${width}px wide`);
  await screenshot(viewer, 'chinese-viewer');
  assert.deepEqual(requests, [], 'no font or other request');
  await context.close();

  const csv = await download(page, h.dir, () => dialog.getByRole('button', { name: '分镜表（CSV）' }).click());
  assert.equal(csv.name, '未命名故事板-分镜表.csv');
  const rows = csv.bytes.toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
  assert.equal(rows[0], '编号,场景,场景内镜号,说明,景别,运镜,时长（秒）,对白 / 旁白,备注,照片,开始（秒）,视频静帧');
  assert.match(rows[1], /^1\.1,场景 1,1,/);
  await page.context().close();
});

test('the address can choose the language (?lang=), over the browser and the remembered choice', async () => {
  const page = await openEditor(h.browser, `${h.server.url}?lang=zh`, { locale: 'en-US' });
  await page.getByRole('button', { name: '选择照片', exact: true }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-Hans');
  await page.goto(h.server.url);
  await page.getByRole('button', { name: 'Choose photos', exact: true }).waitFor();
  await page.context().close();
});

test('a notice on screen is re-worded when the language is switched', async () => {
  const page = await openEditor(h.browser, h.server.url);
  // A file that claims to be a storyboard but is not: a notice under the toolbar.
  await page.locator('#photo-input').setInputFiles({ name: 'notes.html', mimeType: 'text/html', buffer: Buffer.from('<p>just notes</p>') });
  const notice = page.getByTestId('restore-notice');
  await notice.waitFor();
  assert.match(await notice.innerText(), /“notes\.html” could not be opened: this is not a Flowboard storyboard export/);
  await openMenu(page);
  await page.getByLabel('Language').selectOption('zh-Hans');
  await page.getByText('无法打开“notes.html”').waitFor();
  const text = await notice.innerText();
  assert.match(text, /这不是 Flowboard 导出的故事板/);
  assert.doesNotMatch(text, /could not be opened|not a Flowboard/, `no English left in the notice: ${text}`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
