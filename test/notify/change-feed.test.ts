import { describe, expect, it, vi } from 'vitest';
import { CoreEvents } from '../../electron/core/events';
import { createLogger } from '../../electron/core/logger';
import { ChangeFeed } from '../../electron/core/notify/change-feed';
import { trackingClock } from '../inventory/fixtures/open-inventory';

describe('the change feed', () => {
  it('sends the inbox again when told it changed outside a commit (older journal entries indexed)', async () => {
    const events = new CoreEvents();
    const refreshInbox = vi.fn(async () => undefined);
    const feed = new ChangeFeed({
      events,
      clock: trackingClock(),
      log: createLogger('silent'),
      refreshInbox,
    });
    const off = events.on('inbox.changed', () => undefined);
    feed.inboxChanged();
    await vi.waitFor(() => expect(refreshInbox).toHaveBeenCalledTimes(1), { timeout: 3_000 });
    off();
    // Nobody listening: nothing is built (a page asks for the inbox when it opens).
    feed.inboxChanged();
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    expect(refreshInbox).toHaveBeenCalledTimes(1);
    await feed.stop();
  });
});
