import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import Notice from '../../renderer/src/components/Notice.svelte';

describe('Notice tones follow the news', () => {
  it('shows a deactivation as a warning, announced politely, and a failure as an alert', () => {
    render(Notice, { tone: 'warning', message: '1 workflow was deactivated.' });
    const warning = screen.getByRole('status');
    expect(warning).toHaveClass('warning');
    expect(warning).not.toHaveClass('success');
    render(Notice, { tone: 'critical', message: 'Could not save.' });
    expect(screen.getByRole('alert')).toHaveClass('critical');
  });
});
