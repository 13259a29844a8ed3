package dev.stratagem.plugins.paper;

/** When a market order fills. */
enum FillModel {
    /** At the open of the next bar of its symbol: a backtest without look-ahead. */
    NEXT_OPEN("next-open"),
    /** Immediately, at the close of the latest bar. */
    MARK("mark");

    private final String key;

    FillModel(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }

    static FillModel parse(String value) {
        for (FillModel m : values()) {
            if (m.key.equals(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("parameter 'fill' must be next-open or mark, was '" + value + "'");
    }
}
