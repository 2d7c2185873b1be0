package io.ipvsd.daemon.health;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The two TLS contexts of HTTPS checks. Turning verification off is scoped to the checks that ask for
 * it: they get their own trust-all context, the JVM-wide defaults are never touched.
 */
final class TlsContexts {
    private TlsContexts() {
    }

    /** Verifies the chain against the JVM's trust store (hostname checks are set per engine). */
    static SSLContext verifying() throws GeneralSecurityException {
        return SSLContext.getDefault();
    }

    /** Accepts any certificate for any name, as keepalived's SSL_GET does by default. */
    static SSLContext trustingAll() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustAll()}, null);
        return context;
    }

    /**
     * An extended trust manager, so that JSSE does not wrap it with its own hostname check; accepting
     * everything is the point.
     */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
