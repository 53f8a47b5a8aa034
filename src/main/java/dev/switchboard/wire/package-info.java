/**
 * Canonical chat model (requests, responses, stream events, usage), the WireFormat contract, SSE
 * framing and the one Json facade. Depends on no other package of ours.
 */
@NullMarked
package dev.switchboard.wire;

import org.jspecify.annotations.NullMarked;
