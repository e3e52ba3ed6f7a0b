import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { desktopDemo } from '../../electron/main/desktop-demo';

class FakeWindow extends EventEmitter {
  destroyed = false;
  readonly focus = vi.fn();
  isDestroyed() {
    return this.destroyed;
  }
  close() {
    this.destroyed = true;
    this.emit('closed');
  }
}

function setup() {
  const url = 'http://127.0.0.1:41234/?token=demo';
  const launcher = { launch: vi.fn(async () => ({ url })), stop: vi.fn(async () => undefined) };
  const windows: FakeWindow[] = [];
  const openWindow = vi.fn((_url: string) => {
    const window = new FakeWindow();
    windows.push(window);
    return window;
  });
  return { url, launcher, windows, openWindow, demo: desktopDemo({ launcher, openWindow }) };
}

describe('the demo fleet in the desktop app', () => {
  it('opens the demo in a window of its own and says so, so the UI stays where it is', async () => {
    const { url, demo, openWindow } = setup();
    expect(await demo.launch()).toEqual({ url, openedInWindow: true });
    expect(openWindow).toHaveBeenCalledExactlyOnceWith(url);
  });

  it('brings the open demo window forward on a second click instead of opening another', async () => {
    const { demo, openWindow, windows } = setup();
    await demo.launch();
    await demo.launch();
    expect(openWindow).toHaveBeenCalledOnce();
    expect(windows[0]?.focus).toHaveBeenCalledOnce();
  });

  it('opens the window again once the operator closed it', async () => {
    const { demo, openWindow, windows } = setup();
    await demo.launch();
    windows[0]?.close();
    await demo.launch();
    expect(openWindow).toHaveBeenCalledTimes(2);
  });

  it('opens no window when the demo did not start, and stops the demo with the app', async () => {
    const { demo, launcher, openWindow } = setup();
    launcher.launch.mockRejectedValueOnce(new Error('no free port'));
    await expect(demo.launch()).rejects.toThrow('no free port');
    expect(openWindow).not.toHaveBeenCalled();
    await demo.stop();
    expect(launcher.stop).toHaveBeenCalledOnce();
  });
});
