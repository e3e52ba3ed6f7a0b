/** Live control: the service the core wires in, and the types its API and events carry. */
export { ControlService, type SendResult, type RolloutStart } from './control-service';
export { Rollout } from './rollout';
export { DEFAULT_CONTROL_OPTIONS, type ControlDeps, type ControlOptions } from './control-options';
export type { SendOptions, Refusal, RefusalCode } from './admission';
export type { CommandView } from './command-record';
export type { ControlEvent, ControlListener, LeaseAtRisk } from './control-events';
export type { DispatchResult } from './dispatcher';
export type { Released } from './lease-keeper';
