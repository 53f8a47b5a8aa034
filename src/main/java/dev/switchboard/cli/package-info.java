/**
 * The command line (picocli): serve, demo, keys, report and sim. Commands load configuration, call
 * the wiring in {@link dev.switchboard.Switchboard}, and print for people. Nothing imports this
 * package.
 */
@NullMarked
package dev.switchboard.cli;

import org.jspecify.annotations.NullMarked;
