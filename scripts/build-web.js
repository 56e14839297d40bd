#!/usr/bin/env node
// `npm run build:web`: the web application's stylesheet, GOV.UK Frontend and MoJ Frontend compiled from
// their Sass with our settings (system/Arial font stack, asset paths). Their JavaScript and images are
// served straight from node_modules; our own browser scripts need no build.
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const sass = require('sass');

const root = join(__dirname, '..');
const started = Date.now();
const result = sass.compile(join(root, 'apps/api/src/web/assets/scss/application.scss'), {
  loadPaths: [root],
  style: 'compressed',
  quietDeps: true,
  logger: sass.Logger.silent,
});
mkdirSync(join(root, 'dist/web'), { recursive: true });
writeFileSync(join(root, 'dist/web/application.css'), result.css);
console.log(`dist/web/application.css (${Math.round(result.css.length / 1024)} KiB) in ${Date.now() - started} ms`);
