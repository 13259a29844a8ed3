package dev.stratagem.runtime.config;

/**
 * One CSV file of a replay feed.
 *
 * @param file the CSV file, relative to the run file's folder
 * @param symbol the symbol its bars carry; default from the file name
 * @param columns an explicit column mapping; default detected
 */
public record FeedConfig(String file, String symbol, String columns) {}
