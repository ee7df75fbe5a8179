// Times get_world_state round trips through the official TypeScript MCP client (Client + StdioClientTransport),
// on several servers in one run: each server is launched and warmed up, then timed blocks alternate between them so
// every server sees the same machine. Prints one JSON line on stdout: per server, each timed call in microseconds
// (servers), and each warm-up call (warmup_us).
//
//   node client.mjs PLAN.json
//
// PLAN: {"warmup": 300, "blocks": 10, "perBlock": 200,
//        "servers": [{"name": "polysim", "command": "java", "args": [...], "cwd": "/tmp/x",
//                     "createWorld": {...create_world arguments...}, "worldName": "bench"}, ...]}
import { readFileSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
// read by path: the package's exports map sends a require of its package.json to dist/cjs/package.json
const sdkVersion = JSON.parse(readFileSync(new URL('./node_modules/@modelcontextprotocol/sdk/package.json',
  import.meta.url), 'utf8')).version;

async function connect(server) {
  const transport = new StdioClientTransport({
    command: server.command,
    args: server.args ?? [],
    cwd: server.cwd,
    env: process.env,
    stderr: 'pipe', // kept for the error message, so a failing server says why
  });
  let said = '';
  transport.stderr?.on('data', chunk => { said = (said + chunk).slice(-4000); });
  const client = new Client({ name: 'polysim-bench-latency', version: '1' });
  try {
    await client.connect(transport);
    if (server.createWorld) {
      check(await client.callTool({ name: 'create_world', arguments: server.createWorld }), 'create_world');
    }
  } catch (e) {
    throw new Error(`${server.name}: ${e.message}; its stderr ended with: ${said}`);
  }
  const args = { name: 'get_world_state', arguments: { world_name: server.worldName } };
  return {
    name: server.name,
    client,
    async call() {
      let result;
      try {
        result = await client.callTool(args);
      } catch (e) {
        throw new Error(`${server.name}: get_world_state: ${e.message}; its stderr ended with: ${said}`);
      }
      check(result, `${server.name} get_world_state`);
    },
  };
}

function check(result, what) {
  if (result.isError) {
    throw new Error(`${what} failed: ${JSON.stringify(result.content)}`);
  }
}

const sessions = [];
for (const server of plan.servers) {
  sessions.push(await connect(server));
}
const times = Object.fromEntries(sessions.map(s => [s.name, []]));
const warmupTimes = Object.fromEntries(sessions.map(s => [s.name, []]));
try {
  // the warm-up alternates too, in blocks of 100 calls, so no server pays alone for the client's own warm-up;
  // its first calls are what a fresh session sees
  for (let done = 0; done < plan.warmup; done += 100) {
    for (const s of sessions) {
      for (let i = done; i < Math.min(plan.warmup, done + 100); i++) {
        const t0 = process.hrtime.bigint();
        await s.call();
        warmupTimes[s.name].push(Number(process.hrtime.bigint() - t0) / 1e3);
      }
    }
  }
  for (let b = 0; b < plan.blocks; b++) {
    // alternate which server goes first, so neither always follows the other's block
    const order = b % 2 === 0 ? sessions : [...sessions].reverse();
    for (const s of order) {
      for (let i = 0; i < plan.perBlock; i++) {
        const t0 = process.hrtime.bigint();
        await s.call();
        times[s.name].push(Number(process.hrtime.bigint() - t0) / 1e3);
      }
    }
  }
} finally {
  for (const s of sessions) {
    await s.client.close();
  }
}
console.log(JSON.stringify({ sdk: sdkVersion, node: process.version, servers: times, warmup_us: warmupTimes }));
