/** CLI: `npm run sandbox -- --port 8790 [--state FILE] [--auto-approve] [--time-scale K] [--token-ttl S] [--empty] [--variant LIST] [--inbound-every S] [--quiet]`. */
import { startSandbox } from './server';
import { StartOptionError } from './startOptions';
import { VariantError } from './variants';

function parseArgs(argv: string[]) {
  const opts: Parameters<typeof startSandbox>[0] = {};
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
    return v;
  };
  // Ranges are checked by startSandbox (startOptions.ts), which names the flag.
  const num = (s: string, flag: string): number => {
    const n = Number(s);
    if (s.trim() === '' || !Number.isFinite(n) || n < 0) throw new Error(`${flag} needs a number ≥ 0, got "${s}"`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const eq = argv[i].indexOf('=');
    const [flag, inline] = eq > 0 ? [argv[i].slice(0, eq), argv[i].slice(eq + 1)] : [argv[i], undefined];
    const take = () => inline ?? value(i++, flag);
    switch (flag) {
      case '--port':
        opts.port = num(take(), flag);
        break;
      case '--state':
        opts.statePath = take();
        break;
      case '--auto-approve':
        opts.autoApprove = true;
        break;
      case '--time-scale':
        opts.timeScale = num(take(), flag) || 1;
        break;
      case '--token-ttl':
        opts.tokenTtlSeconds = num(take(), flag);
        break;
      case '--empty':
        opts.empty = true;
        break;
      case '--quiet':
        opts.quiet = true;
        break;
      case '--variant':
        opts.variant = take();
        break; // checked by startSandbox, which knows the routes
      case '--inbound-every':
        opts.inboundEverySeconds = num(take(), flag);
        break;
      case '--help':
        console.log(
          'Usage: tsx sandbox/main.ts [--port N] [--state FILE] [--auto-approve] [--time-scale K] [--token-ttl S] [--empty] [--variant envelope=items,envelope.calls.transcript=documented,error.calls=details,connect=pairing] [--inbound-every S] [--quiet]',
        );
        process.exit(0);
        break;
      default:
        throw new Error(`Unknown option ${argv[i]}`);
    }
  }
  return opts;
}

async function main(): Promise<void> {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`kallyai sandbox: ${(e as Error).message}`);
    process.exit(2);
  }
  const sandbox = await startSandbox(opts).catch((e: unknown) => {
    if (!(e instanceof VariantError || e instanceof StartOptionError)) throw e;
    console.error(`kallyai sandbox: ${e.message}`);
    return process.exit(2);
  });
  console.log(`KallyAI sandbox listening on ${sandbox.url}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (!opts.quiet) console.log(`KallyAI sandbox stopping (${signal})`);
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e) => {
  console.error(`kallyai sandbox: ${(e as Error).message}`);
  process.exit(1);
});
