package dev.switchboard.config;

/**
 * How the event loops reach the kernel's sockets ({@code server.transport}). {@code NATIVE}:
 * Netty's epoll on Linux (NIO elsewhere), one system call per read, write or wait. {@code
 * IO_URING}: Linux's io_uring, which submits a loop turn's reads and writes in one call: more
 * requests per second and less CPU per request under concurrent load, a little more latency one
 * request at a time (the README's Performance section has the figures); where the kernel or a
 * seccomp profile refuses io_uring, the gateway says so and runs on {@code NATIVE}.
 */
public enum Transport {
  NATIVE,
  IO_URING
}
