import type { ControlCommand } from '../../../shared/domain/control/dry-run';
import type { ControlEmitter } from './control-events';
import type { ControlJournal } from './control-journal';
import type { ControlDeps, ControlOptions } from './control-options';
import type { ControlProtocol } from './control-protocol';
import type { ControlState } from './control-state';
import { groupsOf, type DryRunContext } from './dry-run-builder';
import type { FeedbackWatch } from './feedback-watch';
import type { LeaseKeeper } from './lease-keeper';
import type { Pacer } from './pacer';

/** The parts of live control, wired once by the service and shared by its helpers. */
export type ControlContext = {
  deps: ControlDeps;
  options: ControlOptions;
  protocol: ControlProtocol;
  pacer: Pacer;
  watch: FeedbackWatch;
  journal: ControlJournal;
  state: ControlState;
  keeper: LeaseKeeper;
  emitter: ControlEmitter;
  dryRunContext(now: number): DryRunContext;
};

/** The dry-run context over the inventory and the commands in force. */
export function makeDryRunContext(ctx: Omit<ControlContext, 'dryRunContext'>, now: number): DryRunContext {
  return {
    profile: ctx.protocol.current,
    now,
    installation: (serial) => ctx.deps.inventory.getInstallation(serial),
    fallbackOverride: (serial) => ctx.deps.fallbackOverride?.(serial),
    overlapping: (serial: string, cmd: ControlCommand) => {
      const lease = ctx.state.leases.get(serial);
      if (lease === undefined) return [];
      return lease.overlapping(groupsOf(cmd)).map((c) => c.view());
    },
  };
}
