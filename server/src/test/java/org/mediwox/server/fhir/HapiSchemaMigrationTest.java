package org.mediwox.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.migrate.MigrationTaskList;
import ca.uhn.fhir.jpa.migrate.taskdef.BaseTask;
import ca.uhn.fhir.util.VersionEnum;
import ca.uhn.fhir.util.VersionUtil;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which of HAPI's migration tasks a baseline records as applied without running them. */
class HapiSchemaMigrationTest {

    @Test
    void baseline_forTheRunningVersion_marksEveryTask() {
        // given
        MigrationTaskList tasks = HapiSchemaMigration.allTasks();
        VersionEnum running = VersionEnum.valueOf("V" + VersionUtil.getVersion().replace('.', '_'));

        // when
        int marked = HapiSchemaMigration.baseline(tasks, running);

        // then
        assertThat(marked).isEqualTo(tasks.size()).isGreaterThan(700);
        assertThat(list(tasks)).allMatch(BaseTask::isDoNothing);
    }

    @Test
    void baseline_forAnOlderVersion_leavesTheLaterVersionsTasksToRun() {
        // given: a schema Hibernate made for HAPI 8.0.0
        MigrationTaskList tasks = HapiSchemaMigration.allTasks();

        // when
        int marked = HapiSchemaMigration.baseline(tasks, VersionEnum.V8_0_0);

        // then
        List<BaseTask> toRun =
                list(tasks).stream().filter(task -> !task.isDoNothing()).toList();
        assertThat(marked).isPositive();
        assertThat(toRun).isNotEmpty().hasSize(tasks.size() - marked);
        assertThat(toRun)
                .allMatch(task -> VersionEnum.valueOf(task.getProductVersion()).isNewerThan(VersionEnum.V8_0_0));
        assertThat(list(tasks).stream().filter(BaseTask::isDoNothing))
                .noneMatch(task -> VersionEnum.valueOf(task.getProductVersion()).isNewerThan(VersionEnum.V8_0_0));
    }

    private static List<BaseTask> list(MigrationTaskList tasks) {
        List<BaseTask> all = new ArrayList<>();
        tasks.forEach(all::add);
        return all;
    }
}
