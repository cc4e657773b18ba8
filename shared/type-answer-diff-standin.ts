/**
 * TEMPORARY: stands in for shared/type-answer-diff.ts (Anki's typed-answer comparison), which comes to
 * this branch with the next merge of main; delete this file then and import the real one. It only marks
 * the whole typed text right or wrong, with Anki's class names.
 */
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function compareTypedAnswer(expected: string, typed: string): string {
  const want = expected.trim();
  if (typed === '') return `<code id=typeans>${escapeHtml(want)}</code>`;
  if (typed === want) return `<code id=typeans><span class=typeGood>${escapeHtml(want)}</span></code>`;
  return `<code id=typeans><span class=typeBad>${escapeHtml(typed)}</span><br><span id=typearrow>&darr;</span><br><span class=typeMissed>${escapeHtml(want)}</span></code>`;
}
