// The printed table: one row per figure, ours against its baseline, with the ratio.

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
const trio = (s) => `${kB(s.min)} / ${kB(s.gzip)} / ${kB(s.brotli)}`;
const ms = (value) => `${value.toFixed(1)} ms`;
const int = (value) => Math.round(value).toLocaleString('en-US');
const x = (value) => (value === null || value === undefined ? '—' : `×${value.toFixed(2)}`);
const score = (value) => value.toFixed(3);

/** Rows of {part, measure, ours, baseline, ratio} from the parts' results. */
export function tableRows(parts) {
  const rows = [];
  const row = (part, measure, ours, baseline, ratio) =>
    rows.push({part, measure, ours, baseline, ratio: x(ratio)});
  const failed = (part, result) => {
    if (!result?.error) return false;
    row(part, 'not measured', result.error, '', null);
    return true;
  };

  const {
    bytes,
    requests,
    render,
    layoutShift,
    memory,
    append,
    lcp,
    proxy,
    proxyRedis,
    fairness,
    topology,
  } = parts;
  if (!failed('bytes', bytes)) {
    for (const entry of bytes.ours) {
      row(
        'bytes',
        `${entry.name}: min / gzip / brotli`,
        trio(entry),
        `Lit floor ${trio(bytes.floor)}`,
        entry.gzip / bytes.floor.gzip,
      );
    }
    const cdn = bytes.ours[0];
    for (const peer of bytes.peers) {
      row(
        'bytes',
        `CDN file vs ${peer.name} (gzip)`,
        kB(cdn.gzip),
        kB(peer.gzip),
        cdn.gzip / peer.gzip,
      );
    }
  }
  if (!failed('requests', requests)) {
    const base = requests.noCache.requests;
    const baseline = `cache: false, ${base}`;
    row(
      'requests',
      'page, cold, shared client (median)',
      `${requests.shared.requests}`,
      baseline,
      requests.shared.requests / base,
    );
    row(
      'requests',
      'page, cold, cards mounted after the list',
      `${requests.sharedCardsAfterList.requests}`,
      baseline,
      requests.sharedCardsAfterList.requests / base,
    );
    row(
      'requests',
      'second visit in TTL: same document',
      `${requests.shared.remount}`,
      `cache: false, ${requests.noCache.remount}`,
      requests.shared.remount / requests.noCache.remount,
    );
    row(
      'requests',
      'second visit in TTL: reload',
      `${requests.shared.reload}`,
      baseline,
      requests.shared.reload / base,
    );
  }
  if (!failed('render', render)) {
    // A floor that no longer writes the elements' markup is flagged, not silently compared.
    const vanilla = render.sameMarkup ? 'vanilla' : 'vanilla (markup differs!)';
    for (const c of Object.values(render.cases)) {
      row(
        'render',
        `${c.label}, median of ${c.runs}`,
        ms(c.oursMs),
        `${vanilla} ${ms(c.vanillaMs)}`,
        c.ratio,
      );
    }
  }
  if (!failed('layout shift', layoutShift)) {
    const {ours, baseline} = layoutShift;
    row(
      'layout shift',
      'CLS, largest session window',
      score(ours.cls),
      `no reserved size ${score(baseline.cls)}`,
      layoutShift.ratio,
    );
    row(
      'layout shift',
      'shifts after the data, as posters arrive',
      score(ours.afterData),
      `no reserved size ${score(baseline.afterData)}`,
      baseline.afterData ? ours.afterData / baseline.afterData : null,
    );
  }
  if (!failed('memory', memory)) {
    const {ours, vanilla} = memory;
    row(
      'memory',
      'JS heap growth per round (rounds 2-10)',
      kB(ours.growthPerRound),
      `vanilla ${kB(vanilla.growthPerRound)}`,
      null,
    );
    row(
      'memory',
      'JS heap, first round (one-time)',
      kB(ours.firstRound),
      `vanilla ${kB(vanilla.firstRound)}`,
      ours.firstRound / vanilla.firstRound,
    );
    row(
      'memory',
      'JS heap while 1,000 cards mounted',
      kB(ours.mountedCost),
      `vanilla ${kB(vanilla.mountedCost)}`,
      ours.mountedCost / vanilla.mountedCost,
    );
  }
  if (append && !failed('append', append)) {
    const kept = append.keyed ? 'page 1 kept' : 'page 1 RE-RENDERED';
    row(
      'append',
      `load more, page 10 (${kept})`,
      ms(append.page10Ms),
      `page 2 ${ms(append.page2Ms)}`,
      append.page10Ms / append.page2Ms,
    );
    row(
      'append',
      'scroll 1,000 cards, median / max frame',
      `${ms(append.scrollFrameMedianMs)} / ${ms(append.scrollFrameMaxMs)}`,
      '60 Hz 16.7 ms',
      append.scrollFrameMedianMs / (1000 / 60),
    );
    row(
      'append',
      'JS heap per card at 1,000',
      kB(append.heapPerCardAt1000),
      `first 100 ${kB(append.heapPerCardFirst100)}`,
      append.heapPerCardAt1000 / append.heapPerCardFirst100,
    );
  }
  if (!failed('slow phone', lcp)) lcpRows(lcp, row);
  if (!failed('proxy', proxy)) {
    row(
      'proxy',
      'cached answer, requests/s',
      int(proxy.cached.requestsPerSecond),
      `bare http ${int(proxy.bare.requestsPerSecond)}`,
      proxy.ratio.requestsPerSecond,
    );
    row(
      'proxy',
      'cached answer, p99 latency',
      `${proxy.cached.p99Ms} ms`,
      `bare http ${proxy.bare.p99Ms} ms`,
      proxy.ratio.p99,
    );
    if (proxy.p99DifferenceMs !== undefined) {
      row(
        'proxy',
        'cached answer, p99 minus bare http p99',
        `${proxy.p99DifferenceMs} ms`,
        'goal ≤ 2 ms',
        null,
      );
    }
    row(
      'proxy',
      `mixed, ${proxy.mixed.keys} keys: upstream requests`,
      `${proxy.mixed.upstreamRequests} of ${int(proxy.mixed.requests)}`,
      'budget 50/min',
      null,
    );
  }
  if (proxyRedis && !failed('proxy redis', proxyRedis)) {
    const {memory: mem, redisL1Hit: hit, redisL1Miss: miss, bare, ratio} = proxyRedis;
    for (const [what, figures, toMemory, toBare] of [
      ['L1 hit', hit, ratio.l1HitToMemory, ratio.l1HitToBare],
      ['L1 miss (every read from Redis)', miss, ratio.l1MissToMemory, ratio.l1MissToBare],
    ]) {
      row(
        'proxy redis',
        `cached answer, ${what}, requests/s`,
        int(figures.requestsPerSecond),
        `memory store ${int(mem.requestsPerSecond)}`,
        toMemory,
      );
      row(
        'proxy redis',
        `cached answer, ${what}, requests/s`,
        int(figures.requestsPerSecond),
        `bare http ${int(bare.requestsPerSecond)}`,
        toBare,
      );
    }
  }
  if (fairness && !failed('fairness', fairness)) {
    const pct = (share) => `${(share * 100).toFixed(1)} %`;
    row(
      'fairness',
      `${fairness.visitors} visitors + 1 sprayer at ${fairness.sprayPerS}/s: visitors' 200s`,
      pct(fairness.shares.normalOkShare),
      `no client shares ${pct(fairness.noShares.normalOkShare)}`,
      fairness.noShares.normalOkShare
        ? fairness.shares.normalOkShare / fairness.noShares.normalOkShare
        : null,
    );
  }
  if (topology && !failed('topology', topology)) {
    row(
      'topology',
      `3 replicas + Redis + Varnish, ${int(topology.answers)} requests: upstream per minute`,
      `${int(topology.upstreamPerMinute)} (max ${int(topology.upstreamMaxPer60s)} in 60 s)`,
      'budget 50/min',
      topology.upstreamMaxPer60s / 50,
    );
  }
  return rows;
}

/** Loading on a slow phone: each page against the static floor, medians. */
function lcpRows(lcp, row) {
  const pages = [
    ['pasted', 'as pasted'],
    ['head', 'recommended head'],
    ['server', 'server-rendered'],
  ];
  const figures = [
    ['lcpMs', 'lcp', 'LCP', ms],
    ['firstRowMs', 'firstRow', 'first row of posters', ms],
    ['tbtMs', null, 'total blocking time', ms],
    ['bytes', 'bytes', 'bytes transferred', kB],
  ];
  for (const [width, {width: px}] of Object.entries(lcp.widths)) {
    const floor = lcp[width].floor;
    for (const [key, ratioKey, label, format] of figures) {
      if (width !== 'phone' && key !== 'lcpMs') continue;
      for (const [variant, name] of pages) {
        const s = lcp[width][variant];
        const value = ratioKey ? s.ratio[ratioKey] : floor[key] ? s[key] / floor[key] : null;
        row(
          'slow phone',
          `${label}, ${px} px, ${name}`,
          format(s[key]),
          `static ${format(floor[key])}`,
          value,
        );
      }
    }
  }
  for (const [width, {width: px}] of Object.entries(lcp.widths)) {
    for (const [variant, name] of pages) {
      const s = lcp[width][variant];
      row(
        'slow phone',
        `CLS, ${px} px, ${name}`,
        score(s.cls),
        `static ${score(lcp[width].floor.cls)}`,
        null,
      );
    }
  }
}

export function formatTable(rows) {
  const header = {
    part: 'part',
    measure: 'measure',
    ours: 'ours',
    baseline: 'baseline',
    ratio: 'ratio',
  };
  const keys = Object.keys(header);
  const width = Object.fromEntries(
    keys.map((k) => [k, Math.max(...[header, ...rows].map((r) => String(r[k]).length))]),
  );
  const line = (r) =>
    keys
      .map((k) => (k === 'ratio' ? String(r[k]).padStart(width[k]) : String(r[k]).padEnd(width[k])))
      .join('  ')
      .trimEnd();
  const rule = keys.map((k) => '-'.repeat(width[k])).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}
