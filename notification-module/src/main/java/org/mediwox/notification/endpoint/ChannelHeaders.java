package org.mediwox.notification.endpoint;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Subscription's {@code channel.header} entries are sent as HTTP headers of every rest-hook POST, so each must be
 * exactly one well-formed header line {@code Name: value} (RFC 7230: a token name, a value of visible characters,
 * spaces and tabs). A CR or LF would smuggle further headers — or a second request — into the POST. Headers that frame
 * or route the request ({@code Host}, {@code Content-Length}, {@code Transfer-Encoding}, hop-by-hop headers) and those
 * Mediwox sets itself are refused: the subscriber's endpoint URL says where the POST goes, Mediwox says how it is sent.
 */
public final class ChannelHeaders {

    /** RFC 7230 {@code token}. */
    private static final Pattern NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** Visible ASCII, obs-text, space and tab: no control characters, so no CR or LF. */
    private static final Pattern VALUE = Pattern.compile("[\\x20-\\x7e\\x80-\\xff\\t]*");

    private static final Set<String> REFUSED = Set.of(
            "host",
            "content-length",
            "transfer-encoding",
            "connection",
            "keep-alive",
            "proxy-connection",
            "proxy-authorization",
            "proxy-authenticate",
            "te",
            "trailer",
            "upgrade",
            "expect",
            "content-type",
            "x-mediwox-dedupe-key");

    private ChannelHeaders() {}

    /**
     * Splits a header line into name and value.
     *
     * @throws EndpointRefused naming the rule the line breaks
     */
    public static Map.Entry<String, String> parse(String line) {
        if (line == null || line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
            throw new EndpointRefused("a channel header is one line 'Name: value', without CR or LF");
        }
        int colon = line.indexOf(':');
        String name = colon < 0 ? line : line.substring(0, colon);
        if (colon < 0 || !NAME.matcher(name).matches()) {
            throw new EndpointRefused(
                    "a channel header is one line 'Name: value' with a token as name (got '" + printable(line) + "')");
        }
        String value = line.substring(colon + 1).strip();
        if (!VALUE.matcher(value).matches()) {
            throw new EndpointRefused("the value of channel header " + name + " holds control characters");
        }
        if (REFUSED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new EndpointRefused("channel header " + name + " is set by Mediwox (it frames or routes the"
                    + " request); leave it out");
        }
        return Map.entry(name, value);
    }

    private static String printable(String line) {
        String shown = line.length() > 60 ? line.substring(0, 60) + "…" : line;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
