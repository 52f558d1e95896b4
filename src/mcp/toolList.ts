/** `tools/list`: every tool of the tool table (src/tools/toolTable.ts), as MCP describes a tool —
 *  its name, title and description for models (the table's, in English), its input schema (the
 *  operation's own zod schemas through JSON Schema, as package.json's languageModelTools), and
 *  annotations from the catalogue's flags: read-only when the operation is (`op.readOnly`),
 *  destructive when it cannot be undone, idempotent when the catalogue says so, and open-world
 *  (KallyAI acts outside: it calls, emails, books). Hints, not guarantees: the consent does not
 *  rely on them (every tool that is not read-only asks). No `vscode`. */
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { toolInputSchema } from '../tools/toolInput';
import type { ToolSpec } from '../tools/toolSpec';

export function mcpTool(spec: ToolSpec): Tool {
  const { op } = spec;
  return {
    name: spec.name,
    title: spec.title,
    description: spec.modelDescription,
    inputSchema: { ...toolInputSchema(spec) },
    annotations: {
      title: spec.title,
      readOnlyHint: op.readOnly,
      destructiveHint: !op.readOnly && op.irreversible,
      idempotentHint: op.readOnly || op.idempotent,
      openWorldHint: true,
    },
  };
}

export function mcpTools(specs: readonly ToolSpec[]): Tool[] {
  return specs.map(mcpTool);
}
