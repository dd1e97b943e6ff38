// Runs inside the module factory before the WebAssembly instance is created (--pre-js).
//
// Under node 20, Emscripten 3.1.6's loader fetch()es the .wasm from a file: URL, which node's fetch refuses
// ("TypeError: fetch failed"). Under node only, and only when the caller chose no loading strategy of their
// own (wasmBinary, instantiateWasm or locateFile), this reads the .wasm that sits next to the .mjs.
// The .wasm name is derived from the module's own URL (_scriptDir, the factory's copy of import.meta.url;
// import.meta itself must not appear in a pre-js), so a renamed or re-built pair stays matched.
if (typeof process === 'object' && process !== null && typeof process.versions === 'object' &&
    typeof process.versions.node === 'string' && !Module['wasmBinary'] && !Module['instantiateWasm'] &&
    !Module['locateFile'] && typeof _scriptDir === 'string' && _scriptDir.startsWith('file:')) {
  var pactcheckWasmUrl = new URL(_scriptDir.replace(/[?#].*$/, '').replace(/\.m?js$/, '') + '.wasm');
  Module['wasmBinary'] = require('fs').readFileSync(pactcheckWasmUrl);
}
