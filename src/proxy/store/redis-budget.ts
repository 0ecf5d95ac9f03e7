import {SlidingLog} from './local-budget.js';
import {FAILED, type RedisLink} from './redis-link.js';
import {PAUSE, RESYNC, TAKE} from './redis-scripts.js';
import type {BudgetGrant, BudgetState} from './types.js';

export interface SharedBudgetOptions {
  link: RedisLink;
  /** Key prefix of this account. */
  prefix: string;
  /** This process's name in the log, unique per replica. */
  replicaId: string;
  capacity: number;
  /** What this process may spend in a window while Redis is unreachable. */
  localShare: number;
  windowMs: number;
  marginMs: number;
  maxPauseMs: number;
  /** After the shared log was lost, the budget comes back over this time (from the local share). */
  warmUpMs: number;
  now: () => number;
}

/**
 * The account budget shared by every replica: a sliding log in Redis, spent atomically by a
 * Lua script. This process also logs its own spends; while Redis is unreachable it spends
 * only while its own spends in the window (shared ones included) stay under its local
 * share, and when Redis is back (or was flushed) it puts its spends back into the shared log
 * so the other replicas count them. When the log was lost (Redis restarted or flushed, or
 * never used), the budget comes back over a warm-up, from the local share to the full
 * budget, while the replicas that spent before put their spends back.
 */
export class SharedBudget {
  readonly #o: SharedBudgetOptions;
  readonly #own: SlidingLog;
  readonly #keys: {log: string; pause: string; epoch: string};
  #epoch = '';
  /** Spends so far; with the replica id, each spend's member in the shared log. */
  #spends = 0;
  /** Spends made while degraded, not yet in the shared log. */
  #unsynced = false;
  /** The shared log's count at Redis's last answer, and when: what the outage began with. */
  #lastShared = {at: -Infinity, count: 0};
  /** Times of spends granted from the local share, oldest first. */
  #localOnly: number[] = [];

  constructor(options: SharedBudgetOptions) {
    this.#o = options;
    const {localShare: capacity, windowMs, marginMs, maxPauseMs} = options;
    this.#own = new SlidingLog({capacity, windowMs, marginMs, maxPauseMs});
    const p = options.prefix;
    this.#keys = {log: `${p}budget:log`, pause: `${p}budget:pause`, epoch: `${p}budget:epoch`};
  }

  get #span(): number {
    return this.#o.windowMs + this.#o.marginMs;
  }

  /** Spends one request: from the shared log, or from the local share when Redis fails. */
  async take(): Promise<BudgetGrant & {shared: boolean}> {
    const now = this.#o.now();
    const member = `${this.#o.replicaId}:${++this.#spends}`;
    if (this.#unsynced && (await this.#resync(this.#epoch)) === FAILED) {
      return this.#takeLocal(now, member);
    }
    let reply = await this.#takeShared(now, member);
    if (reply !== FAILED && reply[0] === -1) {
      const resynced = await this.#resync(String(reply[3]));
      reply = resynced === FAILED ? FAILED : await this.#takeShared(now, member);
    }
    if (reply === FAILED || reply[0] === -1) return this.#takeLocal(now, member);
    const granted = reply[0] === 1;
    if (granted) this.#own.record(now, member);
    const remaining = Number(reply[2]);
    const count = granted ? this.#o.capacity - remaining : this.#o.capacity;
    this.#lastShared = {at: now, count};
    return {granted, retryInMs: Number(reply[1]), remaining, shared: true};
  }

  async pause(untilMs: number): Promise<number> {
    const now = this.#o.now();
    const local = this.#own.pause(untilMs, now);
    const shared = await this.#o.link.call((c) =>
      PAUSE.run(c, [this.#keys.pause], [local, local - now]),
    );
    return shared === FAILED ? local : Math.max(local, Number(shared));
  }

  async state(): Promise<BudgetState> {
    const now = this.#o.now();
    const {log, pause, epoch} = this.#keys;
    const {capacity} = this.#o;
    const reply = await this.#o.link.call(async (c) => {
      const [count, paused, started] = await Promise.all([
        c.zcount(log, `(${now - this.#span}`, '+inf'),
        c.get(pause),
        c.get(epoch),
      ]);
      // The spend whose leaving frees a request, when the window is full.
      const leaving =
        count >= capacity
          ? await c.zrange(log, String(-capacity), String(-capacity), 'WITHSCORES')
          : [];
      const startedAt = Number(/^(\d+):/.exec(started ?? '')?.[1] ?? 0);
      return {count, paused: Number(paused ?? 0), leaving: Number(leaving[1] ?? 0), startedAt};
    });
    if (reply === FAILED) return this.#own.state(now);
    const pausedUntil = reply.paused > now ? reply.paused : 0;
    const allowance = this.#warmAllowance(now - reply.startedAt);
    const remaining = pausedUntil ? 0 : Math.max(0, allowance - reply.count);
    const windowWait = reply.leaving ? reply.leaving + this.#span - now : 0;
    const retryInMs = Math.max(0, pausedUntil - now, windowWait);
    return {capacity, allowance, remaining, retryInMs, pausedUntil, shared: true};
  }

  /** What TAKE allows this long after the shared log began: the local share, growing to all. */
  #warmAllowance(age: number): number {
    const {capacity, warmUpMs, localShare} = this.#o;
    if (warmUpMs <= 0 || age >= warmUpMs) return capacity;
    return Math.min(capacity, Math.max(localShare, Math.floor((capacity * age) / warmUpMs)));
  }

  #takeShared(now: number, member: string) {
    const {log, pause, epoch} = this.#keys;
    const {capacity, warmUpMs, localShare} = this.#o;
    const args = [
      now,
      this.#span,
      capacity,
      member,
      this.#epoch,
      `${now}:${randomId()}`,
      warmUpMs,
      localShare,
    ];
    return this.#o.link.call(
      async (c) => (await TAKE.run(c, [log, pause, epoch], args)) as unknown[],
    );
  }

  #takeLocal(now: number, member: string): BudgetGrant & {shared: boolean} {
    const wait = this.#degradedWait(now);
    if (wait > 0) return {granted: false, retryInMs: wait, remaining: 0, shared: false};
    const grant = this.#own.take(now, member);
    if (grant.granted) {
      this.#unsynced = true;
      this.#localOnly.push(now);
    }
    return {...grant, shared: false};
  }

  /**
   * While Redis is unreachable, each replica's own log keeps it within its local share, but
   * the others' spends before the outage are in no local log. Until those have left the
   * window, a replica spends only its share of what the shared log had left, so that the
   * replicas together never send more than the account allows, however unevenly they spent.
   */
  #degradedWait(now: number): number {
    const span = this.#span;
    this.#localOnly = this.#localOnly.filter((at) => at > now - span);
    const {capacity, localShare} = this.#o;
    const {at, count} = this.#lastShared;
    const early = now < at + span;
    const limit = early
      ? Math.floor((localShare * Math.max(0, capacity - count)) / capacity)
      : localShare;
    if (this.#localOnly.length < limit) return 0;
    const oldest = this.#localOnly[this.#localOnly.length - Math.max(1, limit)];
    const freed = early ? at + span : (oldest ?? now) + span;
    return Math.max(1, freed - now);
  }

  /** Puts this process's spends (and pause) into the shared log; each keeps its member, so twice counts once. */
  async #resync(epoch: string): Promise<void | typeof FAILED> {
    const now = this.#o.now();
    const args: (string | number)[] = [this.#span];
    for (const {at, id} of this.#own.spent(now)) args.push(at, id);
    const done = await this.#o.link.call((c) => RESYNC.run(c, [this.#keys.log], args));
    if (done === FAILED) return FAILED;
    const {pausedUntil} = this.#own.state(now);
    if (pausedUntil) await this.pause(pausedUntil);
    this.#epoch = epoch;
    this.#unsynced = false;
  }
}

export function randomId(): string {
  return crypto.randomUUID();
}
