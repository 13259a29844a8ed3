/** The {@code stratagem} command line (picocli). Tier: internal. */
package dev.stratagem.runtime.cli;
