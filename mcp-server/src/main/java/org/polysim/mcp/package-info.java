/**
 * The MCP stdio server: polysim's tools, resources and instructions over the official MCP Java SDK.
 *
 * <p>Decisions: stdout carries only JSON-RPC ({@link org.polysim.mcp.StdioGuard} owns it, and {@code System.out}
 * is pointed at stderr while serving); every failure is a tool result with {@code isError} and a message saying
 * what to change; a malformed input line gets a JSON-RPC error and the session goes on; calls on one world are
 * serialized by a per-name lock, calls on different worlds run concurrently, and a call on a world that a run holds
 * waits at most a second, then says it is busy ({@link org.polysim.mcp.Worlds}, {@link org.polysim.mcp.Runs}); a run stops at a completed
 * tick on cancellation or after {@code max_seconds}; files live in a workspace directory (default
 * {@code ~/.polysim/workspace}) and paths outside it are refused; worlds and snapshots are kept there too, so they
 * outlive the server ({@link org.polysim.mcp.WorldStore}); every response fits a byte budget, lists are paged and
 * anything else too large is cut where it says so ({@link org.polysim.mcp.Fit}); the SDK transport's sends are
 * serialized ({@link org.polysim.mcp.SerializedSends}). Text results carry a one-line summary and the same data as
 * {@code structuredContent}, because many clients show the model only the text.
 */
package org.polysim.mcp;
