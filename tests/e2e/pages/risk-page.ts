import { expect, type Locator, type Page } from '@playwright/test';

export interface BaseSettings {
  mean?: string;
  sd?: string;
  start?: string;
  target?: string;
  horizon?: string;
  paths?: string;
  seed?: string;
}

/** The /risk page: the simulation settings form and its tool panels. */
export class RiskPage {
  readonly form: Locator;

  constructor(private readonly page: Page) {
    this.form = page.getByRole('form', { name: 'Simulation settings' });
  }

  async goto() {
    await this.page.goto('/risk');
    await expect(this.page.getByRole('heading', { name: 'Risk lab' })).toBeVisible();
  }

  async setBase(s: BaseSettings) {
    const fields: [keyof BaseSettings, string][] = [
      ['mean', 'Mean per step ($)'],
      ['sd', 'SD per step ($)'],
      ['start', 'Start ($)'],
      ['target', 'Target ($)'],
      ['horizon', 'Horizon (steps)'],
      ['paths', 'Paths'],
      ['seed', 'Seed'],
    ];
    for (const [key, label] of fields) {
      const v = s[key];
      if (v !== undefined) await this.form.getByLabel(label, { exact: true }).fill(v);
    }
  }

  /** Presses Simulate and waits until the fan chart of the new run is drawn. */
  async simulate() {
    const saved = await this.page.getByTestId('saved-run').count();
    await this.form.getByRole('button', { name: 'Simulate' }).click();
    await expect(this.page.getByTestId('saved-run')).toHaveCount(Math.min(10, saved + 1), {
      timeout: 60_000,
    });
    await expect(this.page.getByTestId('fan-chart').locator('svg')).toBeVisible();
  }

  panel(testId: 'stake-search' | 'scenario-lab' | 'prop-pass') {
    return this.page.getByTestId(testId);
  }
}

export const num = async (l: Locator, attr: string): Promise<number> => Number(await l.getAttribute(attr));
