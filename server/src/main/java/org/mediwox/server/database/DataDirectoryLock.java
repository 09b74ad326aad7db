package org.mediwox.server.database;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Proof that this process alone runs on a data directory: an operating-system lock on {@code <data dir>/mediwox.lock},
 * which holds the owner's process id. The lock ends with its process however that ends ({@code kill -9} included), so
 * a lock that cannot be taken means a live process holds the directory, never a crashed one.
 *
 * <p>The channel stays open until {@link #close()}: on Linux closing any channel of the file would drop the lock.
 */
final class DataDirectoryLock implements AutoCloseable {

    static final String FILE = "mediwox.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of this data directory for this process.
     *
     * @throws DataDirectoryInUseException when another live process (or another server in this JVM) holds it
     */
    static DataDirectoryLock acquire(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(FILE);
        FileChannel channel =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            channel.close();
            throw new DataDirectoryInUseException(
                    dataDir.toAbsolutePath(), ProcessHandle.current().pid());
        }
        if (lock == null) {
            long owner = owner(channel);
            channel.close();
            throw new DataDirectoryInUseException(dataDir.toAbsolutePath(), owner);
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        channel.force(false);
        return new DataDirectoryLock(channel, lock);
    }

    /** The process id the holder wrote, or -1 when it is not (yet) there. */
    private static long owner(FileChannel channel) throws IOException {
        ByteBuffer content = ByteBuffer.allocate(32);
        channel.read(content, 0);
        String text = new String(content.array(), 0, content.position(), StandardCharsets.US_ASCII).trim();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notWrittenYet) {
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
