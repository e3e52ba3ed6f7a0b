import type { ComponentType } from 'react';
import { ActivityPage } from '../features/activity/activity-page';
import { ContractsPage } from '../features/contracts/contracts-page';
import { ControlPage } from '../features/control/control-page';
import { FleetPage } from '../features/fleet/fleet-page';
import { InboxPage } from '../features/inbox/inbox-page';
import { InstallationPage } from '../features/installation/installation-page';
import { SchedulesPage } from '../features/schedules/schedules-page';
import { SettingsPage } from '../features/settings/settings-page';

export interface PageDef {
  /** The hash path: `#/fleet`. */
  path: string;
  /** The navigation label, also the link's accessible name. */
  label: string;
  Component: ComponentType;
  /**
   * Set for a detail page reached from another page (an installation, from Fleet): it is left out
   * of the navigation, which marks the parent as current instead.
   */
  navParent?: string;
}

/** Every page, in navigation order (detail pages anywhere); the first is the home page. */
export const PAGES: readonly PageDef[] = [
  { path: 'fleet', label: 'Fleet', Component: FleetPage },
  { path: 'inbox', label: 'Inbox', Component: InboxPage },
  { path: 'contracts', label: 'Contracts', Component: ContractsPage },
  { path: 'control', label: 'Control', Component: ControlPage },
  { path: 'schedules', label: 'Schedules', Component: SchedulesPage },
  { path: 'activity', label: 'Activity', Component: ActivityPage },
  { path: 'settings', label: 'Settings', Component: SettingsPage },
  { path: 'installation', label: 'Installation', Component: InstallationPage, navParent: 'fleet' },
];
