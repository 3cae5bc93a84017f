package io.tickwire.support;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A key and a self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made by the JDK's own
 * {@code keytool} in a PKCS12 keystore, and a client context that trusts that certificate and no other.
 */
public final class SelfSignedCertificate {

    public static final String ALIAS = "server";
    public static final String PASSWORD = "tickwire-test";

    private final Path keystore;

    private SelfSignedCertificate(Path keystore) {
        this.keystore = keystore;
    }

    public static SelfSignedCertificate generateIn(Path directory) throws IOException, InterruptedException {
        Path keystore = directory.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", ALIAS,
                "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        return new SelfSignedCertificate(keystore);
    }

    /** The PKCS12 keystore holding the key and the certificate under {@link #ALIAS}. */
    public Path keystore() {
        return keystore;
    }

    /** Spring Boot's settings that make the server speak TLS with this certificate. */
    public Map<String, String> serverProperties() {
        return Map.of(
                "spring.ssl.bundle.jks.server.keystore.location", "file:" + keystore,
                "spring.ssl.bundle.jks.server.keystore.password", PASSWORD,
                "spring.ssl.bundle.jks.server.keystore.type", "PKCS12",
                "server.ssl.bundle", "server");
    }

    public SSLContext trustingClientContext() throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry(ALIAS, certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private Certificate certificate() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store.getCertificate(ALIAS);
    }
}
