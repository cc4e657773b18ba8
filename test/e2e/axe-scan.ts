/**
 * axe-core scans for the accessibility spec: one screen (or dialog) as it is now, at both window sizes and in
 * both themes, changed in place (viewport, and the OS colour scheme the System theme follows) so a screen
 * costs one page load. Only serious and critical violations count; each is kept as one readable line (rule,
 * impact, the element, axe's summary) so a failure says what to fix and where.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const SIZES = [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
] as const;
export const SCHEMES = ['light', 'dark'] as const;

/** The screens scanned so far in one test, with what each scan found. */
export class AxeReport {
  readonly problems: string[] = [];
  readonly scanned: string[] = [];

  constructor(private readonly page: Page) {}

  /**
   * Scans the page as it stands under `name`, at every size and in every theme. `within` narrows the
   * scan to a dialog (the page behind a modal dialog is inert and was scanned on its own).
   */
  async scan(name: string, within?: string): Promise<void> {
    for (const size of SIZES) {
      await this.page.setViewportSize(size);
      for (const scheme of SCHEMES) {
        await this.page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
        await expect(this.page.locator('html')).toHaveAttribute('data-theme', scheme);
        const builder = new AxeBuilder({ page: this.page }).options({
          // experimental in axe, but WCAG 2.5.3 (label in name) is one of the findings
          rules: { 'label-content-name-mismatch': { enabled: true } },
          // only the violations come back: the passes' details would cost time and say nothing here
          resultTypes: ['violations'],
        });
        if (within) builder.include(within);
        const results = await builder.analyze();
        const where = `${name} (${scheme}, ${size.width}x${size.height})`;
        this.scanned.push(where);
        for (const violation of results.violations) {
          if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
          for (const node of violation.nodes) {
            const summary = (node.failureSummary ?? violation.help).replace(/\s+/g, ' ').trim();
            const problem = `${where}: ${violation.id} [${violation.impact}] ${node.target.join(' ')}: ${summary}`;
            this.problems.push(problem);
            // printed as found too, so a later step that fails does not hide what the scans saw
            console.log(problem);
          }
        }
      }
    }
  }

  /** The screen's single level-one heading, as a screen reader lists headings (hidden ones left out). */
  async expectOneH1(name: string): Promise<void> {
    const count = await this.page.getByRole('heading', { level: 1 }).count();
    if (count !== 1) this.problems.push(`${name}: ${count} level-one headings, not 1`);
  }

  /** Fails with every problem found, one per line. */
  expectClean(): void {
    expect(this.problems.join('\n'), `violations in ${this.scanned.length} scans`).toBe('');
  }
}
