package dev.stratagem.runtime.script;

import dev.stratagem.api.TradeInstruction;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;
import org.slf4j.Logger;

/**
 * The {@code api} object a script receives: the same members in JavaScript and Python, documented in
 * {@code sdk-docs/scripts.md}. Only the members marked {@link HostAccess.Export} are visible to the script.
 * The runtime sets the public fields before each call; scalars are plain numbers so a call crosses the
 * host boundary with primitives only.
 */
public final class ScriptApi {

    private static final int MAX_LOG_LINES = 20;
    private static final int MAX_LOG_CHARS = 500;

    /** The symbol of the current call. */
    @HostAccess.Export public String symbol = "";
    /** The timestamp of the cycle's bar, epoch milliseconds. */
    @HostAccess.Export public double ts;
    /** The signed position in {@link #symbol} (composer); the projected position after pending orders (risk). */
    @HostAccess.Export public double position;
    /** The portfolio's cash. */
    @HostAccess.Export public double cash;
    /** The portfolio's equity. */
    @HostAccess.Export public double equity;
    /** The digest's Sharpe ratio so far. */
    @HostAccess.Export public double sharpe;
    /** The number of closed trades so far. */
    @HostAccess.Export public int trades;
    /** Risk role: the order's side, {@code BUY} or {@code SELL}. */
    @HostAccess.Export public String side = "";
    /** Risk role: the order's unsigned quantity. */
    @HostAccess.Export public double quantity;
    /** Risk role: the reference price of the order's symbol ({@code NaN} if unknown). */
    @HostAccess.Export public double price;
    /** The state the previous version handed over through {@code save()}, or {@code null}; read it in {@code init}. */
    @HostAccess.Export public String state;

    /**
     * The symbol and position orders go to, the host's own: a script can write the exported fields (GraalVM exports
     * a field read-write), and {@code api.symbol = "AAPL"; api.buy(10)} must not trade a symbol its strategy does
     * not, nor {@code api.position = 1e6; api.close()} sell what it does not hold.
     */
    private String orderSymbol = "";
    private double orderPosition;

    private final Map<String, Object> params;
    private final List<String> featureNames;
    private final Logger log;
    private final Set<String> required = new LinkedHashSet<>();
    final List<TradeInstruction> orders = new ArrayList<>(2);
    String verdictReason;
    double clampQuantity = Double.NaN;
    private int logLines;
    List<String> bufferNames;
    int[] bufferIndex;
    double[] buffer;

    ScriptApi(Map<String, Object> params, List<String> featureNames, Logger log) {
        this.params = Map.copyOf(params);
        this.featureNames = List.copyOf(featureNames);
        this.log = log;
    }

    /**
     * @param name a parameter declared in the manifest
     * @return its value (the strategy file's, or the manifest default)
     */
    @HostAccess.Export
    public Object param(String name) {
        if (!params.containsKey(name)) {
            throw new IllegalArgumentException("no parameter '" + name + "'; declared: " + params.keySet());
        }
        return params.get(name);
    }

    /**
     * Declares that the script reads a feature, and finds where it is.
     *
     * @param name a feature name, for example {@code sma_10}
     * @return its index in the feature array {@code f}, or -1 if the pipeline does not produce it (the
     *     strategy then fails to load, naming it)
     */
    @HostAccess.Export
    public int feature(String name) {
        required.add(name);
        return featureNames.indexOf(name);
    }

    /** @param quantity a market buy of the call's symbol */
    @HostAccess.Export
    public void buy(Value quantity) {
        orders.add(TradeInstruction.buy(orderSymbol, quantity("buy", quantity)));
    }

    /** @param quantity a market sell of the call's symbol */
    @HostAccess.Export
    public void sell(Value quantity) {
        orders.add(TradeInstruction.sell(orderSymbol, quantity("sell", quantity)));
    }

    /**
     * @return the quantity a script passed, as a double (NaN too: the guardrails reject it with their reason)
     * @throws IllegalArgumentException naming the call and what it was given, instead of the language's own
     *     "invalid instantiation of foreign object"
     */
    private static double quantity(String call, Value quantity) {
        if (quantity != null && quantity.fitsInDouble()) {
            return quantity.asDouble();
        }
        String given = quantity == null || quantity.isNull() ? "nothing"
                : quantity.isString() ? "'" + quantity.asString() + "' (text)"
                : quantity.isNumber() ? quantity + " (a number a double does not hold exactly)" : quantity.toString();
        throw new IllegalArgumentException("api." + call + "(quantity) takes a number, was "
                + (given.length() > 100 ? given.substring(0, 100) + "..." : given));
    }

    /** Closes the whole position in {@link #symbol} with a reduce-only market order; nothing when flat. */
    @HostAccess.Export
    public void close() {
        if (orderPosition > 0) {
            orders.add(TradeInstruction.sell(orderSymbol, orderPosition).asReduceOnly());
        } else if (orderPosition < 0) {
            orders.add(TradeInstruction.buy(orderSymbol, -orderPosition).asReduceOnly());
        }
    }

    /**
     * Sets the call's symbol and position, the exported fields and the host's own copies orders use.
     *
     * @param symbol the symbol of the call
     * @param position the signed position in it
     */
    void at(String symbol, double position) {
        this.symbol = symbol;
        this.position = position;
        this.orderSymbol = symbol;
        this.orderPosition = position;
    }

    /** @param reason risk role: reject the order with this reason */
    @HostAccess.Export
    public void reject(String reason) {
        verdictReason = reason == null || reason.isBlank() ? "rejected by script" : reason;
        clampQuantity = Double.NaN;
    }

    /**
     * Risk role: let the order go ahead with a smaller size.
     *
     * @param newQuantity the smaller quantity
     * @param reason why
     */
    @HostAccess.Export
    public void clamp(double newQuantity, String reason) {
        verdictReason = reason == null || reason.isBlank() ? "clamped by script" : reason;
        clampQuantity = newQuantity;
    }

    /**
     * @param message a log line, written to the runtime log under the cycle's compose id (the first
     *     {@value #MAX_LOG_LINES} of a call, with what the script prints)
     */
    @HostAccess.Export
    public void log(String message) {
        if (++logLines <= MAX_LOG_LINES) {
            String line = String.valueOf(message);
            log.info("{}", line.length() > MAX_LOG_CHARS ? line.substring(0, MAX_LOG_CHARS) + "..." : line);
        } else if (logLines == MAX_LOG_LINES + 1) {
            log.warn("more than {} log lines (api.log and print) in one call: the rest of the call's are dropped",
                    MAX_LOG_LINES);
        }
    }

    List<String> featureNames() {
        return featureNames;
    }

    Set<String> required() {
        return required;
    }

    void beginCall() {
        orders.clear();
        verdictReason = null;
        clampQuantity = Double.NaN;
        newLogBudget();
    }

    /** @return whether this call has logged past its {@value #MAX_LOG_LINES} lines: what else it prints is dropped */
    boolean logFull() {
        return logLines > MAX_LOG_LINES;
    }

    /** Lets the next call (or init, or save) log its own {@value #MAX_LOG_LINES} lines. */
    void newLogBudget() {
        logLines = 0;
    }
}
