package io.ipvsd.cli.top;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The controlling terminal for {@code ipvsctl top}: stty(1) for raw input and the size (no native
 * code; the size is polled, which also catches resizes without SIGWINCH), the alternate screen so
 * the shell's screen comes back on exit, and the settings restored on close or on Ctrl-C (a
 * shutdown hook: Ctrl-C still sends SIGINT, the JVM runs the hook).
 */
final class Terminal implements AutoCloseable {
    private static final String ENTER = "\u001b[?1049h\u001b[?25l";
    private static final String LEAVE = "\u001b[?25h\u001b[?1049l";

    private final String saved;
    private final PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    private final InputStream in = System.in;
    private final Thread restoreOnSignal = new Thread(this::restore);
    private boolean restored;

    private Terminal(String saved) {
        this.saved = saved;
    }

    static Terminal open() throws IOException {
        if (System.console() == null) {
            throw new IOException("top needs a terminal (use -n N for batch output)");
        }
        Terminal t = new Terminal(stty("-g").strip());
        stty("-icanon", "-echo", "min", "0", "time", "0");
        Runtime.getRuntime().addShutdownHook(t.restoreOnSignal);
        t.out.print(ENTER);
        t.out.flush();
        return t;
    }

    /** rows, columns */
    int[] size() throws IOException {
        String[] rc = stty("size").strip().split(" ");
        return new int[] {Integer.parseInt(rc[0]), Integer.parseInt(rc[1])};
    }

    boolean quitPressed() throws IOException {
        while (in.available() > 0) {
            int c = in.read();
            if (c == 'q' || c == 'Q') {
                return true;
            }
        }
        return false;
    }

    /** Draws from the top left, clearing each line's rest and everything below. */
    void draw(String screen) {
        StringBuilder s = new StringBuilder("\u001b[H");
        screen.lines().forEach(l -> s.append(l).append("\u001b[K\r\n"));
        s.setLength(s.length() - 2);
        s.append("\u001b[J");
        out.print(s);
        out.flush();
    }

    @Override
    public void close() {
        restore();
        Runtime.getRuntime().removeShutdownHook(restoreOnSignal);
    }

    private synchronized void restore() {
        if (restored) {
            return;
        }
        restored = true;
        out.print(LEAVE);
        out.flush();
        try {
            stty(saved);
        } catch (IOException e) {
            System.err.println("ipvsctl: could not restore the terminal (run 'stty sane'): " + e.getMessage());
        }
    }

    private static String stty(String... args) throws IOException {
        String[] command = new String[args.length + 1];
        command[0] = "stty";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/tty")))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IOException("stty " + String.join(" ", args) + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return output;
    }
}
