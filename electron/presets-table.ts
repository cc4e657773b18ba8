/** `cue presets`: every preset with its options and the decks that use it, as JSON or as a readable list. */
import type { DeckSummary } from '../shared/domain';
import type { Preset, PresetOptions } from '../shared/presets';

/** A preset as `cue presets --json` prints it: the API's Preset plus the names of its decks. */
export type PresetListing = Preset & { decks: { id: number; name: string }[] };

export function presetListing(presets: Preset[], decks: Pick<DeckSummary, 'id' | 'name'>[]): PresetListing[] {
  const names = new Map(decks.map((d) => [d.id, d.name]));
  return presets.map((preset) => ({
    ...preset,
    decks: preset.deckIds.map((id) => ({ id, name: names.get(id) ?? `deck ${id}` })),
  }));
}

const onOff = (on: boolean) => (on ? 'on' : 'off');

/** Each option as the options screen names it. */
const ROWS: [string, (o: PresetOptions) => string][] = [
  ['New cards a day', (o) => String(o.newPerDay)],
  ['Maximum reviews a day', (o) => String(o.reviewsPerDay)],
  ['New count against reviews', (o) => (o.newIgnoresReviewLimit ? 'no' : 'yes')],
  ['Learning steps', (o) => o.learningSteps || '(none)'],
  ['New-card order', (o) => o.newCardOrder],
  ['Review order', (o) => o.reviewOrder],
  ['Relearning steps', (o) => o.relearningSteps || '(none)'],
  ['Leech threshold', (o) => `${o.leechThreshold} lapses, then ${o.leechAction === 'tag' ? 'tag' : 'tag and suspend'}`],
  ['Bury siblings', (o) => `new ${onOff(o.buryNewSiblings)}, reviews ${onOff(o.buryReviewSiblings)}`],
  ['Maximum interval', (o) => `${o.maximumInterval} days`],
  ['Desired retention', (o) => `${Math.round(o.desiredRetention * 1000) / 10}%`],
  [
    'FSRS parameters',
    (o) => (o.fsrsParameters ? `fitted: ${o.fsrsParameters.map((p) => p.toFixed(4)).join(' ')}` : 'default'),
  ],
  ['Fuzz', (o) => onOff(o.fuzz)],
  ['Play audio automatically', (o) => onOff(o.autoplayAudio)],
];

export function formatPresetsTable(listing: PresetListing[]): string {
  const width = Math.max(...ROWS.map(([label]) => label.length)) + 2;
  return listing
    .map((preset) => {
      const decks = preset.decks.length ? preset.decks.map((d) => `${d.id} ${d.name}`).join('; ') : '(none)';
      const lines = [
        `${preset.id}  ${preset.name}${preset.isDefault ? '  (default: decks fall back to it)' : ''}`,
        `    ${'Decks'.padEnd(width)}${decks}`,
        ...ROWS.map(([label, value]) => `    ${label.padEnd(width)}${value(preset.options)}`),
      ];
      return `${lines.join('\n')}\n`;
    })
    .join('\n');
}
