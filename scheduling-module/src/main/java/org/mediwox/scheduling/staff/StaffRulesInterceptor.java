package org.mediwox.scheduling.staff;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.mediwox.plugin.access.RequestUser;
import org.mediwox.plugin.vocabulary.BookingRefusal;
import org.mediwox.scheduling.rules.SchedulingErrors;

/**
 * The {@link StaffRules} on every write a practitioner's token makes — plain REST, conditional writes, transaction and
 * batch entries, JSON Patch, and the writes of {@code $book}, {@code $hold} and {@code $cancel} — before anything is
 * stored (HAPI's {@code STORAGE_PRESTORAGE_RESOURCE_*} hooks; see below for transaction placeholders), on the stored version and the new one alike: an
 * Appointment or availability moved out of a member's places is refused as one moved into another's. A refusal in a
 * transaction Bundle undoes the whole Bundle. A refusal is a 403 OperationOutcome, issue {@code
 * forbidden}, coded {@code booking-refusal#not-permitted} and with the {@code staff-refusal} code. Requests of patients,
 * back ends and the server itself (no practitioner on the request) pass untouched.
 *
 * <p>An entry of a transaction Bundle may name another entry by its placeholder ({@code urn:uuid:}) — a Slot the new
 * Schedule of the same Bundle — which HAPI replaces only after every entry is stored. An entry refused for want of
 * what such a reference names ({@link StaffPlaces#unresolved()}) is therefore decided again at {@code
 * STORAGE_PRECOMMIT_RESOURCE_*}, which HAPI holds back in a transaction until the references are replaced; the
 * lookups then read, within the same database transaction, what the Bundle stored (a conditional create that matched
 * an existing resource included). What is still unresolved there is refused, and so is a deferred write that never
 * reached the pre-commit hooks ({@code STORAGE_TRANSACTION_PROCESSED}, still in the transaction). The resources the
 * checks read are kept for the database transaction ({@link TransactionDetails}): the entries of a Bundle read each
 * Schedule, role and Location once.
 */
@Interceptor
public class StaffRulesInterceptor {

    /** Before the other pre-commit rules (the booking rule's claims): a forbidden write is refused as forbidden. */
    static final int DEFERRED_ORDER = -100;

    private static final String READS = StaffRulesInterceptor.class.getName() + ":reads";
    private static final String DEFERRED = StaffRulesInterceptor.class.getName() + ":deferred";

    private final StaffDirectory directory;
    private final DaoRegistry daoRegistry;

    public StaffRulesInterceptor(StaffDirectory directory, DaoRegistry daoRegistry) {
        this.directory = directory;
        this.daoRegistry = daoRegistry;
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void created(IBaseResource resource, RequestDetails request, TransactionDetails transaction) {
        check(request, transaction, null, resource);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void updated(
            IBaseResource previous, IBaseResource updated, RequestDetails request, TransactionDetails transaction) {
        check(request, transaction, previous, updated);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
    public void deleted(IBaseResource resource, RequestDetails request, TransactionDetails transaction) {
        check(request, transaction, resource, null);
    }

    @Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED, order = DEFERRED_ORDER)
    public void createdInTransaction(IBaseResource resource, RequestDetails request, TransactionDetails transaction) {
        recheck(request, transaction, null, resource);
    }

    @Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED, order = DEFERRED_ORDER)
    public void updatedInTransaction(
            IBaseResource previous, IBaseResource updated, RequestDetails request, TransactionDetails transaction) {
        recheck(request, transaction, previous, updated);
    }

    /** Decides a write before it is stored; a refusal that may be for a placeholder waits for the transaction. */
    private void check(
            RequestDetails request, TransactionDetails transaction, IBaseResource before, IBaseResource after) {
        IBaseResource written = after != null ? after : before;
        Optional<StaffMember> member = member(request, written);
        if (member.isEmpty()) {
            return;
        }
        StaffPlaces places = new StaffPlaces(daoRegistry, reads(transaction));
        Optional<StaffRules.Refusal> refusal = decide(member.get(), before, after, places);
        if (refusal.isEmpty()) {
            return;
        }
        if (after != null && places.unresolved() && transaction != null && transaction.isFhirTransaction()) {
            deferred(transaction).put(after, refusal.get());
            return;
        }
        throw refused(refusal.get());
    }

    /** Decides a write whose check waited for the transaction's references, with them now replaced. */
    private void recheck(
            RequestDetails request, TransactionDetails transaction, IBaseResource before, IBaseResource after) {
        IBaseResource written = after != null ? after : before;
        Map<IBaseResource, StaffRules.Refusal> deferred =
                transaction == null ? null : transaction.getUserData(DEFERRED);
        if (deferred == null || deferred.remove(written) == null) {
            return;
        }
        Optional<StaffMember> member = member(request, written);
        if (member.isPresent()) {
            decide(member.get(), before, after, new StaffPlaces(daoRegistry, reads(transaction)))
                    .ifPresent(refusal -> {
                        throw refused(refusal);
                    });
        }
    }

    /**
     * Fails closed: a deferred write HAPI did not hand to the pre-commit hooks (this hook runs after them, in the same
     * database transaction) is refused as it was before it was stored.
     */
    @Hook(Pointcut.STORAGE_TRANSACTION_PROCESSED)
    public void transactionProcessed(TransactionDetails transaction) {
        Map<IBaseResource, StaffRules.Refusal> deferred =
                transaction == null ? null : transaction.getUserData(DEFERRED);
        if (deferred != null && !deferred.isEmpty()) {
            throw refused(deferred.values().iterator().next());
        }
    }

    /** The practitioner making a governed write, as the staff; empty for everyone else. */
    private Optional<StaffMember> member(RequestDetails request, IBaseResource written) {
        if (!governed(written) || request == null) {
            return Optional.empty();
        }
        return RequestUser.of(request.getUserData())
                .filter(user -> user.kind() == RequestUser.Kind.PRACTITIONER)
                .flatMap(RequestUser::practitionerId)
                .map(practitioner -> directory.member(request, practitioner));
    }

    /** What the checks of this database transaction have read (a fresh map outside one). */
    private static Map<String, Resource> reads(TransactionDetails transaction) {
        return transaction == null ? new HashMap<>() : transaction.getOrCreateUserData(READS, HashMap::new);
    }

    /**
     * The writes of this transaction whose check waits for its references (the very resource objects HAPI stores), with
     * the refusal they met before they were stored.
     */
    private static Map<IBaseResource, StaffRules.Refusal> deferred(TransactionDetails transaction) {
        return transaction.getOrCreateUserData(DEFERRED, IdentityHashMap::new);
    }

    private static boolean governed(IBaseResource resource) {
        return resource instanceof Appointment
                || resource instanceof Schedule
                || resource instanceof Slot
                || resource instanceof Location
                || resource instanceof PractitionerRole;
    }

    private static Optional<StaffRules.Refusal> decide(
            StaffMember member, IBaseResource before, IBaseResource after, StaffPlaces places) {
        IBaseResource written = after != null ? after : before;
        String reference = written.getIdElement().hasIdPart()
                ? written.fhirType() + "/" + written.getIdElement().getIdPart()
                : "the new " + written.fhirType();
        if (written instanceof Appointment) {
            return appointment(member, reference, (Appointment) before, (Appointment) after, places);
        }
        if (written instanceof PractitionerRole) {
            return StaffRules.role(member, (PractitionerRole) before, (PractitionerRole) after, places::ofAvailability);
        }
        if (written instanceof Location) {
            return StaffRules.location(member, (Location) before, (Location) after, places::ofAvailability);
        }
        return StaffRules.availability(member, reference, before, after, places::ofAvailability);
    }

    /** Both versions must be at one of the member's places: moving an Appointment away needs rights at both ends. */
    private static Optional<StaffRules.Refusal> appointment(
            StaffMember member, String reference, Appointment before, Appointment after, StaffPlaces places) {
        boolean manager = member.isManager();
        if (after != null) {
            Optional<StaffRules.Refusal> refusal = StaffRules.appointment(member, reference, places.of(after, manager));
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        if (before != null) {
            Place was = places.of(before, manager);
            if (was.known() || after == null) {
                return StaffRules.appointment(member, reference, was);
            }
        }
        return Optional.empty();
    }

    private static ForbiddenOperationException refused(StaffRules.Refusal refusal) {
        ForbiddenOperationException forbidden =
                SchedulingErrors.forbidden(BookingRefusal.NOT_PERMITTED, refusal.message());
        ((OperationOutcome) forbidden.getOperationOutcome())
                .getIssueFirstRep()
                .getDetails()
                .addCoding(new Coding(
                        refusal.reason().system(),
                        refusal.reason().code(),
                        refusal.reason().display()));
        return forbidden;
    }
}
