#!/usr/bin/env node
// Build only when a source is newer than the last build. Used by `npm start` (a fresh clone was already
// built by `npm install`'s prepare) and by `npm test`, so the tests of the built server never find it stale.
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const stamp = join(root, 'dist', '.build-stamp');
const sources = ['apps', 'libs', 'migrations', 'scripts/build-web.js', 'nest-cli.json', 'package.json', 'tsconfig.json', 'tsconfig.build.json'];

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function buildIfStale() {
  const built = existsSync(stamp) && existsSync(join(root, 'dist/apps/api/src/main.js')) ? statSync(stamp).mtimeMs : 0;
  const changed = sources.map((s) => join(root, s)).filter(existsSync).some((s) => newestMtime(s) > built);
  if (!changed) return;
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

module.exports = { buildIfStale };
if (require.main === module) buildIfStale();
