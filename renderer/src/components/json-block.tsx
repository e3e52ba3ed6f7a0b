import { Code, Text } from '@mantine/core';

export interface JsonBlockProps {
  /** The summary line the operator clicks to open the block. */
  summary: string;
  value: unknown;
}

/**
 * Raw data behind a disclosure: a native <details>, so it opens with the keyboard, needs no state,
 * and keeps long payloads out of the way until someone asks for them.
 */
export function JsonBlock({ summary, value }: JsonBlockProps) {
  return (
    <details>
      <Text component="summary" size="sm" style={{ cursor: 'pointer' }}>
        {summary}
      </Text>
      <Code block mt="xs" style={{ maxHeight: 320, overflow: 'auto' }}>
        {JSON.stringify(value, null, 2)}
      </Code>
    </details>
  );
}
