/**
 * The attempt event: one try of one deployment, observed by health tracking and stored by the
 * ledger. Depends on nothing else in Switchboard.
 */
@NullMarked
package dev.switchboard.attempt;

import org.jspecify.annotations.NullMarked;
