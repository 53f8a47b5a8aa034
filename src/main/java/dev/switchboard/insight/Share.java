package dev.switchboard.insight;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A part of a whole, kept exact, plus its rounding to tenths of a percent ({@code permille}). The
 * shares of one breakdown are apportioned together so that their rounded values add up to exactly
 * 100.0% (largest remainder method, integer arithmetic only).
 */
public record Share(long part, long whole, int permille) {
  private static final long SCALE = 1_000;

  /** Like "41.3%". */
  public String percent() {
    return permille / 10 + "." + permille % 10 + "%";
  }

  /** Shares of {@code parts} in their sum; an all-zero breakdown gives 0.0% everywhere. */
  static List<Share> apportion(List<Long> parts) {
    long whole = parts.stream().mapToLong(Long::longValue).reduce(0, Math::addExact);
    if (whole == 0) {
      return parts.stream().map(part -> new Share(part, 0, 0)).toList();
    }
    int[] permille = new int[parts.size()];
    long[] remainder = new long[parts.size()];
    long given = 0;
    for (int i = 0; i < parts.size(); i++) {
      long scaled = Math.multiplyExact(parts.get(i), SCALE);
      permille[i] = (int) (scaled / whole);
      remainder[i] = scaled % whole;
      given += permille[i];
    }
    // Hand the tenths lost to flooring to the largest remainders; ties go to the earlier (larger)
    // part.
    List<Integer> order = new ArrayList<>(IntStream.range(0, parts.size()).boxed().toList());
    order.sort(Comparator.comparingLong((Integer i) -> remainder[i]).reversed());
    for (int k = 0; k < SCALE - given; k++) {
      permille[order.get(k)]++;
    }
    List<Share> shares = new ArrayList<>(parts.size());
    for (int i = 0; i < parts.size(); i++) {
      shares.add(new Share(parts.get(i), whole, permille[i]));
    }
    return List.copyOf(shares);
  }
}
