// The floor: a trivial MCP server on the official TypeScript SDK (stdio) with one tool, get_world_state, answering
// a fixed result shaped and sized like polysim's for the 100-entity world the latency part creates (the same text
// and structured content), so a round trip here is the SDKs' and the pipes' cost and nothing else.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const overview = {
  world_name: 'bench', time: 0, tick: 0, dt: 1, seed: 42, entities: 100, entities_by_script: { agent: 100 },
  scripts: { agent: 'lua' }, pending_messages: 0, dropped_messages: 0, metrics: [], snapshots: 0,
  params: { n: 100, work: 1000, fanout: 10 },
};
const text = "world 'bench' at time 0: 100 entities {agent=100}, 0 messages pending\n" + JSON.stringify(overview);

const server = new McpServer({ name: 'trivial-ts', version: '1' });
server.registerTool('get_world_state', {
  description: "A world's overview (a fixed answer).",
  inputSchema: { world_name: z.string() },
}, async () => ({ content: [{ type: 'text', text }], structuredContent: overview }));
await server.connect(new StdioServerTransport());
