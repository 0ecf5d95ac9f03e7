// Part 8, topology: upstream requests per minute when three proxy replicas share one Redis
// behind Varnish, under the load of the topology test (3,000 requests over 200 keys, a replica
// killed and Redis restarted mid-load). The figures come from that test itself, so the bench
// measures exactly the deploy/ example the test starts.
import {execFile} from 'node:child_process';

export function runTopology({root}) {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '--test', 'test/node/proxy-topology.test.ts'],
      {cwd: root, timeout: 180_000, maxBuffer: 16 * 1024 * 1024},
      (error, stdout) => {
        const line = /topology figures: (\{.*\})/.exec(stdout)?.[1];
        if (error || !line) {
          reject(new Error(`the topology test failed: ${error?.message ?? 'no figures printed'}`));
          return;
        }
        resolve(JSON.parse(line));
      },
    );
  });
}
