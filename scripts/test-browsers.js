// `npm run test:browser [-- --engine firefox[,webkit]] [web-test-runner options]`: the browser
// suite in each engine in turn (all three unless --engine names some). One engine at a time: the
// tests share one mock's fault rules and counters per run, and the machine has two cores.
import {spawn} from 'node:child_process';
import {ENGINES, parseEngineOption} from './engines.js';

let engines;
let rest;
try {
  ({engines, rest} = parseEngineOption(process.argv.slice(2)));
} catch (error) {
  console.error(error.message);
  process.exit(2);
}

const results = [];
for (const engine of engines) {
  const started = Date.now();
  console.log(`\n=== Browser suite in ${engine} ===`);
  const code = await new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'node_modules/@web/test-runner/dist/bin.js', ...rest],
      {stdio: 'inherit', env: {...process.env, SS_ENGINE: engine}},
    );
    child.once('exit', (exitCode, signal) => {
      if (signal) console.error(`web-test-runner in ${engine} was ended by ${signal}`);
      resolve(exitCode ?? 1);
    });
  });
  results.push({engine, code, seconds: Math.round((Date.now() - started) / 1000)});
}

console.log('\nBrowser suite by engine:');
for (const {engine, code, seconds} of results) {
  const status = code === 0 ? 'passed' : `FAILED (exit code ${code})`;
  console.log(`  ${engine.padEnd(8)} ${status} in ${seconds} s`);
}
if (engines.length < ENGINES.length) {
  console.log(`  (only ${engines.join(', ')}; npm run test:browser runs ${ENGINES.join(', ')})`);
}
process.exit(results.some((result) => result.code !== 0) ? 1 : 0);
