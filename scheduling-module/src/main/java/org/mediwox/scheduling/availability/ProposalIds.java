package org.mediwox.scheduling.availability;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Ids of {@code $find}'s proposed Appointments, which are never stored: {@code proposal-<slot and patient, base32>-<
 * signature>}. The id is a valid FHIR id, so a proposal's {@code fullUrl} is {@code [base]/Appointment/<id>} as IHE's
 * examples show, and {@code $hold}/{@code $book} take it back by {@code appointment-reference}; the HMAC-SHA256
 * signature (an installation key shared by all nodes, {@code mediwox.proposal_key}) makes sure it names a Slot and
 * patient this server proposed. A proposal does not expire: holding or booking it still needs its Slot to be free.
 */
public class ProposalIds {

    /** What a proposal is about. {@code patientId} is null when {@code $find} was not asked for a patient. */
    public record Proposal(String slotId, String patientId) {}

    static final String PREFIX = "proposal-";
    private static final int SIGNATURE_CHARS = 16;
    private static final int MAX_ID = 64;
    private static final Base32 BASE32 = new Base32();

    private final JdbcTemplate jdbc;
    private volatile byte[] key;

    public ProposalIds(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The id of a proposal, or empty when the Slot's and patient's ids are too long to fit in a FHIR id. */
    public Optional<String> idOf(Proposal proposal) {
        String payload = encode(proposal.slotId() + "|" + (proposal.patientId() == null ? "" : proposal.patientId()));
        String id = PREFIX + payload + "-" + sign(payload);
        return id.length() <= MAX_ID ? Optional.of(id) : Optional.empty();
    }

    public static boolean isProposalId(String id) {
        return id != null && id.startsWith(PREFIX);
    }

    /** What the id proposes, if this server signed it. */
    public Optional<Proposal> read(String id) {
        if (!isProposalId(id) || id.length() < PREFIX.length() + SIGNATURE_CHARS + 2) {
            return Optional.empty();
        }
        String payload = id.substring(PREFIX.length(), id.length() - SIGNATURE_CHARS - 1);
        String signature = id.substring(id.length() - SIGNATURE_CHARS);
        if (id.charAt(id.length() - SIGNATURE_CHARS - 1) != '-'
                || !MessageDigest.isEqual(
                        sign(payload).getBytes(StandardCharsets.US_ASCII),
                        signature.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        String decoded = decode(payload);
        int bar = decoded == null ? -1 : decoded.indexOf('|');
        if (bar <= 0) {
            return Optional.empty();
        }
        String patient = decoded.substring(bar + 1);
        return Optional.of(new Proposal(decoded.substring(0, bar), patient.isEmpty() ? null : patient));
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            byte[] digest = mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest).substring(0, SIGNATURE_CHARS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] key() {
        byte[] known = key;
        if (known == null) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            jdbc.update("insert into mediwox.proposal_key (id, secret) values (1, ?) on conflict do nothing", fresh);
            known = jdbc.queryForObject("select secret from mediwox.proposal_key where id = 1", byte[].class);
            key = known;
        }
        return known;
    }

    /** RFC 4648 base32 in lower case without padding: only characters a FHIR id allows. */
    static String encode(String text) {
        return BASE32.encodeAsString(text.getBytes(StandardCharsets.UTF_8))
                .replace("=", "")
                .toLowerCase(Locale.ROOT);
    }

    static String decode(String text) {
        if (!text.matches("[a-z2-7]+")) {
            return null;
        }
        return new String(BASE32.decode(text.toUpperCase(Locale.ROOT)), StandardCharsets.UTF_8);
    }
}
