import { describe, expect, it } from '@jest/globals';
import { holdLogin, LoginLocks, loginKey, observeWaits } from './login-locks.js';
import { Transcript } from './transcript.js';

/** Settles pending promise callbacks. */
const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Whether `promise` has settled by now. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  await tick();
  return done;
}

describe('LoginLocks', () => {
  it('lets one login per mailbox and protocol in at a time, the others in arrival order', async () => {
    const locks = new LoginLocks();
    const order: string[] = [];
    const first = await locks.acquire('pop3', 'ana@example.test');
    const second = locks.acquire('pop3', 'ana@example.test').then((lease) => (order.push('second'), lease));
    const third = locks.acquire('pop3', 'ana@example.test').then((lease) => (order.push('third'), lease));
    expect(await settled(second)).toBe(false);
    first.release();
    (await second).release();
    (await third).release();
    expect(order).toEqual(['second', 'third']);
    expect(locks.held).toBe(0);
  });

  it('keys on the protocol family and the login name ignoring case, never on the host', async () => {
    expect(loginKey('imap', 'Ana@Example.TEST')).toBe(loginKey('imap', 'ana@example.test'));
    expect(loginKey('imap', 'ana@example.test')).not.toBe(loginKey('pop3', 'ana@example.test'));
    const locks = new LoginLocks();
    const held = await locks.acquire('imap', 'ana@example.test');
    // Another protocol and another mailbox are free; the same mailbox in other case waits.
    expect(await settled(locks.acquire('smtp', 'ana@example.test'))).toBe(true);
    expect(await settled(locks.acquire('imap', 'bia@example.test'))).toBe(true);
    const same = locks.acquire('imap', 'ANA@example.test');
    expect(await settled(same)).toBe(false);
    held.release();
    expect(await settled(same)).toBe(true);
  });

  it('an aborted waiter leaves the queue and releases nothing it does not hold', async () => {
    const locks = new LoginLocks();
    const holder = await locks.acquire('pop3', 'ana@example.test');
    const controller = new AbortController();
    const abandoned = locks.acquire('pop3', 'ana@example.test', { signal: controller.signal });
    const next = locks.acquire('pop3', 'ana@example.test');
    controller.abort();
    await expect(abandoned).rejects.toMatchObject({ code: 'ABORTED' });
    // The holder still holds it: the waiter behind the abandoned one is still waiting.
    expect(await settled(next)).toBe(false);
    expect(locks.held).toBe(1);
    holder.release();
    const lease = await next;
    // A second release of the first lease does not free the lock its successor now holds.
    holder.release();
    expect(await settled(locks.acquire('pop3', 'ana@example.test'))).toBe(false);
    lease.release();
  });

  it('refuses at once when the signal is already aborted, without taking the lock', async () => {
    const locks = new LoginLocks();
    const controller = new AbortController();
    controller.abort();
    await expect(locks.acquire('smtp', 'ana@example.test', { signal: controller.signal })).rejects.toMatchObject({ code: 'ABORTED' });
    expect(locks.held).toBe(0);
  });

  it('reports a wait (and only a wait) to the observers, and its end however it ends', async () => {
    const locks = new LoginLocks();
    const events: string[] = [];
    const observed = observeWaits(locks, () => (events.push('wait'), () => events.push('end')));
    const first = await observed.acquire('imap', 'ana@example.test');
    expect(events).toEqual([]);
    const controller = new AbortController();
    const abandoned = observed.acquire('imap', 'ana@example.test', { signal: controller.signal });
    controller.abort();
    await expect(abandoned).rejects.toMatchObject({ code: 'ABORTED' });
    const granted = observed.acquire('imap', 'ana@example.test');
    first.release();
    (await granted).release();
    expect(events).toEqual(['wait', 'end', 'wait', 'end']);
  });

  it('holdLogin notes the wait in the transcript, and gives a lock granted to an abandoned check straight back', async () => {
    const locks = new LoginLocks();
    const transcript = new Transcript(true);
    const holder = await locks.acquire('pop3', 'ana@example.test');
    const controller = new AbortController();
    const context = { services: { logins: locks }, signal: controller.signal, transcript };
    const waiting = holdLogin(context, 'pop3', 'ana@example.test');
    await tick();
    expect(
      transcript
        .entries()
        .map((entry) => entry.text)
        .join('\n'),
    ).toMatch(/logged in as ana@example\.test over POP3: waiting/);
    // Granted, and the check abandoned before it could use the lock: it is given back, not kept.
    holder.release();
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'ABORTED' });
    expect(locks.held).toBe(0);
    // Without the run's locks (a check run on its own) nothing is held and nothing waits.
    await expect(holdLogin({ services: {}, signal: controller.signal }, 'pop3', 'ana@example.test')).resolves.toBeDefined();
  });
});
