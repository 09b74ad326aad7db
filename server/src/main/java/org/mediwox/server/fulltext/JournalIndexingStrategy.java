package org.mediwox.server.fulltext;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.hibernate.search.engine.backend.work.execution.DocumentCommitStrategy;
import org.hibernate.search.engine.backend.work.execution.DocumentRefreshStrategy;
import org.hibernate.search.engine.backend.work.execution.OperationSubmitter;
import org.hibernate.search.engine.reporting.FailureHandler;
import org.hibernate.search.mapper.pojo.work.IndexingPlanSynchronizationStrategy;
import org.hibernate.search.mapper.pojo.work.IndexingPlanSynchronizationStrategyConfigurationContext;
import org.hibernate.search.mapper.pojo.work.SearchIndexingPlanExecutionReport;

/**
 * One session's synchronization strategy: the configured one (it decides commit and refresh, and waits), plus, once
 * the index write of a commit is known to have succeeded, the removal of the journal rows that commit wrote. A failed
 * index write, or one not finished when the strategy stops waiting ({@code async}), leaves the rows to the sweep.
 */
final class JournalIndexingStrategy implements IndexingPlanSynchronizationStrategy {

    private final IndexingPlanSynchronizationStrategy delegate;
    private final FullTextJournal.SessionEntries entries;
    private final FullTextJournal journal;

    JournalIndexingStrategy(
            IndexingPlanSynchronizationStrategy delegate,
            FullTextJournal.SessionEntries entries,
            FullTextJournal journal) {
        this.delegate = delegate;
        this.entries = entries;
        this.journal = journal;
    }

    @Override
    public void apply(IndexingPlanSynchronizationStrategyConfigurationContext context) {
        delegate.apply(new IndexingPlanSynchronizationStrategyConfigurationContext() {
            @Override
            public void documentCommitStrategy(DocumentCommitStrategy strategy) {
                context.documentCommitStrategy(strategy);
            }

            @Override
            public void documentRefreshStrategy(DocumentRefreshStrategy strategy) {
                context.documentRefreshStrategy(strategy);
            }

            @Override
            public void indexingFutureHandler(
                    Consumer<? super CompletableFuture<? extends SearchIndexingPlanExecutionReport>> handler) {
                context.indexingFutureHandler(future -> afterIndexing(future, handler));
            }

            @Override
            public FailureHandler failureHandler() {
                return context.failureHandler();
            }

            @Override
            public void operationSubmitter(OperationSubmitter submitter) {
                context.operationSubmitter(submitter);
            }
        });
    }

    private void afterIndexing(
            CompletableFuture<? extends SearchIndexingPlanExecutionReport> future,
            Consumer<? super CompletableFuture<? extends SearchIndexingPlanExecutionReport>> handler) {
        List<FullTextJournal.Entry> written = entries.takeWritten();
        // a synchronous strategy waits here, and throws when the index write failed
        handler.accept(future);
        if (written != null && succeeded(future)) {
            journal.indexed(written);
        }
    }

    static boolean succeeded(CompletableFuture<? extends SearchIndexingPlanExecutionReport> future) {
        return future.isDone()
                && !future.isCompletedExceptionally()
                && future.join().throwable().isEmpty();
    }

    @Override
    public String toString() {
        return "journaled " + delegate;
    }
}
