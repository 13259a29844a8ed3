package dev.stratagem.runtime.history;

import dev.stratagem.runtime.cycle.ComposeId;

/**
 * The sequences of one run whose compose id ({@code <runId>-<sequence>}) starts with a given prefix, so a search
 * by compose-id prefix on a run stored in blocks decodes only the blocks that can hold a match: the prefix
 * {@code bt-x-12} matches 12, 120-129, 1200-1299 and so on.
 */
final class SequencePrefix {

    private final boolean all;
    private final long digits;
    private final int length;

    private SequencePrefix(boolean all, long digits, int length) {
        this.all = all;
        this.digits = digits;
        this.length = length;
    }

    /**
     * @param runId the run
     * @param prefix a compose-id prefix
     * @return the run's sequences it can match
     */
    static SequencePrefix of(String runId, String prefix) {
        String head = ComposeId.prefix(runId);
        if (head.startsWith(prefix)) {
            return new SequencePrefix(true, 0, 0);
        }
        String rest = prefix.startsWith(head) ? prefix.substring(head.length()) : "";
        boolean number = !rest.isEmpty() && rest.length() <= 18 && rest.charAt(0) != '0'
                && rest.chars().allMatch(c -> c >= '0' && c <= '9');
        return number ? new SequencePrefix(false, Long.parseLong(rest), rest.length()) : new SequencePrefix(false, -1, 0);
    }

    /** @return the smallest matching sequence after {@code after}, {@link Long#MAX_VALUE} if there is none */
    long next(long after) {
        if (all) {
            return after + 1;
        }
        if (digits < 0) {
            return Long.MAX_VALUE;
        }
        long lo = digits;
        long width = 1;
        for (int extra = 0; length + extra <= 18; extra++) {
            long hi = lo + width - 1; // the sequences with `extra` more digits after the prefix
            if (hi > after) {
                return Math.max(lo, after + 1);
            }
            lo *= 10;
            width *= 10;
        }
        return Long.MAX_VALUE;
    }
}
