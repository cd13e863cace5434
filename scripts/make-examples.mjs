// Makes the example storyboards behind "Try an example" (assets/examples/example-<lang>.zip): a
// short story, "A day at the sea", in eight frames and three scenes with captions and shot
// details, one bundle per interface language. The pictures are drawn here (simple illustrations
// on a canvas: made for the project, no third-party photos) and the board is built and exported
// by the app itself, through its own interface, so each example is an ordinary exported bundle.
//
// usage: FLOWBOARD_DIST=/tmp/dist-x node scripts/make-examples.mjs   (a built app; writes
//        assets/examples/, which index.html copies into dist/)
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, tempDir, download, ROOT } from '../tests/e2e/support.mjs';

const OUT = path.join(ROOT, 'assets/examples');

/** The story, per language: title, description, scenes of frames [caption, dialogue]. */
const STORY = {
  en: {
    locale: 'en-US', exportButton: 'Export', title: 'A day at the sea', author: 'Flowboard example',
    description: 'An example storyboard: eight frames in three scenes, with shot details. Change anything — it is your copy.',
    scenes: ['Morning', 'Afternoon', 'Evening'],
    captions: [
      ['The beach at sunrise, still empty.', ''],
      ['The family arrives under a red umbrella.', 'Here! This spot is perfect.'],
      ['A bucket and spade wait in the sand.', ''],
      ['A kite climbs into the wind.', 'Higher, higher!'],
      ['The sandcastle gets its flag.', ''],
      ['A wave rolls in over the castle.', 'Oh no — the tide!'],
      ['The sun sets behind the sea.', ''],
      ['Footprints lead home along the shore.', 'Same time tomorrow?'],
    ],
  },
  'zh-Hans': {
    locale: 'zh-CN', exportButton: '导出', title: '海边的一天', author: 'Flowboard 示例',
    description: '一个示例故事板：三个场景中的八个画面，带镜头信息。可以随意修改——这是你的副本。',
    scenes: ['早晨', '下午', '傍晚'],
    captions: [
      ['日出时的海滩，空无一人。', ''],
      ['一家人撑着红色的遮阳伞来到海边。', '就这里！这个位置正好。'],
      ['小桶和铲子躺在沙滩上。', ''],
      ['风筝迎风越飞越高。', '再高一点，再高一点！'],
      ['沙堡插上了小旗。', ''],
      ['一个浪头漫过了沙堡。', '糟了——涨潮了！'],
      ['太阳落到海的后面。', ''],
      ['沿着海岸，一串脚印走向回家的路。', '明天还来吗？'],
    ],
  },
  it: {
    locale: 'it-IT', exportButton: 'Esporta', title: 'Una giornata al mare', author: 'Esempio di Flowboard',
    description: 'Uno storyboard di esempio: otto fotogrammi in tre scene, con i dettagli delle inquadrature. Cambia quello che vuoi: è la tua copia.',
    scenes: ['Mattina', 'Pomeriggio', 'Sera'],
    captions: [
      ["La spiaggia all'alba, ancora deserta.", ''],
      ['La famiglia arriva sotto un ombrellone rosso.', 'Qui! Questo posto è perfetto.'],
      ['Secchiello e paletta aspettano nella sabbia.', ''],
      ['Un aquilone sale nel vento.', 'Più in alto, più in alto!'],
      ['Il castello di sabbia riceve la sua bandiera.', ''],
      ['Un\'onda arriva sul castello.', 'Oh no, la marea!'],
      ['Il sole tramonta dietro il mare.', ''],
      ['Impronte sulla riva portano verso casa.', 'Domani alla stessa ora?'],
    ],
  },
};
/** Shot details of the eight frames: shot type, movement, duration (s); scene starts. */
const SHOTS = [
  ['Wide', 'Static', 4], ['Medium', 'Pan', 3], ['Close-up', 'Static', 2], ['Wide', 'Tilt', 3],
  ['Close-up', 'Static', 2.5], ['Medium', 'Handheld', 3], ['Wide', 'Static', 4], ['Close-up', 'Dolly', 3.5],
];
const SCENE_STARTS = [3, 6]; // frames 4 and 7 start scenes 2 and 3

/** Draws illustration `n` (0–7) at 1280×720 and returns JPEG bytes (base64). */
function draw(n) {
  const W = 1280, H = 720;
  const c = new OffscreenCanvas(W, H);
  const g = c.getContext('2d');
  const sky = [['#ffd9a8', '#9fd3f0'], ['#bfe6ff', '#6fb8e8'], ['#bfe6ff', '#6fb8e8'], ['#d8f0ff', '#5aa6dd'],
    ['#d8f0ff', '#5aa6dd'], ['#cfe9ff', '#6aaee0'], ['#ffb36b', '#8a4d9e'], ['#f7a35c', '#6b4a8f']][n];
  const grad = g.createLinearGradient(0, 0, 0, H * 0.6);
  grad.addColorStop(0, sky[1]); grad.addColorStop(1, sky[0]);
  g.fillStyle = grad; g.fillRect(0, 0, W, H);
  const circle = (x, y, r, color) => { g.fillStyle = color; g.beginPath(); g.arc(x, y, r, 0, Math.PI * 2); g.fill(); };
  const poly = (pts, color) => { g.fillStyle = color; g.beginPath(); g.moveTo(...pts[0]); for (const p of pts.slice(1)) g.lineTo(...p); g.closePath(); g.fill(); };
  // Sun: rising, high, setting.
  if (n === 0) circle(980, 420, 70, '#fff1b8');
  else if (n >= 6) circle(640, 440, 110, '#ffdd80');
  else circle(1080, 120, 60, '#fff6c8');
  // Clouds by day.
  if (n >= 1 && n <= 5) for (const [x, y] of [[220, 130], [560, 90], [820, 170]]) { circle(x, y, 36, '#ffffffdd'); circle(x + 40, y - 12, 44, '#ffffffdd'); circle(x + 86, y, 34, '#ffffffdd'); }
  // Sea and its waves.
  const seaTop = n === 2 || n === 4 || n === 7 ? 250 : 430;
  g.fillStyle = n >= 6 ? '#3f4f8f' : '#2f86c1'; g.fillRect(0, seaTop, W, H - seaTop);
  g.strokeStyle = '#ffffff66'; g.lineWidth = 4;
  for (let y = seaTop + 25; y < seaTop + 140; y += 38) { g.beginPath(); for (let x = 0; x <= W; x += 40) g.lineTo(x, y + Math.sin(x / 60 + y) * 6); g.stroke(); }
  if (n >= 6) { g.fillStyle = '#ffd08066'; for (let i = 0; i < 6; i++) g.fillRect(600 - i * 12, seaTop + 14 + i * 22, 80 + i * 24, 6); }
  // Sand.
  const sandTop = seaTop + (n === 2 || n === 4 || n === 7 ? 120 : 150);
  poly([[0, sandTop + 30], [W * 0.4, sandTop], [W, sandTop + 20], [W, H], [0, H]], n >= 6 ? '#c9935e' : '#f0d29a');
  const person = (x, y, s, shirt) => {
    circle(x, y - 150 * s, 26 * s, '#8a5a3c');
    g.fillStyle = shirt; g.fillRect(x - 26 * s, y - 122 * s, 52 * s, 70 * s);
    g.fillStyle = '#2e3a59'; g.fillRect(x - 22 * s, y - 52 * s, 18 * s, 52 * s); g.fillRect(x + 4 * s, y - 52 * s, 18 * s, 52 * s);
  };
  switch (n) {
    case 1: // family and umbrella
      g.fillStyle = '#6b4b2a'; g.fillRect(636, 380, 8, 250);
      poly([[440, 400], [640, 300], [840, 400]], '#e0453a');
      person(560, 640, 1, '#f2b134'); person(700, 640, 0.8, '#3aa17e'); person(780, 650, 0.55, '#d94f8c');
      break;
    case 2: { // bucket and spade
      poly([[520, 430], [760, 430], [730, 640], [550, 640]], '#e0453a');
      g.strokeStyle = '#7a2a22'; g.lineWidth = 10; g.beginPath(); g.arc(640, 440, 120, Math.PI, 0); g.stroke();
      g.save(); g.translate(880, 520); g.rotate(0.5); g.fillStyle = '#3a7bd5'; g.fillRect(-12, -200, 24, 220); poly([[-50, 20], [50, 20], [40, 110], [-40, 110]], '#3a7bd5'); g.restore();
      break;
    }
    case 3: // kite
      poly([[760, 110], [840, 200], [760, 300], [680, 200]], '#e0453a');
      poly([[760, 110], [840, 200], [760, 200]], '#f2b134');
      g.strokeStyle = '#333'; g.lineWidth = 2; g.beginPath(); g.moveTo(760, 300); g.quadraticCurveTo(640, 480, 470, 600); g.stroke();
      for (let i = 0; i < 4; i++) poly([[760 - i * 6, 320 + i * 34], [776 - i * 6, 336 + i * 34], [760 - i * 6, 352 + i * 34], [744 - i * 6, 336 + i * 34]], '#3a7bd5');
      person(470, 660, 0.9, '#3aa17e');
      break;
    case 4: // sandcastle with flag
      g.fillStyle = '#d9b072';
      g.fillRect(460, 420, 360, 200); g.fillRect(420, 360, 100, 260); g.fillRect(760, 360, 100, 260); g.fillRect(580, 300, 120, 140);
      for (const x of [420, 470, 760, 810, 580, 640]) g.fillRect(x, x >= 580 && x <= 640 ? 270 : 330, 44, 34);
      g.fillStyle = '#8a6a3a'; g.fillRect(600, 520, 80, 100);
      g.fillStyle = '#555'; g.fillRect(638, 170, 5, 110); poly([[643, 170], [720, 195], [643, 222]], '#e0453a');
      break;
    case 5: // a wave over the castle
      g.fillStyle = '#d9b072'; g.fillRect(520, 520, 260, 110); g.fillRect(560, 470, 70, 60);
      g.fillStyle = '#2f86c1cc'; g.beginPath(); g.moveTo(0, 560); g.bezierCurveTo(300, 420, 560, 680, 900, 520); g.lineTo(900, H); g.lineTo(0, H); g.fill();
      g.strokeStyle = '#ffffff'; g.lineWidth = 10; g.beginPath(); g.moveTo(0, 560); g.bezierCurveTo(300, 420, 560, 680, 900, 520); g.stroke();
      person(1000, 660, 0.9, '#f2b134');
      break;
    case 6: // sunset silhouettes
      for (const [x, s] of [[360, 1], [440, 0.8], [500, 0.55]]) { g.globalAlpha = 0.85; person(x, 650, s, '#2b1d2e'); g.globalAlpha = 1; }
      break;
    case 7: // footprints
      for (let i = 0; i < 9; i++) { const x = 200 + i * 110, y = 660 - i * 32 + (i % 2) * 30; g.fillStyle = '#9b6b3e'; g.beginPath(); g.ellipse(x, y, 22, 12, -0.3, 0, Math.PI * 2); g.fill(); }
      circle(1040, 620, 38, '#f6e7d8'); g.strokeStyle = '#c7a586'; g.lineWidth = 3; for (let a = -1; a <= 1; a += 0.5) { g.beginPath(); g.moveTo(1040, 650); g.lineTo(1040 + a * 34, 590); g.stroke(); }
      break;
    default: // 0: the empty beach at sunrise, a few gulls
      g.strokeStyle = '#444'; g.lineWidth = 4;
      for (const [x, y] of [[300, 200], [380, 170], [520, 230]]) { g.beginPath(); g.arc(x - 14, y, 14, Math.PI * 1.1, Math.PI * 1.9); g.arc(x + 14, y, 14, Math.PI * 1.1, Math.PI * 1.9); g.stroke(); }
  }
  return c.convertToBlob({ type: 'image/jpeg', quality: 0.82 }).then(async (b) => {
    const bytes = new Uint8Array(await b.arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  });
}

const server = await serveDist();
const browser = await launch();
const dir = tempDir();
fs.mkdirSync(OUT, { recursive: true });
try {
  for (const [code, story] of Object.entries(STORY)) {
    // The board is built in the English interface (its labels are what this script knows),
    // then exported in the story's language.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.locator('.editor:not([data-access=opening])').waitFor();
    const files = [];
    for (let n = 0; n < 8; n++) {
      const file = path.join(dir, `${code}-${n + 1}.jpg`);
      fs.writeFileSync(file, Buffer.from(await page.evaluate(`(${draw})(${n})`), 'base64'));
      files.push(file);
    }
    await page.locator('#photo-input').setInputFiles(files);
    await page.waitForFunction(() => document.querySelectorAll('.filmstrip li.frame-card img').length === 8);
    await page.getByRole('textbox', { name: 'Storyboard title', exact: true }).fill(story.title);
    const card = (n) => page.locator('.scene-frames > li.frame-card').nth(n);
    const inspector = page.locator('.inspector');
    for (let n = 0; n < 8; n++) {
      await card(n).click();
      const [caption, dialogue] = story.captions[n];
      const [shot, movement, seconds] = SHOTS[n];
      await inspector.locator('.frame-panel textarea').first().fill(caption);
      await inspector.getByLabel('Shot type', { exact: true }).fill(shot);
      await inspector.getByLabel('Camera movement', { exact: true }).fill(movement);
      await inspector.getByLabel('Duration in seconds', { exact: true }).fill(String(seconds));
      if (dialogue) await inspector.getByLabel('Dialogue / voice-over', { exact: true }).fill(dialogue);
      await inspector.getByLabel('Duration in seconds', { exact: true }).press('Tab');
    }
    // Scenes: each starts at its first frame (the scene before keeps the frames before it).
    for (const start of [...SCENE_STARTS].reverse()) {
      await card(start).click();
      await page.getByRole('button', { name: 'Start a new scene here' }).click();
    }
    for (const [i, title] of story.scenes.entries()) await page.getByLabel(`Title of scene ${i + 1}`).fill(title);
    await page.keyboard.press('Escape');
    await page.locator('.scene-frames > li.frame-card').first().click();
    await page.keyboard.press('Escape');
    const details = page.locator('.board-details');
    if (await details.count()) {
      if (!(await details.getAttribute('open'))) await details.locator('summary').click();
      await details.getByLabel('Author', { exact: true }).fill(story.author);
      await details.getByLabel('Description', { exact: true }).fill(story.description);
    }
    // Export in the story's own language: the bundle's page speaks it.
    await page.locator('.more-button').click();
    await page.getByLabel('Language').selectOption(code);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: story.exportButton, exact: true }).click();
    const dialog = page.locator('.export-dialog');
    // The smallest size, with the originals: the example's crops stay editable.
    await dialog.locator('input[name=long-edge]').first().check();
    await dialog.locator('.export-section').first().locator('input[type=checkbox]').first().check();
    const zip = await download(page, dir, () => dialog.locator('.export-actions .button').nth(1).click());
    const target = path.join(OUT, `example-${code}.zip`);
    fs.copyFileSync(zip.path, target);
    console.log(`${target}: ${zip.bytes.length} bytes`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
