/**
 * The header and table head the screens share render exactly the markup each screen wrote out before
 * (roles, names and classes the end-to-end tests and screen readers rely on), through React's own
 * server renderer.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ScreenHeader } from '../../renderer/lib/screen-header';
import { TableHead } from '../../renderer/lib/table-head';

const back = (label: string, className = 'button ghost back') =>
  `<button type="button" class="${className}" aria-keyshortcuts="Escape"><span aria-hidden="true">←</span> ${label} <span class="key-hint" aria-hidden="true" data-key="Esc"></span></button>`;
const noop = () => {};

describe('ScreenHeader', () => {
  it('with its title, as the Import and Backups screens have it', () => {
    const html = renderToStaticMarkup(
      createElement(ScreenHeader, { backLabel: 'Decks', onBack: noop, title: 'Import', titleId: 'import-title' }),
    );
    expect(html).toBe(`<header class="screen-header">${back('Decks')}<h1 id="import-title">Import</h1></header>`);
  });

  it('as the editor has it', () => {
    const html = renderToStaticMarkup(
      createElement(ScreenHeader, {
        className: 'app-header',
        backLabel: 'Back',
        onBack: noop,
        backClassName: 'button ghost',
        title: 'Edit card',
        titleId: 'editor-title',
        titleClassName: 'editor-title',
      }),
    );
    expect(html).toBe(
      `<header class="app-header">${back('Back', 'button ghost')}<h1 id="editor-title" class="editor-title">Edit card</h1></header>`,
    );
  });

  it('with what a screen keeps beside the way back', () => {
    const html = renderToStaticMarkup(
      createElement(
        ScreenHeader,
        { className: 'stats-header', backLabel: 'Statistics', onBack: noop },
        createElement('div', { className: 'stats-title' }, createElement('h1', null, 'Card statistics')),
      ),
    );
    expect(html).toBe(
      `<header class="stats-header">${back('Statistics')}<div class="stats-title"><h1>Card statistics</h1></div></header>`,
    );
  });
});

describe('TableHead', () => {
  it('writes one row of column headers, numbers aligned and a hidden name over the buttons', () => {
    const html = renderToStaticMarkup(
      createElement(
        'table',
        null,
        createElement(TableHead, {
          columns: [
            { label: 'Section' },
            { label: 'New', numeric: true, className: 'count-new' },
            { label: 'Size', numeric: true },
            { label: 'Mastered', className: 'mastery-col' },
            { label: 'Actions', hidden: true },
          ],
        }),
      ),
    );
    expect(html).toBe(
      '<table><thead><tr>' +
        '<th scope="col">Section</th>' +
        '<th scope="col" class="num count-new">New</th>' +
        '<th scope="col" class="num">Size</th>' +
        '<th scope="col" class="mastery-col">Mastered</th>' +
        '<th scope="col"><span class="visually-hidden">Actions</span></th>' +
        '</tr></thead></table>',
    );
  });
});
