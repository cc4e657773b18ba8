/**
 * One side of a card: Markdown or imported HTML, rendered by the shared, sanitising `renderCardContent`,
 * in a box it cannot draw outside of (styles.css). A link in it opens only after the confirmation of
 * link-dialog.tsx, which shows the full address. In the dark theme an imported (HTML) card gets Anki's night
 * mode: its inline colours adjusted to read on the dark background and the `nightMode night_mode` classes
 * a note type's CSS looks for.
 */
import { type MouseEvent, memo, type Ref, useMemo, useState } from 'react';
import { type LinkVerdict, linkVerdict } from './card-urls';
import { LinkDialog } from './link-dialog';
import { renderCardContent } from './markdown';
import { useDarkTheme } from './use-dark-theme';

interface Props {
  source: string;
  format: 'markdown' | 'html';
  testId: string;
  className?: string;
  /** The rendered side, for what acts on its players (use-card-sounds.ts). */
  contentRef?: Ref<HTMLDivElement>;
}

export const CardContent = memo(function CardContent({ source, format, testId, className, contentRef }: Props) {
  const night = useDarkTheme() && format === 'html';
  const html = useMemo(() => renderCardContent(source, format, night), [source, format, night]);
  const [link, setLink] = useState<LinkVerdict | null>(null);

  // A click (or Enter, which clicks) on a link, or a middle click, asks first instead of following it.
  const onLinkClick = (event: MouseEvent<HTMLDivElement>) => {
    if (event.type === 'auxclick' && event.button !== 1) return;
    const target = event.target instanceof Element ? event.target.closest('a[href], area[href]') : null;
    if (!target || !event.currentTarget.contains(target)) return;
    event.preventDefault();
    event.stopPropagation();
    setLink(linkVerdict(target.getAttribute('href') ?? ''));
  };

  return (
    <>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the links inside are the controls; this catches their clicks. */}
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: Enter on a focused link is a click, so the keyboard is covered. */}
      <div
        ref={contentRef}
        className={`card-content${className ? ` ${className}` : ''}${night ? ' nightMode night_mode' : ''}`}
        data-testid={testId}
        onClick={onLinkClick}
        onAuxClick={onLinkClick}
        // biome-ignore lint/security/noDangerouslySetInnerHtml: renderCardContent sanitises (card-sanitizer.ts), and Markdown has raw HTML off.
        dangerouslySetInnerHTML={{ __html: html }}
      />
      {link && <LinkDialog verdict={link} onClose={() => setLink(null)} />}
    </>
  );
});
