/** What a section of the reliability report is: a name and a run that tries cases and counts
 *  the failures (the figure later work must keep at its target, 0 for every section so far).
 *  A section may break its figure down into rows (one per fault kind, attack, …). */
export interface SectionRow {
  figure: string;
  cases: number;
  failures: number;
}

export interface SectionResult {
  cases: number;
  failures: number;
  rows?: SectionRow[];
  /** Examples of what failed (at most a few), for whoever has to fix it. */
  examples?: string[];
}

export interface Section {
  /** What is counted, e.g. "duplicate calls under faults". */
  name: string;
  /** The figure to keep (default 0). */
  target?: number;
  run(): Promise<SectionResult>;
}

/** Adds up rows into a section result. */
export function total(rows: SectionRow[], examples: string[] = []): SectionResult {
  return {
    cases: rows.reduce((n, r) => n + r.cases, 0),
    failures: rows.reduce((n, r) => n + r.failures, 0),
    rows,
    examples: examples.slice(0, 5),
  };
}

/** Settles `p` or reports a hang after `ms`. */
export async function within<T>(
  ms: number,
  p: Promise<T>,
): Promise<{ settled: true; value?: T; error?: unknown } | { settled: false }> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<{ settled: false }>((resolve) => {
    timer = setTimeout(() => resolve({ settled: false }), ms);
  });
  const done = p.then(
    (value) => ({ settled: true as const, value }),
    (error: unknown) => ({ settled: true as const, error }),
  );
  try {
    return await Promise.race([done, hang]);
  } finally {
    clearTimeout(timer);
  }
}
