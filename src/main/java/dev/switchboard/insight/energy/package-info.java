/**
 * The electricity behind the tokens, estimated: energy per request from the model's active
 * parameters and its tokens ({@link dev.switchboard.insight.energy.EnergyModel}), priced at the
 * provider country's industrial electricity price and grid intensity ({@link
 * dev.switchboard.insight.energy.EnergyPricing}). Every figure is an estimate.
 */
@NullMarked
package dev.switchboard.insight.energy;

import org.jspecify.annotations.NullMarked;
