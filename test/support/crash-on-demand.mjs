/**
 * A test-only preload (`NODE_OPTIONS=--import …`) that makes the command-line tool fail in a chosen place,
 * so the leak audit can prove the crash paths are scrubbed too. Nothing in the product reads these
 * variables; without this preload they do nothing.
 *
 *   TACTIUM_TEST_CRASH=report   building the report throws (os.networkInterfaces, read for "verified from"):
 *                               the run ends in the CLI's crash handler, exit 3
 *   TACTIUM_TEST_CRASH=connect  every TCP connection throws: checks end in `error`, exit 3
 *   TACTIUM_TEST_CRASH_TEXT     put into the thrown error's message (and so its stack): the secrets to look for
 */
import net from 'node:net';
import os from 'node:os';

const mode = process.env.TACTIUM_TEST_CRASH;
const text = process.env.TACTIUM_TEST_CRASH_TEXT ?? '';

if (mode === 'report') {
  os.networkInterfaces = () => {
    throw new Error(`injected crash while collecting interfaces: ${text}`);
  };
}
if (mode === 'connect') {
  net.Socket.prototype.connect = function injectedConnect() {
    throw new Error(`injected crash in connect: ${text}`);
  };
}
