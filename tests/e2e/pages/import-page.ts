import { expect, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';

export const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

/** The /import page: pick files, wait for the preview, import, read the summary. */
export class ImportPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto('/import');
    await expect(this.page.getByRole('heading', { name: 'Import', exact: true })).toBeVisible();
  }

  async importFiles(...names: string[]) {
    await this.page.getByLabel('Import files').setInputFiles(names.map(fixture));
    await expect(this.page.getByTestId('import-preview')).toHaveCount(names.length, { timeout: 90_000 });
    await this.page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(this.page.getByTestId('import-summary')).toBeVisible({ timeout: 90_000 });
  }

  async counts() {
    const v = async (id: string) => Number(await this.page.getByTestId(id).getAttribute('data-value'));
    return {
      inserted: await v('import-inserted'),
      updated: await v('import-updated'),
      unchanged: await v('import-unchanged'),
      rejected: await v('import-rejected'),
    };
  }
}

export async function kpi(page: Page, id: string): Promise<number> {
  const el = page.getByTestId(`kpi-${id}`);
  await expect(el).toBeVisible();
  return Number(await el.getAttribute('data-value'));
}
