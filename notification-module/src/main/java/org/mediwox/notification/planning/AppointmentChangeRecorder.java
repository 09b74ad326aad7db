package org.mediwox.notification.planning;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Collects the Appointment changes of a transaction as they are stored and, just before it commits, has the planner
 * record the messages they call for in the outbox — in that same transaction: if the change commits, its messages are
 * recorded; if it rolls back, so do they.
 */
@Interceptor
public class AppointmentChangeRecorder {

    private final NotificationPlanner planner;
    private final Object key = new Object();

    public AppointmentChangeRecorder(NotificationPlanner planner) {
        this.planner = planner;
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        if (resource instanceof Appointment appointment) {
            collect(new NotificationPlanner.Change(null, appointment.copy()));
        }
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource current) {
        if (current instanceof Appointment appointment) {
            collect(new NotificationPlanner.Change(
                    previous instanceof Appointment before ? before.copy() : null, appointment.copy()));
        }
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
    public void deleted(IBaseResource resource) {
        if (resource instanceof Appointment appointment) {
            planner.deleted(appointment.getIdElement().getIdPart());
        }
    }

    @SuppressWarnings("unchecked")
    private void collect(NotificationPlanner.Change change) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            planner.plan(List.of(change));
            return;
        }
        List<NotificationPlanner.Change> changes =
                (List<NotificationPlanner.Change>) TransactionSynchronizationManager.getResource(key);
        if (changes == null) {
            List<NotificationPlanner.Change> collected = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(key, collected);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    planner.plan(List.copyOf(collected));
                }

                @Override
                public void suspend() {
                    // an inner transaction (REQUIRES_NEW) collects its own changes
                    TransactionSynchronizationManager.unbindResourceIfPossible(key);
                }

                @Override
                public void resume() {
                    TransactionSynchronizationManager.bindResource(key, collected);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(key);
                }
            });
            changes = collected;
        }
        changes.add(change);
    }
}
