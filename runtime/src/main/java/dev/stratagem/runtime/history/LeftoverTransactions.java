package dev.stratagem.runtime.history;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.h2.engine.Constants;
import org.h2.engine.Database;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.tx.Transaction;
import org.h2.mvstore.tx.TransactionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes the committed transaction a killed process left in an H2 file, which H2 2.5.252 recovers and then never
 * finishes itself. Run on a database's first connection, before anything reads or writes it.
 *
 * <p>Why: H2 commits in two steps. It first marks the transaction's undo log committed (the commit point), then
 * applies its changes map by map and clears the log. A process killed between the two leaves a file whose
 * transaction is committed but only partly applied: on the next open {@code TransactionStore.init} registers it as
 * {@code COMMITTED}, and {@code endLeftoverTransactions} calls {@code Transaction.commit()} on it, which does nothing
 * for a transaction that is already {@code COMMITTED} (it finishes only active ones, so its recovery branch,
 * {@code store.commit(this, previousStatus == STATUS_COMMITTED)}, is never reached). The transaction then stays open
 * for ever, in every later open of the file too:
 * <ul>
 *   <li>its rows not applied yet are invisible: in a killed kernel's file (the {@code killed-kernel-locked-row}
 *       fixture, a batch of 512 cycles) 293 cycles without their portfolio snapshot, 512 without their component
 *       versions, the portfolio breaker's state shown as of cycle 90, the last before the batch, not of 602;</li>
 *   <li>writing one of its rows spins at 100% CPU for ever, whatever the lock timeout: {@code TransactionMap.set}
 *       retries without waiting while the blocker, which never ends, holds the row. Crash recovery's first DELETE hung
 *       every start.</li>
 * </ul>
 * Exporting the file ({@code SCRIPT}) reads what is visible, so it lost those rows. Here the transaction is finished
 * the way H2 means to: its undo log applied by H2's own recovery commit ({@code TransactionStore.commit(t, true)}),
 * then the transaction ended and the store written. Those methods are package-private in H2, hence reflection: an H2
 * without them fails the open with a message (and the fixture's test), never a hang.
 */
final class LeftoverTransactions {

    private static final Logger LOG = LoggerFactory.getLogger(LeftoverTransactions.class);

    private LeftoverTransactions() {}

    /**
     * Finishes the committed transactions H2 recovered from the file and left open. Does nothing on a database that
     * others already use in this JVM (it was opened before, and its leftovers finished then), on a read-only one,
     * or on one opened over the network.
     *
     * @param c the database's first connection
     * @return how many transactions were finished
     * @throws IllegalStateException if there is one and this H2 cannot finish it
     */
    static int finish(Connection c) throws SQLException {
        if (!(c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return 0;
        }
        Database db = session.getDatabase();
        if (db.isReadOnly() || db.getSessions(false).length > 1) {
            return 0;
        }
        String name = db.getDatabasePath() == null ? db.getName() : db.getDatabasePath() + ".mv.db";
        TransactionStore store = db.getStore().getTransactionStore();
        List<Transaction> leftovers = store.getOpenTransactions().stream()
                .filter(t -> t.getStatus() == Transaction.STATUS_COMMITTED).toList();
        if (leftovers.isEmpty()) {
            return 0;
        }
        Method commit;
        Method end;
        try {
            commit = TransactionStore.class.getDeclaredMethod("commit", Transaction.class, boolean.class);
            end = TransactionStore.class.getDeclaredMethod("endTransaction", Transaction.class, boolean.class);
            commit.setAccessible(true);
            end.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(leftover(name, leftovers.getFirst()) + ", and this H2 ("
                    + Constants.VERSION + ") cannot finish it: " + e + ". Opened as it is, the rows of that transaction"
                    + " would be missing and crash recovery would hang on them. The file is unchanged: open it once"
                    + " with a Stratagem built with H2 2.5.252, which finishes it; or restore it from a copy; or move"
                    + " it aside to start a new history (the runs it holds are then not continued)", e);
        }
        for (Transaction t : leftovers) {
            long started = System.nanoTime();
            try {
                commit.invoke(store, t, true);   // true: the undo log is marked committed already
                end.invoke(store, t, true);
            } catch (InvocationTargetException | IllegalAccessException e) {
                Throwable cause = e instanceof InvocationTargetException i ? i.getCause() : e;
                throw new IllegalStateException(leftover(name, t) + ", and finishing it failed (" + cause + "): the"
                        + " file may be partly changed; restore it from a copy", cause);
            }
            LOG.warn("history file {}: finished transaction {}, which the process that last had the file open (killed"
                    + " or crashed) had committed but not applied, in {} ms: H2 leaves such a transaction open, its"
                    + " rows unreadable and a write to one of them spinning for ever", name, t.getId(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        db.getStore().getMvStore().commit();
        return leftovers.size();
    }

    private static String leftover(String name, Transaction t) {
        return "history file " + name + " holds transaction " + t.getId() + " of the process that last had it open"
                + " (killed or crashed), committed but not applied";
    }
}
