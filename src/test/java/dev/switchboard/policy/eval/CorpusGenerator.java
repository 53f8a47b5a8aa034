package dev.switchboard.policy.eval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.switchboard.policy.detect.FindingType;
import dev.switchboard.wire.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes the labelled corpus (src/test/resources/policy/eval-corpus.jsonl) from a fixed seed:
 * positives of every type in many formats and locales, checksum- and rule-invalid look-alikes, and
 * hard negatives (see {@link HardNegatives}). Run {@code main} to regenerate; {@code
 * EvaluationTest} checks the committed file is exactly what this writes.
 */
final class CorpusGenerator {
  static final Path CORPUS = Path.of("src/test/resources/policy/eval-corpus.jsonl");
  static final long SEED = 20261205L;
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
  private static final String[][] CONTEXTS = {
    {"Please contact ", " tomorrow."},
    {"{\"value\": \"", "\", \"source\": \"crm\"}"},
    {"INFO user record updated: ", ""},
    {"- ", " (from the export)"},
    {"Customer wrote: my details are ", ", thanks"},
    {"", ""},
    {"Note to self\n", "\nend of note"},
    {"| Jane Doe | ", " | active |"}
  };

  private final Random random = new Random(SEED);
  private final List<LabelledText> items = new ArrayList<>();

  private CorpusGenerator() {}

  static List<LabelledText> generate() {
    CorpusGenerator g = new CorpusGenerator();
    new PositiveValues(g.random).addAll(g);
    g.phones();
    new HardNegatives(g.random).addAll(g);
    return List.copyOf(g.items);
  }

  public static void main(String[] args) throws IOException {
    Files.writeString(CORPUS, jsonl(generate()), StandardCharsets.UTF_8);
  }

  static String jsonl(List<LabelledText> corpus) {
    StringBuilder out = new StringBuilder();
    for (LabelledText item : corpus) {
      ObjectNode node = Json.object();
      node.put("group", item.group());
      node.put("text", item.text());
      ArrayNode spans = node.putArray("spans");
      for (LabelledText.Span span : item.spans()) {
        spans
            .addObject()
            .put("type", span.type().name())
            .put("start", span.start())
            .put("end", span.end());
      }
      out.append(Json.string(node)).append('\n');
    }
    return out.toString();
  }

  /** A positive: {@code value} in a random context, expected as {@code type}. */
  void positive(FindingType type, String value) {
    String[] context = CONTEXTS[random.nextInt(CONTEXTS.length)];
    String text = context[0] + value + context[1];
    int start = context[0].length();
    items.add(
        new LabelledText(
            text,
            type.name() + ".valid",
            List.of(new LabelledText.Span(type, start, start + value.length()))));
  }

  /** A positive whose expected span is {@code value} inside the given text around it. */
  void positive(FindingType type, String before, String value, String after) {
    String text = before + value + after;
    items.add(
        new LabelledText(
            text,
            type.name() + ".valid",
            List.of(
                new LabelledText.Span(type, before.length(), before.length() + value.length()))));
  }

  /** A look-alike of {@code type} that must not be reported, in a random context. */
  void invalid(FindingType type, String value) {
    String[] context = CONTEXTS[random.nextInt(CONTEXTS.length)];
    items.add(
        new LabelledText(
            context[0] + value + context[1], type.name() + LabelledText.INVALID, List.of()));
  }

  void negative(String kind, String text) {
    items.add(new LabelledText(text, "negative." + kind, List.of()));
  }

  /** Valid numbers of 14 regions, nationally formatted only where the region is a default one. */
  private void phones() {
    List<String> home = List.of("US", "GB", "DE", "FR");
    List<String> abroad = List.of("JP", "BR", "IN", "AU", "ES", "IT", "NL", "CH", "SE", "MX");
    for (int i = 0; i < 480; i++) {
      boolean national = i % 3 != 0;
      String region = national ? home.get(i % 4) : abroad.get(i % abroad.size());
      PhoneNumber number = randomValid(region);
      PhoneNumberFormat format =
          national
              ? (i % 2 == 0 ? PhoneNumberFormat.NATIONAL : PhoneNumberFormat.INTERNATIONAL)
              : (i % 2 == 0 ? PhoneNumberFormat.E164 : PhoneNumberFormat.INTERNATIONAL);
      String text = PHONES.format(number, format);
      if (region.equals("US") && format == PhoneNumberFormat.NATIONAL && i % 4 == 0) {
        String digits = String.valueOf(number.getNationalNumber());
        text = digits.substring(0, 3) + "." + digits.substring(3, 6) + "." + digits.substring(6);
      }
      positive(FindingType.PHONE, text);
    }
  }

  private PhoneNumber randomValid(String region) {
    PhoneNumberUtil.PhoneNumberType type =
        random.nextBoolean()
            ? PhoneNumberUtil.PhoneNumberType.MOBILE
            : PhoneNumberUtil.PhoneNumberType.FIXED_LINE;
    PhoneNumber example = PHONES.getExampleNumberForType(region, type);
    String national = String.valueOf(example.getNationalNumber());
    for (int attempt = 0; attempt < 100; attempt++) {
      StringBuilder digits = new StringBuilder(national.substring(0, national.length() - 4));
      for (int d = 0; d < 4; d++) {
        digits.append(random.nextInt(10));
      }
      try {
        PhoneNumber candidate = PHONES.parse("+" + example.getCountryCode() + digits, "ZZ");
        if (PHONES.isValidNumber(candidate)) {
          return candidate;
        }
      } catch (NumberParseException e) {
        // Try other digits.
      }
    }
    return example;
  }
}
