// Copies the page's third-party code and data from node_modules (pinned exactly in package.json and
// package-lock.json) into the served folder's vendor/ directory, so that the page loads them from its own
// origin, as plain ES modules, without a bundler:
//
//   node scripts/vendor-web.mjs --from node_modules --to build-wasm/web/vendor
//
// (wasm/CMakeLists.txt runs it as part of the pactcheck_web target.)
//
// - d3-geo, d3-zoom and their d3 dependencies ship one ES module each (dist/<name>.mjs) that imports its
//   dependencies by bare name ('d3-array'). A browser resolves bare names only through an import map, which
//   is an inline <script> the page's Content-Security-Policy does not allow, so each bare import is rewritten
//   to the sibling file ('./d3-array.mjs'). Nothing else in the files is touched.
// - topojson-client ships its ES module sources (src/*.js) with relative imports only: copied as they are.
// - world-atlas: the Natural Earth 1:10m countries as TopoJSON (countries-10m.json), copied as it is.
// - Each package's LICENSE is copied to vendor/LICENSES/<name>.txt, and vendor/versions.json lists what was
//   copied, with its version.
//
// Fails, naming the fix, when a package is missing (npm ci not run) or a file still has a bare import.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const D3_MODULES = ['d3-array', 'd3-geo', 'd3-color', 'd3-dispatch', 'd3-drag', 'd3-ease', 'd3-interpolate',
  'd3-selection', 'd3-timer', 'd3-transition', 'd3-zoom'];
const DATA = [{ name: 'world-atlas', files: ['countries-10m.json'] }];

function args() {
  const out = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) out[argv[i].replace(/^--/, '')] = argv[i + 1];
  if (!out.from || !out.to) {
    console.error('usage: node scripts/vendor-web.mjs --from NODE_MODULES --to OUT_DIR');
    process.exit(2);
  }
  return { from: resolve(out.from), to: resolve(out.to) };
}

const { from, to } = args();

function packageDir(name) {
  const dir = join(from, name);
  if (!existsSync(join(dir, 'package.json'))) {
    console.error(`vendor-web: ${dir} not found: run "npm ci" in the repository (scripts/setup.sh does)`);
    process.exit(1);
  }
  return dir;
}

const versions = {};
function record(name, dir) {
  versions[name] = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
  const license = ['LICENSE', 'LICENSE.md', 'LICENSE.txt'].map((f) => join(dir, f)).find((f) => existsSync(f));
  if (license) copyFileSync(license, join(to, 'LICENSES', `${name}.txt`));
}

// import ... from 'x' / export ... from 'x' / import 'x', where x is not a relative or absolute path.
const BARE = /(\bfrom\s*|\bimport\s*)(['"])(?![./])([^'"]+)\2/g;

rmSync(to, { recursive: true, force: true });
mkdirSync(join(to, 'LICENSES'), { recursive: true });

for (const name of D3_MODULES) {
  const dir = packageDir(name);
  const source = readFileSync(join(dir, 'dist', `${name}.mjs`), 'utf8');
  const rewritten = source.replace(BARE, (whole, keyword, quote, specifier) => {
    if (!D3_MODULES.includes(specifier)) {
      console.error(`vendor-web: ${name} imports '${specifier}', which is not vendored: add it to D3_MODULES`);
      process.exit(1);
    }
    return `${keyword}${quote}./${specifier}.mjs${quote}`;
  });
  writeFileSync(join(to, `${name}.mjs`), rewritten);
  record(name, dir);
}

{
  const name = 'topojson-client';
  const dir = packageDir(name);
  mkdirSync(join(to, name), { recursive: true });
  for (const file of readdirSync(join(dir, 'src')).filter((f) => f.endsWith('.js'))) {
    const source = readFileSync(join(dir, 'src', file), 'utf8');
    if ([...source.matchAll(BARE)].length > 0) {
      console.error(`vendor-web: ${name}/src/${file} has a bare import; it cannot be served as it is`);
      process.exit(1);
    }
    copyFileSync(join(dir, 'src', file), join(to, name, file));
  }
  record(name, dir);
}

for (const { name, files } of DATA) {
  const dir = packageDir(name);
  mkdirSync(join(to, name), { recursive: true });
  for (const file of files) copyFileSync(join(dir, file), join(to, name, file));
  record(name, dir);
}

writeFileSync(join(to, 'versions.json'), `${JSON.stringify(versions, null, 2)}\n`);
