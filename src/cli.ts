const USAGE = `Usage: smartstream-widgets <command> [options]

Commands:
  dev     a development backend: the mock Catalog API behind the proxy, wired (see --help)
  mock    serve the mock SmartSTREAM Catalog API (see --help)
  proxy   serve the read-only caching proxy, configured by SMARTSTREAM_* variables (see --help)
`;

/** The `smartstream-widgets` bin: dispatches to a server subcommand. */
export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'dev': {
      const {devCommand} = await import('./dev/cli.js');
      await devCommand(rest);
      return;
    }
    case 'mock': {
      const {mockCommand} = await import('./mock/cli.js');
      await mockCommand(rest);
      return;
    }
    case 'proxy': {
      const {proxyCommand} = await import('./proxy/cli.js');
      await proxyCommand(rest);
      return;
    }
    case undefined:
    case '-h':
    case '--help':
      process.stdout.write(USAGE);
      return;
    default:
      throw new Error(`Unknown command "${command}".\n\n${USAGE}`);
  }
}
