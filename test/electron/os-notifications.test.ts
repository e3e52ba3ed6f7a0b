import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Notification, resetFakeElectron } from './support/fake-electron';
import { osNotifier } from '../../electron/main/os-notifications';
import { createLogger } from '../../electron/core/logger';

vi.mock('electron', () => import('./support/fake-electron'));

beforeEach(() => resetFakeElectron());

describe('alarm notifications through the OS', () => {
  it('shows the notice, and a click brings the window forward', () => {
    const focus = vi.fn();
    osNotifier(focus, createLogger('silent'))({ title: 'A reports an error', body: 'An: Inverter offline' });
    const [shown] = Notification.instances;
    expect(shown?.options).toEqual({ title: 'A reports an error', body: 'An: Inverter offline' });
    expect(shown?.show).toHaveBeenCalledOnce();
    shown?.emit('click');
    expect(focus).toHaveBeenCalledOnce();
  });

  it('shows nothing where the desktop has no notifications, and warns once', () => {
    Notification.supported = false;
    const log = createLogger('silent');
    const warn = vi.spyOn(log, 'warn');
    const notify = osNotifier(() => undefined, log);
    notify({ title: 'a', body: 'b' });
    notify({ title: 'c', body: 'd' });
    expect(Notification.instances).toEqual([]);
    expect(warn).toHaveBeenCalledOnce();
  });
});
