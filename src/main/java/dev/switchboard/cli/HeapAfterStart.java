package dev.switchboard.cli;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * The heap once a long-running command has started. Start-up allocates about 100 MB that dies at
 * once (classes read from the jar, the tokenizer's vocabulary file, the YAML); with the launcher's
 * flags ({@code jvm.options}) that garbage is collected inside an 8 MB young generation, so little
 * memory is ever touched for it.
 */
final class HeapAfterStart {
  private HeapAfterStart() {}

  /**
   * Runs one full collection, once the gateway is up and warmed up, then hands the C heap's free
   * memory back to the system. The collection compacts what start-up left, and it is what sizes the
   * Serial collector's young generation for traffic: Serial resizes it only after a full
   * collection, to half the old generation (128 MB with {@code jvm.options}' initial heap). About
   * 30 ms, before the command says it is ready; {@code -XX:+DisableExplicitGC} skips it.
   */
  static void settle() {
    System.gc();
    mallocTrim().ifPresent(HeapAfterStart::trim);
  }

  /**
   * glibc's {@code malloc_trim}: the JIT's and the class loader's scratch memory from start-up,
   * freed but kept by malloc (the JVM's own trim, {@code -XX:TrimNativeHeapInterval}, comes only
   * seconds later). Absent elsewhere (musl, macOS).
   */
  @SuppressWarnings("restricted") // a C function of one long argument, called with 0
  private static Optional<MethodHandle> mallocTrim() {
    Linker linker = Linker.nativeLinker();
    return linker
        .defaultLookup()
        .find("malloc_trim")
        .map(
            address ->
                linker.downcallHandle(
                    address, FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG)));
  }

  private static void trim(MethodHandle mallocTrim) {
    try {
      int unused = (int) mallocTrim.invokeExact(0L);
    } catch (Throwable e) {
      // Only memory is at stake.
    }
  }
}
