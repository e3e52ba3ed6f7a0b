import type { ComponentProps } from 'react';
import type { Dialog } from './dialog';

type DismissProps = Pick<
  ComponentProps<typeof Dialog>,
  'onClose' | 'closeOnEscape' | 'closeOnClickOutside' | 'withCloseButton'
>;

/**
 * How a dialog with an action may be dismissed: every way while nothing is in flight, no way while
 * its call is (Escape, a click outside, the close button). The call cannot be taken back, and a
 * failure is shown in the dialog: closed early, it would reach nobody and the operator would
 * believe the action worked.
 */
export function dismissUnlessPending(pending: boolean, onDismiss: () => void): DismissProps {
  return {
    // Guarded too, in case Mantine adds a way to close that these flags do not cover.
    onClose: () => {
      if (!pending) onDismiss();
    },
    closeOnEscape: !pending,
    closeOnClickOutside: !pending,
    withCloseButton: !pending,
  };
}
