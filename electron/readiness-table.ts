/** `cue readiness`: predicted recall on the target date per section and for the deck, as JSON or a table. */
import type { Readiness, ReadinessGroup } from '../shared/readiness';

const rounded = (value: number) => Math.round(value * 10_000) / 10_000;

function groupJson(group: ReadinessGroup) {
  return {
    id: group.id,
    name: group.name,
    cards: group.cards,
    recallIfStopped: rounded(group.recallIfStopped),
    recallOnSchedule: rounded(group.recallOnSchedule),
    atRisk: group.atRisk,
  };
}

/** Exactly `{date, sections: [...], deck}`, each group with its six fields, recall as means in 0..1. */
export function readinessJson(readiness: Readiness) {
  return { date: readiness.date, sections: readiness.sections.map(groupJson), deck: groupJson(readiness.deck) };
}

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

export function formatReadinessTable(readiness: Readiness): string {
  const days = readiness.daysLeft === 1 ? '1 day' : `${readiness.daysLeft} days`;
  const mode = readiness.deadlineMode ? 'deadline mode on' : 'deadline mode off';
  const width = Math.max(7, ...readiness.sections.map((s) => s.name.length), readiness.deck.name.length);
  const row = (name: string, cards: string, stopped: string, onSchedule: string, risk: string) =>
    `${name.padEnd(width)}  ${cards.padStart(5)}  ${stopped.padStart(14)}  ${onSchedule.padStart(14)}  ${risk.padStart(7)}\n`;
  const line = (group: ReadinessGroup) =>
    row(
      group.name,
      String(group.cards),
      percent(group.recallIfStopped),
      percent(group.recallOnSchedule),
      String(group.atRisk),
    );
  return (
    `Predicted recall on ${readiness.date} (${days} left, ${mode}; at risk: below ${percent(readiness.desiredRetention)} on schedule)\n` +
    row('section', 'cards', 'if you stop', 'on schedule', 'at risk') +
    readiness.sections.map(line).join('') +
    line(readiness.deck)
  );
}
