import { randomUUID } from 'node:crypto';
import type { Notice } from '../../../shared/domain/notice';
import type { CoreEvents } from '../events';
import type { Clock } from '../clock';

/** Notices the operator must see until dismissed (corrupt files, failed writes, lapsed leases). */
export class NoticeBoard {
  private notices: Notice[] = [];

  constructor(
    private readonly events: CoreEvents,
    private readonly clock: Clock,
  ) {}

  add(notice: Omit<Notice, 'id' | 'at'>): Notice {
    const full: Notice = { ...notice, id: randomUUID(), at: this.clock.now() };
    this.notices = [...this.notices, full];
    this.events.emit('notices.changed', this.notices);
    return full;
  }

  list(): Notice[] {
    return this.notices;
  }

  dismiss(id: string): Notice[] {
    this.notices = this.notices.filter((n) => n.id !== id);
    this.events.emit('notices.changed', this.notices);
    return this.notices;
  }
}
