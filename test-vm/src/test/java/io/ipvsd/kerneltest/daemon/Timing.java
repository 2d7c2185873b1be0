package io.ipvsd.kerneltest.daemon;

/** Prints how long a step took, so the run's log shows where the kernel tests spend their time. */
final class Timing {
    private Timing() {
    }

    /** Prints "  [timing] WHAT: N ms" (since {@code startNanos}); returns the milliseconds. */
    static long log(String what, long startNanos) {
        long ms = (System.nanoTime() - startNanos) / 1_000_000;
        System.out.printf("  [timing] %s: %d ms%n", what, ms);
        return ms;
    }
}
