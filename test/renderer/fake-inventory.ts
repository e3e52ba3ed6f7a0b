import {
  fail,
  ok,
  type MethodName,
  type RequestOf,
  type ResponseOf,
  type Result,
} from '../../shared/contract';
import { inventoryMethods } from '../../shared/contract/inventory-methods';
import type { ContractRow, Reconciliation } from '../../shared/domain/fleet/contracts-view';
import { parseContractCsv } from '../../shared/domain/fleet/contract-csv';
import type { FleetCounters, FleetRow } from '../../shared/domain/fleet/fleet-row';
import type { InboxItem } from '../../shared/domain/fleet/inbox-item';
import type { InstallationView } from '../../shared/domain/fleet/installation-view';
import type { ListenerTokenInfo } from '../../shared/protocol/listener/listener-token';
import { countersOf, EMPTY_RECONCILIATION } from './fixtures';

export interface InventoryState {
  fleet: { rows: FleetRow[]; counters: FleetCounters };
  installations: Map<string, InstallationView>;
  inbox: InboxItem[];
  contracts: ContractRow[];
  reconciliation: Reconciliation;
  tokens: ListenerTokenInfo[];
  backups: Array<{ path: string; at: number; bytes: number }>;
  archive: ResponseOf<'data.archive'>;
}

export interface InventoryOptions {
  fleet?: FleetRow[];
  installations?: InstallationView[];
  inbox?: InboxItem[];
  contracts?: ContractRow[];
  reconciliation?: Reconciliation;
  tokens?: ListenerTokenInfo[];
  backups?: InventoryState['backups'];
  archive?: InventoryState['archive'];
}

export function inventoryState(options: InventoryOptions): InventoryState {
  const rows = [...(options.fleet ?? [])];
  return {
    fleet: { rows, counters: countersOf(rows) },
    installations: new Map((options.installations ?? []).map((v) => [v.installation.serial, v])),
    inbox: [...(options.inbox ?? [])],
    contracts: [...(options.contracts ?? [])],
    reconciliation: options.reconciliation ?? EMPTY_RECONCILIATION,
    tokens: [...(options.tokens ?? [])],
    backups: [...(options.backups ?? [])],
    archive: options.archive ?? {
      segments: 0,
      entries: 0,
      lastSeq: 0,
      firstAt: null,
      lastAt: null,
      compressedBytes: 0,
      dir: '/tmp/fleetdesk-test/journal/archive',
    },
  };
}

type InventoryMethod = keyof typeof inventoryMethods & MethodName;

export function isInventoryMethod(method: MethodName): method is InventoryMethod {
  return Object.hasOwn(inventoryMethods, method);
}
type Emit = (event: 'inbox.changed', payload: InboxItem[]) => void;

/** In-memory versions of the inventory methods: enough behaviour for the pages to be exercised. */
export function handleInventory(
  state: InventoryState,
  method: InventoryMethod,
  request: unknown,
  emit: Emit,
): Result<unknown> {
  const req = <M extends InventoryMethod>() => request as RequestOf<M>;
  switch (method) {
    case 'fleet.list':
      return ok(state.fleet);
    case 'installation.get':
      return viewOf(state, req<'installation.get'>().serial);
    case 'installation.addNote': {
      const { serial, text } = req<'installation.addNote'>();
      return update(state, serial, (v) => ({
        ...v,
        timeline: [
          {
            seq: v.timelineTotal + 1,
            at: Date.now(),
            type: 'note.added',
            actor: 'Ada',
            summary: text,
            detail: {},
          },
          ...v.timeline,
        ],
        timelineTotal: v.timelineTotal + 1,
      }));
    }
    case 'installation.setFallback': {
      // Answers like the core: the operator's value with their name, or none (onboarding's again).
      const { serial, seconds } = req<'installation.setFallback'>();
      return update(state, serial, (v) => {
        const { fallbackTimeoutOverride: _old, ...installation } = v.installation;
        const override =
          seconds === null ? {} : { fallbackTimeoutOverride: { seconds, at: Date.now(), by: 'Ada' } };
        return { ...v, installation: { ...installation, ...override } };
      });
    }
    case 'links.end': {
      const { serial, reason } = req<'links.end'>();
      const ended = { at: Date.now(), by: 'Ada', reason, source: { kind: 'operator' as const, ref: 'op-x' } };
      return update(state, serial, (v) => ({
        ...v,
        contract: null,
        links: v.links.map((l) => (l.ended ? l : { ...l, ended })),
      }));
    }
    case 'inbox.list':
      return ok(state.inbox);
    case 'inbox.addNote': {
      const { serial, text } = req<'inbox.addNote'>();
      const note = { at: Date.now(), by: 'Ada', text };
      state.inbox = state.inbox.map((i) =>
        i.serial === serial ? { ...i, notes: [...(i.notes ?? []), note] } : i,
      );
      return ok(state.inbox);
    }
    case 'inbox.link':
    case 'inbox.reject': {
      const { serial } = request as { serial: string };
      if (!state.inbox.some((i) => i.serial === serial))
        return fail('not-found', `${serial} is not in the inbox`);
      state.inbox = state.inbox.filter((i) => i.serial !== serial);
      emit('inbox.changed', state.inbox);
      return ok(state.inbox);
    }
    case 'inbox.linkClearMatches': {
      // Links every requested card that is still shown as a clear match; reports the rest.
      const { links } = req<'inbox.linkClearMatches'>();
      const clear = (serial: string) => state.inbox.some((i) => i.serial === serial && i.clearMatch);
      const linked = links.filter((l) => clear(l.serial)).map((l) => l.serial);
      const skipped = links.filter((l) => !clear(l.serial)).map((l) => ({ ...l, why: 'it is linked now' }));
      state.inbox = state.inbox.filter((i) => !linked.includes(i.serial));
      emit('inbox.changed', state.inbox);
      return ok({ linked, skipped, items: state.inbox });
    }
    case 'contracts.list':
      return ok(state.contracts);
    case 'contracts.preview':
    case 'contracts.import': {
      const { csv, mapping } = req<'contracts.preview'>();
      // As the core judges it: stored, and whether the row is exactly the stored contract.
      const stored = new Map(state.contracts.map(({ linkedSerial: _l, ...c }) => [c.contractNumber, c]));
      const { report, contracts } = parseContractCsv(csv, mapping, (c) => {
        const known = stored.get(c.contractNumber);
        if (known === undefined) return false;
        return JSON.stringify(known) === JSON.stringify(c) ? 'unchanged' : true;
      });
      if (method === 'contracts.preview') return ok({ ...report, imported: 0 });
      // As the core does: a contract number imported again replaces the stored contract.
      const imported = new Set(contracts.map((c) => c.contractNumber));
      state.contracts = [
        ...state.contracts.filter((c) => !imported.has(c.contractNumber)),
        ...contracts.map((c) => ({ ...c, linkedSerial: null })),
      ];
      return ok({ ...report, imported: contracts.length });
    }
    case 'contracts.reconcile':
      return ok(state.reconciliation);
    case 'tokens.list':
      return ok(state.tokens);
    case 'tokens.create': {
      const { label, serial } = req<'tokens.create'>();
      const token = {
        id: `t-${state.tokens.length + 1}`,
        label,
        serial,
        createdAt: new Date().toISOString(),
      };
      state.tokens = [...state.tokens, token];
      return ok({ secret: `secret-${token.id}-0123456789abcdef`, token });
    }
    case 'tokens.revoke': {
      const { id } = req<'tokens.revoke'>();
      state.tokens = state.tokens.map((t) =>
        t.id === id ? { ...t, revokedAt: new Date().toISOString() } : t,
      );
      return ok(state.tokens);
    }
    case 'data.exportCsv': {
      const { what } = req<'data.exportCsv'>();
      return ok({
        fileName: `${what}.csv`,
        csv: what === 'installations' ? 'serial\r\nSG1-0001' : 'contractNumber\r\nC-1001',
      });
    }
    case 'data.backup': {
      const backup = {
        path: `/tmp/fleetdesk-test/backups/backup-${state.backups.length + 1}.json`,
        at: Date.now(),
        bytes: 2048,
      };
      state.backups = [...state.backups, backup];
      return ok({ path: backup.path });
    }
    case 'data.listBackups':
      return ok(state.backups);
    case 'data.restore':
      return ok({ movedTo: '/tmp/fleetdesk-test/replaced-1' });
    case 'data.archive':
      return ok(state.archive);
  }
}

function viewOf(state: InventoryState, serial: string): Result<InstallationView> {
  const view = state.installations.get(serial);
  return view ? ok(view) : fail('not-found', `No installation ${serial}`);
}

function update(
  state: InventoryState,
  serial: string,
  change: (v: InstallationView) => InstallationView,
): Result<InstallationView> {
  const view = state.installations.get(serial);
  if (!view) return fail('not-found', `No installation ${serial}`);
  const next = change(view);
  state.installations.set(serial, next);
  return ok(next);
}
