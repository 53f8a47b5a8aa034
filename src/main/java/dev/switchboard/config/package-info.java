/**
 * The gateway's YAML configuration: immutable records with defaults, {@code ${ENV}} interpolation,
 * and strict validation whose errors name the field path. Depends only on {@code wire.Json}; the
 * catalog section is kept as a tree for the {@code catalog} package to validate.
 */
@NullMarked
package dev.switchboard.config;

import org.jspecify.annotations.NullMarked;
