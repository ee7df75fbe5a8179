/**
 * The {@code polysim} command line (picocli): {@code run} advances a world file headless; {@code serve} starts the
 * MCP stdio server. {@code run} writes its summary to stdout and progress to stderr; exit codes are 0 (done),
 * 1 (a script failed; the world as of the last completed tick is still saved), 2 (bad arguments or world file).
 */
package org.polysim.cli;
