package io.ipvsd.cli.importer;

/** Input the import refuses as a whole (keepalived would refuse it too, or it cannot be read). */
public final class ImportException extends Exception {
    public ImportException(String message) {
        super(message);
    }
}
