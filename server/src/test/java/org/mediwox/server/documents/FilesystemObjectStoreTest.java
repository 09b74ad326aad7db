package org.mediwox.server.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zero-setup run's document store: the same contract the S3 store keeps (DocumentsIT covers that one). */
class FilesystemObjectStoreTest {

    @TempDir
    Path root;

    @Test
    void storesReadsAndDeletesByKey() {
        FilesystemObjectStore store = new FilesystemObjectStore(root);
        byte[] content = "%PDF-1.7 prescription".getBytes(StandardCharsets.US_ASCII);

        store.put("0a1b2c3d", content, "application/pdf");

        assertThat(store.get("0a1b2c3d")).isEqualTo(content);
        assertThat(root.resolve("0a").resolve("0a1b2c3d")).exists();
        store.delete("0a1b2c3d");
        assertThat(store.get("0a1b2c3d")).isNull();
        store.delete("0a1b2c3d"); // deleting twice is fine
    }

    @Test
    void listsOnlyObjectsOlderThanTheCutoff_includingPartialWritesLeftByACrash() throws IOException {
        FilesystemObjectStore store = new FilesystemObjectStore(root);
        store.put("aaaa1111", new byte[] {1}, "text/plain");
        store.put("bbbb2222", new byte[] {2}, "text/plain");
        Path partial = root.resolve("cc").resolve("cccc3333.partial");
        Files.createDirectories(partial.getParent());
        Files.write(partial, new byte[] {3});
        Instant old = Instant.now().minusSeconds(7200);
        Files.setLastModifiedTime(root.resolve("aa").resolve("aaaa1111"), FileTime.from(old));
        Files.setLastModifiedTime(partial, FileTime.from(old));

        List<String> listed = new ArrayList<>();
        store.forEachOlderThan(Instant.now().minusSeconds(3600), listed::add);

        assertThat(listed).containsExactlyInAnyOrder("aaaa1111", "cccc3333.partial");
        store.delete("cccc3333.partial");
        assertThat(partial).doesNotExist();
    }

    @Test
    void refusesKeysThatCouldLeaveTheDirectory() {
        FilesystemObjectStore store = new FilesystemObjectStore(root);

        assertThatThrownBy(() -> store.get("../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put("a/b", new byte[0], "text/plain"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
