/** One side of a card: Markdown or imported HTML, rendered by the shared, sanitising `renderCardContent`. */
import { memo, useMemo } from 'react';
import { renderCardContent } from './markdown';

interface Props {
  source: string;
  format: 'markdown' | 'html';
  testId: string;
  className?: string;
}

export const CardContent = memo(function CardContent({ source, format, testId, className }: Props) {
  const html = useMemo(() => renderCardContent(source, format), [source, format]);
  return (
    <div
      className={`card-content${className ? ` ${className}` : ''}`}
      data-testid={testId}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: renderCardContent sanitises with DOMPurify (and Markdown has raw HTML off).
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
});
