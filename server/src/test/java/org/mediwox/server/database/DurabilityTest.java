package org.mediwox.server.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which PostgreSQL settings keep an acknowledged commit through a crash of the process and of the host. */
class DurabilityTest {

    @ParameterizedTest(name = "synchronous_commit={0}")
    @CsvSource({"on", "local", "remote_write", "remote_apply"})
    void everySynchronousCommitLevelButOff_flushesTheLocalWalBeforeAcknowledging(String level) {
        assertThat(new Durability("on", level, "on").durable()).isTrue();
    }

    @Test
    void synchronousCommitOff_losesTheLastAcknowledgedCommitsInACrash() {
        assertThat(new Durability("on", "off", "on").durable()).isFalse();
    }

    @Test
    void fsyncOrFullPageWritesOff_canCorruptTheClusterInAPowerCut() {
        assertThat(new Durability("off", "on", "on").durable()).isFalse();
        assertThat(new Durability("on", "on", "off").durable()).isFalse();
    }

    @Test
    void describedAsTheSettingsReadBack() {
        assertThat(new Durability("on", "off", "on"))
                .hasToString("fsync=on, synchronous_commit=off, full_page_writes=on");
    }
}
