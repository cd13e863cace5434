// Italian, the third language: an Italian browser gets the whole editor in Italian — first screen,
// frames, inspector, errors, undo tooltips, counts with Italian plurals, durations with a decimal
// comma — and so do its exports: the viewer page (opened and read) and the shot list (downloaded
// and read: semicolons and decimal commas, as a spreadsheet set to Italian expects).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { useHarness, openEditor, screenshot, framesOnScreen, waitForFrames, writePhotos, download, audit } from './support.mjs';

const h = useHarness();

/** Every visible text of the page, for "no English left" checks. */
const visibleText = (page) => page.locator('body').innerText();

/** The 🌐 menu's select, labelled `label`, opening the toolbar's "more commands" menu if it is in there. */
async function languageMenu(page, label, more) {
  const select = page.getByLabel(label, { exact: true });
  if (!(await select.isVisible())) await page.getByRole('button', { name: more }).click();
  await select.waitFor();
  return select;
}

/** Words of the English interface that must not appear once it speaks Italian. */
const ENGLISH = /\b(Add photos|Export|Present|Undo|Redo|Aspect|Frame \d|Caption|Shot type|Board details|Drop photos|Choose photos|Saved|frames?|Boards)\b/;

test('an Italian browser gets the Italian editor: errors, plurals, durations and undo tooltips', async () => {
  const page = await openEditor(h.browser, h.server.url, { locale: 'it-IT' });
  assert.equal(await page.locator('html').getAttribute('lang'), 'it');
  assert.equal(await page.title(), 'Flowboard – storyboard di foto');
  const empty = page.locator('.empty-state');
  assert.match(await empty.innerText(), /Inizia il tuo storyboard/);
  assert.ok(await page.getByRole('button', { name: 'Scegli le foto', exact: true }).isVisible());
  assert.doesNotMatch(await visibleText(page), ENGLISH);

  // One photo first: "1 fotogramma" (the singular), then two more and a file that is no photo.
  const photos = await writePhotos(page, h.dir, 3, { prefix: 'nonna' });
  await page.locator('#photo-input').setInputFiles(photos.slice(0, 1));
  await waitForFrames(page, 1);
  assert.equal(await page.locator('.frame-count').innerText(), '1 fotogramma');
  const notAPhoto = path.join(h.dir, 'appunti.jpg');
  fs.writeFileSync(notAPhoto, 'Questa non è una foto, solo testo.');
  await page.getByRole('button', { name: 'Aggiungi foto' }).first().waitFor();
  await page.locator('#photo-input').setInputFiles([...photos.slice(1), notAPhoto]);
  await waitForFrames(page, 3);
  const frames = await framesOnScreen(page);
  assert.deepEqual(frames.map((f) => f.label), ['Fotogramma 1: nonna_1.jpg', 'Fotogramma 2: nonna_2.jpg', 'Fotogramma 3: nonna_3.jpg']);
  assert.equal(await page.locator('.frame-count').innerText(), '3 fotogrammi');
  // The error, its heading in the singular.
  assert.equal(await page.locator('.import-errors-title').innerText(), 'Non è stato possibile aggiungere 1 file:');
  assert.equal(await page.locator('.import-error').innerText(), 'appunti.jpg: questo non è un file di immagine – aggiungi foto JPEG, PNG, WebP, GIF o HEIC');
  await page.getByRole('button', { name: 'Ignora' }).click();

  // The inspector and the shot fields; a preset typed in Italian is stored as the preset.
  await page.locator('.frame-card').first().click();
  const inspector = page.getByRole('complementary', { name: 'Dettagli' });
  await inspector.getByRole('heading', { name: 'Fotogramma 1' }).waitFor();
  await inspector.getByLabel('Tipo di inquadratura', { exact: true }).fill('Primo piano');
  await inspector.getByLabel('Durata in secondi').fill('2.5');
  await inspector.getByLabel('Durata in secondi').blur();
  await inspector.getByLabel('Didascalia del fotogramma 1 (dettagli)').fill('La nonna in cucina');
  // The card shows the Italian abbreviation and the duration with a decimal comma.
  await page.locator('.frame-details').first().getByText('PP · 0:02,5').waitFor();

  // Undo names the step in Italian, in the button's tooltip and to the screen reader.
  const undo = page.getByRole('button', { name: /^Annulla: / });
  assert.equal(await undo.getAttribute('title'), 'Annulla: Modifica didascalia (Ctrl+Z)');
  await undo.click();
  await page.locator('[aria-live=polite]').getByText('Annullato: Modifica didascalia').waitFor();
  const redo = page.getByRole('button', { name: /^Ripeti: / });
  assert.equal(await redo.getAttribute('title'), 'Ripeti: Modifica didascalia (Ctrl+Shift+Z)');
  await redo.click();
  assert.equal(await inspector.getByLabel('Didascalia del fotogramma 1 (dettagli)').inputValue(), 'La nonna in cucina');
  assert.equal(await undo.getAttribute('title'), 'Annulla: Modifica didascalia (Ctrl+Z)');

  // Board details: the running time in Italian (2,5 + 3 + 3 s) and the field names.
  await page.locator('.board-details summary').click();
  assert.equal(await page.locator('.running-time').innerText(), '3 fotogrammi · durata totale 0:08,5');
  assert.ok(await page.getByLabel('Mostra nei riquadri: Tipo di inquadratura').isChecked());
  await page.getByText(/^Salvato · /).waitFor({ timeout: 20_000 });
  assert.doesNotMatch(await visibleText(page), ENGLISH);
  assert.deepEqual(await audit(page), [], 'the Italian editor passes the axe audit too');
  await screenshot(page, 'italian-editor');

  // Deleting a frame: an Italian announcement, and the undo tooltip names the step.
  await page.locator('.frame-card').nth(2).click();
  await page.keyboard.press('Delete');
  await page.locator('[aria-live=polite]').getByText('Fotogramma 3 eliminato. Premi Ctrl+Z per annullare.').waitFor();
  assert.equal(await undo.getAttribute('title'), 'Annulla: Elimina fotogrammi (Ctrl+Z)');
  assert.equal(await page.locator('.frame-count').innerText(), '2 fotogrammi');
  await undo.click();
  await waitForFrames(page, 3);
  await page.locator('[aria-live=polite]').getByText('Annullato: Elimina fotogrammi').waitFor();

  // The 🌐 menu: switched to English everything changes at once; back to Italiano.
  const menu = await languageMenu(page, 'Lingua', 'Altri comandi');
  assert.equal(await menu.inputValue(), 'it');
  assert.deepEqual(await menu.locator('option').allInnerTexts(), ['English', '简体中文', 'Italiano']);
  await menu.selectOption('en');
  await page.getByRole('button', { name: 'Add photos' }).first().waitFor();
  assert.equal(await page.locator('.frame-count').innerText(), '3 frames');
  assert.equal(await page.locator('.frame-details').first().innerText(), 'CU · 0:02.5');
  await (await languageMenu(page, 'Language', 'More commands')).selectOption('it');
  await page.getByRole('button', { name: 'Aggiungi foto' }).first().waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'it');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('an Italian export: the viewer page and the shot list speak Italian, with decimal commas', async () => {
  const page = await openEditor(h.browser, h.server.url, { locale: 'it-IT', acceptDownloads: true });
  const photos = await writePhotos(page, h.dir, 3, { prefix: 'gita' });
  await page.locator('#photo-input').setInputFiles(photos);
  await waitForFrames(page, 3);
  await page.locator('.frame-card').first().click();
  const inspector = page.getByRole('complementary', { name: 'Dettagli' });
  await inspector.getByLabel('Durata in secondi').fill('2.5');
  await inspector.getByLabel('Durata in secondi').blur();
  // Scenes: the second frame starts the next one.
  assert.equal(await page.locator('#group-hint').innerText(), 'Seleziona il fotogramma da cui inizia la scena successiva (le foto con data di scatto vengono raggruppate in base a quando sono state scattate).');
  await page.locator('.frame-card').nth(1).click();
  await page.getByRole('button', { name: '+ Dividi in scene' }).click();
  await page.locator('.scene-header').nth(1).waitFor();
  await page.getByRole('button', { name: 'Esporta', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Esporta lo storyboard' });
  assert.match(await dialog.getByTestId('export-privacy').innerText(), /i dati della fotocamera e la posizione \(EXIF, GPS\) non sono inclusi/);
  const html = await download(page, h.dir, () => dialog.getByRole('button', { name: 'Scarica HTML (un solo file)' }).click());
  assert.equal(html.name, 'Storyboard senza titolo.html');
  // The outcome, with its plural and the decimal comma of the megabytes and seconds.
  const done = await dialog.getByText(/^Esportato “Storyboard senza titolo\.html”: /).innerText();
  assert.match(done, /^Esportato “Storyboard senza titolo\.html”: 3 immagini, \d+,\d MB, in \d+,\d s\.$/);

  // The exported file's own text, then the page as a browser shows it.
  const text = html.bytes.toString('utf8');
  assert.match(text, /^<!DOCTYPE html>\n<html lang="it">/);
  for (const words of ['Avvia la presentazione', 'Creato con Flowboard', 'aria-label="Fotogramma successivo"', '3 fotogrammi · durata totale 0:08,5']) {
    assert.ok(text.includes(words), `the exported HTML says ${words}`);
  }
  assert.doesNotMatch(text, /Play slideshow|Made with Flowboard|· running time/);
  assert.match(text, /data-decimal=","/);

  const context = await h.browser.newContext({ viewport: { width: 1000, height: 700 } });
  const viewer = await context.newPage();
  const requests = [];
  viewer.on('request', (r) => { if (!/^(file|data):/.test(r.url())) requests.push(r.url()); });
  await viewer.goto(pathToFileURL(html.path).href);
  assert.equal(await viewer.title(), 'Storyboard senza titolo');
  assert.equal(await viewer.locator('.fb-meta').innerText(), '3 fotogrammi · durata totale 0:08,5');
  assert.deepEqual(await viewer.locator('.fb-scene h2').allInnerTexts(), ['Scena 1', 'Scena 2']);
  assert.match(await viewer.locator('.fb-frame').first().locator('.fb-fields').innerText(), /Durata[\s\S]*0:02,5/);
  assert.equal(await viewer.locator('.fb-foot').innerText(), 'Creato con Flowboard');
  await viewer.getByRole('button', { name: 'Avvia la presentazione' }).click();
  const show = viewer.getByRole('dialog', { name: 'Presentazione' });
  await show.getByRole('button', { name: 'Fotogramma successivo' }).click();
  assert.equal(await show.locator('.fb-pos').innerText(), '2 / 3');
  // The slideshow's clock: the running time with a decimal comma.
  assert.match(await show.locator('.fb-time').innerText(), /^0:0\d \/ 0:08,5$/);
  await screenshot(viewer, 'italian-viewer');
  assert.deepEqual(requests, [], 'no font or other request');
  await context.close();

  // The shot list: Italian headings, semicolons, decimal commas, and its notice in the plural.
  const csv = await download(page, h.dir, () => dialog.getByRole('button', { name: 'Elenco delle inquadrature (CSV)' }).click());
  assert.equal(csv.name, 'Storyboard senza titolo - elenco inquadrature.csv');
  const rows = csv.bytes.toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
  assert.equal(rows[0], 'Numero;Scena;Inquadratura nella scena;Didascalia;Tipo di inquadratura;Movimento di macchina;Durata (s);Dialogo / voce fuori campo;Note;Foto;Inizio (s);Fotogramma dal video');
  assert.match(rows[1], /^1\.1;Scena 1;1;;;;2,5;;;gita_1\.jpg;0;$/);
  assert.match(rows[2], /^2\.1;Scena 2;1;;;;;;;gita_2\.jpg;2,5;$/);
  assert.match(rows[3], /;5,5;$/);
  await dialog.getByText('Elenco delle inquadrature scaricato: “Storyboard senza titolo - elenco inquadrature.csv”, 3 righe.').waitFor();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('?lang=it over an English browser, it-CH browsers, and an error notice worded in Italian', async () => {
  const page = await openEditor(h.browser, `${h.server.url}?lang=it`, { locale: 'en-US' });
  await page.getByRole('button', { name: 'Scegli le foto', exact: true }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'it');
  // A file that claims to be a storyboard but is not: the notice says so in Italian.
  await page.locator('#photo-input').setInputFiles({ name: 'appunti.html', mimeType: 'text/html', buffer: Buffer.from('<p>solo appunti</p>') });
  const notice = page.getByTestId('restore-notice');
  await notice.waitFor();
  const said = await notice.innerText();
  assert.match(said, /Non è stato possibile aprire “appunti\.html”: questo non è uno storyboard esportato da Flowboard/);
  assert.match(said, /Lo storyboard attuale non è cambiato\./);
  assert.doesNotMatch(said, /could not be opened|not a Flowboard/);
  await page.context().close();

  const swiss = await openEditor(h.browser, h.server.url, { locale: 'it-CH' });
  await swiss.getByRole('button', { name: 'Scegli le foto', exact: true }).waitFor();
  assert.equal(await swiss.locator('html').getAttribute('lang'), 'it');
  await swiss.context().close();
});
