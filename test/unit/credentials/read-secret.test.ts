// How `credentials set` reads the secret: piped stdin less one trailing newline, or a terminal prompt
// in raw mode that echoes nothing.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readSecret, type SecretInput } from '../../../main/cli/prompt/read-secret.js';

function piped(text: string): SecretInput {
  const stdin = new PassThrough();
  stdin.end(text);
  return { stdin, prompt: { write: () => true } };
}

/** A fake terminal: records raw-mode switches and everything written to it. */
function terminal(): SecretInput & { written: string[]; rawModes: boolean[]; type(text: string): void } {
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: (mode: boolean) => rawModes.push(mode) });
  const written: string[] = [];
  const rawModes: boolean[] = [];
  return { stdin, prompt: { write: (text: string) => written.push(text) }, written, rawModes, type: (text) => stdin.write(text) };
}

describe('readSecret', () => {
  it('reads piped stdin and drops one trailing newline only', async () => {
    expect(await readSecret('Token', 'hint', piped('tok\n'))).toBe('tok');
    expect(await readSecret('Token', 'hint', piped('tok\r\n'))).toBe('tok');
    expect(await readSecret('Token', 'hint', piped('tok\n\n'))).toBe('tok\n');
    expect(await readSecret('Token', 'hint', piped(' spaced '))).toBe(' spaced ');
  });

  it('refuses empty stdin and says how to pipe the secret', async () => {
    await expect(readSecret('Token', '`printf %s "$SECRET" | pipewright credentials set a --type bearer`', piped('\n'))).rejects.toThrow(/no secret given: pipe it on stdin, e.g. `printf/);
  });

  it('prompts on a terminal in raw mode and writes nothing of what is typed', async () => {
    const tty = terminal();
    const secret = readSecret('Token for erp', 'hint', tty);
    tty.type('s3c');
    tty.type('x\u007fret\r');
    expect(await secret).toBe('s3cret');
    expect(tty.rawModes).toEqual([true, false]);
    expect(tty.written.join('')).toBe('Token for erp (input hidden): \n');
  });

  it('cancels on Ctrl-C without saving anything', async () => {
    const tty = terminal();
    const secret = readSecret('Token', 'hint', tty);
    tty.type('abc\u0003');
    await expect(secret).rejects.toThrow(/cancelled: nothing was saved/);
    expect(tty.rawModes).toEqual([true, false]);
  });
});
