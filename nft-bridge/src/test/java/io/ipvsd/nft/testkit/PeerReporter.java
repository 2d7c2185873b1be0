package io.ipvsd.nft.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A TCP listener that tells each client the source address it saw, for tests to run inside a
 * server namespace: {@code ip netns exec S java -cp ... PeerReporter ADDRESS PORT}. Prints
 * "listening" once ready; serves until it is ended.
 */
public final class PeerReporter {
    private PeerReporter() {
    }

    public static void main(String[] args) throws IOException {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getByName(args[0]), Integer.parseInt(args[1])));
            System.out.println("listening");
            System.out.flush();
            while (true) {
                try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                    out.write((s.getInetAddress().getHostAddress() + "\n").getBytes(StandardCharsets.US_ASCII));
                }
            }
        }
    }
}
