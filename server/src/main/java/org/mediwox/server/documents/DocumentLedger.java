package org.mediwox.server.documents;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The database's record of stored document content ({@code mediwox.document_content}): who owns each object, its
 * content type, size and SHA-256. Uses the caller's transaction when there is one, so a row commits or rolls back with
 * the resource version that refers to the object.
 */
class DocumentLedger {

    record Entry(
            String contentId,
            String resourceType,
            String resourceId,
            String contentType,
            long size,
            String sha256,
            Instant storedAt,
            boolean confirmed) {}

    private final JdbcTemplate jdbc;

    DocumentLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Entry entry) {
        jdbc.update(
                "insert into mediwox.document_content (content_id, resource_type, resource_id, content_type, size_bytes,"
                        + " sha256, stored_at, confirmed) values (?, ?, ?, ?, ?, ?, ?, ?)",
                entry.contentId(),
                entry.resourceType(),
                entry.resourceId(),
                entry.contentType(),
                entry.size(),
                entry.sha256(),
                Timestamp.from(entry.storedAt()),
                entry.confirmed());
    }

    Optional<Entry> find(String contentId) {
        List<Entry> found = jdbc.query(
                "select * from mediwox.document_content where content_id = ?",
                (rs, n) -> new Entry(
                        rs.getString("content_id"),
                        rs.getString("resource_type"),
                        rs.getString("resource_id"),
                        rs.getString("content_type"),
                        rs.getLong("size_bytes"),
                        rs.getString("sha256"),
                        rs.getTimestamp("stored_at").toInstant(),
                        rs.getBoolean("confirmed")),
                contentId);
        return found.stream().findFirst();
    }

    /**
     * Marks content of {@code resourceType/resourceId} as owned by a committed resource version (call inside that
     * version's transaction). Rows of other resources are left alone.
     */
    void confirm(String resourceType, String resourceId, Collection<String> contentIds) {
        for (String id : contentIds) {
            jdbc.update(
                    "update mediwox.document_content set confirmed = true"
                            + " where content_id = ? and resource_type = ? and resource_id = ? and not confirmed",
                    id,
                    resourceType,
                    resourceId);
        }
    }

    /** Whether a confirmed row exists for {@code contentId}. */
    boolean isOwned(String contentId) {
        Boolean owned = jdbc.queryForObject(
                "select exists (select 1 from mediwox.document_content where content_id = ? and confirmed)",
                Boolean.class,
                contentId);
        return Boolean.TRUE.equals(owned);
    }

    void delete(String contentId) {
        jdbc.update("delete from mediwox.document_content where content_id = ?", contentId);
    }

    /**
     * Deletes the rows still unconfirmed that were stored before {@code cutoff} (content whose resource update never
     * committed) and returns their content ids; a row confirmed meanwhile is kept.
     */
    List<String> deleteUnconfirmedBefore(Instant cutoff) {
        return jdbc.queryForList(
                "delete from mediwox.document_content where not confirmed and stored_at < ? returning content_id",
                String.class,
                Timestamp.from(cutoff));
    }
}
