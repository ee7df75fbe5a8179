/**
 * The MCP stdio server: polysim's tools, resources and instructions over the official MCP Java SDK.
 *
 * <p>Decisions: stdout carries only JSON-RPC ({@link org.polysim.mcp.StdioGuard} owns it, and {@code System.out}
 * is pointed at stderr while serving); every failure is a tool result with {@code isError} and a message saying
 * what to change; a malformed input line gets a JSON-RPC error and the session goes on; calls on one world are
 * serialized by a per-name lock, calls on different worlds run concurrently; files live in a workspace directory
 * (default {@code ~/.polysim/workspace}) and paths outside it are refused; snapshots taken with
 * {@code create_world_snapshot} stay in memory until the world is deleted. Text results carry a one-line summary and
 * the same data as {@code structuredContent}, because many clients show the model only the text.
 */
package org.polysim.mcp;
