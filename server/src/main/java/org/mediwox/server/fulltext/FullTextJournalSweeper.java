package org.mediwox.server.fulltext;

import java.time.Duration;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Makes up for index writes that did not happen: takes the journal rows older than the grace period (their writing
 * node died between commit and index write, or the index write failed), reindexes their resources in batches and
 * deletes the rows. It runs every {@code mediwox.full-text.journal.interval} on one node of a cluster at a time (the
 * lock {@value #LOCK}); two sweeps overlapping (a stalled node's lock ran out) only index twice.
 */
public class FullTextJournalSweeper {

    private static final Logger log = LoggerFactory.getLogger(FullTextJournalSweeper.class);
    static final String LOCK = "full-text-journal-sweep";

    /** Batches per round: a backlog larger than this many batches waits for the next round. */
    private static final int MAX_BATCHES = 50;

    private final FullTextJournal journal;
    private final FullTextReindexer reindexer;
    private final Duration grace;
    private final int batchSize;

    public FullTextJournalSweeper(FullTextJournal journal, FullTextReindexer reindexer, Duration grace, int batchSize) {
        this.journal = journal;
        this.reindexer = reindexer;
        this.grace = grace;
        this.batchSize = batchSize;
    }

    /**
     * One round with the configured grace period, the first one interval after start. The interval's default is
     * {@code FullTextProperties}' (the annotation can only read the key itself).
     */
    @Scheduled(
            initialDelayString = "${mediwox.full-text.journal.interval:30s}",
            fixedDelayString = "${mediwox.full-text.journal.interval:30s}")
    @SchedulerLock(name = LOCK, lockAtMostFor = "PT10M")
    public void sweep() {
        try {
            sweep(grace);
        } catch (RuntimeException e) {
            log.warn("Full-text journal sweep failed, next attempt at the next interval: {}", e.toString());
        }
    }

    /**
     * Reindexes the resources of the rows older than {@code age} and deletes those rows.
     *
     * @return how many resources were reindexed
     */
    public int sweep(Duration age) {
        int reindexed = 0;
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            List<FullTextJournal.Row> rows = journal.olderThan(age, batchSize);
            if (rows.isEmpty()) {
                break;
            }
            reindexer.reindex(rows.stream().map(FullTextJournal.Row::resourceId).toList());
            journal.remove(rows.stream().map(FullTextJournal.Row::entry).toList());
            reindexed += rows.size();
            if (rows.size() < batchSize) {
                break;
            }
        }
        if (reindexed > 0) {
            log.info(
                    "Full-text journal sweep reindexed {} resource(s) whose index write had not been confirmed",
                    reindexed);
        }
        return reindexed;
    }
}
