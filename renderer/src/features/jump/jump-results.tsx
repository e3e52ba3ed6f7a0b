import { ScrollArea, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { JumpTarget } from './jump-targets';

/** The id of the option at `index`, for the input's aria-activedescendant. */
export const optionId = (listId: string, index: number) => `${listId}-option-${index}`;

export interface JumpResultsProps {
  listId: string;
  targets: readonly JumpTarget[];
  /** The option Enter opens; -1 when there is none. */
  active: number;
  onHover(index: number): void;
  onPick(target: JumpTarget): void;
}

/**
 * The palette's results, in the dialog's flow right under the input (not a floating dropdown,
 * which opened above the input and was clipped by the dialog), scrolling on their own. Focus stays
 * in the input: the highlighted option is announced through aria-activedescendant.
 */
export function JumpResults({ listId, targets, active, onHover, onPick }: JumpResultsProps) {
  const viewport = useRef<HTMLDivElement>(null);
  // Keep the option chosen with the arrow keys in view when the list scrolls.
  useEffect(() => {
    const option = viewport.current?.ownerDocument.getElementById(optionId(listId, active));
    option?.scrollIntoView?.({ block: 'nearest' });
  }, [listId, active]);
  return (
    <ScrollArea.Autosize mah="min(420px, 55vh)" viewportRef={viewport} mt="xs">
      <div role="listbox" id={listId} aria-label="Results">
        {targets.map((t, index) => (
          <div
            key={t.href}
            role="option"
            id={optionId(listId, index)}
            aria-selected={index === active}
            style={{
              padding: '6px var(--mantine-spacing-sm)',
              borderRadius: 'var(--mantine-radius-sm)',
              cursor: 'pointer',
              background: index === active ? 'var(--mantine-primary-color-light)' : undefined,
            }}
            // Keeps the focus (and the caret) in the input.
            onMouseDown={(event) => event.preventDefault()}
            onMouseMove={() => {
              if (index !== active) onHover(index);
            }}
            onClick={() => onPick(t)}
          >
            <Text size="sm" ff={t.detail === 'page' ? 'text' : 'monospace'}>
              {t.label}
            </Text>
            <Text size="xs" c="dimmed">
              {t.detail}
            </Text>
          </div>
        ))}
      </div>
    </ScrollArea.Autosize>
  );
}
