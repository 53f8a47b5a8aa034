package dev.switchboard.policy.eval;

import dev.switchboard.policy.detect.FindingType;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Generated positives and their checksum- or rule-invalid twins, for {@link CorpusGenerator}. */
final class PositiveValues {
  private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final String ALNUM = UPPER + "abcdefghijklmnopqrstuvwxyz0123456789";

  /** Issuer prefix and length. */
  private static final String[][] CARDS = {
    {"4", "16"}, {"4", "13"}, {"4", "19"}, {"51", "16"}, {"55", "16"}, {"2221", "16"},
    {"2720", "16"}, {"34", "15"}, {"37", "15"}, {"6011", "16"}, {"65", "16"}, {"3528", "16"},
    {"3589", "16"}, {"36", "14"}, {"300", "14"}, {"62", "16"}, {"6759", "16"}, {"2200", "16"}
  };

  /** Country, IBAN length, and how many letters open the BBAN (a bank code). */
  private static final String[][] IBANS = {
    {"DE", "22", "0"}, {"FR", "27", "0"}, {"ES", "24", "0"}, {"IT", "27", "1"}, {"NL", "18", "4"},
    {"BE", "16", "0"}, {"AT", "20", "0"}, {"CH", "21", "0"}, {"PL", "28", "0"}, {"SE", "24", "0"},
    {"NO", "15", "0"}, {"DK", "18", "0"}, {"FI", "18", "0"}, {"IE", "22", "4"}, {"PT", "25", "0"},
    {"LU", "20", "0"}, {"GB", "22", "4"}, {"SA", "24", "0"}, {"BR", "29", "0"}, {"MT", "31", "4"},
    {"GR", "27", "0"}, {"CZ", "24", "0"}, {"HU", "28", "0"}, {"RO", "24", "4"}
  };

  private final Random random;

  PositiveValues(Random random) {
    this.random = random;
  }

  void addAll(CorpusGenerator out) {
    for (int i = 0; i < 360; i++) {
      String[] issuer = CARDS[i % CARDS.length];
      String digits = card(issuer[0], Integer.parseInt(issuer[1]));
      out.positive(FindingType.CREDIT_CARD, layoutCard(digits, i));
      if (i % 2 == 0) {
        out.invalid(FindingType.CREDIT_CARD, layoutCard(breakLast(digits), i / 2));
      }
    }
    for (int i = 0; i < 360; i++) {
      String[] country = IBANS[i % IBANS.length];
      String iban = iban(country[0], Integer.parseInt(country[1]), Integer.parseInt(country[2]));
      out.positive(FindingType.IBAN, layoutIban(iban, i));
      if (i % 2 == 0) {
        String broken = i % 4 == 0 ? breakLast(iban) : swapCheck(iban);
        out.invalid(FindingType.IBAN, layoutIban(broken, i / 2));
      }
    }
    emails(out);
    ssns(out);
    ips(out);
    new SecretValues(random).addAll(out);
  }

  private String card(String prefix, int length) {
    StringBuilder digits = new StringBuilder(prefix);
    while (digits.length() < length - 1) {
      digits.append(random.nextInt(10));
    }
    for (int check = 0; check < 10; check++) {
      if (luhn(digits + String.valueOf(check))) {
        return digits.append(check).toString();
      }
    }
    throw new AssertionError("no Luhn digit");
  }

  static boolean luhn(String digits) {
    int sum = 0;
    for (int i = 0; i < digits.length(); i++) {
      int d = digits.charAt(digits.length() - 1 - i) - '0';
      sum += i % 2 == 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
    }
    return sum % 10 == 0;
  }

  /** The same number with its last character changed: Luhn and mod-97 both catch it. */
  private static String breakLast(String value) {
    char last = value.charAt(value.length() - 1);
    char other = Character.isDigit(last) ? (char) ('0' + (last - '0' + 3) % 10) : 'Q';
    return value.substring(0, value.length() - 1) + other;
  }

  private static String swapCheck(String iban) {
    int check = Integer.parseInt(iban.substring(2, 4));
    return iban.substring(0, 2)
        + String.format(Locale.ROOT, "%02d", (check + 11) % 100)
        + iban.substring(4);
  }

  private static String layoutCard(String digits, int i) {
    return switch (i % 4) {
      case 0 -> digits;
      case 1 -> groups(digits, digits.length() == 15 ? new int[] {4, 6, 5} : null, " ");
      case 2 -> groups(digits, null, "-");
      default -> groups(digits, null, " ");
    };
  }

  private static String groups(String value, int[] sizes, String separator) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    for (int g = 0; at < value.length(); g++) {
      int size = sizes == null ? 4 : sizes[g];
      int end = Math.min(value.length(), at + size);
      out.append(at == 0 ? "" : separator).append(value, at, end);
      at = end;
    }
    return out.toString();
  }

  private String iban(String country, int length, int letters) {
    StringBuilder bban = new StringBuilder();
    for (int i = 0; i < length - 4; i++) {
      bban.append(
          i < letters ? UPPER.charAt(random.nextInt(26)) : (char) ('0' + random.nextInt(10)));
    }
    BigInteger number = new BigInteger(numeric(bban + country + "00"));
    int check = 98 - number.mod(BigInteger.valueOf(97)).intValue();
    return country + String.format(Locale.ROOT, "%02d", check) + bban;
  }

  private static String numeric(String value) {
    StringBuilder out = new StringBuilder();
    for (char c : value.toCharArray()) {
      out.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
    }
    return out.toString();
  }

  private static String layoutIban(String iban, int i) {
    return switch (i % 5) {
      case 0, 1 -> iban;
      case 2, 3 -> groups(iban, null, " ");
      default -> iban.toLowerCase(Locale.ROOT);
    };
  }

  private void emails(CorpusGenerator out) {
    List<String> first = List.of("jane", "li", "omar", "anna-maria", "j", "Bob", "sam99", "x_y");
    List<String> last = List.of("doe", "wang", "haddad", "o", "SMITH", "mueller", "dupont");
    List<String> domains =
        List.of(
            "example.com",
            "mail.example.org",
            "example.co.uk",
            "xn--mnchen-3ya.example",
            "corp.example.io",
            "uni-example.edu",
            "sub.example.travel",
            "example.de",
            "xn--bcher-kva.example");
    for (int i = 0; i < 320; i++) {
      String f = first.get(random.nextInt(first.size()));
      String l = last.get(random.nextInt(last.size()));
      String local =
          switch (i % 5) {
            case 0 -> f + "." + l;
            case 1 -> f + "+" + "tag" + random.nextInt(100);
            case 2 -> f.charAt(0) + l + random.nextInt(1000);
            case 3 -> f + "_" + l;
            default -> f + "." + l.charAt(0) + "." + l;
          };
      String email = local + "@" + domains.get(random.nextInt(domains.size()));
      switch (i % 3) {
        case 0 -> out.positive(FindingType.EMAIL, email);
        case 1 -> out.positive(FindingType.EMAIL, "Reply to <", email, "> please");
        default -> out.positive(FindingType.EMAIL, "mailto:", email, "");
      }
    }
  }

  private void ssns(CorpusGenerator out) {
    for (int i = 0; i < 240; i++) {
      int area = 1 + random.nextInt(898);
      area = area == 666 ? 667 : area;
      String ssn =
          String.format(
              Locale.ROOT,
              "%03d-%02d-%04d",
              area,
              1 + random.nextInt(99),
              1 + random.nextInt(9999));
      switch (i % 4) {
        case 0 -> out.positive(FindingType.US_SSN, ssn);
        case 1 -> out.positive(FindingType.US_SSN, ssn.replace('-', ' '));
        case 2 -> out.positive(FindingType.US_SSN, "SSN: ", ssn.replace("-", ""), " on file");
        default -> out.positive(FindingType.US_SSN, "employee ", ssn, " joined in March");
      }
    }
    for (int i = 0; i < 160; i++) {
      int area =
          switch (i % 3) {
            case 0 -> 0;
            case 1 -> 666;
            default -> 900 + random.nextInt(100);
          };
      int group = i % 5 == 0 ? 0 : 1 + random.nextInt(99);
      int serial = i % 7 == 0 ? 0 : 1 + random.nextInt(9999);
      out.invalid(
          FindingType.US_SSN, String.format(Locale.ROOT, "%03d-%02d-%04d", area, group, serial));
    }
  }

  private void ips(CorpusGenerator out) {
    for (int i = 0; i < 240; i++) {
      String ip;
      if (i % 3 == 0) {
        StringBuilder v6 = new StringBuilder(i % 2 == 0 ? "2001:db8:" : "fe80::");
        int groups = i % 2 == 0 ? 6 : 4;
        for (int g = 0; g < groups; g++) {
          v6.append(g == 0 ? "" : ":").append(Integer.toHexString(1 + random.nextInt(0xffff)));
        }
        ip = v6.toString();
      } else {
        ip =
            (1 + random.nextInt(223))
                + "."
                + random.nextInt(256)
                + "."
                + random.nextInt(256)
                + "."
                + (1 + random.nextInt(254));
      }
      out.positive(
          FindingType.IP_ADDRESS,
          i % 2 == 0 ? "connect from " : "peer ",
          ip,
          i % 2 == 0 ? " refused" : " is up");
    }
  }

  static String randomOf(Random random, String alphabet, int length) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  static String alnum(Random random, int length) {
    // At least one digit: tokens without one read as prose and are not reported.
    return randomOf(random, ALNUM, length - 1) + random.nextInt(10);
  }

  static String base64Url(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
