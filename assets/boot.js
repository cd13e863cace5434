// Starts Flowboard. A file rather than Trunk's inline loader so that the page's
// Content-Security-Policy (index.html) can forbid inline script: `script-src 'self'`.
// Trunk writes the hashed names of the app's JavaScript and WebAssembly on this script's own tag
// (Trunk.toml, `pattern_script`); they are relative to the page, so dist/ works under any path.
const tag = document.querySelector('script[data-flowboard-app]');
const { default: init } = await import(new URL(tag.dataset.flowboardApp, document.baseURI).href);
await init({ module_or_path: new URL(tag.dataset.flowboardWasm, document.baseURI).href });

// Offline after the first visit (sw.js). Relative: works under any path of any host. A frame
// without an origin of its own (a sandbox) cannot have one; the editor still runs.
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  const register = () => navigator.serviceWorker.register('./sw.js').catch(() => {});
  if (document.readyState === 'complete') register();
  else addEventListener('load', register);
}
