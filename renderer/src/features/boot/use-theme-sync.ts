import { useEffect } from 'react';
import { useMantineColorScheme } from '@mantine/core';
import type { Settings } from '../../../../shared/domain/settings';

/**
 * Makes Mantine's color scheme follow the `theme` setting. The scheme manager also remembers the
 * last value in localStorage, so the next start paints in the right scheme before settings load.
 */
export function useThemeSync(theme: Settings['theme']): void {
  const { setColorScheme } = useMantineColorScheme();
  useEffect(() => {
    setColorScheme(theme);
    // setColorScheme is a new function on every render; the setting is what matters.
  }, [theme]);
}
