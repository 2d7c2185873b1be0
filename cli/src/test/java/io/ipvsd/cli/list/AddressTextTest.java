package io.ipvsd.cli.list;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** glibc inet_ntop's text, which ipvsadm prints. */
class AddressTextTest {
    @ParameterizedTest
    @CsvSource({
        "192.0.2.1, 80, 192.0.2.1:80",
        "2001:db8::1, 80, [2001:db8::1]:80",
        "2001:db8:0:0:1:0:0:20, 8080, [2001:db8::1:0:0:20]:8080",
        "::1, 0, [::1]:0",
        "::, 0, [::]:0",
        "::0.0.0.2, 53, [::2]:53",
        "::102:304, 53, [::1.2.3.4]:53",
        "2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff, 5353, [2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff]:5353",
    })
    void ipvsadmText(String address, int port, String text) throws UnknownHostException {
        assertEquals(text, AddressText.of(InetAddress.getByName(address), port));
    }

    @ParameterizedTest
    @CsvSource("10.0.0.1, [::ffff:10.0.0.1]:80")
    void ipv4MappedIpv6(String v4, String text) throws UnknownHostException {
        byte[] b = new byte[16];
        b[10] = (byte) 0xff;
        b[11] = (byte) 0xff;
        System.arraycopy(InetAddress.getByName(v4).getAddress(), 0, b, 12, 4);
        assertEquals(text, AddressText.of(Inet6Address.getByAddress(null, b, -1), 80));
    }
}
