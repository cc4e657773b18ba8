/**
 * Which old field feeds each field of another note type, as Anki's Change Note Type defaults it: the
 * old field of the same name (case aside), else the old field in the same place that no name took.
 * The same map carries a new note's typing over when its type is switched.
 */

/** For each new field, the index of the old field whose content it takes, or null. */
export function defaultFieldMap(oldFields: readonly string[], newFields: readonly string[]): (number | null)[] {
  const byName = newFields.map((name) => {
    const i = oldFields.findIndex((old) => old.toLowerCase() === name.toLowerCase());
    return i === -1 ? null : i;
  });
  const taken = new Set(byName.filter((i): i is number => i !== null));
  return byName.map((source, i) => {
    if (source !== null) return source;
    if (i >= oldFields.length || taken.has(i)) return null;
    taken.add(i);
    return i;
  });
}

/** For each new template, the old template whose card (and its history) it takes: the same place. */
export function defaultTemplateMap(oldCount: number, newCount: number): (number | null)[] {
  return Array.from({ length: newCount }, (_, i) => (i < oldCount ? i : null));
}

/** The old fields with content that the map sends nowhere: their content would be dropped. */
export function droppedFields(
  oldFields: readonly string[],
  values: readonly string[],
  map: readonly (number | null)[],
): string[] {
  const used = new Set(map);
  return oldFields.filter((_, i) => !used.has(i) && (values[i] ?? '').trim() !== '');
}

/** The new type's field values by the map. */
export function mapFields(values: readonly string[], map: readonly (number | null)[]): string[] {
  return map.map((source) => (source === null ? '' : (values[source] ?? '')));
}
