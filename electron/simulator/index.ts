/**
 * Public API of the SmartgridOne controller simulator: start a fleet in-process (tests, demo mode,
 * benchmarks), or use the pure model and generator directly.
 */
export { startFleet, type Fleet, type FleetOptions } from './fleet';
export { generateFleet, formatSerial, type GenerateOptions, type GeneratedFleet } from './fleet-generator';
export { ControllerModel, type CommandOutcome, type ControllerModelOptions } from './controller-model';
export type { ControllerRuntime, ControllerStatus } from './controller-runtime';
export { systemClock, type Clock } from './clock';
export { createManualClock, type ManualClock } from './manual-clock';
export { constantEnvironment, defaultEnvironment, type Environment } from './environment';
export {
  fleetOptionsSchema,
  parseFleetSettings,
  type FleetSettings,
  type FleetSettingsInput,
} from './options';
export { topics, siteNodeId, ResponseCode, POLICIES, GROUP_KEYS } from './profile';
export type { RunRecord, CommandRecord, FallbackRecord, RecordSink } from './run-record';
export type { Address, ControllerSpec, CustomerContract, ModelSpec } from './spec';
export type { FleetCounters } from './fleet-stats';
