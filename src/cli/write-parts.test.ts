import { describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { writeParts } from './output.js';

/** A stream whose reader is slow: each write is taken only after a pause, and its buffer holds one byte. */
function slowReader(): { stream: Writable; received: string[]; maxQueued: () => number } {
  const received: string[] = [];
  let maxQueued = 0;
  const stream = new Writable({
    highWaterMark: 1,
    decodeStrings: false,
    write(chunk: string, _encoding, callback) {
      received.push(chunk);
      setTimeout(callback, 2);
    },
  });
  const write = stream.write.bind(stream);
  stream.write = ((chunk: string) => {
    const ok = write(chunk);
    maxQueued = Math.max(maxQueued, stream.writableLength);
    return ok;
  }) as typeof stream.write;
  return { stream, received, maxQueued: () => maxQueued };
}

describe('writeParts', () => {
  it('writes every piece in order, waiting for a slow reader instead of queueing the whole report', async () => {
    const { stream, received, maxQueued } = slowReader();
    const pieces = Array.from({ length: 20 }, (_, index) => `{"account": ${index}}\n`);
    await writeParts(stream, pieces);
    expect(received.join('')).toBe(pieces.join(''));
    // Never more than one piece waiting: without the wait all twenty would sit in the queue.
    expect(maxQueued()).toBeLessThanOrEqual(pieces[0]!.length + 1);
  });

  it('ends with a newline, adding one only when the last piece has none', async () => {
    for (const [pieces, expected] of [
      [['a', 'b'], 'ab\n'],
      [['a\n'], 'a\n'],
      [[], '\n'],
    ] as const) {
      const { stream, received } = slowReader();
      await writeParts(stream, pieces);
      await new Promise((resolve) => stream.end(resolve));
      expect(received.join('')).toBe(expected);
    }
  });

  it('does not wait forever on a reader that went away', async () => {
    const stream = new Writable({ highWaterMark: 1, write: () => undefined });
    const writing = writeParts(stream, ['first piece', 'second piece']);
    stream.destroy();
    await expect(writing).resolves.toBeUndefined();
  });
});
