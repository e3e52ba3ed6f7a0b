import { MantineProvider, createTheme, localStorageColorSchemeManager } from '@mantine/core';
import type { ApiClient } from '../../../shared/contract';
import { ApiProvider, type ConnectionMonitor } from '../api';
import { BootGate } from '../features/boot';
import { PAGES, type PageDef } from './pages';
import { Shell } from './shell';

const theme = createTheme({ primaryColor: 'teal', defaultRadius: 'sm' });

// Remembers the last scheme across starts, so the first paint matches before settings load.
const colorSchemeManager = localStorageColorSchemeManager({ key: 'fleetdesk-color-scheme' });

export interface AppProps {
  api: ApiClient;
  connection?: ConnectionMonitor;
  /** Replaceable in tests (for example with a page that throws). */
  pages?: readonly PageDef[];
  /** Mantine's 'test' environment turns off transitions and portals. */
  env?: 'default' | 'test';
}

/** The whole UI, given an API: theme, API context, boot gate and shell. */
export function App({ api, connection, pages = PAGES, env = 'default' }: AppProps) {
  return (
    <MantineProvider
      theme={theme}
      defaultColorScheme="auto"
      colorSchemeManager={colorSchemeManager}
      env={env}
    >
      <ApiProvider api={api} {...(connection ? { connection } : {})}>
        <BootGate>
          <Shell pages={pages} />
        </BootGate>
      </ApiProvider>
    </MantineProvider>
  );
}
