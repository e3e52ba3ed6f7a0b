import { render, screen } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { ImpactSummary } from '../../renderer/src/features/control/impact-summary';
import { RolloutOptionsForm } from '../../renderer/src/features/control/rollout-options-form';
import type { DryRun, DryRunTarget } from '../../shared/domain/control/dry-run';
import { DEFAULT_ROLLOUT } from '../../shared/domain/control/rollout-plan';

const show = (ui: ReactNode) => render(<MantineProvider>{ui}</MantineProvider>);

const target = (serial: string, errors: string[] = []): DryRunTarget => ({
  serial,
  kind: 'live',
  message: null,
  errors,
  warnings: [],
  impact: {},
  lease: null,
});

describe('control words count in the right number', () => {
  it('says "1 site", "1 target refused" for one', () => {
    const dryRun: DryRun = {
      kind: 'live',
      at: 0,
      targets: [target('SG1-1'), target('SG1-2', ['no fallback timeout known'])],
      valid: ['SG1-1'],
      invalid: ['SG1-2'],
      homes: 1,
      totals: { storage: { targets: 1, setpointW: 3000, atStakeW: 3000 } },
      totalW: 3000,
      confirmation: { kind: 'none' },
      blockedBy: null,
    } as DryRun;
    show(<ImpactSummary dryRun={dryRun} />);
    expect(screen.getByTestId('impact-homes').textContent).toBe('1 home affected');
    expect(screen.getByTestId('impact-storage').textContent).toContain('at stake over 1 site');
    expect(screen.getByText('1 target refused by the checks')).toBeTruthy();
  });

  it('says plainly when nothing can be sent, and "1 target goes out in 1 batch"', () => {
    const { unmount } = show(
      <RolloutOptionsForm value={DEFAULT_ROLLOUT} targets={0} onChange={() => undefined} />,
    );
    expect(screen.getByTestId('plan-words').textContent).toBe(
      'Nothing can be sent: no target passed the checks.',
    );
    unmount();
    show(<RolloutOptionsForm value={DEFAULT_ROLLOUT} targets={1} onChange={() => undefined} />);
    expect(screen.getByTestId('plan-words').textContent).toMatch(/^1 target goes out in 1 batch,/);
  });
});
