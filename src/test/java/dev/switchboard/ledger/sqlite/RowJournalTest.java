package dev.switchboard.ledger.sqlite;

import static dev.switchboard.ledger.UsageRecords.attempt;
import static dev.switchboard.ledger.UsageRecords.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ledger.DataHandling;
import dev.switchboard.ledger.RouterPick;
import dev.switchboard.ledger.UsageRecord;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's segments, and the entries it keeps, read back as they were written. */
class RowJournalTest {
  private static final int SEGMENT = 4096;

  @TempDir Path dir;

  @Test
  void anEntry_readsBackEqual_withEveryLabelAndAttempt() throws Exception {
    UsageRecord labelled =
        row("gen-1", "key_1", 1234)
            .labelled(
                new DataHandling("confidential", "eu-only", "redact", List.of("email", "iban")),
                Optional.of("session-é"),
                Optional.of("res-1"),
                Optional.of("Claude Code"),
                Optional.of("programming"),
                Optional.of(new RouterPick("ridge-1", 4_200, "deepseek/deepseek-v3.2")));
    JournalEntry entry =
        new JournalEntry(
            labelled, List.of(attempt("gen-1", 1, "down", 503), attempt("gen-1", 2, "up", 200)));

    assertThat(JournalEntry.decode(entry.encode())).isEqualTo(entry);
    assertThat(JournalEntry.decode(new JournalEntry(row("gen-2", "k", 0), List.of()).encode()))
        .isEqualTo(new JournalEntry(row("gen-2", "k", 0), List.of()));
  }

  @Test
  void whatWasWritten_isPending_untilReset_andAReopenedJournalStillHoldsIt() throws Exception {
    Path db = dir.resolve("ledger.db");
    try (RowJournal journal = RowJournal.open(db, SEGMENT)) {
      journal.reset();
      assertThat(journal.write(bytes("one"))).isZero();
      assertThat(journal.write(bytes("two"))).isZero();
    }
    try (RowJournal reopened = RowJournal.open(db, SEGMENT)) {
      assertThat(strings(reopened.pending())).containsExactly("one", "two");
      reopened.reset();
      assertThat(reopened.pending()).isEmpty();
    }
  }

  @Test
  void aFullSegment_movesToTheOther_onlyOnceEveryRowInItIsCommitted() throws Exception {
    try (RowJournal journal = RowJournal.open(dir.resolve("ledger.db"), SEGMENT)) {
      journal.reset();
      byte[] big = new byte[1500];
      assertThat(journal.write(big)).isZero();
      assertThat(journal.write(big)).isZero();
      assertThat(journal.write(big)).as("segment 0 is full; 1 is empty").isEqualTo(1);
      assertThat(journal.write(big)).isEqualTo(1);
      assertThat(journal.write(big))
          .as("1 is full and 0 still holds uncommitted rows")
          .isEqualTo(-1);

      journal.committed(0);
      journal.committed(0);
      byte[] after = bytes("after".repeat(300));
      assertThat(journal.write(after)).as("0 is reused").isZero();
      assertThat(strings(journal.pending())).hasSize(3).endsWith("after".repeat(300));
    }
  }

  @Test
  void aTornLastRecord_isNotRead_andNeitherIsAnythingOfAnEarlierEpoch() throws Exception {
    Path db = dir.resolve("ledger.db");
    try (RowJournal journal = RowJournal.open(db, SEGMENT)) {
      journal.reset();
      journal.write(bytes("kept"));
      journal.write(bytes("torn by the kill"));
    }
    // The last record's bytes half written: its checksum no longer matches.
    try (RandomAccessFile file =
        new RandomAccessFile(RowJournal.segmentFile(db, 0).toFile(), "rw")) {
      file.seek(64 + 8 + 4 + 8 + 3);
      file.write('X');
    }
    try (RowJournal reopened = RowJournal.open(db, SEGMENT)) {
      assertThat(strings(reopened.pending())).containsExactly("kept");
      reopened.reset(); // a new epoch: "kept" is now a stale record of the last one
      reopened.write(bytes("new"));
      assertThat(strings(reopened.pending())).containsExactly("new");
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> strings(List<byte[]> entries) {
    return entries.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
  }
}
