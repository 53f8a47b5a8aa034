package dev.switchboard.budget;

import java.util.List;

/**
 * Money set aside for one request against all its windows: {@code amountMicros} is held in every
 * window until the ledger row settles it or the reservation is abandoned or expires.
 */
public record Reservation(String id, String keyId, List<BudgetWindow> windows, long amountMicros) {

  public Reservation {
    windows = List.copyOf(windows);
    if (amountMicros < 0) {
      throw new IllegalArgumentException("negative reservation " + id);
    }
  }

  /** The same reservation holding {@code amount} instead. */
  public Reservation withAmount(long amount) {
    return new Reservation(id, keyId, windows, amount);
  }
}
