package dev.stratagem.runtime.history;

import java.util.List;

/**
 * A keyset page of cycles.
 *
 * @param items the cycles, by sequence
 * @param nextAfter the {@code afterSequence} of the next page, {@code null} on the last page
 */
public record CyclePage(List<CycleSummary> items, Long nextAfter) {

    /** Copies the list. */
    public CyclePage {
        items = List.copyOf(items);
    }
}
