/**
 * The Vert.x kernel: one worker verticle per strategy, a market-data verticle replaying a feed onto the
 * bus, and the shared history writer. Tier: internal.
 */
package dev.stratagem.runtime.kernel;
