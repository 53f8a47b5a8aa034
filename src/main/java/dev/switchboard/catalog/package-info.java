/**
 * What can be called and what it costs: models, providers (with jurisdiction and data policy),
 * deployments of a model at a provider with exact prices, loaded from the shipped catalog.yaml
 * merged with the user's overrides. Depends on {@code money}, {@code wire} (Usage, Json) and {@code
 * config} (the strict YAML reader); validation errors name the field path.
 */
@NullMarked
package dev.switchboard.catalog;

import org.jspecify.annotations.NullMarked;
