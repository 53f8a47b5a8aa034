package dev.switchboard.catalog;

import java.util.Optional;

/**
 * What a provider does with prompts, per its public terms. An absent value is unknown, and policy
 * treats unknown as the most restrictive answer (retains, trains, no zero retention).
 */
public record DataPolicy(
    Optional<Boolean> retainsPrompts,
    Optional<Boolean> trainsOnPrompts,
    Optional<Boolean> zeroRetention) {

  public static final DataPolicy UNKNOWN =
      new DataPolicy(Optional.empty(), Optional.empty(), Optional.empty());
}
