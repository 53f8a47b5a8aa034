/**
 * Choosing where a request goes: the ordered list of deployments that may serve it, and whether a
 * failed attempt moves on to the next one. Depends on catalog, config, health, provider and wire.
 */
@NullMarked
package dev.switchboard.routing;

import org.jspecify.annotations.NullMarked;
