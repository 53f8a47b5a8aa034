package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.IoHandle;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoRegistration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/**
 * {@link BusyPolling.PollingHandler}: an idle loop polls without blocking until its window ends,
 * then blocks; an event or a queued task ends the window at once; a loop with work never waits.
 */
class BusyPollingTest {
  private static final long WINDOW = 2_000_000_000L; // long enough that only the test ends it

  @Test
  void anIdleLoopPollsWithoutBlockingUntilTheWindowEnds_thenBlocks() {
    Recording io = new Recording(() -> 0);
    int handled = new BusyPolling.PollingHandler(io, 1_000_000).run(new Loop(true));
    assertThat(handled).isZero();
    assertThat(io.calls).hasSizeGreaterThan(1);
    assertThat(io.calls.subList(0, io.calls.size() - 1)).containsOnly(false);
    assertThat(io.calls.getLast()).isTrue(); // the last run may block
  }

  @Test
  void anEventWithinTheWindowIsHandledWithoutBlocking() {
    int[] polls = {0};
    Recording io = new Recording(() -> ++polls[0] == 3 ? 1 : 0);
    int handled = new BusyPolling.PollingHandler(io, WINDOW).run(new Loop(true));
    assertThat(handled).isEqualTo(1);
    assertThat(io.calls).containsExactly(false, false, false);
  }

  @Test
  void aTaskQueuedByAnotherThreadEndsTheWindow() {
    Loop loop = new Loop(true);
    int[] polls = {0};
    Recording io =
        new Recording(
            () -> {
              if (++polls[0] == 2) {
                loop.idle = false; // runOnContext from another thread
              }
              return 0;
            });
    int handled = new BusyPolling.PollingHandler(io, WINDOW).run(loop);
    assertThat(handled).isZero();
    assertThat(io.calls).containsExactly(false, false);
  }

  @Test
  void aLoopWithTasksPollsOnceAsNettysWould() {
    Recording io = new Recording(() -> 0);
    new BusyPolling.PollingHandler(io, WINDOW).run(new Loop(false));
    assertThat(io.calls).containsExactly(false);
  }

  /** The loop's context: {@code idle} while no task is queued. */
  private static final class Loop implements IoHandlerContext {
    volatile boolean idle;

    Loop(boolean idle) {
      this.idle = idle;
    }

    @Override
    public boolean canBlock() {
      return idle;
    }

    @Override
    public long delayNanos(long currentTimeNanos) {
      return 1_000_000;
    }

    @Override
    public long deadlineNanos() {
      return -1;
    }
  }

  /** An I/O handler that records, per run, whether it was allowed to block. */
  private static final class Recording implements IoHandler {
    final List<Boolean> calls = new ArrayList<>();
    private final IntSupplier events;

    Recording(IntSupplier events) {
      this.events = events;
    }

    @Override
    public int run(IoHandlerContext context) {
      calls.add(context.canBlock());
      return context.canBlock() ? 0 : events.getAsInt();
    }

    @Override
    public IoRegistration register(IoHandle handle) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void wakeup() {}

    @Override
    public boolean isCompatible(Class<? extends IoHandle> handleType) {
      return true;
    }
  }
}
