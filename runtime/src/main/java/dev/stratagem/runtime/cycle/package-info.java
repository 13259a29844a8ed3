/**
 * The decision cycle: portfolio, market data, features, context, decision, guardrails, execution,
 * portfolio update, history and digest, each timed and recorded under one compose id. Tier: internal.
 */
package dev.stratagem.runtime.cycle;
