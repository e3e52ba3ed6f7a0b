import { render, waitFor } from '@testing-library/react';
import { expect } from 'vitest';
import { App, type AppProps } from '../../renderer/src/app/app';
import type { FakeApi } from './fake-api';

/** Renders the whole app against a fake API and waits until it has booted. */
export async function renderApp(fake: FakeApi, props: Partial<AppProps> = {}) {
  const view = render(<App api={fake.api} env="test" {...props} />);
  await waitFor(() => expect(document.documentElement.dataset.appState).toBe('ready'));
  return view;
}
