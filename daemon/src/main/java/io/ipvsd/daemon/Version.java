package io.ipvsd.daemon;

import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The version `ipvsd --version` and `ipvsctl --version` print: the command's name and the
 * Implementation-Version of the daemon jar's manifest (Maven writes it at package time, so it
 * cannot drift from the pom).
 */
public final class Version implements IVersionProvider {
    /** Injected by picocli: the command whose --version was asked. */
    @Spec
    private CommandSpec spec;

    @Override
    public String[] getVersion() {
        return new String[] {(spec == null ? "ipvsd" : spec.name()) + " " + number()};
    }

    /** The version number, or a note when running from classes rather than from the packaged jar. */
    public static String number() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "(unpackaged build)" : v;
    }
}
