export { BootGate } from './boot-gate';
export { useAppData, type AppData } from './app-data';
export { useBoot, type BootState } from './use-boot';
export { useProtocolProfile } from './use-protocol-profile';
