// Reading environment variables: every problem collected, no secret ever quoted back.
import type {ProxyEnv} from './config.js';

export class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: ProxyEnv) {}

  raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value;
  }

  /** A required secret: checked for presence and shape, never quoted back. */
  secret(name: string, check: (value: string) => string | undefined): string {
    const value = this.raw(name);
    if (value === undefined) {
      this.problems.push(`${name} is missing.`);
      return '';
    }
    const problem = check(value);
    if (problem) this.problems.push(`${name} ${problem}`);
    return value;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const n = Number(value.trim());
    if (!/^\d+$/.test(value.trim()) || n < min || n > max) {
      this.problems.push(
        `${name} must be an integer from ${min} to ${max} (got ${JSON.stringify(value)}).`,
      );
      return fallback;
    }
    return n;
  }

  list(name: string): string[] | undefined {
    const value = this.raw(name);
    if (value === undefined) {
      this.problems.push(`${name} is missing.`);
      return undefined;
    }
    return value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  }
}

export function flag(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true', 'yes', 'on'].includes(value.trim().toLowerCase());
}
