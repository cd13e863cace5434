// Very large boards, planted straight into IndexedDB the way an older build (before boards were
// capped at read) could have stored them: used by large-boards.test.mjs and bench/scale.mjs.

export { storedDocuments } from './support.mjs';

/**
 * A copy of stored document `doc` as a new board `id` of `count` frames in one scene, cycling
 * through `doc`'s frames (with their photos and crops, or `photos: false`: no photos at all, the
 * "bundle of frames with no images" case), each with a caption "frame N".
 */
export function replicate(doc, count, { id, title, photos = true, savedAt = Date.now() } = {}) {
  const source = doc.board.scenes.flatMap((s) => s.frames);
  let next = 1;
  const frames = Array.from({ length: count }, (_, i) => {
    const f = source.length ? { ...source[i % source.length] } : {};
    f.id = next++;
    f.caption = `frame ${i + 1}`;
    if (!photos || !f.photo) {
      f.photo = null;
      delete f.crops;
      delete f.crop_focus;
    }
    return f;
  });
  const board = { ...doc.board, title, scenes: [{ id: next++, title: '', collapsed: false, frames }], next_id: next + 1 };
  if (!photos) board.photos = {};
  return { ...doc, id, created_at: savedAt, saved_at: savedAt, board };
}

/**
 * Stores document `doc` (without a library summary, as a board whose summary was lost or never
 * written; or with `summary`) and makes it the board a reload opens.
 */
export async function plantBoard(page, doc, { summary = null, last = true } = {}) {
  const json = JSON.stringify(doc);
  await page.evaluate(({ json, id, summary, last }) => new Promise((resolve, reject) => {
    const open = indexedDB.open('flowboard');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['boards', 'summaries'], 'readwrite');
      tx.objectStore('boards').put(json, id);
      if (summary) tx.objectStore('summaries').put(JSON.stringify(summary), id);
      else tx.objectStore('summaries').delete(id);
      tx.oncomplete = () => { db.close(); if (last) localStorage.setItem('flowboard.lastBoard', id); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }), { json, id: doc.id, summary, last });
  return json.length;
}

/** Waits until the filmstrip shows `count` frame cards (photos loaded or not). */
export async function waitForCards(page, count, timeout = 120_000) {
  await page.waitForFunction((n) => document.querySelectorAll('.filmstrip .scene-frames > li.frame-card').length === n, count, { timeout, polling: 100 });
}
