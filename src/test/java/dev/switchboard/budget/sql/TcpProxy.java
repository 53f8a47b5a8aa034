package dev.switchboard.budget.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on a fixed local port to a real server, which the test can cut (every connection
 * reset, new ones refused) and restore, to make the database unreachable without touching it.
 */
final class TcpProxy implements AutoCloseable {
  private final int targetPort;
  private final int port;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket listener;

  TcpProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.listener = bind(0);
    this.port = listener.getLocalPort();
    acceptLoop(listener);
  }

  int port() {
    return port;
  }

  /** Resets every connection and stops listening. */
  synchronized void cut() throws IOException {
    listener.close();
    for (Socket s : sockets) {
      s.close();
    }
    sockets.clear();
  }

  /** Listens again on the same port. */
  synchronized void restore() throws IOException {
    listener = bind(port);
    acceptLoop(listener);
  }

  @Override
  public void close() throws IOException {
    cut();
  }

  private static ServerSocket bind(int port) throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    return s;
  }

  private void acceptLoop(ServerSocket server) {
    Thread.ofVirtual()
        .start(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket client = server.accept();
                  Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                  sockets.add(client);
                  sockets.add(upstream);
                  pipe(client, upstream);
                  pipe(upstream, client);
                } catch (IOException e) {
                  return; // closed by cut()
                }
              }
            });
  }

  private void pipe(Socket from, Socket to) {
    Thread.ofVirtual()
        .start(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (IOException e) {
                // either side went away: close both below
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            });
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
