import { DEFAULT_PROFILE, type ProtocolProfile } from '../../../../shared/protocol/profile';
import { useAppData } from './app-data';

/** The protocol profile the core uses: the one saved in Settings, or the default when none is. */
export function useProtocolProfile(): ProtocolProfile {
  return useAppData().settings.protocolProfile ?? DEFAULT_PROFILE;
}
