import { act, render, screen } from '@testing-library/react';
import { StrictMode, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { ApiProvider } from '../../renderer/src/api';
import { useDataProgress } from '../../renderer/src/hooks/use-data-progress';
import { createFakeApi, type FakeApi } from './fake-api';

let start: () => void = () => undefined;

function Task() {
  const [active, setActive] = useState(false);
  start = () => setActive(true);
  const progress = useDataProgress('contracts-preview', active);
  if (!active) return <p>idle</p>;
  return <p role="status">{progress ? `${progress.done} of ${progress.total}` : 'running'}</p>;
}

function renderTask(fake: FakeApi) {
  render(
    <StrictMode>
      <ApiProvider api={fake.api}>
        <Task />
      </ApiProvider>
    </StrictMode>,
  );
}

describe('useDataProgress', () => {
  it('listens from the commit that shows the task running, so the first report is never missed', async () => {
    const fake = createFakeApi();
    renderTask(fake);
    // Seen from a DOM observer: a microtask after the commit, before React runs any passive effect.
    const listenersWhenShown = await new Promise<number>((resolve) => {
      const observer = new MutationObserver(() => {
        if (!screen.queryByRole('status')) return;
        observer.disconnect();
        resolve(fake.listenerCount('data.progress'));
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      // Outside act(), as a core reply would arrive: React schedules the render itself.
      const env = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean | undefined };
      const previous = env.IS_REACT_ACT_ENVIRONMENT;
      env.IS_REACT_ACT_ENVIRONMENT = false;
      try {
        start();
      } finally {
        env.IS_REACT_ACT_ENVIRONMENT = previous;
      }
    });
    expect(listenersWhenShown).toBe(1);
  });

  it("shows only its own task's reports", async () => {
    const fake = createFakeApi();
    renderTask(fake);
    act(() => start());
    act(() => fake.emit('data.progress', { task: 'contracts-import', done: 9, total: 10 }));
    expect(screen.getByRole('status').textContent).toBe('running');
    act(() => fake.emit('data.progress', { task: 'contracts-preview', done: 3, total: 10 }));
    expect(screen.getByRole('status').textContent).toBe('3 of 10');
  });
});
