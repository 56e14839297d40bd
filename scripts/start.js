#!/usr/bin/env node
// `npm start`: build only when a source is newer than the last build, then run the server. `npm install`
// already builds (prepare), so a fresh clone starts without compiling twice.
const { join } = require('node:path');
const { buildIfStale } = require('./build-if-stale');

buildIfStale();
require(join(__dirname, '..', 'dist/apps/api/src/main.js'));
