package org.mediwox.server.fulltext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.hibernate.search.engine.backend.work.execution.DocumentCommitStrategy;
import org.hibernate.search.engine.backend.work.execution.DocumentRefreshStrategy;
import org.hibernate.search.engine.backend.work.execution.OperationSubmitter;
import org.hibernate.search.engine.common.EntityReference;
import org.hibernate.search.engine.reporting.FailureHandler;
import org.hibernate.search.mapper.pojo.work.IndexingPlanSynchronizationStrategy;
import org.hibernate.search.mapper.pojo.work.IndexingPlanSynchronizationStrategyConfigurationContext;
import org.hibernate.search.mapper.pojo.work.SearchIndexingPlanExecutionReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The session strategy of the full-text journal: the configured strategy's commit and refresh settings pass through,
 * and a commit's journal rows are handed for removal only when its index write is known to have succeeded.
 */
class JournalIndexingStrategyTest {

    private static final List<FullTextJournal.Entry> WRITTEN =
            List.of(new FullTextJournal.Entry(7, "2026-12-06 19:00:00.123456+00"));

    private final List<Runnable> removals = new ArrayList<>();
    private FullTextJournal.SessionEntries entries;
    private FullTextJournal journal;

    @BeforeEach
    void journal() {
        journal = new FullTextJournal(null, removals::add, "read-sync");
        entries = new FullTextJournal.SessionEntries();
        entries.written(WRITTEN);
    }

    @Test
    void readSync_passesCommitAndRefreshThrough() {
        RecordingContext context = apply(IndexingPlanSynchronizationStrategy.readSync());

        assertThat(context.commit).isEqualTo(DocumentCommitStrategy.NONE);
        assertThat(context.refresh).isEqualTo(DocumentRefreshStrategy.FORCE);
    }

    @Test
    void indexWriteSucceeded_rowsHandedForRemoval_once() {
        RecordingContext context = apply(IndexingPlanSynchronizationStrategy.readSync());

        context.handler.accept(CompletableFuture.completedFuture(report(null)));

        assertThat(removals).hasSize(1);
        assertThat(entries.takeWritten()).as("taken by that commit").isNull();
    }

    @Test
    void indexWriteFailed_rowsStayForTheSweep_andTheFailureIsReported() {
        RecordingContext context = apply(IndexingPlanSynchronizationStrategy.readSync());

        Throwable thrown = catchThrowable(() -> context.handler.accept(
                CompletableFuture.completedFuture(report(new IllegalStateException("index closed")))));

        assertThat(thrown).isNotNull();
        assertThat(removals).isEmpty();
    }

    @Test
    void indexWriteNotAwaited_async_rowsStayForTheSweep() {
        RecordingContext context = apply(IndexingPlanSynchronizationStrategy.async());

        context.handler.accept(new CompletableFuture<>());

        assertThat(removals).isEmpty();
    }

    @Test
    void commitThatWroteNoResource_removesNothing() {
        entries.takeWritten();
        RecordingContext context = apply(IndexingPlanSynchronizationStrategy.readSync());

        context.handler.accept(CompletableFuture.completedFuture(report(null)));

        assertThat(removals).isEmpty();
    }

    private RecordingContext apply(IndexingPlanSynchronizationStrategy configured) {
        RecordingContext context = new RecordingContext();
        new JournalIndexingStrategy(configured, entries, journal).apply(context);
        return context;
    }

    private static SearchIndexingPlanExecutionReport report(Throwable failure) {
        return new SearchIndexingPlanExecutionReport() {
            @Override
            public Optional<Throwable> throwable() {
                return Optional.ofNullable(failure);
            }

            @Override
            public List<? extends EntityReference> failingEntities() {
                return List.of();
            }
        };
    }

    private static final class RecordingContext implements IndexingPlanSynchronizationStrategyConfigurationContext {
        DocumentCommitStrategy commit;
        DocumentRefreshStrategy refresh;
        Consumer<? super CompletableFuture<? extends SearchIndexingPlanExecutionReport>> handler;

        @Override
        public void documentCommitStrategy(DocumentCommitStrategy strategy) {
            commit = strategy;
        }

        @Override
        public void documentRefreshStrategy(DocumentRefreshStrategy strategy) {
            refresh = strategy;
        }

        @Override
        public void indexingFutureHandler(
                Consumer<? super CompletableFuture<? extends SearchIndexingPlanExecutionReport>> handler) {
            this.handler = handler;
        }

        @Override
        public FailureHandler failureHandler() {
            return null;
        }

        @Override
        public void operationSubmitter(OperationSubmitter submitter) {}
    }
}
