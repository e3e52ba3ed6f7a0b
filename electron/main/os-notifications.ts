import { Notification } from 'electron';
import type { Logger } from '../core/logger';
import type { AlarmNotice } from './alarm-notifier';

/** Notifications kept alive past this many are the oldest, long gone from the screen. */
const KEPT = 20;

/**
 * The notifications on screen. Electron holds a main-process Notification only weakly
 * (electron/electron#16922, #12690): with no reference left in JS it is garbage-collected, and a
 * click on it later reaches no listener. Each is kept here until it is clicked or closed.
 */
const onScreen = new Set<Notification>();

/**
 * Shows a notice through the OS; a click brings the app's window forward. Where the OS has no
 * notifications (some Linux desktops), nothing is shown and that is logged once.
 */
export function osNotifier(focusWindow: () => void, log: Logger): (notice: AlarmNotice) => void {
  let warned = false;
  return (notice) => {
    if (!Notification.isSupported()) {
      if (!warned) log.warn('this desktop shows no notifications; alarms stay in the fleet table');
      warned = true;
      return;
    }
    const shown = new Notification({ title: notice.title, body: notice.body });
    keep(shown);
    shown.on('click', () => {
      onScreen.delete(shown);
      focusWindow();
    });
    shown.on('close', () => onScreen.delete(shown));
    shown.on('failed', () => onScreen.delete(shown));
    shown.show();
  };
}

/** Some desktops never report a close; past `KEPT`, the oldest is let go so the set stays small. */
function keep(notification: Notification): void {
  onScreen.add(notification);
  for (const oldest of onScreen) {
    if (onScreen.size <= KEPT) break;
    onScreen.delete(oldest);
  }
}
