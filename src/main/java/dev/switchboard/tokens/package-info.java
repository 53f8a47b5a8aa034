/**
 * Token counting with OpenAI's o200k_base byte-pair encoding, in a few MB of flat arrays instead of
 * a map of 200,000 boxed entries. Gives the same counts as jtokkit's {@code countTokensOrdinary},
 * whose vocabulary file it reads. Depends on nothing of ours.
 */
@NullMarked
package dev.switchboard.tokens;

import org.jspecify.annotations.NullMarked;
