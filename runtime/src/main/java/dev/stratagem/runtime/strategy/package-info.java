/**
 * Assembling a strategy from its config: components from plugins, built-in guardrails, the contract checks
 * between them. Tier: internal.
 */
package dev.stratagem.runtime.strategy;
