package io.ipvsd.daemon;

import picocli.CommandLine.IVersionProvider;

/** The version `--version` prints, from the jar's manifest when there is one. */
public final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return new String[] {"ipvsd " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
}
