/**
 * The simulated execution gateway: fills at the next bar's open (or at the mark) with fee and slippage in
 * basis points, idempotent on the instruction id.
 *
 * <p>Tier: <b>internal</b>. Only {@link dev.stratagem.plugins.paper.PaperExecutionGateway} is public.
 */
package dev.stratagem.plugins.paper;
