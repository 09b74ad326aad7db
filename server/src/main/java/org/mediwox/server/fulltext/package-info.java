/**
 * The full-text journal: with a full-text index outside the node (OpenSearch), Hibernate Search writes a resource's
 * index document after the database commit, so a node that dies in between would leave the index stale. Each
 * transaction that writes resources records them in {@code mediwox.fulltext_pending} ({@link
 * org.mediwox.server.fulltext.FullTextJournal}); the rows go once the index write succeeded, and a sweep reindexes
 * the resources of rows left behind ({@link org.mediwox.server.fulltext.FullTextJournalSweeper}).
 */
package org.mediwox.server.fulltext;
