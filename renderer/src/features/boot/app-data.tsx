import { createContext, useContext, type ReactNode } from 'react';
import type { AppInfo } from '../../../../shared/contract';
import type { Settings } from '../../../../shared/domain/settings';

/** What the shell loaded at boot and keeps live; every page can read it without fetching again. */
export interface AppData {
  info: AppInfo;
  settings: Settings;
  replaceSettings(settings: Settings): void;
}

const AppDataContext = createContext<AppData | null>(null);

export function AppDataProvider({ value, children }: { value: AppData; children?: ReactNode }) {
  return <AppDataContext value={value}>{children}</AppDataContext>;
}

/** The booted app data; only usable below the boot gate. */
export function useAppData(): AppData {
  const data = useContext(AppDataContext);
  if (!data) throw new Error('useAppData() is only available once the app has booted');
  return data;
}
