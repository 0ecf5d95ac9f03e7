// Part 6b, proxy with the Redis store: the cached-answer throughput of one proxy whose store is
// Redis, with its per-process L1 answering (a hot key) and with every read going to Redis (L1
// off), as ratios to the default in-memory store and to a bare Node http server replaying the
// same answer, all measured in this run. Servers run in a child (servers-child.js), which
// starts its own redis-server.
import {bareThroughput, catalogPaths, firstAnswer, startChild, throughput} from './proxy.js';
import {ratio} from './stats.js';

async function measure(mode, path) {
  const child = startChild(mode);
  try {
    const {url} = await child.ready;
    const answer = await firstAnswer(url, path);
    return {answer, figures: await throughput(url, path)};
  } finally {
    await child.close();
  }
}

export async function runProxyRedis({mock}) {
  const {hitPath} = await catalogPaths(mock);
  const memory = await measure('proxy', hitPath);
  const l1Hit = await measure('proxy-redis-l1', hitPath);
  const l1Miss = await measure('proxy-redis-no-l1', hitPath);
  const bare = await bareThroughput(memory.answer, hitPath);
  const rps = (m) => m.figures.requestsPerSecond;
  return {
    path: hitPath,
    memory: memory.figures,
    redisL1Hit: l1Hit.figures,
    redisL1Miss: l1Miss.figures,
    bare,
    ratio: {
      l1HitToMemory: ratio(rps(l1Hit), rps(memory)),
      l1MissToMemory: ratio(rps(l1Miss), rps(memory)),
      l1HitToBare: ratio(rps(l1Hit), bare.requestsPerSecond),
      l1MissToBare: ratio(rps(l1Miss), bare.requestsPerSecond),
    },
  };
}
