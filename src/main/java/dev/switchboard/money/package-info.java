/**
 * Exact money: long micro-dollars and per-million-token prices. No floating point anywhere in this
 * package.
 */
@NullMarked
package dev.switchboard.money;

import org.jspecify.annotations.NullMarked;
