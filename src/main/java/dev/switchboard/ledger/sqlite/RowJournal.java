package dev.switchboard.ledger.sqlite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.zip.CRC32C;

/**
 * Where a ledger row is kept between its response and its commit, so the response need not wait for
 * the writer thread: two memory-mapped segment files beside the database ({@code <db>-rows-0} and
 * {@code -1}). Copying a row into a mapping is a memory copy, no system call, so an event loop may
 * do it; the bytes are then in the kernel's page cache, which outlives the process, so a row
 * journaled survives kill -9 or OOM as a committed one does. The writer commits rows as before;
 * once every row of the segment not being written has been committed, that segment is reused.
 * Opening the ledger commits whatever a crash left journaled and not committed.
 *
 * <p>A segment is a header (magic, epoch) and then records: length, CRC32C of the epoch and the
 * bytes, the bytes. Reusing a segment only bumps its epoch, so the records of an earlier epoch no
 * longer check and a reader stops at the first record that does not: only the last record can be
 * torn, since records are written one at a time, and its row was not answered yet.
 */
final class RowJournal implements AutoCloseable {
  static final int DEFAULT_SEGMENT_BYTES = 4 << 20;
  private static final int MAGIC = 0x53424a31; // "SBJ1"
  private static final int HEADER = 64;
  private static final int RECORD_HEAD = 8;

  private final FileChannel[] files = new FileChannel[2];
  private final MappedByteBuffer[] segments = new MappedByteBuffer[2];
  private final long[] epochs = new long[2];
  // Per segment: rows written into it this epoch, and of them rows the writer has committed.
  private final int[] written = new int[2];
  private final AtomicIntegerArray committed = new AtomicIntegerArray(2);
  private int active;
  private int position = HEADER;

  private RowJournal(Path database, int segmentBytes) throws IOException {
    for (int i = 0; i < 2; i++) {
      Path file = segmentFile(database, i);
      files[i] =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      if (files[i].size() != segmentBytes) {
        // Filled by writes, not left sparse: a first store into a page then needs no block.
        files[i].truncate(0);
        files[i].write(ByteBuffer.allocate(segmentBytes), 0);
      }
      segments[i] = files[i].map(FileChannel.MapMode.READ_WRITE, 0, segmentBytes);
      epochs[i] = segments[i].getInt(0) == MAGIC ? segments[i].getLong(8) : 0;
    }
  }

  /** Opens (or creates) the journal of {@code database}; {@link #pending} reads what it holds. */
  static RowJournal open(Path database, int segmentBytes) throws IOException {
    return new RowJournal(database, segmentBytes);
  }

  static Path segmentFile(Path database, int segment) {
    return database.resolveSibling(database.getFileName() + "-rows-" + segment);
  }

  /** The entries both segments hold: rows a crash may have left uncommitted, oldest epoch first. */
  synchronized List<byte[]> pending() {
    List<byte[]> entries = new ArrayList<>();
    int first = epochs[0] <= epochs[1] ? 0 : 1;
    for (int i : new int[] {first, 1 - first}) {
      if (segments[i].getInt(0) == MAGIC) {
        read(segments[i], epochs[i], entries);
      }
    }
    return entries;
  }

  private static void read(MappedByteBuffer segment, long epoch, List<byte[]> into) {
    int at = HEADER;
    while (at + RECORD_HEAD <= segment.capacity()) {
      int length = segment.getInt(at);
      if (length <= 0 || length > segment.capacity() - at - RECORD_HEAD) {
        return;
      }
      byte[] bytes = new byte[length];
      segment.get(at + RECORD_HEAD, bytes);
      if (segment.getInt(at + 4) != crc(epoch, bytes)) {
        return;
      }
      into.add(bytes);
      at += RECORD_HEAD + length;
    }
  }

  /** Empties both segments (every row they held is committed): a new epoch for each. */
  synchronized void reset() {
    long next = Math.max(epochs[0], epochs[1]) + 1;
    for (int i = 0; i < 2; i++) {
      restart(i, next + i);
    }
    active = 0;
    position = HEADER;
  }

  /** As {@link #reset}, unless a row written this epoch is still not committed. */
  synchronized void resetIfAllCommitted() {
    if (committed.get(0) == written[0] && committed.get(1) == written[1]) {
      reset();
    }
  }

  /**
   * Copies {@code entry} into the journal; returns the segment it went to, or -1 when neither
   * segment has room (the other still holds rows not committed), and the caller must wait for the
   * commit instead.
   */
  synchronized int write(byte[] entry) {
    int needed = RECORD_HEAD + entry.length;
    if (position + needed > segments[active].capacity() && !switchSegments(needed)) {
      return -1;
    }
    MappedByteBuffer segment = segments[active];
    segment.putInt(position + 4, crc(epochs[active], entry));
    segment.put(position + RECORD_HEAD, entry);
    segment.putInt(position, entry.length);
    position += needed;
    written[active]++;
    return active;
  }

  /** The writer committed a row written to {@code segment} (or found it already there). */
  void committed(int segment) {
    committed.incrementAndGet(segment);
  }

  private boolean switchSegments(int needed) {
    int other = 1 - active;
    if (committed.get(other) != written[other] || HEADER + needed > segments[other].capacity()) {
      return false;
    }
    restart(other, Math.max(epochs[0], epochs[1]) + 1);
    active = other;
    position = HEADER;
    return true;
  }

  private void restart(int segment, long epoch) {
    epochs[segment] = epoch;
    segments[segment].putLong(8, epoch);
    segments[segment].putInt(0, MAGIC);
    // The first record's length, so a reader stops at once rather than checking a stale record.
    segments[segment].putInt(HEADER, 0);
    written[segment] = 0;
    committed.set(segment, 0);
  }

  private static int crc(long epoch, byte[] bytes) {
    CRC32C crc = new CRC32C();
    // The epoch's bytes, high first, without a buffer: this runs on an event loop per response.
    for (int shift = 56; shift >= 0; shift -= 8) {
      crc.update((int) (epoch >>> shift));
    }
    crc.update(bytes);
    return (int) crc.getValue();
  }

  @Override
  public synchronized void close() throws IOException {
    for (FileChannel file : files) {
      file.close();
    }
  }
}
