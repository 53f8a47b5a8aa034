/**
 * The auto router's scoring model: the prompt text the router reads ({@link
 * dev.switchboard.autoroute.PromptText}), features (a sentence embedding from all-MiniLM-L6-v2 run
 * in-process, plus lexical counts), the trained head and its shipped weights, and the training and
 * evaluation on the RouteLLM benchmark data. Depends on {@code wire} (to read a request) and on the
 * embedding library; nothing here loads at class initialisation.
 */
@NullMarked
package dev.switchboard.autoroute;

import org.jspecify.annotations.NullMarked;
