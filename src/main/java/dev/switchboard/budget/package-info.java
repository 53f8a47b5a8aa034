/**
 * Exact budgets: a request reserves its expected cost against every {@link
 * dev.switchboard.budget.BudgetWindow} of its key (credit limit, daily cap, session cap) before it
 * runs, tops the reservation up while it streams, and settles the ledger row's cost exactly once.
 * Settled spend never exceeds a window's limit, and a request is refused only when a window cannot
 * pay its expected cost. Depends on {@code account} (key rules), {@code ledger} (settle hook,
 * StorageException) and {@code money}; JDBC lives only in {@code budget.sql}.
 */
@NullMarked
package dev.switchboard.budget;

import org.jspecify.annotations.NullMarked;
