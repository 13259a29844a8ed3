/**
 * The Stratagem plugin API: the records that cross the boundary between the runtime and a strategy
 * component, and the extension points a component implements.
 *
 * <p>Tier: <b>API</b>. Everything here is supported and documented; strategy authors compile against
 * this package only. It has no Vert.x, Jdbi or GraalVM types; PF4J appears only through
 * {@link org.pf4j.ExtensionPoint}.
 *
 * <p>Conventions:
 * <ul>
 *   <li>Records are immutable and validate themselves in their compact constructors; a broken contract
 *       (a null symbol, a high below its low) throws {@link java.lang.IllegalArgumentException} or
 *       {@link java.lang.NullPointerException} at construction.</li>
 *   <li>Expected outcomes are values, not exceptions: a guardrail veto is a {@link RiskVerdict}, a refused
 *       order a {@link TxResult} with status {@link TxStatus#REJECTED}.</li>
 *   <li>Timestamps are epoch milliseconds, UTC.</li>
 *   <li>Quantities are signed where noted: positive is long, negative is short.</li>
 * </ul>
 */
package dev.stratagem.api;
