/**
 * `bo`: the back-office API from a terminal. Build with `npx tsc -b tsconfig.build.json`, then
 * `npm run bo -- <group> <command> ...` (or `node -r ./tools/dev/register-paths.js
 * dist/apps/back-office-cli/src/main.js ...`). Docs: docs/back-office-cli.md.
 */
import { runCli } from './cli/run-cli';

// `bo ... | head` closes stdout early: that is the reader's choice, not an error worth a stack.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

// Ctrl-C: end the progress line cleanly. A cashier request already sent may have been applied;
// its idempotency key was printed before sending, so the operator can retry it safely.
process.once('SIGINT', () => {
  process.stderr.write('\ninterrupted: a change already sent may or may not have been applied (retry it with the same --key)\n');
  process.exit(130);
});

runCli({
  argv: process.argv.slice(2),
  env: process.env,
  output: {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stderrIsTerminal: process.stderr.isTTY === true,
  },
}).then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    // Not an operating error (those are answered with exit code 1 or 2): a bug. Fail loudly.
    process.stderr.write(`bo: internal error (a bug, please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
