/** Shared argument checks: each names the field and the value it got. */
import { SimConfigError } from './errors.ts';

export function checkTime(field: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new SimConfigError(field, value, 'must be a non-negative integer (ms)');
}

export function checkPositive(field: string, value: number): void {
  if (!Number.isSafeInteger(value) || value <= 0) throw new SimConfigError(field, value, 'must be a positive integer (ms)');
}

export function checkProbability(field: string, value: number): void {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw new SimConfigError(field, value, 'must be a probability in [0, 1]');
}

export function checkCount(field: string, value: number): void {
  if (!Number.isSafeInteger(value) || value <= 0) throw new SimConfigError(field, value, 'must be a positive whole number');
}
