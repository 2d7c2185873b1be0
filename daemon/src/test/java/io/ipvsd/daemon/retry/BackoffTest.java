package io.ipvsd.daemon.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void doublesUpToTheCapAndStartsOverAfterASuccess() {
        Backoff backoff = new Backoff(Duration.ofMillis(10), Duration.ofMillis(50));
        assertEquals(Duration.ofMillis(10), backoff.failed());
        assertEquals(Duration.ofMillis(20), backoff.failed());
        assertEquals(Duration.ofMillis(40), backoff.failed());
        assertEquals(Duration.ofMillis(50), backoff.failed());
        assertEquals(Duration.ofMillis(50), backoff.failed());
        backoff.succeeded();
        assertEquals(Duration.ofMillis(10), backoff.failed());
    }

    @Test
    void aZeroFirstPauseWouldBeABusyLoop() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
    }
}
