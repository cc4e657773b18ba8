/**
 * Daily reminders on a fixed clock (electron/reminder-schedule.ts): the moment of the chosen time on each
 * day, daylight-saving days included; one notification a day, only when cards are due; a time missed
 * while asleep made up once on waking; nothing rung at once when the person turns them on; the badge.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  badgeCount,
  checkDelay,
  localDay,
  MAX_CHECK_WAIT_MS,
  nextReminder,
  REMINDER_STATE_FILE,
  ReminderClock,
  readSettledDay,
  reminderMoment,
  reminderOwed,
  reminderText,
  writeSettledDay,
} from '../../electron/reminder-schedule';
import type { ReminderPreferences } from '../../shared/preferences';
import { tempDir } from '../helpers/collections';

const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';
const at = (iso: string) => Date.parse(iso);
const day = (iso: string, timeZone = BERLIN) => localDay(at(iso), timeZone);
const ON: ReminderPreferences = { enabled: true, time: '09:00', keepInTray: true, openAtLogin: false };

describe('the moment of the reminder time', () => {
  it('09:00 in Berlin is 08:00 UTC in winter and 07:00 UTC in summer, on each side of both changes', () => {
    expect(reminderMoment(day('2026-03-28T12:00:00Z'), '09:00', BERLIN)).toBe(at('2026-03-28T08:00:00Z'));
    expect(reminderMoment(day('2026-03-29T12:00:00Z'), '09:00', BERLIN)).toBe(at('2026-03-29T07:00:00Z'));
    expect(reminderMoment(day('2026-10-24T12:00:00Z'), '09:00', BERLIN)).toBe(at('2026-10-24T07:00:00Z'));
    expect(reminderMoment(day('2026-10-25T12:00:00Z'), '09:00', BERLIN)).toBe(at('2026-10-25T08:00:00Z'));
  });

  it('a time the clocks skip rings when they jump; a time that happens twice rings the first time', () => {
    // 29 March 2026: Berlin's clocks go from 02:00 to 03:00 (01:00 UTC)
    expect(reminderMoment(day('2026-03-29T12:00:00Z'), '02:30', BERLIN)).toBe(at('2026-03-29T01:00:00Z'));
    // 25 October 2026: 02:00–03:00 happens twice, first in summer time (UTC+2)
    expect(reminderMoment(day('2026-10-25T12:00:00Z'), '02:30', BERLIN)).toBe(at('2026-10-25T00:30:00Z'));
    // New York: 8 March 2026, 02:00 EST jumps to 03:00 EDT (07:00 UTC)
    expect(reminderMoment(day('2026-03-08T12:00:00Z', NEW_YORK), '02:15', NEW_YORK)).toBe(at('2026-03-08T07:00:00Z'));
  });

  it('the day after a Saturday reminder is 23 hours on in spring and 25 in autumn', () => {
    const spring = nextReminder({ reminders: ON, now: at('2026-03-28T09:00:00Z'), timeZone: BERLIN, settledDay: null });
    expect(spring).toBe(at('2026-03-28T09:00:00Z')); // owed: today's 09:00 (08:00 UTC) has passed
    const settled = day('2026-03-28T09:00:00Z');
    const after = { reminders: ON, now: at('2026-03-28T09:00:00Z'), timeZone: BERLIN, settledDay: settled };
    expect(nextReminder(after)).toBe(at('2026-03-29T07:00:00Z'));
    expect((nextReminder(after) ?? 0) - at('2026-03-28T08:00:00Z')).toBe(23 * 3_600_000);
    const autumn = {
      reminders: ON,
      now: at('2026-10-24T10:00:00Z'),
      timeZone: BERLIN,
      settledDay: day('2026-10-24T10:00:00Z'),
    };
    expect((nextReminder(autumn) ?? 0) - at('2026-10-24T07:00:00Z')).toBe(25 * 3_600_000);
  });

  it('a day is the local day: 23:30 in New York is still that day though UTC has moved on', () => {
    expect(localDay(at('2026-06-02T03:30:00Z'), NEW_YORK)).toBe(localDay(at('2026-06-01T16:00:00Z'), NEW_YORK));
  });

  it('nothing while reminders are off: no next time, no badge; checks still come within the hour', () => {
    const off = { ...ON, enabled: false };
    const input = { reminders: off, now: at('2026-06-01T12:00:00Z'), timeZone: BERLIN, settledDay: null };
    expect(nextReminder(input)).toBeNull();
    expect(reminderOwed(input)).toBe(false);
    expect(badgeCount(off, 12)).toBe(0);
    expect(badgeCount(ON, 12)).toBe(12);
    expect(checkDelay(input)).toBe(MAX_CHECK_WAIT_MS);
  });

  it('waits until the time, but never more than an hour between checks', () => {
    const early = { reminders: ON, now: at('2026-06-01T06:30:00Z'), timeZone: BERLIN, settledDay: null };
    expect(checkDelay(early)).toBe(30 * 60_000); // 08:30 local: half an hour to 09:00
    const night = { ...early, now: at('2026-06-01T00:00:00Z') };
    expect(checkDelay(night)).toBe(MAX_CHECK_WAIT_MS);
  });

  it('says how many cards', () => {
    expect(reminderText(1).title).toBe('1 card to study');
    expect(reminderText(23).title).toBe('23 cards to study');
  });
});

/** A ReminderClock on a clock the test moves, with its timer, store and notifications laid bare. */
function harness(start: string, reminders: ReminderPreferences = ON, timeZone = BERLIN) {
  const state = {
    now: at(start),
    due: 5,
    reminders,
    settled: null as number | null,
    notified: [] as { at: string; due: number }[],
    badge: [] as number[],
    timer: null as { run: () => void; due: number } | null,
    failNotify: false,
  };
  const clock = new ReminderClock({
    now: () => state.now,
    timeZone,
    reminders: () => state.reminders,
    dueCount: () => state.due,
    notify: (due) => {
      if (state.failNotify) throw new Error('no notification service');
      state.notified.push({ at: new Date(state.now).toISOString(), due });
    },
    setBadge: (count) => state.badge.push(count),
    readSettled: () => state.settled,
    writeSettled: (settled) => {
      state.settled = settled;
    },
    setTimer: (run, ms) => {
      const timer = { run, due: state.now + ms };
      state.timer = timer;
      return () => {
        if (state.timer === timer) state.timer = null;
      };
    },
  });
  /** Lets time pass to `until`, firing the timers that fall due on the way, as a running app would. */
  const runUntil = (until: string) => {
    const end = at(until);
    while (state.timer && state.timer.due <= end) {
      state.now = state.timer.due;
      state.timer.run();
    }
    state.now = end;
  };
  return { state, clock, runUntil };
}

describe('a day of reminders', () => {
  it('rings once at the time, with the count, and again the next day', () => {
    const { state, clock, runUntil } = harness('2026-06-01T05:00:00Z'); // 07:00 in Berlin
    clock.check();
    expect(state.notified).toEqual([]);
    expect(state.badge.at(-1)).toBe(5);
    runUntil('2026-06-01T21:00:00Z');
    expect(state.notified).toEqual([{ at: '2026-06-01T07:00:00.000Z', due: 5 }]);
    runUntil('2026-06-02T21:00:00Z');
    expect(state.notified.map((n) => n.at)).toEqual(['2026-06-01T07:00:00.000Z', '2026-06-02T07:00:00.000Z']);
  });

  it('rings at the local time across the spring change: 08:00 UTC on Saturday, 07:00 UTC on Sunday', () => {
    const { state, clock, runUntil } = harness('2026-03-28T05:00:00Z');
    clock.check();
    runUntil('2026-03-29T20:00:00Z');
    expect(state.notified.map((n) => n.at)).toEqual(['2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z']);
  });

  it('rings once on the autumn day whose 02:30 happens twice', () => {
    const { state, clock, runUntil } = harness('2026-10-24T20:00:00Z', { ...ON, time: '02:30' });
    state.settled = day('2026-10-24T20:00:00Z'); // Saturday's rang that night
    clock.check();
    runUntil('2026-10-25T20:00:00Z');
    expect(state.notified.map((n) => n.at)).toEqual(['2026-10-25T00:30:00.000Z']);
  });

  it('stays silent when nothing is due at the time, and does not ring later that day when cards come due', () => {
    const { state, clock, runUntil } = harness('2026-06-01T05:00:00Z');
    state.due = 0;
    clock.check();
    runUntil('2026-06-01T08:00:00Z');
    expect(state.notified).toEqual([]);
    expect(state.badge.at(-1)).toBe(0);
    state.due = 3;
    runUntil('2026-06-01T21:00:00Z');
    expect(state.notified).toEqual([]);
    expect(state.badge.at(-1)).toBe(3); // the badge follows the cards through the day
  });

  it('a time missed while asleep rings once on waking, not again on the next check or wake', () => {
    const { state, clock } = harness('2026-06-01T05:00:00Z');
    clock.check();
    // asleep from 07:00 to 15:00 local: the timer never fired
    state.now = at('2026-06-01T13:00:00Z');
    clock.check();
    clock.check();
    expect(state.notified).toEqual([{ at: '2026-06-01T13:00:00.000Z', due: 5 }]);
  });

  it('asleep for two days rings once on waking, not once per missed day', () => {
    const { state, clock } = harness('2026-06-01T05:00:00Z');
    clock.check();
    state.now = at('2026-06-03T12:00:00Z');
    clock.check();
    expect(state.notified).toHaveLength(1);
    // waking before the time: yesterday's is not made up, today's comes at its time
    const { state: early, clock: other, runUntil } = harness('2026-06-01T05:00:00Z');
    other.check();
    runUntil('2026-06-01T06:00:00Z');
    early.now = at('2026-06-03T05:00:00Z');
    other.check();
    expect(early.notified).toEqual([]);
    runUntil('2026-06-03T08:00:00Z');
    expect(early.notified.map((n) => n.at)).toEqual(['2026-06-03T07:00:00.000Z']);
  });

  it('a restart the same day does not ring again: the settled day is kept', () => {
    const first = harness('2026-06-01T05:00:00Z');
    first.clock.check();
    first.runUntil('2026-06-01T10:00:00Z');
    expect(first.state.notified).toHaveLength(1);
    const second = harness('2026-06-01T12:00:00Z');
    second.state.settled = first.state.settled;
    second.clock.check();
    expect(second.state.notified).toEqual([]);
  });

  it('turning reminders on after today’s time waits for tomorrow; off stops them and clears the badge', () => {
    const off = { ...ON, enabled: false };
    const { state, clock, runUntil } = harness('2026-06-01T13:00:00Z', off);
    clock.check();
    expect(state.badge.at(-1)).toBe(0);
    state.reminders = ON;
    clock.preferencesChanged(off);
    expect(state.notified).toEqual([]);
    expect(state.badge.at(-1)).toBe(5);
    runUntil('2026-06-02T08:00:00Z');
    expect(state.notified.map((n) => n.at)).toEqual(['2026-06-02T07:00:00.000Z']);
    state.reminders = off;
    clock.preferencesChanged(ON);
    runUntil('2026-06-04T08:00:00Z');
    expect(state.notified).toHaveLength(1);
    expect(state.badge.at(-1)).toBe(0);
  });

  it('moving the time later today still rings today at the new time', () => {
    const { state, clock, runUntil } = harness('2026-06-01T05:00:00Z');
    clock.check();
    state.reminders = { ...ON, time: '18:00' };
    clock.preferencesChanged(ON);
    runUntil('2026-06-01T20:00:00Z');
    expect(state.notified.map((n) => n.at)).toEqual(['2026-06-01T16:00:00.000Z']);
  });

  it('a notification that fails is not retried on every check', () => {
    const { state, clock } = harness('2026-06-01T08:00:00Z');
    state.failNotify = true;
    expect(() => clock.check()).toThrow('no notification service');
    state.failNotify = false;
    clock.check();
    expect(state.notified).toEqual([]);
  });

  it('stop cancels the pending check', () => {
    const { state, clock } = harness('2026-06-01T05:00:00Z');
    clock.check();
    expect(state.timer).not.toBeNull();
    clock.stop();
    expect(state.timer).toBeNull();
  });
});

describe('the settled day on disk', () => {
  it('is kept across a restart; none yet is null; a damaged file is ignored with a warning', () => {
    const dir = tempDir();
    const warnings: string[] = [];
    expect(readSettledDay(dir, (m) => warnings.push(m))).toBeNull();
    writeSettledDay(dir, 20_606);
    expect(readSettledDay(dir)).toBe(20_606);
    writeFileSync(join(dir, REMINDER_STATE_FILE), '{"settledDay": "today"}');
    expect(readSettledDay(dir, (m) => warnings.push(m))).toBeNull();
    expect(warnings).toEqual([expect.stringContaining('reminder-state.json: it does not hold what Cue expects')]);
  });
});
