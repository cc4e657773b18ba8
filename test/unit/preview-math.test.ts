/** Math typeset in one-line previews, text and search marks left as they were. */
import { describe, expect, it } from 'vitest';
import { withMath } from '../../renderer/lib/preview-math';

describe('math in a preview', () => {
  it('typesets $…$ and \\(…\\) with KaTeX, keeping the text and its marks around it', () => {
    const out = withMath('An LRU <mark>cache</mark> in $O(1)$ time, or \\(x^2\\)');
    expect(out).toContain('An LRU <mark>cache</mark> in <span class="katex">');
    expect(out.match(/class="katex"/g)).toHaveLength(2);
    expect(out).not.toContain('$O(1)$');
    expect(out).toContain(' time, or ');
  });

  it('reads the escaped text back for TeX, and drops marks that fell inside the math', () => {
    // the core escapes with numeric entities (card-search.ts markMatches)
    expect(withMath('$a &#60; b$ and $x &#x3e; 0$').match(/class="katex"/g)).toHaveLength(2);
    const out = withMath('If $a &lt; <mark>b</mark>$ then');
    expect(out).toContain('class="katex"');
    expect(out).not.toContain('<mark>b</mark>');
    expect(out).toContain('&lt;');
  });

  it('leaves prices, spaced dollars, broken TeX and previews without math alone', () => {
    expect(withMath('It costs $5 and $10')).toBe('It costs $5 and $10');
    expect(withMath('a $ b $ c')).toBe('a $ b $ c');
    expect(withMath('bad $\\frac{1$ tex')).toBe('bad $\\frac{1$ tex');
    expect(withMath('plain <mark>text</mark>')).toBe('plain <mark>text</mark>');
  });

  it('gives TeX no way to a link or a script', () => {
    const out = withMath('$\\href{javascript:alert(1)}{x}$ and $\\htmlClass{a}{b}$');
    expect(out).not.toMatch(/href=|javascript:|<script/i);
  });
});
