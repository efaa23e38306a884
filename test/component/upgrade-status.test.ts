import { render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import UpgradeStatus from '../../renderer/src/components/UpgradeStatus.svelte';
import { ApiClient } from '../../renderer/src/lib/api/client';
import { i18n } from '../../renderer/src/lib/i18n/i18n.svelte';
import { upgrade } from '../../renderer/src/lib/state/upgrade.svelte';
import type { UpgradeProgress } from '../../electron/store/upgrade-progress';

afterEach(() => {
  i18n.setLanguage('en');
  upgrade.progress = null;
});

const step16: UpgradeProgress = {
  version: 16,
  name: 'search values as full-text terms',
  step: 1,
  steps: 1,
  done: 200_000,
  total: 1_000_000,
  unit: 'trigger events',
};

describe('the database upgrade while the app opens', () => {
  it('says what is upgraded and how far, in English and Norwegian, with a progress bar', () => {
    upgrade.progress = step16;
    render(UpgradeStatus);
    expect(screen.getByRole('status')).toHaveTextContent(
      'Upgrading the database: search values as full-text terms, 200,000 of 1,000,000 trigger events',
    );
    expect(screen.getByRole('progressbar')).toHaveAttribute('value', '200000');
    i18n.setLanguage('nb');
    flushSync();
    expect(screen.getByRole('status')).toHaveTextContent(
      /Oppgraderer databasen: søkeverdier som fulltekst-termer, 200\s000 av 1\s000\s000 utløserhendelser/,
    );
  });

  it('a step without counts, the backup first, and a step this renderer has no words for (the API gives its name)', () => {
    upgrade.progress = { ...step16, version: null, name: 'backup before upgrading', step: 0, done: null, total: null, unit: null };
    render(UpgradeStatus);
    expect(screen.getByRole('status')).toHaveTextContent('Upgrading the database: a copy of it first');
    // A version past every migration this renderer knows (its words end with the steps it shipped with).
    upgrade.progress = { ...step16, version: 999, name: 'runs by day', step: 2, steps: 2, done: null, total: null };
    flushSync();
    expect(screen.getByRole('status')).toHaveTextContent('Upgrading the database: runs by day (step 2 of 2)');
  });

  it('a call answered `upgrading` shows the progress and asks again; the first real answer clears it', async () => {
    const answers = [
      { ok: false as const, error: { code: 'upgrading', message: 'Upgrading the database: …', details: { upgrade: step16 } } },
      { ok: true as const, value: [{ id: 'o1' }] },
    ];
    let seenWhileWaiting: UpgradeProgress | null = null;
    const client = new ApiClient(async () => {
      seenWhileWaiting ??= upgrade.progress;
      return answers.shift()!;
    }, 1);
    expect(await client.call('organizations.list', {})).toEqual([{ id: 'o1' }]);
    expect(seenWhileWaiting).toEqual(step16);
    expect(upgrade.progress).toBeNull();
  });
});
