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
  // Write errors on stdout arrive as 'error' events (never a stack trace): a reader that went away
  // (`| head -1`: EPIPE) ends the output quietly and keeps the report's exit code; any other error
  // (`> /dev/full`: ENOSPC) is one line and exit 2. Nothing more is written to a failed stream.
  let stdoutFailed = null;
  let code = null;
  const exitWith = () => {
    if (code !== null) process.exitCode = stdoutFailed !== null && stdoutFailed !== 'EPIPE' ? 2 : code;
  };
  process.stdout.on('error', (error) => {
    if (stdoutFailed !== null) return;
    stdoutFailed = error.code || 'error';
    if (stdoutFailed !== 'EPIPE') process.stderr.write('migralint: cannot write stdout: ' + stdoutFailed + '\n');
    exitWith();
  });
  process.stderr.on('error', () => {
    // Nowhere left to say anything.
  });
  cli
    .main(process.argv.slice(2), {
      stdout: (t) => {
        if (stdoutFailed === null) process.stdout.write(t);
      },
      stdoutBytes: (b) => {
        if (stdoutFailed === null) process.stdout.write(b);
      },
      stderr: (t) => process.stderr.write(t),
      isTTY: Boolean(process.stdout.isTTY),
      stderrIsTTY: Boolean(process.stderr.isTTY),
    })
    .then((result) => {
      code = result;
      exitWith();
    });
}
