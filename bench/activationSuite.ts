// Runs inside the real extension host as extensionTestsPath (bench/run.js bundles it): reports
// how long the extension under test took to activate, as one `[bench] {json}` console line.
//   activationMs      what activate() itself measured (its exported activationMs)
//   coldActivateMs    wall time of extension.activate() (module load + activate), when it was not active yet
//   steps             activate()'s own time per step (its exported activationSteps), when it has them
import * as vscode from 'vscode';

export async function run(): Promise<void> {
  const id = process.env.KALLYAI_BENCH_EXTENSION_ID;
  if (!id) throw new Error('KALLYAI_BENCH_EXTENSION_ID is not set');
  const ext = vscode.extensions.getExtension<{ activationMs?: number; activationSteps?: Record<string, number> }>(id);
  if (!ext) throw new Error(`extension ${id} is not loaded`);
  const wasActive = ext.isActive;
  const t0 = performance.now();
  const exports = wasActive ? ext.exports : await ext.activate();
  const coldActivateMs = wasActive ? null : performance.now() - t0;
  const activationMs = exports?.activationMs;
  if (typeof activationMs !== 'number') throw new Error(`${id}: activate() did not return { activationMs }`);
  const steps = exports?.activationSteps;
  console.log(
    `[bench] ${JSON.stringify({ id, activationMs, coldActivateMs, wasActive, ...(steps ? { steps } : {}) })}`,
  );
}
