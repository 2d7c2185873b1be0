package io.ipvsd.nft.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BytesTest {
    @Test
    void comparesByContentAndInNetworkOrder() {
        assertEquals(Bytes.fromHex("0050"), Bytes.be16(80));
        assertNotEquals(Bytes.be16(80), Bytes.be16(81));
        assertTrue(Bytes.be16(443).compareTo(Bytes.be16(8000)) < 0);
        assertTrue(Bytes.be16(0x80).compareTo(Bytes.be16(0x7f)) > 0, "bytes compare unsigned");
    }

    @Test
    void isImmutable() {
        byte[] raw = {1, 2};
        Bytes b = Bytes.of(raw);
        raw[0] = 9;
        b.toArray()[1] = 9;
        assertEquals("0102", b.hex());
    }
}
