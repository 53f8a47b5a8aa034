package dev.switchboard.config;

/**
 * How the event loops reach the kernel's sockets ({@code server.transport}). {@code NATIVE}:
 * Netty's epoll on Linux (NIO elsewhere), one system call per read, write or wait. {@code IO_URING}
 * (experimental): Linux's io_uring, which submits a loop turn's reads and writes in one call. With
 * 1 KB requests at 64 connections it serves 1.47x the requests at 0.66x the CPU, but with coding
 * agents' 80 KB requests 0.41x at 2.1x, its heap filled by promoted garbage (the README's
 * Performance section). Where the kernel or a seccomp profile refuses io_uring, the gateway says so
 * and runs on {@code NATIVE}.
 */
public enum Transport {
  NATIVE,
  IO_URING
}
