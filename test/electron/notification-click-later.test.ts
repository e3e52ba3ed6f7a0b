import type { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Electron keeps only a weak reference to a main-process Notification's JS object
 * (electron/electron#16922, #12690): once nothing in JS holds it, V8 collects it, and a later click
 * on the notification reaches no listener. This fake keeps nothing either, and lets the test see
 * whether the object is still alive when the operator gets to clicking.
 */
const made = vi.hoisted(() => [] as Array<WeakRef<EventEmitter>>);
vi.mock('electron', async () => {
  const events = await import('node:events');
  class Notification extends events.EventEmitter {
    static isSupported() {
      return true;
    }
    constructor(readonly options: { title: string; body: string }) {
      super();
      made.push(new WeakRef(this));
    }
    show() {}
  }
  return { Notification };
});

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** The main process goes on with its work, collecting garbage, while the notification is on screen. */
async function collectGarbage(): Promise<void> {
  for (let i = 0; i < 5; i += 1) {
    await new Promise((r) => setTimeout(r, 10));
    gc();
  }
}

describe('an alarm notification', () => {
  it('still brings Fleetdesk forward when clicked a while after it was shown', async () => {
    const { osNotifier } = await import('../../electron/main/os-notifications');
    const { createLogger } = await import('../../electron/core/logger');
    let focused = 0;
    const show = osNotifier(() => (focused += 1), createLogger('silent'));
    show({ title: 'SG1-000777 reports an error', body: 'An Janssens: Lost connection with the battery' });
    await collectGarbage();
    const notification = made[0]?.deref();
    expect(notification, 'the shown notification (and its click listener) is still alive').toBeDefined();
    notification?.emit('click');
    expect(focused).toBe(1);
  });

  it('is let go once clicked or closed, and only the latest few are kept when the desktop never says', async () => {
    const { osNotifier } = await import('../../electron/main/os-notifications');
    const { createLogger } = await import('../../electron/core/logger');
    made.length = 0;
    const show = osNotifier(() => undefined, createLogger('silent'));
    for (let i = 0; i < 30; i += 1) show({ title: `SG1-${i} reports an error`, body: 'Inverter offline' });
    made[28]?.deref()?.emit('click');
    made[29]?.deref()?.emit('close');
    await collectGarbage();
    const alive = made
      .map((ref, i) => (ref.deref() === undefined ? undefined : i))
      .filter((i) => i !== undefined);
    // The 20 latest were kept; of those, the clicked and the closed ones are gone.
    expect(alive).toEqual(Array.from({ length: 18 }, (_, i) => i + 10));
  });
});
