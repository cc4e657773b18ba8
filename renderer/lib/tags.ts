/** Tags as typed: space-separated, duplicates dropped. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(/\s+/).filter(Boolean))];
}
