import type { ReactNode } from 'react';
import { Text } from '@mantine/core';

/** One labelled value in a description list (`<dl>`): a label above, the value below. */
export function Fact({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} size="sm" style={{ wordBreak: 'break-word' }}>
        {children}
      </Text>
    </div>
  );
}
