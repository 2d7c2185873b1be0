package io.ipvsd.cli.importer;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.daemon.config.ConfigLoader;
import io.ipvsd.daemon.config.LoadResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpvsadmImportTest {
    @Test
    void savedTableBecomesAValidFile() throws Exception {
        IpvsadmImport.Result r = IpvsadmImport.run("save", List.of(
                "-A -t 192.0.2.10:80 -s wrr -p 300 -M 255.255.255.0",
                "-a -t 192.0.2.10:80 -r 198.51.100.1:8080 -m -w 3 -x 100 -y 50",
                "-a -t 192.0.2.10:80 -r 198.51.100.2:80 -g -w 1",
                "-A -u [2001:db8::10]:53 -s sh -b sh-fallback,sh-port -o",
                "-a -u [2001:db8::10]:53 -r [2001:db8::21]:53 -i -w 1 --tun-type gue --tun-port 6080 --tun-csum"), "test");
        String t = r.toml();
        assertTrue(t.contains("persistence = { timeout = 300, netmask = \"255.255.255.0\" }"), t);
        assertTrue(t.contains("upper_threshold = 100"), t);
        assertTrue(t.contains("tunnel = { type = \"gue\", port = 6080, checksum = \"csum\" }"), t);
        LoadResult loaded = ConfigLoader.parse(t, "out.toml");
        assertInstanceOf(LoadResult.Loaded.class, loaded, () -> t + loaded);
    }

    @Test
    void aRealServerMustFollowItsService() {
        assertThrows(ImportException.class, () -> IpvsadmImport.run("save", List.of(
                "-a -t 192.0.2.10:80 -r 198.51.100.1:80 -g -w 1"), "test"));
    }
}
