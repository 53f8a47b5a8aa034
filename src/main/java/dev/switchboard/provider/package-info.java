/**
 * Calling providers: pooled Vert.x HTTP connections, credential injection (wire code never sees a
 * key), transport failures classified as {@link dev.switchboard.wire.UpstreamFailure} values, and
 * the registry of wire formats. Depends on wire only.
 */
@NullMarked
package dev.switchboard.provider;

import org.jspecify.annotations.NullMarked;
