package dev.stratagem.api;

/** The outcome of one instruction at the gateway. */
public enum TxStatus {
    /** Accepted and working; the fill comes later (for example at the next bar's open). */
    ACCEPTED,
    /** Completely filled. */
    FILLED,
    /** Partly filled; the rest is cancelled or still working. */
    PARTIAL,
    /** Refused by the venue or the gateway; nothing was traded. */
    REJECTED,
    /** The gateway failed (I/O, timeout); the outcome at the venue may be unknown. */
    ERROR;

    /** @return whether this status carries a fill */
    public boolean isFill() {
        return this == FILLED || this == PARTIAL;
    }
}
