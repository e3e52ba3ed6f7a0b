import { Modal, type ModalProps } from '@mantine/core';

/**
 * Every dialog of the app. Mantine's close (X) button is an icon with no text, so a screen reader
 * announced it as a bare "button"; the name is given here once, for every dialog.
 */
export function Dialog({ closeButtonProps, ...props }: ModalProps) {
  return <Modal {...props} closeButtonProps={{ 'aria-label': 'Close', ...closeButtonProps }} />;
}
