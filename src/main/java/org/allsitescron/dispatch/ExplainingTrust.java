package org.allsitescron.dispatch;

import io.netty.handler.ssl.util.SimpleTrustManagerFactory;
import io.vertx.core.Vertx;
import io.vertx.core.net.TrustOptions;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The sites' trust (the JDK's CAs, or a Quarkus TLS configuration's trust store) with failures that
 * say why: {@code certificate expired …}, {@code unknown issuer …}, {@code host name mismatch …}.
 * The JDK's own messages ("PKIX path building failed") name neither the certificate nor the cause.
 */
final class ExplainingTrust implements TrustOptions {

  private final TrustManagerFactory factory;

  /**
   * Around {@code base} (null: the JDK's default trust store), loaded now: a trust store that
   * cannot be read fails start-up, and the first site does not pay for reading it (seconds on a
   * busy machine, inside its request timeout).
   */
  ExplainingTrust(TrustOptions base, Vertx vertx) {
    try {
      this.factory = wrap(base, vertx);
    } catch (Exception e) {
      throw new IllegalStateException("the sites' trust store cannot be loaded: " + e, e);
    }
  }

  private ExplainingTrust(TrustManagerFactory factory) {
    this.factory = factory;
  }

  @Override
  public TrustOptions copy() {
    return new ExplainingTrust(factory);
  }

  @Override
  public TrustManagerFactory getTrustManagerFactory(Vertx vertx) {
    return factory;
  }

  private static TrustManagerFactory wrap(TrustOptions base, Vertx vertx) throws Exception {
    TrustManagerFactory factory;
    if (base == null) {
      factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init((KeyStore) null);
    } else {
      factory = base.getTrustManagerFactory(vertx);
    }
    List<TrustManager> wrapped = new ArrayList<>();
    for (TrustManager manager : factory.getTrustManagers()) {
      wrapped.add(
          manager instanceof X509ExtendedTrustManager x509 ? new Explaining(x509) : manager);
    }
    TrustManager[] managers = wrapped.toArray(TrustManager[]::new);
    return new SimpleTrustManagerFactory() {
      @Override
      protected void engineInit(KeyStore keyStore) {}

      @Override
      protected void engineInit(ManagerFactoryParameters parameters) {}

      @Override
      protected TrustManager[] engineGetTrustManagers() {
        return managers.clone();
      }
    };
  }

  @Override
  public Function<String, TrustManager[]> trustManagerMapper(Vertx vertx) {
    return serverName -> null;
  }

  /** A refused site certificate, with a reason fit for the run report. */
  static final class SiteCertificateException extends CertificateException {
    SiteCertificateException(String reason, Throwable cause) {
      super(reason, cause);
    }
  }

  /** Why the chain was refused, from the JDK's exception and the chain itself. */
  static String explain(X509Certificate[] chain, String peerHost, CertificateException e) {
    X509Certificate leaf = chain == null || chain.length == 0 ? null : chain[0];
    String message = String.valueOf(e.getMessage());
    if (hasCause(e, CertificateExpiredException.class) && leaf != null) {
      return "certificate expired on "
          + leaf.getNotAfter().toInstant()
          + " ("
          + subject(leaf)
          + ")";
    }
    if (hasCause(e, CertificateNotYetValidException.class) && leaf != null) {
      return "certificate not valid before "
          + leaf.getNotBefore().toInstant()
          + " ("
          + subject(leaf)
          + ")";
    }
    if (message.contains("No subject alternative") || message.contains("No name matching")) {
      return "host name mismatch: "
          + (peerHost == null ? "the host" : peerHost)
          + " is not in the certificate ("
          + names(leaf)
          + ")";
    }
    if (message.contains("unable to find valid certification path")
        || message.contains("PKIX path building failed")) {
      X509Certificate top = chain[chain.length - 1];
      return "unknown issuer: " + top.getIssuerX500Principal().getName();
    }
    return message;
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String subject(X509Certificate cert) {
    return cert.getSubjectX500Principal().getName();
  }

  private static String names(X509Certificate leaf) {
    if (leaf == null) {
      return "no certificate";
    }
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> alternatives = leaf.getSubjectAlternativeNames();
      if (alternatives != null) {
        alternatives.forEach(entry -> names.add(String.valueOf(entry.get(1))));
      }
    } catch (CertificateParsingException ignored) {
      // fall back to the subject below
    }
    return names.isEmpty() ? subject(leaf) : String.join(", ", names);
  }

  /** Delegates every check and rewrites a server-side refusal into its reason. */
  private static final class Explaining extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager delegate;

    private Explaining(X509ExtendedTrustManager delegate) {
      this.delegate = delegate;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      try {
        delegate.checkServerTrusted(chain, authType, engine);
      } catch (CertificateException e) {
        String host = engine == null ? null : engine.getPeerHost();
        throw new SiteCertificateException(explain(chain, host, e), e);
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      try {
        delegate.checkServerTrusted(chain, authType, socket);
      } catch (CertificateException e) {
        throw new SiteCertificateException(explain(chain, null, e), e);
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      try {
        delegate.checkServerTrusted(chain, authType);
      } catch (CertificateException e) {
        throw new SiteCertificateException(explain(chain, null, e), e);
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return delegate.getAcceptedIssuers();
    }
  }
}
