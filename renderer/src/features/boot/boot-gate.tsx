import { useMemo, type ReactNode } from 'react';
import { BootError, BootLoading } from '../../components/boot-screens';
import { AppDataProvider, type AppData } from './app-data';
import { useBoot } from './use-boot';
import { useThemeSync } from './use-theme-sync';

/** Renders the loading or error screen until app info and settings are in, then the app. */
export function BootGate({ children }: { children?: ReactNode }) {
  const { state, retry, replaceSettings } = useBoot();
  switch (state.phase) {
    case 'loading':
      return <BootLoading />;
    case 'error':
      return <BootError message={state.message} onRetry={retry} />;
    case 'ready':
      return (
        <Ready info={state.info} settings={state.settings} replaceSettings={replaceSettings}>
          {children}
        </Ready>
      );
  }
}

type ReadyProps = AppData & { children?: ReactNode };

function Ready({ info, settings, replaceSettings, children }: ReadyProps) {
  useThemeSync(settings.theme);
  const value = useMemo(() => ({ info, settings, replaceSettings }), [info, settings, replaceSettings]);
  return <AppDataProvider value={value}>{children}</AppDataProvider>;
}
