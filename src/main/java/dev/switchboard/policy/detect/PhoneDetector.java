package dev.switchboard.policy.detect;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.List;

/**
 * Phone numbers as libphonenumber finds them at leniency VALID: international numbers anywhere,
 * national ones for each default region (a number valid in several regions is found once).
 * libphonenumber is by far the slowest part of a scan (tens of microseconds a call), so it reads
 * only the digit runs the RE2J pattern {@link #RUN} delimits (a one-pass prefilter finds where they
 * could start), there only where a number could start and end without touching a word, dates and
 * dotted quads excluded, at most {@value #MAX_PIECE} characters at a time, and at most a budget of
 * calls per scan ({@link Deadline#spend}); past the budget the cheap shape check decides.
 */
final class PhoneDetector implements Detector {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  /**
   * Digits with the separators phone numbers use, optionally after '+' or '(': where libphonenumber
   * may look. A hand-written pass picks where one could start with enough digits after it; this
   * pattern, anchored there, delimits the run.
   */
  static final AnchoredPattern RUN = new AnchoredPattern("[+(]?[0-9][0-9 ()./\\-]*[0-9]");

  /** No region's numbers are shorter (Germany has six-digit local numbers with a 3-digit code). */
  private static final int MIN_DIGITS = 6;

  /** The fewest digits of a number written as one bare run of digits. */
  private static final int MIN_BARE_DIGITS = 8;

  /** How far the window around a run reaches for the word it stands in. */
  private static final int CONTEXT = 32;

  /**
   * The longest stretch of a digit run libphonenumber reads at once; a longer run (a table of
   * numbers, a hostile wall of digits) is read in overlapping stretches, so the work per call is
   * bounded and no number of up to {@value #PIECE_OVERLAP} characters is cut in two.
   */
  private static final int MAX_PIECE = 28;

  private static final int PIECE_OVERLAP = 20;

  /** How far one stretch of a long run starts after the previous one. */
  private static final int PIECE_STEP = MAX_PIECE - PIECE_OVERLAP;

  /**
   * What a call on a stretch of a long run costs from the budget: libphonenumber tries every number
   * in a dense stretch, about 20 times the work of a call on an isolated number.
   */
  private static final int LONG_RUN_CALL_COST = 4;

  /** Past the call budget, a phone-shaped stretch with this many digits counts as a number. */
  private static final int SHAPE_MIN_DIGITS = 7;

  private static final int SHAPE_MAX_DIGITS = 15;

  private final List<String> regions;

  PhoneDetector(List<String> regions) {
    for (String region : regions) {
      if (!UTIL.getSupportedRegions().contains(region)) {
        throw new IllegalArgumentException("unknown phone region '" + region + "'");
      }
    }
    // libphonenumber's unknown region "ZZ" finds international numbers only.
    this.regions = regions.isEmpty() ? List.of("ZZ") : List.copyOf(regions);
  }

  @Override
  public void find(String text, List<Finding> out) {
    find(text, out, Deadline.none(text.length()));
  }

  /**
   * Each run {@link #RUN} matches with at least {@value #MIN_DIGITS} digits and a place a number
   * could start and end unglued goes to libphonenumber; past the call budget a hostile text gets
   * the cheap shape check instead, which may over-report but never under-reads.
   */
  @Override
  public void find(String text, List<Finding> out, Deadline deadline) {
    runs(text, deadline, (start, end) -> run(text, start, end, deadline, out));
  }

  /** What receives each run {@link #RUN} delimits. */
  @FunctionalInterface
  interface RunVisitor {
    void run(int start, int end);
  }

  /**
   * Each run {@link #RUN} matches that has at least {@value #MIN_DIGITS} digits, in order: a
   * hand-written pass finds where one could start and how many digits the separators around them
   * let it reach; the pattern, anchored there, delimits it.
   */
  static void runs(String text, Deadline deadline, RunVisitor visitor) {
    int nextCheck = Deadline.STRIDE;
    int i = 0;
    while (i < text.length()) {
      if (i >= nextCheck) {
        deadline.check();
        nextCheck = i + Deadline.STRIDE;
      }
      char c = text.charAt(i);
      int firstDigit = (c == '+' || c == '(') && Chars.digitAt(text, i + 1) ? i + 1 : i;
      if (!Chars.isDigit(text.charAt(firstDigit))) {
        i++;
        continue;
      }
      // The prefilter: how far digits and separators reach, and how many digits they hold.
      int lastDigit = firstDigit;
      int digits = 1;
      int j = firstDigit + 1;
      while (j < text.length() && isRunChar(text.charAt(j))) {
        if (Chars.isDigit(text.charAt(j))) {
          lastDigit = j;
          digits++;
        }
        j++;
      }
      int end = digits >= MIN_DIGITS ? RUN.end(text, i, j + 1) : -1;
      if (end > 0) {
        visitor.run(i, end);
        i = end;
      } else {
        // Too few digits for a number: past what the pattern would match (to the last digit), or,
        // with one digit, past the separators after it, where no match can start.
        i = lastDigit > firstDigit ? lastDigit + 1 : j;
      }
    }
  }

  private static boolean isRunChar(char c) {
    return Chars.isDigit(c) || " ()./-".indexOf(c) >= 0;
  }

  private void run(String text, int start, int end, Deadline deadline, List<Finding> out) {
    if (Chars.digits(text, start, end) < MIN_DIGITS
        || versionLike(text, start, end)
        || dottedQuad(text, start, end)) {
      return;
    }
    int from = skipDate(text, start, end);
    int cost = end - from > MAX_PIECE ? LONG_RUN_CALL_COST : 1;
    while (from < end) {
      int to = Math.min(end, from + MAX_PIECE);
      while (to > from && !Chars.isDigit(text.charAt(to - 1))) {
        to--;
      }
      piece(text, from, to, cost, deadline, out);
      if (to >= end) {
        return;
      }
      int next = from + PIECE_STEP;
      while (next < end && !(canStart(text, next) && !Chars.digitAt(text, next - 1))) {
        next++;
      }
      from = next;
    }
  }

  private void piece(
      String text, int from, int to, int cost, Deadline deadline, List<Finding> out) {
    int first = from;
    while (first < to && !canStart(text, first)) {
      first++;
    }
    int last = to;
    while (last > first && !(Chars.isDigit(text.charAt(last - 1)) && !glued(text, last, 1))) {
      last--;
    }
    if (last <= first || Chars.digits(text, first, last) < MIN_DIGITS) {
      return; // every place a number could start or end touches a word: nothing to report
    }
    if (deadline.spend(cost)) {
      findIn(text, window(text, from, to, -1), window(text, from, to, 1), out);
    } else {
      int digits = Chars.digits(text, first, last);
      if (digits >= SHAPE_MIN_DIGITS && digits <= SHAPE_MAX_DIGITS) {
        out.add(new Finding(FindingType.PHONE, first, last));
      }
    }
  }

  /** Whether a number could start at {@code at}: a digit, '+' or '(' that no word touches. */
  private static boolean canStart(String text, int at) {
    char c = text.charAt(at);
    return (Chars.isDigit(c) || c == '+' || c == '(') && !glued(text, at - 1, -1);
  }

  /**
   * The window edge: out to the surrounding whitespace, at most {@value #CONTEXT} characters, so
   * libphonenumber sees what the number touches (a clock time after a date).
   */
  private static int window(String text, int from, int to, int step) {
    int at = step < 0 ? from : to;
    int limit = step < 0 ? Math.max(0, from - CONTEXT) : Math.min(text.length(), to + CONTEXT);
    if (step < 0) {
      while (at > limit && !isSpace(text.charAt(at - 1))) {
        at--;
      }
    } else {
      while (at < limit && !isSpace(text.charAt(at))) {
        at++;
      }
    }
    return at;
  }

  /** Past a leading ISO or European date ("2025-12-05", "05.12.2025"): dates are no numbers. */
  private static int skipDate(String text, int start, int end) {
    int[][] shapes = {{4, 2, 2}, {2, 2, 4}};
    for (int[] shape : shapes) {
      int at = start;
      char separator = 0;
      boolean ok = true;
      for (int g = 0; g < shape.length && ok; g++) {
        for (int d = 0; d < shape[g] && ok; d++, at++) {
          ok = at < end && Chars.isDigit(text.charAt(at));
        }
        if (ok && g < shape.length - 1) {
          char c = at < end ? text.charAt(at) : 0;
          ok = (c == '-' || c == '/' || c == '.') && (separator == 0 || c == separator);
          separator = c;
          at++;
        }
      }
      if (ok && !Chars.digitAt(text, at)) {
        return at;
      }
    }
    return start;
  }

  /** Four dot-separated groups of one to three digits: an IP address, found as one. */
  private static boolean dottedQuad(String text, int start, int end) {
    int groups = 1;
    int group = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c == '.') {
        groups++;
        group = 0;
      } else if (Chars.isDigit(c) && ++group <= 3) {
        continue;
      } else {
        return false;
      }
    }
    return groups == 4;
  }

  private void findIn(String text, int from, int to, List<Finding> out) {
    String window = text.substring(from, to);
    // Duplicates across regions are merged by the scanner's overlap resolution.
    for (String region : regions) {
      for (PhoneNumberMatch match :
          UTIL.findNumbers(window, region, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
        int start = from + match.start();
        int end = from + match.end();
        if (!glued(text, start - 1, -1) && !glued(text, end, 1) && phoneLike(text, start, end)) {
          out.add(new Finding(FindingType.PHONE, start, end));
        }
      }
    }
  }

  /**
   * At least {@value #MIN_DIGITS} digits, and a bare run of digits (no '+', no separator) only from
   * {@value #MIN_BARE_DIGITS} on: "352601" is a count or an id far more often than a local number
   * written without its area code.
   */
  private static boolean phoneLike(String text, int start, int end) {
    int digits = Chars.digits(text, start, end);
    return digits >= MIN_DIGITS && (digits >= MIN_BARE_DIGITS || digits < end - start);
  }

  /**
   * Whether the number continues a token at {@code at} (looking away by {@code step}): a letter or
   * digit there, or a hyphen or dot and then one, as in the UUID "03674663-ac76-...", a colon and a
   * digit, as in the clock time after "2024-01-15 10", or before the number a slash and a letter or
   * digit, as in the path "/orders/884213".
   */
  private static boolean glued(String text, int at, int step) {
    if (at < 0 || at >= text.length()) {
      return false;
    }
    char c = text.charAt(at);
    if (Character.isLetterOrDigit(c) || c == '_') {
      return true;
    }
    int next = at + step;
    if (next < 0 || next >= text.length()) {
      return false;
    }
    char beyond = text.charAt(next);
    return ((c == '-' || c == '.' || (c == '/' && step < 0)) && Character.isLetterOrDigit(beyond))
        || (c == ':' && Chars.isDigit(beyond));
  }

  /**
   * Digits and dots only, with a one-digit group: a version or section number ("0.16.47.3"); dotted
   * phone numbers group their digits in twos and more ("01.42.68.53.00", "415.555.2671").
   */
  private static boolean versionLike(String text, int start, int end) {
    int group = 0;
    boolean shortGroup = false;
    for (int i = start; i <= end; i++) {
      char c = i < end ? text.charAt(i) : '.';
      if (c == '.') {
        shortGroup |= group == 1;
        group = 0;
      } else if (c >= '0' && c <= '9') {
        group++;
      } else {
        return false;
      }
    }
    return shortGroup;
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }
}
