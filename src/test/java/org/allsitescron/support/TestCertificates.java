package org.allsitescron.support;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made by the test: a private CA and leaves it signs, written as PEM files into a
 * directory of the test's own. Nothing here is trusted by the JDK.
 */
public final class TestCertificates {

  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  private final Path dir;
  private final KeyPair caKeys;
  private final X509Certificate ca;
  private final String caName;

  static {
    // Netty's TLS server loads BouncyCastle's provider at its first handshake when it is on the
    // class path (it is, for this class), which takes seconds: pay for it here, not inside a
    // site's request timeout.
    new org.bouncycastle.jce.provider.BouncyCastleProvider();
  }

  private TestCertificates(Path dir, String caName) throws GeneralSecurityException, IOException {
    this.dir = dir;
    this.caName = caName;
    this.caKeys = keys();
    Instant now = Instant.now();
    X500Name subject = new X500Name("CN=" + caName + ",O=all-sites-cron tests");
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            subject,
            BigInteger.valueOf(SERIAL.incrementAndGet()),
            Date.from(now.minus(Duration.ofDays(1))),
            Date.from(now.plus(Duration.ofDays(30))),
            subject,
            caKeys.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    builder.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    this.ca = sign(builder);
    write("ca.pem", ca);
  }

  /** A new CA called {@code caName}, its files under a new temporary directory. */
  public static TestCertificates newCa(String caName) {
    try {
      return new TestCertificates(Files.createTempDirectory("asc-tls-"), caName);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("could not make a test CA", e);
    }
  }

  /** The CA certificate (PEM file). */
  public Path caFile() {
    return dir.resolve("ca.pem");
  }

  public String caName() {
    return caName;
  }

  /** A leaf valid now for the given DNS names and IP addresses. */
  public Leaf leaf(String name, List<String> dnsNames, List<String> ips) {
    Instant now = Instant.now();
    return leaf(name, dnsNames, ips, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(7)));
  }

  /** A leaf for the given names that expired yesterday. */
  public Leaf expiredLeaf(String name, List<String> dnsNames, List<String> ips) {
    Instant now = Instant.now();
    return leaf(name, dnsNames, ips, now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)));
  }

  private Leaf leaf(
      String name, List<String> dnsNames, List<String> ips, Instant notBefore, Instant notAfter) {
    try {
      KeyPair leafKeys = keys();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              ca,
              BigInteger.valueOf(SERIAL.incrementAndGet()),
              Date.from(notBefore),
              Date.from(notAfter),
              new X500Name("CN=" + name),
              leafKeys.getPublic());
      GeneralName[] names =
          java.util.stream.Stream.concat(
                  dnsNames.stream().map(dns -> new GeneralName(GeneralName.dNSName, dns)),
                  ips.stream().map(ip -> new GeneralName(GeneralName.iPAddress, ip)))
              .toArray(GeneralName[]::new);
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      X509Certificate certificate = signWithCa(builder);
      Path cert = write(name + ".pem", certificate);
      Path key =
          write(
              name + "-key.pem",
              new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(leafKeys.getPrivate(), null));
      return new Leaf(cert, key);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("could not make leaf " + name, e);
    }
  }

  /** A leaf's certificate and key files. */
  public record Leaf(Path certificate, Path key) {
    public String certificatePath() {
      return certificate.toString();
    }

    public String keyPath() {
      return key.toString();
    }
  }

  private static KeyPair keys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    return generator.generateKeyPair();
  }

  private X509Certificate sign(X509v3CertificateBuilder builder) throws GeneralSecurityException {
    try {
      var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate());
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (org.bouncycastle.operator.OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private X509Certificate signWithCa(X509v3CertificateBuilder builder)
      throws GeneralSecurityException {
    return sign(builder);
  }

  private Path write(String file, Object pemObject) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      if (pemObject instanceof org.bouncycastle.util.io.pem.PemObjectGenerator generator) {
        writer.writeObject(generator);
      } else {
        writer.writeObject(pemObject);
      }
    }
    Path path = dir.resolve(file);
    try {
      Files.writeString(path, text.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return path;
  }
}
