package org.allsitescron.support;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy on a dynamic port of 127.0.0.1 to a local service, which a test can cut off ({@link
 * #close()}: listener and every connection gone, so clients get "connection refused") and restore
 * ({@link #open()}, same port): an outage without touching the real service.
 */
public final class TcpProxy implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx();
  private final NetClient client;
  private final String targetHost;
  private final int targetPort;
  private final Set<NetSocket> sockets = ConcurrentHashMap.newKeySet();
  private volatile NetServer server;
  private volatile int port;

  private TcpProxy(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.client = vertx.createNetClient();
  }

  /** Starts a proxy to {@code targetHost:targetPort} on a free port. */
  public static TcpProxy start(String targetHost, int targetPort) {
    TcpProxy proxy = new TcpProxy(targetHost, targetPort);
    proxy.open();
    return proxy;
  }

  public int port() {
    return port;
  }

  /** Listens again (on the port it had, once it had one) and forwards new connections. */
  public synchronized void open() {
    if (server != null) {
      return;
    }
    NetServer listening =
        await(vertx.createNetServer().connectHandler(this::forward).listen(port, "127.0.0.1"));
    port = listening.actualPort();
    server = listening;
  }

  /** Stops listening and drops every open connection, both ways. */
  @Override
  public synchronized void close() {
    if (server == null) {
      return;
    }
    await(server.close());
    server = null;
    sockets.forEach(NetSocket::close);
    sockets.clear();
  }

  /** Closes the proxy for good, with its Vert.x. */
  public void shutdown() {
    close();
    await(vertx.close());
  }

  private void forward(NetSocket inbound) {
    inbound.pause();
    sockets.add(inbound);
    inbound.closeHandler(v -> sockets.remove(inbound));
    client
        .connect(targetPort, targetHost)
        .onSuccess(
            outbound -> {
              sockets.add(outbound);
              outbound.closeHandler(
                  v -> {
                    sockets.remove(outbound);
                    inbound.close();
                  });
              inbound.closeHandler(
                  v -> {
                    sockets.remove(inbound);
                    outbound.close();
                  });
              inbound.pipeTo(outbound);
              outbound.pipeTo(inbound);
              inbound.resume();
            })
        .onFailure(e -> inbound.close());
  }

  private static <T> T await(io.vertx.core.Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("proxy: " + e.getMessage(), e);
    }
  }
}
