package dev.switchboard.policy.eval;

import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Texts full of numbers and identifiers that carry no personal data, for {@link CorpusGenerator}:
 * order numbers, UUIDs, timestamps, hashes, versions, code, log lines, ISBNs, tracking numbers.
 */
final class HardNegatives {
  private static final int EACH = 90;

  private final Random random;

  HardNegatives(Random random) {
    this.random = random;
  }

  void addAll(CorpusGenerator out) {
    List<Kind> kinds =
        List.of(
            new Kind("order", () -> "Order #" + digits(6 + random.nextInt(3)) + " shipped"),
            new Kind("order", () -> "ref ORD-2025-" + digits(6) + " is paid"),
            new Kind("uuid", () -> "request id " + new UUID(random.nextLong(), random.nextLong())),
            new Kind("timestamp", this::timestamp),
            new Kind(
                "timestamp", () -> "\"ts\": " + (1_733_000_000_000L + random.nextInt(1 << 30))),
            new Kind("hash", () -> "commit " + hex(20)),
            new Kind("hash", () -> "digest sha256:" + hex(32)),
            new Kind("hash", () -> "fixed in " + hex(4).substring(0, 7) + ", see the PR"),
            new Kind("version", this::version),
            new Kind("code", this::code),
            new Kind("log", this::log),
            new Kind("isbn", this::isbn),
            new Kind("tracking", this::tracking),
            new Kind(
                "money",
                () ->
                    String.format(
                        Locale.ROOT,
                        "total $%,d.%02d due %02d/%02d/2025",
                        random.nextInt(100_000),
                        random.nextInt(100),
                        1 + random.nextInt(12),
                        1 + random.nextInt(28))),
            new Kind(
                "network",
                () ->
                    "listening on localhost:"
                        + (1024 + random.nextInt(60000))
                        + ", pod api-"
                        + hex(4).substring(0, 8)
                        + "-x2kqz"),
            new Kind(
                "measure",
                () ->
                    random.nextInt(10_000)
                        + " ms, "
                        + random.nextInt(1 << 20)
                        + " bytes, p99="
                        + random.nextInt(900)
                        + "."
                        + random.nextInt(99)
                        + "ms"));
    for (Kind kind : kinds) {
      for (int i = 0; i < EACH; i++) {
        out.negative(kind.name(), kind.text().get());
      }
    }
  }

  private record Kind(String name, Supplier<String> text) {}

  private String digits(int count) {
    StringBuilder out = new StringBuilder().append(1 + random.nextInt(9));
    while (out.length() < count) {
      out.append(random.nextInt(10));
    }
    return out.toString();
  }

  private String hex(int bytes) {
    byte[] data = new byte[bytes];
    random.nextBytes(data);
    return HexFormat.of().formatHex(data);
  }

  private String timestamp() {
    String date =
        String.format(
            Locale.ROOT, "2025-%02d-%02d", 1 + random.nextInt(12), 1 + random.nextInt(28));
    String time =
        String.format(
            Locale.ROOT,
            "%02d:%02d:%02d",
            random.nextInt(24),
            random.nextInt(60),
            random.nextInt(60));
    return switch (random.nextInt(3)) {
      case 0 -> date + "T" + time + "." + random.nextInt(1000) + "Z";
      case 1 -> date + " " + time + "," + random.nextInt(1000) + " INFO started";
      default -> "at " + date + " " + time;
    };
  }

  private String version() {
    return switch (random.nextInt(4)) {
      case 0 ->
          "upgrade to v" + random.nextInt(30) + "." + random.nextInt(30) + "." + random.nextInt(30);
      case 1 -> "version 10.0." + (19000 + random.nextInt(1000)) + "." + random.nextInt(5000);
      case 2 -> "image node:" + random.nextInt(24) + "." + random.nextInt(20) + ".1-alpine";
      default -> "build " + (20250000 + random.nextInt(1300)) + "." + random.nextInt(9);
    };
  }

  private String code() {
    return switch (random.nextInt(4)) {
      case 0 ->
          "for (int i = 0; i < "
              + random.nextInt(1000)
              + "; i++) { sum += a[i] * "
              + random.nextInt(99)
              + "; }";
      case 1 -> "int[] primes = {2, 3, 5, 7, 11, 13, " + random.nextInt(100) + "};";
      case 2 -> "return hash * 31 + 0x" + hex(4).toUpperCase(Locale.ROOT) + ";";
      default -> "assertEquals(" + random.nextInt(1_000_000) + "L, result.total());";
    };
  }

  private String log() {
    return "INFO [worker-"
        + random.nextInt(16)
        + "] GET /api/v1/orders/"
        + digits(6)
        + " 200 in "
        + random.nextInt(5000)
        + " ms pid="
        + random.nextInt(65536);
  }

  private String isbn() {
    String isbn12 = "978" + digits(9);
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += (isbn12.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
    }
    String isbn = isbn12 + (10 - sum % 10) % 10;
    return random.nextBoolean()
        ? "ISBN " + isbn
        : "ISBN "
            + isbn.substring(0, 3)
            + "-"
            + isbn.charAt(3)
            + "-"
            + isbn.substring(4, 6)
            + "-"
            + isbn.substring(6, 12)
            + "-"
            + isbn.charAt(12);
  }

  private String tracking() {
    return switch (random.nextInt(3)) {
      case 0 -> "UPS 1Z" + hex(8).toUpperCase(Locale.ROOT);
      case 1 ->
          "USPS 9400 1"
              + digits(3)
              + " "
              + digits(4)
              + " "
              + digits(4)
              + " "
              + digits(4)
              + " "
              + digits(2);
      default -> "FedEx " + digits(4) + " " + digits(4) + " " + digits(4);
    };
  }
}
