/**
 * The one deliberate way past the process-wide scrubber: a secret the person asked to see
 * (`check --login --show-refresh-token`), written once to their terminal and nowhere else. Only a terminal
 * qualifies — a pipe or a file may be a CI log or a report — so `writeUnscrubbed` refuses anything that is
 * not a TTY. output.ts hands over the unwrapped `write` of stdout and stderr when it wraps them.
 */
type RawWrite = (chunk: string) => boolean;

const originals = new WeakMap<object, RawWrite>();

export function rememberUnscrubbedWrite(stream: NodeJS.WritableStream, write: RawWrite): void {
  originals.set(stream, write);
}

/** Writes `text` to `stream` as is when it is a terminal; false (nothing written) otherwise. */
export function writeUnscrubbed(stream: NodeJS.WritableStream & { readonly isTTY?: boolean }, text: string): boolean {
  if (!stream.isTTY) return false;
  const write = originals.get(stream) ?? ((chunk: string) => stream.write(chunk));
  write(text);
  return true;
}
