package dev.switchboard.ledger.sqlite;

import dev.switchboard.ledger.StorageException;
import dev.switchboard.ledger.sql.GroupCommit;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * On opening the ledger: commits the rows the {@link RowJournal} holds and the ledger lacks (their
 * responses were sent, then the process died before the writer committed them), then empties the
 * journal. Rows already committed are skipped by id, so recovering twice adds nothing.
 */
final class JournalRecovery {
  private static final System.Logger LOG = System.getLogger("switchboard.ledger");

  private JournalRecovery() {}

  static void commit(RowJournal journal, SqliteDatabase database, GroupCommit queue)
      throws SQLException {
    List<CompletableFuture<Void>> commits = new ArrayList<>();
    int unreadable = 0;
    try (Connection connection = database.connection();
        PreparedStatement known =
            connection.prepareStatement("SELECT 1 FROM requests WHERE id = ?")) {
      for (byte[] bytes : journal.pending()) {
        JournalEntry entry;
        try {
          entry = JournalEntry.decode(bytes);
        } catch (IOException | RuntimeException e) {
          unreadable++; // checked by its CRC, so written by another build: nothing to do with it
          continue;
        }
        known.setString(1, entry.record().id());
        try (ResultSet found = known.executeQuery()) {
          if (!found.next()) {
            commits.add(queue.append(entry.record(), entry.attempts()));
          }
        }
      }
    }
    int refused = awaitAll(commits);
    if (!commits.isEmpty() || unreadable > 0) {
      LOG.log(
          System.Logger.Level.WARNING,
          "committed {0} ledger rows the last run had answered but not committed ({1} refused,"
              + " {2} unreadable)",
          commits.size() - refused,
          refused,
          unreadable);
    }
    journal.reset();
  }

  // The rows refused for their own sake (an id taken, bad data), which no retry would commit; any
  // other failure leaves the journal as it is and fails the open.
  private static int awaitAll(List<CompletableFuture<Void>> commits) {
    int refused = 0;
    for (CompletableFuture<Void> commit : commits) {
      try {
        commit.join();
      } catch (CompletionException e) {
        Exception cause = SqliteLedgerWriter.rootCause(e);
        if (!SqliteLedgerWriter.causedByARow(cause)) {
          throw new StorageException("cannot commit the rows the ledger's journal holds", cause);
        }
        refused++;
      }
    }
    return refused;
  }
}
