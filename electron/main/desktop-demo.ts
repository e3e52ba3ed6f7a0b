import type { DemoLaunch } from '../../shared/contract';

type DemoWindow = {
  focus(): void;
  isDestroyed(): boolean;
  once(event: 'closed', listener: () => void): unknown;
};

/**
 * The "Try the demo fleet" button in the desktop app: the demo starts beside this instance (its own
 * data folder, broker and simulated controllers, as in the headless host) and shows in a window of
 * its own. A second click brings that window forward, or opens it again once it was closed.
 */
export function desktopDemo(deps: {
  launcher: { launch(): Promise<{ url: string }>; stop(): Promise<void> };
  openWindow: (url: string) => DemoWindow;
}): { launch(): Promise<DemoLaunch>; stop(): Promise<void> } {
  let window: DemoWindow | undefined;
  return {
    async launch() {
      const { url } = await deps.launcher.launch();
      if (window !== undefined && !window.isDestroyed()) window.focus();
      else {
        const opened = deps.openWindow(url);
        window = opened;
        opened.once('closed', () => {
          if (window === opened) window = undefined;
        });
      }
      return { url, openedInWindow: true };
    },
    stop: () => deps.launcher.stop(),
  };
}
