// Placed at the very top of pactcheck.mjs (--extern-pre-js), at ES module scope.
//
// Emscripten 3.1.6's node code path calls require() and reads __dirname even when it emits an ES module
// (-sEXPORT_ES6), and an ES module has neither: without this, importing the module under node fails with
// "ReferenceError: __dirname is not defined in ES module scope". Under node only, this defines both from
// import.meta.url. In a browser or a Web Worker both stay undefined and nothing is imported.
// Newer Emscripten releases handle this themselves: drop this file when upgrading (see wasm/emscripten-version).
var require, __dirname;
if (typeof process === 'object' && process !== null && typeof process.versions === 'object' &&
    typeof process.versions.node === 'string') {
  const nodeModule = await import('node:module');
  const nodeUrl = await import('node:url');
  const nodePath = await import('node:path');
  require = nodeModule.createRequire(import.meta.url);
  __dirname = nodePath.dirname(nodeUrl.fileURLToPath(import.meta.url));
}
