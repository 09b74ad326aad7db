package org.mediwox.server.security.accounts;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Patient;
import org.mediwox.plugin.account.AccountMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A patient registers: the form is checked, the account is linked to the clinic's record of this patient when exactly
 * one active Patient matches — family name (without case and accents) and birth date, the identifier (an MRN) when one is given, and the e-mail
 * address when that Patient has one — and has no account yet; otherwise a new Patient is made. The account cannot sign
 * in until the link sent to its address is opened. The answer is the same whether or not the address already has an
 * account (the owner of an unconfirmed one gets a new link), so the form does not tell who is registered.
 */
final class Registration {

    private static final Logger log = LoggerFactory.getLogger(Registration.class);
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final int CANDIDATES = 10;

    /** What the patient typed. */
    record Form(String email, String password, String given, String family, String birthDate, String identifier) {}

    /**
     * The answer: field errors (name → text key) to show with the form again, or none when the form was taken (a link
     * was sent, or the address had an account already).
     */
    record Outcome(Map<String, String> errors) {
        boolean accepted() {
            return errors.isEmpty();
        }
    }

    private final Accounts accounts;
    private final DaoRegistry daoRegistry;
    private final PasswordEncoder passwords;
    private final AccountLinks links;
    private final AccountProperties properties;

    Registration(
            Accounts accounts,
            DaoRegistry daoRegistry,
            PasswordEncoder passwords,
            AccountLinks links,
            AccountProperties properties) {
        this.accounts = accounts;
        this.daoRegistry = daoRegistry;
        this.passwords = passwords;
        this.links = links;
        this.properties = properties;
    }

    Outcome register(Form form, String language) {
        Map<String, String> errors = check(form);
        if (!errors.isEmpty()) {
            return new Outcome(errors);
        }
        String email = form.email().trim();
        Optional<Account> existing = accounts.byEmail(email);
        if (existing.isPresent()) {
            if (!existing.get().verified()) {
                sendVerification(existing.get(), language);
            }
            return new Outcome(Map.of());
        }
        LocalDate birthDate = LocalDate.parse(form.birthDate().trim());
        String patient =
                matchingPatient(form, email, birthDate).orElseGet(() -> newPatient(form, email, birthDate, language));
        Optional<Account> created = accounts.create(email, passwords.encode(form.password()), patient);
        // empty: the address (or the Patient) got an account in the meantime; the same answer
        created.ifPresent(account -> sendVerification(account, language));
        return new Outcome(Map.of());
    }

    /** Sends a new confirmation link to an account still waiting for one; nothing for any other address. */
    void resend(String email, String language) {
        if (email == null || email.isBlank() || email.length() > 320) {
            return;
        }
        accounts.byEmail(email)
                .filter(account -> !account.verified())
                .ifPresent(account -> sendVerification(account, language));
    }

    /** Confirms the address of the account the link was sent for; false when the link is not (or no longer) good. */
    boolean verify(String token) {
        Optional<Long> account = accounts.useToken(token, Accounts.Purpose.VERIFY_EMAIL);
        account.ifPresent(accounts::markVerified);
        return account.isPresent();
    }

    private void sendVerification(Account account, String language) {
        String token = accounts.issueToken(account.id(), Accounts.Purpose.VERIFY_EMAIL, properties.verificationTtl());
        links.send(AccountMail.Kind.VERIFY_EMAIL, account, SignInPage.VERIFY, token, language);
    }

    private static Map<String, String> check(Form form) {
        Map<String, String> errors = new LinkedHashMap<>();
        String email = form.email() == null ? "" : form.email().trim();
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            errors.put("email", "register.error.email");
        }
        Passwords.problem(form.password(), email).ifPresent(problem -> errors.put("password", problem));
        if (blankOrLong(form.given())) {
            errors.put("given", "register.error.given");
        }
        if (blankOrLong(form.family())) {
            errors.put("family", "register.error.family");
        }
        try {
            LocalDate birthDate = LocalDate.parse(
                    form.birthDate() == null ? "" : form.birthDate().trim());
            if (birthDate.isAfter(LocalDate.now()) || birthDate.isBefore(LocalDate.of(1900, 1, 1))) {
                errors.put("birthDate", "register.error.birthDate");
            }
        } catch (DateTimeParseException e) {
            errors.put("birthDate", "register.error.birthDate");
        }
        return errors;
    }

    private static boolean blankOrLong(String value) {
        return value == null || value.isBlank() || value.length() > 100;
    }

    /**
     * The one active Patient of this family name and birth date (and identifier, when given) whose e-mail, if it has
     * one, is this address, and who has no account yet.
     */
    private Optional<String> matchingPatient(Form form, String email, LocalDate birthDate) {
        SearchParameterMap params = SearchParameterMap.newSynchronous()
                .add("family", new StringParam(form.family().trim()))
                .add("birthdate", new DateParam(birthDate.toString()))
                .add("active", new TokenParam("true"));
        String identifier = form.identifier() == null ? "" : form.identifier().trim();
        if (!identifier.isEmpty()) {
            params.add("identifier", new TokenParam(null, identifier));
        }
        params.setCount(CANDIDATES);
        List<IBaseResource> found = daoRegistry
                .getResourceDao("Patient")
                .search(params, new SystemRequestDetails())
                .getResources(0, CANDIDATES);
        List<Patient> matching = found.stream()
                .map(Patient.class::cast)
                .filter(patient -> patient.getName().stream()
                        .anyMatch(name -> folded(name.getFamily()).equals(folded(form.family()))))
                .filter(patient -> emailAgrees(patient, email))
                .toList();
        if (matching.size() != 1) {
            return Optional.empty();
        }
        String fhirUser = "Patient/" + matching.get(0).getIdElement().getIdPart();
        if (accounts.hasAccount(fhirUser)) {
            log.warn("A registration matched {}, which has an account already: a new Patient is made", fhirUser);
            return Optional.empty();
        }
        return Optional.of(fhirUser);
    }

    /** A name without case and accents: "García" is "garcia". */
    private static String folded(String name) {
        return name == null
                ? ""
                : Normalizer.normalize(name.trim(), Normalizer.Form.NFD)
                        .replaceAll("\\p{M}", "")
                        .toLowerCase(Locale.ROOT);
    }

    private static boolean emailAgrees(Patient patient, String email) {
        List<String> emails = patient.getTelecom().stream()
                .filter(t -> t.getSystem() == ContactPoint.ContactPointSystem.EMAIL && t.hasValue())
                .map(t -> t.getValue().trim().toLowerCase(Locale.ROOT))
                .toList();
        return emails.isEmpty() || emails.contains(email.toLowerCase(Locale.ROOT));
    }

    private String newPatient(Form form, String email, LocalDate birthDate, String language) {
        Patient patient = new Patient();
        patient.setActive(true);
        patient.addName().setFamily(form.family().trim()).addGiven(form.given().trim());
        patient.setBirthDateElement(new DateType(birthDate.toString()));
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(email);
        patient.addCommunication()
                .setPreferred(true)
                .getLanguage()
                .addCoding()
                .setSystem("urn:ietf:bcp:47")
                .setCode(language);
        String id = daoRegistry
                .getResourceDao("Patient")
                .create(patient, new SystemRequestDetails())
                .getId()
                .toUnqualifiedVersionless()
                .getIdPart();
        return "Patient/" + id;
    }
}
