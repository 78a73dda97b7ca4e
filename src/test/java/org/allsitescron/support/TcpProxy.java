package org.allsitescron.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy on a free port of 127.0.0.1 to a local service, which a test can cut off in two ways
 * and heal: {@link #close()} (listener and every connection gone, so clients get "connection
 * refused"), {@link #blackHole()} (connections stay open and new ones are accepted, but nothing is
 * forwarded either way: requests hang, as across a dead link), and {@link #open()} / {@link
 * #heal()}: what a black hole held is delivered late, in order, as TCP would once the link is back.
 */
public final class TcpProxy implements AutoCloseable {

  private static final java.time.Duration RELISTEN_WITHIN = java.time.Duration.ofSeconds(10);

  private final Vertx vertx = Vertx.vertx();
  private final NetClient client;
  private final String targetHost;
  private final int targetPort;
  private final Set<NetSocket> sockets = ConcurrentHashMap.newKeySet();
  private final Set<Direction> directions = ConcurrentHashMap.newKeySet();
  private volatile NetServer server;
  private volatile int port;
  private volatile boolean blackHole;

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

  /**
   * Listens again (on the port it had, once it had one) and forwards new connections. The port is
   * one of {@link FreePorts}, which no outgoing connection can take while it is closed. Listening
   * again on it is tried for up to {@link #RELISTEN_WITHIN}: the closed listener's socket may still
   * be going away.
   */
  public synchronized void open() {
    if (server != null) {
      return;
    }
    if (port != 0) {
      server = relisten();
      return;
    }
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 50; attempt++) {
      int candidate = FreePorts.belowEphemeral();
      try {
        server = listen(candidate);
        port = candidate;
        return;
      } catch (IllegalStateException taken) {
        last = taken;
      }
    }
    throw last;
  }

  private NetServer relisten() {
    long deadline = System.nanoTime() + RELISTEN_WITHIN.toNanos();
    while (true) {
      try {
        return listen(port);
      } catch (IllegalStateException inUse) {
        if (System.nanoTime() > deadline) {
          throw inUse;
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw inUse;
        }
      }
    }
  }

  private NetServer listen(int on) {
    return await(vertx.createNetServer().connectHandler(this::forward).listen(on, "127.0.0.1"));
  }

  /** Forwards nothing from now on, either way, on old and new connections alike; holds it all. */
  public void blackHole() {
    blackHole = true;
    directions.forEach(Direction::hold);
  }

  /** Ends a black hole (what it held goes through first) or a refusal. */
  public synchronized void heal() {
    blackHole = false;
    directions.forEach(Direction::release);
    open();
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
    directions.clear();
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
              Direction up = new Direction(outbound, blackHole);
              Direction down = new Direction(inbound, blackHole);
              directions.add(up);
              directions.add(down);
              outbound.closeHandler(
                  v -> {
                    sockets.remove(outbound);
                    directions.remove(up);
                    directions.remove(down);
                    inbound.close();
                  });
              inbound.closeHandler(
                  v -> {
                    sockets.remove(inbound);
                    directions.remove(up);
                    directions.remove(down);
                    outbound.close();
                  });
              inbound.handler(up::pass);
              outbound.handler(down::pass);
              inbound.resume();
            })
        .onFailure(e -> inbound.close());
  }

  /** One way of one connection: writes through, or holds while the link is a black hole. */
  private static final class Direction {
    private final NetSocket to;
    private final List<Buffer> held = new ArrayList<>();
    private boolean holding;

    Direction(NetSocket to, boolean holding) {
      this.to = to;
      this.holding = holding;
    }

    synchronized void pass(Buffer data) {
      if (holding) {
        held.add(data);
      } else {
        to.write(data);
      }
    }

    synchronized void hold() {
      holding = true;
    }

    synchronized void release() {
      holding = false;
      held.forEach(to::write);
      held.clear();
    }
  }

  private static <T> T await(io.vertx.core.Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("proxy: " + e.getMessage(), e);
    }
  }
}
