#!/usr/bin/env node
'use strict';
let cli;
try {
  cli = require('../dist/src/cli.js');
} catch (error) {
  process.stderr.write('migralint: the package is not built (run `npm install` or `npm run build`): ' + error.message + '\n');
  process.exitCode = 2;
}
if (cli) {
  cli
    .main(process.argv.slice(2), {
      stdout: (t) => process.stdout.write(t),
      stderr: (t) => process.stderr.write(t),
      isTTY: Boolean(process.stdout.isTTY),
    })
    .then((code) => {
      process.exitCode = code;
    });
}
