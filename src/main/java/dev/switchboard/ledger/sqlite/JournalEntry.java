package dev.switchboard.ledger.sqlite;

import dev.switchboard.attempt.Attempt;
import dev.switchboard.ledger.DataHandling;
import dev.switchboard.ledger.RouterPick;
import dev.switchboard.ledger.UsageRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A ledger row and its attempts as the {@link RowJournal} keeps them: a compact binary form,
 * written on the event loop for every response, so it is hand-written rather than reflective. A
 * version byte leads, so a journal left by another build is recognised rather than misread.
 */
record JournalEntry(UsageRecord record, List<Attempt> attempts) {
  private static final int VERSION = 1;

  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    try (Out out = new Out(bytes)) {
      out.writeByte(VERSION);
      writeRecord(out, record);
      out.writeInt(attempts.size());
      for (Attempt attempt : attempts) {
        writeAttempt(out, attempt);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return bytes.toByteArray();
  }

  /** The entry {@link #encode} wrote; throws on bytes of another version or a torn entry. */
  static JournalEntry decode(byte[] encoded) throws IOException {
    try (In in = new In(new ByteArrayInputStream(encoded))) {
      int version = in.readUnsignedByte();
      if (version != VERSION) {
        throw new IOException("a journal entry of version " + version + ", not " + VERSION);
      }
      UsageRecord record = readRecord(in);
      int count = in.readInt();
      List<Attempt> attempts = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        attempts.add(readAttempt(in));
      }
      return new JournalEntry(record, attempts);
    }
  }

  private static void writeRecord(Out out, UsageRecord r) throws IOException {
    out.string(r.id());
    out.writeLong(r.at().toEpochMilli());
    out.string(r.keyId());
    out.string(r.requestedModel());
    out.optional(r.servedModel());
    out.optional(r.provider());
    for (long tokens :
        new long[] {
          r.promptTokens(),
          r.completionTokens(),
          r.cachedTokens(),
          r.cacheWrite5mTokens(),
          r.cacheWrite1hTokens(),
          r.reasoningTokens()
        }) {
      out.writeLong(tokens);
    }
    out.writeBoolean(r.estimated());
    out.writeLong(r.costMicros());
    out.writeLong(r.latencyMs());
    out.optionalLong(r.ttftMs());
    out.writeBoolean(r.stream());
    out.writeInt(r.status());
    out.optional(r.errorCode());
    out.optional(r.providerModel());
    writeHandling(out, r.handling());
    out.optional(r.sessionId());
    out.optional(r.reservationId());
    out.optional(r.app());
    out.optional(r.category());
    out.writeBoolean(r.router().isPresent());
    if (r.router().isPresent()) {
      RouterPick pick = r.router().get();
      out.string(pick.version());
      out.writeInt(pick.scoreBasisPoints());
      out.string(pick.pick());
    }
  }

  private static UsageRecord readRecord(In in) throws IOException {
    UsageRecord usage =
        new UsageRecord(
            in.string(),
            Instant.ofEpochMilli(in.readLong()),
            in.string(),
            in.string(),
            in.optional(),
            in.optional(),
            in.readLong(),
            in.readLong(),
            in.readLong(),
            in.readLong(),
            in.readLong(),
            in.readLong(),
            in.readBoolean(),
            in.readLong(),
            in.readLong(),
            in.optionalLong(),
            in.readBoolean(),
            in.readInt(),
            in.optional(),
            in.optional());
    DataHandling handling = readHandling(in);
    Optional<String> session = in.optional();
    Optional<String> reservation = in.optional();
    Optional<String> app = in.optional();
    Optional<String> category = in.optional();
    Optional<RouterPick> router =
        in.readBoolean()
            ? Optional.of(new RouterPick(in.string(), in.readInt(), in.string()))
            : Optional.empty();
    return usage.labelled(handling, session, reservation, app, category, router);
  }

  private static void writeHandling(Out out, DataHandling handling) throws IOException {
    out.string(handling.dataClass());
    out.string(handling.rule());
    out.string(handling.action());
    out.writeInt(handling.findingTypes().size());
    for (String type : handling.findingTypes()) {
      out.string(type);
    }
  }

  private static DataHandling readHandling(In in) throws IOException {
    String dataClass = in.string();
    String rule = in.string();
    String action = in.string();
    int count = in.readInt();
    List<String> types = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      types.add(in.string());
    }
    return new DataHandling(dataClass, rule, action, types);
  }

  private static void writeAttempt(Out out, Attempt a) throws IOException {
    out.string(a.generationId());
    out.writeInt(a.number());
    out.string(a.providerId());
    out.string(a.modelId());
    out.writeByte(a.outcome().ordinal());
    out.writeInt(a.status());
    out.optional(a.errorCode());
    out.writeLong(a.startedAt().toEpochMilli());
    out.writeLong(a.latencyMs());
    out.optionalLong(a.firstTokenMs());
    out.writeLong(a.bytes());
    out.writeLong(a.outputTokens());
  }

  private static Attempt readAttempt(In in) throws IOException {
    return new Attempt(
        in.string(),
        in.readInt(),
        in.string(),
        in.string(),
        Attempt.Outcome.values()[in.readUnsignedByte()],
        in.readInt(),
        in.optional(),
        Instant.ofEpochMilli(in.readLong()),
        in.readLong(),
        in.optionalLong(),
        in.readLong(),
        in.readLong());
  }

  /** Strings as a length and UTF-8, of any length (writeUTF stops at 64 KB). */
  private static final class Out extends DataOutputStream {
    Out(ByteArrayOutputStream bytes) {
      super(bytes);
    }

    void string(String value) throws IOException {
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      writeInt(utf8.length);
      write(utf8);
    }

    void optional(Optional<String> value) throws IOException {
      writeBoolean(value.isPresent());
      if (value.isPresent()) {
        string(value.get());
      }
    }

    void optionalLong(OptionalLong value) throws IOException {
      writeBoolean(value.isPresent());
      if (value.isPresent()) {
        writeLong(value.getAsLong());
      }
    }
  }

  private static final class In extends DataInputStream {
    In(ByteArrayInputStream bytes) {
      super(bytes);
    }

    String string() throws IOException {
      return new String(readNBytes(readInt()), StandardCharsets.UTF_8);
    }

    Optional<String> optional() throws IOException {
      return readBoolean() ? Optional.of(string()) : Optional.empty();
    }

    OptionalLong optionalLong() throws IOException {
      return readBoolean() ? OptionalLong.of(readLong()) : OptionalLong.empty();
    }
  }
}
