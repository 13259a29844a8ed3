/**
 * The console and its REST API, served by the runtime itself (Vert.x Web): strategies, runs, filtered cycle
 * lists, the whole audit trail of one cycle, equity and price series, plugins, risk and the kill switch, live
 * cycles over SSE. {@link dev.stratagem.runtime.web.ConsoleServer} starts it; {@link
 * dev.stratagem.runtime.web.ControlPlane} is what its mutating endpoints drive. Tier: API for the CLI,
 * internal below ({@code api}, {@code auth}, {@code console}).
 */
package dev.stratagem.runtime.web;
