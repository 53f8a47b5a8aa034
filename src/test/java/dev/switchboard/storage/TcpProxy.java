package dev.switchboard.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy a test controls, to make a real server unreachable and reachable again without
 * touching it: {@link #stop()} closes the listener and cuts every connection (the client sees the
 * server vanish), {@link #start()} listens again on the same port. {@link #blackHole()} keeps
 * accepting but forwards nothing, as a network that drops packets does.
 */
public final class TcpProxy implements AutoCloseable {
  private static final int FIRST_PORT = 20_000;
  private static final int PORTS = 12_000;
  private static final Random RANDOM = new Random();

  private final String targetHost;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile int port;
  private volatile boolean blackHole;
  private volatile boolean stalled;
  private volatile ServerSocket listener;

  private TcpProxy(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
  }

  /** Starts a proxy to {@code host:port} on a free loopback port. */
  public static TcpProxy to(String host, int port) throws IOException {
    TcpProxy proxy = new TcpProxy(host, port);
    proxy.start();
    return proxy;
  }

  public int port() {
    return port;
  }

  /**
   * Listens (again) on the proxy's port and forwards. The port is chosen below the ephemeral range:
   * a client retrying a port in that range while nothing listens can end up connected to itself
   * (TCP simultaneous open) and hold the port. A restart waits for the port a few seconds.
   */
  public synchronized void start() throws IOException {
    blackHole = false;
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (true) {
      int candidate = port != 0 ? port : FIRST_PORT + RANDOM.nextInt(PORTS);
      ServerSocket server = new ServerSocket();
      try {
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), candidate));
        port = candidate;
        listener = server;
        Thread.ofVirtual().start(() -> accept(server));
        return;
      } catch (BindException e) {
        server.close();
        if (System.nanoTime() > deadline) {
          throw e;
        }
        sleepBriefly();
      }
    }
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Closes the listener and every connection through it. */
  public synchronized void stop() {
    try {
      listener.close();
    } catch (IOException e) {
      // Already closed.
    }
    cutConnections();
  }

  /**
   * From now on forwards nothing, either way, on open connections and new ones alike (which are
   * accepted): every byte vanishes, as in a network that drops packets.
   */
  public void blackHole() {
    blackHole = true;
  }

  /** While stalled, nothing is forwarded in either direction; what was held goes on after. */
  public void stall(boolean stall) {
    stalled = stall;
  }

  /** Forwards again after {@link #blackHole()}. */
  public void heal() {
    blackHole = false;
  }

  private void cutConnections() {
    for (Socket socket : sockets) {
      try {
        socket.close();
      } catch (IOException e) {
        // Already closed.
      }
    }
    sockets.clear();
  }

  private void accept(ServerSocket server) {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        sockets.add(client);
        connect(client);
      } catch (IOException e) {
        // The listener closed (stop).
      }
    }
  }

  private void connect(Socket client) {
    try {
      Socket upstream = new Socket(targetHost, targetPort);
      sockets.add(upstream);
      Thread.ofVirtual().start(() -> pipe(client, upstream));
      Thread.ofVirtual().start(() -> pipe(upstream, client));
    } catch (IOException e) {
      closeQuietly(client); // the target refused: so does the proxy
    }
  }

  private void pipe(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        while (stalled) {
          Thread.sleep(5);
        }
        if (!blackHole) {
          out.write(buffer, 0, read);
          out.flush();
        }
      }
    } catch (IOException | InterruptedException e) {
      // One side closed; close the other.
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Already closed.
    }
  }

  @Override
  public void close() {
    stop();
  }
}
