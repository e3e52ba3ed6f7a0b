import { Notification } from 'electron';
import type { Logger } from '../core/logger';
import type { AlarmNotice } from './alarm-notifier';

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
    shown.on('click', focusWindow);
    shown.show();
  };
}
