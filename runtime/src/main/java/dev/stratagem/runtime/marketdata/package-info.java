/**
 * Historical bars from CSV files for backtests: {@link dev.stratagem.runtime.marketdata.CsvCandleReader}
 * reads a file into a {@link dev.stratagem.runtime.marketdata.CandleSeries} with a
 * {@link dev.stratagem.runtime.marketdata.CsvFormat} that is Yahoo's, detected from the header, or an
 * explicit column mapping. Bad data fails fast with a
 * {@link dev.stratagem.runtime.marketdata.MarketDataException} naming file, line, field and value, or is
 * skipped and counted on request.
 *
 * <p>Tier: internal to the runtime; the backtest engine and the CLI call the public types.
 */
package dev.stratagem.runtime.marketdata;
