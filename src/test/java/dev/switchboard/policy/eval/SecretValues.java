package dev.switchboard.policy.eval;

import dev.switchboard.policy.detect.FindingType;
import java.util.Random;

/** Generated credentials of each family, for {@link CorpusGenerator}. */
final class SecretValues {
  private static final String UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final String BASE64 =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  private final Random random;

  SecretValues(Random random) {
    this.random = random;
  }

  void addAll(CorpusGenerator out) {
    for (int i = 0; i < 270; i++) {
      switch (i % 9) {
        case 0 ->
            out.positive(
                FindingType.SECRET,
                "AKIA" + PositiveValues.randomOf(random, UPPER_DIGITS, 15) + random.nextInt(10));
        case 1 -> out.positive(FindingType.SECRET, "ghp_" + PositiveValues.alnum(random, 36));
        case 2 ->
            out.positive(
                FindingType.SECRET,
                "github_pat_"
                    + PositiveValues.alnum(random, 22)
                    + "_"
                    + PositiveValues.alnum(random, 59));
        case 3 ->
            out.positive(
                FindingType.SECRET,
                "xoxb-"
                    + (1_000_000_000L + random.nextInt(999_999_999))
                    + "-"
                    + PositiveValues.alnum(random, 24));
        case 4 -> out.positive(FindingType.SECRET, "sk-proj-" + PositiveValues.alnum(random, 48));
        case 5 ->
            out.positive(
                FindingType.SECRET,
                "sk-ant-api03-"
                    + PositiveValues.alnum(random, 40)
                    + "-"
                    + PositiveValues.alnum(random, 40));
        case 6 -> out.positive(FindingType.SECRET, jwt());
        case 7 -> out.positive(FindingType.SECRET, pem());
        default -> assignment(out, i);
      }
    }
  }

  private String jwt() {
    String header = PositiveValues.base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
    String payload =
        PositiveValues.base64Url(
            "{\"sub\":\""
                + random.nextInt(1_000_000)
                + "\",\"iat\":"
                + (1_700_000_000 + random.nextInt(50_000_000))
                + "}");
    return header + "." + payload + "." + PositiveValues.alnum(random, 43);
  }

  private String pem() {
    StringBuilder key = new StringBuilder("-----BEGIN RSA PRIVATE KEY-----\n");
    for (int line = 0; line < 4; line++) {
      key.append(PositiveValues.randomOf(random, BASE64, 64)).append('\n');
    }
    return key.append("-----END RSA PRIVATE KEY-----").toString();
  }

  private void assignment(CorpusGenerator out, int i) {
    String value = PositiveValues.alnum(random, 20 + random.nextInt(20));
    switch (i % 3) {
      case 0 -> out.positive(FindingType.SECRET, "api_key = \"", value, "\"");
      case 1 -> out.positive(FindingType.SECRET, "DB_PASSWORD=", value, "\n");
      default -> out.positive(FindingType.SECRET, "{\"client_secret\": \"", value, "\"}");
    }
  }
}
