package org.mediwox.server.database;

import java.nio.file.Path;

/** Another live Mediwox runs on this data directory: starting a second cluster on it would corrupt it. */
class DataDirectoryInUseException extends IllegalStateException {

    private final transient Path dataDir;
    private final long owner;

    DataDirectoryInUseException(Path dataDir, long owner) {
        super("The data directory " + dataDir + " is in use by another running Mediwox"
                + (owner > 0 ? " (process " + owner + ")" : "") + ".");
        this.dataDir = dataDir;
        this.owner = owner;
    }

    Path dataDir() {
        return dataDir;
    }

    long owner() {
        return owner;
    }
}
