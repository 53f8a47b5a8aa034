/**
 * Reports over the ledger: model rankings by tokens, shares by country of origin, spend. Pure
 * computation over {@link dev.switchboard.ledger.ModelUsage} rows with exact long arithmetic; the
 * rows are records so the dashboard can serve them as JSON. Depends on {@code ledger} and {@code
 * money} only.
 */
@NullMarked
package dev.switchboard.insight;

import org.jspecify.annotations.NullMarked;
