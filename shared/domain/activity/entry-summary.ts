import { describeCommand } from '../control/describe-command';
import { plural } from '../plural';
import type { JournalEntry } from '../inventory/journal-entry';
import { describeBrokerChange, describeSettingsChange } from './settings-change-words';

/**
 * One line in words for a journal entry: what the installation timeline and the Activity page
 * show, and what an Activity CSV export carries. One wording for both, so the audit trail reads
 * the same wherever it is looked at.
 */
export function summarizeEntry(entry: JournalEntry): string {
  switch (entry.type) {
    case 'callback.onboarding':
      return `Onboarding call${typeof entry.body['contractNumber'] === 'string' ? ` with contract ${entry.body['contractNumber']}` : ''}`;
    case 'callback.offboarding':
      return 'Offboarding call: the external signal was removed';
    case 'callback.health':
      return `Health: ${String(entry.body['status'] ?? 'unknown')}`;
    case 'callback.refused':
      return `Refused call to ${entry.endpoint}: ${entry.reason}`;
    case 'link.created':
      return `Linked to contract ${entry.contractNumber} (${entry.reason})`;
    case 'link.ended':
      return `Link ended (${entry.reason})`;
    case 'inbox.rejected':
      return `Rejected in the inbox (${entry.reason})`;
    case 'note.added':
      return `Note: ${entry.text}`;
    case 'installation.fallbackSet':
      return entry.seconds === null
        ? "Fallback timeout set back to onboarding's value"
        : `Fallback timeout set to ${plural(entry.seconds, 'second')} (wins over onboarding's)`;
    case 'signal.seen':
      return entry.signal === 'mqtt' ? 'Seen on MQTT' : 'Seen answering a command';
    case 'contract.imported':
      return `${plural(entry.contracts.length, 'contract')} imported from ${entry.origin}`;
    case 'settings.changed':
      return `Settings changed: ${describeSettingsChange(entry.patch, entry.previous) || 'nothing'}`;
    case 'token.created':
      return `Listener token "${entry.label}" created${entry.serial ? ` for ${entry.serial} only` : ' for the whole integration'}`;
    case 'token.revoked':
      return `Listener token "${entry.label}" revoked`;
    case 'broker.changed':
      return describeBrokerChange(entry);
    case 'backup.created':
      return `Backup written to ${entry.path}`;
    case 'backup.restored':
      return `Data restored from ${entry.origin}`;
    case 'command.created':
      return `Command ${entry.commandId}: ${describeCommand(entry.command)}${entry.hold ? ', held' : ''}${because(entry.reason)}`;
    case 'command.outcome':
      return `Command ${entry.commandId} ${entry.state}${entry.detail ? `: ${entry.detail}` : ''}`;
    case 'command.refused':
      return `Command refused for ${plural(entry.targets.length, 'installation')}: ${entry.reason}`;
    case 'lease.released':
      return `Lease released on ${entry.groups.join(', ')} after ${plural(entry.refreshes, 'refresh', 'refreshes')}${because(entry.reason)}`;
    case 'rollout.started':
      return `Rollout ${entry.rolloutId} started: ${describeCommand(entry.command)} to ${plural(entry.targets.length, 'installation')} in ${plural(entry.batches, 'batch', 'batches')}${because(entry.reason)}`;
    case 'rollout.changed':
      return `Rollout ${entry.rolloutId} ${entry.state}${entry.detail ? `: ${entry.detail}` : ''}`;
    default:
      // An entry type added later still shows, by its name, until it is worded here.
      return (entry as { type: string }).type;
  }
}

function because(reason: string | undefined): string {
  return reason ? ` (reason: ${reason})` : '';
}
