package org.mediwox.server.fulltext;

import jakarta.persistence.EntityManager;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.hibernate.action.spi.AfterTransactionCompletionProcess;
import org.hibernate.action.spi.BeforeTransactionCompletionProcess;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.event.spi.EventSource;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.pojo.work.IndexingPlanSynchronizationStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The journal of full-text index writes still owed ({@code mediwox.fulltext_pending}).
 *
 * <ul>
 *   <li>Every transaction that writes HAPI resources (create, update, delete, expunge: any insert, update or delete
 *       of a {@code ResourceTable} row, whichever path made it) upserts one row per resource, in one statement, just
 *       before it commits ({@link FullTextJournalIntegrator}).
 *   <li>After the commit, when Hibernate Search's synchronous index write for that transaction succeeded, the rows
 *       it wrote are deleted in a short transaction of their own, off the request thread ({@link
 *       JournalIndexingStrategy}). Only the rows of that write go: the delete matches {@code queued_at} too, so a
 *       later write's row for the same resource stays.
 *   <li>Rows left behind (the node died, the index write failed) are taken by the sweep after a grace period.
 * </ul>
 *
 * <p>Transactions are followed per Hibernate session: {@link JournalingTransactionManager} tracks each session it
 * opens. A session opened some other way still journals its writes; its rows are left to the sweep.
 */
public final class FullTextJournal {

    private static final Logger log = LoggerFactory.getLogger(FullTextJournal.class);

    /** {@code excluded.queued_at} is the column default, {@code now()}: the same for every row of the statement. */
    private static final String UPSERT = "insert into mediwox.fulltext_pending (res_id, res_type)"
            + " select * from unnest(?::bigint[], ?::text[])"
            + " on conflict (res_id) do update set res_type = excluded.res_type, queued_at = excluded.queued_at"
            + " returning queued_at::text";

    private static final String DELETE = "delete from mediwox.fulltext_pending p"
            + " using unnest(?::bigint[], ?::text[]) as d(res_id, queued_at)"
            + " where p.res_id = d.res_id and p.queued_at = d.queued_at::timestamptz";

    private static final String OLDER_THAN = "select res_id, res_type, queued_at::text from mediwox.fulltext_pending"
            + " where queued_at < now() - make_interval(secs => ?) order by queued_at limit ?";

    /** Sessions by identity (Hibernate's sessions do not override equals); a closed session's entry goes with it. */
    private final Map<SharedSessionContractImplementor, SessionEntries> sessions =
            Collections.synchronizedMap(new WeakHashMap<>());

    private final ConcurrentLinkedQueue<Entry> indexed = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean removing = new AtomicBoolean();
    private final JdbcTemplate jdbc;
    private final Executor executor;
    private final IndexingPlanSynchronizationStrategy synchronization;

    /**
     * @param jdbc on Mediwox's pool, outside any transaction: the removal runs in a transaction of its own
     * @param executor where the removal runs (Mediwox's background scheduler)
     * @param synchronization Hibernate Search's strategy name ({@code read-sync}, {@code write-sync}, {@code sync},
     *     {@code async}): the journal wraps that strategy
     */
    public FullTextJournal(JdbcTemplate jdbc, Executor executor, String synchronization) {
        this.jdbc = jdbc;
        this.executor = executor;
        this.synchronization = strategyNamed(synchronization);
    }

    static IndexingPlanSynchronizationStrategy strategyNamed(String name) {
        return switch (name) {
            case "read-sync" -> IndexingPlanSynchronizationStrategy.readSync();
            case "write-sync" -> IndexingPlanSynchronizationStrategy.writeSync();
            case "sync" -> IndexingPlanSynchronizationStrategy.sync();
            case "async" -> IndexingPlanSynchronizationStrategy.async();
            default ->
                throw new IllegalArgumentException("mediwox.full-text.synchronization: '" + name
                        + "' is none of read-sync, write-sync, sync, async");
        };
    }

    /**
     * Follows a session just opened for a transaction: its index writes report back to the journal. Called before the
     * session changed anything (Hibernate Search's rule for a session's strategy).
     */
    void track(EntityManager entityManager) {
        SharedSessionContractImplementor session = entityManager.unwrap(SharedSessionContractImplementor.class);
        SessionEntries entries = new SessionEntries();
        sessions.put(session, entries);
        Search.session(entityManager)
                .indexingPlanSynchronizationStrategy(new JournalIndexingStrategy(synchronization, entries, this));
    }

    /** A resource row written in the session's transaction (called by Hibernate's event listeners). */
    void written(EventSource session, long resourceId, String resourceType) {
        SessionEntries entries = sessions.computeIfAbsent(session, s -> new SessionEntries());
        if (entries.add(resourceId, resourceType)) {
            session.getActionQueue().registerProcess((BeforeTransactionCompletionProcess) s -> upsert(s, entries));
            session.getActionQueue().registerProcess((AfterTransactionCompletionProcess) (success, s) -> {
                if (!success) {
                    entries.reset();
                }
            });
        }
    }

    /** Just before the commit, on the transaction's connection: one statement for all the transaction's resources. */
    private static void upsert(SharedSessionContractImplementor session, SessionEntries entries) {
        Map<Long, String> pending = entries.drainPending();
        if (pending.isEmpty()) {
            return;
        }
        Long[] ids = pending.keySet().toArray(Long[]::new);
        String[] types = pending.values().toArray(String[]::new);
        String queuedAt = session.doReturningWork(connection -> upsert(connection, ids, types));
        List<Entry> written = new ArrayList<>(ids.length);
        for (Long id : ids) {
            written.add(new Entry(id, queuedAt));
        }
        entries.written(written);
    }

    private static String upsert(Connection connection, Long[] ids, String[] types) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
            statement.setArray(1, connection.createArrayOf("bigint", ids));
            statement.setArray(2, connection.createArrayOf("text", types));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    /** The index write of these rows' transaction succeeded: remove them, soon, in batches, off this thread. */
    void indexed(List<Entry> entries) {
        indexed.addAll(entries);
        if (removing.compareAndSet(false, true)) {
            executor.execute(this::removeIndexed);
        }
    }

    private void removeIndexed() {
        try {
            List<Entry> batch = new ArrayList<>();
            for (Entry entry = indexed.poll(); entry != null; entry = indexed.poll()) {
                batch.add(entry);
                if (batch.size() == 1000) {
                    remove(batch);
                    batch.clear();
                }
            }
            remove(batch);
        } catch (RuntimeException e) {
            // the rows stay: the sweep reindexes their resources, which costs an index write and loses nothing
            log.warn("Could not remove full-text journal rows of indexed resources: {}", e.toString());
        } finally {
            removing.set(false);
        }
        if (!indexed.isEmpty() && removing.compareAndSet(false, true)) {
            executor.execute(this::removeIndexed);
        }
    }

    /** Deletes the rows as written (a row renewed by a later write since stays). */
    int remove(List<Entry> entries) {
        if (entries.isEmpty()) {
            return 0;
        }
        return jdbc.execute(
                (Connection connection) -> {
                    PreparedStatement statement = connection.prepareStatement(DELETE);
                    statement.setArray(1, array(connection, "bigint", entries, Entry::resourceId));
                    statement.setArray(2, array(connection, "text", entries, Entry::queuedAt));
                    return statement;
                },
                PreparedStatement::executeUpdate);
    }

    private static Array array(Connection connection, String type, List<Entry> entries, Function<Entry, ?> value)
            throws SQLException {
        return connection.createArrayOf(type, entries.stream().map(value).toArray());
    }

    /** Rows queued longer ago than {@code age} (database time), oldest first. */
    List<Row> olderThan(Duration age, int limit) {
        return jdbc.query(
                OLDER_THAN,
                (rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3)),
                age.toMillis() / 1000.0,
                limit);
    }

    /** A journal row as written: the resource and its {@code queued_at} in PostgreSQL's text form. */
    record Entry(long resourceId, String queuedAt) {}

    /** A journal row read by the sweep. */
    record Row(long resourceId, String resourceType, String queuedAt) {
        Entry entry() {
            return new Entry(resourceId, queuedAt);
        }
    }

    /** One session's resources: those of its running transaction, then those its last commit wrote. */
    static final class SessionEntries {
        /** In id order: two transactions upserting the same rows take their locks in the same order. */
        private final Map<Long, String> pending = new TreeMap<>();

        private boolean registered;
        private List<Entry> written;

        /** @return whether this is the transaction's first resource (the processes are to be registered) */
        synchronized boolean add(long resourceId, String resourceType) {
            pending.put(resourceId, resourceType);
            if (registered) {
                return false;
            }
            registered = true;
            return true;
        }

        synchronized Map<Long, String> drainPending() {
            Map<Long, String> drained = new TreeMap<>(pending);
            pending.clear();
            registered = false;
            return drained;
        }

        synchronized void written(List<Entry> entries) {
            written = entries;
        }

        /** The rows the last commit wrote, once: null if none. */
        synchronized List<Entry> takeWritten() {
            List<Entry> taken = written;
            written = null;
            return taken;
        }

        synchronized void reset() {
            pending.clear();
            registered = false;
            written = null;
        }
    }
}
