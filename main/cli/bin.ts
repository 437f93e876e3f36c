#!/usr/bin/env node
// Entry point of the `pipewright` command: run the verb, then exit with its code once stdout and stderr
// are flushed (pipes are asynchronous on some platforms). Exiting explicitly also stops any timer a
// library may have left behind.
import { enableCompileCache } from 'node:module';

// V8's compiled code of the command's modules is kept on disk (in the temp folder) and reused by the
// next start, which then skips compiling them again. Enabled before the program is imported, so it
// covers every module; NODE_DISABLE_COMPILE_CACHE=1 turns it off.
enableCompileCache();
const { main } = await import('./program.js');

// A reader that stops early (`pipewright runs | head`) closes the pipe under us: not the command's
// failure, so it ends quietly with 0, as command-line tools do, instead of crashing on EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
}

const code = await main(process.argv);
const flushed = (stream: NodeJS.WriteStream): Promise<void> => new Promise((resolve) => stream.write('', () => resolve()));
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);
