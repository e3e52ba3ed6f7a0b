import {
  applySettingsPatch,
  DEFAULT_SETTINGS,
  type Settings,
  type SettingsPatch,
} from '../../../shared/domain/settings';
import { readSettings } from '../../../shared/domain/settings-read';
import { openDocument } from '../store/open-document';
import { quarantine } from '../store/quarantine';
import type { DocumentStore, OpenStore } from '../store/store-port';
import type { NoticeBoard } from '../notices/notice-board';
import type { CoreEvents } from '../events';
import type { Clock } from '../clock';

/** Settings held in memory, written through the Store port on every change (they change rarely). */
export class SettingsService {
  private constructor(
    private readonly store: DocumentStore,
    private current: Settings,
    private readonly events: CoreEvents,
  ) {}

  /**
   * Loads settings; a file that is unreadable, fails the schema or comes from a newer build is
   * moved aside and reported, and the app starts on defaults rather than refusing to start.
   */
  static load(
    open: OpenStore,
    pathOf: (name: string) => string,
    deps: { events: CoreEvents; notices: NoticeBoard; clock: Clock },
  ): SettingsService {
    const opened = openDocument(open, 'settings', pathOf, deps.clock.now());
    let { store } = opened;
    let problem = opened.quarantined;
    let settings = DEFAULT_SETTINGS;
    if (!problem && Object.keys(opened.doc).length > 0) {
      const read = readSettings(opened.doc);
      if (read.ok) {
        settings = read.value;
        if (read.dropped)
          deps.notices.add({
            level: 'warning',
            title: 'Trusted proxies removed from Settings',
            detail: `The callback listener cannot use ${read.dropped.join('; ')}. Fleetdesk left them out; add the proxy's own address or block in Settings.`,
          });
      } else {
        problem = { movedTo: quarantine(store.path, deps.clock.now()), reason: read.reason };
        store = open('settings');
      }
    }
    if (problem) {
      deps.notices.add({
        level: 'warning',
        title: 'Settings file could not be read',
        detail: `It was moved aside to ${problem.movedTo} (${problem.reason}). Fleetdesk started with default settings; nothing was deleted.`,
      });
    }
    store.write(settings);
    return new SettingsService(store, settings, deps.events);
  }

  get(): Settings {
    return this.current;
  }

  update(patch: SettingsPatch): Settings {
    const next = applySettingsPatch(this.current, patch);
    this.store.write(next);
    this.current = next;
    this.events.emit('settings.changed', next);
    return next;
  }
}
