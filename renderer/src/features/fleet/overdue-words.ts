import type { OverdueSignals } from '../../../../shared/domain/fleet/fleet-row';

/** Why a row is stale, in a few words for the fleet table's health column. */
export const OVERDUE_SHORT: Record<Exclude<OverdueSignals, null>, string> = {
  // "stopped", not "no": the controller did call before (a row that never called is not stale).
  health: 'health calls stopped',
  mqtt: 'MQTT feedback stopped',
  both: 'health calls and MQTT feedback stopped',
};

/** Why an installation is stale, in a sentence for its page. */
export const OVERDUE_SENTENCE: Record<Exclude<OverdueSignals, null>, string> = {
  health: 'Health calls have stopped coming: the controller may be offline.',
  mqtt: 'MQTT feedback has stopped coming while the broker link is up: the controller may have lost its connection to the broker.',
  both: 'Health calls and MQTT feedback have both stopped coming: the controller may be offline.',
};
