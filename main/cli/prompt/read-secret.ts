// Reads one secret for `pipewright credentials set`: from stdin when it is piped (a script, a secret
// manager: `printf %s "$TOKEN" | pipewright credentials set …`), else from a prompt on the terminal that
// echoes nothing. Never from an argument: arguments end up in shell history and in `ps` for every user.
import { PipewrightError } from '../../../shared/errors.js';

/** The parts of a TTY the prompt uses; the process's own by default, fakes in tests. */
export interface SecretInput {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  /** Where the prompt is written: stderr, so stdout stays clean for scripts. */
  prompt: { write(text: string): unknown };
}

const processInput: SecretInput = { stdin: process.stdin, prompt: process.stderr };

/** `label` is what to ask for ("Token for erp-api"); `pipeHint` says how to pipe it instead. */
export async function readSecret(label: string, pipeHint: string, input: SecretInput = processInput): Promise<string> {
  const secret = input.stdin.isTTY && input.stdin.setRawMode ? await readHidden(label, input) : await readPiped(input.stdin);
  if (secret === '') {
    throw new PipewrightError('CREDENTIAL_SECRET_EMPTY', `no secret given: ${input.stdin.isTTY ? 'type it at the prompt' : 'pipe it on stdin'}, e.g. ${pipeHint}`);
  }
  return secret;
}

/** All of stdin, less one trailing newline (what `echo` and most editors add). */
async function readPiped(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Raw mode: every key comes to us and the terminal echoes none of them. */
function readHidden(label: string, input: SecretInput): Promise<string> {
  const { stdin, prompt } = input;
  return new Promise((resolve, reject) => {
    let secret = '';
    const finish = (error?: PipewrightError): void => {
      stdin.setRawMode?.(false);
      stdin.removeListener('data', onData);
      stdin.pause();
      prompt.write('\n');
      if (error) reject(error);
      else resolve(secret);
    };
    const onData = (chunk: Buffer | string): void => {
      for (const char of typeof chunk === 'string' ? chunk : chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003') return finish(new PipewrightError('CANCELLED', 'cancelled: nothing was saved'));
        if (char === '\u0004') return secret === '' ? finish(new PipewrightError('CANCELLED', 'cancelled: nothing was saved')) : finish();
        if (char === '\u007f' || char === '\b') secret = [...secret].slice(0, -1).join('');
        else if (char === '\u0015') secret = ''; // Ctrl-U clears the line, as in a shell
        else if (char >= ' ') secret += char;
      }
    };
    // Echo off before the prompt shows: whatever is typed once it can be seen is never echoed.
    stdin.setRawMode?.(true);
    stdin.on('data', onData);
    stdin.resume();
    prompt.write(`${label} (input hidden): `);
  });
}
