// Builds the npm package the way a user would and installs it where nothing else is: `npm pack` of the
// assembled folder (build-wasm/package, the pactcheck_package target), then `npm install --offline <tarball>` into
// an empty project in a temporary folder, with an empty npm cache and a registry address that refuses every
// connection, so that the install provably needs nothing but the tarball.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { SOURCE_DIR } from '../wasm/support.mjs';

export const PACKAGE_DIR = resolve(process.env.PACTCHECK_PACKAGE_DIR ?? join(SOURCE_DIR, 'build-wasm', 'package'));
const NPM = process.env.PACTCHECK_NPM || 'npm';

function npm(args, cwd, cache) {
  return execFileSync(NPM, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120000,
    env: {
      ...process.env,
      npm_config_cache: cache,
      npm_config_registry: 'http://127.0.0.1:9/',
      npm_config_update_notifier: 'false',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_loglevel: 'error',
    },
  });
}

// -> {root, tarball, packed (npm pack's JSON report), app (the consuming project), installed (its
//    node_modules/pactcheck), cleanup()}
export function packAndInstall() {
  if (!existsSync(join(PACKAGE_DIR, 'package.json'))) {
    throw new Error(`${PACKAGE_DIR}/package.json not found: build the wasm tree first (cmake --build build-wasm)`);
  }
  const root = mkdtempSync(join(tmpdir(), 'pactcheck-package-'));
  const cache = join(root, 'npm-cache');
  const app = join(root, 'app');
  mkdirSync(app);
  const [packed] = JSON.parse(npm(['pack', PACKAGE_DIR, '--pack-destination', root, '--json'], root, cache));
  const tarball = join(root, packed.filename);
  writeFileSync(join(app, 'package.json'), `${JSON.stringify({ name: 'pactcheck-consumer', private: true, type: 'module' }, null, 2)}\n`);
  npm(['install', '--offline', '--no-audit', '--no-fund', tarball], app, cache);
  const installed = join(app, 'node_modules', 'pactcheck');
  return { root, tarball, packed, app, installed, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
