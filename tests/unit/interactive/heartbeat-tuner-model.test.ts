import { describe, expect, it } from 'vitest';
import { intervalValueText, jitterSpikes, missedValueText, readTunerAt, TUNER_SEEDS } from '../../../src/components/interactive/heartbeat-tuner-model.ts';

const cell = (reading: ReturnType<typeof readTunerAt>, key: string) => reading.rows.find((row) => row.key === key)!.value;
const falseRuns = (reading: ReturnType<typeof readTunerAt>) => reading.perSeed.filter((s) => s.falseAtMs !== null).length;

describe('the heartbeat tuner model', () => {
  it('tolerating more missed beats detects a crash later but fails over falsely less often', () => {
    const eager = readTunerAt(100, 2);
    const patient = readTunerAt(100, 5);
    expect(patient.perSeed[0]!.detectionMs).toBeGreaterThan(eager.perSeed[0]!.detectionMs);
    expect(falseRuns(patient)).toBeLessThan(falseRuns(eager));
  });

  it('detects a crash after the tolerated silence, within one interval and the network trip', () => {
    for (const [interval, missed] of [[100, 3], [50, 6], [200, 2]] as const) {
      for (const s of readTunerAt(interval, missed).perSeed) {
        if (s.falseAtMs !== null && s.detectionMs === 0) continue;
        expect(s.detectionMs).toBeGreaterThan((missed - 1) * interval);
        expect(s.detectionMs).toBeLessThanOrEqual(missed * interval + 20 + 10);
      }
    }
  });

  it('one missed beat is too few: the normal jitter triggers a take-over before any crash', () => {
    const reading = readTunerAt(100, 1);
    expect(falseRuns(reading)).toBe(TUNER_SEEDS.length);
    expect(cell(reading, 'meanDetection')).toMatch(/before the crash/);
  });

  it('states the tolerance, draws the chart and speaks its values; deterministic', () => {
    const reading = readTunerAt(150, 4);
    expect(cell(reading, 'tolerance')).toBe('600 ms');
    expect(reading.chart.svg.startsWith('<svg')).toBe(true);
    expect(reading.summary).toContain('every 150 ms, 4 missed tolerated');
    expect(intervalValueText(150)).toBe('every 150 milliseconds');
    expect(missedValueText(1)).toBe('1 missed beat');
    expect(jitterSpikes(3)).toEqual(jitterSpikes(3));
    expect(readTunerAt(150, 4)).toEqual(reading);
  });
});
