/**
 * Strategy components written as JavaScript or Python scripts, run on GraalVM Polyglot: one shared engine,
 * one sandboxed context per component version, a watchdog that interrupts a call past its time budget (and, on a
 * {@link dev.stratagem.runtime.script.ScriptSupervisor}'s thread, leaves behind one that cannot be stopped), and
 * hot reload that builds and validates a new version off the strategy's thread, for every role (composer,
 * features pipeline, risk check: {@link dev.stratagem.runtime.script.ScriptHotReload}). Tier: internal.
 */
package dev.stratagem.runtime.script;
